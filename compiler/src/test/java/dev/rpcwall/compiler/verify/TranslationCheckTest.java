package dev.rpcwall.compiler.verify;

import static dev.rpcwall.compiler.model.Rules.net;
import static dev.rpcwall.compiler.model.Rules.ports;
import static dev.rpcwall.compiler.model.Rules.rule;
import static dev.rpcwall.compiler.model.Rules.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.lower.LoweringOptions;
import dev.rpcwall.compiler.lower.Policies;
import dev.rpcwall.compiler.lower.WfasLowering;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TranslationCheckTest {
  private static final AddressSet ADMINS = net("10.1.1.0/24");
  private static final PortSet RPC = ports("135,5001-5021");

  private static DecisionMap kb() {
    return DecisionMap.of(Policies.kb());
  }

  private static WfasRuleSet with(WfasRuleSet base, List<WfasRule> rules) {
    return new WfasRuleSet(rules, base.rpc());
  }

  @Test
  void check_loweredOutput_hasNoMismatch() {
    DecisionMap map = kb();

    assertThat(TranslationCheck.check(map, WfasLowering.lower(map))).isEmpty();
  }

  @Test
  void check_naiveTranslation_findsTheLockedOutAdmins() {
    DecisionMap map = kb();
    WfasRuleSet naive =
        with(
            WfasLowering.lower(map),
            List.of(
                tcp("allow", RuleAction.ALLOW, "135,5001-5021", ADMINS),
                tcp("block", RuleAction.BLOCK, "135,5001-5021", AddressSet.all())));

    List<Mismatch> found = TranslationCheck.check(map, naive);

    assertThat(found)
        .filteredOn(m -> m.scenario() == Scenario.NO_OTHER_RULES)
        .isNotEmpty()
        .allSatisfy(
            m -> {
              assertThat(m.expected()).isEqualTo(Decision.ALLOW);
              assertThat(m.actual()).isEqualTo(Decision.BLOCK);
              assertThat(m.addresses()).isEqualTo(new IpRange(Ip.v4(0x0A010100L), Ip.v4(0x0A0101FFL)));
              assertThat(m.rule()).contains("block");
            });
  }

  @Test
  void check_blockRuleDropped_failsOnlyWhenTheHostAllowsAny() {
    DecisionMap map = kb();
    WfasRuleSet lowered = WfasLowering.lower(map);
    List<WfasRule> allowsOnly =
        lowered.rules().stream().filter(r -> r.action() == RuleAction.ALLOW).toList();

    List<Mismatch> found = TranslationCheck.check(map, with(lowered, allowsOnly));

    assertThat(found).isNotEmpty().allSatisfy(m -> {
      assertThat(m.scenario()).isEqualTo(Scenario.HOST_ALLOWS_ANY);
      assertThat(m.expected()).isEqualTo(Decision.BLOCK);
      assertThat(m.actual()).isEqualTo(Decision.ALLOW);
      assertThat(m.rule()).contains(TranslationCheck.HOST_ALLOW_ANY);
    });
  }

  @Test
  void check_ruleWidenedToUnmanagedPort_isReported() {
    DecisionMap map = kb();
    WfasRuleSet lowered = WfasLowering.lower(map);
    List<WfasRule> widened = new ArrayList<>(lowered.rules());
    WfasRule allow = widened.get(0);
    widened.set(
        0,
        rule(allow.id(), allow.action(), allow.protocol(),
            PortCondition.of(RPC.union(PortSet.of(134))), allow.remoteAddresses()));

    List<Mismatch> found = TranslationCheck.check(map, with(lowered, widened));

    assertThat(found).isNotEmpty().allSatisfy(m -> {
      assertThat(m.scenario()).isEqualTo(Scenario.UNMANAGED_UNTOUCHED);
      assertThat(m.ports()).isEqualTo(PortRange.of(134));
      assertThat(m.expected()).isEqualTo(Decision.UNMANAGED);
      assertThat(m.actual()).isEqualTo(Decision.ALLOW);
    });
  }

  @Test
  void check_allowRuleWidenedToMoreAddresses_isReported() {
    DecisionMap map = kb();
    WfasRuleSet lowered = WfasLowering.lower(map);
    List<WfasRule> widened = new ArrayList<>();
    for (WfasRule r : lowered.rules()) {
      widened.add(r.action() == RuleAction.ALLOW
          ? rule(r.id(), r.action(), r.protocol(), r.localPorts(), AddressCondition.of(net("10.1.0.0/16")))
          : r);
    }

    List<Mismatch> found = TranslationCheck.check(map, with(lowered, widened));

    // The lowered block rule still blocks 10.1.0.0/16 minus the admins, so only (a) sees nothing
    // wrong; the widened allow rule alone is harmless, and the check must not invent mismatches.
    assertThat(found).isEmpty();
  }

  @Test
  void check_keywordRule_isRejectedAndItsEffectReported() {
    DecisionMap map = kb();
    WfasRuleSet lowered = WfasLowering.lower(map);
    List<WfasRule> rules = new ArrayList<>(lowered.rules());
    rules.add(
        rule("local", RuleAction.ALLOW, 6, PortCondition.of(PortSet.of(135)),
            new AddressCondition(false, AddressSet.empty(), Set.of(AddressKeyword.LOCAL_SUBNET))));

    List<Mismatch> found = TranslationCheck.check(map, with(lowered, rules));

    assertThat(found).filteredOn(m -> m.scenario() == Scenario.HOST_DEPENDENT_RULE)
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.rule()).contains("local"));
  }

  @Test
  void check_hundredThousandNetworks_findsNoMismatch() {
    List<IpRange> nets = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      long base = 0x0A000000L + 4L * i;
      nets.add(new IpRange(Ip.v4(base), Ip.v4(base + 1)));
    }
    Policy policy =
        Policies.named("big").allow(AddressSet.of(nets), RPC, PortSet.empty()).build();
    DecisionMap map = DecisionMap.of(policy);
    WfasRuleSet lowered = WfasLowering.lower(map, LoweringOptions.defaults());
    // Speed is measured by the benchmarks (cli/src/test/.../bench), not asserted here.
    List<Mismatch> found = TranslationCheck.check(map, lowered);

    assertThat(found).isEmpty();
  }
}
