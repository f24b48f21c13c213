package dev.rpcwall.emit.host.powershell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.emit.host.HostInputs;
import dev.rpcwall.emit.powershell.PowerShellReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PowerShellHostReaderTest {
  private static HostState read(String text, List<HostNote> notes) {
    HostState host = new HostState();
    new PowerShellHostReader(new PowerShellHostFixturesTest.Recorder())
        .read(new SourceFile("t.ps1", text), host, notes);
    return host;
  }

  /** UTF-16LE with its BOM, as Windows PowerShell's Out-File writes by default. */
  private static byte[] utf16le(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
    byte[] out = new byte[body.length + 2];
    out[0] = (byte) 0xFF;
    out[1] = (byte) 0xFE;
    System.arraycopy(body, 0, out, 2, body.length);
    return out;
  }

  @Test
  void everyPortReadsAsItselfAndNothingBeyondIsAccepted() {
    StringBuilder list = new StringBuilder();
    for (int p = 0; p <= PortRange.MAX_PORT + 1; p++) {
      list.append(p == 0 ? "" : ", ").append(p);
    }
    String script = "$ports = @(" + list + ")\n"
        + "foreach ($p in $ports) {\n"
        + "  New-NetFirewallRule -Name \"p$p\" -DisplayName x -Protocol TCP -LocalPort $p\n"
        + "}\n";
    List<HostNote> notes = new ArrayList<>();
    HostState host = read(script, notes);
    assertThat(host.rules()).hasSize(PortRange.MAX_PORT + 1);
    for (int p = 0; p <= PortRange.MAX_PORT; p++) {
      WfasRule r = host.rules().get(p).rule();
      assertThat(r.id()).isEqualTo("p" + p);
      assertThat(r.localPorts().ports().ranges()).containsExactly(PortRange.of(p));
    }
    assertThat(notes).extracting(HostRender::note)
        .containsExactly("note invalid-rule 3:64 '65536' is not a port 0-65535, a range a-b or a"
            + " port keyword; Windows refuses -LocalPort");
  }

  @Test
  void aProtocolReadAsUnknownStaysUnknownWhenTheRuleChanges() {
    List<HostNote> notes = new ArrayList<>();
    HostState host = read("New-NetFirewallRule -Name a -DisplayName a -Protocol $proto\n"
        + "Set-NetFirewallRule -Name a -LocalPort 135\n", notes);
    assertThat(host.rules()).extracting(HostRender::rule).containsExactly(
        "rule 'a' LOCAL in allow any lport=135"
            + " other='-Protocol unknown: $proto is not assigned in the script' @2");
    assertThat(notes).extracting(HostRender::note).containsExactly("note unreadable 1:44 the"
        + " value of -Protocol is not known ($proto is not assigned in the script); the rule is"
        + " read with this condition unknown");
  }

  @Test
  void aVariableChangedByAStatementNotUnderstoodIsUnknown() {
    List<HostNote> notes = new ArrayList<>();
    HostState host = read("$ports = '135'\n$ports += '445'\n"
        + "New-NetFirewallRule -Name a -DisplayName a -Protocol TCP -LocalPort $ports\n", notes);
    assertThat(host.rules()).extracting(HostRender::rule).containsExactly(
        "rule 'a' LOCAL in allow tcp other='-LocalPort unknown: $ports is changed by a statement"
            + " the reader does not understand' @3");
    assertThat(notes).extracting(n -> n.at().line()).containsExactly(2, 3);
  }

  @Test
  void otherFormatsOfTheExamplesAreNotTakenForPowerShell() throws IOException {
    PowerShellHostReader reader = new PowerShellHostReader(PowerShellHostReader.NETSH_NOT_WIRED);
    List<Path> others = new ArrayList<>();
    for (String dir : List.of("src/test/resources/golden", "src/test/resources/golden-confirm",
        "src/test/resources/golden-deploy")) {
      try (java.util.stream.Stream<Path> s = Files.walk(Path.of(dir))) {
        s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".ps1"))
            .forEach(others::add);
      }
    }
    assertThat(others).hasSizeGreaterThan(20);
    for (Path p : others) {
      String text = PowerShellHostFixturesTest.decode(Files.readAllBytes(p));
      assertThat(reader.recognise(text)).as("%s", p).isZero();
    }
  }

  @Test
  void aScopedVariableIsTheSameVariable() {
    List<HostNote> notes = new ArrayList<>();
    HostState host = read("$script:Port = '135'\n"
        + "New-NetFirewallRule -Name a -DisplayName a -Protocol TCP -LocalPort $Port\n"
        + "$Global:PORT += '445'\n"
        + "New-NetFirewallRule -Name b -DisplayName b -Protocol TCP -LocalPort $script:port\n",
        notes);
    assertThat(host.rules()).extracting(HostRender::rule).containsExactly(
        "rule 'a' LOCAL in allow tcp lport=135 @2",
        "rule 'b' LOCAL in allow tcp other='-LocalPort unknown: $Global:PORT is changed by a"
            + " statement the reader does not understand' @4");
  }

  @Test
  void portRangesAtTheirBoundaries() {
    Map<String, String> cases = Map.of(
        "'0-65535'", "lport=0-65535",
        "'0-0'", "lport=0",
        "'65534-65535'", "lport=65534-65535",
        "'5000 - 5100'", "lport=5000-5100",
        "'135,445'", "lport=135,445",
        "'1-0'", "invalid-rule",
        "'65535-65536'", "invalid-rule",
        "'-1'", "invalid-rule",
        "'100000'", "invalid-rule");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      List<HostNote> notes = new ArrayList<>();
      HostState host = read("New-NetFirewallRule -Name n -DisplayName n -Protocol UDP -LocalPort "
          + c.getKey(), notes);
      if (c.getValue().equals("invalid-rule")) {
        assertThat(host.rules()).as(c.getKey()).isEmpty();
        assertThat(notes).as(c.getKey()).extracting(HostNote::category)
            .containsExactly(HostNote.INVALID_RULE);
      } else {
        assertThat(notes).as(c.getKey()).isEmpty();
        assertThat(host.rules()).extracting(HostRender::rule).as(c.getKey())
            .containsExactly("rule 'n' LOCAL in allow udp " + c.getValue() + " @1");
      }
    }
  }

  @Test
  void addressesHoldExactlyTheirBoundaries() {
    Ip a = Ip.parse("10.1.1.0").orElseThrow();
    Ip z = Ip.parse("10.1.1.255").orElseThrow();
    Map<String, AddressSet> cases = Map.of(
        "10.1.1.0/24", AddressSet.cidr(a, 24),
        "10.1.1.0/255.255.255.0", AddressSet.cidr(a, 24),
        "10.1.1.0-10.1.1.255", AddressSet.of(new IpRange(a, z)),
        "'10.1.1.7'", AddressSet.of(Ip.parse("10.1.1.7").orElseThrow()),
        "'fe80::/64'", AddressSet.cidr(Ip.parse("fe80::").orElseThrow(), 64),
        "'0.0.0.0/1'", AddressSet.cidr(Ip.parse("0.0.0.0").orElseThrow(), 1));
    for (Map.Entry<String, AddressSet> c : cases.entrySet()) {
      List<HostNote> notes = new ArrayList<>();
      HostState host = read("New-NetFirewallRule -DisplayName n -RemoteAddress " + c.getKey(),
          notes);
      assertThat(notes).as(c.getKey()).isEmpty();
      AddressSet got = host.rules().get(0).rule().remoteAddresses().addresses();
      List<Ip> probes = Boundaries.of(c.getValue(), got);
      assertThat(probes).isNotEmpty();
      for (Ip ip : probes) {
        assertThat(got.contains(ip)).as("%s at %s", c.getKey(), ip)
            .isEqualTo(c.getValue().contains(ip));
      }
    }
  }

  @Test
  void aGeneratedScriptTheStrictReaderRefusesIsReadWild() throws IOException {
    Path golden = EmittedScriptsReadBackTest.scripts().stream()
        .filter(p -> p.getFileName().toString().equals("kb-rpc-5001-5021.ps1"))
        .findFirst().orElseThrow();
    String text = PowerShellHostFixturesTest.decode(Files.readAllBytes(golden));
    String edited = text + "New-NetFirewallRule -Name extra -DisplayName extra -Protocol TCP"
        + " -LocalPort 8080 -InterfaceType Wired\n";
    SourceFile file = new SourceFile("kb.ps1", edited);
    assertThat(PowerShellHostReader.generated(edited)).isTrue();
    assertThat(new PowerShellReader().read(file).hasErrors()).isTrue();
    List<HostNote> notes = new ArrayList<>();
    HostState host = new HostState();
    new PowerShellHostReader(new PowerShellHostFixturesTest.Recorder()).read(file, host, notes);
    List<WfasRule> strict = new PowerShellReader()
        .read(new SourceFile("kb.ps1", text)).orElseThrow().rules();
    List<WfasRule> rules = host.rules().stream().map(HostRule::rule).toList();
    assertThat(rules).hasSize(strict.size() + 1);
    assertThat(rules.subList(0, strict.size())).isEqualTo(strict);
    assertThat(HostRender.rule(host.rules().get(strict.size())))
        .startsWith("rule 'extra' LOCAL in allow tcp lport=8080 other='-InterfaceType Wired'");
    assertThat(host.rpcInternet()).containsKeys("Ports", "PortsInternetAvailable",
        "UseInternetPorts");
  }

  @Test
  void laterFilesChangeWhatEarlierFilesCreated() throws IOException {
    Path golden = EmittedScriptsReadBackTest.scripts().stream()
        .filter(p -> p.getFileName().toString().equals("kb-rpc-5001-5021.ps1"))
        .findFirst().orElseThrow();
    String group = "rpcwall/kb-rpc-5001-5021-10a0bf28";
    String later = "Get-NetFirewallRule -Group '" + group + "' | Disable-NetFirewallRule\r\n"
        + "Remove-NetFirewallRule -Name '" + group + "/block-tcp-135,5001-5021'\r\n"
        + "Set-NetFirewallProfile -Profile Public -Enabled False\r\n";
    HostInputs.Result r = new HostInputs(List.of(
        new PowerShellHostReader(PowerShellHostReader.NETSH_NOT_WIRED))).read(List.of(
            new HostInputs.Input("apply.ps1", Files.readAllBytes(golden)),
            new HostInputs.Input("later.ps1", utf16le(later))));
    assertThat(r.notes()).isEmpty();
    assertThat(r.files()).extracting(f -> f.format() + " " + f.rules())
        .containsExactly("powershell 2", "powershell 0"); // a file that only removes rules adds none
    assertThat(r.host().rules()).extracting(HostRender::rule).containsExactly(
        "rule '" + group + "/allow-tcp-135,5001-5021' LOCAL in allow tcp lport=135,5001-5021"
            + " raddr=10.1.1.0/24 disabled group='" + group + "' @1");
    assertThat(r.host().profileStates().get(Profile.PUBLIC).value())
        .isEqualTo(ProfileState.FIREWALL_OFF);
  }
}
