package dev.rpcwall.emit.netshipsec;

import static dev.rpcwall.emit.cmd.CmdCommands.commandName;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.cmd.CmdCommands;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import dev.rpcwall.emit.netsh.BatchParser.Exec;
import dev.rpcwall.emit.netsh.BatchParser.Tok;
import dev.rpcwall.emit.netshipsec.IpsecHost.PolicyObj;
import dev.rpcwall.emit.netshipsec.IpsecHost.RuleObj;
import dev.rpcwall.emit.netshipsec.IpsecHost.Spec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What the commands of a netsh ipsec script do to the static store (windows-semantics.md 5.4).
 * Each command is parsed once (by identity) and then run on every path that reaches it, so its
 * diagnostics are reported once.
 */
final class NetshIpsecCommands {
  // Patterns compiled once: these run per command and per filter of scripts with many filters.
  private static final Pattern LETTERS = Pattern.compile("[A-Za-z]+");
  private static final Pattern DIGITS_5 = Pattern.compile("[0-9]{1,5}");
  private static final Pattern DIGITS_3 = Pattern.compile("[0-9]{1,3}");
  private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
  private static final Pattern HOST_NAME_CHARS = Pattern.compile("[A-Za-z0-9.-]+");
  private static final Pattern DIGITS_2 = Pattern.compile("[0-9]{1,2}");
  private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  /** Console and environment commands: they change no IPsec object and no host setting. */
  private static final Set<String> NOOP =
      Set.of("echo", "setlocal", "endlocal", "pause", "cls", "title", "ver", "chcp", "set");

  /** The documented parameters of each command, in their positional order (5.4). */
  private static final Map<String, List<String>> PARAMS = new LinkedHashMap<>();

  static {
    PARAMS.put("add policy", List.of("name", "description", "mmpfs", "qmpermm", "mmlifetime",
        "activatedefaultrule", "pollinginterval", "assign", "mmsecmethods"));
    PARAMS.put("add filterlist", List.of("name", "description"));
    PARAMS.put("add filter", List.of("filterlist", "srcaddr", "dstaddr", "description",
        "protocol", "mirrored", "srcmask", "dstmask", "srcport", "dstport"));
    PARAMS.put("add filteraction", List.of("name", "description", "qmpfs", "inpass", "soft",
        "action", "qmsecmethods"));
    PARAMS.put("add rule", List.of("name", "policy", "filterlist", "filteraction", "tunnel",
        "conntype", "activate", "description", "kerberos", "psk", "rootca"));
    PARAMS.put("set policy", List.of("name", "newname", "description", "mmpfs", "qmpermm",
        "mmlifetime", "activatedefaultrule", "pollinginterval", "assign", "gponame",
        "mmsecmethods"));
    PARAMS.put("delete policy", List.of("name"));
    PARAMS.put("delete filterlist", List.of("name"));
    PARAMS.put("delete filteraction", List.of("name"));
    PARAMS.put("delete rule", List.of("name", "policy"));
    PARAMS.put("delete filter", List.of("filterlist", "srcaddr", "dstaddr", "protocol",
        "srcmask", "dstmask", "srcport", "dstport", "mirrored"));
    PARAMS.put("delete all", List.of());
  }

  private final Diagnostics diags;
  private final Map<Exec, Optional<Consumer<IpsecHost>>> parsed = new IdentityHashMap<>();

  /** The RPC range and WMI commands, read as for every cmd.exe target. */
  private final CmdHostSettings.Reading hostSettings;

  NetshIpsecCommands(Diagnostics diags) {
    this.diags = diags;
    this.hostSettings =
        new CmdHostSettings.Reading(
            diags,
            new CmdHostSettings.ReadCodes(
                Codes.NIPSEC_READ_COMMAND,
                Codes.NIPSEC_READ_REGISTRY,
                Codes.NIPSEC_READ_EXTERNAL,
                Codes.NIPSEC_READ_FLOW));
  }

  RpcSettings rpcSettings(CmdHostSettings.HostValues values) {
    return hostSettings.settings(values);
  }

  static boolean isNoop(Exec e) {
    return CmdCommands.isNoop(e, NOOP, (name, a, first) -> switch (name) {
      // 'fltmc' alone lists file system filters: the scripts' elevation check.
      case "fltmc" -> a.isEmpty();
      // A restart of the Policy Agent reads the same static store again.
      case "net" -> (first.equals("stop") || first.equals("start"))
          && a.size() >= 2 && a.get(1).lower().equals("policyagent");
      default -> false;
    });
  }

  void execute(Exec e, IpsecHost host, CmdHostSettings.HostValues values) {
    if (isNoop(e)) {
      return;
    }
    String name = commandName(e.name());
    if (CmdHostSettings.Reading.reads(name)) {
      hostSettings.execute(name, e.span(), e.args(), values);
      return;
    }
    if (name.equals("netsh")) {
      parsed.computeIfAbsent(e, this::netsh).ifPresent(c -> c.accept(host));
      return;
    }
    if (name.equals("ipsecpol") || name.equals("ipseccmd")) {
      diags.error(Codes.NIPSEC_READ_COMMAND, e.name().span(),
          "'" + e.name().text() + "' is not read by the netsh ipsec reader",
          "read this script with the " + name + " target's reader");
      return;
    }
    diags.error(Codes.NIPSEC_READ_COMMAND, e.name().span(),
        "'" + e.name().text() + "' is not read: its effect on IPsec policies is not known",
        "keep IPsec changes in netsh ipsec static commands");
  }

