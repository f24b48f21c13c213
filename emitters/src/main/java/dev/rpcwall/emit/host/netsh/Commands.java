package dev.rpcwall.emit.host.netsh;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.host.ProfileSetting;
import dev.rpcwall.compiler.host.RegistryValue;
import dev.rpcwall.compiler.host.RegistryWrites;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.TargetChecks;
import dev.rpcwall.emit.host.netsh.Params.Param;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one command of a script does to a host, after cmd.exe has expanded and split it: {@code
 * netsh advfirewall firewall add|set|delete rule}, {@code netsh advfirewall set <profile>}, the
 * legacy {@code netsh firewall} context, {@code reg add|delete} and {@code winmgmt}. A command
 * Windows refuses adds nothing and is an {@code invalid-rule} note; one whose effect is not known
 * is an {@code unreadable} note. Never throws.
 */
final class Commands {
  private final HostState host;
  private final List<HostNote> notes;

  Commands(HostState host, List<HostNote> notes) {
    this.host = host;
    this.notes = notes;
  }

  /** Commands with no effect on the firewall, the RPC settings or WMI. */
  private static final Set<String> HARMLESS =
      Set.of("echo", "rem", "pause", "cls", "title", "color", "setlocal", "endlocal", "ping",
          "timeout", "cd", "chdir", "pushd", "popd", "choice", "ver", "whoami", "hostname",
          "fltmc", "net", "sc", "ipconfig", "type", "find", "findstr", "more", "sort", "mode",
          "prompt", "chcp", "verify", "vol", "date", "time", "exit", "goto", "shift", "msg",
          "mkdir", "md", "copy", "xcopy", "robocopy", "del", "erase", "move", "ren", "rename",
          "attrib", "schtasks", "waitfor", "logger", "eventcreate", "start", "taskkill", "tasklist",
          "gpupdate", "shutdown", "sleep", "nul", "break", "route", "arp", "nbtstat",
          "netstat", "sfc", "dism", "wmic", "icacls", "cacls", "takeown", "if", "for");

  void run(String name, Arg nameArg, List<Arg> args, SourceSpan span) {
    switch (name) {
      case "netsh" -> netsh(args, span);
      case "reg" -> reg(args, span);
      case "winmgmt" -> winmgmt(args, span);
      case "powershell", "pwsh", "cscript", "wscript", "regedit", "regini", "mshta", "cmd" ->
          unreadable(nameArg.span(), "'" + nameArg.text() + "' runs other code whose effect on the"
              + " firewall is not read", "give that script as its own input");
      default -> {
        if (!HARMLESS.contains(name) && !name.isEmpty()) {
          unreadable(nameArg.span(), "'" + nameArg.text() + "' is not read: its effect on the"
              + " firewall is not known", "keep firewall changes in netsh or reg commands");
        }
      }
    }
  }

  private void unreadable(SourceSpan at, String message, String hint) {
    notes.add(HostNote.unreadable(at, message, hint));
  }

  private void invalid(SourceSpan at, String message) {
    notes.add(HostNote.invalidRule(at, message + "; the command adds nothing",
        "fix the command: netsh refuses it as written"));
  }

  private static boolean prefix(String text, String word, int min) {
    return text.length() >= Math.min(min, word.length()) && word.startsWith(text);
  }

  // netsh
  // =====

  private void netsh(List<Arg> args, SourceSpan span) {
    if (args.isEmpty()) {
      unreadable(span, "interactive netsh is not read", "give the commands on the netsh line");
      return;
    }
    int i = 0;
    // netsh [-a AliasFile] [-c Context] [-r RemoteMachine] [-u user] [-p pw] [-f ScriptFile].
    while (i < args.size() && (args.get(i).text().startsWith("-") || args.get(i).text().startsWith("/"))) {
      String o = args.get(i).lower();
      if (o.equals("-r") || o.equals("/r")) {
        unreadable(args.get(i).span(), "netsh -r changes another computer; the command is not read"
            + " for this host", "lint the other computer's own inputs");
        return;
      }
      if (o.equals("-f") || o.equals("/f")) {
        unreadable(args.get(i).span(), "netsh -f runs a netsh script file, which is not read here",
            "give that file as its own input");
        return;
      }
      if (o.equals("-c") || o.equals("-a") || o.equals("-u") || o.equals("-p")) {
        i++;
      }
      i++;
    }
    if (i >= args.size()) {
      return;
    }
    Arg context = args.get(i);
    String c = context.lower();
    if (!context.known()) {
      unreadable(context.span(), context.ref() + " has no value the script sets:"
          + " the netsh command is not known", "write the command out");
      return;
    }
    if (c.equals("firewall")) {
      legacy(args, i + 1, span);
      return;
    }
    if (prefix(c, "advfirewall", 4)) {
      advfirewall(args, i + 1, span);
      return;
    }
    if (c.equals("ipsec") || c.equals("rpc")) {
      unreadable(context.span(), "'netsh " + context.text() + "' is not read in a netsh script",
          "give the netsh ipsec commands as their own file");
    }
    // Other contexts (interface, http, wlan, winhttp, ...) do not change the firewall.
  }

