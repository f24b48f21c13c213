package dev.rpcwall.compiler.semantics;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One IPv4 or IPv6 address as an unsigned 128-bit number ({@code hi}, {@code lo}); IPv4 uses the
 * low 32 bits of {@code lo} and {@code hi == 0}. Orders IPv4 before IPv6, then numerically.
 */
public record Ip(IpFamily family, long hi, long lo) implements Comparable<Ip> {
  public Ip {
    requireNonNull(family, "family");
    if (family == IpFamily.IPV4 && (hi != 0 || (lo >>> 32) != 0)) {
      throw new IllegalArgumentException("IPv4 value out of range");
    }
  }

  public static Ip v4(long value) {
    return new Ip(IpFamily.IPV4, 0, value);
  }

  public static Ip v6(long hi, long lo) {
    return new Ip(IpFamily.IPV6, hi, lo);
  }

  /** Lowest address of a family (0.0.0.0 or ::). */
  public static Ip min(IpFamily family) {
    return new Ip(family, 0, 0);
  }

  /** Highest address of a family (255.255.255.255 or ffff:...:ffff). */
  public static Ip max(IpFamily family) {
    return family == IpFamily.IPV4 ? v4(0xFFFF_FFFFL) : v6(-1L, -1L);
  }

  /**
   * Parses one plain address ({@code 10.1.2.3}, {@code 2001:db8::1}); no prefix, mask or range.
   * Empty when the text is not a valid address.
   */
  public static Optional<Ip> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    return parse(text, 0, text.length());
  }

  /**
   * As {@link #parse(String)}, for the chars {@code from} (inclusive) to {@code to} (exclusive)
   * of {@code text}: readers of lists of 100,000 addresses parse each item in place.
   */
  public static Optional<Ip> parse(String text, int from, int to) {
    if (from >= to) {
      return Optional.empty();
    }
    // Only the chars of the item are looked at: indexOf would scan the rest of a long list.
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == ':') {
        return from == 0 && to == text.length() ? parseV6(text) : parseV6(text.substring(from, to));
      }
    }
    return parseV4(text, from, to);
  }

  /**
   * The value of a strict dotted quad (as {@link #parseV4}) between {@code from} and {@code to},
   * or -1 when those chars are not one; no object is made, for readers of long address lists.
   */
  public static long parseV4Bits(String text, int from, int to) {
    long value = 0;
    int parts = 0;
    int i = from;
    while (true) {
      int start = i;
      int part = 0;
      while (i < to && i - start < 4) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        part = part * 10 + (c - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || digits > 3 || part > 255 || (digits > 1 && text.charAt(start) == '0')) {
        return -1;
      }
      value = (value << 8) | part;
      parts++;
      if (parts == 4) {
        return i == to ? value : -1;
      }
      if (i >= to || text.charAt(i) != '.') {
        return -1;
      }
      i++;
    }
  }

  /**
   * Strict dotted quad between {@code from} and {@code to}: four decimal parts 0-255, no sign, no
   * leading zero. Leading zeros are rejected because some tools (inet_aton, ping) read them as
   * octal, so {@code 010.1.1.1} would mean different hosts to different readers.
   */
  static Optional<Ip> parseV4(String text, int from, int to) {
    long value = parseV4Bits(text, from, to);
    return value < 0 ? Optional.empty() : Optional.of(v4(value));
  }

  /**
   * RFC 4291 section 2.2 text forms: eight groups of 1-4 hex digits, at most one {@code ::}, and an
   * optional dotted quad in the last 32 bits. Zone indexes ({@code %eth0}) are rejected: a policy
   * names remote hosts, and a zone only means something on one interface of one machine.
   */
  private static Optional<Ip> parseV6(String text) {
    int n = text.length();
    int[] groups = new int[8];
    int count = 0;
    int gap = -1; // index in groups where '::' stands
    int i = 0;
    if (text.startsWith("::")) {
      gap = 0;
      i = 2;
      if (i == n) {
        return Optional.of(v6(0, 0));
      }
    } else if (text.charAt(0) == ':') {
      return Optional.empty();
    }
    while (i < n) {
      if (count == 8) {
        return Optional.empty();
      }
      int start = i;
      int group = 0;
      while (i < n && i - start < 5) {
        int d = Character.digit(text.charAt(i), 16);
        if (d < 0 || text.charAt(i) > 'f') {
          break;
        }
        group = (group << 4) | d;
        i++;
      }
      if (i < n && text.charAt(i) == '.') {
        // embedded IPv4 in the last 32 bits
        if (count > 6) {
          return Optional.empty();
        }
        Optional<Ip> v4 = parseV4(text, start, n);
        if (v4.isEmpty()) {
          return Optional.empty();
        }
        long v = v4.get().lo();
        groups[count++] = (int) (v >>> 16);
        groups[count++] = (int) (v & 0xFFFF);
        i = n;
        break;
      }
      int digits = i - start;
      if (digits == 0 || digits > 4) {
        return Optional.empty();
      }
      groups[count++] = group;
      if (i == n) {
        break;
      }
      if (text.charAt(i) != ':') {
        return Optional.empty();
      }
      i++;
      if (i < n && text.charAt(i) == ':') {
        if (gap >= 0) {
          return Optional.empty();
        }
        gap = count;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return Optional.empty(); // trailing single ':'
      }
    }
    if (gap < 0 ? count != 8 : count > 7) {
      return Optional.empty();
    }
    int[] full = new int[8];
    if (gap < 0) {
      full = groups;
    } else {
      int tail = count - gap;
      System.arraycopy(groups, 0, full, 0, gap);
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    long hi = 0;
    long lo = 0;
    for (int g = 0; g < 4; g++) {
      hi = (hi << 16) | full[g];
      lo = (lo << 16) | full[g + 4];
    }
    return Optional.of(v6(hi, lo));
  }

  public boolean isMax() {
    return equals(max(family));
  }

  public boolean isMin() {
    return hi == 0 && lo == 0;
  }

  /** The next address; the caller checks {@link #isMax()} first. */
  public Ip next() {
    if (isMax()) {
      throw new IllegalStateException("no address after " + this);
    }
    return lo == -1L ? new Ip(family, hi + 1, 0) : new Ip(family, hi, lo + 1);
  }

  /** The previous address; the caller checks {@link #isMin()} first. */
  public Ip previous() {
    if (isMin()) {
      throw new IllegalStateException("no address before " + this);
    }
    return lo == 0 ? new Ip(family, hi - 1, -1L) : new Ip(family, hi, lo - 1);
  }

  @Override
  public int compareTo(Ip o) {
    if (family != o.family) {
      return family.compareTo(o.family);
    }
    int c = Long.compareUnsigned(hi, o.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }

  /** Canonical text: dotted quad, or RFC 5952 compressed lower-case IPv6. */
  @Override
  public String toString() {
    return family == IpFamily.IPV4 ? v4Text(lo) : v6Text(hi, lo);
  }

  private static String v4Text(long v) {
    return ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
  }

  /**
   * RFC 5952 section 4: lower case, no leading zeros, the longest run of two or more zero groups
   * (the first one on a tie) written as {@code ::}; section 5: IPv4-mapped addresses
   * ({@code ::ffff:0:0/96}) end in a dotted quad.
   */
  private static String v6Text(long hi, long lo) {
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
      g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
    }
    boolean mapped = hi == 0 && (lo >>> 32) == 0xFFFFL;
    int groups = mapped ? 6 : 8;
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < groups; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < groups && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(41);
    for (int i = 0; i < groups; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    if (mapped) {
      if (sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(v4Text(lo & 0xFFFF_FFFFL));
    }
    return sb.toString();
  }
}
