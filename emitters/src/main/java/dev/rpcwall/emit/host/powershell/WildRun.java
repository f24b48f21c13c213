package dev.rpcwall.emit.host.powershell;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.host.CommandLineReader;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.host.ProfileSetting;
import dev.rpcwall.compiler.host.RegistryValue;
import dev.rpcwall.compiler.host.RegistryWrites;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressEntries;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
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
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.TargetChecks;
import dev.rpcwall.emit.powershell.PsLexer;
import dev.rpcwall.emit.powershell.PsLexer.Kind;
import dev.rpcwall.emit.powershell.PsLexer.Token;
import dev.rpcwall.emit.powershell.PsParser;
import dev.rpcwall.emit.powershell.PsParser.Arg;
import dev.rpcwall.emit.powershell.PsParser.Assign;
import dev.rpcwall.emit.powershell.PsParser.BadVal;
import dev.rpcwall.emit.powershell.PsParser.Branch;
import dev.rpcwall.emit.powershell.PsParser.Cmd;
import dev.rpcwall.emit.powershell.PsParser.ForEach;
import dev.rpcwall.emit.powershell.PsParser.Function;
import dev.rpcwall.emit.powershell.PsParser.Hash;
import dev.rpcwall.emit.powershell.PsParser.If;
import dev.rpcwall.emit.powershell.PsParser.ListVal;
import dev.rpcwall.emit.powershell.PsParser.Lit;
import dev.rpcwall.emit.powershell.PsParser.Named;
import dev.rpcwall.emit.powershell.PsParser.ParamBlock;
import dev.rpcwall.emit.powershell.PsParser.ParamDecl;
import dev.rpcwall.emit.powershell.PsParser.Pipeline;
import dev.rpcwall.emit.powershell.PsParser.Positional;
import dev.rpcwall.emit.powershell.PsParser.Splat;
import dev.rpcwall.emit.powershell.PsParser.Stmt;
import dev.rpcwall.emit.powershell.PsParser.Try;
import dev.rpcwall.emit.powershell.PsParser.Unknown;
import dev.rpcwall.emit.powershell.PsParser.Val;
import dev.rpcwall.emit.powershell.PsParser.VarRef;
import dev.rpcwall.emit.powershell.PsSpelling;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One wild reading of a PowerShell script: its statements run in order against the host state.
 * Decisions where the documentation is silent (each also in a comment where it is taken):
 *
 * <ul>
 *   <li>Parameter names are matched in any case and by unambiguous prefix, as PowerShell binds
 *       them; an ambiguous or unknown parameter makes PowerShell refuse the command
 *       ({@code invalid-rule}, nothing changes).
 *   <li>An {@code if} whose condition cannot be evaluated is read as if its first block runs
 *       (noted {@code unreadable}); {@code try} bodies run, {@code catch} blocks do not.
 *   <li>A {@code foreach} over a list that cannot be evaluated runs its body once with the loop
 *       variable unknown.
 *   <li>Calls to functions the script defines are not followed (noted).
 *   <li>A {@code -PolicyStore} that is a computer name (a local GPO) counts as a GPO store.
 * </ul>
 */
final class WildRun {
  /** A value the reader knows: strings, a hashtable, a GPO session, or unknown (and why). */
  sealed interface V permits Strs, HashV, Gpo, Unk {}

  /**
   * {@code array}: written as a list (an array even with one element); {@code integer}: an
   * unquoted whole number (an Int32 to the registry cmdlets, not a string).
   */
  record Strs(List<String> items, boolean array, boolean integer) implements V {
    Strs(List<String> items, boolean array) {
      this(items, array, false);
    }
  }

  record HashV(List<Map.Entry<Token, V>> entries) implements V {}

  record Gpo(String store) implements V {}

  record Unk(String why) implements V {}

  /** Statements run before the reader stops (a foreach over foreach over long lists). */
  private static final int MAX_STEPS = 200_000;

  /** Syntax errors reported one by one; the rest are counted in one note. */
  private static final int MAX_SYNTAX_NOTES = 100;

  private static final List<String> COMMON_PARAMS =
      List.of("Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction",
          "ProgressAction", "ErrorVariable", "WarningVariable", "InformationVariable",
          "OutVariable", "OutBuffer", "PipelineVariable");

  /** New-NetFirewallRule (windows-semantics.md 4.1, the cmdlet's syntax block). */
  private static final List<String> NEW_RULE =
      List.of("Name", "DisplayName", "Description", "Group", "Enabled", "Profile", "Platform",
          "Direction", "Action", "EdgeTraversalPolicy", "LooseSourceMapping", "LocalOnlyMapping",
          "Owner", "LocalAddress", "RemoteAddress", "Protocol", "LocalPort", "RemotePort",
          "IcmpType", "DynamicTarget", "Program", "Package", "Service", "InterfaceAlias",
          "InterfaceType", "LocalUser", "RemoteUser", "RemoteMachine", "Authentication",
          "Encryption", "OverrideBlockRules", "PolicyStore", "GPOSession", "CimSession",
          "ThrottleLimit", "AsJob", "WhatIf", "Confirm", "RemoteDynamicKeywordAddresses",
          "PolicyAppId");

  /** Set-NetFirewallRule (4.3): the selectors, NewDisplayName and the New parameters. */
  private static final List<String> SET_RULE;

  /** Get/Enable/Disable/Remove-NetFirewallRule (4.3): selectors and query filters. */
  private static final List<String> SELECT_RULE =
      List.of("Name", "DisplayName", "Description", "DisplayGroup", "Group", "Enabled",
          "Direction", "Action", "EdgeTraversalPolicy", "LooseSourceMapping", "LocalOnlyMapping",
          "Owner", "PrimaryStatus", "Status", "PolicyStoreSource", "PolicyStoreSourceType", "All",
          "InputObject", "PolicyStore", "GPOSession", "TracePolicyStore", "CimSession",
          "ThrottleLimit", "AsJob", "PassThru", "WhatIf", "Confirm",
          "AssociatedNetFirewallAddressFilter", "AssociatedNetFirewallApplicationFilter",
          "AssociatedNetFirewallInterfaceFilter", "AssociatedNetFirewallInterfaceTypeFilter",
          "AssociatedNetFirewallPortFilter", "AssociatedNetFirewallSecurityFilter",
          "AssociatedNetFirewallServiceFilter", "AssociatedNetFirewallProfile");

  /** Set-NetFirewallProfile (4.4); -Profile is an alias of -Name. */
  private static final List<String> SET_PROFILE =
      List.of("Name", "All", "Enabled", "DefaultInboundAction", "DefaultOutboundAction",
          "AllowInboundRules", "AllowLocalFirewallRules", "AllowLocalIPsecRules", "AllowUserApps",
          "AllowUserPorts", "AllowUnicastResponseToMulticast", "NotifyOnListen",
          "EnableStealthModeForIPsec", "LogFileName", "LogMaxSizeKilobytes", "LogAllowed",
          "LogBlocked", "LogIgnored", "DisabledInterfaceAliases", "InputObject", "PolicyStore",
          "GPOSession", "CimSession", "ThrottleLimit", "AsJob", "PassThru", "WhatIf", "Confirm",
          "AllowedInterfaces");

  /** The registry item cmdlets (4.5); -Type is an alias of -PropertyType. */
  private static final List<String> ITEM =
      List.of("Path", "LiteralPath", "Name", "Value", "PropertyType", "Force", "Filter",
          "Include", "Exclude", "Credential", "PassThru", "WhatIf", "Confirm", "UseTransaction",
          "ItemType", "Recurse");

  /** Parameter aliases of Set-NetFirewallProfile (4.4 -Profile) and the item cmdlets (4.5). */
  private static final Map<String, String> PROFILE_ALIASES = Map.of("Profile", "Name");

  private static final Map<String, String> ITEM_ALIASES =
      Map.of("Type", "PropertyType", "PSPath", "LiteralPath", "LP", "LiteralPath");

  static {
    List<String> set = new ArrayList<>(NEW_RULE);
    set.addAll(List.of("DisplayGroup", "NewDisplayName", "InputObject", "PassThru"));
    SET_RULE = List.copyOf(set);
  }

  /** Commands that change nothing lint looks at; not reported. */
  private static final Set<String> INERT =
      Set.of("out-null", "write-host", "write-warning", "write-verbose", "write-output",
          "write-information", "write-debug", "write-error", "write-progress", "import-module",
          "set-strictmode", "test-path", "start-sleep", "restart-service", "start-service",
          "stop-service", "save-netgpo", "new-item", "get-item", "get-itemproperty",
          "format-table", "format-list", "select-object", "out-file", "out-host", "start-transcript",
          "stop-transcript", "get-date", "clear-host", "pause", "exit", "return", "net");

  /** Command names that touch the firewall or the RPC settings: reported when not understood. */
  private static final Pattern RELEVANT =
      Pattern.compile("(?i).*(netfirewall|netipsec|netgpo|itemproperty|rpccfg|winmgmt|registry).*");

  private final SourceFile file;
  private final HostState host;
  private final List<HostNote> notes;
  private final CommandLineReader netsh;
  private final Map<String, V> vars = new HashMap<>();
  private final Set<String> functions = new HashSet<>();
  /** Per profile, what Set-NetFirewallProfile set: enabled, allow inbound rules, allow local. */
  private final Map<Profile, boolean[]> profileFlags = new EnumMap<>(Profile.class);
  private int unnamed;
  private int steps;