  private void advfirewall(List<Arg> a, int i, SourceSpan span) {
    if (i >= a.size()) {
      unreadable(span, "interactive netsh advfirewall is not read", "give the whole command");
      return;
    }
    String sc = a.get(i).lower();
    if (prefix(sc, "show", 2) || prefix(sc, "export", 3) || prefix(sc, "dump", 2)
        || sc.equals("help") || sc.equals("?") || prefix(sc, "consec", 3)
        || prefix(sc, "mainmode", 4) || prefix(sc, "monitor", 3)) {
      return;
    }
    if (prefix(sc, "firewall", 4)) {
      firewall(a, i + 1, span);
    } else if (sc.equals("set")) {
      profileSet(a, i + 1, span);
    } else if (prefix(sc, "reset", 3)) {
      int removed = host.removeRules(r -> r.store() == HostStore.LOCAL);
      unreadable(a.get(i).span(), "'netsh advfirewall reset' puts back Windows' default rules and"
          + " settings; " + removed + " rules read so far were removed, the default rules are not"
          + " known here", "give an export of the host after the reset");
    } else if (prefix(sc, "import", 3)) {
      unreadable(a.get(i).span(), "'netsh advfirewall import' loads a .wfw file, which is not read"
          + " here", "give 'netsh advfirewall firewall show rule name=all verbose' of the host"
              + " after the import");
    } else {
      unreadable(a.get(i).span(), "'netsh advfirewall " + a.get(i).text() + "' is not read",
          "keep firewall changes in netsh advfirewall firewall commands");
    }
  }

  // netsh advfirewall set <profile> ... (windows-semantics.md 1.5)
  // ================================================================

  private void profileSet(List<Arg> a, int i, SourceSpan span) {
    if (i + 2 > a.size()) {
      invalid(span, "'netsh advfirewall set' needs a profile and a setting");
      return;
    }
    Arg which = a.get(i);
    Set<Profile> profiles;
    switch (which.lower()) {
      case "allprofiles" -> profiles = EnumSet.allOf(Profile.class);
      // The profile in force when the script runs is not known: every profile, the reading
      // that hides no exposure (windows-semantics.md 1.5 is silent on it).
      case "currentprofile" -> profiles = EnumSet.allOf(Profile.class);
      case "domainprofile" -> profiles = EnumSet.of(Profile.DOMAIN);
      case "privateprofile" -> profiles = EnumSet.of(Profile.PRIVATE);
      case "publicprofile" -> profiles = EnumSet.of(Profile.PUBLIC);
      case "global", "store", "logging" -> {
        return;
      }
      default -> {
        if (!which.known()) {
          unreadable(which.span(), which.ref() + " has no value the script sets:"
              + " which profile this changes is not known", "write the profile");
        } else {
          invalid(which.span(), "'" + which.text() + "' is not a profile of netsh advfirewall set");
        }
        return;
      }
    }
    if (i + 1 >= a.size()) {
      return;
    }
    Arg setting = a.get(i + 1);
    String s = setting.lower();
    Arg value = i + 2 < a.size() ? a.get(i + 2) : null;
    if (s.equals("state")) {
      if (value == null) {
        invalid(setting.span(), "'state' needs on, off or notconfigured");
        return;
      }
      if (!value.known()) {
        unreadable(value.span(), value.ref() + " has no value the script sets: the"
            + " firewall state is not known", "write on or off");
        return;
      }
      switch (value.lower()) {
        case "on" -> {
          for (Profile p : profiles) {
            ProfileSetting<ProfileState> now = host.profileStates().get(p);
            ProfileState next = now != null && now.value() == ProfileState.SHIELDED
                ? ProfileState.SHIELDED : ProfileState.ENFORCING;
            host.setProfileState(p, new ProfileSetting<>(next, span));
          }
        }
        case "off" -> {
          for (Profile p : profiles) {
            host.setProfileState(p, new ProfileSetting<>(ProfileState.FIREWALL_OFF, span));
          }
        }
        // Only meaningful in a Group Policy store (1.5); the local store keeps what it had.
        case "notconfigured" -> { }
        default -> invalid(value.span(), "'state " + value.text() + "' is not on, off or notconfigured");
      }
      return;
    }
    if (s.equals("firewallpolicy")) {
      if (value == null) {
        invalid(setting.span(), "'firewallpolicy' needs <inbound>,<outbound>");
        return;
      }
      if (!value.known()) {
        unreadable(value.span(), value.ref() + " has no value the script sets: the"
            + " default inbound action is not known", "write blockinbound,allowoutbound");
        return;
      }
      String v = value.lower();
      if (v.equals("notconfigured")) {
        return;
      }
      String[] parts = v.split(",", -1);
      String in = parts[0].trim();
      String out = parts.length > 1 ? parts[1].trim() : "";
      if (parts.length != 2 || !Set.of("blockinbound", "blockinboundalways", "allowinbound",
          "notconfigured").contains(in) || !Set.of("allowoutbound", "blockoutbound",
          "notconfigured").contains(out)) {
        invalid(value.span(), "'firewallpolicy " + value.text() + "' is not <blockinbound|"
            + "blockinboundalways|allowinbound>,<allowoutbound|blockoutbound>");
        return;
      }
      for (Profile p : profiles) {
        ProfileSetting<ProfileState> now = host.profileStates().get(p);
        ProfileState state = now == null ? ProfileState.ENFORCING : now.value();
        switch (in) {
          case "blockinbound" -> {
            host.setDefaultInbound(p, new ProfileSetting<>(Action.BLOCK, span));
            if (state == ProfileState.SHIELDED) {
              host.setProfileState(p, new ProfileSetting<>(ProfileState.ENFORCING, span));
            }
          }
          case "allowinbound" -> {
            host.setDefaultInbound(p, new ProfileSetting<>(Action.ALLOW, span));
            if (state == ProfileState.SHIELDED) {
              host.setProfileState(p, new ProfileSetting<>(ProfileState.ENFORCING, span));
            }
          }
          case "blockinboundalways" -> {
            // Blocks inbound even where a rule allows it (1.5): shields up.
            host.setDefaultInbound(p, new ProfileSetting<>(Action.BLOCK, span));
            if (state != ProfileState.FIREWALL_OFF) {
              host.setProfileState(p, new ProfileSetting<>(ProfileState.SHIELDED, span));
            }
          }
          default -> { }
        }
      }
      return;
    }
    // logging, settings, ...: no effect on what is reachable that lint models.
    if (s.equals("settings") && value != null && value.lower().equals("localfirewallrules")) {
      unreadable(setting.span(), "'settings localfirewallrules' only acts in a Group Policy store;"
          + " it is not read", "give the GPO's settings as a registry export");
    }
  }

