package dev.rpcwall.emit.host.netsh;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of one {@code netsh advfirewall firewall} rule while a command builds it: {@code add
 * rule} starts from netsh's defaults (windows-semantics.md 1.1), {@code set rule ... new} from the
 * rule the host has. Each {@code keyword=value} is applied in turn; a value Windows refuses makes
 * the command refused ({@link #refusal}); a value that uses a variable the script never set makes
 * the field unknown: {@code any} (or the default) plus an entry in {@link
 * WfasRule#otherConditions} naming it, and a note.
 */
final class RuleFields {
  /** Every parameter {@code add rule} takes (1.1; {@code rmtmachgrp} is the older spelling). */
  static final Set<String> ADD_KEYS =
      Set.of("name", "dir", "action", "protocol", "localport", "remoteport", "localip", "remoteip",
          "profile", "description", "enable", "program", "service", "interfacetype", "edge",
          "security", "rmtcomputergrp", "rmtusrgrp", "rmtmachgrp");

  String name;
  String id;
  Optional<String> group = Optional.empty();
  Optional<String> description = Optional.empty();
  Direction direction;
  RuleAction action;
  int protocol = WfasRule.ANY_PROTOCOL;
  PortCondition localPorts = PortCondition.ANY;
  PortCondition remotePorts = PortCondition.ANY;
  /** A port parameter was written (even {@code any}: 1.2 rule 1 refuses it without tcp/udp). */
  boolean portsGiven;
  AddressCondition localIp = AddressCondition.ANY;
  AddressCondition remoteIp = AddressCondition.ANY;
  Set<Profile> profiles = Set.of();
  boolean enabled = true;
  Optional<String> program = Optional.empty();
  Optional<String> service = Optional.empty();
  String edge = "no";
  String security = "notrequired";
  boolean remoteGroups;
  /** Conditions with no field, keyed by the parameter they come from (replaced when it is set again). */
  final Map<String, String> other = new LinkedHashMap<>();
  /** Why Windows refuses the command, or null. */
  String refusal;
  SourceSpan refusedAt;

  static RuleFields fresh() {
    return new RuleFields();
  }

  static RuleFields of(WfasRule r) {
    RuleFields f = new RuleFields();
    f.name = r.displayName();
    f.id = r.id();
    f.group = r.group();
    f.description = r.description();
    f.direction = r.direction();
    f.action = r.action();
    f.protocol = r.protocol();
    f.localPorts = r.localPorts();
    f.remotePorts = r.remotePorts();
    f.portsGiven = !r.localPorts().any() || !r.remotePorts().any();
    f.localIp = r.localAddresses();
    f.remoteIp = r.remoteAddresses();
    f.profiles = r.profiles();
    f.enabled = r.enabled();
    f.program = r.program();
    f.service = r.service();
    int i = 0;
    for (String c : r.otherConditions()) {
      int eq = c.indexOf('=');
      String key = eq > 0 && ADD_KEYS.contains(c.substring(0, eq)) ? c.substring(0, eq) : "#" + i;
      f.other.put(key, c);
      i++;
    }
    return f;
  }

  private void refuse(Arg at, String message) {
    if (refusal == null) {
      refusal = message;
      refusedAt = at.span();
    }
  }

  /**
   * Applies {@code key=value} ({@code key} lower case, one of {@link #ADD_KEYS}). A value with a
   * variable the script never set makes the field unknown (see the class comment).
   */
  void apply(String key, Arg value, List<HostNote> notes) {
    other.remove(key);
    if (!value.known()) {
      unknown(key, value, notes);
      return;
    }
    String v = value.text();
    String lower = value.lower();
    try {
      switch (key) {
        case "name" -> {
          // windows-semantics.md 1.2 rule 5.
          if (v.isEmpty() || v.trim().equalsIgnoreCase("all") || v.indexOf('|') >= 0) {
            refuse(value, "a rule name must not be empty, 'all', or contain '|'"
                + " (windows-semantics.md 1.2 rule 5)");
          }
          name = v;
          if (id == null) {
            id = v; // a rename (set rule ... new name=) keeps the rule's ID (1.3)
          }
        }
        case "dir" -> {
          switch (lower) {
            case "in" -> direction = Direction.IN;
            case "out" -> direction = Direction.OUT;
            default -> refuse(value, "dir= must be in or out, not '" + v + "'");
          }
        }
        case "action" -> {
          switch (lower) {
            case "allow" -> action = RuleAction.ALLOW;
            case "block" -> action = RuleAction.BLOCK;
            case "bypass" -> action = RuleAction.BYPASS;
            default -> refuse(value, "action= must be allow, block or bypass, not '" + v + "'");
          }
        }
        case "protocol" -> {
          protocol = Values.protocol(v);
          int colon = v.indexOf(':');
          if (colon >= 0) {
            // icmpv4:type,code (1.1): the type and code are a condition with no field here.
            other.put("protocol", "protocol=" + v + ": only these ICMP types and codes");
          }
        }
        case "localport" -> {
          localPorts = Values.ports(v, true, false);
          portsGiven = true;
        }
        case "remoteport" -> {
          remotePorts = Values.ports(v, false, false);
          portsGiven = true;
        }
        case "localip" -> localIp = Values.addresses(v, false, false);
        case "remoteip" -> remoteIp = Values.addresses(v, true, false);
        case "profile" -> profiles = Values.profiles(v);
        case "enable" -> {
          switch (lower) {
            case "yes" -> enabled = true;
            case "no" -> enabled = false;
            default -> refuse(value, "enable= must be yes or no, not '" + v + "'");
          }
        }
        case "description" -> description = v.isEmpty() ? Optional.empty() : Optional.of(v);
        case "program" -> program = v.isEmpty() || lower.equals("any") ? Optional.empty() : Optional.of(v);
        // service=any means "services only" (windows-semantics.md 1.1, C11): kept as written.
        case "service" -> service = v.isEmpty() ? Optional.empty() : Optional.of(v);
        case "interfacetype" -> {
          if (!Set.of("any", "wireless", "lan", "ras").containsAll(List.of(lower.split(",", -1)))) {
            refuse(value, "interfacetype= must be wireless, lan, ras or any, not '" + v + "'");
          } else if (!lower.equals("any")) {
            other.put("interfacetype", "interfacetype=" + v + ": only on these interface types");
          }
        }
        case "edge" -> {
          if (!Set.of("yes", "no", "deferapp", "deferuser").contains(lower)) {
            refuse(value, "edge= must be yes, deferapp, deferuser or no, not '" + v + "'");
          }
          edge = lower;
        }
        case "security" -> {
          if (!Set.of("authenticate", "authenc", "authdynenc", "authnoencap", "notrequired")
              .contains(lower)) {
            refuse(value, "security= must be authenticate, authenc, authdynenc, authnoencap or"
                + " notrequired, not '" + v + "'");
          }
          security = lower;
          if (!lower.equals("notrequired")) {
            other.put("security", "security=" + v + ": only connections IPsec authenticates");
          }
        }
        case "rmtcomputergrp", "rmtusrgrp", "rmtmachgrp" -> {
          remoteGroups = true;
          other.put(key, key + "=" + v + ": only these authenticated computers or users");
        }
        default -> refuse(value, "'" + key + "=' is not a parameter of this command");
      }
    } catch (Values.Refused e) {
      refuse(value, e.getMessage());
    }
  }

  private void unknown(String key, Arg value, List<HostNote> notes) {
    String vars = value.refs();
    String what;
    switch (key) {
      case "name" -> {
        name = value.text();
        id = value.text();
        what = "the rule's name is kept as written";
      }
      case "dir" -> {
        direction = Direction.IN;
        what = "the rule is read as inbound";
      }
      case "action" -> {
        action = RuleAction.ALLOW;
        what = "the rule is read as an allow rule that may apply";
      }
      case "protocol" -> {
        protocol = WfasRule.ANY_PROTOCOL;
        what = "read as any protocol";
      }
      case "localport" -> {
        localPorts = PortCondition.ANY;
        what = "read as any port";
      }
      case "remoteport" -> {
        remotePorts = PortCondition.ANY;
        what = "read as any port";
      }
      case "localip" -> {
        localIp = AddressCondition.ANY;
        what = "read as any address";
      }
      case "remoteip" -> {
        remoteIp = AddressCondition.ANY;
        what = "read as any address";
      }
      case "profile" -> {
        profiles = Set.of();
        what = "read as every profile";
      }
      case "enable" -> {
        enabled = true;
        what = "read as enabled";
      }
      case "program" -> {
        program = Optional.empty();
        what = "read as any program";
      }
      case "service" -> {
        service = Optional.empty();
        what = "read as any service";
      }
      case "description" -> {
        description = Optional.of(value.text());
        what = "kept as written";
      }
      default -> what = "read as its default";
    }
    if (!key.equals("name") && !key.equals("description")) {
      other.put(key, key + "=" + value.text() + ": not known (" + vars + " no value the script sets)");
    }
    notes.add(
        HostNote.unreadable(
            value.span(),
            value.refs() + " in " + key + "= has no value the script"
                + " sets, so its value is not known: " + what,
            "set the variable in the script before this line, or write the value"));
  }

  /**
   * The checks Windows makes on the whole rule (1.2); the first failure is the {@link #refusal}.
   * {@code at} is where a combination is reported.
   */
  void check(Arg at) {
    boolean rpc = localPorts.keywords().contains(PortKeyword.RPC)
        || localPorts.keywords().contains(PortKeyword.RPC_EPMAP);
    boolean knownProtocol = !other.containsKey("protocol") || !other.get("protocol").contains("not known");
    if (portsGiven && knownProtocol && !Values.takesPorts(protocol)) {
      refuse(at, "ports can only be given with protocol=tcp or protocol=udp; netsh rejects this"
          + " rule (windows-semantics.md 1.2 rule 1)");
    }
    if (rpc && knownProtocol && (protocol != Protocol.TCP.number() || direction != Direction.IN)) {
      refuse(at, "localport=RPC and RPC-EPMap need protocol=tcp and dir=in; netsh rejects this rule"
          + " (windows-semantics.md 1.2 rule 2)");
    }
    if (!edge.equals("no") && direction == Direction.OUT) {
      refuse(at, "edge= is for inbound rules only (windows-semantics.md 1.2 rule 3)");
    }
    if (security.equals("authdynenc") && direction == Direction.OUT) {
      refuse(at, "security=authdynenc is for inbound rules only (windows-semantics.md 1.2 rule 3)");
    }
    if (remoteGroups && security.equals("notrequired")) {
      refuse(at, "rmtcomputergrp= and rmtusrgrp= need security=authenticate or another"
          + " authentication value (windows-semantics.md 1.2 rule 4)");
    }
    if (action == RuleAction.BYPASS
        && (security.equals("notrequired") || direction == Direction.OUT
            || !other.containsKey("rmtcomputergrp") && !other.containsKey("rmtmachgrp"))) {
      refuse(at, "action=bypass needs dir=in, an authentication security= and rmtcomputergrp="
          + " (windows-semantics.md 1.2 rule 4)");
    }
  }

  WfasRule build(SourceSpan origin) {
    return new WfasRule(
        id == null ? name : id, name, group, description, direction, action, protocol, localPorts,
        remotePorts, localIp, remoteIp, profiles, enabled, program, service, origin,
        new ArrayList<>(other.values()));
  }

  static String lowerKey(String key) {
    return key.toLowerCase(Locale.ROOT);
  }
}
