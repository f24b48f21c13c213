package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Cidr;
import dev.rpcwall.compiler.semantics.Ip;
import java.util.ArrayList;
import java.util.List;

/**
 * What lint counts as the Internet when no roles file says: every address outside the private and
 * special-purpose ranges of the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890
 * and its updates): private (RFC 1918, RFC 4193), shared (RFC 6598), loopback, link-local,
 * documentation, benchmarking, multicast, reserved, unspecified and IPv4-mapped addresses.
 */
final class InternetRanges {
  private InternetRanges() {}

  static final List<String> NOT_INTERNET =
      List.of(
          "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
          "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
          "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
          "::/127", "::ffff:0:0/96", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10",
          "ff00::/8");

  /** The Internet: the complement of {@link #NOT_INTERNET}. */
  static final AddressSet DEFAULT = build();

  private static AddressSet build() {
    List<AddressSet> parts = new ArrayList<>();
    for (String s : NOT_INTERNET) {
      int slash = s.indexOf('/');
      Ip base = Ip.parse(s.substring(0, slash)).orElseThrow();
      parts.add(AddressSet.of(Cidr.of(base, Integer.parseInt(s.substring(slash + 1)))));
    }
    return AddressSet.union(parts).complement();
  }
}
