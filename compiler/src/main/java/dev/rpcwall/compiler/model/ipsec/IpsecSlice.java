package dev.rpcwall.compiler.model.ipsec;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import java.util.List;

/**
 * The evaluation of a filter list on a run of local ports that every filter treats alike, for one
 * protocol: sorted, disjoint IPv4 regions covering every address, adjacent regions of equal
 * verdict merged.
 */
public record IpsecSlice(PortRange ports, List<IpsecRegion> regions) {
  public IpsecSlice {
    requireNonNull(ports, "ports");
    regions = List.copyOf(regions);
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("a slice covers every IPv4 address");
    }
  }

  /** The region holding {@code ip} (IPv4). */
  public IpsecRegion regionOf(Ip ip) {
    IpsecRegion r = IpRange.find(regions, IpsecRegion::range, ip);
    if (r == null) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    return r;
  }
}
