package dev.rpcwall.compiler.lower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.EvaluationOptions;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasEvaluator;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.model.WfasSlice;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.RandomPolicies;
import dev.rpcwall.compiler.testing.ReferenceEvaluator;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.compiler.verify.TranslationCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WfasLoweringPropertyTest {

  @Test
  void lower_randomPolicies_meanExactlyThePolicyOnEveryPortAndBoundary() {
    Seeded.check(
        qt ->
            qt.withExamples(12)
                .forAll(RandomPolicies.policies())
                .checkAssert(WfasLoweringPropertyTest::meansThePolicy));
  }

  @Test
  void check_randomPolicies_acceptsLoweredAndFindsMutations() {
    Seeded.check(
        qt ->
            qt.withExamples(40)
                .forAll(RandomPolicies.policies())
                .checkAssert(WfasLoweringPropertyTest::mutationsAreFound));
  }

  private static void meansThePolicy(Policy policy) {
    DecisionMap map = DecisionMap.of(policy);
    WfasRuleSet lowered = WfasLowering.lower(map, LoweringOptions.defaults());
    assertThat(WfasLowering.lower(DecisionMap.of(policy), LoweringOptions.defaults()))
        .as("lowering twice").isEqualTo(lowered);
    assertThat(TranslationCheck.check(map, lowered)).as("translation check").isEmpty();

    WfasEvaluator alone = WfasEvaluator.of(lowered);
    WfasEvaluator withAllowAny =
        WfasEvaluator.of(lowered, List.of(TranslationCheck.allowAny()), EvaluationOptions.defaults());
    List<AddressSet> sets = new ArrayList<>();
    for (WfasRule r : lowered.rules()) {
      sets.add(r.remoteAddresses().addresses());
      // Every emitted list is one Windows accepts (MS-FASP 2.2.4-2.2.11, 2.2.37).
      assertThat(AddressLimits.violation(r.remoteAddresses().addresses()))
          .as("address list of " + r.id()).isEmpty();
    }
    // Probe the edges of the space Windows does not filter or list, +-1.
    sets.add(AddressLimits.UNLISTABLE);
    for (var r : policy.rules()) {
      sets.add(r.addresses());
    }
    List<Ip> addresses = Boundaries.of(sets);
    for (Profile profile : Profile.values()) {
      for (Protocol protocol : Protocol.values()) {
        // The reference is evaluated once per distinct set of rules a port meets (ports with
        // equal signatures are decided alike); the WFAS side once per slice. Every port is checked.
        Map<Long, Decision[]> expectedBySignature = new HashMap<>();
        List<WfasSlice> a = alone.slices(profile, protocol);
        List<WfasSlice> b = withAllowAny.slices(profile, protocol);
        int ia = -1;
        int ib = -1;
        boolean[][] sa = null;
        boolean[][] sb = null;
        for (int port = 0; port <= PortRange.MAX_PORT; port++) {
          if (ia < 0 || !a.get(ia).ports().contains(port)) {
            ia++;
            sa = membership(a.get(ia), addresses);
          }
          if (ib < 0 || !b.get(ib).ports().contains(port)) {
            ib++;
            sb = membership(b.get(ib), addresses);
          }
          long signature = ReferenceEvaluator.signature(policy, profile, protocol, port);
          final int p = port;
          Decision[] expected =
              expectedBySignature.computeIfAbsent(
                  signature, k -> reference(policy, profile, protocol, p, addresses));
          for (int i = 0; i < addresses.size(); i++) {
            String where = profile + " " + protocol + " port " + port + " from " + addresses.get(i);
            if (AddressLimits.LOOPBACK.contains(addresses.get(i))) {
              // Windows Firewall does not filter loopback: passed, and no rule matches it.
              if (!sa[ALLOWED][i] || !sb[ALLOWED][i] || sa[MATCHED][i]) {
                throw new AssertionError("loopback filtered: " + where);
              }
              continue;
            }
            if (!AddressLimits.FILTERED.contains(addresses.get(i))) {
              continue; // '::' cannot be named in a list (AddressLimits.FILTERED)
            }
            switch (expected[i]) {
              case ALLOW -> {
                if (!sa[ALLOWED][i]) {
                  throw new AssertionError("(a) allowed became blocked: " + where);
                }
              }
              case BLOCK -> {
                if (sa[ALLOWED][i]) {
                  throw new AssertionError("(a) blocked became allowed: " + where);
                }
                if (sb[ALLOWED][i]) {
                  throw new AssertionError("(b) blocked became allowed next to allow-any: " + where);
                }
              }
              case UNMANAGED -> {
                if (sa[MATCHED][i]) {
                  throw new AssertionError("(c) unmanaged port matched by a rule: " + where);
                }
              }
            }
          }
        }
      }
    }
  }

  private static final int ALLOWED = 0;
  private static final int MATCHED = 1;

  private static boolean[][] membership(WfasSlice slice, List<Ip> addresses) {
    AddressSet allowed = slice.allowed();
    AddressSet matched = slice.matched();
    boolean[][] out = new boolean[2][addresses.size()];
    for (int i = 0; i < addresses.size(); i++) {
      out[ALLOWED][i] = allowed.contains(addresses.get(i));
      out[MATCHED][i] = matched.contains(addresses.get(i));
    }
    return out;
  }

  private static Decision[] reference(
      Policy policy, Profile profile, Protocol protocol, int port, List<Ip> addresses) {
    Decision[] out = new Decision[addresses.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ReferenceEvaluator.decide(policy, profile, protocol, port, addresses.get(i)).decision();
    }
    return out;
  }

  private static void mutationsAreFound(Policy policy) {
    DecisionMap map = DecisionMap.of(policy);
    WfasRuleSet lowered = WfasLowering.lower(map, LoweringOptions.defaults());
    List<WfasRule> rules = lowered.rules();
    for (int i = 0; i < rules.size(); i++) {
      List<WfasRule> dropped = new ArrayList<>(rules);
      WfasRule gone = dropped.remove(i);
      assertThat(TranslationCheck.check(map, new WfasRuleSet(dropped, lowered.rpc())))
          .as("dropping %s", gone.id())
          .isNotEmpty();
    }
    PortSet unmanagedTcp = map.managedPorts(Protocol.TCP).complement();
    for (int i = 0; i < rules.size(); i++) {
      WfasRule r = rules.get(i);
      List<WfasRule> widened = new ArrayList<>(rules);
      if (r.protocol() == Protocol.TCP.number() && !unmanagedTcp.isEmpty()) {
        int extra = unmanagedTcp.ranges().get(0).first();
        widened.set(i, withPorts(r, r.localPorts().ports().union(PortSet.of(extra))));
        assertThat(TranslationCheck.check(map, new WfasRuleSet(widened, lowered.rpc())))
            .as("widening the ports of %s", r.id())
            .isNotEmpty();
      }
      if (r.action() == RuleAction.BLOCK) {
        widened = new ArrayList<>(rules);
        widened.set(i, withRemote(r, AddressCondition.ANY));
        boolean shadowsAnAllow =
            rules.stream()
                .anyMatch(
                    o ->
                        o.action() == RuleAction.ALLOW
                            && o.protocol() == r.protocol()
                            && o.localPorts().ports().intersects(r.localPorts().ports())
                            && overlap(o, r));
        assertThat(TranslationCheck.check(map, new WfasRuleSet(widened, lowered.rpc())).isEmpty())
            .as("widening the addresses of %s", r.id())
            .isEqualTo(!shadowsAnAllow);
      }
    }
  }

  private static boolean overlap(WfasRule a, WfasRule b) {
    for (Profile p : Profile.values()) {
      if (a.appliesTo(p) && b.appliesTo(p)) {
        return true;
      }
    }
    return false;
  }

  private static WfasRule withPorts(WfasRule r, PortSet ports) {
    return new WfasRule(r.id(), r.displayName(), r.group(), r.description(), r.direction(),
        r.action(), r.protocol(), PortCondition.of(ports), r.remotePorts(), r.localAddresses(),
        r.remoteAddresses(), r.profiles(), r.enabled(), r.program(), r.service(), r.origin());
  }

  private static WfasRule withRemote(WfasRule r, AddressCondition remote) {
    return new WfasRule(r.id(), r.displayName(), r.group(), r.description(), r.direction(),
        r.action(), r.protocol(), r.localPorts(), r.remotePorts(), r.localAddresses(),
        remote, r.profiles(), r.enabled(), r.program(), r.service(), r.origin());
  }
}
