package dev.rpcwall.compiler.semantics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * An immutable set of IPv4 and IPv6 addresses, kept per family as sorted, disjoint, non-adjacent
 * inclusive intervals. Every operation works on intervals, never on single addresses, so sets of
 * 100,000 networks stay cheap.
 *
 * <p>Each family is one {@code long[]} of quadruples {@code firstHi, firstLo, lastHi, lastLo}: the
 * bounds as unsigned 128-bit numbers, IPv4 in the low 32 bits. No objects per interval, so sets of
 * 100,000 networks cost a few megabytes and merge without boxing.
 */
public final class AddressSet {
  private static final long[] NONE = new long[0];
  private static final long[] ALL_V4 = {0, 0, 0, 0xFFFF_FFFFL};
  private static final long[] ALL_V6 = {0, 0, -1L, -1L};
  private static final AddressSet EMPTY = new AddressSet(NONE, NONE);
  private static final AddressSet ALL = new AddressSet(ALL_V4, ALL_V6);
  private static final AddressSet ALL4 = new AddressSet(ALL_V4, NONE);
  private static final AddressSet ALL6 = new AddressSet(NONE, ALL_V6);

  private final long[] v4;
  private final long[] v6;
  /** Lazily computed {@link #hashCode}; 0 until then (sets are immutable, like String's hash). */
  private int hash;

  private AddressSet(long[] v4, long[] v6) {
    this.v4 = v4;
    this.v6 = v6;
  }

  public static AddressSet empty() {
    return EMPTY;
  }

  /** Every IPv4 and IPv6 address (the built-in network {@code any}). */
  public static AddressSet all() {
    return ALL;
  }

  /** Every address of one family ({@code any4}, {@code any6}). */
  public static AddressSet all(IpFamily family) {
    return family == IpFamily.IPV4 ? ALL4 : ALL6;
  }

  public static AddressSet of(IpRange range) {
    long[] q = {range.first().hi(), range.first().lo(), range.last().hi(), range.last().lo()};
    return range.family() == IpFamily.IPV4 ? new AddressSet(q, NONE) : new AddressSet(NONE, q);
  }

  /** One address. */
  public static AddressSet of(Ip ip) {
    return of(new IpRange(ip, ip));
  }

  /** One CIDR block. */
  public static AddressSet of(Cidr cidr) {
    return of(cidr.range());
  }

  /** Union of many ranges in O(n log n): sort, then merge. */
  public static AddressSet of(Collection<IpRange> ranges) {
    Accumulator acc = new Accumulator(ranges.size());
    for (IpRange r : ranges) {
      acc.add(r);
    }
    return acc.build();
  }

  /**
   * Collects intervals in any order, overlapping or not, as primitive bounds, and makes the set of
   * their union in O(n log n): the same set as {@link #of(Collection)}, without an {@link Ip} or
   * {@link IpRange} per interval, for readers of lists of 100,000 addresses.
   */
  public static final class Accumulator {
    // IPv4: first and last fit in one long each 32 bits, so the sort key is a primitive
    // (first << 32 | last), flipped in the sign bit to sort unsigned with Arrays.sort(long[]).
    private long[] keys;
    private int n4;
    // IPv6: quadruples firstHi, firstLo, lastHi, lastLo, sorted by offset when built.
    private long[] quads = NONE;
    private int n6;

    public Accumulator() {
      this(16);
    }

    /** {@code expected}: about how many intervals will be added (the arrays grow when needed). */
    public Accumulator(int expected) {
      keys = new long[Math.max(4, expected)];
    }

    /** The interval {@code first..last} of IPv4 values (each 0..2^32-1, first <= last). */
    public void addV4(long first, long last) {
      if (first < 0 || last > 0xFFFF_FFFFL || first > last) {
        throw new IllegalArgumentException("not an IPv4 interval: " + first + ".." + last);
      }
      if (n4 == keys.length) {
        keys = Arrays.copyOf(keys, n4 * 2);
      }
      keys[n4++] = ((first << 32) | last) ^ Long.MIN_VALUE;
    }

    /** The interval {@code first..last} of IPv6 values as unsigned 128-bit numbers, first <= last. */
    public void addV6(long firstHi, long firstLo, long lastHi, long lastLo) {
      if (cmp(firstHi, firstLo, lastHi, lastLo) > 0) {
        throw new IllegalArgumentException("IPv6 interval ends before it starts");
      }
      if (n6 == quads.length) {
        quads = Arrays.copyOf(quads, Math.max(16, n6 * 2));
      }
      quads[n6] = firstHi;
      quads[n6 + 1] = firstLo;
      quads[n6 + 2] = lastHi;
      quads[n6 + 3] = lastLo;
      n6 += 4;
    }

