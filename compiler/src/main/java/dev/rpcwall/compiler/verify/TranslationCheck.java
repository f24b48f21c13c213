package dev.rpcwall.compiler.verify;

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
import dev.rpcwall.compiler.model.WfasSlice;
import dev.rpcwall.compiler.model.WfasVerdict;
import dev.rpcwall.compiler.semantics.AddressRegion;
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
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 *
 * <p>The comparison covers the remote addresses Windows filters ({@link AddressLimits#FILTERED}):
 * loopback traffic is passed whatever the rules say, and {@code ::} cannot be named in a list,
 * so what the policy says about them cannot be carried (PolicyChecks warns about loopback).
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

    // Slices of different profiles and protocols share their region lists (DecisionMap) and
    // their address sets (WfasEvaluator); each list's and set's derived sets are computed once.
    Map<List<AddressRegion>, AddressSet[]> policySets = new IdentityHashMap<>();
    Map<SliceKey, Actual> actualSets = new HashMap<>();
    for (Profile profile : Profile.values()) {
      for (Protocol protocol : Protocol.values()) {
        List<PortSlice> policy = map.slices(profile, protocol);
        // Each policy slice's sets are computed once and shared by every scenario and reading.
        List<Expected> expected = new ArrayList<>(policy.size());
        for (PortSlice p : policy) {
          if (p.managed()) {
            AddressSet[] sets =
                policySets.computeIfAbsent(
                    p.regions(),
                    r ->
                        new AddressSet[] {
                          p.allowed().intersect(AddressLimits.FILTERED),
                          p.blocked().intersect(AddressLimits.FILTERED)
                        });
            expected.add(new Expected(p.ports(), true, sets[0], sets[1]));
          } else {
            expected.add(new Expected(p.ports(), false, AddressSet.empty(), AddressSet.empty()));
          }
        }
        for (WfasEvaluator evaluator : alone) {
          compare(Scenario.NO_OTHER_RULES, profile, protocol, expected, evaluator, actualSets, out);
        }
        for (WfasEvaluator evaluator : withAllowAny) {
          compare(Scenario.HOST_ALLOWS_ANY, profile, protocol, expected, evaluator, actualSets, out);
        }
        // (c) Read "may match": a rule that might touch unmanaged ports is a mismatch.
        compare(
            Scenario.UNMANAGED_UNTOUCHED, profile, protocol, expected, alone.get(0), actualSets, out);
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
      Map<SliceKey, Actual> actualSets,
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
        got[j] = actualSets.computeIfAbsent(new SliceKey(w), k -> Actual.of(w));
      }
      Actual a = got[j];
      if (relevant) {
        switch (scenario) {
          case NO_OTHER_RULES -> {
            // allowed minus (everything not blocked) is allowed intersect blocked: the same set
            // without building two complements.
            // Each wrong set is only built when it is not empty: a correct translation (the
            // usual case) is then proved by walks over the sets, without building any.
            if (e.allowed().intersects(a.blocked())) {
              report(scenario, profile, protocol, ports, e.allowed().intersect(a.blocked()),
                  Decision.ALLOW, Decision.BLOCK, evaluator, out);
            }
            if (!a.blocked().containsAll(e.blocked())) {
              report(scenario, profile, protocol, ports, e.blocked().minus(a.blocked()),
                  Decision.BLOCK, Decision.ALLOW, evaluator, out);
            }
          }
          case HOST_ALLOWS_ANY -> {
            if (!a.blocked().containsAll(e.blocked())) {
              report(scenario, profile, protocol, ports, e.blocked().minus(a.blocked()),
                  Decision.BLOCK, Decision.ALLOW, evaluator, out);
            }
          }
          case UNMANAGED_UNTOUCHED -> {
            if (a.matched().intersects(a.blocked())) {
              report(scenario, profile, protocol, ports, a.matched().intersect(a.blocked()),
                  Decision.UNMANAGED, Decision.BLOCK, evaluator, out);
            }
            if (a.matched().intersects(a.allowed())) {
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

  /**
   * A slice's sets by identity: the evaluator hands out the same set instances for the same rules
   * in every profile and reading, and the sets derived from them depend on nothing else. (Hashing
   * sets of 100,000 intervals by value would cost more than deriving them again.)
   */
  private record SliceKey(AddressSet blockRules, AddressSet allowRules, Decision defaultDecision) {
    SliceKey(WfasSlice slice) {
      this(slice.blockRules(), slice.allowRules(), slice.defaultDecision());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SliceKey k
          && k.blockRules == blockRules
          && k.allowRules == allowRules
          && k.defaultDecision == defaultDecision;
    }

    @Override
    public int hashCode() {
      return 31 * (31 * System.identityHashCode(blockRules) + System.identityHashCode(allowRules))
          + defaultDecision.hashCode();
    }
  }

  /** What a rule set does on one slice; {@code allowed} is only needed for (c), so it is lazy. */
  private static final class Actual {
    private final AddressSet blocked;
    private final AddressSet matched;
    private AddressSet allowed;

    private Actual(AddressSet blocked, AddressSet matched) {
      this.blocked = blocked;
      this.matched = matched;
    }

    static Actual of(WfasSlice slice) {
      return new Actual(slice.blocked(), slice.matched());
    }

    AddressSet blocked() {
      return blocked;
    }

    AddressSet matched() {
      return matched;
    }

    AddressSet allowed() {
      if (allowed == null) {
        allowed = blocked.complement();
      }
      return allowed;
    }
  }
}
