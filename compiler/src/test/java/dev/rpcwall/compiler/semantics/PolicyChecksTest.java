package dev.rpcwall.compiler.semantics;

import static dev.rpcwall.compiler.semantics.DecisionMapTest.ALL;
import static dev.rpcwall.compiler.semantics.DecisionMapTest.net;
import static dev.rpcwall.compiler.semantics.DecisionMapTest.policy;
import static dev.rpcwall.compiler.semantics.DecisionMapTest.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PolicyChecksTest {
  private static final SourceSpan RPC_AT = SourceSpan.at("p.rpcwall", 2, 3, 10);
  private static final PortSet DYNAMIC = PortSet.of(5001, 5021);
  private static final RpcSettings WITH_DYNAMIC =
      new RpcSettings(Optional.of(DYNAMIC), RPC_AT, OptionalInt.empty(), SourceSpan.UNKNOWN);

  private static List<Diagnostic> check(Policy policy) {
    Diagnostics out = new Diagnostics();
    PolicyChecks.check(DecisionMap.of(policy), out);
    return out.sorted();
  }

  private static PortSet rpcPorts() {
    return PortSet.of(135).union(DYNAMIC);
  }

  @Test
  void shadowedRule_coveredByEarlier_warnsAtRuleNamingCoverer() {
    Rule broad = rule(0, Action.ALLOW, net("10.0.0.0/8"), PortSet.of(100, 200), ALL);
    Rule shadowed = rule(1, Action.BLOCK, net("10.1.0.0/16"), PortSet.of(150), ALL);
    List<Diagnostic> d = check(policy(Action.BLOCK, RpcSettings.NONE, broad, shadowed));
    assertThat(d).hasSize(1);
    assertThat(d.get(0).code()).isEqualTo(Codes.SHADOWED_RULE);
    assertThat(d.get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(d.get(0).span()).isEqualTo(shadowed.origin());
    assertThat(d.get(0).message()).isEqualTo("rule never matches: every packet it names is decided earlier, by the rule at line 3");
  }

  @Test
  void shadowedRule_coveredByTwoEarlierTogether_namesBoth() {
    Rule a = rule(0, Action.ALLOW, net("10.0.0.0/9"), PortSet.of(135), ALL);
    Rule b = rule(1, Action.BLOCK, net("10.128.0.0/9"), PortSet.of(135), ALL);
    Rule c = rule(2, Action.BLOCK, net("10.0.0.0/8"), PortSet.of(135), ALL);
    List<Diagnostic> d = check(policy(Action.BLOCK, RpcSettings.NONE, a, b, c));
    assertThat(d).extracting(Diagnostic::span).containsExactly(c.origin());
    assertThat(d.get(0).message()).contains("line 3", "line 4");
  }

  @Test
  void shadowedRule_partlyCoveredOrOtherProfile_noWarning() {
    Rule a = rule(0, Action.ALLOW, net("10.0.0.0/9"), PortSet.of(135), ALL);
    Rule partly = rule(1, Action.BLOCK, net("10.0.0.0/8"), PortSet.of(135), ALL);
    Rule d1 = rule(2, Action.ALLOW, net("11.0.0.0/8"), PortSet.of(445), EnumSet.of(Profile.DOMAIN));
    Rule d2 = rule(3, Action.BLOCK, net("11.0.0.0/8"), PortSet.of(445), EnumSet.of(Profile.PUBLIC));
    assertThat(check(policy(Action.BLOCK, RpcSettings.NONE, a, partly, d1, d2))).isEmpty();
  }

  @Test
  void shadowedRule_emptyNetwork_saysItMatchesNothing() {
    Rule empty = rule(0, Action.ALLOW, AddressSet.empty(), PortSet.of(135), ALL);
    List<Diagnostic> d = check(policy(Action.BLOCK, RpcSettings.NONE, empty));
    assertThat(d).extracting(Diagnostic::message).containsExactly("rule never matches: its networks contain no address");
  }

  @Test
  void rpcHalfOpen_epmOnlyForSomeAddresses_warnsAtAllowingRule() {
    Rule admins = rule(0, Action.ALLOW, net("10.1.1.0/24"), rpcPorts(), ALL);
    Rule helpdesk = rule(1, Action.ALLOW, net("10.2.0.0/16"), PortSet.of(135), ALL);
    List<Diagnostic> d = check(policy(Action.BLOCK, WITH_DYNAMIC, admins, helpdesk));
    assertThat(d).hasSize(1);
    assertThat(d.get(0).code()).isEqualTo(Codes.RPC_HALF_OPEN);
    assertThat(d.get(0).span()).isEqualTo(helpdesk.origin());
    assertThat(d.get(0).message())
        .isEqualTo("10.2.0.0/16 may reach the endpoint mapper (tcp 135) but not all RPC dynamic ports 5001-5021"
            + " (profile domain, private, public): RPC clients there connect, then hang");
  }

  @Test
  void rpcHalfOpen_dynamicOnlyInOneProfile_warnsForThatProfile() {
    Rule admins = rule(0, Action.ALLOW, net("10.1.1.0/24"), rpcPorts(), EnumSet.of(Profile.DOMAIN));
    Rule dyn = rule(1, Action.ALLOW, net("10.1.1.0/24"), DYNAMIC, EnumSet.of(Profile.PUBLIC));
    List<Diagnostic> d = check(policy(Action.BLOCK, WITH_DYNAMIC, admins, dyn));
    assertThat(d).hasSize(1);
    assertThat(d.get(0).span()).isEqualTo(dyn.origin());
    assertThat(d.get(0).message()).startsWith("10.1.1.0/24 may reach RPC dynamic ports 5001-5021 but not the endpoint mapper")
        .contains("(profile public)");
  }

  @Test
  void rpcHalfOpen_partOfDynamicRange_warns() {
    Rule admins = rule(0, Action.ALLOW, net("10.1.1.0/24"), PortSet.of(135).union(PortSet.of(5001, 5010)), ALL);
    List<Diagnostic> d = check(policy(Action.BLOCK, WITH_DYNAMIC, admins));
    assertThat(d).extracting(Diagnostic::code).containsExactly(Codes.RPC_HALF_OPEN);
  }

  @Test
  void rpcHalfOpen_sameNetworksOnBoth_orNoDynamicRange_noWarning() {
    Rule epm = rule(0, Action.ALLOW, net("10.1.1.0/24", "2001:db8::/48"), PortSet.of(135), ALL);
    Rule dyn = rule(1, Action.ALLOW, net("10.1.1.0/24", "2001:db8::/48"), DYNAMIC, ALL);
    Rule rest = rule(2, Action.BLOCK, AddressSet.all(), rpcPorts(), ALL);
    assertThat(check(policy(Action.BLOCK, WITH_DYNAMIC, epm, dyn, rest))).isEmpty();
    Rule only135 = rule(0, Action.ALLOW, net("10.1.1.0/24"), PortSet.of(135), ALL);
    assertThat(check(policy(Action.BLOCK, RpcSettings.NONE, only135))).isEmpty();
  }

  @Test
  void wmiPortUngoverned_fixedPortUnmanaged_warnsAtSetting() {
    SourceSpan wmiAt = SourceSpan.at("p.rpcwall", 3, 3, 20);
    RpcSettings rpc = new RpcSettings(Optional.empty(), SourceSpan.UNKNOWN, OptionalInt.of(24158), wmiAt);
    Rule epm = rule(0, Action.ALLOW, net("10.1.1.0/24"), PortSet.of(135), ALL);
    List<Diagnostic> d = check(policy(Action.BLOCK, rpc, epm));
    assertThat(d).hasSize(1);
    assertThat(d.get(0).code()).isEqualTo(Codes.WMI_PORT_UNGOVERNED);
    assertThat(d.get(0).span()).isEqualTo(wmiAt);
    assertThat(d.get(0).message()).isEqualTo("WMI fixed port 24158 is configured but no rule governs tcp 24158");
  }

  @Test
  void wmiPortUngoverned_fixedPortGovernedInAnyProfile_noWarning() {
    RpcSettings rpc = new RpcSettings(Optional.empty(), SourceSpan.UNKNOWN, OptionalInt.of(24158), RPC_AT);
    Rule wmi = rule(0, Action.ALLOW, net("10.1.1.0/24"), PortSet.of(135).union(PortSet.of(24158)), EnumSet.of(Profile.DOMAIN));
    assertThat(check(policy(Action.BLOCK, rpc, wmi))).isEmpty();
  }
}
