package dev.rpcwall.compiler.semantics;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

/** An inclusive range of addresses of one family. */
public record IpRange(Ip first, Ip last) implements Comparable<IpRange> {
  public IpRange {
    requireNonNull(first, "first");
    requireNonNull(last, "last");
    if (first.family() != last.family() || first.compareTo(last) > 0) {
      throw new IllegalArgumentException("bad address range " + first + "-" + last);
    }
  }

  public static IpRange all(IpFamily family) {
    return new IpRange(Ip.min(family), Ip.max(family));
  }

  public IpFamily family() {
    return first.family();
  }

  public boolean contains(Ip ip) {
    return first.compareTo(ip) <= 0 && ip.compareTo(last) <= 0;
  }

  /**
   * The element of {@code sorted} whose range ({@code range} of it) holds {@code ip}, by binary
   * search, or null when none does; {@code sorted} holds disjoint ranges in ascending order (the
   * regions of a slice).
   */
  public static <T> T find(List<T> sorted, Function<? super T, IpRange> range, Ip ip) {
    if (sorted.isEmpty()) {
      return null;
    }
    int lo = 0;
    int hi = sorted.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (range.apply(sorted.get(mid)).first().compareTo(ip) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    T found = sorted.get(lo);
    return range.apply(found).contains(ip) ? found : null;
  }

  @Override
  public int compareTo(IpRange o) {
    int c = first.compareTo(o.first);
    return c != 0 ? c : last.compareTo(o.last);
  }

  /** {@code a} for a single address, else {@code a-b}. */
  @Override
  public String toString() {
    return first.equals(last) ? first.toString() : first + "-" + last;
  }
}
