package dev.rpcwall.compiler.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.rpcwall.compiler.model.Rules;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PortIndexTest {
  @Test
  void at_andOverlapping_smallExample() {
    List<PortSet> sets = new ArrayList<>();
    sets.add(Rules.ports("135"));
    sets.add(PortSet.all());
    sets.add(null);
    sets.add(Rules.ports("100-200,445"));
    PortIndex index = new PortIndex(sets);
    assertThat(index.at(135)).containsExactly(0, 1, 3);
    assertThat(index.at(201)).containsExactly(1);
    assertThat(index.at(445)).containsExactly(1, 3);
    assertThat(index.overlapping(Rules.ports("136-444"))).containsExactly(1, 3);
    assertThat(index.overlapping(Rules.ports("300-400"))).containsExactly(1);
    assertThat(index.cuts()).startsWith(0);
  }

  /** Every port 0-65535: the index answers what a scan of the sets answers. */
  @Test
  void at_agreesWithAScanAtEveryPort() {
    Seeded.check(qt -> qt.withExamples(20).forAll(longs().all()).checkAssert(seed -> {
      Random random = new Random(seed);
      List<PortSet> sets = new ArrayList<>();
      for (int i = random.nextInt(8); i > 0; i--) {
        if (random.nextInt(6) == 0) {
          sets.add(random.nextBoolean() ? null : PortSet.all());
          continue;
        }
        List<PortRange> ranges = new ArrayList<>();
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          int a = random.nextInt(65536);
          int b = Math.min(65535, a + random.nextInt(3000));
          ranges.add(PortRange.of(a, b));
        }
        sets.add(PortSet.of(ranges));
      }
      PortIndex index = new PortIndex(sets);
      for (int port = 0; port <= PortRange.MAX_PORT; port++) {
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
          if (sets.get(i) != null && sets.get(i).contains(port)) {
            expected.add(i);
          }
        }
        int[] actual = index.at(port);
        if (!Arrays.equals(actual, expected.stream().mapToInt(Integer::intValue).toArray())) {
          throw new AssertionError("port " + port + ": " + Arrays.toString(actual) + " vs " + expected);
        }
      }
    }));
  }
}
