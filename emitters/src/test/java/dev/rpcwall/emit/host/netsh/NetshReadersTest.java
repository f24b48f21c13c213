package dev.rpcwall.emit.host.netsh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.host.HostInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The netsh readers together: inputs read in order, choice by content, netsh lines of other inputs. */
class NetshReadersTest {
  private static HostInputs.Result read(String... nameAndText) {
    List<HostInputs.Input> inputs = new ArrayList<>();
    for (int i = 0; i < nameAndText.length; i += 2) {
      inputs.add(new HostInputs.Input(nameAndText[i], nameAndText[i + 1].getBytes(StandardCharsets.UTF_8)));
    }
    return HostInputs.standard().read(inputs);
  }

  private static final String DUMP = String.join("\n",
      "Rule Name:                            Windows Management Instrumentation (WMI-In)",
      "-".repeat(70),
      "Enabled:                              No",
      "Direction:                            In",
      "Profiles:                             Domain",
      "Grouping:                             Windows Management Instrumentation (WMI)",
      "LocalIP:                              Any",
      "RemoteIP:                             Any",
      "Protocol:                             TCP",
      "LocalPort:                            Any",
      "RemotePort:                           Any",
      "Edge traversal:                       No",
      "Program:                              %SystemRoot%\\system32\\svchost.exe",
      "Service:                              winmgmt",
      "InterfaceTypes:                       Any",
      "Security:                             NotRequired",
      "Rule source:                          Local Setting",
      "Action:                               Allow",
      "",
      "Rule Name:                            GPO block 445",
      "-".repeat(70),
      "Enabled:                              Yes",
      "Direction:                            In",
      "Profiles:                             Domain,Private,Public",
      "Grouping:                             ",
      "Protocol:                             TCP",
      "LocalPort:                            445",
      "Program:                              Any",
      "Service:                              Any",
      "Rule source:                          Contoso GPO",
      "Action:                               Block",
      "",
      "Ok.");

  @Test
  void laterScript_changesRulesOfAnEarlierDump_butNotGroupPolicyRules() {
    HostInputs.Result r = read("dump.txt", DUMP, "enable.cmd", String.join("\r\n",
        "netsh advfirewall firewall set rule group=\"windows management instrumentation (wmi)\" new enable=yes",
        "netsh advfirewall firewall delete rule name=all protocol=tcp localport=445",
        ""));
    assertThat(r.files()).extracting(s -> s.format()).containsExactly("netsh-show-rule", "netsh");
    assertThat(r.notes()).isEmpty();
    assertThat(r.host().rules()).hasSize(2);
    var wmi = r.host().rules().get(0);
    assertThat(wmi.rule().enabled()).isTrue();
    assertThat(wmi.rule().origin()).isEqualTo(SourceSpan.at("enable.cmd", 1, 1, 5));
    assertThat(wmi.rule().service()).contains("winmgmt");
    // The GPO's rule is not in the local store, which netsh changes (windows-semantics.md 2.3).
    assertThat(r.host().rules().get(1).store()).isEqualTo(HostStore.GPO);
    assertThat(r.files().get(1).rules()).isZero();
  }

  @Test
  void setRuleNew_replacesFieldsOfEveryMatchingRule_andRefusesWhatNetshRefuses() {
    HostState host = new HostState();
    List<HostNote> notes = new ArrayList<>();
    new NetshScriptReader().read(new SourceFile("s.cmd", String.join("\n",
        "netsh advfirewall firewall add rule name=X dir=in action=allow protocol=tcp localport=80",
        "netsh advfirewall firewall add rule name=X dir=out action=allow protocol=tcp remoteport=80",
        "netsh advfirewall firewall set rule name=X new remoteip=10.0.0.0/8 action=block",
        "netsh advfirewall firewall set rule name=X dir=in new protocol=icmpv4",
        "netsh advfirewall firewall set rule name=X dir=in new localport=RPC",
        "")), host, notes);
    assertThat(host.rules()).extracting(h -> Expectations.rule(h)).containsExactly(
        "rule @5 LOCAL \"X\" in block 6 lport=RPC rport=any lip=any rip=10.0.0.0/8 profiles=any enabled",
        "rule @3 LOCAL \"X\" out block 6 lport=any rport=80 lip=any rip=10.0.0.0/8 profiles=any enabled");
    assertThat(notes).extracting(Expectations::note).containsExactly(
        "note 4 invalid-rule ports can only be given with protocol=tcp or protocol=udp; netsh"
            + " rejects this rule (windows-semantics.md 1.2 rule 1); the command adds nothing");
  }

  @Test
  void generatedScriptThatTheStrictReaderRefuses_isReadWildly() throws Exception {
    Path golden = Path.of("src/test/resources/golden/kb-rpc-5001-5021/kb-rpc-5001-5021.cmd");
    String text = new String(Files.readAllBytes(golden), StandardCharsets.UTF_8);
    assertThat(NetshScriptReader.generated(text)).isTrue();
    String edited = text.replace("@echo off\r\n", "@echo off\r\n"
        + "netsh advfirewall firewall add rule name=extra dir=in action=allow protocol=tcp localport=%P%\r\n");
    HostState host = new HostState();
    List<HostNote> notes = new ArrayList<>();
    new NetshScriptReader().read(new SourceFile("kb.cmd", edited), host, notes);
    assertThat(host.rules()).extracting(h -> h.rule().displayName()).containsExactly(
        "extra",
        "rpcwall/kb-rpc-5001-5021-10a0bf28/block-tcp-135,5001-5021",
        "rpcwall/kb-rpc-5001-5021-10a0bf28/allow-tcp-135,5001-5021");
    assertThat(notes).anyMatch(n -> n.message().startsWith("%P% in localport="));
    assertThat(host.rpcInternet().get("Ports").data()).containsExactly("5001-5021");
  }

