package dev.rpcwall.emit.ipsectool;

import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.semantics.Ip;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place where the {@code -f} filter specs and {@code -n} actions of ipsecpol and ipseccmd
 * are written and read (windows-semantics.md 5.2, 5.3), for both dialects:
 *
 * <pre>
 * filterspec = [ "(" | "[" ] side ( "=" | "+" ) side [ ":" protocol ] [ ")" | "]" ]
 * side       = addr [ "/" mask ] [ ":" port ]          addr = A.B.C.D | "0" (me) | "*" (any) | dns
 * </pre>
 *
 * The left side is the source, the right side the destination (5.3 rule 1); the protocol belongs
 * to the destination, so "protocol, any port" is {@code addr::TCP} (5.3 rule 3). Written: masks
 * dotted (the documented form; {@code /n} is UNCONFIRMED for these tools, 5.3 rule 2), a host
 * without a mask, protocols by name. Read: also {@code /prefix}, protocol numbers, any case.
 */
public final class FilterSpecs {
  // Patterns compiled once: these run per command and per filter of scripts with many filters.
  private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[A-Za-z].*");
  private static final Pattern DIGITS_2 = Pattern.compile("[0-9]{1,2}");
  private static final Pattern DIGITS_3 = Pattern.compile("[0-9]{1,3}");
  private static final Pattern DIGITS_5 = Pattern.compile("[0-9]{1,5}");
  private static final Pattern ESP_OR_AH = Pattern.compile(".*(ESP|AH)\\[.*");

  private static final long ALL = 0xFFFF_FFFFL;

  private FilterSpecs() {}

  // Writing
  // =======

  /** {@code 10.1.1.0/255.255.255.0=0:135:TCP}, {@code *=0:135:TCP}, {@code 10.1.1.7+0::UDP}. */
  public static String format(IpsecFilter f) {
    StringBuilder b = new StringBuilder(48);
    side(b, f.source(), f.sourcePort());
    b.append(f.mirrored() ? '+' : '=');
    side(b, f.destination(), f.destinationPort());
    if (f.protocol() != IpsecFilter.ANY_PROTOCOL) {
      if (f.destinationPort() == IpsecFilter.ANY_PORT) {
        b.append(':'); // empty port field (5.3 rule 3)
      }
      b.append(':').append(protocolName(f.protocol()));
    }
    return b.toString();
  }

  private static void side(StringBuilder b, IpsecAddress a, int port) {
    switch (a.kind()) {
      case ANY -> b.append('*');
      case ME -> b.append('0');
      case MASKED -> {
        b.append(Ip.v4(a.address()));
        if (a.mask() != ALL) {
          b.append('/').append(Ip.v4(a.mask()));
        }
      }
    }
    if (port != IpsecFilter.ANY_PORT) {
      b.append(':').append(port);
    }
  }

  static String protocolName(int protocol) {
    return switch (protocol) {
      case 6 -> "TCP";
      case 17 -> "UDP";
      case 1 -> "ICMP";
      default -> Integer.toString(protocol);
    };
  }

  /** {@code PASS} or {@code BLOCK}: the only actions rpcwall writes (5.2, KB813878). */
  public static String action(IpsecAction action) {
    return switch (action) {
      case PASS -> "PASS";
      case BLOCK -> "BLOCK";
      case NEGOTIATE -> throw new IllegalArgumentException("rpcwall never writes NEGOTIATE");
    };
  }

  // Reading
  // =======

  /** The brackets around a spec (5.3 rule 6): dynamic-mode pass-through {@code ( )} or block {@code [ ]}. */
  public enum Bracket {
    NONE,
    PASS,
    BLOCK
  }

  /** A spec read: the filter without its action (the caller adds it), and its brackets. */
  public record Spec(
      IpsecAddress source,
      IpsecAddress destination,
      int protocol,
      int sourcePort,
      int destinationPort,
      boolean mirrored,
      Bracket bracket) {
    public IpsecFilter withAction(IpsecAction action) {
      return new IpsecFilter(source, destination, protocol, sourcePort, destinationPort, mirrored, action);
    }
  }

  /**
   * Why a spec could not be read: {@code offset} and {@code length} within the spec text; {@code
   * unsupported} when the text is valid but cannot be evaluated (a DNS name).
   */
  public record Problem(String message, int offset, int length, boolean unsupported) {}

  /** Either a spec or the reason it is not one. */
  public record Parsed(Optional<Spec> spec, Optional<Problem> problem) {
    static Parsed ok(Spec s) {
      return new Parsed(Optional.of(s), Optional.empty());
    }

