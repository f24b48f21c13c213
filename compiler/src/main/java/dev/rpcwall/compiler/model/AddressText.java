package dev.rpcwall.compiler.model;

import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a remote address list as the targets write them, one entry per interval of the
 * set (the fewest entries an address list can have): a single address, a CIDR block when the
 * interval is exactly one, else a range {@code first-last} (windows-semantics.md section 1.1,
 * address value forms). Emitters and the lowering's size limits use the same spelling.
 */
public final class AddressText {
  private AddressText() {}

  /** One entry per interval, IPv4 first, ascending. */
  public static List<String> entries(AddressSet set) {
    List<IpRange> ranges = set.ranges();
    List<String> out = new ArrayList<>(ranges.size());
    for (IpRange r : ranges) {
      out.add(entry(r));
    }
    return out;
  }

  /**
   * {@code 10.1.2.3}, {@code 10.1.1.0/24}, {@code 2001:db8::/48} or {@code 10.0.0.1-10.0.0.9}. A
   * whole family is written as a range: MS-FASP 2.2.37 rejects an IPv4 mask of 0 and allows IPv6
   * prefixes 1..128 only (windows-semantics.md section 1.1, limits).
   */
  public static String entry(IpRange range) {
    return appendEntry(new StringBuilder(33), range).toString();
  }

  /** Appends {@link #entry} to {@code out}, without a string per address; returns {@code out}. */
  public static StringBuilder appendEntry(StringBuilder out, IpRange range) {
    Ip first = range.first();
    Ip last = range.last();
    if (first.equals(last)) {
      return appendIp(out, first);
    }
    int prefix = cidrPrefix(range);
    if (prefix > 0) {
      return appendIp(out, first).append('/').append(prefix);
    }
    return appendIp(appendIp(out, first).append('-'), last);
  }

  /**
   * {@code entry(range).length()}, counted rather than written for IPv4: the lowering measures
   * every entry of lists of 100,000 networks to split them into rules.
   */
  public static int entryLength(IpRange range) {
    if (range.family() != IpFamily.IPV4) {
      return entry(range).length();
    }
    long first = range.first().lo();
    long last = range.last().lo();
    if (first == last) {
      return v4Length(first);
    }
    int prefix = cidrPrefix(range);
    if (prefix > 0) {
      return v4Length(first) + 1 + (prefix >= 10 ? 2 : 1);
    }
    return v4Length(first) + 1 + v4Length(last);
  }

  /** Dotted quad of IPv4 values, the text of {@link Ip#toString()}; other addresses as it. */
  private static StringBuilder appendIp(StringBuilder out, Ip ip) {
    if (ip.family() != IpFamily.IPV4) {
      return out.append(ip);
    }
    long v = ip.lo();
    return out.append((v >>> 24) & 0xFF).append('.').append((v >>> 16) & 0xFF).append('.')
        .append((v >>> 8) & 0xFF).append('.').append(v & 0xFF);
  }

  private static int v4Length(long v) {
    return 3 + digits((int) ((v >>> 24) & 0xFF)) + digits((int) ((v >>> 16) & 0xFF))
        + digits((int) ((v >>> 8) & 0xFF)) + digits((int) (v & 0xFF));
  }

  private static int digits(int octet) {
    return octet < 10 ? 1 : octet < 100 ? 2 : 3;
  }

  /** The prefix length when {@code range} is exactly one CIDR block, else -1. */
  public static int cidrPrefix(IpRange range) {
    Ip first = range.first();
    Ip last = range.last();
    // 128-bit difference last - first; IPv4 values live in the low word.
    long diffLo = last.lo() - first.lo();
    long borrow = Long.compareUnsigned(last.lo(), first.lo()) < 0 ? 1 : 0;
    long diffHi = last.hi() - first.hi() - borrow;
    boolean lowMask =
        diffHi == 0 ? (diffLo & (diffLo + 1)) == 0 : diffLo == -1L && (diffHi & (diffHi + 1)) == 0;
    if (!lowMask || (first.hi() & diffHi) != 0 || (first.lo() & diffLo) != 0) {
      return -1;
    }
    int hostBits = Long.bitCount(diffHi) + Long.bitCount(diffLo);
    int bits = first.family() == IpFamily.IPV4 ? 32 : 128;
    return bits - hostBits;
  }
}
