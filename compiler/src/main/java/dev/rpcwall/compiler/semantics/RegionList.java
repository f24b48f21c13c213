package dev.rpcwall.compiler.semantics;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Rule;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * An immutable list of address regions kept as primitive arrays: each region's first address and
 * the index of its deciding rule. A region ends where the next one of its family begins (the
 * regions of a family are contiguous), so last addresses are not stored.
 *
 * <p>A policy of many networks has hundreds of thousands of regions that live as long as its
 * {@link DecisionMap}; as records (region, range, two addresses, optional) they cost about seven
 * times the memory and every young collection copies them. {@link #get} builds a region when it is
 * asked for, and {@link PortSlice} reads the arrays directly where it can.
 */
final class RegionList extends AbstractList<AddressRegion> implements RandomAccess {
  private final long[] hi;
  private final long[] lo;
  /** index into {@link #rules}, or -1 for the policy default */
  private final int[] rule;
  /** regions before this index are IPv4, the rest IPv6 */
  private final int v6From;

  private final Rule[] rules;
  private final Action defaultAction;

  RegionList(long[] hi, long[] lo, int[] rule, int v6From, Rule[] rules, Action defaultAction) {
    this.hi = hi;
    this.lo = lo;
    this.rule = rule;
    this.v6From = v6From;
    this.rules = rules;
    this.defaultAction = defaultAction;
  }

  @Override
  public int size() {
    return rule.length;
  }

  @Override
  public AddressRegion get(int i) {
    if (i < 0 || i >= rule.length) {
      throw new IndexOutOfBoundsException(i);
    }
    IpFamily family = family(i);
    Ip first = new Ip(family, hi[i], lo[i]);
    Ip last;
    if (i + 1 == rule.length || i + 1 == v6From) {
      last = Ip.max(family);
    } else {
      long nLo = lo[i + 1];
      last = new Ip(family, hi[i + 1] - (nLo == 0 ? 1 : 0), nLo - 1);
    }
    int r = rule[i];
    return r < 0
        ? new AddressRegion(new IpRange(first, last), defaultAction.decision(), Optional.empty())
        : new AddressRegion(
            new IpRange(first, last), rules[r].action().decision(), Optional.of(rules[r]));
  }

  IpFamily family(int i) {
    return i < v6From ? IpFamily.IPV4 : IpFamily.IPV6;
  }

  /** The decision of region {@code i}. */
  Decision decision(int i) {
    int r = rule[i];
    return r < 0 ? defaultAction.decision() : rules[r].action().decision();
  }

  /** The deciding rule's position in the policy, or -1 for the default. */
  int rulePosition(int i) {
    return rule[i];
  }

  /** The deciding rule of region {@code i}, or null for the default. */
  Rule rule(int i) {
    int r = rule[i];
    return r < 0 ? null : rules[r];
  }

  long firstHi(int i) {
    return hi[i];
  }

  long firstLo(int i) {
    return lo[i];
  }

  /** Whether region {@code i} is the last of its family. */
  boolean lastOfFamily(int i) {
    return i + 1 == rule.length || i + 1 == v6From;
  }

  /** The index of the region holding {@code ip}. */
  int indexOf(Ip ip) {
    int from = ip.family() == IpFamily.IPV4 ? 0 : v6From;
    int to = ip.family() == IpFamily.IPV4 ? v6From - 1 : rule.length - 1;
    if (from > to) {
      throw new IllegalStateException("regions do not cover " + ip);
    }
    int a = from;
    int b = to;
    while (a < b) {
      int mid = (a + b + 1) >>> 1;
      if (AddressSet.cmp(hi[mid], lo[mid], ip.hi(), ip.lo()) <= 0) {
        a = mid;
      } else {
        b = mid - 1;
      }
    }
    if (AddressSet.cmp(hi[a], lo[a], ip.hi(), ip.lo()) > 0) {
      throw new IllegalStateException("regions do not cover " + ip);
    }
    return a;
  }

  /** Same regions, decisions and rules; both lists belong to one policy. */
  boolean sameAs(RegionList o) {
    return v6From == o.v6From
        && rules == o.rules
        && Arrays.equals(rule, o.rule)
        && Arrays.equals(hi, o.hi)
        && Arrays.equals(lo, o.lo);
  }
}
