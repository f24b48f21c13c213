package dev.rpcwall.compiler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WfasEvaluatorPropertyTest {

  @Test
  void slices_randomRuleSets_agreeWithPointEvaluationEverywhere() {
    Seeded.check(
        qt ->
            qt.withExamples(6)
                .forAll(longs().all())
                .checkAssert(
                    seed -> {
                      Random random = new Random(seed);
                      WfasRuleSet ours = randomRules(random, "ours");
                      WfasRuleSet host = randomRules(random, "host");
                      EvaluationOptions opts = EvaluationOptions.defaults();
                      for (Profile p : Profile.values()) {
                        if (random.nextBoolean()) {
                          opts = opts.withDefaultInbound(p, Action.ALLOW);
                        }
                      }
                      WfasEvaluator eval = WfasEvaluator.of(ours, host.rules(), opts);
                      List<AddressSet> sets = new ArrayList<>();
                      for (WfasRule r : eval.rules()) {
                        sets.add(r.remoteAddresses().addresses());
                      }
                      List<Ip> addresses = Boundaries.of(sets);
                      for (Profile profile : Profile.values()) {
                        for (Protocol protocol : Protocol.values()) {
                          agree(seed, eval, profile, protocol, addresses);
                        }
                      }
                    }));
  }

  private static void agree(
      long seed, WfasEvaluator eval, Profile profile, Protocol protocol, List<Ip> addresses) {
    List<WfasSlice> slices = eval.slices(profile, protocol);
    assertThat(slices.get(0).ports().first()).isZero();
    int s = 0;
    Decision[] sliceDecisions = decisions(slices.get(0), addresses);
    for (int port = 0; port <= PortRange.MAX_PORT; port++) {
      if (!slices.get(s).ports().contains(port)) {
        assertThat(slices.get(s).ports().last()).isEqualTo(port - 1);
        s++;
        sliceDecisions = decisions(slices.get(s), addresses);
      }
      for (int a = 0; a < addresses.size(); a++) {
        Decision point = eval.decide(profile, protocol, port, addresses.get(a)).decision();
        if (point != sliceDecisions[a]) {
          throw new AssertionError(
              "seed " + seed + ": " + profile + " " + protocol + " port " + port + " from "
                  + addresses.get(a) + ": point " + point + ", region " + sliceDecisions[a]);
        }
      }
    }
    assertThat(slices.get(slices.size() - 1).ports().last()).isEqualTo(PortRange.MAX_PORT);
  }

  private static Decision[] decisions(WfasSlice slice, List<Ip> addresses) {
    AddressSet allowed = slice.allowed();
    Decision[] out = new Decision[addresses.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = allowed.contains(addresses.get(i)) ? Decision.ALLOW : Decision.BLOCK;
    }
    return out;
  }

  static WfasRuleSet randomRules(Random random, String prefix) {
    List<WfasRule> rules = new ArrayList<>();
    int n = random.nextInt(7);
    for (int i = 0; i < n; i++) {
      RuleAction action = RuleAction.values()[random.nextInt(10) < 1 ? 2 : random.nextInt(2)];
      int protocol = new int[] {6, 17, WfasRule.ANY_PROTOCOL}[random.nextInt(3)];
      PortCondition ports =
          random.nextInt(4) == 0 || protocol == WfasRule.ANY_PROTOCOL
              ? PortCondition.ANY
              : PortCondition.of(randomPorts(random));
      AddressCondition remote =
          random.nextInt(4) == 0 ? AddressCondition.ANY : AddressCondition.of(randomAddresses(random));
      Set<Profile> profiles = EnumSet.noneOf(Profile.class);
      for (Profile p : Profile.values()) {
        if (random.nextBoolean()) {
          profiles.add(p);
        }
      }
      rules.add(
          new WfasRule(prefix + i, prefix + i, Optional.empty(), Optional.empty(),
              random.nextInt(10) == 0 ? Direction.OUT : Direction.IN, action, protocol, ports,
              PortCondition.ANY, AddressCondition.ANY, remote, profiles, random.nextInt(8) != 0,
              Optional.empty(), Optional.empty(), SourceSpan.UNKNOWN));
    }
    return new WfasRuleSet(rules, RpcSettings.NONE);
  }

  /** Ports clustered near both ends and near 135 so that ranges overlap and touch. */
  static PortSet randomPorts(Random random) {
    List<PortRange> out = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      int base = new int[] {0, 130, 5000, 65520}[random.nextInt(4)];
      int first = base + random.nextInt(16);
      int last = Math.min(PortRange.MAX_PORT, first + random.nextInt(8));
      out.add(PortRange.of(first, last));
    }
    return PortSet.of(out);
  }

  static AddressSet randomAddresses(Random random) {
    List<IpRange> out = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (random.nextBoolean()) {
        long first = 0x0A000000L + random.nextInt(64);
        out.add(new IpRange(Ip.v4(first), Ip.v4(first + random.nextInt(16))));
      } else if (random.nextInt(4) == 0) {
        out.add(IpRange.all(random.nextBoolean() ? IpFamily.IPV4 : IpFamily.IPV6));
      } else {
        long first = random.nextInt(64);
        out.add(new IpRange(Ip.v6(0x20010db800000000L, first),
            Ip.v6(0x20010db800000000L, first + random.nextInt(16))));
      }
    }
    return AddressSet.of(out);
  }
}
