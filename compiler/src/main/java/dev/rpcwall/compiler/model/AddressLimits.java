package dev.rpcwall.compiler.model;

import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import java.util.List;
import java.util.Optional;

/**
 * What Windows accepts in a rule's address list, and which addresses its firewall filters at all;
 * the one check of windows-semantics.md sections 1.1/1.2 (address limits) used by the lowering,
 * both emitters and both readers.
 *
 * <p>Sources (MS-FASP, Firewall and Advanced Security Protocol):
 *
 * <ul>
 *   <li>2.2.4 FW_IPV4_SUBNET: a subnet mask of 0 is invalid; the ones of a mask are contiguous.
 *   <li>2.2.6 FW_IPV6_SUBNET: the prefix length is 1..128; the address must not be a loopback
 *       address (and should not be the unspecified one).
 *   <li>2.2.8 FW_IPV4_ADDRESS_RANGE: begin &lt;= end. No loopback or unspecified restriction is
 *       written for IPv4.
 *   <li>2.2.10 FW_IPV6_ADDRESS_RANGE: begin &lt;= end, and begin and end must not contain an
 *       unspecified or a loopback address.
 *   <li>2.2.9/2.2.11/2.2.5/2.2.7: every list holds at most 1000 entries ({@code range(0, 1000)}).
 *   <li>2.2.37 FW_RULE (windows-semantics.md 1.1 limits): the IPv6 loopback is not allowed in the
 *       address lists; a range has both ends in one family.
 * </ul>
 *
 * <p>"Begin and End MUST NOT contain" an address is read here as: the range (not only its two
 * ends) does not include it. Only that reading makes {@code ::-ffff:...} invalid, which is the
 * safe reading (windows-semantics.md, UNCONFIRMED on a real host): a list that never includes
 * {@code ::} or {@code ::1} is valid under both readings.
 *
 * <p>Loopback: Microsoft KB 2771908 says rules created with WFAS, netsh or the firewall control
 * panel have no effect on loopback communication, and that naming the loopback address in a
 * rule's local or remote addresses is not supported. So Windows Firewall does not filter
 * loopback traffic ({@link #LOOPBACK}: 127.0.0.0/8 and ::1). That this holds for the whole of
 * 127.0.0.0/8 and not only 127.0.0.1 is UNCONFIRMED; the safe reading for the proof is that no
 * rule decides any of it, so the compiler never relies on a rule for those addresses and never
 * writes them into a list.
 */
public final class AddressLimits {
  /** Entries per address list (MS-FASP 2.2.5, 2.2.7, 2.2.9, 2.2.11: {@code range(0, 1000)}). */
  public static final int MAX_ENTRIES = 1000;

  /** 127.0.0.0/8 and ::1: traffic Windows Firewall does not filter (KB 2771908). */
  public static final AddressSet LOOPBACK =
      AddressSet.cidr(Ip.v4(0x7F00_0000L), 8).union(AddressSet.of(Ip.v6(0, 1)));

  /** The IPv6 unspecified address {@code ::} (MS-FASP 2.2.10). */
  public static final AddressSet UNSPECIFIED_V6 = AddressSet.of(Ip.v6(0, 0));

  /**
   * Addresses an emitted list never contains: the loopback addresses (not filtered, and refused
   * in IPv6 lists) and {@code ::} (refused in IPv6 ranges). 0.0.0.0 is allowed in IPv4 lists
   * (MS-FASP 2.2.8 sets no such limit) and stays.
   */
  public static final AddressSet UNLISTABLE = LOOPBACK.union(UNSPECIFIED_V6);

  /**
   * The remote addresses on which a translation is compared: everything but {@link #UNLISTABLE}.
   * Loopback is not filtered at all; {@code ::} cannot be named by any list, and is not the
   * source of a connection (RFC 4291 2.5.2: a node uses it as a source address only before it
   * has an address of its own), so no rule about it can be kept or broken.
   */
  public static final AddressSet FILTERED = UNLISTABLE.complement();

  private AddressLimits() {}

  /**
   * One written entry: a single address ({@code first == last}, {@code prefix == -1}), a subnet
   * ({@code prefix >= 0}, {@code first} its base address as written) or a range.
   */
  public record Entry(Ip first, Ip last, int prefix) {
    public static Entry single(Ip ip) {
      return new Entry(ip, ip, -1);
    }

    public static Entry range(Ip first, Ip last) {
      return new Entry(first, last, -1);
    }

    public static Entry subnet(Ip base, int prefix) {
      return new Entry(base, base, prefix);
    }