  // netsh
  // =====

  /** The command's effect, or empty after a diagnostic. */
  private Optional<Consumer<IpsecHost>> netsh(Exec e) {
    List<Tok> a = new ArrayList<>(e.args());
    List<String> context = new ArrayList<>();
    // Options before the context: -c "ipsec static" sets the context (netsh /?); -r, -u, -p
    // send the commands elsewhere or as someone else; -f reads a script file; -a an alias file.
    while (!a.isEmpty() && (a.get(0).text().startsWith("-") || a.get(0).text().startsWith("/"))) {
      Tok o = a.remove(0);
      String opt = o.lower().substring(1);
      if (opt.equals("c") && !a.isEmpty()) {
        Tok c = a.remove(0);
        if (c.variable()) {
          return variable(c);
        }
        for (String w : c.lower().trim().split("\\s+")) {
          if (!w.isEmpty()) {
            context.add(w);
          }
        }
      } else {
        diags.error(Codes.NIPSEC_READ_COMMAND, o.span(),
            "netsh option '" + o.text() + "' is not read (-r and -u send commands to another"
                + " computer or user; -f and -a read files)");
        return Optional.empty();
      }
    }
    List<Tok> words = new ArrayList<>();
    int nContext = context.size();
    // The context words, then the verb and object: as many as are not parameters.
    while (!a.isEmpty() && words.size() + nContext < 4 && a.get(0).text().indexOf('=') < 0
        && !a.get(0).variable()) {
      words.add(a.remove(0));
    }
    List<String> path = new ArrayList<>(context);
    for (Tok w : words) {
      path.add(w.lower());
    }
    SourceSpan at = words.isEmpty() ? e.span() : words.get(0).span();
    if (path.isEmpty()) {
      diags.error(Codes.NIPSEC_READ_COMMAND, e.span(), "interactive netsh is not read");
      return Optional.empty();
    }
    if (!path.get(0).equals("ipsec")) {
      diags.error(Codes.NIPSEC_READ_COMMAND, at,
          "'netsh " + path.get(0) + "' is not read here: only netsh ipsec static is");
      return Optional.empty();
    }
    if (path.size() < 2) {
      diags.error(Codes.NIPSEC_READ_COMMAND, e.span(), "interactive netsh ipsec is not read");
      return Optional.empty();
    }
    String mode = path.get(1);
    if (mode.equals("dynamic")) {
      // windows-semantics.md 5.1 rule 2: dynamic filters are plumbed straight into the agent;
      // which of them survive a restart differs by tool (C9), and they are not modelled here.
      if (path.size() > 2 && (path.get(2).equals("show") || path.get(2).equals("dump"))) {
        return Optional.of(h -> {});
      }
      diags.error(Codes.NIPSEC_READ_UNSUPPORTED, at,
          "'netsh ipsec dynamic' changes the running Policy Agent directly and is not read",
          "use netsh ipsec static, which this reader reads");
      return Optional.empty();
    }
    if (!mode.equals("static")) {
      if (mode.equals("dump") || mode.equals("show") || mode.equals("help") || mode.equals("?")) {
        return Optional.of(h -> {});
      }
      diags.error(Codes.NIPSEC_READ_COMMAND, at, "'netsh ipsec " + mode + "' is not read");
      return Optional.empty();
    }
    if (path.size() < 3) {
      diags.error(Codes.NIPSEC_READ_COMMAND, e.span(), "interactive netsh ipsec static is not read");
      return Optional.empty();
    }
    String verb = path.get(2);
    if (verb.equals("show") || verb.equals("dump") || verb.equals("exportpolicy")
        || verb.equals("help") || verb.equals("?")) {
      return Optional.of(h -> {});
    }
    if (verb.equals("delete") && path.size() == 4 && path.get(3).equals("all")) {
      return parseParams(e, "delete all", a).map(p -> h -> deleteAll(h));
    }
    if (path.size() < 4) {
      if (path.size() == 3 && !a.isEmpty() && a.get(0).lower().startsWith("location=")
          && verb.equals("set")) {
        path.add("store");
      } else {
        diags.error(Codes.NIPSEC_READ_COMMAND, at, "incomplete netsh ipsec static command");
        return Optional.empty();
      }
    }
    String object = path.get(3);
    String command = verb + " " + object;
    if (command.equals("set store")) {
      return setStore(a, at);
    }
    if (!PARAMS.containsKey(command)) {
      diags.error(Codes.NIPSEC_READ_COMMAND, at,
          "'netsh ipsec static " + command + "' is not read",
          "the reader reads add/delete policy, filterlist, filter, filteraction, rule, delete all"
              + " and set policy");
      return Optional.empty();
    }
    Optional<Params> p = parseParams(e, command, a);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    return switch (command) {
      case "add policy" -> addPolicy(p.get());
      case "add filterlist" -> addFilterList(p.get());
      case "add filter" -> addFilter(p.get());
      case "add filteraction" -> addFilterAction(p.get());
      case "add rule" -> addRule(p.get());
      case "set policy" -> setPolicy(p.get());
      case "delete policy" -> deleteNamed(p.get(), "policy");
      case "delete filterlist" -> deleteNamed(p.get(), "filterlist");
      case "delete filteraction" -> deleteNamed(p.get(), "filteraction");
      case "delete rule" -> deleteRule(p.get());
      case "delete filter" -> deleteFilter(p.get());
      default -> Optional.empty();
    };
  }