  // netsh advfirewall firewall add|set|delete rule (windows-semantics.md 1.1, 1.3)
  // ============================================================================

  private void firewall(List<Arg> a, int i, SourceSpan span) {
    if (i >= a.size()) {
      unreadable(span, "interactive netsh advfirewall firewall is not read", "give the whole command");
      return;
    }
    Arg verb = a.get(i);
    String v = verb.lower();
    if (prefix(v, "show", 2) || v.equals("help") || v.equals("?")) {
      return;
    }
    if (i + 1 >= a.size() || !prefix(a.get(i + 1).lower(), "rule", 1)) {
      invalid(verb.span(), "'netsh advfirewall firewall " + verb.text() + "' needs 'rule' and its"
          + " parameters");
      return;
    }
    List<Param> params = Params.parse(a, i + 2);
    if (prefix(v, "add", 1)) {
      add(params, span);
    } else if (prefix(v, "delete", 3)) {
      delete(params, span);
    } else if (prefix(v, "set", 2)) {
      set(params, span);
    } else {
      invalid(verb.span(), "unknown command '" + verb.text() + "'");
    }
  }

  private boolean positionalsRead(List<Param> params) {
    boolean ok = true;
    for (Param p : params) {
      if (p.key() == null) {
        if (!p.value().known()) {
          unreadable(p.value().span(), p.value().ref() + " is not set in the"
              + " script: the parameters it holds are not known", "write the parameters out");
        } else {
          invalid(p.value().span(), "expected keyword=value, found '" + p.value().text() + "'");
        }
        ok = false;
      }
    }
    return ok;
  }

  private void add(List<Param> params, SourceSpan span) {
    RuleFields f = RuleFields.fresh();
    Set<String> seen = new java.util.HashSet<>();
    boolean unknownParams = false;
    for (Param p : params) {
      if (p.key() == null) {
        if (!p.value().known()) {
          unknownParams = true;
          f.other.put("#params", "parameters " + p.value().text() + ": not known ("
              + String.join(", ", p.value().unresolved()) + " no value the script sets)");
          unreadable(p.value().span(), p.value().ref() + " is not set in the"
              + " script: the parameters it holds are not known", "write the parameters out");
          continue;
        }
        invalid(p.value().span(), "expected keyword=value, found '" + p.value().text() + "'");
        return;
      }
      if (!RuleFields.ADD_KEYS.contains(p.key())) {
        invalid(p.at().span(), "'" + p.key() + "=' is not a parameter of add rule");
        return;
      }
      if (!seen.add(p.key())) {
        invalid(p.at().span(), "'" + p.key() + "=' is given twice");
        return;
      }
      f.apply(p.key(), p.value(), notes);
    }
    for (String required : List.of("name", "dir", "action")) {
      if (!seen.contains(required) && !unknownParams) {
        // windows-semantics.md 1.1: name, dir and action are required.
        invalid(span, "add rule needs " + required + "=");
        return;
      }
    }
    if (f.name == null) {
      f.name = "(name not known)";
      f.id = f.name;
    }
    if (f.direction == null) {
      f.direction = Direction.IN;
    }
    if (f.action == null) {
      f.action = RuleAction.ALLOW;
    }
    f.check(Arg.of("", span));
    if (f.refusal != null) {
      invalid(f.refusedAt, f.refusal);
      return;
    }
    host.addRule(new HostRule(f.build(span), HostStore.LOCAL));
  }

  /** The selector of set and delete (1.3): the rules it names, or null when it is not known. */
  private List<Integer> select(List<Param> selector, SourceSpan span, boolean allowGroup, String verb) {
    Arg name = null;
    Arg group = null;
    Map<String, Arg> filters = new LinkedHashMap<>();
    for (Param p : selector) {
      switch (p.key()) {
        case "name" -> name = p.value();
        case "group" -> {
          if (!allowGroup) {
            invalid(p.at().span(), "'group=' is not a parameter of delete rule");
            return null;
          }
          group = p.value();
        }
        case "dir", "profile", "program", "service", "localip", "remoteip", "localport",
            "remoteport", "protocol" -> filters.put(p.key(), p.value());
        default -> {
          invalid(p.at().span(), "'" + p.key() + "=' is not a parameter of " + verb + " rule");
          return null;
        }
      }
    }
    if ((name == null) == (group == null)) {
      invalid(span, verb + " rule needs name= (or, for set, group=)");
      return null;
    }
    Arg key = name != null ? name : group;
    if (!key.known()) {
      unreadable(key.span(), key.ref() + " has no value the script sets: which"
          + " rules this " + verb + " changes is not known, so none is changed",
          "write the rule's name");
      return null;
    }
    for (Arg f : filters.values()) {
      if (!f.known()) {
        unreadable(f.span(), f.ref() + " has no value the script sets: which"
            + " rules this " + verb + " changes is not known, so none is changed",
            "write the value");
        return null;
      }
    }
    List<Integer> out = new ArrayList<>();
    List<HostRule> rules = host.rules();
    try {
      Matcher m = new Matcher(filters);
      for (int k = 0; k < rules.size(); k++) {
        HostRule r = rules.get(k);
        if (r.store() != HostStore.LOCAL) {
          continue; // netsh changes the local store
        }
        WfasRule w = r.rule();
        boolean named;
        if (name != null) {
          // 'all' matches every rule (1.3). Whether names match without regard to case is
          // UNCONFIRMED (1.3); Windows compares most names that way, and so does this reader.
          named = name.lower().equals("all") || w.displayName().equalsIgnoreCase(name.text());
        } else {
          named = w.group().isPresent() && w.group().get().equalsIgnoreCase(group.text());
        }
        if (named && m.matches(w)) {
          out.add(k);
        }
      }
    } catch (Values.Refused e) {
      invalid(span, e.getMessage());
      return null;
    }
    return out;
  }

