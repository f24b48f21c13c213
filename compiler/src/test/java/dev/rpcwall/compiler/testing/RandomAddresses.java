package dev.rpcwall.compiler.testing;

import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Cidr;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random address ranges that collide on purpose: every range starts near one of a few anchors
 * (family minimum and maximum, an IPv6 value where the low 64 bits carry, a few random points), so
 * random sets overlap, nest, touch and leave one-address gaps far more often than uniform values
 * would. Deterministic for a given {@link Random}.
 */
public final class RandomAddresses {
  private final Random random;
  private final List<Ip> anchors4 = new ArrayList<>();
  private final List<Ip> anchors6 = new ArrayList<>();

  public RandomAddresses(Random random) {
    this.random = random;
    anchors4.add(Ip.min(IpFamily.IPV4));
    anchors4.add(Ip.max(IpFamily.IPV4));
    anchors6.add(Ip.min(IpFamily.IPV6));
    anchors6.add(Ip.max(IpFamily.IPV6));
    anchors6.add(Ip.v6(random.nextLong(), -1L)); // next() carries into the high word
    for (int i = 0; i < 3; i++) {
      anchors4.add(Ip.v4(random.nextLong() & 0xFFFF_FFFFL));
      anchors6.add(Ip.v6(random.nextLong(), random.nextLong()));
    }
  }

  /** A range of either family, a few to a few hundred addresses wide, near an anchor. */
  public IpRange range() {
    return range(random.nextBoolean() ? IpFamily.IPV4 : IpFamily.IPV6);
  }

  public IpRange range(IpFamily family) {
    List<Ip> anchors = family == IpFamily.IPV4 ? anchors4 : anchors6;
    Ip a = shift(anchors.get(random.nextInt(anchors.size())), random.nextInt(65) - 32);
    Ip b = random.nextInt(4) == 0 ? a : shift(a, random.nextInt(random.nextBoolean() ? 8 : 300));
    if (random.nextInt(10) == 0) {
      // sometimes a whole CIDR-sized block around the anchor
      int prefix = family.bits() - 1 - random.nextInt(12);
      return Cidr.of(a, prefix).range();
    }
    return a.compareTo(b) <= 0 ? new IpRange(a, b) : new IpRange(b, a);
  }

  /** A union of 0-{@code maxRanges} random ranges. */
  public AddressSet set(int maxRanges) {
    List<IpRange> ranges = new ArrayList<>();
    int n = random.nextInt(maxRanges + 1);
    for (int i = 0; i < n; i++) {
      ranges.add(range());
    }
    return AddressSet.of(ranges);
  }

  public Random random() {
    return random;
  }

  /** {@code ip + delta}, clamped to its family's bounds. */
  public static Ip shift(Ip ip, int delta) {
    Ip out = ip;
    for (int i = 0; i < Math.abs(delta); i++) {
      if (delta > 0) {
        if (out.isMax()) {
          break;
        }
        out = out.next();
      } else {
        if (out.isMin()) {
          break;
        }
        out = out.previous();
      }
    }
    return out;
  }
}
