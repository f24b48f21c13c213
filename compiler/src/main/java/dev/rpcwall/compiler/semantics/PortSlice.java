package dev.rpcwall.compiler.semantics;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ir.Rule;
import java.util.List;
import java.util.Optional;

/**
 * A port range on which the policy decides the same way for every port, in one profile and
 * protocol. {@code regions} is empty when the slice is not managed; else it is sorted, disjoint and
 * covers every IPv4 and IPv6 address, with adjacent regions of equal decision and rule merged.
 */
public record PortSlice(PortRange ports, boolean managed, List<AddressRegion> regions) {
  public PortSlice {
    requireNonNull(ports, "ports");
    // A RegionList is immutable already; copying it would build every region as objects.
    regions = regions instanceof RegionList ? regions : List.copyOf(regions);
    if (managed == regions.isEmpty()) {
      throw new IllegalArgumentException("regions must be present exactly when managed");
    }
  }

  /** The addresses allowed on these ports (empty when unmanaged). */
  public AddressSet allowed() {
    return collect(Decision.ALLOW);
  }

  /** The addresses blocked on these ports (empty when unmanaged). */
  public AddressSet blocked() {
    return collect(Decision.BLOCK);
  }

  /** The region holding {@code ip}; the slice must be managed. */
  public AddressRegion regionOf(Ip ip) {
    if (regions instanceof RegionList list) {
      return list.get(list.indexOf(ip));
    }
    AddressRegion r = IpRange.find(regions, AddressRegion::range, ip);
    if (r == null) {
      throw new IllegalStateException("regions do not cover " + ip);
    }
    return r;
  }

  /**
   * Of the rules deciding a region with {@code decision}, the one of lowest {@link Rule#index}
   * (empty when only the default decides so, or the slice is unmanaged).
   */
  public Optional<Rule> firstRule(Decision decision) {
    Rule first = null;
    if (regions instanceof RegionList list) {
      // Read the arrays: building every region as objects is what RegionList avoids.
      for (int i = 0; i < list.size(); i++) {
        Rule r = list.rule(i);
        if (r != null && list.decision(i) == decision && (first == null || r.index() < first.index())) {
          first = r;
        }
      }
      return Optional.ofNullable(first);
    }
    for (AddressRegion region : regions) {
      if (region.decision() == decision
          && region.rule().isPresent()
          && (first == null || region.rule().get().index() < first.index())) {
        first = region.rule().get();
      }
    }
    return Optional.ofNullable(first);
  }

  private AddressSet collect(Decision decision) {
    AddressSet.Builder v4 = new AddressSet.Builder(IpFamily.IPV4, 4);
    AddressSet.Builder v6 = new AddressSet.Builder(IpFamily.IPV6, 4);
    if (regions instanceof RegionList list) {
      // Read the arrays: a region's last address is one before the next region's first.
      for (int i = 0; i < list.size(); i++) {
        if (list.decision(i) == decision) {
          IpFamily family = list.family(i);
          long lastHi;
          long lastLo;
          if (list.lastOfFamily(i)) {
            Ip max = Ip.max(family);
            lastHi = max.hi();
            lastLo = max.lo();
          } else {
            long nLo = list.firstLo(i + 1);
            lastHi = list.firstHi(i + 1) - (nLo == 0 ? 1 : 0);
            lastLo = nLo - 1;
          }
          (family == IpFamily.IPV4 ? v4 : v6).add(list.firstHi(i), list.firstLo(i), lastHi, lastLo);
        }
      }
      return AddressSet.ofBounds(v4.build(), v6.build());
    }
    for (AddressRegion r : regions) {
      if (r.decision() == decision) {
        Ip f = r.range().first();
        Ip l = r.range().last();
        (f.family() == IpFamily.IPV4 ? v4 : v6).add(f.hi(), f.lo(), l.hi(), l.lo());
      }
    }
    return AddressSet.ofBounds(v4.build(), v6.build());
  }
}