  /**
   * The filters of set and delete (1.3): a rule matches when each given field equals the rule's
   * (exact comparison of the parsed values; how netsh compares lists is UNCONFIRMED, and equality
   * is the reading that changes no rule by accident).
   */
  private static final class Matcher {
    private Direction dir;
    private Set<Profile> profiles;
    private Optional<String> program;
    private Optional<String> service;
    private AddressCondition localIp;
    private AddressCondition remoteIp;
    private PortCondition localPort;
    private PortCondition remotePort;
    private Integer protocol;

    Matcher(Map<String, Arg> filters) throws Values.Refused {
      for (Map.Entry<String, Arg> e : filters.entrySet()) {
        String v = e.getValue().text();
        switch (e.getKey()) {
          case "dir" -> {
            if (v.equalsIgnoreCase("in")) {
              dir = Direction.IN;
            } else if (v.equalsIgnoreCase("out")) {
              dir = Direction.OUT;
            } else {
              throw new Values.Refused("dir= must be in or out, not '" + v + "'");
            }
          }
          case "profile" -> profiles = Values.profiles(v);
          case "program" -> program = v.equalsIgnoreCase("any") ? Optional.empty() : Optional.of(v);
          case "service" -> service = Optional.of(v);
          case "localip" -> localIp = Values.addresses(v, false, false);
          case "remoteip" -> remoteIp = Values.addresses(v, true, false);
          case "localport" -> localPort = Values.ports(v, true, false);
          case "remoteport" -> remotePort = Values.ports(v, false, false);
          case "protocol" -> protocol = Values.protocol(v);
          default -> { }
        }
      }
    }

    boolean matches(WfasRule r) {
      return (dir == null || dir == r.direction())
          && (profiles == null || profiles.equals(r.profiles()))
          && (program == null || program.map(String::toLowerCase).equals(r.program().map(String::toLowerCase)))
          && (service == null || service.map(String::toLowerCase).equals(r.service().map(String::toLowerCase)))
          && (localIp == null || localIp.equals(r.localAddresses()))
          && (remoteIp == null || remoteIp.equals(r.remoteAddresses()))
          && (localPort == null || localPort.equals(r.localPorts()))
          && (remotePort == null || remotePort.equals(r.remotePorts()))
          && (protocol == null || protocol == r.protocol());
    }
  }

  private void delete(List<Param> params, SourceSpan span) {
    if (!positionalsRead(params)) {
      return;
    }
    List<Integer> which = select(params, span, false, "delete");
    if (which == null) {
      return;
    }
    // Deletes every matching rule (1.3); none matching is what idempotent scripts expect.
    for (int k = which.size() - 1; k >= 0; k--) {
      host.rules().remove((int) which.get(k));
    }
  }

  private void set(List<Param> params, SourceSpan span) {
    int newAt = -1;
    for (int k = 0; k < params.size(); k++) {
      Param p = params.get(k);
      if (p.key() == null && p.value().lower().equals("new")) {
        newAt = k;
        break;
      }
    }
    List<Param> selector = newAt < 0 ? params : params.subList(0, newAt);
    List<Param> changes = newAt < 0 ? List.of() : params.subList(newAt + 1, params.size());
    if (!positionalsRead(selector) || !positionalsRead(changes)) {
      return;
    }
    boolean byGroup = selector.stream().anyMatch(p -> p.key().equals("group"));
    for (Param p : changes) {
      if (!RuleFields.ADD_KEYS.contains(p.key())) {
        invalid(p.at().span(), "'" + p.key() + "=' is not a parameter of set rule ... new");
        return;
      }
      if (byGroup && !p.key().equals("enable")) {
        // 1.3 rule 4: a group can only be enabled or disabled.
        invalid(p.at().span(), "with group=, set rule only takes new enable=yes|no");
        return;
      }
    }
    List<Integer> which = select(selector, span, true, "set");
    if (which == null) {
      return;
    }
    if (which.isEmpty()) {
      // 1.3 rule 1: netsh fails when no rule matches; the host may have one no input gave.
      unreadable(span, "this set rule matches no rule read so far: it acts on a rule of the host"
          + " that no input gives (a built-in rule?), which is not known here",
          "give an export of the host's rules as an input before this script");
      return;
    }
    List<HostRule> rules = host.rules();
    List<WfasRule> changed = new ArrayList<>();
    for (int k : which) {
      RuleFields f = RuleFields.of(rules.get(k).rule());
      for (Param p : changes) {
        f.apply(p.key(), p.value(), notes);
      }
      f.check(Arg.of("", span));
      if (f.refusal != null) {
        invalid(f.refusedAt, f.refusal);
        return; // netsh changes none of them
      }
      // A rename changes nothing a packet meets: the rule keeps the line that made it, as the
      // strict reader has it; any other change makes the set line the rule's origin.
      boolean rename = changes.stream().allMatch(p -> p.key().equals("name"));
      changed.add(f.build(rename ? rules.get(k).rule().origin() : span));
    }
    for (int k = 0; k < which.size(); k++) {
      int at = which.get(k);
      rules.set(at, new HostRule(changed.get(k), rules.get(at).store()));
    }
  }

  // netsh firewall (Windows XP / Server 2003, still accepted by later Windows)
  // ========================================================================

