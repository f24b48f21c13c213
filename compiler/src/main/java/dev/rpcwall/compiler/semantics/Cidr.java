package dev.rpcwall.compiler.semantics;

import static java.util.Objects.requireNonNull;

/** A CIDR block; {@code base} has no host bits set. */
public record Cidr(Ip base, int prefix) {
  public Cidr {
    requireNonNull(base, "base");
    if (prefix < 0 || prefix > base.family().bits()) {
      throw new IllegalArgumentException("bad prefix /" + prefix);
    }
    if (!isAligned(base, prefix)) {
      throw new IllegalArgumentException("host bits set in " + base + "/" + prefix);
    }
  }

  /** The block of {@code prefix} bits around any address, host bits cleared. */
  public static Cidr of(Ip address, int prefix) {
    int hostBits = address.family().bits() - prefix;
    if (prefix < 0 || hostBits < 0) {
      throw new IllegalArgumentException("bad prefix /" + prefix);
    }
    return new Cidr(
        new Ip(address.family(), address.hi() & ~lowMask(hostBits, true), address.lo() & ~lowMask(hostBits, false)),
        prefix);
  }

  /** Whether {@code address} has no bits set below {@code prefix}. */
  static boolean isAligned(Ip address, int prefix) {
    int hostBits = address.family().bits() - prefix;
    return (address.hi() & lowMask(hostBits, true)) == 0 && (address.lo() & lowMask(hostBits, false)) == 0;
  }

  /** The part in {@code hi} (or {@code lo}) of a 128-bit mask with the low {@code bits} bits set. */
  static long lowMask(int bits, boolean hiPart) {
    if (hiPart) {
      return bits <= 64 ? 0 : bits >= 128 ? -1L : (1L << (bits - 64)) - 1;
    }
    return bits <= 0 ? 0 : bits >= 64 ? -1L : (1L << bits) - 1;
  }

  public IpRange range() {
    int hostBits = base.family().bits() - prefix;
    Ip last = new Ip(base.family(), base.hi() | lowMask(hostBits, true), base.lo() | lowMask(hostBits, false));
    return new IpRange(base, last);
  }

  /** {@code 10.1.1.0/24}, {@code 2001:db8::/48}, {@code 10.1.1.7/32}. */
  @Override
  public String toString() {
    return base + "/" + prefix;
  }
}
