package dev.rpcwall.compiler.model.ipsec;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.IpRange;

/** An IPv4 remote address interval on which the filters decide alike. */
public record IpsecRegion(IpRange range, IpsecVerdict verdict) {
  public IpsecRegion {
    requireNonNull(range, "range");
    requireNonNull(verdict, "verdict");
  }
}