  /**
   * The legacy context, mapped to the Windows Firewall rules it creates. windows-semantics.md
   * says nothing of this context beyond C14; its syntax is the netsh firewall help text ({@code
   * netsh firewall add portopening /?}): parameters by keyword or by position, {@code mode}
   * default ENABLE, {@code scope} default ALL, {@code profile} default CURRENT. Choices where the
   * reference is silent, each the reading that hides no exposure: CURRENT is every profile (the
   * profile in force when the script ran is not known); STANDARD is Private and Public (the
   * non-domain profiles it became); an exception is an inbound allow rule; {@code protocol=ALL}
   * is one rule for TCP and one for UDP; {@code interface=} is a condition with no field.
   */
  private void legacy(List<Arg> a, int i, SourceSpan span) {
    if (i + 1 >= a.size()) {
      if (i < a.size() && prefix(a.get(i).lower(), "show", 2)) {
        return;
      }
      unreadable(span, "incomplete netsh firewall command", "give the whole command");
      return;
    }
    String verb = a.get(i).lower();
    String what = a.get(i + 1).lower();
    if (prefix(verb, "show", 2) || verb.equals("dump")) {
      return;
    }
    List<Param> params = Params.parse(a, i + 2);
    switch (verb + " " + what) {
      case "add portopening" -> portOpening(params, span, false);
      case "set portopening" -> portOpening(params, span, true);
      case "delete portopening" -> deletePortOpening(params, span);
      case "add allowedprogram" -> allowedProgram(params, span, false);
      case "set allowedprogram" -> allowedProgram(params, span, true);
      case "delete allowedprogram" -> deleteAllowedProgram(params, span);
      case "set opmode" -> opmode(params, span);
      case "set service" -> service(params, span);
      case "set logging", "set notifications", "set icmpsetting", "set multicastbroadcastresponse" -> { }
      default -> unreadable(a.get(i).span(), "'netsh firewall " + a.get(i).text() + " "
          + a.get(i + 1).text() + "' is not read (it may enable built-in exceptions, which are not"
              + " known here)", "write the rules it stands for with netsh advfirewall firewall");
    }
  }

  /** Keyword and positional parameters in the legacy order {@code names}; null when refused. */
  private Map<String, Arg> legacyParams(List<Param> params, List<String> names, SourceSpan span) {
    Map<String, Arg> out = new LinkedHashMap<>();
    int next = 0;
    for (Param p : params) {
      String key = p.key();
      if (key == null) {
        while (next < names.size() && out.containsKey(names.get(next))) {
          next++;
        }
        if (next >= names.size()) {
          invalid(p.value().span(), "too many parameters: '" + p.value().text() + "'");
          return null;
        }
        key = names.get(next++);
      } else if (!names.contains(key)) {
        invalid(p.at().span(), "'" + key + "=' is not a parameter of this command");
        return null;
      }
      out.put(key, p.value());
    }
    for (Map.Entry<String, Arg> e : out.entrySet()) {
      if (!e.getValue().known()) {
        unreadable(e.getValue().span(), e.getValue().ref() + " in "
            + e.getKey() + "= has no value the script sets: the command is not read",
            "write the value");
        return null;
      }
    }
    return out;
  }

  private Set<Profile> legacyProfile(Arg p) {
    String v = p == null ? "current" : p.lower();
    return switch (v) {
      case "domain" -> EnumSet.of(Profile.DOMAIN);
      case "standard" -> EnumSet.of(Profile.PRIVATE, Profile.PUBLIC);
      case "all", "current" -> Set.of();
      default -> null;
    };
  }

  /** scope= and addresses= of an exception: the remote addresses it admits, or null if refused. */
  private AddressCondition legacyScope(Map<String, Arg> p) {
    String scope = p.containsKey("scope") ? p.get("scope").lower() : "all";
    switch (scope) {
      case "all" -> {
        return AddressCondition.ANY;
      }
      case "subnet" -> {
        return new AddressCondition(false, dev.rpcwall.compiler.semantics.AddressSet.empty(),
            Set.of(AddressKeyword.LOCAL_SUBNET));
      }
      case "custom" -> {
        Arg list = p.get("addresses");
        if (list == null) {
          invalid(p.get("scope").span(), "scope=CUSTOM needs addresses=");
          return null;
        }
        try {
          return Values.addresses(list.text(), true, true);
        } catch (Values.Refused e) {
          invalid(list.span(), e.getMessage());
          return null;
        }
      }
      default -> {
        invalid(p.get("scope").span(), "scope= must be ALL, SUBNET or CUSTOM");
        return null;
      }
    }
  }

  private Boolean legacyMode(Map<String, Arg> p) {
    String mode = p.containsKey("mode") ? p.get("mode").lower() : "enable";
    return switch (mode) {
      case "enable" -> Boolean.TRUE;
      case "disable" -> Boolean.FALSE;
      default -> {
        invalid(p.get("mode").span(), "mode= must be ENABLE or DISABLE");
        yield null;
      }
    };
  }

  private static final List<String> PORT_OPENING =
      List.of("protocol", "port", "name", "mode", "scope", "addresses", "profile", "interface");