  @Test
  void netshLineOfAPowerShellScript_isReadWithSpansInThatLine() {
    HostState host = new HostState();
    List<HostNote> notes = new ArrayList<>();
    NetshCommandLineReader reader = new NetshCommandLineReader();
    SourceSpan at = SourceSpan.at("setup.ps1", 12, 5, 90);
    reader.read("netsh advfirewall firewall add rule name=\"WinRM HTTPS\" dir=in action=allow"
        + " protocol=TCP localport=5986", at, host, notes);
    reader.read("netsh advfirewall firewall add rule name=\"P\" dir=in action=allow protocol=TCP"
        + " localport=$port", SourceSpan.at("setup.ps1", 13, 5, 80), host, notes);
    reader.read("netsh advfirewall set publicprofile state off", SourceSpan.at("setup.ps1", 14, 1, 45),
        host, notes);
    assertThat(host.rules()).extracting(h -> Expectations.rule(h)).containsExactly(
        "rule @12 LOCAL \"WinRM HTTPS\" in allow 6 lport=5986 rport=any lip=any rip=any profiles=any enabled",
        "rule @13 LOCAL \"P\" in allow 6 lport=any rport=any lip=any rip=any profiles=any enabled"
            + " other=[localport=$port: not known ($port no value the script sets)]");
    assertThat(host.rules().get(0).rule().origin().column()).isEqualTo(5);
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).at().line()).isEqualTo(13);
    assertThat(notes.get(0).at().column()).isGreaterThan(5);
    assertThat(host.profileStates()).hasSize(1);
    assertThat(NetshCommandLineReader.create()).isInstanceOf(NetshCommandLineReader.class);
  }

  private static String readGolden(String path) {
    try {
      return new String(Files.readAllBytes(Path.of("src/test/resources/golden/" + path)),
          StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void recognise_choosesByContent() {
    NetshScriptReader script = new NetshScriptReader();
    ShowRuleReader dump = new ShowRuleReader();
    String cmd = "@echo off\r\nnetsh advfirewall firewall add rule name=x dir=in action=allow\r\n";
    assertThat(script.recognise(cmd)).isGreaterThan(dump.recognise(cmd));
    assertThat(dump.recognise(DUMP)).isGreaterThan(script.recognise(DUMP));
    String pasted = "C:\\> netsh advfirewall firewall show rule name=all verbose\n\n" + DUMP;
    assertThat(dump.recognise(pasted)).isGreaterThan(script.recognise(pasted));
    String ps1 = "$p = 5986\nNew-NetFirewallRule -Name x\nnetsh advfirewall firewall add rule name=x dir=in action=allow\n";
    assertThat(script.recognise(ps1)).isLessThan(50);
    assertThat(script.recognise("reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v Ports"
        + " /t REG_MULTI_SZ /d 5000-5100 /f")).isGreaterThan(0);
    assertThat(script.recognise("hello world")).isZero();
    for (String legacy : List.of("kb-rpc-5001-5021-netsh-ipsec.cmd", "kb-rpc-5001-5021-ipsecpol.cmd",
        "kb-rpc-5001-5021-ipseccmd.cmd")) {
      String text = readGolden("kb-rpc-5001-5021/" + legacy);
      assertThat(text).contains("Rpc\\Internet");
      assertThat(script.recognise(text)).as(legacy).isLessThanOrEqualTo(30);
    }
    assertThat(dump.recognise("hello world")).isZero();
  }

  @Test
  void dumpQuotedInAMail_hasColumnsOfTheFile() {
    String quoted = "Sam wrote:\n" + String.join("\n", DUMP.lines().map(l -> "> " + l).toList());
    HostState host = new HostState();
    List<HostNote> notes = new ArrayList<>();
    new ShowRuleReader().read(new SourceFile("mail.txt", quoted), host, notes);
    assertThat(notes).isEmpty();
    assertThat(host.rules()).hasSize(2);
    assertThat(host.rules().get(0).rule().origin()).isEqualTo(SourceSpan.at("mail.txt", 2, 3,
        "Rule Name:                            Windows Management Instrumentation (WMI-In)".length()));
    assertThat(host.rules().get(1).rule().origin().line()).isEqualTo(21);
  }

  @Test
  void generatedScriptTwice_orItsRollbackAfterIt_leavesWhatTheHostHas() {
    String apply = readGolden("kb-rpc-5001-5021/kb-rpc-5001-5021.cmd");
    String rollback = readGolden("kb-rpc-5001-5021/kb-rpc-5001-5021-rollback.cmd");
    HostInputs.Result once = read("a.cmd", apply);
    HostInputs.Result twice = read("a.cmd", apply, "a.cmd", apply);
    assertThat(once.host().rules()).hasSize(2);
    assertThat(twice.host().rules()).isEqualTo(once.host().rules());
    HostInputs.Result undone = read("a.cmd", apply, "r.cmd", rollback, "other.cmd",
        "netsh advfirewall firewall add rule name=keep dir=in action=allow protocol=tcp localport=1");
    assertThat(undone.host().rules()).extracting(h -> h.rule().displayName()).containsExactly("keep");
    assertThat(undone.notes()).isEmpty();
  }
}