    public void add(IpRange r) {
      Ip f = r.first();
      Ip l = r.last();
      if (r.family() == IpFamily.IPV4) {
        addV4(f.lo(), l.lo());
      } else {
        addV6(f.hi(), f.lo(), l.hi(), l.lo());
      }
    }

    /** The union of everything added so far. */
    public AddressSet build() {
      long[] sorted = Arrays.copyOf(keys, n4);
      Arrays.sort(sorted);
      Builder b4 = new Builder(IpFamily.IPV4, n4);
      for (long k : sorted) {
        long key = k ^ Long.MIN_VALUE;
        b4.add(0, key >>> 32, 0, key & 0xFFFF_FFFFL);
      }
      int[] order = new int[n6 / 4];
      for (int i = 0; i < order.length; i++) {
        order[i] = 4 * i;
      }
      sortByFirst(order, quads);
      Builder b6 = new Builder(IpFamily.IPV6, order.length);
      for (int i : order) {
        b6.add(quads[i], quads[i + 1], quads[i + 2], quads[i + 3]);
      }
      return make(b4.build(), b6.build());
    }
  }

  /**
   * Union of many sets in O(n log n) in their intervals, with no object per interval: the same
   * set as {@code of} of all their ranges, for lists of 100,000 networks.
   */
  public static AddressSet union(Collection<AddressSet> sets) {
    int n4 = 0;
    int n6 = 0;
    AddressSet single = EMPTY;
    int nonEmpty = 0;
    for (AddressSet s : sets) {
      n4 += s.v4.length;
      n6 += s.v6.length;
      if (!s.isEmpty()) {
        single = s;
        nonEmpty++;
      }
    }
    if (nonEmpty <= 1) {
      return single;
    }
    // IPv4 sorts on one primitive key per interval, as in of(Collection).
    long[] keys = new long[n4 / 4];
    int k = 0;
    for (AddressSet s : sets) {
      for (int i = 0; i < s.v4.length; i += 4) {
        keys[k++] = ((s.v4[i + 1] << 32) | s.v4[i + 3]) ^ Long.MIN_VALUE;
      }
    }
    Arrays.sort(keys);
    Builder b4 = new Builder(IpFamily.IPV4, keys.length);
    for (long key : keys) {
      long u = key ^ Long.MIN_VALUE;
      b4.add(0, u >>> 32, 0, u & 0xFFFF_FFFFL);
    }
    long[] q = new long[n6];
    int at = 0;
    for (AddressSet s : sets) {
      System.arraycopy(s.v6, 0, q, at, s.v6.length);
      at += s.v6.length;
    }
    int[] order = new int[n6 / 4];
    for (int i = 0; i < order.length; i++) {
      order[i] = 4 * i;
    }
    sortByFirst(order, q);
    Builder b6 = new Builder(IpFamily.IPV6, order.length);
    for (int i : order) {
      b6.add(q[i], q[i + 1], q[i + 2], q[i + 3]);
    }
    return make(b4.build(), b6.build());
  }

  /** Merge sort of quadruple offsets by first address (unsigned 128-bit), without boxing. */
  private static void sortByFirst(int[] a, long[] q) {
    int[] tmp = new int[a.length];
    for (int width = 1; width < a.length; width *= 2) {
      for (int left = 0; left < a.length; left += 2 * width) {
        int mid = Math.min(left + width, a.length);
        int right = Math.min(left + 2 * width, a.length);
        int i = left;
        int j = mid;
        int k = left;
        while (i < mid && j < right) {
          if (cmp(q[a[j]], q[a[j] + 1], q[a[i]], q[a[i] + 1]) < 0) {
            tmp[k++] = a[j++];
          } else {
            tmp[k++] = a[i++];
          }
        }
        while (i < mid) {
          tmp[k++] = a[i++];
        }
        while (j < right) {
          tmp[k++] = a[j++];
        }
      }
      System.arraycopy(tmp, 0, a, 0, a.length);
    }
  }

