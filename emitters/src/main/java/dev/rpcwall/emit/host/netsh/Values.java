package dev.rpcwall.emit.host.netsh;

import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressEntries;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.ProtocolNames;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.emit.netsh.NetshSyntax;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The values of netsh rule parameters and of the fields of a {@code show rule} dump, read the
 * same way for both (windows-semantics.md 1.1, 1.4). A value Windows itself refuses is a {@link
 * Refused} with the reason; the readers turn it into an {@code invalid-rule} note.
 */
final class Values {
  private Values() {}

  /** Windows refuses this value (netsh rejects the command, or the rule cannot exist). */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Address keywords a {@code show rule} dump prints besides netsh's input keywords (1.4:
   * labels and keywords as Windows 10/11 print them; the spellings beyond netsh's are observed,
   * not documented).
   */
  private static final Map<String, AddressKeyword> MORE_ADDRESS_KEYWORDS =
      Map.of(
          "intranet", AddressKeyword.INTRANET,
          "internet", AddressKeyword.INTERNET,
          "playtodevice", AddressKeyword.PLAY_TO_DEVICE,
          "remotecorpnetwork", AddressKeyword.REMOTE_INTRANET,
          "captiveportal", AddressKeyword.CAPTIVE_PORTAL);

  /** Port keywords a dump prints besides netsh's (1.4 rule 4, 3.5). */
  private static final Map<String, PortKeyword> MORE_PORT_KEYWORDS =
      Map.of(
          "playtodiscovery", PortKeyword.PLAY_TO_DISCOVERY,
          "mdns", PortKeyword.MDNS,
          "dhcp", PortKeyword.DHCP,
          "cortanaout", PortKeyword.CORTANA_OUT,
          "proximaltcpcdp", PortKeyword.PROXIMAL_TCP_CDP);

  private static final java.util.regex.Pattern PORT_ITEM =
      java.util.regex.Pattern.compile("[0-9]{1,9}(-[0-9]{1,9})?");

  /** {@code protocol=}: a name of the table (1.1), {@code any}, or 0-255. */
  static int protocol(String text) throws Refused {
    String v = text.trim().toLowerCase(Locale.ROOT);
    int colon = v.indexOf(':');
    if (colon >= 0) {
      v = v.substring(0, colon);
    }
    int n = ProtocolNames.number(v);
    if (n >= 0) {
      return n;
    }
    if (v.matches("[0-9]{1,9}")) {
      throw new Refused("protocol " + v + " is not a number 0-255");
    }
    throw new Refused("'" + text + "' is not a protocol netsh takes (tcp, udp, icmpv4, icmpv6, any,"
        + " or a number 0-255)");
  }

  /**
   * A port list ({@code 135,5001-5021}, {@code RPC}, {@code any}); {@code local} allows the
   * local-side keywords. Spaces inside the list are refused: a list has none (1.1).
   */
  static PortCondition ports(String text, boolean local, boolean dump) throws Refused {
    String v = text.trim();
    if (v.equalsIgnoreCase("any")) {
      return PortCondition.ANY;
    }
    List<PortRange> ranges = new ArrayList<>();
    Set<PortKeyword> keywords = EnumSet.noneOf(PortKeyword.class);
    for (String raw : v.split(",", -1)) {
      String item = dump ? raw.trim() : raw;
      Optional<PortKeyword> k = local ? NetshSyntax.localPortKeyword(item) : Optional.empty();
      if (k.isEmpty() && item.equalsIgnoreCase("IPHTTPS") && !local) {
        k = Optional.of(PortKeyword.IPHTTPS_OUT);
      }
      if (k.isEmpty() && dump) {
        k = Optional.ofNullable(MORE_PORT_KEYWORDS.get(item.toLowerCase(Locale.ROOT)));
      }
      if (k.isPresent()) {
        keywords.add(k.get());
        continue;
      }
      if (!PORT_ITEM.matcher(item).matches()) {
        throw new Refused("'" + item + "' is not a port, a range a-b"
            + (local ? ", RPC, RPC-EPMap, IPHTTPS or Teredo" : "") + " (a list has no spaces)");
      }
      int dash = item.indexOf('-');
      long lo = Long.parseLong(dash < 0 ? item : item.substring(0, dash));
      long hi = dash < 0 ? lo : Long.parseLong(item.substring(dash + 1));
      if (hi > PortRange.MAX_PORT || lo > PortRange.MAX_PORT) {
        throw new Refused("port " + Math.max(lo, hi) + " is out of range 0-65535");
      }
      if (lo > hi) {
        throw new Refused("port range " + item + " ends before it starts");
      }
      ranges.add(PortRange.of((int) lo, (int) hi));
    }
    return new PortCondition(false, PortSet.of(ranges), keywords);
  }

  /**
   * An address list ({@code 10.0.0.0/8,localsubnet}, {@code any}); {@code remote} allows the
   * keywords (none on the local side: 1.1, C7). Entries go through the one address parser and
   * Windows' refusals ({@link AddressEntries}).
   */
  static AddressCondition addresses(String text, boolean remote, boolean dump) throws Refused {
    String v = text.trim();
    if (v.equalsIgnoreCase("any") || (dump && v.equals("*"))) {
      return AddressCondition.ANY;
    }
    AddressSet.Accumulator acc = new AddressSet.Accumulator(v.length() / 8 + 1);
    Set<AddressKeyword> keywords = EnumSet.noneOf(AddressKeyword.class);
    int entries = 0;
    for (String raw : v.split(",", -1)) {
      String item = dump ? raw.trim() : raw;
      entries++;
      AddressKeyword k = NetshSyntax.addressKeyword(item, 0, item.length());
      if (k == null && dump && item.indexOf(' ') > 0) {
        // a keyword printed in words ("Local subnet", "Default gateway")
        String joined = item.replace(" ", "");
        k = NetshSyntax.addressKeyword(joined, 0, joined.length());
      }
      if (k == null && dump) {
        k = MORE_ADDRESS_KEYWORDS.get(item.toLowerCase(Locale.ROOT).replace(" ", ""));
      }
      if (k != null) {
        if (!remote) {
          throw new Refused("keyword '" + item + "' is only allowed in remoteip= (windows-semantics.md"
              + " 1.1)");
        }
        keywords.add(k);
        continue;
      }
      AddressEntries.Parsed parsed = AddressEntries.parse(item);
      if (parsed instanceof AddressEntries.Bad bad) {
        throw new Refused("'" + item + "': " + bad.message());
      }
      AddressEntries.Ok ok = (AddressEntries.Ok) parsed;
      Optional<String> refused = ok.windowsRefusal();
      if (refused.isPresent()) {
        throw new Refused("'" + item + "': " + refused.get());
      }
      acc.add(ok.range());
    }
    Optional<String> tooMany = AddressLimits.countViolation(entries);
    if (tooMany.isPresent()) {
      throw new Refused(tooMany.get());
    }
    return new AddressCondition(false, acc.build(), keywords);
  }

  /** {@code profile=}: domain, private, public, any, as a comma list; empty means all. */
  static Set<Profile> profiles(String text) throws Refused {
    Set<Profile> out = EnumSet.noneOf(Profile.class);
    for (String raw : text.toLowerCase(Locale.ROOT).split(",", -1)) {
      String item = raw.trim();
      switch (item) {
        case "domain" -> out.add(Profile.DOMAIN);
        case "private" -> out.add(Profile.PRIVATE);
        case "public" -> out.add(Profile.PUBLIC);
        case "any", "all" -> out.addAll(EnumSet.allOf(Profile.class));
        default -> throw new Refused("profile '" + item + "' is not domain, private, public or any");
      }
    }
    return out.size() == Profile.values().length ? Set.of() : out;
  }

  /** Whether the protocol may carry port conditions (1.2 rule 1). */
  static boolean takesPorts(int protocol) {
    return protocol != WfasRule.ANY_PROTOCOL && ProtocolNames.takesPorts(protocol);
  }
}
