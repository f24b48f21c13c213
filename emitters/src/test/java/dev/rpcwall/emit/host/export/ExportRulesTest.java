package dev.rpcwall.emit.host.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.model.HostCondition;
import dev.rpcwall.compiler.model.WfasVerdict;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values of windows-semantics.md 4.2 as each export spells them, one case at a time. */
class ExportRulesTest {
  private record Read(List<String> rules, List<String> notes) {}

  private static Read read(HostReader reader, String text) {
    HostState host = new HostState();
    List<HostNote> notes = new ArrayList<>();
    reader.read(new SourceFile("t", text), host, notes);
    return new Read(Described.rules(host.rules()), Described.notes(notes));
  }

  private static final String FULL = "\"Protocol\": \"TCP\", \"LocalPort\": \"135\","
      + " \"RemotePort\": \"Any\", \"LocalAddress\": \"Any\", \"RemoteAddress\": \"Any\","
      + " \"Program\": \"Any\", \"Service\": \"Any\"";

  @Test
  void jsonCimNumbers_bypassProfileBitsAndGpoStore() {
    Read r = read(new JsonExportReader(), "{\"value\": [{\"Name\": \"b\", \"Enabled\": 1,"
        + " \"Profiles\": 6, \"Direction\": 1, \"Action\": 3, \"PolicyStoreSourceType\": 2, "
        + FULL + "}], \"Count\": 1}");
    assertThat(r.rules()).containsExactly("b | b | IN BYPASS | on | profiles PRIVATE,PUBLIC"
        + " | proto 6 | lport 135 | rport any | laddr any | raddr any | program - | service -"
        + " | group - | GPO @1:21");
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void policyStoreSourceOfAGpo_withoutItsType_isAGpoRule() {
    Read r = read(new CsvExportReader(), "Name,Direction,Action,PolicyStoreSource\n"
        + "g,Inbound,Allow,contoso.com\\Servers\nl,Inbound,Allow,PersistentStore\n");
    assertThat(r.rules()).hasSize(2);
    assertThat(r.rules().get(0)).contains("| GPO |");
    assertThat(r.rules().get(1)).contains("| LOCAL |");
  }

  @Test
  void aRuleIdAlreadyOnTheHost_isReplacedInItsStore_butDisplayNamesAreNotIds() {
    HostState host = new HostState();
    String head = "Name,DisplayName,Direction,Action,PolicyStoreSourceType\n";
    new CsvExportReader().read(new SourceFile("a", head + "x,Old,Inbound,Allow,Local\n"
        + "x,Gpo,Inbound,Allow,GroupPolicy\n"), host, new ArrayList<>());
    new CsvExportReader().read(new SourceFile("b", head + "X,New,Inbound,Block,Local\n"), host,
        new ArrayList<>());
    assertThat(host.rules()).extracting(h -> h.rule().displayName() + " " + h.store())
        .containsExactly("Gpo GPO", "New LOCAL");
    HostState byDisplay = new HostState();
    new FormatTableReader().read(new SourceFile("t", "DisplayName Direction Action\n"
        + "----------- --------- ------\nSame        Inbound   Allow\nSame        Inbound   Block\n"),
        byDisplay, new ArrayList<>());
    assertThat(byDisplay.rules()).hasSize(2);
  }

  @Test
  void primaryStatusError_leavesNoRule() {
    Read r = read(new JsonExportReader(), "[{\"Name\": \"e\", \"Direction\": 1, \"Action\": 2,"
        + " \"Enabled\": 1, \"Profiles\": 0, \"PrimaryStatus\": 3, " + FULL + "}]");
    assertThat(r.rules()).isEmpty();
    assertThat(r.notes()).containsExactly("1:91 invalid-rule Windows reports this rule as not"
        + " parsed (PrimaryStatus 3); it is not enforced");
  }

  @Test
  void bypassOutbound_anyWithPorts_andIpv6Loopback_areRefused() {
    String head = "Name\tDirection\tAction\tEnabled\tProfile\tProtocol\tLocalPort\tRemotePort"
        + "\tLocalAddress\tRemoteAddress\tProgram\tService\n";
    Read r = read(new CsvExportReader(), head
        + "out\tOutbound\tAllowBypass\tTrue\tAny\tTCP\t135\tAny\tAny\tAny\tAny\tAny\n"
        + "mix\tInbound\tAllow\tTrue\tAny\tTCP\tAny,135\tAny\tAny\tAny\tAny\tAny\n"
        + "lo6\tInbound\tAllow\tTrue\tAny\tTCP\t135\tAny\tAny\t::1\tAny\tAny\n"
        + "ok\tInbound\tAllow\tTrue\tAny\tTCP\t0-65535\t65535\t0.0.0.0\t2001:db8::/32\tAny\t*\n");
    assertThat(r.rules()).containsExactly("ok | ok | IN ALLOW | on | profiles any | proto 6"
        + " | lport 0-65535 | rport 65535 | laddr 0.0.0.0 | raddr 2001:db8::/32 | program -"
        + " | service * | group - | LOCAL @5:1");
    assertThat(r.notes()).hasSize(3);
    assertThat(r.notes().get(0)).startsWith("2:14 invalid-rule an AllowBypass rule must be inbound");
    assertThat(r.notes().get(1)).startsWith("3:32 invalid-rule 'Any' cannot be combined");
    assertThat(r.notes().get(2)).startsWith("4:44 invalid-rule '::1': an IPv6 address list must not"
        + " contain the loopback address");
  }

  @Test
  void unknownValues_becomeUnknownConditions_notAny() {
    Read r = read(new FormatListReader(), "Name          : k\nDirection     : Inbound\n"
        + "Action        : Block\nEnabled       : Maybe\nProfile       : Any\n"
        + "Protocol      : TCP\nLocalPort     : 135\nRemotePort    : Any\n"
        + "LocalAddress  : Any\nRemoteAddress : LocalSubnet4\nProgram       : Any\n"
        + "Service       : Any\nInterfaceType : Wireless\n");
    assertThat(r.rules()).containsExactly("k | k | IN BLOCK | on | profiles any | proto 6"
        + " | lport 135 | rport any | laddr any | raddr any | program - | service - | group -"
        + " | LOCAL | other [Enabled unreadable in the export, remote address LocalSubnet4,"
        + " InterfaceType Wireless] @1:17");
    assertThat(r.notes()).containsExactly(
        "4:17 unreadable 'Maybe' is not an Enabled value (True, False, 1 or 2)");
  }

  @Test
  void missingPortColumns_areNotEnoughInformation_neverOpenToAny() {
    String head = "Name;Direction;Action;Enabled;Profile";
    HostState partial = new HostState();
    new CsvExportReader().read(new SourceFile("p", head + "\nw;Inbound;Allow;True;Any\n"),
        partial, new ArrayList<>());
    HostState full = new HostState();
    new CsvExportReader().read(new SourceFile("f", head + ";Protocol;LocalPort;RemotePort;"
        + "LocalAddress;RemoteAddress;Program;Service\nw;Inbound;Allow;True;Any;TCP;135;Any;Any;"
        + "Any;Any;Any\n"), full, new ArrayList<>());
    Ip internet = Ip.parse("203.0.113.9").orElseThrow();
    for (HostCondition reading : HostCondition.values()) {
      WfasVerdict unknown = new EffectiveHost(partial).evaluator(Profile.PUBLIC, reading)
          .decide(Profile.PUBLIC, Protocol.TCP, 135, internet);
      assertThat(unknown.hostDependent()).as(reading.name()).isTrue();
      WfasVerdict known = new EffectiveHost(full).evaluator(Profile.PUBLIC, reading)
          .decide(Profile.PUBLIC, Protocol.TCP, 135, internet);
      assertThat(known.hostDependent()).isFalse();
      assertThat(known.decision()).isEqualTo(Decision.ALLOW);
      assertThat(new EffectiveHost(full).evaluator(Profile.PUBLIC, reading)
          .decide(Profile.PUBLIC, Protocol.TCP, 136, internet).decision())
          .isEqualTo(Decision.BLOCK);
    }
  }

  @Test
  void csvQuoteNotClosed_readsTheRowsBefore() {
    Read r = read(new CsvExportReader(), "Name,Direction,Action\na,Inbound,Allow\n\"b,Inbound");
    assertThat(r.rules()).hasSize(1);
    assertThat(r.rules().get(0)).startsWith("a | a | IN ALLOW");
    assertThat(r.notes()).contains(
        "3:1 unreadable this quoted field is not closed; the rest of the file is not read");
  }

  @Test
  void recognition_isByContent() {
    String netshDump = "Rule Name:                            RPC\n"
        + "----------------------------------------------------------------------\n"
        + "Enabled:                              Yes\nDirection:                            In\n";
    for (HostReader reader : List.of(new CsvExportReader(), new JsonExportReader(),
        new FormatListReader(), new FormatTableReader())) {
      assertThat(reader.recognise(netshDump)).as(reader.format()).isZero();
      assertThat(reader.recognise("")).as(reader.format()).isZero();
    }
    assertThat(new CsvExportReader().recognise("#TYPE Microsoft.Management.Infrastructure."
        + "CimInstance#root/standardcimv2/MSFT_NetFirewallRule\n\"Name\",\"DisplayName\"\n"))
        .isEqualTo(95);
    assertThat(new CsvExportReader().recognise("Name;Direction;Action\n")).isEqualTo(85);
    assertThat(new FormatTableReader().recognise("\nName Direction\n---- ---------\n"))
        .isEqualTo(85);
    assertThat(new FormatListReader().recognise("Name      : x\nDirection : Inbound\n"))
        .isEqualTo(85);
    assertThat(new JsonExportReader().recognise("  [{\"Direction\": 1}]")).isEqualTo(90);
  }

  @Test
  void groupBy_givesTheGroupPropertyToTheObjectsBelow() {
    String table = "\n   Direction: Inbound\n\nName DisplayName Action\n---- ----------- ------\n"
        + "a    A           Allow\n\n   Direction: Outbound\n\nName DisplayName Action\n"
        + "---- ----------- ------\nb    B           Block\n\n";
    Read t = read(new FormatTableReader(), table);
    assertThat(t.rules()).hasSize(2);
    assertThat(t.rules().get(0)).startsWith("a | A | IN ALLOW");
    assertThat(t.rules().get(1)).startsWith("b | B | OUT BLOCK");
    assertThat(t.notes()).noneMatch(n -> n.contains("outside any table"));
    String list = "\n   Direction: Outbound\n\nName   : c\nAction : Block\n\nName   : d\n"
        + "Action : Allow\n\n   Direction: Inbound\n\nName   : e\nAction : Allow\n";
    Read l = read(new FormatListReader(), list);
    assertThat(l.rules()).hasSize(3);
    assertThat(l.rules().get(0)).startsWith("c | c | OUT BLOCK");
    assertThat(l.rules().get(1)).startsWith("d | d | OUT ALLOW");
    assertThat(l.rules().get(2)).startsWith("e | e | IN ALLOW");
    assertThat(l.notes()).noneMatch(n -> n.contains("not a 'Name : value' line"));
  }

  @Test
  void tableLastColumnEndingInDots_isCutOnlyAtConsoleWidth() {
    String table = "Name Direction Action DisplayName\n---- --------- ------ -----------\n"
        + "a    Inbound   Allow  Wait...\n";
    Read r = read(new FormatTableReader(), table);
    assertThat(r.rules().get(0)).startsWith("a | Wait... | IN ALLOW");
    assertThat(r.notes()).noneMatch(n -> n.contains("lossy"));
  }
}
