package dev.rpcwall.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.semantics.PolicyDiff.DiffEntry;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.RandomPolicies;
import dev.rpcwall.compiler.testing.ReferenceEvaluator;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {

  @Test
  void between_policyAndItself_isEmpty() {
    Seeded.check(
        qt ->
            qt.withExamples(100)
                .forAll(RandomPolicies.policies())
                .checkAssert(
                    p -> assertThat(PolicyDiff.between(DecisionMap.of(p), DecisionMap.of(p))).isEmpty()));
  }

  @Test
  void between_twoPolicies_entriesAreExactlyTheDisagreements() {
    Seeded.check(
        qt ->
            qt.withExamples(100)
                .forAll(RandomPolicies.pairs())
                .checkAssert(
                    pair -> {
                      Policy a = pair[0];
                      Policy b = pair[1];
                      List<DiffEntry> diff = PolicyDiff.between(DecisionMap.of(a), DecisionMap.of(b));
                      assertThat(PolicyDiff.between(DecisionMap.of(a), DecisionMap.of(b))).isEqualTo(diff);
                      List<AddressSet> sets = new ArrayList<>();
                      a.rules().forEach(r -> sets.add(r.addresses()));
                      b.rules().forEach(r -> sets.add(r.addresses()));
                      diff.forEach(d -> sets.add(d.addresses()));
                      List<Ip> points = Boundaries.of(sets);
                      for (Protocol protocol : Protocol.values()) {
                        Set<Integer> ports = new TreeSet<>(DecisionMapPropertyTest.portBoundaries(a, protocol));
                        ports.addAll(DecisionMapPropertyTest.portBoundaries(b, protocol));
                        for (DiffEntry d : diff) {
                          for (PortRange r : d.ports().ranges()) {
                            ports.add(r.first());
                            ports.add(r.last());
                            ports.add(Math.min(PortRange.MAX_PORT, r.last() + 1));
                            ports.add(Math.max(0, r.first() - 1));
                          }
                        }
                        for (Profile profile : Profile.values()) {
                          for (int port : ports) {
                            for (Ip ip : points) {
                              Decision before = ReferenceEvaluator.decide(a, profile, protocol, port, ip).decision();
                              Decision after = ReferenceEvaluator.decide(b, profile, protocol, port, ip).decision();
                              List<DiffEntry> hits =
                                  diff.stream()
                                      .filter(
                                          d ->
                                              d.protocol() == protocol
                                                  && d.profiles().contains(profile)
                                                  && d.ports().contains(port)
                                                  && d.addresses().contains(ip))
                                      .toList();
                              if (before == after) {
                                assertThat(hits).as("%s %s %d %s", profile, protocol, port, ip).isEmpty();
                              } else {
                                assertThat(hits).as("%s %s %d %s", profile, protocol, port, ip).hasSize(1);
                                assertThat(hits.get(0).before()).isEqualTo(before);
                                assertThat(hits.get(0).after()).isEqualTo(after);
                              }
                            }
                          }
                        }
                      }
                    }));
  }
}
