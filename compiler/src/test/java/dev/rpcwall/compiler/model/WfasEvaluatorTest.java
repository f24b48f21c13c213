package dev.rpcwall.compiler.model;

import static dev.rpcwall.compiler.model.Rules.disabled;
import static dev.rpcwall.compiler.model.Rules.ip;
import static dev.rpcwall.compiler.model.Rules.net;
import static dev.rpcwall.compiler.model.Rules.outbound;
import static dev.rpcwall.compiler.model.Rules.ports;
import static dev.rpcwall.compiler.model.Rules.rule;
import static dev.rpcwall.compiler.model.Rules.set;
import static dev.rpcwall.compiler.model.Rules.tcp;
import static dev.rpcwall.compiler.model.Rules.withProfiles;
import static dev.rpcwall.compiler.model.Rules.withProgram;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WfasEvaluatorTest {
  private static final AddressSet ADMINS = net("10.1.1.0/24");

  @Test
  void decide_blockAndAllowMatch_blockWins() {
    WfasRule allow = tcp("allow", RuleAction.ALLOW, "135", ADMINS);
    WfasRule block = tcp("block", RuleAction.BLOCK, "135", AddressSet.all());
    WfasEvaluator eval = WfasEvaluator.of(set(allow, block));

    WfasVerdict v = eval.decide(Profile.DOMAIN, Protocol.TCP, 135, ip("10.1.1.7"));

    assertThat(v.decision()).isEqualTo(Decision.BLOCK);
    assertThat(v.rule()).contains(block);
    assertThat(v.hostDependent()).isFalse();
  }

  @Test
  void loopback_isNotFiltered_byBlockRulesOrTheDefault() {
    WfasRule blockAll =
        rule("block", RuleAction.BLOCK, 6, PortCondition.of(ports("135")), AddressCondition.ANY);
    WfasRule blockList = tcp("block-list", RuleAction.BLOCK, "445", net("127.0.0.0/8"));
    WfasEvaluator eval = WfasEvaluator.of(set(blockAll, blockList));

    for (String a : new String[] {"127.0.0.0", "127.0.0.1", "127.255.255.255", "::1"}) {
      for (int port : new int[] {135, 445, 1000}) {
        WfasVerdict v = eval.decide(Profile.PUBLIC, Protocol.TCP, port, ip(a));
        assertThat(v.decision()).as(a + " port " + port).isEqualTo(Decision.ALLOW);
        assertThat(v.rule()).isEmpty();
      }
    }
    // The neighbours +-1 are filtered as usual.
    for (String a : new String[] {"126.255.255.255", "128.0.0.0", "::", "::2"}) {
      assertThat(eval.decide(Profile.PUBLIC, Protocol.TCP, 135, ip(a)).decision())
          .as(a).isEqualTo(Decision.BLOCK);
    }
    for (WfasSlice slice : eval.slices(Profile.PUBLIC, Protocol.TCP)) {
      assertThat(slice.blocked().intersects(AddressLimits.LOOPBACK)).isFalse();
      assertThat(slice.matched().intersects(AddressLimits.LOOPBACK)).isFalse();
      assertThat(slice.allowed().containsAll(AddressLimits.LOOPBACK)).isTrue();
    }
  }

  @Test
  void decide_naiveKbTranslation_locksOutTheAdmins() {
    // What rule-by-rule generators emit for "allow 135,5001-5021 from 10.1.1.0/24, block the rest".
    WfasRuleSet naive =
        set(
            tcp("allow admins", RuleAction.ALLOW, "135,5001-5021", ADMINS),
            tcp("block rest", RuleAction.BLOCK, "135,5001-5021", AddressSet.all()));
    WfasEvaluator eval = WfasEvaluator.of(naive);

    for (int port : new int[] {135, 5001, 5010, 5021}) {
      assertThat(eval.decide(Profile.DOMAIN, Protocol.TCP, port, ip("10.1.1.7")).decision())
          .as("admin on port %d", port)
          .isEqualTo(Decision.BLOCK);
    }
  }

  @Test
  void decide_onlyAllowMatches_allows() {
    WfasEvaluator eval = WfasEvaluator.of(set(tcp("a", RuleAction.ALLOW, "135", ADMINS)));

    assertThat(eval.decide(Profile.PUBLIC, Protocol.TCP, 135, ip("10.1.1.255")).decision())
        .isEqualTo(Decision.ALLOW);
    assertThat(eval.decide(Profile.PUBLIC, Protocol.TCP, 135, ip("10.1.2.0")).decision())
        .isEqualTo(Decision.BLOCK);
    assertThat(eval.decide(Profile.PUBLIC, Protocol.TCP, 136, ip("10.1.1.1")).decision())
        .isEqualTo(Decision.BLOCK);
    assertThat(eval.decide(Profile.PUBLIC, Protocol.UDP, 135, ip("10.1.1.1")).decision())
        .isEqualTo(Decision.BLOCK);
  }

  @Test
  void decide_noRuleMatches_usesTheProfileDefault() {
    EvaluationOptions opts = EvaluationOptions.defaults().withDefaultInbound(Profile.DOMAIN, Action.ALLOW);
    WfasEvaluator eval = WfasEvaluator.of(set(), List.of(), opts);

    WfasVerdict domain = eval.decide(Profile.DOMAIN, Protocol.UDP, 53, ip("192.0.2.1"));
    WfasVerdict pub = eval.decide(Profile.PUBLIC, Protocol.UDP, 53, ip("192.0.2.1"));

    assertThat(domain.decision()).isEqualTo(Decision.ALLOW);
    assertThat(domain.rule()).isEmpty();
    assertThat(pub.decision()).isEqualTo(Decision.BLOCK);
  }

  @Test
  void decide_ruleForOtherProfile_doesNotApply() {
    WfasRule allow =
        withProfiles(tcp("a", RuleAction.ALLOW, "135", ADMINS), Set.of(Profile.DOMAIN, Profile.PRIVATE));
    WfasEvaluator eval = WfasEvaluator.of(set(allow));

    assertThat(eval.decide(Profile.PRIVATE, Protocol.TCP, 135, ip("10.1.1.1")).decision())
        .isEqualTo(Decision.ALLOW);
    assertThat(eval.decide(Profile.PUBLIC, Protocol.TCP, 135, ip("10.1.1.1")).decision())
        .isEqualTo(Decision.BLOCK);
  }

  @Test
  void decide_disabledOutboundAndBypassRules_neverDecide() {
    WfasRule allow = tcp("a", RuleAction.ALLOW, "135", AddressSet.all());
    WfasRuleSet rules =
        set(
            allow,
            disabled(tcp("b1", RuleAction.BLOCK, "135", AddressSet.all())),
            outbound(tcp("b2", RuleAction.BLOCK, "135", AddressSet.all())),
            tcp("bypass", RuleAction.BYPASS, "136", AddressSet.all()));
    WfasEvaluator eval = WfasEvaluator.of(rules);

    assertThat(eval.decide(Profile.DOMAIN, Protocol.TCP, 135, ip("2001:db8::1")).rule())
        .contains(allow);
    WfasVerdict bypass = eval.decide(Profile.DOMAIN, Protocol.TCP, 136, ip("10.0.0.1"));
    assertThat(bypass.decision()).isEqualTo(Decision.BLOCK);
    assertThat(bypass.rule()).isEmpty();
  }

  @Test
  void decide_anyProtocolRule_matchesTcpAndUdp() {
    WfasRule any =
        rule("any", RuleAction.ALLOW, WfasRule.ANY_PROTOCOL, PortCondition.ANY, AddressCondition.ANY);
    WfasRule udpOnly =
        rule("udp", RuleAction.BLOCK, 17, PortCondition.of(ports("53")), AddressCondition.ANY);
    WfasEvaluator eval = WfasEvaluator.of(set(any, udpOnly));

    assertThat(eval.decide(Profile.DOMAIN, Protocol.TCP, 53, ip("10.0.0.1")).decision())
        .isEqualTo(Decision.ALLOW);
    assertThat(eval.decide(Profile.DOMAIN, Protocol.UDP, 53, ip("10.0.0.1")).decision())
        .isEqualTo(Decision.BLOCK);
    assertThat(eval.decide(Profile.DOMAIN, Protocol.UDP, 54, ip("10.0.0.1")).decision())
        .isEqualTo(Decision.ALLOW);
  }

  @Test
  void decide_rpcEpmapKeyword_isTcp135Only() {
    WfasRule epmap =
        rule(
            "epmap",
            RuleAction.BLOCK,
            WfasRule.ANY_PROTOCOL,
            new PortCondition(false, dev.rpcwall.compiler.semantics.PortSet.empty(),
                Set.of(PortKeyword.RPC_EPMAP)),
            AddressCondition.ANY);
    WfasRule allowAll =
        rule("all", RuleAction.ALLOW, WfasRule.ANY_PROTOCOL, PortCondition.ANY, AddressCondition.ANY);
    WfasEvaluator eval = WfasEvaluator.of(set(epmap, allowAll));

    assertThat(eval.decide(Profile.DOMAIN, Protocol.TCP, 135, ip("10.0.0.1")).decision())
        .isEqualTo(Decision.BLOCK);
    assertThat(eval.decide(Profile.DOMAIN, Protocol.TCP, 134, ip("10.0.0.1")).decision())
        .isEqualTo(Decision.ALLOW);
    assertThat(eval.decide(Profile.DOMAIN, Protocol.UDP, 135, ip("10.0.0.1")).decision())
        .isEqualTo(Decision.ALLOW);
    assertThat(eval.decide(Profile.DOMAIN, Protocol.TCP, 135, ip("10.0.0.1")).hostDependent())
        .isFalse();
  }

  @Test
  void decide_unresolvedAddressKeyword_followsTheChosenReadingAndIsFlagged() {
    WfasRule local =
        rule(
            "local",
            RuleAction.ALLOW,
            6,
            PortCondition.of(ports("135")),
            new AddressCondition(false, AddressSet.empty(), Set.of(AddressKeyword.LOCAL_SUBNET)));
    WfasRuleSet rules = set(local);

    WfasVerdict may = WfasEvaluator.of(rules).decide(Profile.DOMAIN, Protocol.TCP, 135, ip("8.8.8.8"));
    WfasVerdict never =
        WfasEvaluator.of(
                rules, List.of(), EvaluationOptions.defaults().withUnresolved(HostCondition.ASSUME_NO_MATCH))
            .decide(Profile.DOMAIN, Protocol.TCP, 135, ip("8.8.8.8"));

    assertThat(may.decision()).isEqualTo(Decision.ALLOW);
    assertThat(may.hostDependent()).isTrue();
    assertThat(never.decision()).isEqualTo(Decision.BLOCK);
    assertThat(never.hostDependent()).isTrue();
  }

  @Test
  void decide_resolvedAddressKeyword_usesTheGivenMembers() {
    WfasRule local =
        rule(
            "local",
            RuleAction.ALLOW,
            6,
            PortCondition.of(ports("135")),
            new AddressCondition(false, AddressSet.empty(), Set.of(AddressKeyword.LOCAL_SUBNET)));
    EvaluationOptions opts =
        EvaluationOptions.defaults().withAddressKeyword(AddressKeyword.LOCAL_SUBNET, net("192.168.0.0/24"));
    WfasEvaluator eval = WfasEvaluator.of(set(local), List.of(), opts);

    WfasVerdict in = eval.decide(Profile.DOMAIN, Protocol.TCP, 135, ip("192.168.0.9"));
    WfasVerdict out = eval.decide(Profile.DOMAIN, Protocol.TCP, 135, ip("192.168.1.9"));

    assertThat(in.decision()).isEqualTo(Decision.ALLOW);
    assertThat(in.hostDependent()).isFalse();
    assertThat(out.decision()).isEqualTo(Decision.BLOCK);
    assertThat(eval.hasHostDependentRules()).isFalse();
  }

  @Test
  void decide_rpcKeywordOrProgram_isHostDependent() {
    WfasRule rpc =
        rule(
            "rpc",
            RuleAction.ALLOW,
            6,
            new PortCondition(false, dev.rpcwall.compiler.semantics.PortSet.empty(), Set.of(PortKeyword.RPC)),
            AddressCondition.ANY);
    WfasRule program = withProgram(tcp("p", RuleAction.BLOCK, "445", AddressSet.all()), "System");
    WfasEvaluator eval = WfasEvaluator.of(set(rpc, program));

    assertThat(eval.hasHostDependentRules()).isTrue();
    assertThat(eval.decide(Profile.DOMAIN, Protocol.TCP, 50000, ip("10.0.0.1")).hostDependent())
        .isTrue();
    assertThat(eval.decide(Profile.DOMAIN, Protocol.TCP, 445, ip("10.0.0.1")).decision())
        .isEqualTo(Decision.BLOCK);
  }

  @Test
  void decide_hostRuleBlocks_beatsOurAllow() {
    WfasRule ours = tcp("ours", RuleAction.ALLOW, "135", ADMINS);
    WfasRule hosts = tcp("host", RuleAction.BLOCK, "135", net("10.1.1.128/25"));
    WfasEvaluator eval = WfasEvaluator.of(set(ours), List.of(hosts), EvaluationOptions.defaults());

    assertThat(eval.decide(Profile.DOMAIN, Protocol.TCP, 135, ip("10.1.1.127")).decision())
        .isEqualTo(Decision.ALLOW);
    assertThat(eval.decide(Profile.DOMAIN, Protocol.TCP, 135, ip("10.1.1.128")).rule())
        .contains(hosts);
  }

  @Test
  void slices_twoRules_splitAtTheirPortBoundaries() {
    AddressSet outsiders = net("10.1.1.0/24").complement();
    WfasEvaluator eval =
        WfasEvaluator.of(
            set(
                tcp("a", RuleAction.ALLOW, "135", ADMINS),
                tcp("b", RuleAction.BLOCK, "135-140", outsiders)));

    List<WfasSlice> slices = eval.slices(Profile.DOMAIN, Protocol.TCP);

    assertThat(slices).extracting(WfasSlice::ports)
        .containsExactly(
            PortRange.of(0, 134), PortRange.of(135), PortRange.of(136, 140),
            PortRange.of(141, 65535));
    // Loopback is never filtered (AddressLimits.LOOPBACK): allowed, and matched by no rule.
    assertThat(slices.get(1).allowed()).isEqualTo(ADMINS.union(AddressLimits.LOOPBACK));
    assertThat(slices.get(1).blocked()).isEqualTo(outsiders.minus(AddressLimits.LOOPBACK));
    assertThat(slices.get(2).allowed()).isEqualTo(AddressLimits.LOOPBACK);
    assertThat(slices.get(2).blockRules()).isEqualTo(outsiders.minus(AddressLimits.LOOPBACK));
    assertThat(slices.get(3).matched()).isEqualTo(AddressSet.empty());
  }

  @Test
  void slices_sameSetsOnAdjacentPorts_areMerged() {
    WfasEvaluator eval =
        WfasEvaluator.of(
            set(
                tcp("a", RuleAction.ALLOW, "135-140", ADMINS),
                tcp("b", RuleAction.ALLOW, "141-150", ADMINS)));

    assertThat(eval.slices(Profile.PUBLIC, Protocol.TCP)).extracting(WfasSlice::ports)
        .containsExactly(PortRange.of(0, 134), PortRange.of(135, 150), PortRange.of(151, 65535));
    assertThat(eval.slices(Profile.PUBLIC, Protocol.UDP)).extracting(WfasSlice::ports)
        .containsExactly(PortRange.ALL);
  }

  @Test
  void profileStates_offShieldedAndNoLocalMerge_overrideTheRules_onlyInThatProfile() {
    WfasRuleSet rules = set(
        tcp("allow admins", RuleAction.ALLOW, "135", ADMINS),
        tcp("block rest", RuleAction.BLOCK, "135", AddressSet.all().minus(ADMINS)));
    java.util.function.BiFunction<EvaluationOptions.ProfileState, String, Decision> at =
        (state, address) -> WfasEvaluator.of(rules, List.of(),
                EvaluationOptions.defaults().withProfileState(Profile.PUBLIC, state))
            .decide(Profile.PUBLIC, Protocol.TCP, 135, ip(address)).decision();
    // 2.1 rule 8: firewall off, nothing is blocked.
    assertThat(at.apply(EvaluationOptions.ProfileState.FIREWALL_OFF, "10.9.9.9")).isEqualTo(Decision.ALLOW);
    // 2.1 rule 7: shielded, allow rules are ignored (the admins are blocked too).
    assertThat(at.apply(EvaluationOptions.ProfileState.SHIELDED, "10.1.1.7")).isEqualTo(Decision.BLOCK);
    assertThat(at.apply(EvaluationOptions.ProfileState.SHIELDED, "10.9.9.9")).isEqualTo(Decision.BLOCK);
    // 2.3 rule 3: local rules ignored, only the default decides (Block here, Allow when set so).
    assertThat(at.apply(EvaluationOptions.ProfileState.LOCAL_RULES_IGNORED, "10.1.1.7")).isEqualTo(Decision.BLOCK);
    WfasEvaluator openDefault = WfasEvaluator.of(rules, List.of(), EvaluationOptions.defaults()
        .withDefaultInbound(Profile.PUBLIC, Action.ALLOW)
        .withProfileState(Profile.PUBLIC, EvaluationOptions.ProfileState.LOCAL_RULES_IGNORED));
    assertThat(openDefault.decide(Profile.PUBLIC, Protocol.TCP, 135, ip("10.9.9.9")).decision())
        .isEqualTo(Decision.ALLOW);
    assertThat(at.apply(EvaluationOptions.ProfileState.ENFORCING, "10.1.1.7")).isEqualTo(Decision.ALLOW);
    // Other profiles keep enforcing.
    WfasEvaluator off = WfasEvaluator.of(rules, List.of(),
        EvaluationOptions.defaults().withProfileState(Profile.PUBLIC, EvaluationOptions.ProfileState.FIREWALL_OFF));
    assertThat(off.decide(Profile.DOMAIN, Protocol.TCP, 135, ip("10.9.9.9")).decision()).isEqualTo(Decision.BLOCK);
    // The region view agrees with the point view.
    for (EvaluationOptions.ProfileState state : EvaluationOptions.ProfileState.values()) {
      WfasEvaluator e = WfasEvaluator.of(rules, List.of(),
          EvaluationOptions.defaults().withProfileState(Profile.PUBLIC, state));
      for (WfasSlice slice : e.slices(Profile.PUBLIC, Protocol.TCP)) {
        for (String a : List.of("10.1.1.7", "10.9.9.9")) {
          assertThat(slice.blocked().contains(ip(a)) ? Decision.BLOCK : Decision.ALLOW)
              .as("%s %s %s", state, slice.ports(), a)
              .isEqualTo(e.decide(Profile.PUBLIC, Protocol.TCP, slice.ports().first(), ip(a)).decision());
        }
      }
    }
  }
}
