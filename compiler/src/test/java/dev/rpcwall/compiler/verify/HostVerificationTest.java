package dev.rpcwall.compiler.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.host.ProfileSetting;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.lower.WfasLowering;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.EvaluationOptions;
import dev.rpcwall.compiler.model.HostCondition;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasEvaluator;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.model.Rules;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.RandomPolicies;
import dev.rpcwall.compiler.testing.ReferenceEvaluator;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.compiler.testing.VerifyOracle;
import dev.rpcwall.compiler.verify.HostVerification.Difference;
import dev.rpcwall.compiler.verify.HostVerification.Model;
import dev.rpcwall.compiler.verify.HostVerification.Report;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class HostVerificationTest {
  static final String CLASSIC =
      "policy \"admins only\"\n"
          + "network admins = 10.1.1.0/24\n"
          + "allow admins to endpoint-mapper\n"
          + "block any to endpoint-mapper\n"
          + "default block\n";

  static DecisionMap map(String name, String text) {
    return Compiler.analyze(p -> Optional.of(text.getBytes(StandardCharsets.UTF_8)), name)
        .decisionMap()
        .orElseThrow();
  }

  static WfasRule hostRule(
      String name, int line, RuleAction action, String ports, AddressCondition remote) {
    return new WfasRule(name, name, Optional.empty(), Optional.empty(), Direction.IN, action, 6,
        PortCondition.of(Rules.ports(ports)), PortCondition.ANY, AddressCondition.ANY, remote,
        Set.of(), true, Optional.empty(), Optional.empty(),
        SourceSpan.at("hand.cmd", line, 1, 10));
  }

  static Report verify(DecisionMap map, HostState host) {
    return HostVerification.verify(map, new EffectiveHost(host), Model.WFAS, Optional.empty(), false);
  }

  /**
   * The classic mistake: "allow the admin subnet, block any" written as two Windows Firewall rules.
   * A Block rule beats every Allow rule (windows-semantics.md 2.1 rule 2), so the admins are locked
   * out.
   */
  @Test
  void classicMistake_allowAdminsThenBlockAny_isTheAdminLockout() {
    HostState host = new HostState();
    host.addRule(new HostRule(hostRule("Allow admins RPC", 2, RuleAction.ALLOW, "135",
        AddressCondition.of(Rules.net("10.1.1.0/24"))), HostStore.LOCAL));
    host.addRule(new HostRule(hostRule("Block RPC", 3, RuleAction.BLOCK, "135",
        AddressCondition.ANY), HostStore.LOCAL));

    Report report = verify(map("p.rpcwall", CLASSIC), host);

    assertThat(report.equal()).isFalse();
    assertThat(report.notEnoughInformation()).isEmpty();
    assertThat(report.assumedDefaults()).containsExactly(Profile.values());
    assertThat(report.differences()).hasSize(1);
    assertThat(report.differences().get(0).describe(Model.WFAS))
        .isEqualTo("10.1.1.0-10.1.1.255 tcp/135 domain,private,public: policy allow, host block"
            + " — blocked by \"Block RPC\" hand.cmd:3; policy rule p.rpcwall:3:1");
  }

  @Test
  void rightTranslation_allowAdminsBlockTheRest_isEqual() {
    HostState host = new HostState();
    host.addRule(new HostRule(hostRule("Allow admins RPC", 2, RuleAction.ALLOW, "135",
        AddressCondition.of(Rules.net("10.1.1.0/24"))), HostStore.LOCAL));
    // Default inbound Block decides the rest: the policy's "block any" holds without a rule.
    Report report = verify(map("p.rpcwall", CLASSIC), host);
    assertThat(report.differences()).isEmpty();
    assertThat(report.equal()).isTrue();
  }

  @Test
  void defaultAllow_fromTheInput_opensTheRestAndNamesTheSetting() {
    HostState host = new HostState();
    host.addRule(new HostRule(hostRule("Allow admins RPC", 2, RuleAction.ALLOW, "135",
        AddressCondition.of(Rules.net("10.1.1.0/24"))), HostStore.LOCAL));
    host.setDefaultInbound(Profile.PUBLIC,
        new ProfileSetting<>(Action.ALLOW, SourceSpan.at("hand.cmd", 7, 1, 5)));
    Report report = verify(map("p.rpcwall", CLASSIC), host);
    assertThat(report.assumedDefaults()).containsExactly(Profile.DOMAIN, Profile.PRIVATE);
    assertThat(report.differences()).hasSize(1);
    Difference d = report.differences().get(0);
    assertThat(d.profiles()).containsExactly(Profile.PUBLIC);
    assertThat(d.ports()).isEqualTo(PortSet.of(135));
    assertThat(d.addresses()).isEqualTo(
        AddressLimits.FILTERED.minus(Rules.net("10.1.1.0/24")));
    assertThat(d.policy().decision()).isEqualTo(Decision.BLOCK);
    assertThat(d.policy().where()).isEqualTo("p.rpcwall:4:1");
    assertThat(d.host().decision()).isEqualTo("allow");
    assertThat(HostVerification.explain(Model.WFAS, d.host()))
        .isEqualTo("allowed by default inbound allow hand.cmd:7; no Block rule matches");
  }

  /** A rule whose match depends on its program: not enough information, unless assumed. */
  @Test
  void programCondition_isNotEnoughInformation_untilAReadingIsAssumed() {
    HostState host = new HostState();
    host.addRule(new HostRule(hostRule("Allow admins RPC", 2, RuleAction.ALLOW, "135",
        AddressCondition.of(Rules.net("10.1.1.0/24"))), HostStore.LOCAL));
    host.addRule(new HostRule(Rules.withProgram(hostRule("Svc", 5, RuleAction.ALLOW, "135",
        AddressCondition.ANY), "C:\\svc.exe"), HostStore.LOCAL));
    DecisionMap map = map("p.rpcwall", CLASSIC);

    Report both = verify(map, host);
    assertThat(both.differences()).isEmpty();
    assertThat(both.equal()).isFalse();
    assertThat(both.notEnoughInformation()).hasSize(1);
    HostVerification.Unknown u = both.notEnoughInformation().get(0);
    assertThat(u.addresses()).isEqualTo(AddressLimits.FILTERED.minus(Rules.net("10.1.1.0/24")));
    assertThat(u.ifMatch().decision()).isEqualTo("allow");
    assertThat(u.ifDiffer().decision()).isEqualTo("block");
    assertThat(u.describe(Model.WFAS)).contains("\"Svc\" hand.cmd:5 [program condition]");

    Report differ = HostVerification.verify(map, new EffectiveHost(host), Model.WFAS,
        Optional.of(HostCondition.ASSUME_NO_MATCH), false);
    assertThat(differ.equal()).isTrue();
    Report match = HostVerification.verify(map, new EffectiveHost(host), Model.WFAS,
        Optional.of(HostCondition.ASSUME_MATCH), false);
    assertThat(match.differences()).hasSize(1);
    assertThat(match.differences().get(0).addresses()).isEqualTo(u.addresses());
  }

  @Test
  void alsoUnmanaged_listsWhatTheHostOpensOutsideThePolicy() {
    HostState host = new HostState();
    host.addRule(new HostRule(hostRule("Allow admins RPC", 2, RuleAction.ALLOW, "135",
        AddressCondition.of(Rules.net("10.1.1.0/24"))), HostStore.LOCAL));
    host.addRule(new HostRule(hostRule("Web", 9, RuleAction.ALLOW, "80,443",
        AddressCondition.ANY), HostStore.LOCAL));
    Report report = HostVerification.verify(map("p.rpcwall", CLASSIC), new EffectiveHost(host),
        Model.WFAS, Optional.empty(), true);
    assertThat(report.equal()).isTrue();
    assertThat(report.unmanaged()).hasSize(1);
    assertThat(report.unmanaged().get(0).ports()).isEqualTo(PortSet.of(List.of(PortRange.of(80),
        PortRange.of(443))));
    assertThat(report.unmanaged().get(0).describe(Model.WFAS))
        .endsWith("tcp/80,443 domain,private,public: unmanaged, host allow — allowed by \"Web\""
            + " hand.cmd:9; no Block rule matches");
  }

  // Property: the counterexamples are exactly the disagreement of two independent evaluators
  // =========================================================================================

  /**
   * The host is a random policy's lowered rules (a second policy over the same addresses, so they
   * overlap), with random default inbound actions; some host rules are disabled. The report's
   * differences, looked up at a point, must equal a naive point comparison: the first-match
   * reference on the policy against the WFAS evaluator's point decision, at every port 0-65535
   * (grouped by which rules and differences hold it), every profile and protocol, and every
   * boundary address +-1 of every set involved.
   */
  @Test
  void differences_randomPolicyAgainstAnotherPolicysRules_areExactlyThePointwiseDisagreement() {
    Seeded.check(
        qt ->
            qt.withExamples(50)
                .forAll(RandomPolicies.pairs(), SourceDSL.longs().all())
                .checkAssert(
                    (pair, seed) -> {
                      Policy policy = pair[0];
                      Random random = new Random(seed);
                      WfasRuleSet other = WfasLowering.lower(DecisionMap.of(pair[1]));
                      HostState host = new HostState();
                      for (WfasRule r : other.rules()) {
                        WfasRule h = random.nextInt(8) == 0 ? Rules.disabled(r) : r;
                        // Some rules depend on their program: read both ways.
                        h = random.nextInt(10) == 0 ? Rules.withProgram(h, "C:\\app.exe") : h;
                        host.addRule(new HostRule(h,
                            random.nextInt(4) == 0 ? HostStore.GPO : HostStore.LOCAL));
                      }
                      for (Profile p : Profile.values()) {
                        if (random.nextInt(6) == 0) {
                          // Off, shielded, or local rules ignored (only the GPO store's apply).
                          host.setProfileState(p, new ProfileSetting<>(
                              EvaluationOptions.ProfileState.values()[random.nextInt(4)],
                              SourceSpan.at("h.cmd", 2, 1, 1)));
                        }
                        if (random.nextInt(3) == 0) {
                          host.setDefaultInbound(p, new ProfileSetting<>(Action.ALLOW,
                              SourceSpan.at("h.cmd", 1, 1, 1)));
                        }
                      }
                      VerifyOracle.check(policy, host);
                    }));
  }

  /** verify(policy, lower(policy)) is equal for random policies (the compiler's own output). */
  @Test
  void verify_randomPolicyAgainstItsOwnLoweredRules_isEqual() {
    Seeded.check(
        qt ->
            qt.withExamples(100)
                .forAll(RandomPolicies.policies())
                .checkAssert(
                    policy -> {
                      DecisionMap map = DecisionMap.of(policy);
                      HostState host = new HostState();
                      for (WfasRule r : WfasLowering.lower(map).rules()) {
                        host.addRule(new HostRule(r, HostStore.LOCAL));
                      }
                      Report report = verify(map, host);
                      assertThat(report.differences()).isEmpty();
                      assertThat(report.equal()).isTrue();
                    }));
  }
}
