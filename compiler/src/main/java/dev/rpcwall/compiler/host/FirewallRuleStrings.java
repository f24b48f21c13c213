package dev.rpcwall.compiler.host;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressEntries;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one firewall rule as Windows stores it in the registry (windows-semantics.md section 3):
 * the value named by the rule ID under a {@code FirewallRules} key, a string {@code
 * v2.NN|Key=Value|Key=Value|...|} (3.2). Tokens that may repeat accumulate (3.4 rule 1), an absent
 * address or port field means any (3.4 rule 3), an absent {@code Active} means disabled (3.3).
 *
 * <p>What Windows itself refuses (a port on a protocol other than TCP/UDP, an address Windows does
 * not take, {@code RPC} on an outbound rule, a missing {@code Action} or {@code Dir}) is an {@code
 * invalid-rule} problem and gives no rule. A token this reader does not know (a newer version's,
 * 3.4 rule 5) is kept as a condition only the host decides ({@link WfasRule#otherConditions()}),
 * and said as an {@code unreadable} problem: the rule is still read. Never throws.
 */
public final class FirewallRuleStrings {
  /** The newest rule string version seen in exports (3.4 rule 6: v2.31-v2.33 observed). */
  public static final int NEWEST_MINOR = 33;

  /** One problem in a rule string, at a char offset of the string. */
  public record Problem(int offset, int length, String category, String message, String hint) {
    public Problem {
      requireNonNull(category, "category");
      requireNonNull(message, "message");
      requireNonNull(hint, "hint");
    }
  }

  /** The rule read (absent when Windows would refuse the string) and the problems found. */
  public record Parsed(Optional<WfasRule> rule, List<Problem> problems) {
    public Parsed {
      requireNonNull(rule, "rule");
      problems = List.copyOf(problems);
    }
  }

  /** Maps a span of the rule string (char offset, length) to the place in the input. */
  @FunctionalInterface
  public interface Locator {
    SourceSpan at(int offset, int length);
  }

  private FirewallRuleStrings() {}

  // Tokens that describe the rule or tune how a match is handled, and never narrow which packets
  // it matches (3.3): read past.
  private static final Set<String> DESCRIPTIVE =
      Set.of(
          "DESC", "EDGE", "DEFER", "SKIPVER", "TTK", "TTK2_22", "TTK2_27", "TTK2_28", "NNM",
          "SECURITYREALMID", "LSM", "LOM", "PCROSS", "AUTHBYPASSOUT");

  // Tokens that narrow the match by something a packet's port and remote address do not show
  // (3.3: interfaces, authentication, local users and packages, OS validity): conditions only
  // the host decides.
  private static final Map<String, String> HOST_CONDITIONS =
      Map.ofEntries(
          Map.entry("IF", "interface"),
          Map.entry("IFTYPE", "interface type"),
          Map.entry("SECURITY", "IPsec security"),
          Map.entry("SECURITY2", "IPsec security"),
          Map.entry("SECURITY2_9", "IPsec security"),
          Map.entry("RMAUTH", "authorized remote computers"),
          Map.entry("RUAUTH", "authorized remote users"),
          Map.entry("LUAUTH", "authorized local users"),
          Map.entry("LUAUTH2_24", "authorized local users"),
          Map.entry("LUOWN", "local user owner"),
          Map.entry("APPPKGID", "application package"),
          Map.entry("PLATFORM", "OS version"),
          Map.entry("PLATFORM2", "OS version"),
          Map.entry("ICMP4", "ICMP type"),
          Map.entry("ICMP6", "ICMP type"));

  /** The tokens as Windows spells them, to their upper case (most strings need no case folding). */
  private static final Map<String, String> CANONICAL = new java.util.HashMap<>();

  static {
    for (String t : new String[] {"Action", "Active", "Dir", "Protocol", "Profile", "LPort",
        "LPort2_10", "LPort2_20", "RPort", "RPort2_10", "RPort2_20", "LA4", "LA6", "RA4", "RA6",
        "RA42", "RA62", "App", "Svc", "Name", "Desc", "EmbedCtxt", "Edge", "Defer", "IF", "IFType",
        "Security", "Security2", "Security2_9", "RMAuth", "RUAuth", "LUAuth", "LUOwn", "AppPkgId",
        "Platform", "Platform2", "ICMP4", "ICMP6", "PCross", "LSM", "LOM", "TTK", "NNm",
        "SkipVer"}) {
      CANONICAL.put(t, t.toUpperCase(Locale.ROOT));
    }
  }

  /** Reads {@code text}, the data of value {@code ruleId}; problems are placed by {@code at}. */
  public static Parsed parse(String ruleId, String text, SourceSpan origin, Locator at) {
    try {
      return new Reading(ruleId, text, origin, at).read();
    } catch (RuntimeException e) {
      // Never an exception for the caller: a fault here is still a problem at the string.
      List<Problem> p =
          List.of(
              new Problem(0, Math.min(text.length(), 1), HostNote.UNREADABLE,
                  "the rule string could not be read (" + e.getClass().getSimpleName() + ")",
                  "check the string against windows-semantics.md section 3"));
      return new Parsed(Optional.empty(), p);
    }
  }

  /** {@link #parse} with notes placed on the origin's line, {@code offset} chars to its right. */
  public static Parsed parse(String ruleId, String text, SourceSpan origin) {
    return parse(ruleId, text, origin, sameLine(origin));
  }

  /** A locator for a string written as is from {@code origin} on (no escapes, one line). */
  public static Locator sameLine(SourceSpan origin) {
    return (offset, length) ->
        origin.isKnown()
            ? new SourceSpan(origin.source(), origin.line(), origin.column() + offset, length)
            : origin;
  }

  /** The version of a rule string ({@code v2.30|...} gives 2 and 30), or null if it has none. */
  static int[] version(String text) {
    int bar = text.indexOf('|');
    String head = (bar < 0 ? text : text.substring(0, bar)).trim();
    if (head.length() < 4 || Character.toLowerCase(head.charAt(0)) != 'v') {
      return null;
    }
    int dot = head.indexOf('.');
    if (dot < 2) {
      return null;
    }
    int major = digits(head, 1, dot);
    int minor = digits(head, dot + 1, head.length());
    return major < 0 || minor < 0 ? null : new int[] {major, minor};
  }

  private static int digits(String s, int from, int to) {
    if (from >= to || to - from > 6) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static final class Reading {
    final String id;
    final String text;
    final SourceSpan origin;
    final Locator at;
    final List<Problem> problems = new ArrayList<>();
    boolean refused;

    RuleAction action;
    Direction dir;
    boolean active;
    int protocol = WfasRule.ANY_PROTOCOL;
    final Set<Profile> profiles = EnumSet.noneOf(Profile.class);
    final List<PortRange> lports = new ArrayList<>();
    final Set<PortKeyword> lkeys = EnumSet.noneOf(PortKeyword.class);
    final List<PortRange> rports = new ArrayList<>();
    final Set<PortKeyword> rkeys = EnumSet.noneOf(PortKeyword.class);
    final List<IpRange> laddr = new ArrayList<>();
    final List<IpRange> raddr = new ArrayList<>();
    final Set<AddressKeyword> rkw = EnumSet.noneOf(AddressKeyword.class);
    String program;
    String service;
    String name;
    String description;
    String group;
    final List<String> other = new ArrayList<>();

    Reading(String id, String text, SourceSpan origin, Locator at) {
      this.id = id;
      this.text = text;
      this.origin = origin;
      this.at = at;
    }

    void invalid(int off, int len, String message, String hint) {
      problems.add(new Problem(off, len, HostNote.INVALID_RULE, message, hint));
      refused = true;
    }

    void unreadable(int off, int len, String message, String hint) {
      problems.add(new Problem(off, len, HostNote.UNREADABLE, message, hint));
    }

    Parsed read() {
      int[] v = version(text);
      int firstBar = text.indexOf('|');
      if (v == null || firstBar < 0) {
        unreadable(0, Math.min(text.length(), firstBar < 0 ? text.length() : firstBar),
            "not a firewall rule string: it does not start with a version such as 'v2.30|'",
            "a FirewallRules value is 'v2.NN|Key=Value|...|' (windows-semantics.md 3.2)");
        return new Parsed(Optional.empty(), problems);
      }
      boolean newer = v[0] > 2 || (v[0] == 2 && v[1] > NEWEST_MINOR);
      int pos = firstBar + 1;
      int n = text.length();
      while (pos < n) {
        int bar = text.indexOf('|', pos);
        int end = bar < 0 ? n : bar;
        if (end > pos) {
          token(pos, end, v, newer);
        }
        pos = end + 1;
      }
      if (action == null) {
        invalid(0, firstBar, "the rule string has no Action", "add 'Action=Allow|' or 'Action=Block|'");
      }
      if (dir == null) {
        invalid(0, firstBar, "the rule string has no Dir", "add 'Dir=In|' or 'Dir=Out|'");
      }
      if (refused) {
        return new Parsed(Optional.empty(), problems);
      }
      checkKeywords();
      if (refused) {
        return new Parsed(Optional.empty(), problems);
      }
      WfasRule rule =
          new WfasRule(
              id,
              name != null ? name : id,
              Optional.ofNullable(group),
              Optional.ofNullable(description),
              dir,
              action,
              protocol,
              ports(lports, lkeys),
              ports(rports, rkeys),
              lAddresses(),
              rAddresses(),
              profiles,
              active,
              Optional.ofNullable(program),
              Optional.ofNullable(service),
              origin,
              other);
      return new Parsed(Optional.of(rule), problems);
    }

    private static PortCondition ports(List<PortRange> ranges, Set<PortKeyword> keys) {
      if (ranges.isEmpty() && keys.isEmpty()) {
        return PortCondition.ANY;
      }
      return new PortCondition(false, PortSet.of(ranges), keys);
    }

    private AddressCondition lAddresses() {
      return laddr.isEmpty() ? AddressCondition.ANY : AddressCondition.of(AddressSet.of(laddr));
    }

    private AddressCondition rAddresses() {
      if (raddr.isEmpty() && rkw.isEmpty()) {
        return AddressCondition.ANY;
      }
      return new AddressCondition(false, AddressSet.of(raddr), rkw);
    }

    /** 1.2 rule 2: local port keywords need TCP (or UDP for Teredo) and an inbound rule. */
    private void checkKeywords() {
      for (PortKeyword k : lkeys) {
        boolean rpc = k == PortKeyword.RPC || k == PortKeyword.RPC_EPMAP;
        if (rpc && protocol != 6) {
          invalid(0, 0, "local port keyword " + keywordText(k) + " needs Protocol=6 (TCP)",
              "RPC and RPC-EPMap are TCP only (windows-semantics.md 1.2 rule 2)");
        }
        if (dir == Direction.OUT && (rpc || k == PortKeyword.TEREDO || k == PortKeyword.IPHTTPS_IN)) {
          invalid(0, 0, "an outbound rule cannot use local port keyword " + keywordText(k),
              "local port keywords are for inbound rules (windows-semantics.md 1.2 rule 2)");
        }
      }
    }

    private static String keywordText(PortKeyword k) {
      return switch (k) {
        case RPC -> "RPC";
        case RPC_EPMAP -> "RPC-EPMap";
        case TEREDO -> "Teredo";
        default -> k.name();
      };
    }

    private void token(int from, int to, int[] v, boolean newer) {
      int eq = text.indexOf('=', from);
      if (eq < 0 || eq >= to) {
        unreadable(from, to - from, "token '" + clip(text.substring(from, to)) + "' has no '='",
            "each field of a rule string is Key=Value| (windows-semantics.md 3.2)");
        return;
      }
      String key = text.substring(from, eq).trim();
      String value = text.substring(eq + 1, to);
      int vo = eq + 1;
      int vl = to - eq - 1;
      String k = CANONICAL.get(key);
      if (k == null) {
        k = key.toUpperCase(Locale.ROOT);
      }
      switch (k) {
        case "ACTION" -> {
          switch (value.toLowerCase(Locale.ROOT)) {
            case "allow" -> action = RuleAction.ALLOW;
            case "block" -> action = RuleAction.BLOCK;
            case "bypass" -> action = RuleAction.BYPASS;
            default -> invalid(vo, vl, "Action '" + clip(value) + "' is not Allow, Block or ByPass",
                "write Action=Allow or Action=Block");
          }
        }
        case "ACTIVE" -> {
          if (value.equalsIgnoreCase("TRUE")) {
            active = true;
          } else if (value.equalsIgnoreCase("FALSE")) {
            active = false;
          } else {
            invalid(vo, vl, "Active '" + clip(value) + "' is not TRUE or FALSE", "write Active=TRUE");
          }
        }
        case "DIR" -> {
          if (value.equalsIgnoreCase("In")) {
            dir = Direction.IN;
          } else if (value.equalsIgnoreCase("Out")) {
            dir = Direction.OUT;
          } else {
            invalid(vo, vl, "Dir '" + clip(value) + "' is not In or Out", "write Dir=In or Dir=Out");
          }
        }
        case "PROTOCOL" -> {
          int p = digits(value, 0, value.length());
          if (p < 0 || p > 255) {
            invalid(vo, vl, "Protocol '" + clip(value) + "' is not a number 0-255",
                "the registry form is the IP protocol number: 6 for TCP, 17 for UDP");
          } else {
            protocol = p;
          }
        }
        case "PROFILE" -> {
          switch (value.toLowerCase(Locale.ROOT)) {
            case "domain" -> profiles.add(Profile.DOMAIN);
            case "private" -> profiles.add(Profile.PRIVATE);
            case "public" -> profiles.add(Profile.PUBLIC);
            default -> invalid(vo, vl, "Profile '" + clip(value) + "' is not Domain, Private or Public",
                "write one Profile= token per profile");
          }
        }
        case "LPORT", "LPORT2_10", "LPORT2_20", "LPORT2_24", "LPORT2_29" ->
            port(k, value, vo, vl, lports, lkeys, true);
        case "RPORT", "RPORT2_10", "RPORT2_20", "RPORT2_24", "RPORT2_28" ->
            port(k, value, vo, vl, rports, rkeys, false);
        case "LA4", "LA6" -> address(k, value, vo, vl, laddr, null);
        case "RA4", "RA6", "RA42", "RA62" -> address(k, value, vo, vl, raddr, rkw);
        case "APP" -> program = value;
        case "SVC" -> service = value;
        case "NAME" -> name = value;
        case "DESC" -> description = value;
        case "EMBEDCTXT" -> group = value;
        default -> {
          if (DESCRIPTIVE.contains(k)) {
            return;
          }
          String what = HOST_CONDITIONS.get(k);
          if (what != null) {
            if (k.startsWith("ICMP")) {
              int want = k.equals("ICMP4") ? 1 : 58;
              if (protocol != want) {
                invalid(from, to - from, key + " needs Protocol=" + want,
                    "ICMP types go with Protocol=1 (ICMPv4) or 58 (ICMPv6) (3.4 rule 2)");
                return;
              }
            }
            other.add(what + " " + key + "=" + clip(value));
            return;
          }
          other.add("unknown condition " + key + "=" + clip(value));
          unreadable(from, to - from,
              "token '" + clip(key) + "' is not one this reader knows"
                  + (newer ? " (the rule string is v" + v[0] + "." + v[1] + ", newer than v2."
                      + NEWEST_MINOR + ")" : "")
                  + "; it may narrow what the rule matches, so the rule is read as depending on it",
              "lint reads the rule as matching or not as the host decides; check the rule on the host"
                  + " with Get-NetFirewallRule");
        }
      }
    }

    private void port(String k, String value, int vo, int vl, List<PortRange> ranges,
        Set<PortKeyword> keys, boolean local) {
      // 3.4 rule 2: ports only after Protocol=6 or 17.
      if (protocol != 6 && protocol != 17) {
        invalid(vo, vl, k.charAt(0) == 'L' ? "local port '" + clip(value) + "' on "
                + protocolText() + " (ports only go with TCP or UDP)"
                : "remote port '" + clip(value) + "' on " + protocolText()
                    + " (ports only go with TCP or UDP)",
            "a port token must follow Protocol=6 or Protocol=17 (windows-semantics.md 3.4 rule 2)");
        return;
      }
      PortKeyword kw = portKeyword(value, local);
      if (kw != null) {
        keys.add(kw);
        return;
      }
      int dash = value.indexOf('-');
      int a;
      int b;
      if (dash > 0) {
        a = digits(value, 0, dash);
        b = digits(value, dash + 1, value.length());
      } else {
        a = digits(value, 0, value.length());
        b = a;
      }
      if (a < 0 || b < 0 || a > PortRange.MAX_PORT || b > PortRange.MAX_PORT || b < a) {
        invalid(vo, vl, "port '" + clip(value) + "' is not a port 0-65535, a range a-b or a keyword"
                + " of " + k,
            "write a port such as 135, a range in " + (local ? "LPort2_10" : "RPort2_10")
                + " such as 5001-5021, or a keyword");
        return;
      }
      ranges.add(PortRange.of(a, b));
    }

    private String protocolText() {
      return protocol == WfasRule.ANY_PROTOCOL ? "any protocol (no Protocol= before it)"
          : "protocol " + protocol;
    }

    /** The port keyword a value names (3.3, 3.5), or null. */
    private static PortKeyword portKeyword(String value, boolean local) {
      String v = value.toLowerCase(Locale.ROOT);
      if (local) {
        return switch (v) {
          case "rpc" -> PortKeyword.RPC;
          case "rpc-epmap" -> PortKeyword.RPC_EPMAP;
          case "teredo" -> PortKeyword.TEREDO;
          case "iptlsin", "iphttpsin" -> PortKeyword.IPHTTPS_IN;
          case "dhcp" -> PortKeyword.DHCP;
          case "ply2disc" -> PortKeyword.PLAY_TO_DISCOVERY;
          case "mdns" -> PortKeyword.MDNS;
          case "tcpcdpsvc" -> PortKeyword.PROXIMAL_TCP_CDP;
          default -> null;
        };
      }
      return switch (v) {
        case "iptlsout", "iphttpsout" -> PortKeyword.IPHTTPS_OUT;
        case "cortanaout" -> PortKeyword.CORTANA_OUT;
        default -> null;
      };
    }

    private void address(String k, String value, int vo, int vl, List<IpRange> into,
        Set<AddressKeyword> keywords) {
      if (keywords != null) {
        AddressKeyword kw = addressKeyword(value);
        if (kw != null) {
          keywords.add(kw);
          return;
        }
      }
      if (k.equals("RA42") || k.equals("RA62")) {
        invalid(vo, vl, "'" + clip(value) + "' is not a keyword of " + k,
            "RA42/RA62 hold IntrAnet, IntErnet, Ply2Renders, RmtIntrAnet or CaptivePortal (3.3)");
        return;
      }
      AddressEntries.Parsed p = AddressEntries.parse(value);
      if (p instanceof AddressEntries.Bad bad) {
        invalid(vo, vl, k + " '" + clip(value) + "': " + bad.message(), bad.hint());
        return;
      }
      AddressEntries.Ok ok = (AddressEntries.Ok) p;
      IpFamily want = k.endsWith("4") ? IpFamily.IPV4 : IpFamily.IPV6;
      IpRange range = ok.range();
      if (range.first().family() != want) {
        invalid(vo, vl, k + " holds '" + clip(value) + "', an address of the other family",
            "IPv4 addresses go in " + k.charAt(0) + "A4, IPv6 in " + k.charAt(0) + "A6");
        return;
      }
      Optional<String> refusal = ok.windowsRefusal();
      if (refusal.isPresent()) {
        invalid(vo, vl, k + " '" + clip(value) + "': " + refusal.get(),
            "write an address Windows accepts (windows-semantics.md 1.1, 3.4 rule 4)");
        return;
      }
      into.add(range);
    }

    /** The remote address keyword of 3.3 ({@code RA4}/{@code RA6}; {@code RA42}/{@code RA62}). */
    private static AddressKeyword addressKeyword(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "localsubnet" -> AddressKeyword.LOCAL_SUBNET;
        case "dns" -> AddressKeyword.DNS;
        case "dhcp" -> AddressKeyword.DHCP;
        case "wins" -> AddressKeyword.WINS;
        case "defaultgateway" -> AddressKeyword.DEFAULT_GATEWAY;
        case "intranet" -> AddressKeyword.INTRANET;
        case "internet" -> AddressKeyword.INTERNET;
        case "ply2renders" -> AddressKeyword.PLAY_TO_DEVICE;
        case "rmtintranet" -> AddressKeyword.REMOTE_INTRANET;
        case "captiveportal" -> AddressKeyword.CAPTIVE_PORTAL;
        default -> null;
      };
    }
  }

  /** At most 80 chars of {@code s}, for messages. */
  static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