  WildRun(SourceFile file, HostState host, List<HostNote> notes, CommandLineReader netsh) {
    this.file = file;
    this.host = host;
    this.notes = notes;
    this.netsh = netsh;
  }

  void run() {
    Diagnostics syntax = new Diagnostics();
    List<Token> tokens = PsLexer.lex(file, syntax);
    List<Stmt> stmts = PsParser.parse(file, tokens, syntax);
    List<Diagnostic> found = syntax.sorted();
    for (Diagnostic d : found.subList(0, Math.min(found.size(), MAX_SYNTAX_NOTES))) {
      notes.add(HostNote.unreadable(d.span(), d.message(), d.hint().orElse(
          "the rest of the script is read; check this part by hand")));
    }
    if (found.size() > MAX_SYNTAX_NOTES) {
      // Random or binary text: the first ones say enough.
      notes.add(HostNote.unreadable(found.get(MAX_SYNTAX_NOTES).span(), (found.size()
          - MAX_SYNTAX_NOTES) + " more places in this file are not PowerShell the reader"
          + " understands", "check that the file is a PowerShell script"));
    }
    block(stmts);
  }

  // ---- notes ------------------------------------------------------------------------------------

  private SourceSpan span(int offset, int length) {
    int at = Math.max(0, Math.min(offset, file.text().length()));
    return file.spanAt(at, Math.max(1, Math.min(length, file.text().length() - at)));
  }

  private SourceSpan span(Token t) {
    return span(t.offset(), t.length());
  }

  /** A loop body says the same thing at the same place once, not once per item. */
  private final Set<HostNote> said = new HashSet<>();

  private void note(HostNote n) {
    if (said.add(n)) {
      notes.add(n);
    }
  }

  private void unreadable(SourceSpan at, String message, String hint) {
    note(HostNote.unreadable(at, message, hint));
  }

  private void invalid(SourceSpan at, String message) {
    note(HostNote.invalidRule(at, message, "Windows refuses this command; it changes nothing"));
  }

  // ---- statements -------------------------------------------------------------------------------

