package dev.rpcwall.compiler.model.ipsec;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.Ip;
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
    int lo = 0;
    int hi = regions.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (regions.get(mid).range().first().compareTo(ip) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    IpsecRegion r = regions.get(lo);
    if (!r.range().contains(ip)) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    return r;
  }
}