  private void portOpening(List<Param> params, SourceSpan span, boolean set) {
    Map<String, Arg> p = legacyParams(params, PORT_OPENING, span);
    if (p == null) {
      return;
    }
    for (String required : set ? List.of("protocol", "port") : List.of("protocol", "port", "name")) {
      if (!p.containsKey(required)) {
        invalid(span, "portopening needs " + required + "=");
        return;
      }
    }
    List<Integer> protocols = legacyProtocols(p.get("protocol"));
    if (protocols == null) {
      return;
    }
    Arg portArg = p.get("port");
    if (!portArg.text().matches("[0-9]{1,9}") || Long.parseLong(portArg.text()) < 1
        || Long.parseLong(portArg.text()) > 65535) {
      invalid(portArg.span(), "port= must be one port 1-65535, not '" + portArg.text() + "'");
      return;
    }
    int port = Integer.parseInt(portArg.text());
    Set<Profile> profiles = legacyProfile(p.get("profile"));
    if (profiles == null) {
      invalid(p.get("profile").span(), "profile= must be CURRENT, DOMAIN, STANDARD or ALL");
      return;
    }
    AddressCondition remote = legacyScope(p);
    Boolean enabled = legacyMode(p);
    if (remote == null || enabled == null) {
      return;
    }
    PortCondition ports = PortCondition.of(PortSet.of(port));
    String name;
    if (set) {
      // set portopening changes the exception of that protocol and port (keyed by them, not by
      // name); its name stays unless a new one is given.
      List<WfasRule> old = new ArrayList<>();
      for (HostRule r : host.rules()) {
        if (r.store() == HostStore.LOCAL && isPortOpening(r.rule(), protocols, ports)) {
          old.add(r.rule());
        }
      }
      if (old.isEmpty()) {
        unreadable(span, "this set portopening matches no port opening read so far: it acts on"
            + " one of the host that no input gives", "give an export of the host's rules first");
        return;
      }
      name = p.containsKey("name") ? p.get("name").text() : old.get(0).displayName();
      host.removeRules(r -> r.store() == HostStore.LOCAL && isPortOpening(r.rule(), protocols, ports));
    } else {
      name = p.get("name").text();
    }
    List<String> other = new ArrayList<>();
    if (p.containsKey("interface")) {
      other.add("interface=" + p.get("interface").text() + ": only on this interface");
    }
    for (int protocol : protocols) {
      host.addRule(new HostRule(
          new WfasRule(name, name, Optional.empty(), Optional.empty(), Direction.IN,
              RuleAction.ALLOW, protocol, ports, PortCondition.ANY, AddressCondition.ANY, remote,
              profiles, enabled, Optional.empty(), Optional.empty(), span, other),
          HostStore.LOCAL));
    }
  }

  /**
   * {@code set service [type=]FILEANDPRINT|REMOTEADMIN|REMOTEDESKTOP|UPNP|ALL [mode=]ENABLE|DISABLE
   * [scope=] [addresses=] [profile=]}: the predefined exceptions, as the inbound allow rules of
   * their ports. windows-semantics.md does not list them; the ports are those the services listen
   * on (File and Printer Sharing: TCP 139, 445, UDP 137, 138; Remote Administration: TCP 135 and
   * the RPC dynamic ports, read as the RPC-EPMap and RPC keywords; Remote Desktop: TCP 3389; UPnP:
   * TCP 2869, UDP 1900), the reading that hides no exposure. DISABLE removes what an earlier
   * ENABLE of the same type added.
   */
  private void service(List<Param> params, SourceSpan span) {
    Map<String, Arg> p = legacyParams(params,
        List.of("type", "mode", "scope", "addresses", "profile", "interface"), span);
    if (p == null) {
      return;
    }
    if (!p.containsKey("type")) {
      invalid(span, "set service needs type=");
      return;
    }
    String type = p.get("type").lower();
    List<String> types = type.equals("all")
        ? List.of("fileandprint", "remoteadmin", "remotedesktop", "upnp") : List.of(type);
    if (!List.of("fileandprint", "remoteadmin", "remotedesktop", "upnp").containsAll(types)) {
      invalid(p.get("type").span(), "type= must be FILEANDPRINT, REMOTEADMIN, REMOTEDESKTOP, UPNP"
          + " or ALL");
      return;
    }
    Set<Profile> profiles = legacyProfile(p.get("profile"));
    if (profiles == null) {
      invalid(p.get("profile").span(), "profile= must be CURRENT, DOMAIN, STANDARD or ALL");
      return;
    }
    AddressCondition remote = legacyScope(p);
    Boolean enabled = legacyMode(p);
    if (remote == null || enabled == null) {
      return;
    }
    int tcp = Protocol.TCP.number();
    int udp = Protocol.UDP.number();
    for (String t : types) {
      String prefix = "netsh firewall service " + t;
      host.removeRules(r -> r.store() == HostStore.LOCAL && r.rule().id().startsWith(prefix + " "));
      if (!enabled) {
        continue;
      }
      Map<String, PortCondition> rules = new LinkedHashMap<>();
      Map<String, Integer> protocols = new LinkedHashMap<>();
      switch (t) {
        case "fileandprint" -> {
          rules.put("tcp", PortCondition.of(PortSet.of(List.of(
              dev.rpcwall.compiler.semantics.PortRange.of(139),
              dev.rpcwall.compiler.semantics.PortRange.of(445)))));
          protocols.put("tcp", tcp);
          rules.put("udp", PortCondition.of(PortSet.of(137, 138)));
          protocols.put("udp", udp);
        }
        case "remoteadmin" -> {
          rules.put("tcp", new PortCondition(false, PortSet.empty(),
              Set.of(dev.rpcwall.compiler.model.PortKeyword.RPC_EPMAP,
                  dev.rpcwall.compiler.model.PortKeyword.RPC)));
          protocols.put("tcp", tcp);
        }
        case "remotedesktop" -> {
          rules.put("tcp", PortCondition.of(PortSet.of(3389)));
          protocols.put("tcp", tcp);
        }
        default -> {
          rules.put("tcp", PortCondition.of(PortSet.of(2869)));
          protocols.put("tcp", tcp);
          rules.put("udp", PortCondition.of(PortSet.of(1900)));
          protocols.put("udp", udp);
        }
      }
      for (Map.Entry<String, PortCondition> e : rules.entrySet()) {
        String name = prefix + " " + e.getKey();
        host.addRule(new HostRule(
            new WfasRule(name, name, Optional.empty(), Optional.empty(), Direction.IN,
                RuleAction.ALLOW, protocols.get(e.getKey()), e.getValue(), PortCondition.ANY,
                AddressCondition.ANY, remote, profiles, true, Optional.empty(), Optional.empty(),
                span),
            HostStore.LOCAL));
      }
    }
  }

