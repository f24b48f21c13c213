package dev.rpcwall.emit.powershell;

import dev.rpcwall.compiler.model.AddressEntries;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Address text for -RemoteAddress/-LocalAddress (windows-semantics.md 4.1): the PowerShell
 * formatter, and the reader's entry point to the one address parser ({@link AddressEntries}),
 * which reads single addresses, {@code a/prefix}, {@code a/mask} (IPv4), and ranges {@code a-b} of
 * either family.
 */
final class PsAddresses {
  private PsAddresses() {}

  /**
   * One entry per interval, in the form the model chooses ({@link AddressLimits.Entry#of}: the
   * address, its CIDR when it is exactly one block, else a range), spelled for PowerShell.
   */
  static List<String> format(AddressSet set) {
    List<String> out = new ArrayList<>();
    for (IpRange r : set.ranges()) {
      AddressLimits.Entry e = AddressLimits.Entry.of(r);
      if (e.prefix() >= 0) {
        out.add(text(e.first()) + "/" + e.prefix());
      } else if (e.first().equals(e.last())) {
        out.add(text(e.first()));
      } else {
        out.add(text(e.first()) + "-" + text(e.last()));
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

  /** Thrown for text that is not an address entry; the message says why, the hint what to do. */
  static final class BadAddress extends Exception {
    private static final long serialVersionUID = 1L;

    private final String hint;

    BadAddress(String message, String hint) {
      super(message);
      this.hint = hint;
    }

    /** What to write instead; null when there is nothing more to say than the message. */
    String hint() {
      return hint;
    }
  }

  /**
   * Reads one entry (not a keyword) with the one address parser ({@link AddressEntries}) and the
   * rule every reader applies ({@link AddressEntries.Ok#windowsRefusal}): Windows' limits, and no
   * host bits under a prefix (never guessed). The message is {@code 'entry': why}, as the netsh
   * reader says it.
   */
  static AddressSet parse(String text) throws BadAddress {
    AddressEntries.Parsed parsed = AddressEntries.parse(text);
    if (parsed instanceof AddressEntries.Bad bad) {
      throw new BadAddress("'" + text + "': " + bad.message(), bad.hint());
    }
    AddressEntries.Ok ok = (AddressEntries.Ok) parsed;
    Optional<String> refused = ok.windowsRefusal();
    if (refused.isPresent()) {
      throw new BadAddress("'" + text + "': " + refused.get(), null);
    }
    return ok.set();
  }
}
