package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import java.util.List;

/** Address sets for people: {@code any}, {@code every Internet address}, or a short list. */
final class AddressText {
  private AddressText() {}

  /** Ranges written before the rest is counted. */
  static final int MAX_RANGES = 6;

  static String of(AddressSet set, AddressSet internet) {
    AddressSet s = set.minus(AddressLimits.LOOPBACK);
    if (s.isEmpty()) {
      return "no address";
    }
    AddressSet filtered = AddressSet.all().minus(AddressLimits.UNLISTABLE);
    if (s.containsAll(filtered)) {
      return "any address";
    }
    if (s.containsAll(filtered.intersect(AddressSet.all(IpFamily.IPV4))) && s.only(IpFamily.IPV6).isEmpty()) {
      return "any IPv4 address";
    }
    if (s.containsAll(filtered.intersect(AddressSet.all(IpFamily.IPV6))) && s.only(IpFamily.IPV4).isEmpty()) {
      return "any IPv6 address";
    }
    if (!internet.isEmpty() && s.containsAll(internet)) {
      AddressSet rest = s.minus(internet);
      return "every Internet address" + (rest.minus(AddressLimits.UNLISTABLE).isEmpty()
          ? "" : " and " + list(rest));
    }
    return list(s);
  }

  private static String list(AddressSet s) {
    List<IpRange> ranges = s.ranges();
    if (ranges.size() <= MAX_RANGES) {
      return s.toString();
    }
    return AddressSet.of(ranges.subList(0, MAX_RANGES)) + " and " + (ranges.size() - MAX_RANGES)
        + " more ranges";
  }
}
