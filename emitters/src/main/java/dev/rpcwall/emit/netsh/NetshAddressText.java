package dev.rpcwall.emit.netsh;

import dev.rpcwall.compiler.model.AddressEntries;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of an address list as netsh writes them ({@code remoteip=}, windows-semantics.md
 * section 1.1, address value forms), one entry per interval of the set in the form the model
 * chooses ({@link AddressLimits.Entry#of}): written straight into the command line, and measured
 * without writing for the lowering's character limit ({@link NetshLimits}).
 */
final class NetshAddressText {
  private NetshAddressText() {}

  /** One entry per interval, IPv4 first, ascending. */
  static List<String> entries(AddressSet set) {
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
  static String entry(IpRange range) {
    return appendEntry(new StringBuilder(33), range).toString();
  }

  /** Appends {@link #entry} to {@code out}, without a string per address; returns {@code out}. */
  static StringBuilder appendEntry(StringBuilder out, IpRange range) {
    Ip first = range.first();
    Ip last = range.last();
    if (first.equals(last)) {
      return appendIp(out, first);
    }
    int prefix = AddressEntries.cidrPrefix(range);
    if (prefix > 0) {
      return appendIp(out, first).append('/').append(prefix);
    }
    return appendIp(appendIp(out, first).append('-'), last);
  }

  /**
   * {@code entry(range).length()}, counted rather than written for IPv4: the lowering measures
   * every entry of lists of 100,000 networks to split them into rules.
   */
  static int entryLength(IpRange range) {
    if (range.family() != IpFamily.IPV4) {
      return entry(range).length();
    }
    long first = range.first().lo();
    long last = range.last().lo();
    if (first == last) {
      return v4Length(first);
    }
    int prefix = AddressEntries.cidrPrefix(range);
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
}
