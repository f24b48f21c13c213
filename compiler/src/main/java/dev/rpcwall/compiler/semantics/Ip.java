package dev.rpcwall.compiler.semantics;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One IPv4 or IPv6 address as an unsigned 128-bit number ({@code hi}, {@code lo}); IPv4 uses the
 * low 32 bits of {@code lo} and {@code hi == 0}. Orders IPv4 before IPv6, then numerically.
 */
public record Ip(IpFamily family, long hi, long lo) implements Comparable<Ip> {
  public Ip {
    requireNonNull(family, "family");
    if (family == IpFamily.IPV4 && (hi != 0 || (lo >>> 32) != 0)) {
      throw new IllegalArgumentException("IPv4 value out of range");
    }
  }

  public static Ip v4(long value) {
    return new Ip(IpFamily.IPV4, 0, value);
  }

  public static Ip v6(long hi, long lo) {
    return new Ip(IpFamily.IPV6, hi, lo);
  }

  /** Lowest address of a family (0.0.0.0 or ::). */
  public static Ip min(IpFamily family) {
    return new Ip(family, 0, 0);
  }

  /** Highest address of a family (255.255.255.255 or ffff:...:ffff). */
  public static Ip max(IpFamily family) {
    return family == IpFamily.IPV4 ? v4(0xFFFF_FFFFL) : v6(-1L, -1L);
  }

  /**
   * Parses one plain address ({@code 10.1.2.3}, {@code 2001:db8::1}); no prefix, mask or range.
   * Empty when the text is not a valid address.
   */
  public static Optional<Ip> parse(String text) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public boolean isMax() {
    return equals(max(family));
  }

  public boolean isMin() {
    return hi == 0 && lo == 0;
  }

  /** The next address; the caller checks {@link #isMax()} first. */
  public Ip next() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  /** The previous address; the caller checks {@link #isMin()} first. */
  public Ip previous() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  @Override
  public int compareTo(Ip o) {
    if (family != o.family) {
      return family.compareTo(o.family);
    }
    int c = Long.compareUnsigned(hi, o.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }

  /** Canonical text: dotted quad, or RFC 5952 compressed lower-case IPv6. */
  @Override
  public String toString() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }
}
