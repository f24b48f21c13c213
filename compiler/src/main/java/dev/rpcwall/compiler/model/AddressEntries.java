package dev.rpcwall.compiler.model;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.model.AddressLimits.Entry;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Cidr;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import java.util.Optional;

/**
 * The one parser of address entries, shared by the policy language and every reader of Windows
 * scripts. The forms are those Windows accepts in a rule's address list (windows-semantics.md 1.1
 * address value forms for netsh, 3.3 {@code LA4}/{@code RA4}/{@code LA6}/{@code RA6} for registry
 * rule strings, 4.1 {@code -RemoteAddress} for PowerShell), and the policy language uses the same
 * (DESIGN.md section 3): a single address ({@code 10.1.1.7}, {@code fe80::1}), a CIDR block ({@code
 * 10.1.1.0/24}, {@code 2001:db8:20::/48}), an IPv4 block with a dotted mask ({@code
 * 10.2.0.0/255.255.0.0}) and an inclusive range ({@code 192.168.6.1-192.168.6.50}, {@code
 * fe80::1-fe80::9}), of either family. Keywords ({@code LocalSubnet}, ...) are spelled differently
 * by each dialect and are read by the dialects' spelling tables, not here.
 *
 * <p>The parser reads the syntax only: the entry as written, host bits included. What a caller
 * accepts on top is its own rule: the policy language allows {@code /0} and warns about host bits;
 * the readers apply Windows' limits ({@link AddressLimits#violation(Entry)}) and refuse host bits.
 * Never throws on bad text: the result says what is wrong and how to fix it.
 */
public final class AddressEntries {
  private AddressEntries() {}

  /** The outcome of {@link #parse}. */
  public sealed interface Parsed permits Ok, Bad {}

  /**
   * A well-formed entry, as written: for a subnet ({@code entry.prefix() >= 0}) {@code
   * entry.first()} is the base address as written, which may have host bits set ({@code
   * 10.1.1.7/24}).
   */
  public record Ok(Entry entry) implements Parsed {
    public Ok {
      requireNonNull(entry, "entry");
    }

    /** The addresses the entry names; a subnet with host bits names its whole block. */
    public IpRange range() {
      return entry.prefix() < 0
          ? new IpRange(entry.first(), entry.last())
          : Cidr.of(entry.first(), entry.prefix()).range();
    }

    public AddressSet set() {
      return AddressSet.of(range());
    }

    /**
     * The block a subnet with host bits set means ({@code 10.1.1.0/24} for {@code 10.1.1.7/24}),
     * or empty when the entry has no host bits (or is no subnet).
     */
    public Optional<Cidr> hostBitsMeant() {
      if (entry.prefix() < 0) {
        return Optional.empty();
      }
      Cidr network = Cidr.of(entry.first(), entry.prefix());
      return network.base().equals(entry.first()) ? Optional.empty() : Optional.of(network);
    }

    /**
     * Why a reader of Windows scripts refuses this entry, or empty when it reads it; one rule for
     * every reader, so they agree. Refused: what Windows refuses ({@link
     * AddressLimits#violation(Entry)}, windows-semantics.md 1.1 limits), and a subnet with host bits
     * set below its prefix. Whether Windows reads {@code 10.1.1.7/24} as {@code 10.1.1.0/24},
     * keeps the host part or refuses the rule is written nowhere in windows-semantics.md
     * (UNCONFIRMED), so the safe reading is taken: the reader does not guess, and the script is
     * not proven.
     */
    public Optional<String> windowsRefusal() {
      Optional<String> limit = AddressLimits.violation(entry);
      if (limit.isPresent()) {
        return limit;
      }
      return hostBitsMeant()
          .map(meant -> "host bits are set below the prefix (the network is " + meant
              + "); what Windows does with them is not documented, so it is not read;"
              + " write the network address");
    }
  }

  /** An invalid entry: what is wrong, and how to fix it. */
  public record Bad(String message, String hint) implements Parsed {
    public Bad {
      requireNonNull(message, "message");
      requireNonNull(hint, "hint");
    }
  }

  /**
   * The prefix length when {@code range} is exactly one CIDR block, else -1: the one computation
   * of it, for the entry form every formatter writes ({@link Entry#of}).
   */
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

  public static Parsed parse(String text) {
    requireNonNull(text, "text");
    return parse(text, 0, text.length());
  }

