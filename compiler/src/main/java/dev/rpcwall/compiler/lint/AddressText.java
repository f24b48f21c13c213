package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import java.util.List;

/**
 * Address sets for people: {@code any address}, {@code every Internet address}, {@code any
 * address except ...}, or a list. Loopback is left out (never filtered); so is {@code ::}, which
 * no packet comes from.
 */
final class AddressText {
  private AddressText() {}

  /** Ranges written in findings before the rest is counted. */
  static final int MAX_RANGES = 6;

  private static final AddressSet FILTERED = AddressSet.all().minus(AddressLimits.UNLISTABLE);

  /** For findings: long lists cut after {@link #MAX_RANGES} ranges. */
  static String of(AddressSet set, AddressSet internet) {
    return of(set, internet, MAX_RANGES);
  }

  /** For the effective view: every range. */
  static String full(AddressSet set, AddressSet internet) {
    return of(set, internet, Integer.MAX_VALUE);
  }

  private static String of(AddressSet set, AddressSet internet, int max) {
    AddressSet s = set.intersect(FILTERED);
    if (s.isEmpty()) {
      return "no address";
    }
    if (s.containsAll(FILTERED)) {
      return "any address";
    }
    for (IpFamily f : IpFamily.values()) {
      AddressSet family = FILTERED.intersect(AddressSet.all(f));
      if (s.equals(family)) {
        return "any " + (f == IpFamily.IPV4 ? "IPv4" : "IPv6") + " address";
      }
    }
    AddressSet missing = FILTERED.minus(s);
    if (missing.rangeCount() <= 3) {
      return "any address except " + missing;
    }
    if (!internet.isEmpty() && s.containsAll(internet)) {
      AddressSet rest = s.minus(internet);
      return "every Internet address" + (rest.isEmpty() ? "" : " and " + list(rest, max));
    }
    return list(s, max);
  }

  private static String list(AddressSet s, int max) {
    List<IpRange> ranges = s.ranges();
    if (ranges.size() <= max) {
      return s.toString();
    }
    return AddressSet.of(ranges.subList(0, max)) + " and " + (ranges.size() - max) + " more ranges";
  }
}