  /** False once the reader stopped (too many steps). */
  private boolean block(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (++steps > MAX_STEPS) {
        if (steps == MAX_STEPS + 1) {
          unreadable(span(0, 1), "the script runs more than " + MAX_STEPS
              + " statements (loops over long lists); the reader stopped there",
              "split the script or read the rules from an export instead");
        }
        return false;
      }
      statement(s);
    }
    return true;
  }

  private void statement(Stmt s) {
    if (s instanceof Pipeline pl) {
      pipeline(pl);
    } else if (s instanceof Assign a) {
      assign(a);
    } else if (s instanceof If i) {
      ifStatement(i);
    } else if (s instanceof Try t) {
      // catch blocks only run after a failure; the reading follows the success path.
      block(t.body());
      t.fin().ifPresent(this::block);
    } else if (s instanceof ForEach f) {
      forEach(f);
    } else if (s instanceof Function f) {
      functions.add(f.name().toLowerCase(Locale.ROOT));
    } else if (s instanceof ParamBlock pb) {
      for (ParamDecl d : pb.params()) {
        String name = varKey(d.variable().text());
        if (d.defaultValue().isPresent()) {
          vars.put(name, eval(d.defaultValue().get()));
        } else if (d.isSwitch()) {
          vars.put(name, new Strs(List.of("False"), false));
        } else {
          vars.put(name, new Unk("the script parameter $" + d.variable().text()
              + " has no default value"));
        }
      }
    } else if (s instanceof Unknown u) {
      unreadable(span(u.at()), u.what(), "the rest of the script is read; check this part by hand");
      if (u.at().is(Kind.VARIABLE)) {
        // $ports += 445 and the like: the variable's value is no longer known.
        vars.put(varKey(u.at().text()), new Unk("$" + u.at().text()
            + " is changed by a statement the reader does not understand"));
      }
    }
    // Attributes ([CmdletBinding()]) change nothing.
  }

  private void assign(Assign a) {
    String name = varKey(a.variable().text());
    if (a.pipeline().isPresent()) {
      Pipeline pl = a.pipeline().get();
      Cmd first = pl.commands().get(0);
      V value;
      if (commandName(first.head()).equals("open-netgpo") && pl.commands().size() == 1) {
        value = openGpo(first);
      } else {
        pipeline(pl);
        value = new Unk("$" + a.variable().text() + " holds the output of " + first.head().text());
      }
      if (!name.equals("null")) {
        vars.put(name, value);
      }
      return;
    }
    if (!name.equals("null")) {
      vars.put(name, a.value().map(this::eval).orElse(new Unk("no value")));
    }
  }

  private V openGpo(Cmd cmd) {
    Map<String, Bound> b = bind(cmd, List.of("PolicyStore", "DomainController", "CimSession",
        "ThrottleLimit", "AsJob"), "PolicyStore");
    if (b == null || !b.containsKey("PolicyStore")) {
      return new Gpo("");
    }
    List<String> s = strings(b.get("PolicyStore"));
    return new Gpo(s == null || s.size() != 1 ? "" : s.get(0));
  }

  private void forEach(ForEach f) {
    String name = varKey(f.variable().text());
    V items = eval(f.collection());
    if (items instanceof Strs s) {
      for (String item : s.items()) {
        vars.put(name, new Strs(List.of(item), false));
        if (!block(f.body())) {
          return;
        }
      }
      return;
    }
    // Decision: the body still runs once, with the loop variable unknown, so that what it
    // creates is on the host with its unknown fields named (rather than silently missing).
    String why = items instanceof Unk u ? u.why() : "it is not a list of values";
    unreadable(span(f.keyword()), "the list of this foreach is not known (" + why
        + "); its body is read once with $" + f.variable().text() + " unknown",
        "assign the list literally earlier in the script");
    vars.put(name, new Unk("$" + f.variable().text() + " is the variable of a foreach over a list"
        + " that is not known"));
    block(f.body());
  }

  // ---- if conditions ----------------------------------------------------------------------------

  private void ifStatement(If i) {
    for (Branch b : i.branches()) {
      Optional<Boolean> c = new Condition(b.condition()).evaluate();
      if (c.isEmpty()) {
        // Decision: a condition the reader cannot evaluate is read as true (the block is what
        // the script is written to do), and said.
        Token at = b.keyword();
        unreadable(span(at), "the condition of this '" + at.text() + "' is not evaluated; its"
            + " block is read as if it runs", "check whether the block runs on the host");
        block(b.body());
        return;
      }
      if (c.get()) {
        block(b.body());
        return;
      }
    }
    i.otherwise().ifPresent(this::block);
  }

  /** A small evaluator of conditions: -not, -and, -or, comparisons of known values. */
  private final class Condition {
    private final List<Token> t;
    private int p;

    Condition(List<Token> tokens) {
      this.t = tokens;
    }

    Optional<Boolean> evaluate() {
      try {
        Optional<Boolean> v = or();
        return p == t.size() ? v : Optional.empty();
      } catch (IndexOutOfBoundsException e) {
        return Optional.empty();
      }
    }

    private boolean isOp(String op) {
      return p < t.size() && t.get(p).is(Kind.PARAM) && t.get(p).text().equalsIgnoreCase(op);
    }

    private Optional<Boolean> or() {
      Optional<Boolean> v = and();
      while (isOp("or")) {
        p++;
        Optional<Boolean> r = and();
        v = v.isPresent() && v.get() ? v : (r.isPresent() && r.get() ? r
            : v.isPresent() && r.isPresent() ? Optional.of(false) : Optional.empty());
      }
      return v;
    }

    private Optional<Boolean> and() {
      Optional<Boolean> v = not();
      while (isOp("and")) {
        p++;
        Optional<Boolean> r = not();
        v = v.isPresent() && !v.get() ? v : (r.isPresent() && !r.get() ? r
            : v.isPresent() && r.isPresent() ? Optional.of(true) : Optional.empty());
      }
      return v;
    }

    private Optional<Boolean> not() {
      if (isOp("not") || (p < t.size() && t.get(p).isWord("!"))) {
        p++;
        return not().map(b -> !b);
      }
      return comparison();
    }

    private Optional<Boolean> comparison() {
      Optional<V> left = operand();
      if (p < t.size() && t.get(p).is(Kind.PARAM)) {
        String op = t.get(p).text().toLowerCase(Locale.ROOT);
        if (op.startsWith("i")) {
          op = op.substring(1);
        }
        if (Set.of("eq", "ne", "like", "notlike").contains(op)) {
          p++;
          Optional<V> right = operand();
          Optional<String> l = left.flatMap(WildRun::single);
          Optional<String> r = right.flatMap(WildRun::single);
          if (l.isEmpty() || r.isEmpty()) {
            return Optional.empty();
          }
          boolean like = op.endsWith("like");
          boolean eq = like ? glob(r.get()).matcher(l.get()).matches()
              : l.get().equalsIgnoreCase(r.get());
          return Optional.of(op.startsWith("n") ? !eq : eq);
        }
        return Optional.empty();
      }
      return left.flatMap(WildRun::truth);
    }

    private Optional<V> operand() {
      Token tok = t.get(p++);
      if (tok.is(Kind.VARIABLE)) {
        if (tok.text().equalsIgnoreCase("PSCmdlet.ShouldProcess")) {
          // $PSCmdlet.ShouldProcess(...) is true when the script runs without -WhatIf.
          skipParens();
          return Optional.of(new Strs(List.of("True"), false));
        }
        V v = variable(tok.text());
        return v instanceof Unk ? Optional.empty() : Optional.of(v);
      }
      if (tok.is(Kind.STRING) && !tok.expandable() && !tok.bad()) {
        return Optional.of(new Strs(List.of(tok.text()), false));
      }
      if (tok.is(Kind.WORD) && tok.text().matches("-?[0-9]+")) {
        return Optional.of(new Strs(List.of(tok.text()), false));
      }
      if (tok.is(Kind.LPAREN)) {
        int mark = p;
        Optional<Boolean> inner = or();
        if (p < t.size() && t.get(p).is(Kind.RPAREN)) {
          p++;
          return inner.map(b -> new Strs(List.of(b ? "True" : "False"), false));
        }
        p = mark;
        skipTo(Kind.RPAREN);
        return Optional.empty();
      }
      return Optional.empty();
    }

    private void skipParens() {
      if (p < t.size() && t.get(p).is(Kind.LPAREN)) {
        p++;
        skipTo(Kind.RPAREN);
      }
    }

    /** Skips to just after the closing bracket of a level already entered. */
    private void skipTo(Kind close) {
      int level = 1;
      while (p < t.size() && level > 0) {
        Token tok = t.get(p++);
        if (tok.is(Kind.LPAREN) || tok.is(Kind.AT_PAREN) || tok.is(Kind.DOLLAR_PAREN)) {
          level++;
        } else if (tok.is(close)) {
          level--;
        }
      }
    }
  }

  private static Optional<String> single(Bound b) {
    return b.value() == null ? Optional.empty() : single(b.value());
  }

  private static Optional<String> single(V v) {
    return v instanceof Strs s && s.items().size() == 1 ? Optional.of(s.items().get(0))
        : Optional.empty();
  }

  private static Optional<Boolean> truth(V v) {
    if (v instanceof Strs s) {
      if (s.items().isEmpty()) {
        return Optional.of(false);
      }
      if (s.items().size() == 1) {
        String x = s.items().get(0);
        return Optional.of(!(x.isEmpty() || x.equalsIgnoreCase("False") || x.equals("0")));
      }
      return Optional.of(true);
    }
    return v instanceof HashV || v instanceof Gpo ? Optional.of(true) : Optional.empty();
  }

  /** PowerShell's wildcard (* ? [..]) as a case-insensitive pattern. */
  static Pattern glob(String wildcard) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < wildcard.length(); i++) {
      char c = wildcard.charAt(i);
      if (c == '*') {
        b.append(".*");
      } else if (c == '?') {
        b.append('.');
      } else if (c == '[' && wildcard.indexOf(']', i + 1) > i + 1) {
        int end = wildcard.indexOf(']', i + 1);
        b.append('[').append(wildcard.substring(i + 1, end).replace("\\", "\\\\")
            .replace("^", "\\^").replace("[", "\\[")).append(']');
        i = end;
      } else if (c == '`' && i + 1 < wildcard.length()) {
        b.append(Pattern.quote(String.valueOf(wildcard.charAt(++i))));
      } else {
        b.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(b.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
        | Pattern.DOTALL);
  }

  // ---- values -----------------------------------------------------------------------------------

  /** A variable's key: any case, without a scope ($script:x is $x in a script's own scope). */
  private static String varKey(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String scope : List.of("script:", "global:", "local:", "private:")) {
      if (n.startsWith(scope)) {
        return n.substring(scope.length());
      }
    }
    return n;
  }

  private V variable(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    switch (n) {
      case "true":
        return new Strs(List.of("True"), false);
      case "false":
        return new Strs(List.of("False"), false);
      case "null":
        return new Strs(List.of(), false);
      default:
        break;
    }
    if (n.startsWith("env:")) {
      return new Unk("$" + name + " is an environment variable of the host");
    }
    n = varKey(n);
    int dot = n.indexOf('.');
    if (dot > 0) {
      V base = vars.get(n.substring(0, dot));
      if (base instanceof HashV h) {
        String key = n.substring(dot + 1);
        for (Map.Entry<Token, V> e : h.entries()) {
          if (e.getKey().text().equalsIgnoreCase(key)) {
            return e.getValue();
          }
        }
      }
      return new Unk("$" + name + " is not a value the script assigns literally");
    }
    V v = vars.get(n);
    return v == null ? new Unk("$" + name + " is not assigned in the script") : v;
  }

  V eval(Val v) {
    if (v instanceof Lit l) {
      if (l.bareInExpression()) {
        return new Unk("the bare word '" + l.text() + "' in an expression runs a command");
      }
      boolean integer = !l.quoted() && !l.text().isEmpty()
          && l.text().chars().allMatch(c -> c >= '0' && c <= '9');
      return new Strs(List.of(l.text()), false, integer);
    }
    if (v instanceof ListVal l) {
      List<String> all = new ArrayList<>();
      for (Val item : l.items()) {
        V x = eval(item);
        if (x instanceof Strs s) {
          all.addAll(s.items());
        } else {
          return x instanceof Unk ? x : new Unk("a list holds a value that is not a string");
        }
      }
      return new Strs(all, true);
    }
    if (v instanceof VarRef r) {
      return variable(r.name());
    }
    if (v instanceof Hash h) {
      List<Map.Entry<Token, V>> entries = new ArrayList<>();
      for (Map.Entry<Token, Val> e : h.entries()) {
        entries.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), eval(e.getValue())));
      }
      return new HashV(entries);
    }
    BadVal bad = (BadVal) v;
    if (Codes.PS_READ_EXPANDABLE.equals(bad.code())) {
      return expand(bad.offset(), bad.length());
    }
    return new Unk(bad.why() == null ? "this value is not understood" : bad.why());
  }

  /** A double-quoted string: backtick escapes and $name / ${name} of known single values. */
  private V expand(int offset, int length) {
    String raw = file.text().substring(offset, Math.min(file.text().length(), offset + length));
    if (raw.length() < 2) {
      return new Unk("an unclosed string");
    }
    String s = raw.substring(1, raw.length() - 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '`' && i + 1 < s.length()) {
        char e = s.charAt(++i);
        out.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          case '0' -> '\0';
          default -> e;
        });
      } else if (c == '$' && i + 1 < s.length()) {
        String name;
        int end;
        if (s.charAt(i + 1) == '{') {
          end = s.indexOf('}', i + 2);
          if (end < 0) {
            return new Unk("'${' is never closed in " + raw);
          }
          name = s.substring(i + 2, end);
          end++;
        } else if (s.charAt(i + 1) == '(') {
          return new Unk("the subexpression in " + raw + " runs at run time");
        } else {
          end = i + 1;
          while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end))
              || s.charAt(end) == '_' || s.charAt(end) == ':')) {
            end++;
          }
          name = s.substring(i + 1, end);
          if (name.isEmpty()) {
            out.append(c);
            continue;
          }
        }
        V value = variable(name);
        if (value instanceof Strs st) {
          // Arrays expand joined by a space ($OFS's default).
          out.append(String.join(" ", st.items()));
        } else {
          return value instanceof Unk u ? u : new Unk("$" + name + " is not a string");
        }
        i = end - 1;
      } else {
        out.append(c);
      }
    }
    return new Strs(List.of(out.toString()), false);
  }

  // ---- commands ---------------------------------------------------------------------------------

  private static String commandName(Token head) {
    String n = head.text().toLowerCase(Locale.ROOT);
    int slash = n.lastIndexOf('\\');
    if (slash >= 0 && !n.endsWith("\\")) {
      n = n.substring(slash + 1); // NetSecurity\New-NetFirewallRule, C:\Windows\...\netsh.exe
    }
    if (n.endsWith(".exe")) {
      n = n.substring(0, n.length() - 4);
    }
    return n;
  }

  private void pipeline(Pipeline pl) {
    List<Cmd> cmds = pl.commands();
    Cmd first = cmds.get(0);
    String name = commandName(first.head());
    if (cmds.size() > 1 && name.equals("get-netfirewallrule")) {
      Selection sel = selection(first, "Get-NetFirewallRule");
      for (int k = 1; k < cmds.size(); k++) {
        Cmd c = cmds.get(k);
        String n = commandName(c.head());
        if (n.equals("where-object") || n.equals("where") || n.equals("?")) {
          unreadable(span(c.head()), "the rules a Where-Object filter keeps are not known; the"
              + " rest of this pipeline is not read", "select the rules by -Name, -DisplayName"
              + " or -Group instead");
          return;
        }
        if (sel == null) {
          return;
        }
        switch (n) {
          case "set-netfirewallrule" -> setRule(c, sel);
          case "enable-netfirewallrule" -> enable(c, sel, true);
          case "disable-netfirewallrule" -> enable(c, sel, false);
          case "remove-netfirewallrule" -> remove(c, sel);
          default -> {
            if (!INERT.contains(n) && RELEVANT.matcher(n).matches()) {
              unreadable(span(c.head()), "'" + c.head().text() + "' in a pipeline is not"
                  + " understood", "check this command by hand");
              return;
            }
          }
        }
      }
      return;
    }
    command(first);
    for (int k = 1; k < cmds.size(); k++) {
      String n = commandName(cmds.get(k).head());
      if (!INERT.contains(n) && (RELEVANT.matcher(n).matches() || functions.contains(n))) {
        unreadable(span(cmds.get(k).head()), "'" + cmds.get(k).head().text() + "' reading its"
            + " input from a pipeline is not understood", "check this command by hand");
      }
    }
  }

  private void command(Cmd cmd) {
    String name = commandName(cmd.head());
    switch (name) {
      case "new-netfirewallrule" -> newRule(cmd);
      case "set-netfirewallrule" -> setRule(cmd, null);
      case "enable-netfirewallrule" -> enable(cmd, null, true);
      case "disable-netfirewallrule" -> enable(cmd, null, false);
      case "remove-netfirewallrule" -> remove(cmd, null);
      case "get-netfirewallrule", "open-netgpo" -> {}
      case "set-netfirewallprofile" -> profile(cmd);
      case "set-itemproperty", "new-itemproperty" -> itemProperty(cmd, name);
      case "remove-itemproperty" -> removeItemProperty(cmd);
      case "remove-item" -> removeItem(cmd);
      case "winmgmt" -> winmgmt(cmd);
      case "netsh", "reg" -> lineCommand(cmd);
      default -> {
        if (functions.contains(name)) {
          unreadable(span(cmd.head()), "'" + cmd.head().text() + "' is a function of this script;"
              + " what it does is not read", "write the commands it runs at top level");
        } else if (!INERT.contains(name) && RELEVANT.matcher(name).matches()) {
          unreadable(span(cmd.head()), "'" + cmd.head().text() + "' is not understood",
              "check what it changes by hand");
        }
      }
    }
  }

  // ---- binding ----------------------------------------------------------------------------------

  /** A bound parameter: its canonical name, where it was given, and its value (null: a switch). */
  private record Bound(String name, SourceSpan at, V value) {}

  /**
   * Binds the arguments of {@code cmd} to {@code params} as PowerShell does: any case, an
   * unambiguous prefix, splatted hashtables, positional values in {@code positional} order.
   * Returns null after an {@code invalid-rule} note when PowerShell refuses the command.
   */
  private Map<String, Bound> bind(Cmd cmd, List<String> params, String... positional) {
    Map<String, Bound> bound = new LinkedHashMap<>();
    int pos = 0;
    for (Arg arg : cmd.args()) {
      if (arg instanceof Named n) {
        SourceSpan at = span(n.param());
        V value = n.value().map(this::eval).orElse(null);
        if (!bindOne(cmd, bound, params, n.param().text(), at, value)) {
          return null;
        }
      } else if (arg instanceof Splat s) {
        V v = variable(s.token().text());
        if (v instanceof HashV h) {
          for (Map.Entry<Token, V> e : h.entries()) {
            V value = e.getValue();
            // @{ Force = $true } is a switch given as a boolean
            if (!bindOne(cmd, bound, params, e.getKey().text(), span(e.getKey()), value)) {
              return null;
            }
          }
        } else {
          String why = v instanceof Unk u ? u.why() : "it does not hold a literal hashtable";
          unreadable(span(s.token()), "the parameters splatted from @" + s.token().text()
              + " are not known (" + why + ")", "assign $" + s.token().text()
              + " a literal hashtable @{ Name = value } earlier in the script");
        }
      } else if (arg instanceof Positional p) {
        while (pos < positional.length && bound.containsKey(positional[pos])) {
          pos++;
        }
        if (pos >= positional.length) {
          invalid(span(p.value().offset(), 1), cmd.head().text() + ": PowerShell finds no"
              + " parameter for this positional value and refuses the command");
          return null;
        }
        bound.put(positional[pos], new Bound(positional[pos], span(p.value().offset(), 1),
            eval(p.value())));
        pos++;
      }
    }
    return bound;
  }

  private boolean bindOne(Cmd cmd, Map<String, Bound> bound, List<String> params, String given,
      SourceSpan at, V value) {
    String exact = null;
    Set<String> matches = new LinkedHashSet<>();
    for (List<String> list : List.of(params, COMMON_PARAMS)) {
      for (String p : list) {
        if (p.equalsIgnoreCase(given)) {
          exact = p;
        } else if (!given.isEmpty() && p.regionMatches(true, 0, given, 0, given.length())) {
          matches.add(p);
        }
      }
    }
    Map<String, String> aliases =
        params == SET_PROFILE ? PROFILE_ALIASES : params == ITEM ? ITEM_ALIASES : Map.of();
    for (Map.Entry<String, String> a : aliases.entrySet()) {
      {
        if (a.getKey().equalsIgnoreCase(given)) {
          exact = a.getValue();
        } else if (!given.isEmpty() && a.getKey().regionMatches(true, 0, given, 0, given.length())) {
          matches.add(a.getValue());
        }
      }
    }
    if (exact == null && matches.size() == 1) {
      exact = matches.iterator().next();
    }
    if (exact == null) {
      invalid(at, cmd.head().text() + ": PowerShell refuses parameter -" + given
          + (matches.isEmpty() ? ", which it does not have"
              : ", which is ambiguous (" + String.join(", ", matches) + ")"));
      return false;
    }
    if (bound.containsKey(exact)) {
      invalid(at, cmd.head().text() + ": parameter -" + exact + " is given twice; PowerShell"
          + " refuses the command");
      return false;
    }
    bound.put(exact, new Bound(exact, at, value));
    return true;
  }

  /** The strings of a bound value; null when unknown (the caller says so). */
  private static List<String> strings(Bound b) {
    return b.value() instanceof Strs s ? s.items() : null;
  }

  private static String why(Bound b) {
    if (b.value() == null) {
      return "-" + b.name() + " has no value";
    }
    return b.value() instanceof Unk u ? u.why() : "-" + b.name() + " is not a string value";
  }

  /** Notes an unknown value; returns the text for the rule's otherConditions. */
  private String unknown(Bound b) {
    String why = why(b);
    unreadable(b.at(), "the value of -" + b.name() + " is not known (" + why + "); the rule is"
        + " read with this condition unknown", "assign the value literally in the script");
    return "-" + b.name() + " unknown: " + why;
  }

  /** A switch or a True/False value: empty when unknown. */
  private static Optional<Boolean> flag(Bound b) {
    if (b.value() == null) {
      return Optional.of(true);
    }
    Optional<String> s = single(b.value());
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (s.get().equalsIgnoreCase("True") || s.get().equals("1")) {
      return Optional.of(true);
    }
    if (s.get().equalsIgnoreCase("False") || s.get().equals("0")) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  /** Where the command writes: empty after an invalid-rule note (a read-only store). */
  private Optional<HostStore> store(Cmd cmd, Map<String, Bound> b, boolean forWrite) {
    if (b.containsKey("GPOSession")) {
      return Optional.of(HostStore.GPO);
    }
    Bound ps = b.get("PolicyStore");
    if (ps == null) {
      return Optional.of(HostStore.LOCAL);
    }
    List<String> s = strings(ps);
    if (s == null || s.size() != 1) {
      unreadable(ps.at(), "the policy store is not known (" + why(ps) + "); read as this"
          + " computer's PersistentStore", "write -PolicyStore literally");
      return Optional.of(HostStore.LOCAL);
    }
    String v = s.get(0).trim();
    String lower = v.toLowerCase(Locale.ROOT);
    if (v.contains("\\")) {
      return Optional.of(HostStore.GPO); // domain\GPO (4.1)
    }
    switch (lower) {
      case "persistentstore", "localhost", ".", "activestore", "configurableservicestore" -> {
        return Optional.of(HostStore.LOCAL);
      }
      case "rsop" -> {
        if (forWrite) {
          invalid(ps.at(), "the RSOP store is read-only (windows-semantics.md 4.1)");
          return Optional.empty();
        }
        return Optional.of(HostStore.GPO);
      }
      case "systemdefaults", "staticservicestore" -> {
        if (forWrite) {
          invalid(ps.at(), "the " + v + " store is read-only (windows-semantics.md 4.1)");
          return Optional.empty();
        }
        return Optional.of(HostStore.LOCAL);
      }
      default -> {
        // Decision: another computer name is that computer's local GPO (4.1 "localhost/hostname
        // (local GPO)"): a Group Policy store.
        return Optional.of(HostStore.GPO);
      }
    }
  }

  // ---- New-NetFirewallRule ----------------------------------------------------------------------

  /** Fields of a rule being built or changed, with the otherConditions it carries. */
  private final class Fields {
    String id;
    String displayName;
    Optional<String> group = Optional.empty();
    Optional<String> description = Optional.empty();
    Direction direction = Direction.IN;
    RuleAction action = RuleAction.ALLOW;
    int protocol = WfasRule.ANY_PROTOCOL;
    boolean protocolKnown = true;
    PortCondition localPorts = PortCondition.ANY;
    PortCondition remotePorts = PortCondition.ANY;
    boolean portsGiven;
    AddressCondition localAddresses = AddressCondition.ANY;
    AddressCondition remoteAddresses = AddressCondition.ANY;
    Set<Profile> profiles = Set.of();
    boolean enabled = true;
    Optional<String> program = Optional.empty();
    Optional<String> service = Optional.empty();
    Map<String, String> other = new LinkedHashMap<>();

    Fields() {}

    Fields(WfasRule r) {
      id = r.id();
      displayName = r.displayName();
      group = r.group();
      description = r.description();
      direction = r.direction();
      action = r.action();
      protocol = r.protocol();
      localPorts = r.localPorts();
      remotePorts = r.remotePorts();
      portsGiven = !r.localPorts().any() || !r.remotePorts().any();
      localAddresses = r.localAddresses();
      remoteAddresses = r.remoteAddresses();
      profiles = r.profiles();
      enabled = r.enabled();
      program = r.program();
      service = r.service();
      int k = 0;
      for (String c : r.otherConditions()) {
        String key = c.startsWith("-") && c.indexOf(' ') > 0 ? c.substring(0, c.indexOf(' '))
            : "#" + (k++);
        other.put(key, c);
      }
      // A protocol read as unknown stays unknown: Windows' port check cannot be made.
      protocolKnown = !other.containsKey("-Protocol");
    }

    WfasRule rule(SourceSpan origin) {
      return new WfasRule(id, displayName, group, description, direction, action, protocol,
          localPorts, remotePorts, localAddresses, remoteAddresses, profiles, enabled, program,
          service, origin, List.copyOf(other.values()));
    }
  }

  /** Parameters that only narrow a rule and have no field: kept as otherConditions. */
  private static final Map<String, String> NEUTRAL =
      Map.ofEntries(
          Map.entry("InterfaceType", "Any"),
          Map.entry("Authentication", "NotRequired"),
          Map.entry("Encryption", "NotRequired"),
          Map.entry("InterfaceAlias", ""),
          Map.entry("IcmpType", "Any"),
          Map.entry("LocalUser", "Any"),
          Map.entry("RemoteUser", "Any"),
          Map.entry("RemoteMachine", "Any"),
          Map.entry("Package", ""),
          Map.entry("DynamicTarget", "Any"),
          Map.entry("RemoteDynamicKeywordAddresses", ""),
          Map.entry("PolicyAppId", ""));

  /**
   * Applies the condition parameters in {@code b} to {@code f}. Returns false after an
   * invalid-rule note when Windows refuses a value.
   */
  private boolean apply(Map<String, Bound> b, Fields f, String verb) {
    for (Bound x : b.values()) {
      String n = x.name();
      if (NEUTRAL.containsKey(n)) {
        Optional<String> v = single(x);
        List<String> all = strings(x);
        if (all == null) {
          f.other.put("-" + n, unknown(x));
        } else if (all.size() == 1 && v.isPresent()
            && (v.get().equalsIgnoreCase(NEUTRAL.get(n)) || v.get().isEmpty())) {
          f.other.remove("-" + n);
        } else {
          // Understood but not a field: a condition the evaluator reads as host-dependent.
          f.other.put("-" + n, "-" + n + " " + String.join(",", all));
        }
      }
    }
    if (b.containsKey("DisplayName") && verb.equals("new")
        || b.containsKey("NewDisplayName")) {
      Bound x = b.containsKey("NewDisplayName") ? b.get("NewDisplayName") : b.get("DisplayName");
      List<String> s = strings(x);
      if (s != null && s.size() == 1) {
        f.displayName = s.get(0);
      } else {
        unknown(x);
      }
    }
    if (b.containsKey("Group") && verb.equals("new")) {
      f.group = text(b.get("Group"));
    }
    if (b.containsKey("Description")) {
      f.description = text(b.get("Description"));
    }
    if (b.containsKey("Program")) {
      f.program = condition(b.get("Program"), f);
    }
    if (b.containsKey("Service")) {
      f.service = condition(b.get("Service"), f);
    }
    if (b.containsKey("Direction")) {
      Bound x = b.get("Direction");
      Optional<String> v = single(x);
      if (v.isEmpty()) {
        f.other.put("-Direction", unknown(x)); // read as the default, Inbound
      } else if (v.get().equalsIgnoreCase("Inbound")) {
        f.direction = Direction.IN;
        f.other.remove("-Direction");
      } else if (v.get().equalsIgnoreCase("Outbound")) {
        f.direction = Direction.OUT;
        f.other.remove("-Direction");
      } else {
        return refuse(x, v.get(), "Inbound or Outbound");
      }
    }
    if (b.containsKey("Action")) {
      Bound x = b.get("Action");
      Optional<String> v = single(x);
      if (v.isEmpty()) {
        f.other.put("-Action", unknown(x)); // read as Allow: what exposes more
        f.action = RuleAction.ALLOW;
      } else if (v.get().equalsIgnoreCase("Allow")) {
        f.action = RuleAction.ALLOW;
        f.other.remove("-Action");
      } else if (v.get().equalsIgnoreCase("Block")) {
        f.action = RuleAction.BLOCK;
        f.other.remove("-Action");
      } else {
        return refuse(x, v.get(), "Allow or Block");
      }
    }
    if (b.containsKey("OverrideBlockRules")) {
      Optional<Boolean> v = flag(b.get("OverrideBlockRules"));
      if (v.orElse(false) && f.action == RuleAction.ALLOW) {
        f.action = RuleAction.BYPASS; // 4.1: = action=bypass
      }
    }
    if (b.containsKey("Enabled")) {
      Bound x = b.get("Enabled");
      // 4.1: the strings True/False; $true/$false are read the same (UNCONFIRMED how the enum
      // takes a boolean: the intent is clear).
      Optional<Boolean> v = flag(x);
      if (v.isPresent()) {
        f.enabled = v.get();
      } else if (strings(x) == null) {
        unknown(x); // read as enabled: what exposes more
        f.enabled = true;
      } else {
        return refuse(x, String.join(",", strings(x)), "True or False");
      }
    }
    if (b.containsKey("Protocol")) {
      Bound x = b.get("Protocol");
      Optional<String> v = single(x);
      if (v.isEmpty()) {
        f.other.put("-Protocol", unknown(x));
        f.protocol = WfasRule.ANY_PROTOCOL;
        f.protocolKnown = false;
      } else {
        int p = ProtocolNames.number(v.get().trim());
        if (p < 0) {
          return refuse(x, v.get(), "TCP, UDP, ICMPv4, ICMPv6, Any or 0-255");
        }
        f.protocol = p;
        f.protocolKnown = true;
        f.other.remove("-Protocol");
      }
    }
    for (String side : List.of("LocalPort", "RemotePort")) {
      if (!b.containsKey(side)) {
        continue;
      }
      Bound x = b.get(side);
      List<String> s = strings(x);
      PortCondition c;
      if (s == null) {
        f.other.put("-" + side, unknown(x));
        c = PortCondition.ANY;
      } else {
        c = ports(x, s);
        if (c == null) {
          return false;
        }
        f.other.remove("-" + side);
        f.portsGiven = true;
      }
      if (side.equals("LocalPort")) {
        f.localPorts = c;
      } else {
        f.remotePorts = c;
      }
    }
    for (String side : List.of("LocalAddress", "RemoteAddress")) {
      if (!b.containsKey(side)) {
        continue;
      }
      Bound x = b.get(side);
      List<String> s = strings(x);
      AddressCondition c;
      if (s == null) {
        f.other.put("-" + side, unknown(x));
        c = AddressCondition.ANY;
      } else {
        c = addresses(x, s, side.equals("LocalAddress"));
        if (c == null) {
          return false;
        }
        f.other.remove("-" + side);
      }
      if (side.equals("LocalAddress")) {
        f.localAddresses = c;
      } else {
        f.remoteAddresses = c;
      }
    }
    if (b.containsKey("Profile")) {
      Bound x = b.get("Profile");
      List<String> s = strings(x);
      if (s == null) {
        f.other.put("-Profile", unknown(x));
        f.profiles = Set.of();
      } else {
        Set<Profile> p = profiles(x, s, true);
        if (p == null) {
          return false;
        }
        f.profiles = p;
        f.other.remove("-Profile");
      }
    }
    return true;
  }

  private boolean refuse(Bound x, String value, String expected) {
    invalid(x.at(), "'" + value + "' is not a value of -" + x.name() + " (Windows accepts "
        + expected + ")");
    return false;
  }

  private Optional<String> text(Bound x) {
    List<String> s = strings(x);
    if (s != null && s.size() == 1) {
      return Optional.of(s.get(0));
    }
    unknown(x);
    return Optional.empty();
  }

  /** A program or service: unknown is no field and an other condition (host-dependent). */
  private Optional<String> condition(Bound x, Fields f) {
    List<String> s = strings(x);
    if (s != null && s.size() == 1) {
      f.other.remove("-" + x.name());
      String v = s.get(0);
      return v.isEmpty() || v.equalsIgnoreCase("Any") ? Optional.empty() : Optional.of(v);
    }
    f.other.put("-" + x.name(), unknown(x));
    return Optional.empty();
  }

  /** Port items (4.1): numbers, ranges, keywords, Any; null after an invalid-rule note. */
  private PortCondition ports(Bound x, List<String> items) {
    List<PortRange> ranges = new ArrayList<>();
    Set<PortKeyword> keywords = EnumSet.noneOf(PortKeyword.class);
    boolean any = false;
    List<String> parts = new ArrayList<>();
    for (String item : items) {
      // UNCONFIRMED whether the cmdlet splits '135,445' in one string; read as the list meant.
      for (String part : item.split(",", -1)) {
        parts.add(part.trim());
      }
    }
    for (String s : parts) {
      Optional<PortKeyword> k = PsSpelling.portKeyword(s);
      if (s.equalsIgnoreCase("Any")) {
        any = true;
      } else if (k.isPresent()) {
        keywords.add(k.get());
      } else {
        Optional<PortRange> r = portRange(s);
        if (r.isEmpty()) {
          invalid(x.at(), "'" + s + "' is not a port 0-65535, a range a-b or a port keyword;"
              + " Windows refuses -" + x.name());
          return null;
        }
        ranges.add(r.get());
      }
    }
    if (any) {
      return parts.size() == 1 ? PortCondition.ANY : refusedAny(x);
    }
    return new PortCondition(false, PortSet.of(ranges), keywords);
  }

  private PortCondition refusedAny(Bound x) {
    invalid(x.at(), "'Any' cannot be combined with other values in -" + x.name());
    return null;
  }

  static Optional<PortRange> portRange(String s) {
    if (s.matches("[0-9]{1,5}")) {
      int p = Integer.parseInt(s);
      return p <= PortRange.MAX_PORT ? Optional.of(PortRange.of(p)) : Optional.empty();
    }
    if (s.matches("[0-9]{1,5}\\s*-\\s*[0-9]{1,5}")) {
      int dash = s.indexOf('-');
      int a = Integer.parseInt(s.substring(0, dash).trim());
      int z = Integer.parseInt(s.substring(dash + 1).trim());
      return a <= z && z <= PortRange.MAX_PORT ? Optional.of(PortRange.of(a, z))
          : Optional.empty();
    }
    return Optional.empty();
  }

  private AddressCondition addresses(Bound x, List<String> items, boolean local) {
    List<String> parts = new ArrayList<>();
    for (String item : items) {
      for (String part : item.split(",", -1)) {
        parts.add(part.trim());
      }
    }
    Optional<String> tooMany = AddressLimits.countViolation(parts.size());
    if (tooMany.isPresent()) {
      invalid(x.at(), tooMany.get());
      return null;
    }
    List<AddressSet> sets = new ArrayList<>();
    Set<AddressKeyword> keywords = EnumSet.noneOf(AddressKeyword.class);
    boolean any = false;
    for (String s : parts) {
      Optional<AddressKeyword> k = PsSpelling.addressKeyword(s);
      if (s.equalsIgnoreCase("Any")) {
        any = true;
      } else if (k.isPresent()) {
        if (local) {
          invalid(x.at(), "address keywords are not allowed in -LocalAddress (C7)");
          return null;
        }
        keywords.add(k.get());
      } else {
        AddressEntries.Parsed parsed = AddressEntries.parse(s);
        if (parsed instanceof AddressEntries.Bad bad) {
          invalid(x.at(), "'" + s + "': " + bad.message());
          return null;
        }
        AddressEntries.Ok ok = (AddressEntries.Ok) parsed;
        Optional<String> refused = ok.windowsRefusal();
        if (refused.isPresent()) {
          invalid(x.at(), "'" + s + "': " + refused.get());
          return null;
        }
        sets.add(ok.set());
      }
    }
    if (any) {
      if (parts.size() > 1) {
        invalid(x.at(), "'Any' cannot be combined with other addresses in -" + x.name());
        return null;
      }
      return AddressCondition.ANY;
    }
    return new AddressCondition(false, AddressSet.union(sets), keywords);
  }

  /** Profile names; {@code anyAllowed} for rules. Null after an invalid-rule note. */
  private Set<Profile> profiles(Bound x, List<String> items, boolean anyAllowed) {
    Set<Profile> profiles = EnumSet.noneOf(Profile.class);
    boolean any = false;
    for (String item : items) {
      for (String part : item.split(",", -1)) {
        String s = part.trim();
        Optional<Profile> p = java.util.Arrays.stream(Profile.values())
            .filter(q -> q.keyword().equalsIgnoreCase(s))
            .findFirst();
        if (anyAllowed && (s.equalsIgnoreCase("Any") || s.equalsIgnoreCase("All"))) {
          any = true;
        } else if (p.isPresent()) {
          profiles.add(p.get());
        } else {
          invalid(x.at(), "'" + s + "' is not a profile (Windows accepts "
              + (anyAllowed ? "Any, " : "") + "Domain, Private, Public)");
          return null;
        }
      }
    }
    return any || profiles.size() == Profile.values().length ? Set.of() : profiles;
  }

  /** Windows' own checks on a finished rule (windows-semantics.md 1.2). */
  private boolean valid(Fields f, SourceSpan at) {
    if (f.protocolKnown && f.portsGiven && !ProtocolNames.takesPorts(f.protocol)) {
      // 1.2 rule 1 and C12: ports, even Any, only with TCP or UDP.
      invalid(at, "ports need -Protocol TCP or UDP; Windows refuses a rule with ports and"
          + " protocol " + (f.protocol == WfasRule.ANY_PROTOCOL ? "Any" : f.protocol));
      return false;
    }
    boolean rpc = f.localPorts.keywords().contains(PortKeyword.RPC)
        || f.localPorts.keywords().contains(PortKeyword.RPC_EPMAP);
    if (rpc && f.protocolKnown
        && (f.protocol != Protocol.TCP.number() || f.direction != Direction.IN)) {
      // 1.2 rule 2 / 2.4 rule 4.
      invalid(at, "the RPC port keywords need -Protocol TCP and -Direction Inbound");
      return false;
    }
    return true;
  }

  private void newRule(Cmd cmd) {
    Map<String, Bound> b = bind(cmd, NEW_RULE);
    if (b == null) {
      return;
    }
    SourceSpan origin = span(cmd.head());
    if (b.containsKey("WhatIf") && flag(b.get("WhatIf")).orElse(false)) {
      return; // -WhatIf creates nothing
    }
    if (b.containsKey("CimSession")) {
      unreadable(b.get("CimSession").at(), "-CimSession runs the command on another computer;"
          + " it is read as if it ran on this one", "give each computer's rules as its own input");
    }
    Optional<HostStore> store = store(cmd, b, true);
    if (store.isEmpty()) {
      return;
    }
    if (!b.containsKey("DisplayName")) {
      invalid(origin, "New-NetFirewallRule needs -DisplayName (windows-semantics.md 4.1)");
      return;
    }
    Fields f = new Fields();
    f.displayName = "";
    if (!apply(b, f, "new")) {
      return;
    }
    if (b.containsKey("Name")) {
      List<String> s = strings(b.get("Name"));
      if (s != null && s.size() == 1) {
        f.id = s.get(0);
      } else {
        unreadable(b.get("Name").at(), "the name of the rule is not known (" + why(b.get("Name"))
            + "); it is read as a rule without -Name", "write -Name literally");
      }
    }
    if (!valid(f, origin)) {
      return;
    }
    if (f.id == null) {
      // Windows gives such a rule a random GUID (4.1): a placeholder that says where it came from.
      f.id = "(no -Name, " + file.name() + " line " + origin.line() + " #" + (++unnamed) + ")";
    }
    if (f.displayName.isEmpty() && strings(b.get("DisplayName")) == null) {
      f.displayName = f.id;
    }
    HostStore st = store.get();
    String id = f.id;
    if (names().containsKey(nameKey(st, id))) {
      for (HostRule r : host.rules()) {
        if (r.store() == st && r.rule().id().equalsIgnoreCase(id)) {
          invalid(origin, "a rule named '" + id + "' already exists in this store ("
              + r.rule().origin().location() + "); New-NetFirewallRule fails");
          return;
        }
      }
    }
    host.addRule(new HostRule(f.rule(origin), st));
    names().merge(nameKey(st, id), 1, Integer::sum);
  }

  /**
   * The rule names of each store on the host, counted (netsh rules may share one), kept by this
   * run as it adds and removes rules: New-NetFirewallRule's check stays constant-time.
   */
  private Map<String, Integer> names;

  private Map<String, Integer> names() {
    if (names == null) {
      names = new HashMap<>();
      for (HostRule r : host.rules()) {
        names.merge(nameKey(r.store(), r.rule().id()), 1, Integer::sum);
      }
    }
    return names;
  }

  private static String nameKey(HostStore store, String id) {
    return store + "/" + id.toLowerCase(Locale.ROOT);
  }

  // ---- selecting existing rules -----------------------------------------------------------------

  /** The rules a command selects (by store and a predicate), and what it selects by. */
  private record Selection(Optional<HostStore> store, Predicate<WfasRule> which, String what) {}

  private Selection selection(Cmd cmd, String verb) {
    Map<String, Bound> b = bind(cmd, verb.startsWith("Set") ? SET_RULE : SELECT_RULE, "Name");
    return b == null ? null : selection(cmd, b, verb);
  }

  private Selection selection(Cmd cmd, Map<String, Bound> b, String verb) {
    boolean write = !verb.startsWith("Get");
    Optional<HostStore> store;
    if (!write && b.containsKey("PolicyStore")
        && single(b.get("PolicyStore")).map(s -> s.equalsIgnoreCase("ActiveStore")).orElse(false)) {
      store = Optional.empty(); // ActiveStore: every rule in effect (4.2 rule 1)
    } else {
      Optional<HostStore> s = store(cmd, b, write);
      if (s.isEmpty()) {
        return null;
      }
      store = s;
    }
    if (b.containsKey("InputObject")) {
      unreadable(b.get("InputObject").at(), "the rules given by -InputObject are not known",
          "select the rules by -Name, -DisplayName or -Group");
      return null;
    }
    List<Predicate<WfasRule>> tests = new ArrayList<>();
    List<String> what = new ArrayList<>();
    for (String sel : List.of("Name", "DisplayName", "Group", "DisplayGroup", "Description")) {
      Bound x = b.get(sel);
      if (x == null) {
        continue;
      }
      List<String> values = strings(x);
      if (values == null) {
        unreadable(x.at(), "the rules selected by -" + sel + " are not known (" + why(x)
            + "); nothing is changed", "write the selection literally");
        return null;
      }
      List<Pattern> patterns = values.stream().map(WildRun::glob).toList();
      // DisplayGroup is the group string itself for groups that are not indirect strings.
      java.util.function.Function<WfasRule, String> field = switch (sel) {
        case "Name" -> WfasRule::id;
        case "DisplayName" -> WfasRule::displayName;
        case "Description" -> r -> r.description().orElse(null);
        default -> r -> r.group().orElse(null);
      };
      tests.add(r -> {
        String v = field.apply(r);
        return v != null && patterns.stream().anyMatch(p -> p.matcher(v).matches());
      });
      what.add("-" + sel + " " + String.join(",", values));
    }
    if (!verb.startsWith("Set")) {
      for (String filter : List.of("Direction", "Action", "Enabled")) {
        Bound x = b.get(filter);
        if (x == null) {
          continue;
        }
        Optional<String> v = single(x);
        if (v.isEmpty()) {
          unreadable(x.at(), "the filter -" + filter + " is not known (" + why(x)
              + "); nothing is changed", "write the filter literally");
          return null;
        }
        String s = v.get();
        if (filter.equals("Direction")) {
          tests.add(r -> (r.direction() == Direction.IN ? "Inbound" : "Outbound")
              .equalsIgnoreCase(s));
        } else if (filter.equals("Action")) {
          tests.add(r -> r.action().name().equalsIgnoreCase(s));
        } else {
          tests.add(r -> Boolean.toString(r.enabled()).equalsIgnoreCase(s));
        }
        what.add("-" + filter + " " + s);
      }
      for (String other : List.of("Owner", "PrimaryStatus", "Status", "PolicyStoreSource",
          "PolicyStoreSourceType", "EdgeTraversalPolicy", "LooseSourceMapping",
          "LocalOnlyMapping")) {
        if (b.containsKey(other)) {
          unreadable(b.get(other).at(), "selecting rules by -" + other + " is not followed;"
              + " nothing is changed", "select the rules by -Name, -DisplayName or -Group");
          return null;
        }
      }
      for (String k : b.keySet()) {
        if (k.startsWith("Associated")) {
          unreadable(b.get(k).at(), "selecting rules by their filter objects is not followed;"
              + " nothing is changed", "select the rules by -Name, -DisplayName or -Group");
          return null;
        }
      }
    }
    boolean all = b.containsKey("All") && flag(b.get("All")).orElse(false);
    if (what.isEmpty() && !all && !verb.startsWith("Get")) {
      unreadable(span(cmd.head()), verb + " without -Name, -DisplayName, -Group or -All is not"
          + " followed", "name the rules it changes");
      return null;
    }
    Predicate<WfasRule> which = r -> tests.stream().allMatch(t -> t.test(r));
    return new Selection(store, which, what.isEmpty() ? "all rules" : String.join(" ", what));
  }

  private List<Integer> selected(Selection sel, SourceSpan at, String verb) {
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k < host.rules().size(); k++) {
      HostRule r = host.rules().get(k);
      if ((sel.store().isEmpty() || sel.store().get() == r.store()) && sel.which().test(r.rule())) {
        out.add(k);
      }
    }
    if (out.isEmpty()) {
      unreadable(at, verb + " " + sel.what() + " matches no rule read so far; nothing is changed",
          "built-in and existing rules are only known from an export of them given as input"
              + " before this file");
    }
    return out;
  }

  private void setRule(Cmd cmd, Selection piped) {
    Map<String, Bound> b = bind(cmd, SET_RULE, "Name");
    if (b == null) {
      return;
    }
    SourceSpan origin = span(cmd.head());
    if (b.containsKey("WhatIf") && flag(b.get("WhatIf")).orElse(false)) {
      return;
    }
    Selection sel = piped;
    if (sel == null) {
      sel = selection(cmd, b, "Set-NetFirewallRule");
      if (sel == null) {
        return;
      }
    } else {
      // Piped rules keep their selection; only changes are read from this command.
      for (String s : List.of("Name", "DisplayName", "DisplayGroup", "Group")) {
        b.remove(s);
      }
    }
    List<Integer> hits = selected(sel, origin, "Set-NetFirewallRule");
    Map<String, Bound> changes = new LinkedHashMap<>(b);
    for (String s : List.of("Name", "DisplayName", "DisplayGroup", "Group", "PolicyStore",
        "GPOSession")) {
      changes.remove(s);
    }
    boolean reported = false;
    for (int k : hits) {
      HostRule old = host.rules().get(k);
      Fields f = new Fields(old.rule());
      // Notes of unknown values come once, for the first rule changed.
      int before = notes.size();
      boolean ok = apply(changes, f, "set") && valid(f, origin);
      if (reported) {
        notes.subList(before, notes.size()).clear();
      }
      reported = true;
      if (ok) {
        host.rules().set(k, new HostRule(f.rule(origin), old.store()));
      } else {
        return; // Windows refuses the whole command
      }
    }
  }

  private void enable(Cmd cmd, Selection piped, boolean on) {
    String verb = on ? "Enable-NetFirewallRule" : "Disable-NetFirewallRule";
    Map<String, Bound> b = bind(cmd, SELECT_RULE, "Name");
    if (b == null || (b.containsKey("WhatIf") && flag(b.get("WhatIf")).orElse(false))) {
      return;
    }
    Selection sel = piped != null ? piped : selection(cmd, b, verb);
    if (sel == null) {
      return;
    }
    SourceSpan origin = span(cmd.head());
    for (int k : selected(sel, origin, verb)) {
      HostRule old = host.rules().get(k);
      Fields f = new Fields(old.rule());
      f.enabled = on;
      host.rules().set(k, new HostRule(f.rule(origin), old.store()));
    }
  }

  private void remove(Cmd cmd, Selection piped) {
    Map<String, Bound> b = bind(cmd, SELECT_RULE, "Name");
    if (b == null || (b.containsKey("WhatIf") && flag(b.get("WhatIf")).orElse(false))) {
      return;
    }
    Selection sel = piped != null ? piped : selection(cmd, b, "Remove-NetFirewallRule");
    if (sel == null) {
      return;
    }
    List<Integer> hits = selected(sel, span(cmd.head()), "Remove-NetFirewallRule");
    for (int i = hits.size() - 1; i >= 0; i--) {
      HostRule gone = host.rules().remove((int) hits.get(i));
      names().computeIfPresent(nameKey(gone.store(), gone.rule().id()),
          (k, n) -> n == 1 ? null : n - 1);
    }
  }

  // ---- Set-NetFirewallProfile -------------------------------------------------------------------

  private void profile(Cmd cmd) {
    Map<String, Bound> b = bind(cmd, SET_PROFILE, "Name");
    if (b == null || (b.containsKey("WhatIf") && flag(b.get("WhatIf")).orElse(false))) {
      return;
    }
    SourceSpan origin = span(cmd.head());
    Set<Profile> which;
    if (b.containsKey("Name")) {
      List<String> s = strings(b.get("Name"));
      if (s == null) {
        unreadable(b.get("Name").at(), "the profiles are not known (" + why(b.get("Name"))
            + "); nothing is changed", "write the profile names literally");
        return;
      }
      which = profiles(b.get("Name"), s, false);
      if (which == null) {
        return;
      }
      if (which.isEmpty()) {
        which = EnumSet.allOf(Profile.class);
      }
    } else {
      // Without -Name (or with -All) the command sets every profile.
      which = EnumSet.allOf(Profile.class);
    }
    Optional<Action> inbound = Optional.empty();
    if (b.containsKey("DefaultInboundAction")) {
      Bound x = b.get("DefaultInboundAction");
      Optional<String> v = single(x);
      if (v.isEmpty()) {
        unreadable(x.at(), "the default inbound action is not known (" + why(x) + ")",
            "write it literally");
      } else if (v.get().equalsIgnoreCase("Allow")) {
        inbound = Optional.of(Action.ALLOW);
      } else if (v.get().equalsIgnoreCase("Block")) {
        inbound = Optional.of(Action.BLOCK);
      } else if (!v.get().equalsIgnoreCase("NotConfigured")) {
        refuse(x, v.get(), "Allow, Block or NotConfigured");
        return;
      }
    }
    // 2.1 rules 7-8, 4.4 rules 2-3: the three settings that make a profile not enforce.
    String[] names = {"Enabled", "AllowInboundRules", "AllowLocalFirewallRules"};
    Boolean[] values = new Boolean[3];
    for (int i = 0; i < 3; i++) {
      Bound x = b.get(names[i]);
      if (x == null) {
        continue;
      }
      Optional<Boolean> v = flag(x);
      Optional<String> s = single(x);
      if (v.isPresent()) {
        values[i] = v.get();
      } else if (s.isPresent() && s.get().equalsIgnoreCase("NotConfigured")) {
        continue;
      } else if (s.isEmpty()) {
        unreadable(x.at(), "the value of -" + names[i] + " is not known (" + why(x) + ")",
            "write it literally");
      } else {
        refuse(x, s.get(), "True, False or NotConfigured");
        return;
      }
    }
    if (values[2] != null) {
      Optional<HostStore> store = store(cmd, b, true);
      if (store.isEmpty()) {
        return;
      }
      if (store.get() != HostStore.GPO) {
        // 2.3 rule 3: whether local rules merge always takes the Group Policy value; set in
        // the local store it changes nothing (and reading it would hide every local rule).
        unreadable(b.get("AllowLocalFirewallRules").at(), "-AllowLocalFirewallRules outside a"
            + " GPO has no effect: Windows takes it from Group Policy only (windows-semantics.md"
            + " 2.3 rule 3); it is ignored", "set it in the GPO (-PolicyStore domain\\GPO)");
        values[2] = null;
      }
    }
    for (Profile p : which) {
      inbound.ifPresent(a -> host.setDefaultInbound(p, new ProfileSetting<>(a, origin)));
      if (values[0] == null && values[1] == null && values[2] == null) {
        continue;
      }
      boolean[] flags = profileFlags.computeIfAbsent(p, q -> initialFlags(q));
      for (int i = 0; i < 3; i++) {
        if (values[i] != null) {
          flags[i] = values[i];
        }
      }
      ProfileState state = !flags[0] ? ProfileState.FIREWALL_OFF
          : !flags[1] ? ProfileState.SHIELDED
          : !flags[2] ? ProfileState.LOCAL_RULES_IGNORED
          : ProfileState.ENFORCING;
      host.setProfileState(p, new ProfileSetting<>(state, origin));
    }
  }

  private boolean[] initialFlags(Profile p) {
    ProfileSetting<ProfileState> s = host.profileStates().get(p);
    ProfileState st = s == null ? ProfileState.ENFORCING : s.value();
    return new boolean[] {
      st != ProfileState.FIREWALL_OFF, st != ProfileState.SHIELDED,
      st != ProfileState.LOCAL_RULES_IGNORED
    };
  }

  // ---- registry ---------------------------------------------------------------------------------

  /** The key of a registry provider path, or empty when it is not an HKLM key. */
  private static Optional<String> registryKey(String path) {
    String p = path.trim();
    String lower = p.toLowerCase(Locale.ROOT);
    for (String prefix : List.of("microsoft.powershell.core\\registry::", "registry::")) {
      if (lower.startsWith(prefix)) {
        p = p.substring(prefix.length());
        lower = lower.substring(prefix.length());
      }
    }
    if (lower.startsWith("hklm:") || lower.startsWith("hkey_local_machine\\")
        || lower.startsWith("hklm\\")) {
      return Optional.of(p);
    }
    return Optional.empty();
  }

  /** The HKLM keys a registry cmdlet names (-Path takes a list); empty when none. */
  private List<String> paths(Cmd cmd, Map<String, Bound> b) {
    Bound x = b.containsKey("LiteralPath") ? b.get("LiteralPath") : b.get("Path");
    if (x == null) {
      return List.of();
    }
    List<String> s = strings(x);
    if (s == null) {
      unreadable(x.at(), "the registry path of " + cmd.head().text() + " is not known ("
          + why(x) + "); nothing is read from this command", "write the path literally");
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    for (String p : s) {
      registryKey(p).ifPresent(keys::add);
    }
    return keys;
  }

  private void itemProperty(Cmd cmd, String name) {
    boolean isNew = name.equals("new-itemproperty");
    Map<String, Bound> b = isNew ? bind(cmd, ITEM, "Path", "Name")
        : bind(cmd, ITEM, "Path", "Name", "Value");
    if (b == null || (b.containsKey("WhatIf") && flag(b.get("WhatIf")).orElse(false))) {
      return;
    }
    List<String> keys = paths(cmd, b);
    if (keys.isEmpty()) {
      return;
    }
    SourceSpan origin = span(cmd.head());
    Bound nameBound = b.get("Name");
    List<String> names = nameBound == null ? null : strings(nameBound);
    if (names == null || names.size() != 1) {
      unreadable(nameBound == null ? origin : nameBound.at(), cmd.head().text()
          + ": the value name is not known; nothing is read from this command",
          "write -Name literally");
      return;
    }
    Bound valueBound = b.get("Value");
    List<String> data = valueBound == null ? null : strings(valueBound);
    if (data == null) {
      unreadable(valueBound == null ? origin : valueBound.at(), cmd.head().text() + ": the data of '"
          + names.get(0) + "' is not known" + (valueBound == null ? "" : " (" + why(valueBound)
          + ")") + "; nothing is written", "write -Value literally");
      return;
    }
    String type;
    Bound t = b.get("PropertyType");
    if (t != null) {
      Optional<String> v = single(t);
      if (v.isEmpty()) {
        unreadable(t.at(), "the value type is not known (" + why(t) + "); nothing is written",
            "write -PropertyType literally");
        return;
      }
      type = switch (v.get().toLowerCase(Locale.ROOT)) {
        case "string" -> RegistryValue.REG_SZ;
        case "expandstring" -> "REG_EXPAND_SZ";
        case "multistring" -> RegistryValue.REG_MULTI_SZ;
        case "dword" -> RegistryValue.REG_DWORD;
        case "qword" -> "REG_QWORD";
        case "binary" -> "REG_BINARY";
        case "none" -> "REG_NONE";
        default -> null;
      };
      if (type == null) {
        refuse(t, v.get(), "String, ExpandString, MultiString, DWord, QWord, Binary or None");
        return;
      }
    } else if (valueBound.value() instanceof Strs s && s.array()) {
      type = RegistryValue.REG_MULTI_SZ; // a string[] becomes REG_MULTI_SZ
    } else if (valueBound.value() instanceof Strs s && s.integer()) {
      type = RegistryValue.REG_DWORD; // an Int32
    } else {
      type = RegistryValue.REG_SZ; // a string (UNCONFIRMED for New-ItemProperty without a type)
    }
    for (String key : keys) {
      String kind = type;
      RegistryValue existing = host.rpcInternet().get(names.get(0));
      if (t == null && !isNew && existing != null && isRpcKey(key)) {
        // Set-ItemProperty without -Type on a value that exists keeps the value's kind.
        kind = existing.type();
      }
      RegistryWrites.set(key, new RegistryValue(names.get(0), kind, data, origin), host, notes);
    }
  }

  private static boolean isRpcKey(String key) {
    return key.toUpperCase(Locale.ROOT).replaceAll("\\\\+", "\\\\")
        .endsWith("SOFTWARE\\MICROSOFT\\RPC\\INTERNET");
  }

  private void removeItemProperty(Cmd cmd) {
    Map<String, Bound> b = bind(cmd, ITEM, "Path", "Name");
    if (b == null || (b.containsKey("WhatIf") && flag(b.get("WhatIf")).orElse(false))) {
      return;
    }
    List<String> keys = paths(cmd, b);
    if (keys.isEmpty()) {
      return;
    }
    Bound nameBound = b.get("Name");
    List<String> names = nameBound == null ? null : strings(nameBound);
    if (names == null) {
      unreadable(nameBound == null ? span(cmd.head()) : nameBound.at(), cmd.head().text()
          + ": the value name is not known; nothing is read", "write -Name literally");
      return;
    }
    for (String key : keys) {
      for (String n : names) {
        RegistryWrites.delete(key, n, span(cmd.head()), host, notes);
      }
    }
  }

  private void removeItem(Cmd cmd) {
    Map<String, Bound> b = bind(cmd, ITEM, "Path");
    if (b == null || (b.containsKey("WhatIf") && flag(b.get("WhatIf")).orElse(false))) {
      return;
    }
    for (String key : paths(cmd, b)) {
      RegistryWrites.delete(key, null, span(cmd.head()), host, notes);
    }
  }

  // ---- winmgmt, netsh ---------------------------------------------------------------------------

  private void winmgmt(Cmd cmd) {
    List<String> words = new ArrayList<>();
    for (Arg a : cmd.args()) {
      if (a instanceof Named n) {
        words.add("/" + n.param().text().toLowerCase(Locale.ROOT));
      } else if (a instanceof Positional p && eval(p.value()) instanceof Strs s) {
        s.items().forEach(w -> words.add(w.toLowerCase(Locale.ROOT).replaceFirst("^-", "/")));
      } else {
        words.add("?");
      }
    }
    SourceSpan origin = span(cmd.head());
    // windows-semantics.md 6.3 rule 1: /standalonehost [level] puts WMI on TCP 24158;
    // /sharedhost undoes it.
    if (!words.isEmpty() && words.get(0).equals("/standalonehost") && words.size() <= 2) {
      host.setWmiFixedPort(Optional.of(
          new ProfileSetting<>(TargetChecks.WMI_STANDALONE_PORT, origin)));
    } else if (words.size() == 1 && words.get(0).equals("/sharedhost")) {
      host.setWmiFixedPort(Optional.empty());
    } else if (!words.isEmpty() && !words.get(0).startsWith("/verify")
        && !words.get(0).startsWith("/salvage") && !words.get(0).startsWith("/backup")) {
      unreadable(origin, "this winmgmt command is not understood", "check it by hand");
    }
  }

  /**
   * A netsh or reg command line: the text from the command to the end of its line (backtick
   * continuations joined, known $variables expanded), given to the netsh reader.
   */
  private void lineCommand(Cmd cmd) {
    String text = file.text();
    int start = cmd.head().offset();
    StringBuilder line = new StringBuilder();
    int i = start;
    char quote = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        break;
      }
      if (c == '`' && i + 1 < text.length() && (text.charAt(i + 1) == '\r'
          || text.charAt(i + 1) == '\n')) {
        i++;
        if (text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        i++;
        line.append(' ');
        continue;
      }
      if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (quote != 0 && c == quote) {
        quote = 0;
      } else if (quote == 0 && (c == '|' || c == ';' || c == '#')) {
        break;
      }
      if (c == '$' && quote != '\'') {
        int end = i + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end))
            || text.charAt(end) == '_')) {
          end++;
        }
        if (end > i + 1) {
          String name = text.substring(i + 1, end);
          V value = variable(name);
          Optional<String> v = single(value);
          if (v.isPresent()) {
            line.append(v.get());
            i = end;
            continue;
          }
          unreadable(span(i, end - i), "$" + name + " in this command line is not known ("
              + (value instanceof Unk u ? u.why() : "it is not one string")
              + "); it is passed on as written", "write the value literally");
        }
      }
      line.append(c);
      i++;
    }
    String command = line.toString().trim();
    if (command.startsWith("&")) {
      command = command.substring(1).trim();
    }
    netsh.read(command, span(start, cmd.head().length()), host, notes);
  }
}