  private Optional<Consumer<IpsecHost>> setStore(List<Tok> a, SourceSpan at) {
    // 'set store location=local' selects the store these commands already use by default.
    if (a.size() == 1 && a.get(0).lower().replace(" ", "").equals("location=local")) {
      return Optional.of(h -> {});
    }
    diags.error(Codes.NIPSEC_READ_UNSUPPORTED, at,
        "only 'set store location=local' is read: a domain or persistent store is not the local"
            + " static store (windows-semantics.md 5.1)");
    return Optional.empty();
  }

  private Optional<Consumer<IpsecHost>> variable(Tok t) {
    diags.error(Codes.NIPSEC_READ_FLOW, t.span(), "a variable's value is not known here");
    return Optional.empty();
  }

  // Parameters
  // ==========

  /** One parameter's value and where it was written. */
  record Param(String tag, String value, SourceSpan span) {}

  /** The parameters of one command, by tag (lower case). */
  record Params(String command, Exec exec, Map<String, Param> values) {
    Optional<Param> get(String tag) {
      return Optional.ofNullable(values.get(tag));
    }
  }

  /**
   * Splits {@code tag=value} parameters as netsh reads them: tags in any case, spaces around
   * {@code =} allowed ({@code name = x}, {@code name= x}, {@code name =x}), and untagged values in
   * the documented order (the {@code [name=]} of netsh's help, windows-semantics.md 5.4).
   */
  private Optional<Params> parseParams(Exec e, String command, List<Tok> a) {
    List<String> order = PARAMS.get(command);
    Map<String, Param> out = new LinkedHashMap<>();
    int positional = 0;
    boolean ok = true;
    for (int i = 0; i < a.size(); i++) {
      Tok t = a.get(i);
      if (t.variable()) {
        variable(t);
        return Optional.empty();
      }
      String text = t.text();
      String tag;
      String value;
      SourceSpan span = t.span();
      int eq = text.indexOf('=');
      if (eq > 0 && LETTERS.matcher(text.substring(0, eq)).matches()) {
        tag = text.substring(0, eq).toLowerCase(Locale.ROOT);
        value = text.substring(eq + 1);
        if (value.isEmpty() && t.raw().endsWith("=") && i + 1 < a.size()) {
          // 'name= value': the value is the next argument.
          Tok v = a.get(++i);
          if (v.variable()) {
            variable(v);
            return Optional.empty();
          }
          value = v.text();
        }
      } else if (LETTERS.matcher(text).matches() && i + 1 < a.size()
          && a.get(i + 1).text().startsWith("=")) {
        // 'name =value' or 'name = value'.
        tag = text.toLowerCase(Locale.ROOT);
        Tok next = a.get(++i);
        value = next.text().substring(1);
        if (value.isEmpty() && next.raw().equals("=") && i + 1 < a.size()) {
          Tok v = a.get(++i);
          if (v.variable()) {
            variable(v);
            return Optional.empty();
          }
          value = v.text();
        }
      } else {
        // An untagged value takes the next documented parameter not given yet.
        while (positional < order.size() && out.containsKey(order.get(positional))) {
          positional++;
        }
        if (positional >= order.size()) {
          diags.error(Codes.NIPSEC_READ_PARAMETER, span,
              "unexpected value '" + text + "' for netsh ipsec static " + command);
          ok = false;
          continue;
        }
        tag = order.get(positional++);
        value = text;
      }
      if (command.startsWith("delete ") && command.length() > 7 && value.equalsIgnoreCase("all")
          && !out.containsKey("name") && (tag.equals("name") || tag.equals("all"))) {
        tag = "name";
      }
      if (!order.contains(tag) && !(command.equals("set policy") && tag.equals("guid"))) {
        diags.error(Codes.NIPSEC_READ_PARAMETER, span,
            "unknown parameter '" + tag + "' for netsh ipsec static " + command,
            "netsh ipsec static " + command + " takes " + String.join(", ", order));
        ok = false;
        continue;
      }
      if (out.containsKey(tag)) {
        diags.error(Codes.NIPSEC_READ_PARAMETER, span, "parameter '" + tag + "' is given twice");
        ok = false;
        continue;
      }
      out.put(tag, new Param(tag, value, span));
    }
    return ok ? Optional.of(new Params(command, e, out)) : Optional.empty();
  }