  private static boolean isPortOpening(WfasRule r, List<Integer> protocols, PortCondition ports) {
    return r.direction() == Direction.IN && r.action() == RuleAction.ALLOW
        && protocols.contains(r.protocol()) && r.localPorts().equals(ports);
  }

  private List<Integer> legacyProtocols(Arg protocol) {
    return switch (protocol.lower()) {
      case "tcp" -> List.of(Protocol.TCP.number());
      case "udp" -> List.of(Protocol.UDP.number());
      case "all" -> List.of(Protocol.TCP.number(), Protocol.UDP.number());
      default -> {
        invalid(protocol.span(), "protocol= must be TCP, UDP or ALL, not '" + protocol.text() + "'");
        yield null;
      }
    };
  }

  private void deletePortOpening(List<Param> params, SourceSpan span) {
    Map<String, Arg> p = legacyParams(params, List.of("protocol", "port", "profile", "interface"), span);
    if (p == null) {
      return;
    }
    if (!p.containsKey("protocol") || !p.containsKey("port")) {
      invalid(span, "delete portopening needs protocol= and port=");
      return;
    }
    List<Integer> protocols = legacyProtocols(p.get("protocol"));
    Arg portArg = p.get("port");
    if (protocols == null) {
      return;
    }
    if (!portArg.text().matches("[0-9]{1,9}") || Long.parseLong(portArg.text()) < 1
        || Long.parseLong(portArg.text()) > 65535) {
      invalid(portArg.span(), "port= must be one port 1-65535, not '" + portArg.text() + "'");
      return;
    }
    PortCondition ports = PortCondition.of(PortSet.of(Integer.parseInt(portArg.text())));
    host.removeRules(r -> r.store() == HostStore.LOCAL && isPortOpening(r.rule(), protocols, ports));
  }

  private static final List<String> ALLOWED_PROGRAM =
      List.of("program", "name", "mode", "scope", "addresses", "profile");

  private void allowedProgram(List<Param> params, SourceSpan span, boolean set) {
    Map<String, Arg> p = legacyParams(params, ALLOWED_PROGRAM, span);
    if (p == null) {
      return;
    }
    for (String required : set ? List.of("program") : List.of("program", "name")) {
      if (!p.containsKey(required)) {
        invalid(span, "allowedprogram needs " + required + "=");
        return;
      }
    }
    Set<Profile> profiles = legacyProfile(p.get("profile"));
    if (profiles == null) {
      invalid(p.get("profile").span(), "profile= must be CURRENT, DOMAIN, STANDARD or ALL");
      return;
    }
    AddressCondition remote = legacyScope(p);
    Boolean enabled = legacyMode(p);
    if (remote == null || enabled == null) {
      return;
    }
    String program = p.get("program").text();
    String name;
    if (set) {
      Optional<WfasRule> old = host.rules().stream()
          .filter(r -> r.store() == HostStore.LOCAL && isProgram(r.rule(), program))
          .map(HostRule::rule).findFirst();
      if (old.isEmpty()) {
        unreadable(span, "this set allowedprogram matches no allowed program read so far",
            "give an export of the host's rules first");
        return;
      }
      name = p.containsKey("name") ? p.get("name").text() : old.get().displayName();
      host.removeRules(r -> r.store() == HostStore.LOCAL && isProgram(r.rule(), program));
    } else {
      name = p.get("name").text();
    }
    host.addRule(new HostRule(
        new WfasRule(name, name, Optional.empty(), Optional.empty(), Direction.IN,
            RuleAction.ALLOW, WfasRule.ANY_PROTOCOL, PortCondition.ANY, PortCondition.ANY,
            AddressCondition.ANY, remote, profiles, enabled, Optional.of(program),
            Optional.empty(), span),
        HostStore.LOCAL));
  }

  private static boolean isProgram(WfasRule r, String program) {
    return r.direction() == Direction.IN && r.action() == RuleAction.ALLOW
        && r.program().isPresent() && r.program().get().equalsIgnoreCase(program);
  }

  private void deleteAllowedProgram(List<Param> params, SourceSpan span) {
    Map<String, Arg> p = legacyParams(params, List.of("program", "profile"), span);
    if (p == null) {
      return;
    }
    if (!p.containsKey("program")) {
      invalid(span, "delete allowedprogram needs program=");
      return;
    }
    String program = p.get("program").text();
    host.removeRules(r -> r.store() == HostStore.LOCAL && isProgram(r.rule(), program));
  }

  /**
   * {@code set opmode [mode=]ENABLE|DISABLE [exceptions=]ENABLE|DISABLE [profile=] [interface=]}:
   * DISABLE turns the firewall off; {@code exceptions=DISABLE} ignores every exception (shields
   * up, like blockinboundalways, windows-semantics.md 1.5).
   */
  private void opmode(List<Param> params, SourceSpan span) {
    Map<String, Arg> p =
        legacyParams(params, List.of("mode", "exceptions", "profile", "interface"), span);
    if (p == null) {
      return;
    }
    if (!p.containsKey("mode")) {
      invalid(span, "set opmode needs mode=");
      return;
    }
    Set<Profile> profiles = legacyProfile(p.get("profile"));
    if (profiles == null) {
      invalid(p.get("profile").span(), "profile= must be CURRENT, DOMAIN, STANDARD or ALL");
      return;
    }
    Set<Profile> each = profiles.isEmpty() ? EnumSet.allOf(Profile.class) : profiles;
    String mode = p.get("mode").lower();
    String exceptions = p.containsKey("exceptions") ? p.get("exceptions").lower() : "enable";
    if (!Set.of("enable", "disable").contains(mode) || !Set.of("enable", "disable").contains(exceptions)) {
      invalid(span, "mode= and exceptions= must be ENABLE or DISABLE");
      return;
    }
    if (p.containsKey("interface")) {
      unreadable(p.get("interface").span(), "set opmode for one interface is read as for the whole"
          + " profile", "set the profile instead");
    }
    ProfileState state = mode.equals("disable") ? ProfileState.FIREWALL_OFF
        : exceptions.equals("disable") ? ProfileState.SHIELDED : ProfileState.ENFORCING;
    for (Profile pr : each) {
      host.setProfileState(pr, new ProfileSetting<>(state, span));
    }
  }

