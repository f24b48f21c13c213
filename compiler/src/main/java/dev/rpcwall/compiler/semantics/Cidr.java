package dev.rpcwall.compiler.semantics;

import static java.util.Objects.requireNonNull;

/** A CIDR block; {@code base} has no host bits set. */
public record Cidr(Ip base, int prefix) {
  public Cidr {
    requireNonNull(base, "base");
    if (prefix < 0 || prefix > base.family().bits()) {
      throw new IllegalArgumentException("bad prefix /" + prefix);
    }
  }

  public IpRange range() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  /** {@code 10.1.1.0/24}, {@code 2001:db8::/48}, {@code 10.1.1.7/32}. */
  @Override
  public String toString() {
    return base + "/" + prefix;
  }
}