  /** The CIDR block {@code base/prefix}; host bits of {@code base} are ignored. */
  public static AddressSet cidr(Ip base, int prefix) {
    return of(Cidr.of(base, prefix));
  }

  private static AddressSet make(long[] v4, long[] v6) {
    if (v4.length == 0 && v6.length == 0) {
      return EMPTY;
    }
    return new AddressSet(v4, v6);
  }

  public boolean isEmpty() {
    return v4.length == 0 && v6.length == 0;
  }

  /** Whether this set holds every IPv4 and IPv6 address. */
  public boolean isAll() {
    return Arrays.equals(v4, ALL_V4) && Arrays.equals(v6, ALL_V6);
  }

  /** The addresses of one family only. */
  public AddressSet only(IpFamily family) {
    return family == IpFamily.IPV4 ? make(v4, NONE) : make(NONE, v6);
  }

  public boolean contains(Ip ip) {
    long[] a = ip.family() == IpFamily.IPV4 ? v4 : v6;
    // last interval whose first <= ip
    int lo = 0;
    int hi = a.length / 4 - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (cmp(a[4 * mid], a[4 * mid + 1], ip.hi(), ip.lo()) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && cmp(ip.hi(), ip.lo(), a[4 * found + 2], a[4 * found + 3]) <= 0;
  }

  public AddressSet union(AddressSet other) {
    if (other.isEmpty() || other == this) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    return make(union(IpFamily.IPV4, v4, other.v4), union(IpFamily.IPV6, v6, other.v6));
  }

  public AddressSet intersect(AddressSet other) {
    // Shortcuts that skip copying sets of 100,000 intervals; the result is the same set.
    if (other == this || other == ALL) {
      return this;
    }
    if (this == ALL) {
      return other;
    }
    return make(intersect(IpFamily.IPV4, v4, other.v4), intersect(IpFamily.IPV6, v6, other.v6));
  }

  public AddressSet minus(AddressSet other) {
    if (other.isEmpty() || isEmpty()) {
      return this;
    }
    if (other == this) {
      return EMPTY;
    }
    return make(
        intersect(IpFamily.IPV4, v4, complement(IpFamily.IPV4, other.v4)),
        intersect(IpFamily.IPV6, v6, complement(IpFamily.IPV6, other.v6)));
  }

  /** Every address of both families not in this set. */
  public AddressSet complement() {
    return make(complement(IpFamily.IPV4, v4), complement(IpFamily.IPV6, v6));
  }

  public boolean containsAll(AddressSet other) {
    // One walk, nothing built: the translation check asks this of sets of 100,000 intervals.
    return other == this || (covers(v4, other.v4) && covers(v6, other.v6));
  }

  public boolean intersects(AddressSet other) {
    return intersects(v4, other.v4) || intersects(v6, other.v6);
  }

  /** The intervals, IPv4 first, each family in ascending order. */
  public List<IpRange> ranges() {
    List<IpRange> out = new ArrayList<>(rangeCount());
    addRanges(IpFamily.IPV4, v4, out);
    addRanges(IpFamily.IPV6, v6, out);
    return out;
  }

  public List<IpRange> ranges(IpFamily family) {
    List<IpRange> out = new ArrayList<>();
    addRanges(family, family == IpFamily.IPV4 ? v4 : v6, out);
    return out;
  }

  /** Number of intervals (not addresses). */
  public int rangeCount() {
    return (v4.length + v6.length) / 4;
  }

  /** The bounds of one family as quadruples {@code firstHi, firstLo, lastHi, lastLo}; do not modify. */
  long[] bounds(IpFamily family) {
    return family == IpFamily.IPV4 ? v4 : v6;
  }

  /** A set from sorted, disjoint, non-adjacent quadruples (see {@link #bounds}); takes ownership. */
  static AddressSet ofBounds(long[] v4, long[] v6) {
    return make(v4, v6);
  }

  /**
   * The fewest CIDR blocks whose union is exactly this set, IPv4 first, ascending; rendered as
   * {@code a.b.c.d/n} / {@code x::/n} ({@code /32} and {@code /128} for single hosts).
   */
  public List<Cidr> toCidrs() {
    List<Cidr> out = new ArrayList<>();
    addCidrs(IpFamily.IPV4, v4, out);
    addCidrs(IpFamily.IPV6, v6, out);
    return out;
  }

  /** The fewest CIDR blocks covering exactly {@code range}, ascending. */
  public static List<Cidr> toCidrs(IpRange range) {
    List<Cidr> out = new ArrayList<>();
    Ip f = range.first();
    Ip l = range.last();
    addCidrs(range.family(), new long[] {f.hi(), f.lo(), l.hi(), l.lo()}, out);
    return out;
  }

  private static void addCidrs(IpFamily family, long[] a, List<Cidr> out) {
    int bits = family.bits();
    for (int i = 0; i < a.length; i += 4) {
      long sHi = a[i];
      long sLo = a[i + 1];
      long eHi = a[i + 2];
      long eLo = a[i + 3];
      while (true) {
        int align = Math.min(bits, trailingZeros(sHi, sLo));
        // number of addresses left is (e - s) + 1; the block may hold at most that many
        long dLo = eLo - sLo;
        long dHi = eHi - sHi - (Long.compareUnsigned(eLo, sLo) < 0 ? 1 : 0);
        int fit;
        if (dHi == -1L && dLo == -1L) {
          fit = 128;
        } else {
          long nLo = dLo + 1;
          long nHi = dHi + (nLo == 0 ? 1 : 0);
          fit = 127 - (nHi != 0 ? Long.numberOfLeadingZeros(nHi) : 64 + Long.numberOfLeadingZeros(nLo));
        }
        int k = Math.min(align, fit);
        out.add(new Cidr(new Ip(family, sHi, sLo), bits - k));
        long lastHi = sHi | Cidr.lowMask(k, true);
        long lastLo = sLo | Cidr.lowMask(k, false);
        if (lastHi == eHi && lastLo == eLo) {
          break;
        }
        sLo = lastLo + 1;
        sHi = lastHi + (sLo == 0 ? 1 : 0);
      }
    }
  }

  private static int trailingZeros(long hi, long lo) {
    return lo != 0 ? Long.numberOfTrailingZeros(lo) : 64 + Long.numberOfTrailingZeros(hi);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressSet s && Arrays.equals(v4, s.v4) && Arrays.equals(v6, s.v6);
  }

  @Override
  public int hashCode() {
    // Sets of 100,000 intervals are hash keys in lowering; hash their bounds once.
    int h = hash;
    if (h == 0) {
      h = 31 * Arrays.hashCode(v4) + Arrays.hashCode(v6);
      hash = h;
    }
    return h;
  }

  /**
   * Comma list of ranges/CIDRs for humans, e.g. {@code 10.1.1.0/24,192.168.6.1-192.168.6.50}: an
   * interval that is one CIDR block is written as that block (a single host without prefix), any
   * other as {@code first-last}. The empty set is {@code none}.
   */
  @Override
  public String toString() {
    if (isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    for (IpRange r : ranges()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      if (r.first().equals(r.last())) {
        sb.append(r.first());
        continue;
      }
      List<Cidr> cidrs = toCidrs(r);
      sb.append(cidrs.size() == 1 ? cidrs.get(0).toString() : r.toString());
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Interval algebra on quadruple arrays. All inputs sorted, disjoint and non-adjacent.

  static int cmp(long aHi, long aLo, long bHi, long bLo) {
    int c = Long.compareUnsigned(aHi, bHi);
    return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
  }

  private static long[] union(IpFamily family, long[] a, long[] b) {
    if (b.length == 0) {
      return a;
    }
    if (a.length == 0) {
      return b;
    }
    Builder out = new Builder(family, (a.length + b.length) / 4);
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      long[] src;
      int k;
      if (j >= b.length || (i < a.length && cmp(a[i], a[i + 1], b[j], b[j + 1]) <= 0)) {
        src = a;
        k = i;
        i += 4;
      } else {
        src = b;
        k = j;
        j += 4;
      }
      out.add(src[k], src[k + 1], src[k + 2], src[k + 3]);
    }
    return out.build();
  }

  private static long[] intersect(IpFamily family, long[] a, long[] b) {
    if (a.length == 0 || b.length == 0) {
      return NONE;
    }
    Builder out = new Builder(family, Math.max(a.length, b.length) / 4);
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      boolean aFirst = cmp(a[i], a[i + 1], b[j], b[j + 1]) >= 0;
      long fHi = aFirst ? a[i] : b[j];
      long fLo = aFirst ? a[i + 1] : b[j + 1];
      boolean aLast = cmp(a[i + 2], a[i + 3], b[j + 2], b[j + 3]) <= 0;
      long lHi = aLast ? a[i + 2] : b[j + 2];
      long lLo = aLast ? a[i + 3] : b[j + 3];
      if (cmp(fHi, fLo, lHi, lLo) <= 0) {
        out.add(fHi, fLo, lHi, lLo);
      }
      if (aLast) {
        i += 4;
      } else {
        j += 4;
      }
    }
    return out.build();
  }

  private static boolean intersects(long[] a, long[] b) {
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (cmp(a[i + 2], a[i + 3], b[j], b[j + 1]) < 0) {
        i += 4;
      } else if (cmp(b[j + 2], b[j + 3], a[i], a[i + 1]) < 0) {
        j += 4;
      } else {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether every interval of {@code b} lies in one interval of {@code a}: intervals of a
   * canonical set neither overlap nor touch, so an interval covered by {@code a} is covered by one
   * of its intervals.
   */
  private static boolean covers(long[] a, long[] b) {
    int i = 0;
    for (int j = 0; j < b.length; j += 4) {
      // skip the intervals of a that end before this one starts
      while (i < a.length && cmp(a[i + 2], a[i + 3], b[j], b[j + 1]) < 0) {
        i += 4;
      }
      if (i >= a.length
          || cmp(a[i], a[i + 1], b[j], b[j + 1]) > 0
          || cmp(b[j + 2], b[j + 3], a[i + 2], a[i + 3]) > 0) {
        return false;
      }
    }
    return true;
  }

  private static long[] complement(IpFamily family, long[] a) {
    long maxHi = family == IpFamily.IPV4 ? 0 : -1L;
    long maxLo = family == IpFamily.IPV4 ? 0xFFFF_FFFFL : -1L;
    Builder out = new Builder(family, a.length / 4 + 1);
    long nextHi = 0;
    long nextLo = 0;
    boolean open = true; // whether next (= previous last + 1) exists
    for (int i = 0; i < a.length; i += 4) {
      if (cmp(a[i], a[i + 1], nextHi, nextLo) > 0) {
        long pLo = a[i + 1] - 1;
        long pHi = a[i] - (a[i + 1] == 0 ? 1 : 0);
        out.add(nextHi, nextLo, pHi, pLo);
      }
      if (a[i + 2] == maxHi && a[i + 3] == maxLo) {
        open = false;
        break;
      }
      nextLo = a[i + 3] + 1;
      nextHi = a[i + 2] + (nextLo == 0 ? 1 : 0);
    }
    if (open) {
      out.add(nextHi, nextLo, maxHi, maxLo);
    }
    return out.build();
  }

  private static void addRanges(IpFamily family, long[] a, List<IpRange> out) {
    for (int i = 0; i < a.length; i += 4) {
      out.add(new IpRange(new Ip(family, a[i], a[i + 1]), new Ip(family, a[i + 2], a[i + 3])));
    }
  }

  /**
   * Appends intervals sorted by first address and coalesces each one with the previous when they
   * overlap or touch, so the result is always in canonical form.
   */
  static final class Builder {
    private final boolean v6;
    private long[] q;
    private int n;

    Builder(IpFamily family, int expected) {
      this.v6 = family == IpFamily.IPV6;
      this.q = new long[Math.max(4, expected * 4)];
    }

    void add(long fHi, long fLo, long lHi, long lLo) {
      if (n > 0) {
        long pHi = q[n - 2];
        long pLo = q[n - 1];
        // previous last + 1, without overflow: IPv4 values never reach bit 32's carry problem,
        // and an IPv6 interval ending at the family maximum swallows everything after it
        boolean touches;
        if (v6 && pHi == -1L && pLo == -1L) {
          touches = true;
        } else {
          long nLo = pLo + 1;
          long nHi = pHi + (nLo == 0 ? 1 : 0);
          touches = cmp(fHi, fLo, nHi, nLo) <= 0;
        }
        if (touches) {
          if (cmp(lHi, lLo, pHi, pLo) > 0) {
            q[n - 2] = lHi;
            q[n - 1] = lLo;
          }
          return;
        }
      }
      if (n == q.length) {
        q = Arrays.copyOf(q, q.length * 2);
      }
      q[n] = fHi;
      q[n + 1] = fLo;
      q[n + 2] = lHi;
      q[n + 3] = lLo;
      n += 4;
    }

    long[] build() {
      return n == 0 ? NONE : n == q.length ? q : Arrays.copyOf(q, n);
    }
  }
}