  /**
   * As {@link #parse(String)}, for the chars {@code from} (inclusive) to {@code to} (exclusive) of
   * {@code text}: the readers parse each item of lists of 100,000 addresses in place.
   */
  public static Parsed parse(String text, int from, int to) {
    // The common case first, a single IPv4 address: its chars are read once, with no substring.
    long v4 = Ip.parseV4Bits(text, from, to);
    if (v4 >= 0) {
      return new Ok(Entry.single(Ip.v4(v4)));
    }
    if (from >= to) {
      return new Bad("empty address", "write an address, a CIDR block or a range");
    }
    int dash = -1;
    int slash = -1;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '-' && dash < 0) {
        dash = i;
      } else if (c == '/' && slash < 0) {
        slash = i;
      }
    }
    String item = from == 0 && to == text.length() ? text : text.substring(from, to);
    if (dash >= 0) {
      return parseRange(item, dash - from);
    }
    if (slash >= 0) {
      return parseBlock(item, slash - from);
    }
    Object host = address(item);
    return host instanceof Ip ip ? new Ok(Entry.single(ip)) : (Bad) host;
  }

  private static Parsed parseRange(String text, int dash) {
    String left = text.substring(0, dash);
    String right = text.substring(dash + 1);
    if (left.indexOf('/') >= 0 || right.indexOf('/') >= 0) {
      return new Bad(
          "a range cannot have a prefix: '" + text + "'",
          "write either first-last or address/prefix, as separate items");
    }
    Object first = address(left);
    if (first instanceof Bad bad) {
      return bad;
    }
    Object last = address(right);
    if (last instanceof Bad bad) {
      return bad;
    }
    Ip a = (Ip) first;
    Ip b = (Ip) last;
    if (a.family() != b.family()) {
      return new Bad(
          "range mixes IPv4 and IPv6: '" + text + "'",
          "both ends of a range must be of the same family");
    }
    if (b.compareTo(a) < 0) {
      return new Bad(
          "range end " + b + " is below its start " + a, "write the range as " + b + "-" + a);
    }
    return new Ok(Entry.range(a, b));
  }

  private static Parsed parseBlock(String text, int slash) {
    Object parsed = address(text.substring(0, slash));
    if (parsed instanceof Bad bad) {
      return bad;
    }
    Ip base = (Ip) parsed;
    String suffix = text.substring(slash + 1);
    int bits = base.family().bits();
    String family = base.family() == IpFamily.IPV4 ? "IPv4" : "IPv6";
    int prefix;
    if (suffix.indexOf('.') >= 0) {
      if (base.family() != IpFamily.IPV4) {
        return new Bad(
            "a dotted mask is only valid for IPv4: '" + text + "'",
            "write an IPv6 prefix length, e.g. " + base + "/64");
      }
      long m = Ip.parseV4Bits(suffix, 0, suffix.length());
      if (m < 0) {
        return new Bad(
            "invalid IPv4 mask '" + suffix + "'", "write a mask such as 255.255.0.0 or a prefix /16");
      }
      long inverted = ~m & 0xFFFF_FFFFL;
      if ((inverted & (inverted + 1)) != 0) {
        return new Bad(
            "mask " + Ip.v4(m) + " is not contiguous",
            "a mask is ones followed by zeros, e.g. 255.255.0.0; write separate blocks instead");
      }
      prefix = Long.bitCount(m);
    } else {
      prefix = prefixLength(suffix);
      if (prefix < 0) {
        return new Bad("invalid prefix '/" + suffix + "'", "write a prefix length 0-" + bits);
      }
      if (prefix > bits) {
        return new Bad(
            "prefix /" + prefix + " is out of range for " + family + " (0-" + bits + ")",
            "write a prefix length 0-" + bits);
      }
    }
    return new Ok(Entry.subnet(base, prefix));
  }

  /** Decimal prefix length without sign or leading zero, or -1; values above 999 are -1 too. */
  private static int prefixLength(String s) {
    if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** An {@link Ip} or a {@link Bad} saying why the text is not one. */
  private static Object address(String text) {
    Optional<Ip> ip = Ip.parse(text);
    if (ip.isPresent()) {
      return ip.get();
    }
    int zone = text.indexOf('%');
    if (zone >= 0) {
      return new Bad(
          "zone index '" + text.substring(zone) + "' is not allowed in '" + text + "'",
          "a zone names an interface of one machine; write the address without it");
    }
    if (text.isEmpty()) {
      return new Bad("missing address", "write an address on both sides of '-' or before '/'");
    }
    if (text.indexOf(':') >= 0) {
      return new Bad(
          "malformed IPv6 address '" + text + "'",
          "write eight groups of 1-4 hex digits, or fewer with one '::', e.g. 2001:db8::1");
    }
    if (hasLeadingZero(text)) {
      return new Bad(
          "invalid IPv4 address '" + text + "'",
          "leading zeros are ambiguous (some tools read them as octal); write each part without them");
    }
    return new Bad(
        "invalid IPv4 address '" + text + "'",
        "write four decimal numbers 0-255 separated by dots, e.g. 10.1.1.7");
  }

  private static boolean hasLeadingZero(String text) {
    for (String part : text.split("\\.", -1)) {
      if (part.length() > 1 && part.charAt(0) == '0' && part.chars().allMatch(Character::isDigit)) {
        return true;
      }
    }
    return false;
  }
}
