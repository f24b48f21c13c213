package dev.rpcwall.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.RandomAddresses;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Set operations against a naive model (a list of ranges; membership = any range contains the
 * address), evaluated at every boundary of every set involved, both families.
 */
class AddressSetPropertyTest {

  /** A set with the ranges it was built from: the naive model. */
  record Sample(List<IpRange> ranges, AddressSet set) {
    boolean naiveContains(Ip ip) {
      for (IpRange r : ranges) {
        if (r.contains(ip)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return ranges.toString();
    }
  }

  private static final Gen<Long> SEEDS = SourceDSL.longs().all();

  private static Sample sample(long seed) {
    RandomAddresses gen = new RandomAddresses(new Random(seed));
    List<IpRange> ranges = new ArrayList<>();
    int n = gen.random().nextInt(9);
    for (int i = 0; i < n; i++) {
      ranges.add(gen.range());
    }
    return new Sample(ranges, AddressSet.of(ranges));
  }

  /** Two samples sharing anchors, so they overlap often. */
  private static Sample[] pair(long seed) {
    RandomAddresses gen = new RandomAddresses(new Random(seed));
    Sample[] out = new Sample[2];
    for (int k = 0; k < 2; k++) {
      List<IpRange> ranges = new ArrayList<>();
      int n = gen.random().nextInt(9);
      for (int i = 0; i < n; i++) {
        ranges.add(gen.range());
      }
      out[k] = new Sample(ranges, AddressSet.of(ranges));
    }
    return out;
  }

  private static void checkBinary(BiPredicate<Boolean, Boolean> naive, Op op) {
    Seeded.check(
        qt ->
            qt.withExamples(400)
                .forAll(SEEDS)
                .checkAssert(
                    seed -> {
                      Sample[] p = pair(seed);
                      AddressSet result = op.apply(p[0].set(), p[1].set());
                      assertCanonical(result);
                      for (Ip ip : union(
                          Boundaries.ofRanges(p[0].ranges()),
                          Boundaries.ofRanges(p[1].ranges()),
                          Boundaries.of(result))) {
                        boolean expected = naive.test(p[0].naiveContains(ip), p[1].naiveContains(ip));
                        assertThat(result.contains(ip))
                            .as("%s at %s; a=%s b=%s", op, ip, p[0], p[1])
                            .isEqualTo(expected);
                      }
                    }));
  }

  interface Op {
    AddressSet apply(AddressSet a, AddressSet b);
  }

  @Test
  void of_matchesNaiveModel() {
    Seeded.check(
        qt ->
            qt.withExamples(400)
                .forAll(SEEDS)
                .checkAssert(
                    seed -> {
                      Sample s = sample(seed);
                      assertCanonical(s.set());
                      for (Ip ip : union(Boundaries.ofRanges(s.ranges()), Boundaries.of(s.set()))) {
                        assertThat(s.set().contains(ip)).as("%s in %s", ip, s).isEqualTo(s.naiveContains(ip));
                      }
                      for (IpRange r : s.ranges()) {
                        for (Ip ip : List.of(r.first(), r.last())) {
                          assertThat(s.set().contains(ip)).isTrue();
                        }
                      }
                    }));
  }

  @Test
  void accumulator_anyOrderOfPrimitiveBounds_sameSetAsOf() {
    Seeded.check(
        qt ->
            qt.withExamples(400)
                .forAll(SEEDS)
                .checkAssert(
                    seed -> {
                      Sample s = sample(seed);
                      List<IpRange> shuffled = new ArrayList<>(s.ranges());
                      java.util.Collections.shuffle(shuffled, new Random(seed));
                      // expected 0: the arrays have to grow on the way
                      AddressSet.Accumulator acc = new AddressSet.Accumulator(0);
                      for (IpRange r : shuffled) {
                        if (r.family() == IpFamily.IPV4) {
                          acc.addV4(r.first().lo(), r.last().lo());
                        } else {
                          acc.addV6(r.first().hi(), r.first().lo(), r.last().hi(), r.last().lo());
                        }
                      }
                      AddressSet built = acc.build();
                      assertCanonical(built);
                      assertThat(built).as("%s", s).isEqualTo(s.set());
                      for (Ip ip : union(Boundaries.ofRanges(s.ranges()), Boundaries.of(built))) {
                        assertThat(built.contains(ip)).as("%s in %s", ip, s).isEqualTo(s.naiveContains(ip));
                      }
                    }));
  }

  @Test
  void union_matchesNaiveModel() {
    checkBinary((a, b) -> a || b, AddressSet::union);
  }

  @Test
  void unionOfMany_matchesNaiveModelAndPairwiseUnion() {
    Seeded.check(
        qt ->
            qt.withExamples(400)
                .forAll(SEEDS)
                .checkAssert(
                    seed -> {
                      Random r = new Random(seed);
                      List<Sample> samples = new ArrayList<>();
                      List<AddressSet> sets = new ArrayList<>();
                      int n = r.nextInt(6);
                      for (int i = 0; i < n; i++) {
                        Sample s = sample(r.nextLong());
                        samples.add(s);
                        sets.add(s.set());
                      }
                      AddressSet result = AddressSet.union(sets);
                      assertCanonical(result);
                      AddressSet pairwise = AddressSet.empty();
                      List<Ip> points = new ArrayList<>(Boundaries.of(result));
                      for (Sample s : samples) {
                        pairwise = pairwise.union(s.set());
                        points.addAll(Boundaries.ofRanges(s.ranges()));
                      }
                      assertThat(result).as("%s", samples).isEqualTo(pairwise);
                      for (Ip ip : points) {
                        boolean expected = samples.stream().anyMatch(s -> s.naiveContains(ip));
                        assertThat(result.contains(ip)).as("%s in %s", ip, samples).isEqualTo(expected);
                      }
                    }));
  }

  @Test
  void intersect_matchesNaiveModel() {
    checkBinary((a, b) -> a && b, AddressSet::intersect);
  }

  @Test
  void minus_matchesNaiveModel() {
    checkBinary((a, b) -> a && !b, AddressSet::minus);
  }

  @Test
  void intersectsAndContainsAll_matchNaiveModel() {
    Seeded.check(
        qt ->
            qt.withExamples(400)
                .forAll(SEEDS)
                .checkAssert(
                    seed -> {
                      Sample[] p = pair(seed);
                      boolean anyBoth = false;
                      boolean allOfB = true;
                      for (Ip ip : union(Boundaries.ofRanges(p[0].ranges()), Boundaries.ofRanges(p[1].ranges()))) {
                        boolean a = p[0].naiveContains(ip);
                        boolean b = p[1].naiveContains(ip);
                        anyBoth |= a && b;
                        allOfB &= !b || a;
                      }
                      assertThat(p[0].set().intersects(p[1].set())).as("%s %s", p[0], p[1]).isEqualTo(anyBoth);
                      assertThat(p[0].set().containsAll(p[1].set())).as("%s %s", p[0], p[1]).isEqualTo(allOfB);
                    }));
  }

  @Test
  void complement_matchesNaiveModel() {
    Seeded.check(
        qt ->
            qt.withExamples(400)
                .forAll(SEEDS)
                .checkAssert(
                    seed -> {
                      Sample s = sample(seed);
                      AddressSet c = s.set().complement();
                      assertCanonical(c);
                      for (Ip ip : union(Boundaries.ofRanges(s.ranges()), Boundaries.of(c))) {
                        assertThat(c.contains(ip)).as("%s not in %s", ip, s).isEqualTo(!s.naiveContains(ip));
                      }
                      assertThat(c.complement()).isEqualTo(s.set());
                    }));
  }

  @Test
  void toCidrs_coversExactlyAndIsMinimal() {
    Seeded.check(
        qt ->
            qt.withExamples(400)
                .forAll(SEEDS)
                .checkAssert(
                    seed -> {
                      Sample s = sample(seed);
                      List<Cidr> cidrs = s.set().toCidrs();
                      List<IpRange> blocks = cidrs.stream().map(Cidr::range).toList();
                      for (int i = 1; i < blocks.size(); i++) {
                        assertThat(blocks.get(i - 1).compareTo(blocks.get(i))).isNegative();
                      }
                      AddressSet rebuilt = AddressSet.of(blocks);
                      assertThat(rebuilt).isEqualTo(s.set());
                      Predicate<Ip> inBlocks = ip -> blocks.stream().anyMatch(b -> b.contains(ip));
                      for (Ip ip : union(Boundaries.ofRanges(s.ranges()), Boundaries.ofRanges(blocks))) {
                        assertThat(inBlocks.test(ip)).as("%s in %s", ip, cidrs).isEqualTo(s.naiveContains(ip));
                      }
                      List<Ip> points = Boundaries.ofRanges(s.ranges());
                      int minimal = 0;
                      for (IpFamily f : IpFamily.values()) {
                        minimal += trieCount(s, points, new Cidr(Ip.min(f), 0));
                      }
                      assertThat(cidrs).as("minimal decomposition of %s", s).hasSize(minimal);
                    }));
  }

  /**
   * Independent count of the minimal CIDR cover: walk the prefix tree top down; a block entirely
   * inside the set counts one, a block disjoint from it zero, any other splits in two halves.
   */
  private static int trieCount(Sample s, List<Ip> points, Cidr block) {
    IpRange range = block.range();
    boolean inside = s.naiveContains(range.first()) && s.naiveContains(range.last());
    boolean outside = !s.naiveContains(range.first()) && !s.naiveContains(range.last());
    // membership is constant between consecutive boundaries, so the boundaries inside the block
    // and its two ends decide whether it lies wholly inside or outside the set
    for (Ip ip : points) {
      if (!range.contains(ip)) {
        continue;
      }
      boolean in = s.naiveContains(ip);
      inside &= in;
      outside &= !in;
    }
    if (outside) {
      return 0;
    }
    if (inside) {
      return 1;
    }
    int prefix = block.prefix() + 1;
    Ip low = block.base();
    Ip high = Cidr.of(block.range().last(), prefix).base();
    return trieCount(s, points, new Cidr(low, prefix)) + trieCount(s, points, new Cidr(high, prefix));
  }

  @SafeVarargs
  private static List<Ip> union(List<Ip>... lists) {
    java.util.TreeSet<Ip> out = new java.util.TreeSet<>();
    for (List<Ip> l : lists) {
      out.addAll(l);
    }
    return new ArrayList<>(out);
  }

  /** Sorted, disjoint, non-adjacent, each family in its own bounds. */
  private static void assertCanonical(AddressSet set) {
    List<IpRange> ranges = set.ranges();
    for (int i = 1; i < ranges.size(); i++) {
      IpRange a = ranges.get(i - 1);
      IpRange b = ranges.get(i);
      if (a.family() == b.family()) {
        assertThat(a.last().isMax()).isFalse();
        assertThat(a.last().next()).as("gap between %s and %s", a, b).isLessThan(b.first());
      } else {
        assertThat(a.family()).isEqualTo(IpFamily.IPV4);
      }
    }
    assertThat(set.rangeCount()).isEqualTo(ranges.size());
  }
}
