package dev.rpcwall.compiler.model.ipsec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The region view ({@link IpsecEvaluator#slices}) agrees with the point view ({@link
 * IpsecEvaluator#decide(long, int, int)}) for random filter lists: nested and overlapping blocks,
 * any-protocol and any-port filters, source ports, mirrored filters, both actions, with and
 * without exemptions; at every IPv4 boundary +-1 of the filters' blocks and at every local port
 * where a filter or an exemption starts or ends (+-1). Failures name the seed.
 */
class IpsecEvaluatorPropertyTest {
  private static final int[] PORTS = {0, 88, 135, 136, 500, 5001, 65535};

  private static List<IpsecFilter> filters(Random random) {
    List<IpsecFilter> out = new ArrayList<>();
    int n = 1 + random.nextInt(12);
    long base = (10L << 24) | ((long) random.nextInt(4) << 16);
    for (int i = 0; i < n; i++) {
      int prefix = random.nextInt(6) == 0 ? 0 : 8 + random.nextInt(25);
      IpsecAddress source = IpsecAddress.prefix(base | (random.nextInt(1 << 16) & 0xFFFF), prefix);
      int protocol = new int[] {0, 6, 17}[random.nextInt(3)];
      int sourcePort = random.nextInt(5) == 0 ? 1024 + random.nextInt(3) : 0;
      int port = PORTS[random.nextInt(PORTS.length)];
      IpsecAction action = random.nextBoolean() ? IpsecAction.PASS : IpsecAction.BLOCK;
      boolean mirrored = random.nextInt(4) == 0;
      out.add(new IpsecFilter(source, IpsecAddress.me(), protocol, sourcePort, port, mirrored, action));
    }
    return out;
  }

  @Test
  void slices_agreeWithPointDecisions() {
    Seeded.check(qt -> qt.withExamples(200).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      Random random = new Random(seed);
      List<IpsecFilter> filters = filters(random);
      IpsecExemptions ex = random.nextBoolean() ? IpsecExemptions.NONE : IpsecExemptions.DEFAULT;
      IpsecEvaluator e = IpsecEvaluator.of(filters, ex);
      List<AddressSet> sets = new ArrayList<>();
      for (IpsecFilter f : filters) {
        sets.add(AddressSet.of(f.source().range()));
      }
      TreeSet<Integer> ports = new TreeSet<>(List.of(0, 1, 65534, 65535));
      for (int p : PORTS) {
        for (int d = -1; d <= 1; d++) {
          if (p + d >= 0 && p + d <= 65535) {
            ports.add(p + d);
          }
        }
      }
      for (int protocol : new int[] {6, 17}) {
        List<IpsecSlice> slices = e.slices(protocol);
        for (int port : ports) {
          IpsecSlice slice = IpsecEvaluator.sliceOf(slices, port);
          for (Ip ip : Boundaries.of(sets)) {
            if (ip.family() != IpFamily.IPV4) {
              continue;
            }
            assertThat(slice.regionOf(ip).verdict())
                .as("%s port %d from %s, filters %s, %s", protocol, port, ip, filters, ex)
                .isEqualTo(e.decide(ip.lo(), protocol, port).verdict());
          }
        }
      }
    }));
  }
}
