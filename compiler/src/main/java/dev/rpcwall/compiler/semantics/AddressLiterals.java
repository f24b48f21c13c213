package dev.rpcwall.compiler.semantics;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Parses the address literals of the policy language (DESIGN.md section 3): a host ({@code
 * 10.1.1.7}, {@code fe80::1}), a CIDR block ({@code 10.1.1.0/24}, {@code 2001:db8:20::/48}), an IPv4
 * block with a dotted mask ({@code 10.2.0.0/255.255.0.0}) and an inclusive range ({@code
 * 192.168.6.1-192.168.6.50}, {@code fe80::1-fe80::9}). Never throws on bad text: the result says
 * what is wrong and how to fix it, for the checker to report as a diagnostic.
 */
public final class AddressLiterals {
  private AddressLiterals() {}

  /** The outcome of {@link #parse}. */
  public sealed interface Parsed permits Ok, Bad {}

  /**
   * A valid literal. {@code hostBitsMeant} is present when a CIDR or mask had host bits set
   * ({@code 10.1.1.7/24}); {@code set} is then the whole network ({@code 10.1.1.0/24}), the block
   * the prefix states, and the checker warns that the host part is ignored.
   */
  public record Ok(AddressSet set, Optional<Cidr> hostBitsMeant) implements Parsed {
    public Ok {
      requireNonNull(set, "set");
      requireNonNull(hostBitsMeant, "hostBitsMeant");
    }
  }

  /** An invalid literal: what is wrong, and how to fix it. */
  public record Bad(String message, String hint) implements Parsed {
    public Bad {
      requireNonNull(message, "message");
      requireNonNull(hint, "hint");
    }
  }

  public static Parsed parse(String text) {
    requireNonNull(text, "text");
    if (text.isEmpty()) {
      return new Bad("empty address", "write an address, a CIDR block or a range");
    }
    int dash = text.indexOf('-');
    if (dash >= 0) {
      return parseRange(text, dash);
    }
    int slash = text.indexOf('/');
    if (slash >= 0) {
      return parseBlock(text, slash);
    }
    Object host = address(text);
    return host instanceof Ip ip ? new Ok(AddressSet.of(ip), Optional.empty()) : (Bad) host;
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
    return new Ok(AddressSet.of(new IpRange(a, b)), Optional.empty());
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
      Optional<Ip> mask = Ip.parseV4(suffix, 0, suffix.length());
      if (mask.isEmpty()) {
        return new Bad(
            "invalid IPv4 mask '" + suffix + "'", "write a mask such as 255.255.0.0 or a prefix /16");
      }
      long m = mask.get().lo();
      long inverted = ~m & 0xFFFF_FFFFL;
      if ((inverted & (inverted + 1)) != 0) {
        return new Bad(
            "mask " + mask.get() + " is not contiguous",
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
    Cidr network = Cidr.of(base, prefix);
    Optional<Cidr> meant = network.base().equals(base) ? Optional.empty() : Optional.of(network);
    return new Ok(AddressSet.of(network), meant);
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
