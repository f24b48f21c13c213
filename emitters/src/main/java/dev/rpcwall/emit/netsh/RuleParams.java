package dev.rpcwall.emit.netsh;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressEntries;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.ProtocolNames;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.emit.netsh.BatchParser.Exec;
import dev.rpcwall.emit.netsh.BatchParser.Tok;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code keyword=value} parameters of {@code netsh advfirewall firewall add|delete rule}
 * (windows-semantics.md 1.1), read into a {@link WfasRule}. Keywords and enumerated values are
 * case-insensitive; names and descriptions keep their case.
 */
final class RuleParams {
  private static final Set<String> ADD_KEYS =
      Set.of("name", "dir", "action", "protocol", "localport", "remoteport", "localip", "remoteip",
          "profile", "description", "enable", "program", "service", "interfacetype", "edge",
          "security", "rmtcomputergrp", "rmtusrgrp", "rmtmachgrp");

  private static final Set<String> DELETE_KEYS =
      Set.of("name", "dir", "profile", "program", "service", "localip", "remoteip", "localport",
          "remoteport", "protocol");

  private final Diagnostics diags;
  private final boolean delayedExpansion;
  private boolean ok = true;

  RuleParams(Diagnostics diags, boolean delayedExpansion) {
    this.diags = diags;
    this.delayedExpansion = delayedExpansion;
  }

  /**
   * Splits {@code keyword=value} arguments. Only {@code supported} keywords are read; other known
   * keywords are reported as not read. Null when something could not be read.
   */
  Map<String, Tok> parse(List<Tok> params, Set<String> supported, boolean delete) {
    return parse(params, supported, delete, Set.of());
  }

  /**
   * As {@link #parse(List, Set, boolean)}, but the values of {@code hostDependent} keywords may use
   * variables; the caller handles such a value (its {@link Tok#variable()} is set).
   */
  Map<String, Tok> parse(
      List<Tok> params, Set<String> supported, boolean delete, Set<String> hostDependent) {
    Map<String, Tok> out = new LinkedHashMap<>();
    Set<String> known = delete ? DELETE_KEYS : ADD_KEYS;
    for (int i = 0; i < params.size(); i++) {
      Tok t = params.get(i);
      String text = t.text();
      int eq = text.indexOf('=');
      if (eq <= 0) {
        boolean spaced =
            (eq < 0 && i + 1 < params.size() && params.get(i + 1).text().startsWith("="))
                || (eq == 0 && i > 0);
        if (spaced || (eq < 0 && known.contains(t.lower()))) {
          // netsh receives 'name', '=' and 'value' as separate arguments; whether it joins them
          // is not documented (UNCONFIRMED), so the value is not guessed.
          error(Codes.NETSH_READ_SYNTAX, t, "spaces around '=' are not read",
              "write keyword=value without spaces");
        } else {
          error(Codes.NETSH_READ_PARAMETER, t, "expected keyword=value, found '" + text + "'", null);
        }
        return null;
      }
      String key = text.substring(0, eq).toLowerCase(java.util.Locale.ROOT);
      String value = text.substring(eq + 1);
      Tok v = new Tok(value, t.span(), t.variable(), t.raw());
      if (!known.contains(key)) {
        error(Codes.NETSH_READ_PARAMETER, t, "unknown parameter '" + key + "'", null);
        return null;
      }
      if (!supported.contains(key)) {
        error(Codes.NETSH_READ_DELETE, t, "'" + key + "=' in delete rule is not read",
            "delete rules by name= (and dir=) only");
        return null;
      }
      if (out.containsKey(key)) {
        error(Codes.NETSH_READ_DUPLICATE, t, "'" + key + "=' is given twice", null);
        return null;
      }
      if (v.variable() && !hostDependent.contains(key)) {
        error(Codes.NETSH_READ_VARIABLE, t,
            "the value of '" + key + "=' uses a variable whose value is only known on the host",
            "write %% for a literal %");
        return null;
      }
      if (delayedExpansion && value.indexOf('!') >= 0) {
        error(Codes.NETSH_READ_VARIABLE, t,
            "'!' is expanded under setlocal EnableDelayedExpansion; the value is not known",
            "turn delayed expansion off");
        return null;
      }
      out.put(key, v);
    }
    return out;
  }

