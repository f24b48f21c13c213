package dev.rpcwall.compiler.semantics;

import java.util.Collection;
import java.util.List;

/**
 * An immutable set of IPv4 and IPv6 addresses, kept per family as sorted, disjoint, non-adjacent
 * inclusive intervals. Every operation works on intervals, never on single addresses, so sets of
 * 100,000 networks stay cheap.
 */
public final class AddressSet {

  public static AddressSet empty() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  /** Every IPv4 and IPv6 address (the built-in network {@code any}). */
  public static AddressSet all() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  /** Every address of one family ({@code any4}, {@code any6}). */
  public static AddressSet all(IpFamily family) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public static AddressSet of(IpRange range) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  /** Union of many ranges in O(n log n): sort, then merge. */
  public static AddressSet of(Collection<IpRange> ranges) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  /** The CIDR block {@code base/prefix}; host bits of {@code base} are ignored. */
  public static AddressSet cidr(Ip base, int prefix) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public boolean isEmpty() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public boolean contains(Ip ip) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public AddressSet union(AddressSet other) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public AddressSet intersect(AddressSet other) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public AddressSet minus(AddressSet other) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  /** Every address of both families not in this set. */
  public AddressSet complement() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public boolean containsAll(AddressSet other) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public boolean intersects(AddressSet other) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  /** The intervals, IPv4 first, each family in ascending order. */
  public List<IpRange> ranges() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public List<IpRange> ranges(IpFamily family) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  /** Number of intervals (not addresses). */
  public int rangeCount() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  /**
   * The fewest CIDR blocks whose union is exactly this set, IPv4 first, ascending; rendered as
   * {@code a.b.c.d/n} / {@code x::/n} ({@code /32} and {@code /128} for single hosts).
   */
  public List<Cidr> toCidrs() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  @Override
  public boolean equals(Object o) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  @Override
  public int hashCode() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  /** Comma list of ranges/CIDRs for humans, e.g. {@code 10.1.1.0/24,192.168.6.1-192.168.6.50}. */
  @Override
  public String toString() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }
}