  private Optional<Param> required(Params p, String tag) {
    Optional<Param> v = p.get(tag);
    if (v.isEmpty()) {
      diags.error(Codes.NIPSEC_READ_PARAMETER, p.exec().span(),
          "netsh ipsec static " + p.command() + " needs " + tag + "=");
    } else if (v.get().value().isEmpty()) {
      diags.error(Codes.NIPSEC_READ_VALUE, v.get().span(), tag + "= needs a value");
      return Optional.empty();
    }
    return v;
  }

  /** yes|no (also y|n, any case); empty after a diagnostic. */
  private Optional<Boolean> yesNo(Param p) {
    switch (p.value().toLowerCase(Locale.ROOT)) {
      case "yes", "y" -> {
        return Optional.of(Boolean.TRUE);
      }
      case "no", "n" -> {
        return Optional.of(Boolean.FALSE);
      }
      default -> {
        diags.error(Codes.NIPSEC_READ_VALUE, p.span(),
            p.tag() + "=" + p.value() + ": expected yes or no");
        return Optional.empty();
      }
    }
  }

  // add / set / delete
  // ==================

  private Optional<Consumer<IpsecHost>> addPolicy(Params p) {
    Optional<Param> name = required(p, "name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    boolean assign = false;
    Optional<Param> a = p.get("assign");
    if (a.isPresent()) {
      Optional<Boolean> v = yesNo(a.get());
      if (v.isEmpty()) {
        return Optional.empty();
      }
      assign = v.get();
    } else {
      // Assumed: a new policy is not assigned until 'assign=yes' (5.1 rule 1: a static policy
      // must be assigned to take effect); netsh's default for add policy is not in the sources.
      diags.warning(Codes.NIPSEC_READ_DEFAULT, p.exec().span(),
          "add policy without assign=: read as not assigned (netsh's default is not documented in"
              + " rpcwall's sources)", "write assign=no, and set policy ... assign=yes when complete");
    }
    Optional<Param> d = p.get("activatedefaultrule");
    boolean defaultRule = true;
    if (d.isPresent()) {
      Optional<Boolean> v = yesNo(d.get());
      if (v.isEmpty()) {
        return Optional.empty();
      }
      defaultRule = v.get();
    }
    if (defaultRule) {
      // windows-semantics.md 5.4 rule 4: the default response rule answers requests for
      // security; it is not a packet filter and is not modelled (its default is UNCONFIRMED).
      diags.warning(Codes.NIPSEC_READ_DEFAULT, (d.isPresent() ? d.get().span() : p.exec().span()),
          "the policy's default response rule is on or left to netsh's default; it negotiates"
              + " security on request and is not read as a filter",
          "write activatedefaultrule=no");
    }
    String n = name.get().value();
    boolean assignNow = assign;
    SourceSpan at = name.get().span();
    return Optional.of(
        h -> {
          if (h.policies.containsKey(n)) {
            diags.error(Codes.NIPSEC_READ_REFERENCE, at,
                "a policy named '" + n + "' exists already here; netsh does not add it again");
            return;
          }
          warnCase(h.policies.keySet(), n, at, "policy");
          h.policies.put(n, new PolicyObj());
          if (assignNow) {
            h.assign(n);
          }
        });
  }

  private Optional<Consumer<IpsecHost>> addFilterList(Params p) {
    Optional<Param> name = required(p, "name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String n = name.get().value();
    SourceSpan at = name.get().span();
    return Optional.of(
        h -> {
          if (h.lists.containsKey(n)) {
            diags.error(Codes.NIPSEC_READ_REFERENCE, at,
                "a filter list named '" + n + "' exists already here; netsh does not add it again");
            return;
          }
          warnCase(h.lists.keySet(), n, at, "filter list");
          h.ownList(n);
        });
  }

  private Optional<Consumer<IpsecHost>> addFilterAction(Params p) {
    Optional<Param> name = required(p, "name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    IpsecAction action;
    Optional<Param> a = p.get("action");
    if (a.isEmpty()) {
      // The default action is not in rpcwall's sources: read as negotiate, which the
      // evaluator neither passes nor blocks, so no check can rely on it.
      diags.warning(Codes.NIPSEC_READ_DEFAULT, p.exec().span(),
          "add filteraction without action=: read as negotiate (netsh's default is not documented"
              + " in rpcwall's sources)", "write action=permit or action=block");
      action = IpsecAction.NEGOTIATE;
    } else {
      switch (a.get().value().toLowerCase(Locale.ROOT)) {
        case "permit" -> action = IpsecAction.PASS;
        case "block" -> action = IpsecAction.BLOCK;
        case "negotiate" -> action = IpsecAction.NEGOTIATE;
        default -> {
          diags.error(Codes.NIPSEC_READ_VALUE, a.get().span(),
              "action=" + a.get().value() + ": expected permit, block or negotiate");
          return Optional.empty();
        }
      }
    }
    for (String tag : List.of("inpass", "soft", "qmpfs")) {
      Optional<Param> v = p.get(tag);
      if (v.isPresent() && yesNo(v.get()).isEmpty()) {
        return Optional.empty();
      }
    }
    // windows-semantics.md 5.4 rule 2: inpass, soft and the quick-mode methods only matter for
    // action=negotiate, which is read as NEGOTIATE whatever they say.
    String n = name.get().value();
    SourceSpan at = name.get().span();
    IpsecAction act = action;
    return Optional.of(
        h -> {
          if (h.actions.containsKey(n)) {
            diags.error(Codes.NIPSEC_READ_REFERENCE, at,
                "a filter action named '" + n + "' exists already here; netsh does not add it"
                    + " again");
            return;
          }
          warnCase(h.actions.keySet(), n, at, "filter action");
          h.actions.put(n, act);
        });
  }

  private Optional<Consumer<IpsecHost>> addRule(Params p) {
    Optional<Param> name = required(p, "name");
    Optional<Param> policy = required(p, "policy");
    Optional<Param> list = required(p, "filterlist");
    Optional<Param> action = required(p, "filteraction");
    if (name.isEmpty() || policy.isEmpty() || list.isEmpty() || action.isEmpty()) {
      return Optional.empty();
    }
    Optional<Param> tunnel = p.get("tunnel");
    if (tunnel.isPresent()) {
      diags.error(Codes.NIPSEC_READ_UNSUPPORTED, tunnel.get().span(),
          "tunnel rules are not read: the filter model is transport mode to this computer");
      return Optional.empty();
    }
    Optional<Param> conntype = p.get("conntype");
    if (conntype.isPresent() && !conntype.get().value().equalsIgnoreCase("all")) {
      String v = conntype.get().value().toLowerCase(Locale.ROOT);
      if (v.equals("lan") || v.equals("dialup")) {
        diags.error(Codes.NIPSEC_READ_UNSUPPORTED, conntype.get().span(),
            "conntype=" + v + " applies the rule to some network connections only, which the"
                + " filter model does not hold", "write conntype=all");
      } else {
        diags.error(Codes.NIPSEC_READ_VALUE, conntype.get().span(),
            "conntype=" + conntype.get().value() + ": expected lan, dialup or all");
      }
      return Optional.empty();
    }
    boolean active = true;
    Optional<Param> activate = p.get("activate");
    if (activate.isPresent()) {
      Optional<Boolean> v = yesNo(activate.get());
      if (v.isEmpty()) {
        return Optional.empty();
      }
      active = v.get();
    }
    for (String tag : List.of("kerberos")) {
      Optional<Param> v = p.get(tag);
      if (v.isPresent() && yesNo(v.get()).isEmpty()) {
        return Optional.empty();
      }
    }
    String ruleName = name.get().value();
    String pol = policy.get().value();
    String l = list.get().value();
    String fa = action.get().value();
    boolean on = active;
    return Optional.of(
        h -> {
          PolicyObj po = h.policies.get(pol);
          if (po == null) {
            missing(h.policies.keySet(), pol, policy.get().span(), "policy");
            return;
          }
          if (!h.lists.containsKey(l)) {
            missing(h.lists.keySet(), l, list.get().span(), "filter list");
            return;
          }
          if (!h.actions.containsKey(fa)) {
            missing(h.actions.keySet(), fa, action.get().span(), "filter action");
            return;
          }
          if (po.rules.containsKey(ruleName)) {
            diags.error(Codes.NIPSEC_READ_REFERENCE, name.get().span(),
                "policy '" + pol + "' has a rule named '" + ruleName + "' already");
            return;
          }
          po.rules.put(ruleName, new RuleObj(l, fa, on));
        });
  }

  private Optional<Consumer<IpsecHost>> setPolicy(Params p) {
    if (p.get("guid").isPresent()) {
      diags.error(Codes.NIPSEC_READ_UNSUPPORTED, p.get("guid").get().span(),
          "a policy named by its GUID is not read: its name is only known on the host");
      return Optional.empty();
    }
    Optional<Param> name = required(p, "name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    for (String tag : p.values().keySet()) {
      if (!tag.equals("name") && !tag.equals("assign") && !tag.equals("description")
          && !tag.equals("pollinginterval")) {
        diags.error(Codes.NIPSEC_READ_UNSUPPORTED, p.values().get(tag).span(),
            "set policy " + tag + "= is not read", "set only assign= (and description=)");
        return Optional.empty();
      }
    }
    Optional<Param> assign = p.get("assign");
    if (assign.isEmpty()) {
      return Optional.of(h -> {});
    }
    Optional<Boolean> v = yesNo(assign.get());
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String n = name.get().value();
    boolean on = v.get();
    SourceSpan at = name.get().span();
    return Optional.of(
        h -> {
          PolicyObj po = h.policies.get(n);
          if (po == null) {
            if (on) {
              missing(h.policies.keySet(), n, at, "policy");
            } else {
              // Unassigning a policy that is not here: nothing this reader holds changes.
              warnCase(h.policies.keySet(), n, at, "policy");
            }
            return;
          }
          if (on) {
            h.assign(n);
          } else {
            po.assigned = false;
          }
        });
  }

  /** delete policy|filterlist|filteraction name=X (or all): absent objects are left alone. */
  private Optional<Consumer<IpsecHost>> deleteNamed(Params p, String kind) {
    Optional<Param> name = required(p, "name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String n = name.get().value();
    SourceSpan at = name.get().span();
    boolean all = n.equalsIgnoreCase("all");
    return Optional.of(
        h -> {
          Map<String, ?> objects =
              switch (kind) {
                case "policy" -> h.policies;
                case "filterlist" -> h.lists;
                default -> h.actions;
              };
          List<String> names = all ? new ArrayList<>(objects.keySet()) : List.of(n);
          for (String one : names) {
            if (!objects.containsKey(one)) {
              warnCase(objects.keySet(), one, at, kind);
              continue;
            }
            if (!kind.equals("policy") && inUse(h, kind, one, at)) {
              continue;
            }
            objects.remove(one);
          }
        });
  }

  /** Whether a rule still uses the list or action: netsh's behaviour then is not documented. */
  private boolean inUse(IpsecHost h, String kind, String name, SourceSpan at) {
    for (Map.Entry<String, PolicyObj> e : h.policies.entrySet()) {
      for (Map.Entry<String, RuleObj> r : e.getValue().rules.entrySet()) {
        String used = kind.equals("filterlist") ? r.getValue().list() : r.getValue().action();
        if (used.equals(name)) {
          diags.error(Codes.NIPSEC_READ_REFERENCE, at,
              "rule '" + r.getKey() + "' of policy '" + e.getKey() + "' still uses " + kind + " '"
                  + name + "'; what netsh does then is not documented",
              "delete the policy (or the rule) first");
          return true;
        }
      }
    }
    return false;
  }

  private void deleteAll(IpsecHost h) {
    h.policies.clear();
    h.lists.clear();
    h.actions.clear();
  }

  private Optional<Consumer<IpsecHost>> deleteRule(Params p) {
    Optional<Param> name = required(p, "name");
    Optional<Param> policy = required(p, "policy");
    if (name.isEmpty() || policy.isEmpty()) {
      return Optional.empty();
    }
    String n = name.get().value();
    String pol = policy.get().value();
    return Optional.of(
        h -> {
          PolicyObj po = h.policies.get(pol);
          if (po == null) {
            warnCase(h.policies.keySet(), pol, policy.get().span(), "policy");
            return;
          }
          if (n.equalsIgnoreCase("all")) {
            po.rules.clear();
          } else if (po.rules.remove(n) == null) {
            warnCase(po.rules.keySet(), n, name.get().span(), "rule");
          }
        });
  }

  /** windows-semantics.md 5.4: delete filter removes every filter of the list matching the fields. */
  private Optional<Consumer<IpsecHost>> deleteFilter(Params p) {
    Optional<Param> list = required(p, "filterlist");
    if (list.isEmpty()) {
      return Optional.empty();
    }
    Optional<FilterFields> fields = filterFields(p, false);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    String l = list.get().value();
    FilterFields f = fields.get();
    return Optional.of(
        h -> {
          if (!h.lists.containsKey(l)) {
            warnCase(h.lists.keySet(), l, list.get().span(), "filter list");
            return;
          }
          Iterator<Spec> it = h.ownList(l).iterator();
          while (it.hasNext()) {
            if (f.matches(it.next())) {
              it.remove();
            }
          }
        });
  }

  private Optional<Consumer<IpsecHost>> addFilter(Params p) {
    Optional<Param> list = required(p, "filterlist");
    if (list.isEmpty()) {
      return Optional.empty();
    }
    Optional<FilterFields> fields = filterFields(p, true);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Spec spec = fields.get().spec();
    String l = list.get().value();
    SourceSpan at = list.get().span();
    return Optional.of(
        h -> {
          if (!h.lists.containsKey(l)) {
            // windows-semantics.md 5.4: add filter creates a missing filter list.
            warnCase(h.lists.keySet(), l, at, "filter list");
          }
          h.ownList(l).add(spec);
        });
  }

  // Filter fields
  // =============

  /** The fields of an add or delete filter; for a delete, absent fields match any value. */
  private record FilterFields(
      IpsecAddress source,
      IpsecAddress destination,
      Integer protocol,
      Integer sourcePort,
      Integer destinationPort,
      Boolean mirrored) {
    Spec spec() {
      return new Spec(source, destination, protocol, sourcePort, destinationPort, mirrored);
    }

    boolean matches(Spec s) {
      return s.source().equals(source)
          && s.destination().equals(destination)
          && (protocol == null || protocol == s.protocol())
          && (sourcePort == null || sourcePort == s.sourcePort())
          && (destinationPort == null || destinationPort == s.destinationPort())
          && (mirrored == null || mirrored == s.mirrored());
    }
  }

  private Optional<FilterFields> filterFields(Params p, boolean adding) {
    Optional<Param> src = required(p, "srcaddr");
    Optional<Param> dst = required(p, "dstaddr");
    if (src.isEmpty() || dst.isEmpty()) {
      return Optional.empty();
    }
    Optional<IpsecAddress> source = address(src.get(), p.get("srcmask"));
    Optional<IpsecAddress> destination = address(dst.get(), p.get("dstmask"));
    if (source.isEmpty() || destination.isEmpty()) {
      return Optional.empty();
    }
    if (source.get().kind() == IpsecAddress.Kind.ME && destination.get().kind() == IpsecAddress.Kind.ME) {
      diags.error(Codes.NIPSEC_READ_VALUE, dst.get().span(), "srcaddr and dstaddr are both me");
      return Optional.empty();
    }
    if (adding && destination.get().kind() == IpsecAddress.Kind.MASKED) {
      // IpsecEvaluator: whether an address block holds this computer's address is not known.
      diags.warning(Codes.NIPSEC_READ_UNSUPPORTED, dst.get().span(),
          "a filter to an address block is read, but whether the block holds this computer's"
              + " address is not known, so it is not evaluated", "write dstaddr=me");
    }
    Integer protocol = adding ? Integer.valueOf(0) : null;
    Optional<Param> proto = p.get("protocol");
    if (proto.isPresent()) {
      Optional<Integer> n = protocol(proto.get());
      if (n.isEmpty()) {
        return Optional.empty();
      }
      protocol = n.get();
    }
    Integer srcPort = adding ? Integer.valueOf(0) : null;
    Integer dstPort = adding ? Integer.valueOf(0) : null;
    for (String tag : List.of("srcport", "dstport")) {
      Optional<Param> v = p.get(tag);
      if (v.isEmpty()) {
        continue;
      }
      if (!DIGITS_5.matcher(v.get().value()).matches() || Integer.parseInt(v.get().value()) > 65535) {
        diags.error(Codes.NIPSEC_READ_VALUE, v.get().span(),
            tag + "=" + v.get().value() + ": expected a port 0-65535 (0 is any port)");
        return Optional.empty();
      }
      int port = Integer.parseInt(v.get().value());
      if (port != 0 && protocol != null && protocol != 6 && protocol != 17) {
        diags.error(Codes.NIPSEC_READ_VALUE, v.get().span(),
            tag + "=" + port + " with a protocol other than TCP or UDP");
        return Optional.empty();
      }
      if (tag.equals("srcport")) {
        srcPort = port;
      } else {
        dstPort = port;
      }
    }
    Boolean mirrored = null;
    Optional<Param> m = p.get("mirrored");
    if (m.isPresent()) {
      Optional<Boolean> v = yesNo(m.get());
      if (v.isEmpty()) {
        return Optional.empty();
      }
      mirrored = v.get();
    } else if (adding) {
      // windows-semantics.md 5.4 rule 3: the default is UNCONFIRMED; scripts in the wild that
      // leave it out filter both directions, so it is read as yes.
      diags.warning(Codes.NIPSEC_READ_DEFAULT, p.exec().span(),
          "add filter without mirrored=: read as mirrored=yes, the default observed in scripts"
              + " (not documented)", "write mirrored=no or mirrored=yes");
      mirrored = Boolean.TRUE;
    }
    return Optional.of(
        new FilterFields(source.get(), destination.get(), protocol, srcPort, dstPort, mirrored));
  }

  /** windows-semantics.md 5.4 add filter: ANY|ICMP|TCP|UDP|RAW|integer. */
  private Optional<Integer> protocol(Param p) {
    String v = p.value().toUpperCase(Locale.ROOT);
    switch (v) {
      case "ANY" -> {
        return Optional.of(0);
      }
      case "ICMP" -> {
        return Optional.of(1);
      }
      case "TCP" -> {
        return Optional.of(6);
      }
      case "UDP" -> {
        return Optional.of(17);
      }
      case "RAW" -> {
        // RAW: IP protocol 255 (IANA: reserved, used for raw IP); UNCONFIRMED which number
        // netsh stores. It never matches TCP or UDP, which is all the check evaluates.
        return Optional.of(255);
      }
      default -> {
        if (DIGITS_3.matcher(v).matches() && Integer.parseInt(v) <= 255) {
          return Optional.of(Integer.parseInt(v));
        }
        diags.error(Codes.NIPSEC_READ_VALUE, p.span(),
            "protocol=" + p.value() + ": expected ANY, ICMP, TCP, UDP, RAW or a number 0-255");
        return Optional.empty();
      }
    }
  }

  /**
   * srcaddr/dstaddr with its mask (windows-semantics.md 5.4): {@code me}, {@code any}, an IPv4
   * address with a dotted mask or a prefix 1-32 (none: a single host, as 5.3 rule 2 documents for
   * the -f specs), or a range {@code a-b} that is exactly one address block. DNS names and the
   * server types (WINS, DNS, DHCP, GATEWAY, rule 1) are resolved on the host and cannot be
   * evaluated; IPv6 is not filtered by the legacy agent's model (IPv4 only).
   */
  private Optional<IpsecAddress> address(Param a, Optional<Param> maskParam) {
    String v = a.value().trim();
    String lower = v.toLowerCase(Locale.ROOT);
    if (maskParam.isPresent() && (lower.equals("me") || lower.equals("any"))
        && mask(maskParam.get()).isEmpty()) {
      return Optional.empty();
    }
    switch (lower) {
      case "me" -> {
        return Optional.of(IpsecAddress.me());
      }
      case "any" -> {
        return Optional.of(IpsecAddress.any());
      }
      case "wins", "dns", "dhcp", "gateway" -> {
        diags.error(Codes.NIPSEC_READ_UNSUPPORTED, a.span(),
            a.tag() + "=" + v + " names a server the host looks up; it cannot be evaluated",
            "write the server's IPv4 address");
        return Optional.empty();
      }
      default -> { }
    }
    if (v.indexOf(':') >= 0) {
      diags.error(Codes.NIPSEC_READ_UNSUPPORTED, a.span(),
          a.tag() + "=" + v + ": IPv6 filters are not evaluated (the model is IPv4 only)");
      return Optional.empty();
    }
    int dash = v.indexOf('-');
    if (dash > 0 && DIGITS_AND_DOTS.matcher(v.substring(0, dash)).matches()) {
      if (maskParam.isPresent()) {
        diags.error(Codes.NIPSEC_READ_VALUE, maskParam.get().span(),
            "a mask cannot be given with an address range");
        return Optional.empty();
      }
      Optional<Long> lo = ipv4(v.substring(0, dash));
      Optional<Long> hi = ipv4(v.substring(dash + 1));
      if (lo.isEmpty() || hi.isEmpty() || lo.get() > hi.get()) {
        diags.error(Codes.NIPSEC_READ_VALUE, a.span(), a.tag() + "=" + v + ": not an IPv4 range");
        return Optional.empty();
      }
      long size = hi.get() - lo.get() + 1;
      if (Long.bitCount(size) != 1 || (lo.get() & (size - 1)) != 0) {
        // A range that is not one block has no single place in the most-specific order
        // (windows-semantics.md 5.5 rule 3), so it is not guessed.
        diags.error(Codes.NIPSEC_READ_UNSUPPORTED, a.span(),
            a.tag() + "=" + v + " is not one address block (a.b.c.d/n), so where it stands among"
                + " the other filters is not known", "write the range as address and mask");
        return Optional.empty();
      }
      return Optional.of(IpsecAddress.prefix(lo.get(), 32 - Long.numberOfTrailingZeros(size)));
    }
    Optional<Long> ip = ipv4(v);
    if (ip.isEmpty()) {
      if (HOST_NAME_CHARS.matcher(v).matches()) {
        diags.error(Codes.NIPSEC_READ_UNSUPPORTED, a.span(),
            a.tag() + "=" + v + " is a DNS name, resolved on the host; it cannot be evaluated",
            "write the IPv4 address");
      } else {
        diags.error(Codes.NIPSEC_READ_VALUE, a.span(), a.tag() + "=" + v + ": not an address");
      }
      return Optional.empty();
    }
    int prefix = 32;
    if (maskParam.isPresent()) {
      Optional<Integer> m = mask(maskParam.get());
      if (m.isEmpty()) {
        return Optional.empty();
      }
      prefix = m.get();
    }
    IpsecAddress out = IpsecAddress.prefix(ip.get(), prefix);
    if (out.kind() == IpsecAddress.Kind.MASKED && out.address() != ip.get()) {
      diags.warning(Codes.NIPSEC_READ_HOST_BITS, a.span(),
          a.tag() + "=" + v + " has bits outside its mask; read as " + out);
    }
    return Optional.of(out);
  }

  /** A dotted contiguous mask or a prefix 1-32 (windows-semantics.md 5.4); the prefix length. */
  private Optional<Integer> mask(Param p) {
    String v = p.value().trim();
    if (DIGITS_2.matcher(v).matches()) {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= 32) {
        return Optional.of(n);
      }
    } else {
      Optional<Long> m = ipv4(v);
      if (m.isPresent()) {
        long inverted = ~m.get() & 0xFFFF_FFFFL;
        if ((inverted & (inverted + 1)) == 0) {
          return Optional.of(Long.bitCount(m.get()));
        }
      }
    }
    diags.error(Codes.NIPSEC_READ_VALUE, p.span(),
        p.tag() + "=" + v + ": expected a contiguous dotted mask or a prefix 1-32");
    return Optional.empty();
  }

  private static Optional<Long> ipv4(String s) {
    if (!DOTTED_QUAD.matcher(s).matches()) {
      return Optional.empty();
    }
    long out = 0;
    for (String part : s.split("\\.")) {
      int n = Integer.parseInt(part);
      if (n > 255) {
        return Optional.empty();
      }
      out = (out << 8) | n;
    }
    return Optional.of(out);
  }

  // Names
  // =====

  /** A name that differs from an existing one only in case: whether netsh matches it is not known. */
  private void warnCase(Iterable<String> names, String name, SourceSpan at, String kind) {
    for (String n : names) {
      if (!n.equals(name) && n.equalsIgnoreCase(name)) {
        diags.error(Codes.NIPSEC_READ_REFERENCE, at,
            "'" + name + "' differs from " + kind + " '" + n + "' only in upper/lower case;"
                + " whether netsh takes them as one is not known",
            "write the name exactly as it was added");
        return;
      }
    }
  }

  private void missing(Iterable<String> names, String name, SourceSpan at, String kind) {
    warnCase(names, name, at, kind);
    diags.error(Codes.NIPSEC_READ_REFERENCE, at,
        "there is no " + kind + " named '" + name + "' at this point of the script",
        "add it before it is used");
  }
}
