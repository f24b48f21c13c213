package dev.rpcwall.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcwall.compiler.testing.Seeded;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * PortSet against a naive model, a {@code boolean[65536]} filled from the same input ranges: every
 * operation of the public API is compared at every port 0-65535, and the list form ({@link
 * PortSet#toString}) is read back by a parser of this test's own.
 */
class PortSetPropertyTest {
  private static final int PORTS = PortRange.MAX_PORT + 1;

  /** Port anchors: the ends of the space and the RPC ports, so random ranges touch and overlap. */
  private static final int[] ANCHORS = {
    0, 1, 135, 445, 5000, 5001, 5021, 24158, 49152, 65534, 65535
  };

  /** A PortSet built through one of the factories, and the model filled from the same ranges. */
  record Sample(PortSet set, boolean[] model, List<PortRange> input) {
    @Override
    public String toString() {
      return "ranges " + input;
    }
  }

  @Test
  void operations_everyPort_matchNaiveModel() {
    Seeded.check(
        qt ->
            qt.withExamples(300)
                .forAll(samples(), samples())
                .checkAssert(PortSetPropertyTest::checkPair));
  }

  @Test
  void equalModels_equalSetsAndHashes_whateverTheInputRanges() {
    Seeded.check(
        qt ->
            qt.withExamples(300)
                .forAll(SourceDSL.longs().all())
                .checkAssert(
                    seed -> {
                      Random random = new Random(seed);
                      Sample a = sample(random);
                      // the same ports, cut into other ranges and given in another order
                      List<PortRange> pieces = new ArrayList<>();
                      for (PortRange r : a.input()) {
                        int cut = r.first() + random.nextInt(r.size());
                        pieces.add(PortRange.of(r.first(), cut));
                        pieces.add(PortRange.of(cut, r.last()));
                        if (cut < r.last()) {
                          pieces.add(PortRange.of(cut + 1, r.last()));
                        }
                      }
                      Collections.shuffle(pieces, random);
                      PortSet b = PortSet.of(pieces);
                      assertThat(b).isEqualTo(a.set());
                      assertThat(b.hashCode()).isEqualTo(a.set().hashCode());
                      assertThat(b.toString()).isEqualTo(a.set().toString());
                    }));
  }

  @Test
  void rangeFactories_rejectBadRanges() {
    assertThatThrownBy(() -> PortRange.of(-1, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortRange.of(5, 65536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortRange.of(6, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortSet.of(65536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortSet.of(10, 9)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void checkPair(Sample a, Sample b) {
    checkOne(a.set(), a.model());
    checkOne(b.set(), b.model());
    boolean[] union = new boolean[PORTS];
    boolean[] inter = new boolean[PORTS];
    boolean[] minus = new boolean[PORTS];
    boolean[] complement = new boolean[PORTS];
    boolean intersects = false;
    boolean containsAll = true;
    for (int p = 0; p < PORTS; p++) {
      union[p] = a.model()[p] || b.model()[p];
      inter[p] = a.model()[p] && b.model()[p];
      minus[p] = a.model()[p] && !b.model()[p];
      complement[p] = !a.model()[p];
      intersects |= inter[p];
      containsAll &= !b.model()[p] || a.model()[p];
    }
    checkOne(a.set().union(b.set()), union);
    checkOne(a.set().intersect(b.set()), inter);
    checkOne(a.set().minus(b.set()), minus);
    checkOne(a.set().complement(), complement);
    checkOne(a.set().complement().complement(), a.model());
    assertThat(a.set().intersects(b.set())).as("intersects").isEqualTo(intersects);
    assertThat(a.set().containsAll(b.set())).as("containsAll").isEqualTo(containsAll);
    // intersects(PortRange) against the model, for each of b's ranges and the single ports and
    // gaps around each of a's boundaries.
    List<PortRange> probes = new java.util.ArrayList<>(b.set().ranges());
    for (PortRange r : a.set().ranges()) {
      for (int p : new int[] {r.first() - 1, r.first(), r.last(), r.last() + 1}) {
        if (p >= 0 && p < PORTS) {
          probes.add(PortRange.of(p));
          probes.add(PortRange.of(p, Math.min(PORTS - 1, p + 2)));
        }
      }
    }
    for (PortRange r : probes) {
      boolean any = false;
      for (int p = r.first(); p <= r.last(); p++) {
        any |= a.model()[p];
      }
      assertThat(a.set().intersects(r)).as("%s intersects %s", a.set(), r).isEqualTo(any);
    }
    assertThat(a.set().equals(b.set())).as("equals").isEqualTo(Arrays.equals(a.model(), b.model()));
  }

  /** Everything a single set answers, against its model, at every port. */
  private static void checkOne(PortSet set, boolean[] model) {
    int size = 0;
    for (int p = 0; p < PORTS; p++) {
      if (set.contains(p) != model[p]) {
        throw new AssertionError("contains(" + p + ") of " + set + " is " + set.contains(p));
      }
      size += model[p] ? 1 : 0;
    }
    assertThat(set.contains(-1)).isFalse();
    assertThat(set.contains(PORTS)).isFalse();
    assertThat(set.size()).as("size of %s", set).isEqualTo(size);
    assertThat(set.isEmpty()).isEqualTo(size == 0);
    assertThat(set.isAll()).isEqualTo(size == PORTS);
    assertThat(set.equals(PortSet.empty())).isEqualTo(size == 0);
    assertThat(set.equals(PortSet.all())).isEqualTo(size == PORTS);

    List<PortRange> expected = maximalRuns(model);
    assertThat(set.ranges()).as("ranges of %s", set).isEqualTo(expected);
    StringBuilder text = new StringBuilder();
    for (PortRange r : expected) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(r.first());
      if (r.last() != r.first()) {
        text.append('-').append(r.last());
      }
    }
    assertThat(set.toString()).isEqualTo(text.toString());
    PortSet reread = PortSet.of(parseList(set.toString()));
    assertThat(reread).isEqualTo(set);
    assertThat(reread.hashCode()).isEqualTo(set.hashCode());
  }

  /** The maximal runs of true in {@code model}, ascending. */
  private static List<PortRange> maximalRuns(boolean[] model) {
    List<PortRange> out = new ArrayList<>();
    int p = 0;
    while (p < PORTS) {
      if (!model[p]) {
        p++;
        continue;
      }
      int start = p;
      while (p < PORTS && model[p]) {
        p++;
      }
      out.add(new PortRange(start, p - 1));
    }
    return out;
  }

  /** {@code 135,5001-5021} back into ranges; empty text is no range. */
  private static List<PortRange> parseList(String text) {
    List<PortRange> out = new ArrayList<>();
    if (text.isEmpty()) {
      return out;
    }
    for (String item : text.split(",", -1)) {
      int dash = item.indexOf('-');
      out.add(
          dash < 0
              ? PortRange.of(Integer.parseInt(item))
              : PortRange.of(
                  Integer.parseInt(item.substring(0, dash)),
                  Integer.parseInt(item.substring(dash + 1))));
    }
    return out;
  }

  private static Gen<Sample> samples() {
    return SourceDSL.longs().all().map(seed -> sample(new Random(seed)));
  }

  /** 0-5 ranges near the anchors (sometimes all, sometimes none), through a random factory. */
  private static Sample sample(Random random) {
    List<PortRange> ranges = new ArrayList<>();
    int n = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      int a = clamp(ANCHORS[random.nextInt(ANCHORS.length)] + random.nextInt(7) - 3);
      int width =
          switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(4);
            case 2 -> random.nextInt(200);
            default -> random.nextInt(PORTS);
          };
      int b = clamp(random.nextBoolean() ? a + width : a - width);
      ranges.add(PortRange.of(Math.min(a, b), Math.max(a, b)));
    }
    if (random.nextInt(15) == 0) {
      ranges.add(PortRange.ALL);
    }
    if (!ranges.isEmpty() && random.nextInt(4) == 0) {
      // one range that touches another, so merging of adjacent ranges is exercised
      PortRange r = ranges.get(random.nextInt(ranges.size()));
      if (r.last() < PortRange.MAX_PORT) {
        ranges.add(PortRange.of(r.last() + 1, clamp(r.last() + 1 + random.nextInt(3))));
      } else if (r.first() > 0) {
        ranges.add(PortRange.of(clamp(r.first() - 1 - random.nextInt(3)), r.first() - 1));
      }
    }
    boolean[] model = new boolean[PORTS];
    for (PortRange r : ranges) {
      for (int p = r.first(); p <= r.last(); p++) {
        model[p] = true;
      }
    }
    PortSet set;
    if (ranges.isEmpty()) {
      set = random.nextBoolean() ? PortSet.empty() : PortSet.of(List.of());
    } else if (ranges.size() == 1) {
      PortRange r = ranges.get(0);
      set =
          switch (random.nextInt(4)) {
            case 0 -> PortSet.of(r);
            case 1 -> PortSet.of(r.first(), r.last());
            case 2 -> r.size() == 1 ? PortSet.of(r.first()) : PortSet.of(List.of(r));
            default -> r.equals(PortRange.ALL) ? PortSet.all() : PortSet.of(List.of(r));
          };
    } else if (random.nextBoolean()) {
      set = PortSet.of(ranges);
    } else {
      // built by unions one range at a time
      set = PortSet.empty();
      for (PortRange r : ranges) {
        set = set.union(PortSet.of(r));
      }
    }
    return new Sample(set, model, List.copyOf(ranges));
  }

  private static int clamp(int port) {
    return Math.max(0, Math.min(PortRange.MAX_PORT, port));
  }
}
