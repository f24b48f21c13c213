package dev.rpcwall.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.RandomPolicies;
import dev.rpcwall.compiler.testing.ReferenceEvaluator;
import dev.rpcwall.compiler.testing.ReferenceEvaluator.Verdict;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * DecisionMap against the naive first-match {@link ReferenceEvaluator}: every port 0..65535, both
 * protocols, every profile, every boundary address of both families, and the map's own region and
 * slice edges with their neighbours.
 */
class DecisionMapPropertyTest {

  @Test
  void slices_everyPortEveryBoundary_matchReference() {
    Seeded.check(
        qt ->
            qt.withExamples(120)
                .forAll(RandomPolicies.policies())
                .checkAssert(DecisionMapPropertyTest::checkSlicesAgainstReference));
  }

  @Test
  void decide_portAndAddressBoundaries_matchReference() {
    Seeded.check(
        qt ->
            qt.withExamples(120)
                .forAll(RandomPolicies.policies())
                .checkAssert(
                    policy -> {
                      DecisionMap map = DecisionMap.of(policy);
                      List<Ip> points = Boundaries.ofPolicies(policy);
                      for (Profile profile : Profile.values()) {
                        for (Protocol protocol : Protocol.values()) {
                          for (int port : portBoundaries(policy, protocol)) {
                            for (Ip ip : points) {
                              Verdict expected = ReferenceEvaluator.decide(policy, profile, protocol, port, ip);
                              Explanation actual = map.decide(profile, protocol, port, ip);
                              assertThat(actual.decision())
                                  .as("%s %s %d %s", profile, protocol, port, ip)
                                  .isEqualTo(expected.decision());
                              assertThat(actual.rule().map(Rule::index).orElse(-1))
                                  .isEqualTo(expected.rule().orElse(-1));
                              Reason reason =
                                  expected.decision() == Decision.UNMANAGED
                                      ? Reason.UNMANAGED
                                      : expected.rule().isPresent() ? Reason.RULE : Reason.DEFAULT;
                              assertThat(actual.reason()).isEqualTo(reason);
                            }
                          }
                        }
                      }
                    }));
  }

  /**
   * The map's own edges, which the policy's boundaries need not include: each region's first and
   * last address and their neighbours (a misplaced edge), and at every edge between two regions
   * and between two slices the reference's decision or deciding rule must change (a spurious inner
   * region is another answer from {@code explain}, and another rule in the output).
   */
  @Test
  void regionAndSliceEdges_plusMinusOne_matchReferenceAndAreMaximal() {
    Seeded.check(
        qt ->
            qt.withExamples(120)
                .forAll(RandomPolicies.policies())
                .checkAssert(DecisionMapPropertyTest::checkOwnEdges));
  }

  private static void checkOwnEdges(Policy policy) {
    DecisionMap map = DecisionMap.of(policy);
    List<Ip> policyPoints = Boundaries.ofPolicies(policy);
    for (Protocol protocol : Protocol.values()) {
      for (Profile profile : Profile.values()) {
        List<PortSlice> slices = map.slices(profile, protocol);
        Set<Long> compared = new HashSet<>();
        int s = 0;
        for (int port = 0; port <= PortRange.MAX_PORT; port++) {
          while (slices.get(s).ports().last() < port) {
            s++;
          }
          PortSlice slice = slices.get(s);
          if (map.sliceOf(profile, protocol, port) != slice) {
            throw new AssertionError("sliceOf(" + port + ") is not the slice " + slice.ports());
          }
          long sig = ReferenceEvaluator.signature(policy, profile, protocol, port);
          // every port of the slice is checked through one port per reference signature
          if (!compared.add(sig * 31 + s)) {
            continue;
          }
          List<AddressRegion> regions = slice.regions();
          for (int i = 0; i < regions.size(); i++) {
            AddressRegion region = regions.get(i);
            for (Ip ip : around(region.range().first(), region.range().last())) {
              Verdict expected = ReferenceEvaluator.decide(policy, profile, protocol, port, ip);
              Explanation actual = map.decide(profile, protocol, port, ip);
              assertThat(actual.decision())
                  .as("%s %s port %d at %s (edge of %s)",
                      profile, protocol, port, ip, region.range())
                  .isEqualTo(expected.decision());
              assertThat(actual.rule().map(Rule::index).orElse(-1))
                  .as("rule for %s %s port %d at %s (edge of %s)",
                      profile, protocol, port, ip, region.range())
                  .isEqualTo(expected.rule().orElse(-1));
              if (region.range().contains(ip)) {
                assertThat(slice.regionOf(ip)).isEqualTo(region);
              }
            }
            if (i + 1 < regions.size()
                && regions.get(i + 1).range().family() == region.range().family()) {
              Ip last = region.range().last();
              Ip next = regions.get(i + 1).range().first();
              assertThat(next).isEqualTo(last.next());
              assertThat(ReferenceEvaluator.decide(policy, profile, protocol, port, next))
                  .as("%s %s port %d: the edge %s|%s changes nothing",
                      profile, protocol, port, last, next)
                  .isNotEqualTo(ReferenceEvaluator.decide(policy, profile, protocol, port, last));
            }
          }
        }
        for (int i = 0; i + 1 < slices.size(); i++) {
          int last = slices.get(i).ports().last();
          // both sides are constant between these points, so equal answers at all of them would
          // mean equal answers everywhere
          TreeSet<Ip> points = new TreeSet<>(policyPoints);
          for (PortSlice side : List.of(slices.get(i), slices.get(i + 1))) {
            for (AddressRegion r : side.regions()) {
              points.addAll(around(r.range().first(), r.range().last()));
            }
          }
          boolean differ = false;
          for (Ip ip : points) {
            if (!ReferenceEvaluator.decide(policy, profile, protocol, last, ip)
                .equals(ReferenceEvaluator.decide(policy, profile, protocol, last + 1, ip))) {
              differ = true;
              break;
            }
          }
          assertThat(differ)
              .as("%s %s: ports %d and %d are in different slices but decided alike",
                  profile, protocol, last, last + 1)
              .isTrue();
        }
      }
    }
  }

