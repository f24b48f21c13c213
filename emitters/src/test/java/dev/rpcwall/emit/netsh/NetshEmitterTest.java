package dev.rpcwall.emit.netsh;

import static dev.rpcwall.emit.netsh.NetshFixtures.classicInput;
import static dev.rpcwall.emit.netsh.NetshFixtures.input;
import static dev.rpcwall.emit.netsh.NetshFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.TargetId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetshEmitterTest {
  private final NetshEmitter emitter = new NetshEmitter();

  @Test
  void emit_twice_sameBytesCrlfAscii() {
    List<EmittedFile> a = emitter.emit(classicInput());
    List<EmittedFile> b = emitter.emit(classicInput());
    assertThat(emitter.target()).isEqualTo(TargetId.NETSH);
    assertThat(a).extracting(EmittedFile::name)
        .containsExactly("block-rpc-ports.cmd", "block-rpc-ports-rollback.cmd");
    for (int i = 0; i < a.size(); i++) {
      byte[] bytes = a.get(i).bytes();
      assertThat(bytes).isEqualTo(b.get(i).bytes());
      String text = new String(bytes, StandardCharsets.US_ASCII);
      assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
      assertThat(text).endsWith("\r\n");
      for (byte x : bytes) {
        assertThat(x).isBetween((byte) 0, (byte) 0x7e);
      }
    }
  }

  @Test
  void emit_classic_writesDocumentedAddRule() {
    String apply = emitter.emit(classicInput()).get(0).text();
    assertThat(apply).contains(
        "netsh advfirewall firewall add rule name=\"Block RPC Ports - allow tcp\" dir=in"
            + " action=allow protocol=tcp localport=135,5001-5021 remoteip=10.1.1.0/24 profile=any"
            + " description=\"RPC only from the admin subnet\" enable=yes\r\n"
            + "if errorlevel 1 (echo rpcwall: FAILED: netsh add rule \"Block RPC Ports - allow tcp\"& goto fail)\r\n");
    assertThat(apply).contains(
        "remoteip=0.0.0.0-10.1.0.255,10.1.2.0-255.255.255.255,::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    assertThat(apply.indexOf("delete rule name=\"Block RPC Ports - block tcp\""))
        .isLessThan(apply.indexOf("add rule name=\"Block RPC Ports - allow tcp\""));
    assertThat(apply).contains("setlocal EnableExtensions DisableDelayedExpansion\r\n");
    assertThat(apply).contains("rem Source SHA-256: \"" + "ab".repeat(32) + "\"");
    assertThat(apply).contains(
        "reg export \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" \"%~dp0block-rpc-ports-rpc-backup.reg\" /y");
    assertThat(apply).contains(
        "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v Ports /t REG_MULTI_SZ /d \"5001-5021\" /f");
    assertThat(apply).contains("winmgmt -standalonehost\r\n", "net stop winmgmt /y\r\n",
        "net start winmgmt\r\n", "restart the computer", "exit /b 1\r\n");
    assertThat(apply.indexOf("reg export")).isLessThan(apply.indexOf("reg add"));
  }

  @Test
  void emit_rollback_deletesRulesRestoresRegistryAndWmi() {
    String rollback = emitter.emit(classicInput()).get(1).text();
    assertThat(rollback).contains(
        "netsh advfirewall firewall delete rule name=\"Block RPC Ports - allow tcp\"",
        "netsh advfirewall firewall delete rule name=\"Block RPC Ports - block tcp\"",
        "reg import \"%~dp0block-rpc-ports-rpc-backup.reg\"",
        "reg delete \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /f",
        "winmgmt -sharedhost");
    assertThat(rollback).doesNotContain("add rule", "standalonehost");
  }

  @Test
  void emit_severalRanges_separatedByBackslashZero() {
    PortSet ports = PortSet.of(List.of(PortRange.of(5001, 5021), PortRange.of(5100, 5120)));
    WfasRuleSet set = new WfasRuleSet(List.of(), NetshFixtures.rpc(ports, false));
    String apply = emitter.emit(input(policy("P", Optional.empty(), set.rpc()), set)).get(0).text();
    assertThat(apply).contains("/d \"5001-5021\\05100-5120\" /f").doesNotContain("winmgmt");
  }

  @Test
  void emit_noRpcSettings_noRegistryAndNoRestart() {
    WfasRuleSet set = new WfasRuleSet(NetshFixtures.classic().rules(), RpcSettings.NONE);
    List<EmittedFile> files = emitter.emit(input(policy("P", Optional.empty(), RpcSettings.NONE), set));
    assertThat(files.get(0).text()).doesNotContain("reg ", "winmgmt", "restart");
    assertThat(files.get(1).text()).doesNotContain("reg ", "winmgmt", "restart");
  }

  @Test
  void emit_profilesProtocolAndWholeFamily_writtenPlainly() {
    WfasRule rule = NetshFixtures.rule("r", RuleAction.BLOCK, 17, PortSet.of(53),
        AddressCondition.of(NetshFixtures.addrs("0.0.0.0-255.255.255.255,2001:db8::/32,10.0.0.9")),
        Set.of(Profile.DOMAIN, Profile.PUBLIC), Optional.empty());
    assertThat(NetshEmitter.addLine(rule)).isEqualTo(
        "netsh advfirewall firewall add rule name=\"r\" dir=in action=block protocol=udp"
            + " localport=53 remoteip=0.0.0.0-255.255.255.255,2001:db8::/32 profile=domain,public"
            + " enable=yes".replace("2001:db8::/32", "2001:db8::/32"));
  }

  @Test
  void check_quoteInName_reportedAtPolicyName() {
    var in = input(policy("say \"hi\"", Optional.empty(), RpcSettings.NONE), NetshFixtures.classic());
    assertThat(NetshFixtures.check(in)).extracting(Diagnostic::code, Diagnostic::span)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Codes.NETSH_QUOTE, NetshFixtures.NAME_AT));
  }

  @Test
  void check_badDescription_reportedAtDescription() {
    var in = input(policy("P", Optional.of("two\nlines"), RpcSettings.NONE), NetshFixtures.classic());
    assertThat(NetshFixtures.check(in)).extracting(Diagnostic::code, Diagnostic::span)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Codes.NETSH_LINE_BREAK, NetshFixtures.DESCRIPTION_AT));
  }

  @Test
  void check_sharedTargetChecks_alsoRun() {
    var in = input(policy("a|b", Optional.empty(), RpcSettings.NONE), NetshFixtures.classic());
    assertThat(NetshFixtures.check(in)).extracting(Diagnostic::code).containsExactly(Codes.TARGET_PIPE);
  }

  @Test
  void check_badRuleStringFromElsewhere_reportedAtRule() {
    WfasRule rule = NetshFixtures.rule("tab\there", RuleAction.ALLOW, 6, PortSet.of(135),
        NetshFixtures.remote("10.0.0.1"), Set.of(), Optional.empty());
    var in = input(policy("P", Optional.empty(), RpcSettings.NONE), new WfasRuleSet(List.of(rule), RpcSettings.NONE));
    assertThat(NetshFixtures.check(in)).extracting(Diagnostic::code, Diagnostic::span)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Codes.NETSH_CONTROL, NetshFixtures.RULE_AT));
  }

  @Test
  void check_bypassAndPortsWithoutTcp_unsupported() {
    WfasRule bypass = NetshFixtures.rule("b", RuleAction.BYPASS, 6, PortSet.of(135),
        NetshFixtures.remote("10.0.0.1"), Set.of(), Optional.empty());
    WfasRule icmp = NetshFixtures.rule("i", RuleAction.ALLOW, 1, PortSet.of(135),
        NetshFixtures.remote("10.0.0.1"), Set.of(), Optional.empty());
    var in = input(policy("P", Optional.empty(), RpcSettings.NONE),
        new WfasRuleSet(List.of(bypass, icmp), RpcSettings.NONE));
    List<Diagnostic> d = NetshFixtures.check(in);
    assertThat(d).extracting(Diagnostic::code).containsOnly(Codes.NETSH_UNSUPPORTED).hasSize(2);
    assertThat(d.get(0).message()).contains("bypass");
    assertThat(d.get(1).message()).contains("tcp or udp");
  }

  @Test
  void check_longDescription_lineTooLongAtDescription() {
    String desc = "x".repeat(8200);
    WfasRule rule = NetshFixtures.rule("r", RuleAction.ALLOW, 6, PortSet.of(135),
        NetshFixtures.remote("10.0.0.1"), Set.of(), Optional.of(desc));
    var in = input(policy("P", Optional.of(desc), RpcSettings.NONE), new WfasRuleSet(List.of(rule), RpcSettings.NONE));
    assertThat(NetshFixtures.check(in)).extracting(Diagnostic::code, Diagnostic::span)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Codes.NETSH_LINE_TOO_LONG, NetshFixtures.DESCRIPTION_AT));
  }

  @Test
  void emit_tooManyAddressesForOneLine_internalError() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 900; i++) {
      many.append(i == 0 ? "" : ",").append("10.").append(i / 250).append('.').append(i % 250).append(".1");
    }
    WfasRule rule = NetshFixtures.rule("r", RuleAction.ALLOW, 6, PortSet.of(135),
        NetshFixtures.remote(many.toString()), Set.of(), Optional.empty());
    var in = input(policy("P", Optional.empty(), RpcSettings.NONE), new WfasRuleSet(List.of(rule), RpcSettings.NONE));
    assertThat(NetshFixtures.check(in)).isEmpty();
    assertThatThrownBy(() -> emitter.emit(in)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("internal error");
  }
}
