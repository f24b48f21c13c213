package dev.rpcwall.emit.netshipsec;

import static dev.rpcwall.emit.netshipsec.NipsecFixtures.read;
import static dev.rpcwall.emit.netshipsec.NipsecFixtures.readOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written netsh ipsec static scripts as found in the wild, and what the reader refuses. */
class NetshIpsecReaderTest {
  private static final String POLICY =
      "netsh ipsec static add policy name=\"Lock RPC\" activatedefaultrule=no assign=no\r\n"
          + "netsh ipsec static add filteraction name=Block action=block\r\n"
          + "netsh ipsec static add filteraction name=Permit action=permit\r\n";

  private static long ip(String s) {
    return Ip.parse(s).orElseThrow().lo();
  }

  private static String at(Diagnostic d) {
    return d.code() + "@" + d.span().line() + ":" + d.span().column();
  }

  private static List<String> errors(Result<?> r) {
    return r.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).map(NetshIpsecReaderTest::at).toList();
  }

  private static List<String> warnings(Result<?> r) {
    return r.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).map(NetshIpsecReaderTest::at).toList();
  }

  @Test
  void wildSyntax_spacesAroundEquals_caretContinuations_mixedCase_positionalNames_areRead() {
    String script =
        "@ECHO OFF\r\n"
            + "NETSH IPSEC STATIC ADD POLICY NAME = \"Lock RPC\" ActivateDefaultRule=No Assign =NO\r\n"
            + "netsh ipsec static add filteraction Block action= BLOCK\r\n"
            + "netsh -c \"ipsec static\" add filteraction name=Permit action=Permit\r\n"
            + "netsh ipsec static add filterlist \"RPC from admins\"\r\n"
            + "netsh ipsec static add filter filterlist=\"RPC from admins\" ^\r\n"
            + "   srcaddr=10.1.1.0 srcmask=24 dstaddr=Me protocol=tcp dstport=135 mirrored=NO\r\n"
            + "netsh ipsec static add filter filterlist=\"RPC from all\" srcaddr=any dstaddr=me"
            + " protocol=6 dstport=135 mirrored=n\r\n"
            + "netsh ipsec static add rule name=a policy=\"Lock RPC\" filterlist=\"RPC from admins\""
            + " filteraction=Permit\r\n"
            + "netsh ipsec static add rule name=b policy=\"Lock RPC\" filterlist=\"RPC from all\""
            + " filteraction=Block conntype=ALL\r\n"
            + "netsh ipsec static set policy name=\"Lock RPC\" assign=y\r\n";
    Result<IpsecStore> r = read("wild.cmd", script);
    assertThat(errors(r)).isEmpty();
    // 'RPC from all' is created by add filter (windows-semantics.md 5.4): no warning for it.
    assertThat(warnings(r)).isEmpty();
    IpsecStore s = r.orElseThrow();
    assertThat(s.assigned()).isPresent();
    assertThat(s.effectiveFilters()).containsExactly(
        IpsecFilter.inbound(IpsecAddress.prefix(ip("10.1.1.0"), 24), 6, 135, IpsecAction.PASS),
        IpsecFilter.inbound(IpsecAddress.any(), 6, 135, IpsecAction.BLOCK));
  }

  @Test
  void mirroredLeftOut_isReadAsMirroredWithAWarningAtTheCommand() {
    String script = POLICY
        + "netsh ipsec static add filter filterlist=L srcaddr=any dstaddr=me protocol=UDP dstport=1434\r\n"
        + "netsh ipsec static add rule name=r policy=\"Lock RPC\" filterlist=L filteraction=Block\r\n"
        + "netsh ipsec static set policy name=\"Lock RPC\" assign=yes\r\n";
    Result<IpsecStore> r = read("m.cmd", script);
    assertThat(errors(r)).isEmpty();
    assertThat(warnings(r)).containsExactly("RW2386@4:1");
    assertThat(r.orElseThrow().effectiveFilters()).singleElement()
        .satisfies(f -> assertThat(f.mirrored()).isTrue());
  }

  @Test
  void masks_dottedAndPrefix_rangesThatAreOneBlock_hostBitsWarned() {
    String script = POLICY
        + "netsh ipsec static add filter filterlist=L srcaddr=192.168.0.0 srcmask=255.255.0.0 dstaddr=me protocol=tcp dstport=1 mirrored=no\r\n"
        + "netsh ipsec static add filter filterlist=L srcaddr=10.0.0.0-10.0.0.255 dstaddr=me protocol=tcp dstport=2 mirrored=no\r\n"
        + "netsh ipsec static add filter filterlist=L srcaddr=172.16.1.9 srcmask=16 dstaddr=me protocol=tcp dstport=3 mirrored=no\r\n"
        + "netsh ipsec static add filter filterlist=L srcaddr=172.16.1.9 dstaddr=me protocol=tcp dstport=4 mirrored=no\r\n"
        + "netsh ipsec static add rule name=r policy=\"Lock RPC\" filterlist=L filteraction=Block\r\n"
        + "netsh ipsec static set policy name=\"Lock RPC\" assign=yes\r\n";
    Result<IpsecStore> r = read("masks.cmd", script);
    assertThat(errors(r)).isEmpty();
    assertThat(warnings(r)).containsExactly("RW2389@6:44");
    assertThat(r.orElseThrow().effectiveFilters()).extracting(f -> f.source().toString())
        .containsExactly("192.168.0.0/16", "10.0.0.0/24", "172.16.0.0/16", "172.16.1.9");
  }

  @Test
  void whatCannotBeEvaluated_isAnErrorWithLineAndColumn() {
    String script = POLICY
        + "netsh ipsec static add filter filterlist=L srcaddr=DNS dstaddr=me protocol=tcp dstport=53 mirrored=no\r\n"
        + "netsh ipsec static add filter filterlist=L srcaddr=fe80::1 dstaddr=me mirrored=no\r\n"
        + "netsh ipsec static add filter filterlist=L srcaddr=10.0.0.1-10.0.0.5 dstaddr=me mirrored=no\r\n"
        + "netsh ipsec static add filter filterlist=L srcaddr=host.example.com dstaddr=me mirrored=no\r\n"
        + "netsh ipsec static add filter filterlist=L srcaddr=any dstaddr=me srcmask=33 mirrored=no\r\n"
        + "netsh ipsec static add filter filterlist=L srcaddr=1.2.3.4 srcmask=255.0.255.0 dstaddr=me mirrored=no\r\n"
        + "netsh ipsec static add filter filterlist=L srcaddr=any dstaddr=me protocol=icmp dstport=7 mirrored=no\r\n"
        + "netsh ipsec static add filter filterlist=L srcaddr=any dstaddr=me protocol=gre mirrored=no\r\n"
        + "netsh ipsec static add filter filterlist=L srcaddr=any dstaddr=me mirrored=maybe\r\n"
        + "netsh ipsec static add filter filterlist=L srcaddr=any dstaddr=me bogus=1 mirrored=no\r\n"
        + "netsh ipsec dynamic add rule srcaddr=any dstaddr=me actioninbound=block\r\n"
        + "netsh ipsec static add rule name=r policy=Nope filterlist=L filteraction=Block\r\n"
        + "netsh ipsec static add rule name=r policy=\"Lock RPC\" filterlist=L filteraction=Block conntype=lan\r\n"
        + "netsh advfirewall firewall add rule name=x dir=in action=block\r\n"
        + "ipseccmd -w REG -p x -r y -f *=0:135:TCP -n BLOCK\r\n"
        + "netsh ipsec static set policy name=\"Lock RPC\" assign=yes\r\n";
    Result<IpsecStore> r = read("bad.cmd", script);
    assertThat(r.value()).isEmpty();
    assertThat(errors(r)).containsExactly(
        "RW2383@4:44", "RW2383@5:44", "RW2383@6:44", "RW2383@7:44", "RW2382@8:67",
        "RW2382@9:60", "RW2382@10:81", "RW2382@11:67", "RW2382@12:67", "RW2381@13:67",
        "RW2383@14:7", "RW2384@15:36", "RW2383@16:86", "RW2380@17:7", "RW2380@18:1");
  }

  @Test
  void deletes_policyListActionFilterAndAll_areApplied() {
    String script = POLICY
        + "netsh ipsec static add filter filterlist=L srcaddr=any dstaddr=me protocol=tcp dstport=135 mirrored=no\r\n"
        + "netsh ipsec static add filter filterlist=L srcaddr=any dstaddr=me protocol=tcp dstport=445 mirrored=no\r\n"
        + "netsh ipsec static add rule name=r policy=\"Lock RPC\" filterlist=L filteraction=Block\r\n"
        + "netsh ipsec static delete filter filterlist=L srcaddr=any dstaddr=me protocol=tcp dstport=445\r\n"
        + "netsh ipsec static set policy name=\"Lock RPC\" assign=yes\r\n";
    IpsecStore s = readOk("d.cmd", script, IpsecStore.EMPTY);
    assertThat(s.effectiveFilters()).extracting(IpsecFilter::destinationPort).containsExactly(135);
    IpsecStore none = readOk("d2.cmd", script + "netsh ipsec static delete policy name=\"Lock RPC\"\r\n"
        + "netsh ipsec static delete filterlist name=L\r\n", IpsecStore.EMPTY);
    assertThat(none.policies()).isEmpty();
    assertThat(readOk("d3.cmd", script + "netsh ipsec static delete all\r\n", IpsecStore.EMPTY).policies())
        .isEmpty();
  }

  @Test
  void deletingAListARuleStillUses_isAnError() {
    String script = POLICY
        + "netsh ipsec static add filterlist name=L\r\n"
        + "netsh ipsec static add rule name=r policy=\"Lock RPC\" filterlist=L filteraction=Block\r\n"
        + "netsh ipsec static delete filterlist name=L\r\n";
    assertThat(errors(read("u.cmd", script))).containsExactly("RW2384@6:38");
  }

  @Test
  void assigningOnePolicy_unassignsTheOther() {
    String script = POLICY
        + "netsh ipsec static add policy name=Other activatedefaultrule=no assign=yes\r\n"
        + "netsh ipsec static set policy name=\"Lock RPC\" assign=yes\r\n";
    IpsecStore s = readOk("a.cmd", script, IpsecStore.EMPTY);
    assertThat(s.assigned().orElseThrow().name()).isEqualTo("Lock RPC");
    assertThat(s.policies()).hasSize(2);
  }

  @Test
  void nameDifferingOnlyInCase_isAnError() {
    String script = POLICY + "netsh ipsec static set policy name=\"lock rpc\" assign=yes\r\n";
    assertThat(errors(read("c.cmd", script))).containsExactly("RW2384@4:31", "RW2384@4:31");
  }

  @Test
  void defaultResponseRuleAndActionLeftOut_areWarnings() {
    String script = "netsh ipsec static add policy name=P assign=no\r\n"
        + "netsh ipsec static add filteraction name=F\r\n";
    Result<IpsecStore> r = read("w.cmd", script);
    assertThat(errors(r)).isEmpty();
    assertThat(warnings(r)).containsExactly("RW2386@1:1", "RW2386@2:1");
  }

  @Test
  void rpcRangeAndWmi_areReadThroughTheSharedCmdReading() {
    String script = "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v Ports /t REG_MULTI_SZ /d \"5001-5021\" /f\r\n"
        + "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v PortsInternetAvailable /t REG_SZ /d Y /f\r\n"
        + "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v UseInternetPorts /t REG_SZ /d Y /f\r\n"
        + "winmgmt -standalonehost\r\n";
    IpsecStore s = readOk("rpc.cmd", script, IpsecStore.EMPTY);
    assertThat(s.rpc().dynamicPorts()).contains(PortSet.of(5001, 5021));
    assertThat(s.rpc().wmiFixedPort()).hasValue(24158);
  }

  @Test
  void garbage_isDiagnosedNeverThrown() {
    for (String text : List.of("netsh ipsec static add filter filterlist=\"unclosed\r\n",
        "netsh ipsec static add policy name=%X%\r\n", "(\r\n", "netsh ipsec static add\r\n",
        "netsh ipsec static add filter = = =\r\n", "goto nowhere\r\n", "netsh\r\n")) {
      Result<IpsecStore> r = read("g.cmd", text);
      assertThat(r.hasErrors()).as(text).isTrue();
      assertThat(r.diagnostics()).allSatisfy(d -> assertThat(d.span().line()).isPositive());
    }
  }
}