  Optional<WfasRule> add(Exec e, List<Tok> params) {
    Map<String, Tok> p = parse(params, ADD_KEYS, false);
    if (p == null) {
      return Optional.empty();
    }
    for (String required : List.of("name", "dir", "action")) {
      if (!p.containsKey(required)) {
        // windows-semantics.md 1.1: name, dir and action are required.
        diags.error(Codes.NETSH_READ_MISSING, e.span(), "add rule needs " + required + "=");
        ok = false;
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    Tok nameTok = p.get("name");
    String name = nameTok.text();
    if (name.isEmpty() || name.trim().equalsIgnoreCase("all") || name.indexOf('|') >= 0) {
      // windows-semantics.md 1.2 rule 5.
      error(Codes.NETSH_READ_VALUE, nameTok, "a rule name must not be empty, 'all', or contain '|'",
          null);
    }
    asciiOnly(nameTok);
    Optional<Direction> dir = direction(p.get("dir"));
    RuleAction action = action(p.get("action"));
    int protocol = p.containsKey("protocol") ? protocol(p.get("protocol")) : WfasRule.ANY_PROTOCOL;
    PortCondition local = p.containsKey("localport") ? ports(p.get("localport"), true) : PortCondition.ANY;
    PortCondition remote = p.containsKey("remoteport") ? ports(p.get("remoteport"), false) : PortCondition.ANY;
    AddressCondition localIp = p.containsKey("localip") ? addresses(p.get("localip"), false) : AddressCondition.ANY;
    AddressCondition remoteIp = p.containsKey("remoteip") ? addresses(p.get("remoteip"), true) : AddressCondition.ANY;
    Set<Profile> profiles = p.containsKey("profile") ? profiles(p.get("profile")) : Set.of();
    boolean enabled = !p.containsKey("enable") || yesNo(p.get("enable"));
    Optional<String> description = text(p.get("description"));
    Optional<String> program = text(p.get("program"));
    Optional<String> service = text(p.get("service"));
    onlyDefault(p.get("interfacetype"), "any", "interface types");
    onlyDefault(p.get("edge"), "no", "edge traversal");
    onlyDefault(p.get("security"), "notrequired", "IPsec security");
    for (String k : List.of("rmtcomputergrp", "rmtusrgrp", "rmtmachgrp")) {
      if (p.containsKey(k)) {
        error(Codes.NETSH_READ_UNSUPPORTED, p.get(k), "'" + k + "=' (authorized computers and users)"
            + " is not in the rule model", null);
      }
    }
    if (!ok || dir.isEmpty()) {
      return Optional.empty();
    }
    boolean hasPorts = p.containsKey("localport") || p.containsKey("remoteport");
    if (hasPorts && !ProtocolNames.takesPorts(protocol)) {
      // windows-semantics.md 1.2 rule 1: netsh rejects the command.
      diags.error(Codes.NETSH_READ_COMBINATION, e.span(),
          "ports can only be given with protocol=tcp or protocol=udp; netsh rejects this rule");
      return Optional.empty();
    }
    boolean rpc = local.keywords().contains(PortKeyword.RPC)
        || local.keywords().contains(PortKeyword.RPC_EPMAP);
    if (rpc && (protocol != Protocol.TCP.number() || dir.get() != Direction.IN)) {
      // windows-semantics.md 1.2 rule 2.
      diags.error(Codes.NETSH_READ_COMBINATION, p.get("localport").span(),
          "localport=RPC and RPC-EPMap need protocol=tcp and dir=in; netsh rejects this rule");
      return Optional.empty();
    }
    if (action == RuleAction.BYPASS) {
      // windows-semantics.md 1.2 rule 4: bypass needs security= and rmtcomputergrp=.
      diags.error(Codes.NETSH_READ_COMBINATION, p.get("action").span(),
          "action=bypass needs security= and rmtcomputergrp=, which are not in the rule model");
      return Optional.empty();
    }
    return Optional.of(
        new WfasRule(name, name, Optional.empty(), description, dir.get(), action, protocol, local,
            remote, localIp, remoteIp, profiles, enabled, program, service, e.span()));
  }

  Optional<Direction> direction(Tok t) {
    return switch (t.lower()) {
      case "in" -> Optional.of(Direction.IN);
      case "out" -> Optional.of(Direction.OUT);
      default -> {
        error(Codes.NETSH_READ_VALUE, t, "dir= must be in or out", null);
        yield Optional.empty();
      }
    };
  }

  private RuleAction action(Tok t) {
    return switch (t.lower()) {
      case "allow" -> RuleAction.ALLOW;
      case "block" -> RuleAction.BLOCK;
      case "bypass" -> RuleAction.BYPASS;
      default -> {
        error(Codes.NETSH_READ_VALUE, t, "action= must be allow, block or bypass", null);
        yield RuleAction.BLOCK;
      }
    };
  }

  private int protocol(Tok t) {
    String v = t.lower();
    if (v.startsWith("icmpv4:") || v.startsWith("icmpv6:")) {
      error(Codes.NETSH_READ_UNSUPPORTED, t, "ICMP types and codes are not in the rule model", null);
      return WfasRule.ANY_PROTOCOL;
    }
    int number = ProtocolNames.number(v);
    if (number >= 0) {
      return number;
    }
    // windows-semantics.md 1.1: other protocol names are UNCONFIRMED, so they are not read.
    error(Codes.NETSH_READ_VALUE, t,
        "protocol= must be tcp, udp, icmpv4, icmpv6, any or a number 0-255", null);
    return WfasRule.ANY_PROTOCOL;
  }

  private PortCondition ports(Tok t, boolean local) {
    String v = t.text();
    if (v.equalsIgnoreCase("any")) {
      return PortCondition.ANY;
    }
    List<PortRange> ranges = new ArrayList<>();
    Set<PortKeyword> keywords = EnumSet.noneOf(PortKeyword.class);
    for (String item : v.split(",", -1)) {
      Optional<PortKeyword> k = local ? NetshSyntax.localPortKeyword(item) : Optional.empty();
      if (k.isPresent()) {
        keywords.add(k.get());
        continue;
      }
      if (!item.matches("[0-9]{1,5}(-[0-9]{1,5})?")) {
        error(Codes.NETSH_READ_VALUE, t, "'" + item + "' is not a port, a range a-b"
            + (local ? ", RPC, RPC-EPMap, IPHTTPS or Teredo" : "") + " (a list has no spaces)",
            null);
        return PortCondition.ANY;
      }
      String[] parts = item.split("-");
      int lo = Integer.parseInt(parts[0]);
      int hi = parts.length > 1 ? Integer.parseInt(parts[1]) : lo;
      if (hi > PortRange.MAX_PORT || lo > hi) {
        error(Codes.NETSH_READ_VALUE, t, "bad port range '" + item + "'", null);
        return PortCondition.ANY;
      }
      ranges.add(PortRange.of(lo, hi));
    }
    return new PortCondition(false, PortSet.of(ranges), keywords);
  }

  private AddressCondition addresses(Tok t, boolean remote) {
    String v = t.text();
    if (v.equalsIgnoreCase("any")) {
      return AddressCondition.ANY;
    }
    // One pass over the list: each item is read in place (no split),
    // because a rule of the emitted scripts holds up to a few hundred items and a policy 100,000.
    AddressSet.Accumulator acc = new AddressSet.Accumulator(v.length() / 8 + 1);
    Set<AddressKeyword> keywords = EnumSet.noneOf(AddressKeyword.class);
    int from = 0;
    int entries = 0;
    while (true) {
      int comma = v.indexOf(',', from);
      int to = comma < 0 ? v.length() : comma;
      entries++;
      AddressKeyword k = NetshSyntax.addressKeyword(v, from, to);
      if (k != null) {
        if (!remote) {
          // MS-FASP 2.2.37: local address keywords MUST be 0 (windows-semantics.md 1.1, C7).
          error(Codes.NETSH_READ_VALUE, t, "keyword '" + v.substring(from, to)
              + "' is only allowed in remoteip=", null);
          return AddressCondition.ANY;
        }
        keywords.add(k);
      } else if (!address(v, from, to, t, acc)) {
        return AddressCondition.ANY;
      }
      if (comma < 0) {
        break;
      }
      from = comma + 1;
    }
    Optional<String> tooMany = AddressLimits.countViolation(entries);
    if (tooMany.isPresent()) {
      // Windows refuses the rule (AddressLimits); so does the reader.
      error(Codes.NETSH_READ_VALUE, t, tooMany.get(), null);
      return AddressCondition.ANY;
    }
    return new AddressCondition(false, acc.build(), keywords);
  }

  /**
   * One entry of the list (windows-semantics.md 1.1 address value forms), the chars {@code
   * from..to} of {@code v}, read by the one address parser ({@link AddressEntries}) and refused by
   * the same rule as every reader ({@link AddressEntries.Ok#windowsRefusal}); added to {@code acc}.
   * False when it is not read (reported). A dotted mask as netsh input is UNCONFIRMED
   * (windows-semantics.md 1.1); netsh prints it (1.4), and a contiguous mask has one meaning, so it
   * is read as that prefix.
   */
  private boolean address(String v, int from, int to, Tok t, AddressSet.Accumulator acc) {
    AddressEntries.Parsed parsed = AddressEntries.parse(v, from, to);
    if (parsed instanceof AddressEntries.Bad bad) {
      error(Codes.NETSH_READ_VALUE, t, "'" + v.substring(from, to) + "': " + bad.message(),
          bad.hint());
      return false;
    }
    AddressEntries.Ok ok = (AddressEntries.Ok) parsed;
    Optional<String> refused = ok.windowsRefusal();
    if (refused.isPresent()) {
      String code = ok.hostBitsMeant().isPresent() && AddressLimits.violation(ok.entry()).isEmpty()
          ? Codes.NETSH_READ_HOST_BITS
          : Codes.NETSH_READ_VALUE;
      error(code, t, "'" + v.substring(from, to) + "': " + refused.get(), null);
      return false;
    }
    acc.add(ok.range());
    return true;
  }

  private Set<Profile> profiles(Tok t) {
    Set<Profile> out = EnumSet.noneOf(Profile.class);
    boolean any = false;
    for (String item : t.lower().split(",", -1)) {
      switch (item) {
        case "domain" -> out.add(Profile.DOMAIN);
        case "private" -> out.add(Profile.PRIVATE);
        case "public" -> out.add(Profile.PUBLIC);
        case "any" -> any = true;
        default -> {
          error(Codes.NETSH_READ_VALUE, t, "profile= takes domain, private, public or any", null);
          return Set.of();
        }
      }
    }
    return any ? Set.of() : out;
  }

  private boolean yesNo(Tok t) {
    return switch (t.lower()) {
      case "yes" -> true;
      case "no" -> false;
      default -> {
        error(Codes.NETSH_READ_VALUE, t, "enable= must be yes or no", null);
        yield true;
      }
    };
  }

  private Optional<String> text(Tok t) {
    if (t == null) {
      return Optional.empty();
    }
    if (t.text().indexOf('|') >= 0) {
      // MS-FASP 2.2.37 forbids '|' (windows-semantics.md 1.2 rule 5).
      error(Codes.NETSH_READ_VALUE, t, "'|' is not allowed here", null);
    }
    asciiOnly(t);
    return Optional.of(t.text());
  }

  private void asciiOnly(Tok t) {
    if (!t.text().chars().allMatch(c -> c < 0x80)) {
      diags.warning(Codes.NETSH_READ_NON_ASCII, t.span(),
          "non-ASCII text: cmd.exe reads .cmd files in the OEM code page, so the text on the host"
              + " depends on it");
    }
  }

  private void onlyDefault(Tok t, String allowed, String what) {
    if (t != null && !t.lower().equals(allowed)) {
      error(Codes.NETSH_READ_UNSUPPORTED, t, what + " other than '" + allowed
          + "' is not in the rule model", null);
    }
  }

  private void error(String code, Tok t, String message, String hint) {
    ok = false;
    diags.error(code, t.span(), message, hint);
  }
}