  // reg add|delete, winmgmt
  // =======================

  /**
   * {@code reg add KEY /v NAME /t TYPE /d DATA [/s SEP] /f} and {@code reg delete KEY [/v NAME |
   * /va] /f}: the value as written, REG_MULTI_SZ split at {@code \0} or the {@code /s} separator
   * (windows-semantics.md 1.6 rule 6, 6.1), handed to {@link RegistryWrites}, which knows which
   * keys matter.
   */
  private void reg(List<Arg> a, SourceSpan span) {
    if (a.size() < 2) {
      return;
    }
    String verb = a.get(0).lower();
    if (verb.equals("import") || verb.equals("restore") || verb.equals("load")) {
      unreadable(a.get(0).span(), "'reg " + a.get(0).text() + "' loads a file that is not read here",
          "give " + a.get(1).text() + " as its own input");
      return;
    }
    if (!verb.equals("add") && !verb.equals("delete")) {
      return; // query, compare, export, save, copy (into keys lint does not read)
    }
    Arg key = a.get(1);
    String name = null;
    boolean defaultValue = false;
    boolean allValues = false;
    String type = RegistryValue.REG_SZ;
    Arg data = null;
    String separator = "\\0";
    for (int k = 2; k < a.size(); k++) {
      String o = a.get(k).lower();
      Arg next = k + 1 < a.size() ? a.get(k + 1) : null;
      switch (o) {
        case "/v" -> {
          if (next == null) {
            invalid(a.get(k).span(), "/v needs a value name");
            return;
          }
          name = next.text();
          if (!next.known()) {
            unreadable(next.span(), next.ref() + " has no value the script sets:"
                + " the registry value written is not known", "write the value name");
            return;
          }
          k++;
        }
        case "/ve" -> defaultValue = true;
        case "/va" -> allValues = true;
        case "/t" -> {
          if (next == null) {
            invalid(a.get(k).span(), "/t needs a type");
            return;
          }
          type = next.text().toUpperCase(Locale.ROOT);
          k++;
        }
        case "/d" -> {
          if (next == null) {
            invalid(a.get(k).span(), "/d needs data");
            return;
          }
          data = next;
          k++;
        }
        case "/s" -> {
          if (next == null) {
            invalid(a.get(k).span(), "/s needs a separator");
            return;
          }
          separator = next.text();
          k++;
        }
        case "/f", "/reg:32", "/reg:64" -> { }
        default -> {
          invalid(a.get(k).span(), "'" + a.get(k).text() + "' is not an option of reg " + verb);
          return;
        }
      }
    }
    if (!key.known()) {
      unreadable(key.span(), key.ref() + " has no value the script sets: the"
          + " registry key is not known", "write the key");
      return;
    }
    if (verb.equals("delete")) {
      RegistryWrites.delete(key.text(), allValues || name == null ? null : name, span, host, notes);
      return;
    }
    if (name == null && !defaultValue) {
      return; // creates the key only
    }
    if (data != null && !data.known()) {
      unreadable(data.span(), data.ref() + " in /d has no value the script sets:"
          + " the value written is not known, so it is not read", "write the data");
      return;
    }
    String raw = data == null ? "" : data.text();
    List<String> values;
    if (type.equals(RegistryValue.REG_MULTI_SZ)) {
      values = new ArrayList<>();
      String sep = separator.isEmpty() ? "\\0" : separator;
      int from = 0;
      while (true) {
        int at = raw.indexOf(sep, from);
        if (at < 0) {
          values.add(raw.substring(from));
          break;
        }
        values.add(raw.substring(from, at));
        from = at + sep.length();
      }
      // reg add writes no empty last string for a trailing separator (its strings end there).
      if (values.size() > 1 && values.get(values.size() - 1).isEmpty()) {
        values.remove(values.size() - 1);
      }
    } else if (type.equals(RegistryValue.REG_DWORD) && raw.toLowerCase(Locale.ROOT).matches("0x[0-9a-f]{1,8}")) {
      values = List.of(Long.toString(Long.parseLong(raw.substring(2), 16)));
    } else {
      values = List.of(raw);
    }
    RegistryWrites.set(key.text(), new RegistryValue(defaultValue ? "" : name, type, values, span),
        host, notes);
  }

  /**
   * {@code winmgmt -standalonehost [level]} moves WMI to its own process on the fixed port TCP
   * 24158; {@code -sharedhost} undoes it (windows-semantics.md 6.3 rule 1: the argument is the
   * authentication level, not a port).
   */
  private void winmgmt(List<Arg> a, SourceSpan span) {
    if (a.isEmpty()) {
      return;
    }
    String o = a.get(0).lower();
    if (o.equals("-standalonehost") || o.equals("/standalonehost")) {
      host.setWmiFixedPort(Optional.of(
          new ProfileSetting<>(TargetChecks.WMI_STANDALONE_PORT, span)));
    } else if (o.equals("-sharedhost") || o.equals("/sharedhost")) {
      host.setWmiFixedPort(Optional.empty());
    }
  }
}
