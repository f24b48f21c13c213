package dev.rpcwall.compiler.semantics;

import static java.util.Objects.requireNonNull;

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