  /** {@code first} and {@code last} and their neighbours inside the family. */
  private static List<Ip> around(Ip first, Ip last) {
    List<Ip> out = new ArrayList<>();
    for (Ip ip : List.of(first, last)) {
      out.add(ip);
      if (!ip.isMin()) {
        out.add(ip.previous());
      }
      if (!ip.isMax()) {
        out.add(ip.next());
      }
    }
    return out;
  }

  private static void checkSlicesAgainstReference(Policy policy) {
    DecisionMap map = DecisionMap.of(policy);
    List<Ip> points = Boundaries.ofPolicies(policy);
    BitSet decidingExpected = new BitSet();
    for (Protocol protocol : Protocol.values()) {
      PortSet managed = map.managedPorts(protocol);
      for (Profile profile : Profile.values()) {
        List<PortSlice> slices = map.slices(profile, protocol);
        assertWellFormed(slices);
        // a (slice, signature) pair compared once stands for every port that has it: both the
        // slice's answers and the reference's answers are functions of that pair alone
        Set<Long> compared = new HashSet<>();
        int s = 0;
        for (int port = 0; port <= PortRange.MAX_PORT; port++) {
          while (slices.get(s).ports().last() < port) {
            s++;
          }
          PortSlice slice = slices.get(s);
          assertThat(slice.ports().contains(port)).isTrue();
          long sig = ReferenceEvaluator.signature(policy, profile, protocol, port);
          boolean isManaged = sig != 0;
          assertThat(slice.managed()).as("%s %s port %d managed", profile, protocol, port).isEqualTo(isManaged);
          assertThat(managed.contains(port)).isEqualTo(isManaged);
          if (!compared.add(sig * 31 + s)) {
            continue;
          }
          for (Ip ip : points) {
            Verdict expected = ReferenceEvaluator.decide(policy, profile, protocol, port, ip);
            expected.rule().ifPresent(decidingExpected::set);
            if (!slice.managed()) {
              assertThat(expected.decision()).isEqualTo(Decision.UNMANAGED);
              continue;
            }
            AddressRegion region = slice.regionOf(ip);
            assertThat(region.decision())
                .as("%s %s port %d at %s", profile, protocol, port, ip)
                .isEqualTo(expected.decision());
            assertThat(region.rule().map(Rule::index).orElse(-1))
                .as("rule for %s %s port %d at %s", profile, protocol, port, ip)
                .isEqualTo(expected.rule().orElse(-1));
            assertThat(slice.allowed().contains(ip)).isEqualTo(expected.decision() == Decision.ALLOW);
            assertThat(slice.blocked().contains(ip)).isEqualTo(expected.decision() == Decision.BLOCK);
          }
        }
      }
    }
    assertThat(map.decidingRules()).isEqualTo(decidingExpected);
  }

  private static void assertWellFormed(List<PortSlice> slices) {
    assertThat(slices.get(0).ports().first()).isZero();
    assertThat(slices.get(slices.size() - 1).ports().last()).isEqualTo(PortRange.MAX_PORT);
    for (int i = 1; i < slices.size(); i++) {
      PortSlice a = slices.get(i - 1);
      PortSlice b = slices.get(i);
      assertThat(b.ports().first()).isEqualTo(a.ports().last() + 1);
      assertThat(a.managed() == b.managed() && a.regions().equals(b.regions()))
          .as("adjacent slices %s and %s must differ", a.ports(), b.ports())
          .isFalse();
    }
    for (PortSlice s : slices) {
      List<AddressRegion> regions = s.regions();
      if (!s.managed()) {
        continue;
      }
      for (IpFamily f : IpFamily.values()) {
        List<AddressRegion> fam = regions.stream().filter(r -> r.range().family() == f).toList();
        assertThat(fam.get(0).range().first()).isEqualTo(Ip.min(f));
        assertThat(fam.get(fam.size() - 1).range().last()).isEqualTo(Ip.max(f));
        for (int i = 1; i < fam.size(); i++) {
          AddressRegion a = fam.get(i - 1);
          AddressRegion b = fam.get(i);
          assertThat(b.range().first()).isEqualTo(a.range().last().next());
          assertThat(a.decision() == b.decision() && a.rule().equals(b.rule())).isFalse();
        }
      }
    }
  }

  static Set<Integer> portBoundaries(Policy policy, Protocol protocol) {
    TreeSet<Integer> out = new TreeSet<>(List.of(0, 1, PortRange.MAX_PORT - 1, PortRange.MAX_PORT));
    for (Rule r : policy.rules()) {
      for (PortRange pr : r.ports(protocol).ranges()) {
        for (int p : new int[] {pr.first() - 1, pr.first(), pr.first() + 1, pr.last() - 1, pr.last(), pr.last() + 1}) {
          if (p >= 0 && p <= PortRange.MAX_PORT) {
            out.add(p);
          }
        }
      }
    }
    return out;
  }
}
