package dev.rpcwall.cli;

import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.IpFamily;

/** Short human descriptions of address sets for command output. */
final class Addresses {
  private Addresses() {}

  /** {@code any}, {@code any IPv4}, or the set's own comma list of ranges and CIDRs. */
  static String describe(AddressSet set) {
    if (set.equals(AddressSet.all())) {
      return "any";
    }
    if (set.equals(AddressSet.all(IpFamily.IPV4))) {
      return "any IPv4";
    }
    if (set.equals(AddressSet.all(IpFamily.IPV6))) {
      return "any IPv6";
    }
    return set.toString();
  }
}