    static Parsed bad(String message, int offset, int length) {
      return new Parsed(Optional.empty(), Optional.of(new Problem(message, offset, length, false)));
    }

    static Parsed unsupported(String message, int offset, int length) {
      return new Parsed(Optional.empty(), Optional.of(new Problem(message, offset, length, true)));
    }
  }

  /** Reads one filter spec as written after {@code -f}; never throws. */
  public static Parsed parse(String text) {
    String t = text;
    int base = 0;
    Bracket bracket = Bracket.NONE;
    if (!t.isEmpty() && (t.charAt(0) == '[' || t.charAt(0) == '(')) {
      char open = t.charAt(0);
      char close = open == '[' ? ']' : ')';
      if (t.length() < 2 || t.charAt(t.length() - 1) != close) {
        return Parsed.bad("'" + open + "' without a closing '" + close + "'", 0, 1);
      }
      bracket = open == '[' ? Bracket.BLOCK : Bracket.PASS;
      t = t.substring(1, t.length() - 1);
      base = 1;
    } else if (!t.isEmpty() && (t.endsWith("]") || t.endsWith(")"))) {
      return Parsed.bad("a closing bracket without an opening one", t.length() - 1, 1);
    }
    int sep = -1;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '=' || c == '+') {
        if (sep >= 0) {
          return Parsed.bad("more than one '=' or '+' in a filter spec", base + i, 1);
        }
        sep = i;
      }
    }
    if (sep < 0) {
      return Parsed.bad(
          "a filter spec needs source '=' destination (or '+' for mirrored)", 0, Math.max(1, text.length()));
    }
    boolean mirrored = t.charAt(sep) == '+';
    String left = t.substring(0, sep);
    String right = t.substring(sep + 1);
    String[] l = left.split(":", -1);
    String[] r = right.split(":", -1);
    if (l.length > 2) {
      return Parsed.bad("the source side takes an address, a mask and a port only", base, left.length());
    }
    if (r.length > 3) {
      return Parsed.bad("too many ':' fields on the destination side", base + sep + 1, right.length());
    }
    Object src = address(l[0], base);
    if (src instanceof Parsed p) {
      return p;
    }
    int rBase = base + sep + 1;
    Object dst = address(r[0], rBase);
    if (dst instanceof Parsed p) {
      return p;
    }
    int srcPort = 0;
    if (l.length == 2) {
      int at = base + l[0].length() + 1;
      srcPort = port(l[1]);
      if (srcPort < 0) {
        return Parsed.bad("'" + l[1] + "' is not a port 0-65535", at, Math.max(1, l[1].length()));
      }
    }
    int dstPort = 0;
    if (r.length >= 2 && !r[1].isEmpty()) {
      int at = rBase + r[0].length() + 1;
      dstPort = port(r[1]);
      if (dstPort < 0) {
        return Parsed.bad("'" + r[1] + "' is not a port 0-65535", at, r[1].length());
      }
    }
    int protocol = IpsecFilter.ANY_PROTOCOL;
    if (r.length == 3) {
      int at = rBase + r[0].length() + 1 + r[1].length() + 1;
      protocol = protocol(r[2]);
      if (protocol < 0) {
        return Parsed.bad(
            "'" + r[2] + "' is not a protocol (TCP, UDP, ICMP or a number 0-255)",
            at, Math.max(1, r[2].length()));
      }
    }
    if ((srcPort != 0 || dstPort != 0) && protocol != 6 && protocol != 17) {
      return Parsed.bad("ports are only meaningful with TCP or UDP", 0, Math.max(1, text.length()));
    }
    return Parsed.ok(
        new Spec((IpsecAddress) src, (IpsecAddress) dst, protocol, srcPort, dstPort, mirrored, bracket));
  }

  /** An {@link IpsecAddress}, or a {@link Parsed} problem. */
  private static Object address(String text, int at) {
    if (text.isEmpty()) {
      return Parsed.bad("an address is missing (0 = this computer, * = any)", at, 1);
    }
    int slash = text.indexOf('/');
    String addr = slash < 0 ? text : text.substring(0, slash);
    String mask = slash < 0 ? null : text.substring(slash + 1);
    if (addr.equals("*") || addr.equals("0")) {
      if (mask != null) {
        return Parsed.bad("'" + addr + "' takes no mask", at + slash, text.length() - slash);
      }
      return addr.equals("*") ? IpsecAddress.any() : IpsecAddress.me();
    }
    long ip = dotted(addr);
    if (ip < 0) {
      if (DNS_NAME.matcher(addr).matches()
          && HAS_LETTER.matcher(addr).matches()) {
        // 5.3 rule 5: a DNS name is resolved by the tool (dynamic mode: the first address only),
        // so the addresses it stands for are not known here.
        return Parsed.unsupported(
            "'" + addr + "' is a DNS name; the addresses it resolves to on the host are not known",
            at, addr.length());
      }
      return Parsed.bad("'" + addr + "' is not an IPv4 address, 0 or *", at, addr.length());
    }
    long m = ALL;
    if (mask != null) {
      int mAt = at + slash + 1;
      if (DIGITS_2.matcher(mask).matches()) {
        int prefix = Integer.parseInt(mask);
        if (prefix > 32) {
          return Parsed.bad("prefix /" + mask + " is longer than 32", mAt, mask.length());
        }
        m = prefix == 0 ? 0 : (ALL << (32 - prefix)) & ALL;
      } else {
        m = dotted(mask);
        if (m < 0) {
          return Parsed.bad("'" + mask + "' is not a mask (dotted, or /prefix)", mAt, Math.max(1, mask.length()));
        }
        long inv = ~m & ALL;
        if ((inv & (inv + 1)) != 0) {
          return Parsed.bad("mask " + mask + " is not contiguous", mAt, mask.length());
        }
      }
    }
    if (m == 0) {
      return IpsecAddress.any();
    }
    if ((ip & ~m & ALL) != 0) {
      // Whether the tool clears the host bits or rejects the filter is not documented.
      return Parsed.bad(
          "address " + addr + " has bits outside its mask; what the tool makes of it is not known",
          at, text.length());
    }
    return new IpsecAddress(IpsecAddress.Kind.MASKED, ip, m);
  }

  /** A dotted-decimal IPv4 address as a number, or -1. */
  static long dotted(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long v = 0;
    for (String p : parts) {
      if (!DIGITS_3.matcher(p).matches()) {
        return -1;
      }
      int n = Integer.parseInt(p);
      if (n > 255) {
        return -1;
      }
      v = (v << 8) | n;
    }
    return v;
  }

  private static int port(String text) {
    if (!DIGITS_5.matcher(text).matches()) {
      return -1;
    }
    int p = Integer.parseInt(text);
    return p > 65535 ? -1 : p;
  }

  /** 5.3 rule 4: names TCP, UDP, ICMP; numbers are UNCONFIRMED for the tools and read as such. */
  private static int protocol(String text) {
    if (text.isEmpty()) {
      return IpsecFilter.ANY_PROTOCOL;
    }
    switch (text.toUpperCase(Locale.ROOT)) {
      case "TCP":
        return 6;
      case "UDP":
        return 17;
      case "ICMP":
        return 1;
      default:
        break;
    }
    if (DIGITS_3.matcher(text).matches()) {
      int n = Integer.parseInt(text);
      return n > 255 ? -1 : n;
    }
    return -1;
  }

  /**
   * Reads an {@code -n} list (5.2): {@code PASS}, {@code BLOCK}; {@code INPASS} and security
   * offers ({@code ESP[3DES,SHA]}, {@code AH[MD5]+ESP[DES]}, with a lifetime {@code 3600S/100000K}
   * or {@code PFS}) negotiate security and are read as {@link IpsecAction#NEGOTIATE} (INPASS lets
   * unsecured inbound in but its exact semantics are UNCONFIRMED, so the safe reading is "not a
   * plain pass"). Empty when the text is none of these.
   */
  public static Optional<IpsecAction> parseAction(String text) {
    String u = text.trim().toUpperCase(Locale.ROOT);
    if (u.equals("PASS")) {
      return Optional.of(IpsecAction.PASS);
    }
    if (u.equals("BLOCK")) {
      return Optional.of(IpsecAction.BLOCK);
    }
    if (u.equals("INPASS")) {
      return Optional.of(IpsecAction.NEGOTIATE);
    }
    String offer = "(ESP|AH)\\[[A-Z0-9]+(,[A-Z0-9]+)?\\]";
    String item = offer + "(\\+" + offer + ")?|[0-9]+S/[0-9]+K|[0-9]+S|[0-9]+K|PFS[0-9]*";
    if (u.matches("(" + item + ")(\\s+(" + item + "))*") && ESP_OR_AH.matcher(u).matches()) {
      return Optional.of(IpsecAction.NEGOTIATE);
    }
    return Optional.empty();
  }
}
