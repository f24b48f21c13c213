package dev.rpcwall.compiler.verify;

import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.EvaluationOptions;
import dev.rpcwall.compiler.model.HostCondition;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasEvaluator;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.model.WfasSlice;
import dev.rpcwall.compiler.model.WfasVerdict;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.PortSlice;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Translation validation (issue #3 point 7, model half): compares the WFAS evaluator on an emitted
 * rule set with the policy's decision function, for every profile, both protocols, every port
 * slice and every address region, in each {@link Scenario}. Works on intervals: the cost grows with
 * the number of slices and address intervals, not with ports or addresses.
 *
 * <p>Conditions only the host can resolve are read both ways ({@link HostCondition}); a region
 * counts as correct only if both readings agree with the policy. Such rules are also reported on
 * their own ({@link Scenario#HOST_DEPENDENT_RULE}), since the compiler never emits them.
 */
public final class TranslationCheck {
  /** Name of the allow-everything rule assumed on the host in {@link Scenario#HOST_ALLOWS_ANY}. */
  public static final String HOST_ALLOW_ANY = "host: allow any";

  private TranslationCheck() {}

  /** Every mismatch, ordered by scenario, profile, protocol, port and address; empty when exact. */
  public static List<Mismatch> check(DecisionMap map, WfasRuleSet emitted) {
    Set<Mismatch> out = new LinkedHashSet<>();
    hostDependentRules(emitted, out);

    // (a) Nothing else on the host, default inbound Block in every profile.
    EvaluationOptions blockDefault = EvaluationOptions.defaults();
    List<WfasEvaluator> alone = readings(emitted, List.of(), blockDefault);
    // (b) The host also allows everything, e.g. a rule another tool or an admin added.
    List<WfasEvaluator> withAllowAny = readings(emitted, List.of(allowAny()), blockDefault);

    for (Profile profile : Profile.values()) {
      for (Protocol protocol : Protocol.values()) {
        List<PortSlice> policy = map.slices(profile, protocol);
        // Each policy slice's sets are computed once and shared by every scenario and reading.
        List<Expected> expected = new ArrayList<>(policy.size());
        for (PortSlice p : policy) {
          expected.add(
              p.managed()
                  ? new Expected(p.ports(), true, p.allowed(), p.blocked())
                  : new Expected(p.ports(), false, AddressSet.empty(), AddressSet.empty()));
        }
        for (WfasEvaluator evaluator : alone) {
          compare(Scenario.NO_OTHER_RULES, profile, protocol, expected, evaluator, out);
        }
        for (WfasEvaluator evaluator : withAllowAny) {
          compare(Scenario.HOST_ALLOWS_ANY, profile, protocol, expected, evaluator, out);
        }
        // (c) Read "may match": a rule that might touch unmanaged ports is a mismatch.
        compare(Scenario.UNMANAGED_UNTOUCHED, profile, protocol, expected, alone.get(0), out);
      }
    }
    List<Mismatch> sorted = new ArrayList<>(out);
    sorted.sort(
        Comparator.comparing(Mismatch::scenario)
            .thenComparing(Mismatch::profile)
            .thenComparing(Mismatch::protocol)
            .thenComparing(Mismatch::ports)
            .thenComparing(Mismatch::addresses));
    return sorted;
  }

  /** The rule (b) assumes on the host: allow, any protocol, every port and address, all profiles. */
  public static WfasRule allowAny() {
    return new WfasRule(
        HOST_ALLOW_ANY,
        HOST_ALLOW_ANY,
        Optional.empty(),
        Optional.empty(),
        Direction.IN,
        RuleAction.ALLOW,
        WfasRule.ANY_PROTOCOL,
        PortCondition.ANY,
        PortCondition.ANY,
        AddressCondition.ANY,
        AddressCondition.ANY,
        Set.of(),
        true,
        Optional.empty(),
        Optional.empty(),
        SourceSpan.UNKNOWN);
  }

  /** The "may match" reading first (used for (c)), then "no match" when it can make a difference. */
  private static List<WfasEvaluator> readings(
      WfasRuleSet emitted, List<WfasRule> host, EvaluationOptions options) {
    WfasEvaluator mayMatch =
        WfasEvaluator.of(emitted, host, options.withUnresolved(HostCondition.ASSUME_MATCH));
    if (!mayMatch.hasHostDependentRules()) {
      return List.of(mayMatch);
    }
    return List.of(
        mayMatch,
        WfasEvaluator.of(emitted, host, options.withUnresolved(HostCondition.ASSUME_NO_MATCH)));
  }

  private static void compare(
      Scenario scenario,
      Profile profile,
      Protocol protocol,
      List<Expected> policy,
      WfasEvaluator evaluator,
      Set<Mismatch> out) {
    List<WfasSlice> actual = evaluator.slices(profile, protocol);
    Actual[] got = new Actual[actual.size()];
    int i = 0;
    int j = 0;
    int port = 0;
    while (port <= PortRange.MAX_PORT) {
      Expected e = policy.get(i);
      WfasSlice w = actual.get(j);
      int last = Math.min(e.ports().last(), w.ports().last());
      PortRange ports = PortRange.of(port, last);
      boolean relevant = scenario == Scenario.UNMANAGED_UNTOUCHED ? !e.managed() : e.managed();
      if (relevant && got[j] == null) {
        AddressSet blocked = w.blocked();
        got[j] = new Actual(blocked.complement(), blocked, w.matched());
      }
      Actual a = got[j];
      if (relevant) {
        switch (scenario) {
          case NO_OTHER_RULES -> {
            report(scenario, profile, protocol, ports, e.allowed().minus(a.allowed()),
                Decision.ALLOW, Decision.BLOCK, evaluator, out);
            report(scenario, profile, protocol, ports, e.blocked().minus(a.blocked()),
                Decision.BLOCK, Decision.ALLOW, evaluator, out);
          }
          case HOST_ALLOWS_ANY ->
              report(scenario, profile, protocol, ports, e.blocked().minus(a.blocked()),
                  Decision.BLOCK, Decision.ALLOW, evaluator, out);
          case UNMANAGED_UNTOUCHED -> {
            if (!a.matched().isEmpty()) {
              report(scenario, profile, protocol, ports, a.matched().intersect(a.blocked()),
                  Decision.UNMANAGED, Decision.BLOCK, evaluator, out);
              report(scenario, profile, protocol, ports, a.matched().intersect(a.allowed()),
                  Decision.UNMANAGED, Decision.ALLOW, evaluator, out);
            }
          }
          default -> throw new IllegalStateException("not a region scenario: " + scenario);
        }
      }
      if (last == e.ports().last()) {
        i++;
      }
      if (last == w.ports().last()) {
        j++;
      }
      port = last + 1;
    }
  }

  private static void report(
      Scenario scenario,
      Profile profile,
      Protocol protocol,
      PortRange ports,
      AddressSet wrong,
      Decision expected,
      Decision actual,
      WfasEvaluator evaluator,
      Set<Mismatch> out) {
    for (IpRange range : wrong.ranges()) {
      WfasVerdict verdict = evaluator.decide(profile, protocol, ports.first(), range.first());
      out.add(
          new Mismatch(
              scenario,
              profile,
              protocol,
              ports,
              range,
              expected,
              actual,
              verdict.rule().map(WfasRule::id)));
    }
  }

  /**
   * Reports rules the compiler never emits: keywords, program, service, local address or remote
   * port conditions (their meaning depends on the host), bypass and outbound rules.
   */
  private static void hostDependentRules(WfasRuleSet emitted, Set<Mismatch> out) {
    for (WfasRule rule : emitted.rules()) {
      boolean odd =
          rule.program().isPresent()
              || rule.service().isPresent()
              || !rule.localAddresses().any()
              || !rule.remotePorts().any()
              || !rule.localPorts().keywords().isEmpty()
              || !rule.remoteAddresses().keywords().isEmpty()
              || rule.action() == RuleAction.BYPASS
              || rule.direction() != Direction.IN;
      if (!odd) {
        continue;
      }
      Decision actual = rule.action() == RuleAction.BLOCK ? Decision.BLOCK : Decision.ALLOW;
      PortSet ports = rule.localPorts().any() ? PortSet.all() : rule.localPorts().ports();
      PortRange hull =
          ports.isEmpty()
              ? PortRange.ALL
              : PortRange.of(
                  ports.ranges().get(0).first(),
                  ports.ranges().get(ports.ranges().size() - 1).last());
      for (Profile profile : Profile.values()) {
        if (!rule.appliesTo(profile)) {
          continue;
        }
        for (Protocol protocol : Protocol.values()) {
          if (rule.protocol() != WfasRule.ANY_PROTOCOL && rule.protocol() != protocol.number()) {
            continue;
          }
          for (IpFamily family : IpFamily.values()) {
            out.add(
                new Mismatch(
                    Scenario.HOST_DEPENDENT_RULE,
                    profile,
                    protocol,
                    hull,
                    IpRange.all(family),
                    Decision.UNMANAGED,
                    actual,
                    Optional.of(rule.id())));
          }
        }
      }
    }
  }

  private record Expected(PortRange ports, boolean managed, AddressSet allowed, AddressSet blocked) {}

  private record Actual(AddressSet allowed, AddressSet blocked, AddressSet matched) {}
}
