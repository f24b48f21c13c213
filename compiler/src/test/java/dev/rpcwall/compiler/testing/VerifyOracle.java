package dev.rpcwall.compiler.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.HostCondition;
import dev.rpcwall.compiler.model.WfasEvaluator;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.verify.HostVerification;
import dev.rpcwall.compiler.verify.HostVerification.Difference;
import dev.rpcwall.compiler.verify.HostVerification.Model;
import dev.rpcwall.compiler.verify.HostVerification.Report;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The oracle for {@code verify}: the report's counterexamples, looked up at a point, must be
 * exactly where two independent evaluators disagree: the first-match reference on the policy
 * ({@link ReferenceEvaluator}) and the WFAS evaluator's point decision on the host (both readings
 * of host conditions; where they disagree the point must be in exactly one not-enough-information
 * region). Every port 0-65535 is visited (ports with the same policy rules, host rules and report
 * lines are compared once), every profile and protocol, every boundary address +-1 of every set
 * involved.
 */
public final class VerifyOracle {
  private VerifyOracle() {}

  /**
   * Checks {@code verify(policy, host)} (both readings of host conditions) against the point
   * evaluators, as described in the class comment; fails with the first point that disagrees.
   */
  public static void check(Policy policy, HostState host) {
    DecisionMap map = DecisionMap.of(policy);
    EffectiveHost effective = new EffectiveHost(host);
    Report report = HostVerification.verify(map, effective, Model.WFAS, Optional.empty(), false);
    List<AddressSet> sets = new ArrayList<>();
    policy.rules().forEach(r -> sets.add(r.addresses()));
    host.rules().forEach(r -> sets.add(r.rule().remoteAddresses().addresses()));
    report.differences().forEach(d -> sets.add(d.addresses()));
    report.notEnoughInformation().forEach(d -> sets.add(d.addresses()));
    List<HostVerification.Unknown> unknown = report.notEnoughInformation();
    sets.add(AddressLimits.UNLISTABLE);
    List<Ip> points = Boundaries.of(sets);
    List<Difference> diffs = report.differences();
    for (Profile profile : Profile.values()) {
      WfasEvaluator evaluator = effective.evaluator(profile, HostCondition.ASSUME_MATCH);
      WfasEvaluator differ = effective.evaluator(profile, HostCondition.ASSUME_NO_MATCH);
      for (Protocol protocol : Protocol.values()) {
        Map<List<Object>, Boolean> seen = new HashMap<>();
        for (int port = 0; port <= PortRange.MAX_PORT; port++) {
          BitSet hostSig = new BitSet();
          for (int i = 0; i < host.rules().size(); i++) {
            WfasRule r = host.rules().get(i).rule();
            if ((r.protocol() == WfasRule.ANY_PROTOCOL || r.protocol() == protocol.number())
                && (r.localPorts().any() || r.localPorts().ports().contains(port))) {
              hostSig.set(i);
            }
          }
          BitSet diffSig = new BitSet();
          for (int i = 0; i < diffs.size(); i++) {
            Difference d = diffs.get(i);
            if (d.protocol() == protocol && d.profiles().contains(profile) && d.ports().contains(port)) {
              diffSig.set(i);
            }
          }
          for (int i = 0; i < unknown.size(); i++) {
            HostVerification.Unknown d = unknown.get(i);
            if (d.protocol() == protocol && d.profiles().contains(profile) && d.ports().contains(port)) {
              diffSig.set(diffs.size() + i);
            }
          }
          List<Object> key = List.of(ReferenceEvaluator.signature(policy, profile, protocol, port),
              hostSig, diffSig);
          if (seen.containsKey(key)) {
            continue;
          }
          seen.put(key, true);
          for (Ip ip : points) {
            ReferenceEvaluator.Verdict expected =
                ReferenceEvaluator.decide(policy, profile, protocol, port, ip);
            Decision actual = evaluator.decide(profile, protocol, port, ip).decision();
            Decision actualDiffer = differ.decide(profile, protocol, port, ip).decision();
            boolean managed = expected.decision() != Decision.UNMANAGED
                && AddressLimits.FILTERED.contains(ip);
            boolean undecided = managed && actual != actualDiffer;
            boolean disagree = managed && !undecided && expected.decision() != actual;
            List<Difference> at = new ArrayList<>();
            List<HostVerification.Unknown> unknownAt = new ArrayList<>();
            for (int i = diffSig.nextSetBit(0); i >= 0; i = diffSig.nextSetBit(i + 1)) {
              if (i < diffs.size() && diffs.get(i).addresses().contains(ip)) {
                at.add(diffs.get(i));
              } else if (i >= diffs.size() && unknown.get(i - diffs.size()).addresses().contains(ip)) {
                unknownAt.add(unknown.get(i - diffs.size()));
              }
            }
            String where = profile.keyword() + " " + protocol.keyword() + "/" + port + " " + ip;
            if (undecided) {
              assertThat(unknownAt).as("one not-enough-information region at %s", where).hasSize(1);
              assertThat(unknownAt.get(0).ifMatch().decision()).as(where).isEqualTo(actual.keyword());
              assertThat(unknownAt.get(0).ifDiffer().decision()).as(where)
                  .isEqualTo(actualDiffer.keyword());
              assertThat(unknownAt.get(0).policy().decision()).as(where)
                  .isEqualTo(expected.decision());
            } else {
              assertThat(unknownAt).as("no not-enough-information region at %s", where).isEmpty();
            }
            if (!disagree) {
              assertThat(at).as("no difference at %s", where).isEmpty();
              continue;
            }
            assertThat(at).as("one difference at %s", where).hasSize(1);
            Difference d = at.get(0);
            assertThat(d.policy().decision()).as(where).isEqualTo(expected.decision());
            assertThat(d.host().decision()).as(where).isEqualTo(actual.keyword());
            assertThat(d.policy().rule().map(r -> r.index()).orElse(-1))
                .as("deciding policy rule at %s", where)
                .isEqualTo(expected.rule().orElse(-1));
          }
        }
      }
    }
  }

}
