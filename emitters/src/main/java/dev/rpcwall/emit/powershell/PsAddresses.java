package dev.rpcwall.emit.powershell;

import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.AddressText;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Address text for -RemoteAddress/-LocalAddress (windows-semantics.md 4.1): single addresses,
 * {@code a/prefix}, {@code a/mask} (IPv4), and ranges {@code a-b} of either family.
 */
final class PsAddresses {
  private PsAddresses() {}

  /** One entry per interval: the address, its CIDR when it is exactly one block, else a range. */
  static List<String> format(AddressSet set) {
    List<String> out = new ArrayList<>();
    for (IpRange r : set.ranges()) {
      if (r.first().equals(r.last())) {
        out.add(text(r.first()));
      } else {
        int prefix = AddressText.cidrPrefix(r);
        // windows-semantics.md 1.1 limits: IPv4 mask 0 is invalid and IPv6 prefixes are 1..128,
        // so a whole family is written as a range.
        out.add(prefix > 0 ? text(r.first()) + "/" + prefix : text(r.first()) + "-" + text(r.last()));
      }
    }
    return out;
  }

  /** Canonical text: dotted quad, or RFC 5952 IPv6 (through the IPAddress library). */
  static String text(Ip ip) {
    if (ip.family() == IpFamily.IPV4) {
      long v = ip.lo();
      return (v >>> 24) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (ip.hi() >>> (56 - 8 * i));
      b[8 + i] = (byte) (ip.lo() >>> (56 - 8 * i));
    }
    return new IPv6Address(b).toCanonicalString();
  }

  // Compiled once: a rule's address list is read back entry by entry, 100,000 of them.
  private static final Pattern PREFIX = Pattern.compile("[0-9]{1,3}");
  private static final Pattern MASK = Pattern.compile("[0-9.]+");
  private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  /** Thrown for text that is not an address entry; the message says why. */
  static final class BadAddress extends Exception {
    private static final long serialVersionUID = 1L;

    BadAddress(String message) {
      super(message);
    }
  }

  /** Parses one entry (not a keyword). Host bits under a prefix are an error: never guessed. */
  static AddressSet parse(String text) throws BadAddress {
    int dash = text.indexOf('-');
    if (dash >= 0) {
      Ip first = plain(text.substring(0, dash));
      Ip last = plain(text.substring(dash + 1));
      if (first.family() != last.family()) {
        throw new BadAddress("the ends of range '" + text + "' are of different families");
      }
      if (first.compareTo(last) > 0) {
        throw new BadAddress("range '" + text + "' ends before it starts");
      }
      withinLimits(AddressLimits.Entry.range(first, last), text);
      return AddressSet.of(new IpRange(first, last));
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      Ip ip = plain(text);
      withinLimits(AddressLimits.Entry.single(ip), text);
      return AddressSet.of(new IpRange(ip, ip));
    }
    Ip base = plain(text.substring(0, slash));
    String suffix = text.substring(slash + 1);
    int prefix;
    if (PREFIX.matcher(suffix).matches()) {
      prefix = Integer.parseInt(suffix);
    } else if (base.family() == IpFamily.IPV4 && MASK.matcher(suffix).matches()) {
      prefix = maskPrefix(plain(suffix), text);
    } else {
      throw new BadAddress("'" + suffix + "' in '" + text + "' is neither a prefix length nor a mask");
    }
    // windows-semantics.md 3.4 rule 4: /32 and /128 occur in real data; /0 for IPv4 is invalid
    // (1.1 limits), IPv6 prefixes are 1..128.
    if (prefix < 1 || prefix > base.family().bits()) {
      throw new BadAddress("prefix /" + suffix + " is out of range in '" + text + "'");
    }
    withinLimits(AddressLimits.Entry.subnet(base, prefix), text);
    AddressSet block = AddressSet.cidr(base, prefix);
    if (!block.ranges().get(0).first().equals(base)) {
      throw new BadAddress(
          "'" + text + "' has host bits set below the prefix; write the network address");
    }
    return block;
  }

  /** Windows' limits on one entry (AddressLimits): a script breaking them would be refused. */
  private static void withinLimits(AddressLimits.Entry entry, String text) throws BadAddress {
    var problem = AddressLimits.violation(entry);
    if (problem.isPresent()) {
      throw new BadAddress("'" + text + "': " + problem.get());
    }
  }

  private static int maskPrefix(Ip mask, String text) throws BadAddress {
    long m = mask.lo();
    long inverted = ~m & 0xFFFF_FFFFL;
    if ((inverted & (inverted + 1)) != 0) {
      throw new BadAddress("'" + text + "' has a mask that is not contiguous");
    }
    return 32 - Long.bitCount(inverted);
  }

  /** One address with no prefix; only plain dotted quads and IPv6 text without zone. */
  static Ip plain(String text) throws BadAddress {
    // A strict dotted quad (no leading zeros) is read here, without the library: the library
    // reads such text as the same address, and 100,000 entries are read back this way.
    long bits = Ip.parseV4Bits(text, 0, text.length());
    if (bits >= 0) {
      return Ip.v4(bits);
    }
    boolean v4 = DOTTED_QUAD.matcher(text).matches();
    if (v4) {
      // A dotted quad that is not strict has a leading zero: some parsers read "010" as octal 8,
      // others as decimal 10, and what Windows does with it is not documented, so the reader does
      // not guess (the policy language and the netsh reader reject it too).
      throw new BadAddress(
          "'" + text + "' has a leading zero in an IPv4 part, which is read as octal by some"
              + " tools and as decimal by others; write it without leading zeros");
    }
    boolean v6 = text.indexOf(':') >= 0 && V6_CHARS.matcher(text).matches();
    IPAddress a = (v4 || v6) ? new IPAddressString(text).getAddress() : null;
    if (a == null || a.isPrefixed() || a.isIPv4() != v4) {
      throw new BadAddress("'" + text + "' is not an IPv4 or IPv6 address");
    }
    byte[] b = a.getBytes();
    if (v4) {
      long v = 0;
      for (byte x : b) {
        v = (v << 8) | (x & 0xFF);
      }
      return Ip.v4(v);
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (b[i] & 0xFF);
      lo = (lo << 8) | (b[8 + i] & 0xFF);
    }
    return Ip.v6(hi, lo);
  }
}
