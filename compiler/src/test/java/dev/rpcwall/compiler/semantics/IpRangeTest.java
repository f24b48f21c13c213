package dev.rpcwall.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class IpRangeTest {
  private static Ip v4(long v) {
    return Ip.v4(v);
  }

  @Test
  void find_everyBoundaryPlusMinusOne_theRangeThatHoldsIt_orNull() {
    // Disjoint ranges with gaps: 10-19, 20-20, 30-39, 40-0xFFFFFFFF.
    List<IpRange> ranges = List.of(new IpRange(v4(10), v4(19)), new IpRange(v4(20), v4(20)),
        new IpRange(v4(30), v4(39)), new IpRange(v4(40), v4(0xFFFF_FFFFL)));
    List<Long> probes = new ArrayList<>(List.of(0L, 0xFFFF_FFFFL));
    for (IpRange r : ranges) {
      for (long edge : new long[] {r.first().lo(), r.last().lo()}) {
        for (long d = -1; d <= 1; d++) {
          if (edge + d >= 0 && edge + d <= 0xFFFF_FFFFL) {
            probes.add(edge + d);
          }
        }
      }
    }
    for (long p : probes) {
      IpRange expected = ranges.stream().filter(r -> r.contains(v4(p))).findFirst().orElse(null);
      assertThat(IpRange.find(ranges, Function.identity(), v4(p))).as("%d", p).isEqualTo(expected);
    }
    assertThat(IpRange.find(List.<IpRange>of(), Function.identity(), v4(1))).isNull();
    assertThat(IpRange.find(ranges, Function.identity(), Ip.v6(0, 1))).isNull();
  }
}
