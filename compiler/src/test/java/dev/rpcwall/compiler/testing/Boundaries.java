package dev.rpcwall.compiler.testing;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Every address where membership in some set can change: each range's first and last address
 * and their neighbours (first-1, first+1, last-1, last+1), plus the minimum and maximum of both
 * families. Between two consecutive boundaries every set involved is constant, so checking an
 * address property at these points checks it everywhere.
 */
public final class Boundaries {
  private Boundaries() {}

  public static List<Ip> of(AddressSet... sets) {
    return of(List.of(sets));
  }

  public static List<Ip> of(Collection<AddressSet> sets) {
    TreeSet<Ip> out = new TreeSet<>();
    for (IpFamily f : IpFamily.values()) {
      addAround(out, Ip.min(f));
      addAround(out, Ip.max(f));
    }
    for (AddressSet s : sets) {
      for (IpRange r : s.ranges()) {
        addAround(out, r.first());
        addAround(out, r.last());
      }
    }
    return new ArrayList<>(out);
  }

  /** The boundaries of single ranges (for naive models that keep their input ranges). */
  public static List<Ip> ofRanges(Collection<IpRange> ranges) {
    TreeSet<Ip> out = new TreeSet<>();
    for (IpFamily f : IpFamily.values()) {
      addAround(out, Ip.min(f));
      addAround(out, Ip.max(f));
    }
    for (IpRange r : ranges) {
      addAround(out, r.first());
      addAround(out, r.last());
    }
    return new ArrayList<>(out);
  }

  /** The boundaries of every rule's addresses in every policy. */
  public static List<Ip> ofPolicies(Collection<Policy> policies) {
    List<AddressSet> sets = new ArrayList<>();
    for (Policy p : policies) {
      for (Rule r : p.rules()) {
        sets.add(r.addresses());
      }
    }
    return of(sets);
  }

  public static List<Ip> ofPolicies(Policy... policies) {
    return ofPolicies(List.of(policies));
  }

  private static void addAround(TreeSet<Ip> out, Ip ip) {
    out.add(ip);
    if (!ip.isMin()) {
      Ip p = ip.previous();
      out.add(p);
      if (!p.isMin()) {
        out.add(p.previous());
      }
    }
    if (!ip.isMax()) {
      Ip n = ip.next();
      out.add(n);
      if (!n.isMax()) {
        out.add(n.next());
      }
    }
  }
}