    /**
     * The entry every formatter writes for {@code range}, the fewest entries a list can have: a
     * single address, a CIDR block when the interval is exactly one, else a range. A whole family
     * is a range: MS-FASP 2.2.37 rejects an IPv4 mask of 0 and allows IPv6 prefixes 1..128 only
     * (windows-semantics.md section 1.1, limits).
     */
    public static Entry of(IpRange range) {
      if (range.first().equals(range.last())) {
        return single(range.first());
      }
      int prefix = AddressEntries.cidrPrefix(range);
      return prefix > 0 ? subnet(range.first(), prefix) : range(range.first(), range.last());
    }

    /**
     * The entry in Windows' address value form ({@code 10.1.2.3}, {@code 10.1.1.0/24}, {@code
     * 10.0.0.1-10.0.0.9}; windows-semantics.md 1.1, 3.3, 4.1) with canonical addresses, for
     * messages; each dialect's formatter spells what it writes itself.
     */
    @Override
    public String toString() {
      if (prefix >= 0) {
        return first + "/" + prefix;
      }
      return first.equals(last) ? first.toString() : first + "-" + last;
    }
  }

  /** Why Windows refuses this entry, or empty when it accepts it. */
  public static Optional<String> violation(Entry e) {
    Ip first = e.first();
    Ip last = e.last();
    if (first.family() != last.family()) {
      return Optional.of("a range must have both ends in one address family");
    }
    IpFamily family = first.family();
    if (e.prefix() >= 0) {
      if (family == IpFamily.IPV4 && e.prefix() == 0) {
        return Optional.of("an IPv4 subnet mask of 0 is invalid (MS-FASP 2.2.4)");
      }
      if (e.prefix() < 1 || e.prefix() > family.bits()) {
        return Optional.of(
            "the prefix length must be 1-" + family.bits() + " (MS-FASP 2.2.4, 2.2.6)");
      }
      AddressSet block = AddressSet.cidr(first, e.prefix());
      if (family == IpFamily.IPV6 && block.intersects(LOOPBACK)) {
        return Optional.of("an IPv6 subnet must not contain the loopback address ::1 (MS-FASP 2.2.6)");
      }
      return Optional.empty();
    }
    if (first.compareTo(last) > 0) {
      return Optional.of("a range must not end before it starts (MS-FASP 2.2.8, 2.2.10)");
    }
    if (family == IpFamily.IPV6) {
      AddressSet range = AddressSet.of(new IpRange(first, last));
      if (range.intersects(LOOPBACK)) {
        return Optional.of(
            "an IPv6 address list must not contain the loopback address ::1 (MS-FASP 2.2.10, 2.2.37)");
      }
      if (range.intersects(UNSPECIFIED_V6)) {
        return Optional.of(
            "an IPv6 address list must not contain the unspecified address :: (MS-FASP 2.2.10)");
      }
    }
    return Optional.empty();
  }

  /** Why Windows refuses a list of {@code count} entries, or empty. */
  public static Optional<String> countViolation(int count) {
    return count > MAX_ENTRIES
        ? Optional.of(
            "an address list holds at most " + MAX_ENTRIES + " entries (MS-FASP 2.2.9, 2.2.11),"
                + " this one has " + count)
        : Optional.empty();
  }

  /** The first reason Windows refuses this list of entries, or empty. */
  public static Optional<String> violation(List<Entry> entries) {
    Optional<String> count = countViolation(entries.size());
    if (count.isPresent()) {
      return count;
    }
    for (Entry e : entries) {
      Optional<String> v = violation(e);
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }

  /**
   * The first reason Windows refuses the list an emitter writes for {@code addresses} (one entry
   * per interval, in the form of {@link Entry#of}, as both formatters write it), or empty.
   */
  public static Optional<String> violation(AddressSet addresses) {
    List<IpRange> ranges = addresses.ranges();
    Optional<String> count = countViolation(ranges.size());
    if (count.isPresent()) {
      return count;
    }
    for (IpRange r : ranges) {
      Optional<String> v = violation(Entry.of(r));
      if (v.isPresent()) {
        return Optional.of("'" + Entry.of(r) + "': " + v.get());
      }
    }
    return Optional.empty();
  }

  /**
   * {@code addresses} as a list Windows accepts, with the same meaning on the addresses Windows
   * filters ({@link #FILTERED}): {@link AddressSet#all()} (written {@code any}) when it covers
   * them all, else the set without {@link #UNLISTABLE}. May be empty: then no rule is needed.
   */
  public static AddressSet listable(AddressSet addresses) {
    if (addresses.isAll() || addresses.containsAll(FILTERED)) {
      return AddressSet.all();
    }
    return addresses.intersects(UNLISTABLE) ? addresses.minus(UNLISTABLE) : addresses;
  }
}
