package dev.rpcwall.emit.host.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.emit.host.HostInputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fixture corpus of {@code host/export/}: each file, as PowerShell writes it (encodings: UTF-8
 * with and without BOM, UTF-16LE with BOM as Out-File writes by default; CRLF and LF), read through
 * {@link HostInputs#standard()} to exactly these rules and notes.
 */
class ExportFixturesTest {
  private static final String NOT_IN = " not in the export";
  private static final String ALL_UNKNOWN =
      "other [program" + NOT_IN + ", service" + NOT_IN + "]";

  static byte[] bytes(String name) {
    try (InputStream in = ExportFixturesTest.class.getResourceAsStream("/host/export/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HostInputs.Result read(String name) {
    return HostInputs.standard().read(List.of(new HostInputs.Input(name, bytes(name))));
  }

  private static void assertNotes(List<HostNote> notes, String... prefixes) {
    List<String> texts = Described.notes(notes);
    assertThat(texts).hasSize(prefixes.length);
    for (int i = 0; i < prefixes.length; i++) {
      assertThat(texts.get(i)).as("note %d", i).startsWith(prefixes[i]);
    }
  }

  @Test
  void csvWithTypeLineCommaAndQuotes_readsEveryRule() {
    HostInputs.Result r = read("csv-full-comma.csv");
    assertThat(r.files().get(0).format()).isEqualTo("csv");
    assertThat(Described.rules(r.host().rules())).containsExactly(
        "RPC-EPM-In | RPC Endpoint Mapper (TCP-In) | IN ALLOW | on | profiles DOMAIN,PRIVATE"
            + " | proto 6 | lport RPC_EPMAP | rport any | laddr any | raddr 10.0.0.0/8"
            + " | program %SystemRoot%\\system32\\svchost.exe | service RpcSs"
            + " | group Remote Management | LOCAL @3:1",
        "RPC-Dyn-In | RPC dynamic ports (TCP-In) | IN ALLOW | on | profiles DOMAIN | proto 6"
            + " | lport RPC | rport any | laddr any | raddr 10.0.0.0/8,192.168.10.5-192.168.10.9"
            + " | program - | service winmgmt | group Remote Management | GPO @4:1",
        "Block-NetBIOS-Out | Block \"NetBIOS\" out | OUT BLOCK | off | profiles any | proto 17"
            + " | lport any | rport 137-139 | laddr any | raddr any | program - | service -"
            + " | group - | LOCAL @5:1",
        "SMB-Public | SMB (TCP-In) | IN ALLOW | on | profiles PUBLIC | proto 6 | lport 445"
            + " | rport any | laddr any | raddr any | program System | service - | group - | LOCAL @7:1");
    assertThat(r.host().rules().get(2).rule().description()).contains("Two lines:\nfirst, second");
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void csvSemicolonWithoutPortColumns_readsRulesWithPortsUnknown() {
    HostInputs.Result r = read("csv-semicolon-noports.csv");
    assertThat(r.files().get(0).format()).isEqualTo("csv");
    String other = " | other [ports" + NOT_IN + ", addresses" + NOT_IN + ", program" + NOT_IN
        + ", service" + NOT_IN + "]";
    assertThat(Described.rules(r.host().rules())).containsExactly(
        "WMI-WINMGMT-In-TCP | Windows Management Instrumentation (WMI-In) | IN ALLOW | on"
            + " | profiles PRIVATE,PUBLIC | proto any | lport any | rport any | laddr any"
            + " | raddr any | program - | service - | group - | LOCAL" + other + " @2:1",
        "CoreNet-Block | Block everything; really | IN BLOCK | on | profiles any | proto any"
            + " | lport any | rport any | laddr any | raddr any | program - | service - | group -"
            + " | GPO" + other + " @3:1");
    assertNotes(r.notes(),
        "1:1 unreadable the export has no Protocol, LocalPort and RemotePort",
        "1:1 unreadable the export has no LocalAddress and RemoteAddress",
        "1:1 unreadable the export has no Program",
        "1:1 unreadable the export has no Service");
  }

  @Test
  void csvOfRuleObjectsAsTheyCome_ignoresCimColumnsAndReadsConditionsAsUnknown() {
    HostInputs.Result r = read("csv-raw-cim.csv");
    assertThat(r.files().get(0).format()).isEqualTo("csv");
    String other = " | other [ports" + NOT_IN + ", addresses" + NOT_IN + ", program" + NOT_IN
        + ", service" + NOT_IN + "]";
    assertThat(Described.rules(r.host().rules())).containsExactly(
        "WMI-WINMGMT-In-TCP | Windows Management Instrumentation (WMI-In) | IN ALLOW | off"
            + " | profiles any | proto any | lport any | rport any | laddr any | raddr any"
            + " | program - | service - | group @FirewallAPI.dll,-34251 | LOCAL" + other + " @3:1",
        "RemoteDesktop-UserMode-In-TCP | Remote Desktop - User Mode (TCP-In) | IN ALLOW | on"
            + " | profiles DOMAIN,PRIVATE | proto any | lport any | rport any | laddr any"
            + " | raddr any | program - | service - | group @FirewallAPI.dll,-28752 | GPO" + other
            + " @4:1");
    assertNotes(r.notes(),
        "2:1 unreadable the export has no Protocol, LocalPort and RemotePort",
        "2:1 unreadable the export has no LocalAddress and RemoteAddress",
        "2:1 unreadable the export has no Program",
        "2:1 unreadable the export has no Service");
  }

  @Test
  void csvWithValuesWindowsRefuses_notesEachAtItsField() {
    HostInputs.Result r = read("csv-invalid.csv");
    assertThat(Described.rules(r.host().rules())).containsExactly(
        "array-addr | Addresses not expanded | IN ALLOW | on | profiles any | proto 6 | lport 135"
            + " | rport any | laddr any | raddr any | program - | service - | group - | LOCAL"
            + " | other [remote address" + NOT_IN + ", local address" + NOT_IN + ", program"
            + NOT_IN + ", service" + NOT_IN + "] @4:1");
    assertNotes(r.notes(),
        "2:58 invalid-rule '70000' is not a port or range Windows accepts",
        "1:1 unreadable the export has no LocalAddress",
        "1:1 unreadable the export has no Program",
        "1:1 unreadable the export has no Service",
        "3:61 invalid-rule LocalPort needs protocol TCP or UDP",
        "4:73 unreadable the RemoteAddress value is the name of a type ('System.Object[]')",
        "5:37 unreadable 'Sideways' is not a Direction",
        "6:53 invalid-rule Windows reports this rule as not parsed (PrimaryStatus Error)",
        "7:58 invalid-rule the RPC port keywords need protocol TCP");
  }

  @Test
  void jsonWithEnumNumbersAndNestedFilters_readsRules() {
    HostInputs.Result r = read("json-numbers.json");
    assertThat(r.files().get(0).format()).isEqualTo("json");
    assertThat(Described.rules(r.host().rules())).containsExactly(
        "WMI-In-Admins | WMI from the admin subnets | IN ALLOW | on | profiles DOMAIN,PUBLIC"
            + " | proto 6 | lport 135 | rport any | laddr any"
            + " | raddr 10.1.0.0/16,192.168.5.1-192.168.5.9 | program - | service winmgmt"
            + " | group - | LOCAL @3:18",
        "Telnet-Out-Block | Block telnet out | OUT BLOCK | off | profiles any | proto 6"
            + " | lport any | rport 23,992 | laddr any | raddr any | program - | service -"
            + " | group - | GPO @29:18");
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void jsonWithEnumStringsCutAtDepth_reportsTheCutAndReadsPortsAsUnknown() {
    HostInputs.Result r = read("json-strings-depth.json");
    assertThat(Described.rules(r.host().rules())).containsExactly(
        "RDP-In | Remote Desktop - User Mode (TCP-In) | IN ALLOW | on | profiles DOMAIN,PRIVATE"
            + " | proto any | lport any | rport any | laddr any | raddr any"
            + " | program %SystemRoot%\\system32\\svchost.exe | service TermService | group -"
            + " | LOCAL | other [ports" + NOT_IN + ", addresses" + NOT_IN + "] @2:11");
    assertNotes(r.notes(),
        "11:19 unreadable the PortFilter value was cut by ConvertTo-Json -Depth",
        "1:1 unreadable the export has no Protocol, LocalPort and RemotePort",
        "1:1 unreadable the export has no LocalAddress and RemoteAddress");
  }

  @Test
  void jsonCutOff_readsWhatPrecedesTheCut() {
    HostInputs.Result r = read("json-truncated.json");
    assertThat(Described.rules(r.host().rules())).containsExactly(
        "A | First | IN BLOCK | on | profiles any | proto 17 | lport 161 | rport any | laddr any"
            + " | raddr LOCAL_SUBNET | program - | service - | group - | LOCAL @2:12");
    assertNotes(r.notes(), "5:32 unreadable not valid JSON here: a string is not closed");
  }

  @Test
  void formatListWithFilterBlocks_joinsFiltersToTheirRuleAndReportsTheCutList() {
    HostInputs.Result r = read("fl-rules.txt");
    assertThat(r.files().get(0).format()).isEqualTo("format-list");
    assertThat(Described.rules(r.host().rules())).containsExactly(
        "DCOM-In | DCOM activation from the admin subnet | IN ALLOW | on | profiles DOMAIN"
            + " | proto 6 | lport RPC_EPMAP | rport any | laddr any | raddr 10.20.0.0/16"
            + " | program - | service - | group Remote Management | LOCAL | " + ALL_UNKNOWN
            + " @3:25",
        "WinRM-In | Windows Remote Management (HTTP-In) | IN ALLOW | on | profiles any | proto 6"
            + " | lport 5985 | rport any | laddr any | raddr 10.30.0.0-10.33.255.255 | program -"
            + " | service - | group - | GPO | " + ALL_UNKNOWN + " @23:25",
        "Mgmt-Ports | Management ports | IN BLOCK | off | profiles DOMAIN,PRIVATE | proto 6"
            + " | lport any | rport any | laddr any | raddr any | program - | service - | group -"
            + " | LOCAL | other [local port lost in the export, program" + NOT_IN + ", service"
            + NOT_IN + "] @42:25");
    assertNotes(r.notes(),
        "3:1 unreadable the export has no Program",
        "3:1 unreadable the export has no Service",
        "52:17 unreadable the LocalPort value is lossy in this export (more items than"
            + " $FormatEnumerationLimit shows): '{135, 445, 593, 5985...}'");
  }

  @Test
  void showNetFirewallRule_readsTheIndentedFilterSections() {
    HostInputs.Result r = read("fl-show.txt");
    assertThat(r.files().get(0).format()).isEqualTo("format-list");
    assertThat(Described.rules(r.host().rules())).containsExactly(
        "SNMP-In | SNMP Service (UDP In) | IN ALLOW | off | profiles PRIVATE,PUBLIC | proto 17"
            + " | lport 161 | rport any | laddr any | raddr LOCAL_SUBNET"
            + " | program %SystemRoot%\\system32\\snmp.exe | service snmp | group SNMP Service"
            + " | LOCAL | other [InterfaceType Wired] @2:33");
    assertThat(r.host().rules().get(0).rule().description()).contains("Inbound rule for SNMP");
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void formatTableAutoSize_readsEveryRow() {
    HostInputs.Result r = read("ft-autosize.txt");
    assertThat(r.files().get(0).format()).isEqualTo("format-table");
    String other = " | other [profile" + NOT_IN + ", remote port" + NOT_IN + ", local address"
        + NOT_IN + ", program" + NOT_IN + ", service" + NOT_IN + "]";
    assertThat(Described.rules(r.host().rules())).containsExactly(
        "RPC-EPM-In | RPC Endpoint Mapper | IN ALLOW | on | profiles any | proto 6"
            + " | lport RPC_EPMAP | rport any | laddr any | raddr 10.0.0.0/8 | program -"
            + " | service - | group - | LOCAL" + other + " @4:1",
        "RPC-Dyn-In | RPC Dynamic | IN ALLOW | on | profiles any | proto 6 | lport RPC"
            + " | rport any | laddr any | raddr 10.0.0.0/8 | program - | service - | group -"
            + " | LOCAL" + other + " @5:1",
        "WMI-Fixed-In | WMI on its fixed port | IN ALLOW | off | profiles any | proto 6"
            + " | lport 24158 | rport any | laddr any | raddr any | program - | service -"
            + " | group - | LOCAL" + other + " @6:1",
        "Block-SMB | Block SMB from Internet | IN BLOCK | on | profiles any | proto 6"
            + " | lport 139,445 | rport any | laddr any | raddr INTERNET | program - | service -"
            + " | group - | LOCAL" + other + " @7:1");
    assertNotes(r.notes(),
        "2:1 unreadable the export has no Profile",
        "2:1 unreadable the export has no RemotePort",
        "2:1 unreadable the export has no LocalAddress",
        "2:1 unreadable the export has no Program",
        "2:1 unreadable the export has no Service");
  }

  @Test
  void formatTableCutCells_areLossyNotesNamingTheColumn() {
    HostInputs.Result r = read("ft-truncated.txt");
    assertThat(r.files().get(0).format()).isEqualTo("format-table");
    String tail = "protocol" + NOT_IN + ", remote port" + NOT_IN;
    String end = "local address" + NOT_IN + ", program" + NOT_IN + ", service" + NOT_IN + "]";
    assertThat(Described.rules(r.host().rules())).containsExactly(
        "WMI-In | Windows Managem\u2026 | IN ALLOW | on | profiles any | proto any | lport 135"
            + " | rport any | laddr any | raddr any | program - | service - | group - | LOCAL"
            + " | other [profile" + NOT_IN + ", " + tail + ", remote address lost in the export, "
            + end + " @4:1",
        "Epm-Open | Endpoint mapper | IN ALLOW | on | profiles any | proto any | lport any"
            + " | rport any | laddr any | raddr any | program - | service - | group - | LOCAL"
            + " | other [profile" + NOT_IN + ", local port lost in the export, " + tail + ", "
            + end + " @5:1",
        "Short | Short rule... | IN ALLOW | on | profiles any | proto any | lport 8080"
            + " | rport any | laddr any | raddr any | program - | service - | group - | LOCAL"
            + " | other [profile" + NOT_IN + ", " + tail + ", " + end + " @6:1",
        "Wrapped | A display name that is long enough to wrap | IN ALLOW | on | profiles any"
            + " | proto any | lport 5000-5001 | rport any | laddr any | raddr 10.8.0.0/15"
            + " | program - | service - | group - | LOCAL | other [enabled" + NOT_IN
            + ", profile" + NOT_IN + ", " + tail + ", " + end + " @10:1",
        "Listed | Too many ports | IN ALLOW | on | profiles any | proto any | lport any"
            + " | rport any | laddr any | raddr any | program - | service - | group - | LOCAL"
            + " | other [enabled" + NOT_IN + ", profile" + NOT_IN
            + ", local port lost in the export, " + tail + ", " + end + " @12:1");
    assertNotes(r.notes(),
        "4:17 unreadable the DisplayName value is lossy in this export (the DisplayName column is"
            + " cut to its width): 'Windows Managem\u2026'",
        "2:1 unreadable the export has no Profile",
        "2:1 unreadable the export has no Protocol",
        "2:1 unreadable the export has no RemotePort",
        "4:76 unreadable the RemoteAddress value is lossy in this export (the RemoteAddress"
            + " column is cut to its width)",
        "2:1 unreadable the export has no LocalAddress",
        "2:1 unreadable the export has no Program",
        "2:1 unreadable the export has no Service",
        "5:59 unreadable the LocalPort value is lossy in this export (the LocalPort column is cut"
            + " to its width): '{135, 593, 4915\u2026'",
        "8:1 unreadable the export has no Enabled",
        "12:54 unreadable the LocalPort value is lossy in this export (more items than"
            + " $FormatEnumerationLimit shows)");
  }
}
