package dev.rpcwall.emit.powershell;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.ProtocolNames;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.TargetChecks;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.confirm.ConfirmedApply;
import dev.rpcwall.emit.powershell.PsLexer.Kind;
import dev.rpcwall.emit.powershell.PsLexer.Token;
import dev.rpcwall.emit.powershell.PsParser.Arg;
import dev.rpcwall.emit.powershell.PsParser.Assign;
import dev.rpcwall.emit.powershell.PsParser.Attribute;
import dev.rpcwall.emit.powershell.PsParser.BadVal;
import dev.rpcwall.emit.powershell.PsParser.Branch;
import dev.rpcwall.emit.powershell.PsParser.Cmd;
import dev.rpcwall.emit.powershell.PsParser.Function;
import dev.rpcwall.emit.powershell.PsParser.ForEach;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a PowerShell script back into the rule set and RPC settings it leaves on the host when it
 * runs with its default parameters and succeeds. It understands the emitter's output and the
 * common hand-written forms of {@code New-NetFirewallRule}; everything else is a diagnostic with
 * line and column (codes RW2250-RW2299), never skipped and never guessed. See
 * docs/targets/powershell.md for the exact subset.
 */
public final class PowerShellReader implements Reader<WfasRuleSet> {
  /** New-NetFirewallRule parameters (windows-semantics.md 4.1, the cmdlet's syntax block). */
  private static final List<String> NEW_RULE_PARAMS =
      List.of("Name", "DisplayName", "Description", "Group", "Enabled", "Profile", "Platform",
          "Direction", "Action", "EdgeTraversalPolicy", "LooseSourceMapping", "LocalOnlyMapping",
          "Owner", "LocalAddress", "RemoteAddress", "Protocol", "LocalPort", "RemotePort",
          "IcmpType", "DynamicTarget", "Program", "Package", "Service", "InterfaceAlias",
          "InterfaceType", "LocalUser", "RemoteUser", "RemoteMachine", "Authentication",
          "Encryption", "OverrideBlockRules", "PolicyStore", "GPOSession", "CimSession",
          "ThrottleLimit", "AsJob", "WhatIf", "Confirm", "RemoteDynamicKeywordAddresses",
          "PolicyAppId");

  private static final List<String> REMOVE_RULE_PARAMS =
      List.of("Name", "DisplayName", "Description", "Group", "DisplayGroup", "All", "Enabled",
          "Direction", "Action", "PolicyStore", "GPOSession", "InputObject", "CimSession",
          "ThrottleLimit", "AsJob", "PassThru", "WhatIf", "Confirm", "TracePolicyStore");

  private static final List<String> ITEM_PARAMS =
      List.of("Path", "LiteralPath", "Name", "PropertyType", "Type", "Value", "Force", "ItemType",
          "Credential", "Filter", "Include", "Exclude", "WhatIf", "Confirm", "PassThru");

  /** PowerShell's common parameters: accepted everywhere, no effect on what the script creates. */
  private static final List<String> COMMON_PARAMS =
      List.of("Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction",
          "ProgressAction", "ErrorVariable", "WarningVariable", "InformationVariable",
          "OutVariable", "OutBuffer", "PipelineVariable");

  /** Parameters the model cannot hold, with the one value that means the same as leaving them out. */
  private static final Map<String, String> DEFAULT_ONLY =
      Map.of("InterfaceType", "Any", "EdgeTraversalPolicy", "Block", "Authentication",
          "NotRequired", "Encryption", "NotRequired");

  /** Commands with no effect on rules or RPC settings. */
  private static final Set<String> INERT =
      Set.of("out-null", "write-host", "write-warning", "write-verbose", "write-output",
          "write-information", "write-debug", "join-path", "import-module", "set-strictmode",
          "test-path", "start-sleep", "restart-service", "start-service", "stop-service",
          // Which store (this computer, or a GPO through a cached copy) the rules go to is not
          // part of the rule model: Open-NetGPO and Save-NetGPO change no rule themselves.
          "open-netgpo", "save-netgpo");

  @Override
  public TargetId target() {
    return TargetId.POWERSHELL;
  }

  @Override
  public Result<WfasRuleSet> read(SourceFile file) {
    Diagnostics out = new Diagnostics();
    List<Token> tokens = PsLexer.lex(file, out);
    List<Stmt> stmts = PsParser.parse(file, tokens, out);
    Run run = new Run(file, out);
    run.block(stmts, false);
    return Result.of(run.finish(), out);
  }

  /**
   * What the script does to scheduled tasks when it runs with its default parameters (confirmed
   * apply, issue 9 point 5): the rollback task it registers ({@code Register-RpcwallRevert}, which
   * must come before any command that may change the host, else an error) and the tasks it
   * deletes ({@code Unregister-RpcwallRevert}). Fails like {@link #read}.
   */
  public Result<ConfirmedApply.TaskEffects> tasks(SourceFile file) {
    Diagnostics out = new Diagnostics();
    List<Token> tokens = PsLexer.lex(file, out);
    List<Stmt> stmts = PsParser.parse(file, tokens, out);
    Run run = new Run(file, out);
    run.block(stmts, false);
    run.finish();
    if (out.hasErrors()) {
      return Result.failed(out);
    }
    return Result.of(new ConfirmedApply.TaskEffects(run.tasksCreated, run.tasksDeleted), out);
  }

  /** The state of one read: what the script has created so far, in script order. */
  private static final class Run {
    private final SourceFile file;
    private final Diagnostics out;
    private final Map<String, WfasRule> rules = new LinkedHashMap<>();
    /** Rules Move-RpcwallRulesAside renamed out of the way: still on the host, still enforcing. */
    private final List<WfasRule> movedAside = new ArrayList<>();
    private final Map<String, Optional<Val>> vars = new HashMap<>();
    private final Set<String> switchesOff = new HashSet<>();
    /** Switches the script set to $true: '-not $Switch' is false. */
    private final Set<String> switchesOn = new HashSet<>();
    private final Set<String> runtime = new HashSet<>();
    private final Set<String> userFunctions = new HashSet<>();
    private final Map<String, RegValue> registry = new LinkedHashMap<>();
    private OptionalInt wmi = OptionalInt.empty();
    private SourceSpan wmiOrigin = SourceSpan.UNKNOWN;
    private int unnamed;
    /** A command that may change the host has run (the rollback task must come before). */
    private boolean changed;
    private final List<ConfirmedApply.RevertTask> tasksCreated = new ArrayList<>();
    private final List<String> tasksDeleted = new ArrayList<>();

    private record RegValue(List<String> data, String type, SourceSpan span) {}

    Run(SourceFile file, Diagnostics out) {
      this.file = file;
      this.out = out;
    }

    private SourceSpan span(int offset, int length) {
      return file.spanAt(Math.min(offset, file.text().length()), Math.max(1, length));
    }

    private SourceSpan span(Token t) {
      return span(t.offset(), t.length());
    }

    private SourceSpan span(Val v) {
      int length = v instanceof BadVal b ? b.length() : 1;
      if (v instanceof Lit l) {
        length = l.text().length() + (l.quoted() ? 2 : 0);
      }
      return span(v.offset(), length);
    }

    // ---- statements --------------------------------------------------------------------------

    /** {@code keyOnly}: inside {@code if (-not (Test-Path key))}, where only New-Item fits. */
    void block(List<Stmt> stmts, boolean keyOnly) {
      for (Stmt s : stmts) {
        statement(s, keyOnly);
      }
    }

    private void statement(Stmt s, boolean keyOnly) {
      if (keyOnly && !(s instanceof Pipeline) && !(s instanceof Assign)) {
        unknown(s, "only New-Item of the RPC key is understood inside 'if (-not (Test-Path ...))'");
        return;
      }
      if (s instanceof Pipeline pl) {
        pipeline(pl, keyOnly);
      } else if (s instanceof Assign a) {
        assign(a, keyOnly);
      } else if (s instanceof If i) {
        ifStatement(i);
      } else if (s instanceof Try t) {
        // catch blocks only run after a failure: the success path never reaches them.
        block(t.body(), false);
        t.fin().ifPresent(f -> block(f, false));
      } else if (s instanceof Function f) {
        function(f);
      } else if (s instanceof ParamBlock pb) {
        for (ParamDecl d : pb.params()) {
          String name = d.variable().text().toLowerCase(Locale.ROOT);
          if (d.isSwitch()) {
            switchesOff.add(name);
            vars.put(name, Optional.empty());
          } else {
            vars.put(name, d.defaultValue());
          }
        }
      } else if (s instanceof Attribute) {
        // [CmdletBinding(...)] only changes how the script takes parameters.
      } else if (s instanceof ForEach f) {
        out.error(Codes.PS_READ_UNKNOWN, span(f.keyword()),
            "'" + f.keyword().text() + "' statements are not understood");
      } else if (s instanceof Unknown u) {
        out.error(Codes.PS_READ_UNKNOWN, span(u.at()), u.what());
      }
    }

    private void unknown(Stmt s, String message) {
      Token at = null;
      if (s instanceof Pipeline pl) {
        at = pl.commands().get(0).head();
      } else if (s instanceof Assign a) {
        at = a.variable();
      } else if (s instanceof If i) {
        at = i.branches().get(0).keyword();
      } else if (s instanceof Function f) {
        at = f.keyword();
      } else if (s instanceof ForEach f) {
        at = f.keyword();
      } else if (s instanceof Unknown u) {
        at = u.at();
      }
      out.error(Codes.PS_READ_UNKNOWN, at == null ? span(0, 1) : span(at), message);
    }

    private void function(Function f) {
      String name = f.name();
      Optional<String> known =
          PsRuntime.FUNCTIONS.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst();
      if (known.isPresent() && PsRuntime.text(known.get()).equals(f.text())) {
        runtime.add(known.get().toLowerCase(Locale.ROOT));
      } else {
        // A definition alone does nothing; calling it is reported, as its body is not read.
        runtime.remove(name.toLowerCase(Locale.ROOT));
        userFunctions.add(name.toLowerCase(Locale.ROOT));
      }
    }

    private void assign(Assign a, boolean keyOnly) {
      String name = a.variable().text().toLowerCase(Locale.ROOT);
      if (a.pipeline().isPresent()) {
        pipeline(a.pipeline().get(), keyOnly);
        if (!name.equals("null")) {
          vars.put(name, Optional.empty());
        }
        return;
      }
      if (keyOnly) {
        unknown(a, "only New-Item of the RPC key is understood inside 'if (-not (Test-Path ...))'");
        return;
      }
      vars.put(name, a.value());
      switchesOff.remove(name);
      switchesOn.remove(name);
      if (a.value().isPresent() && a.value().get() instanceof VarRef v) {
        // $Switch = $true / $false, as the preamble sets $SkipHostSettings for a GPO store
        if (v.name().equalsIgnoreCase("true")) {
          switchesOn.add(name);
        } else if (v.name().equalsIgnoreCase("false")) {
          switchesOff.add(name);
        }
      }
    }

    private enum Cond {
      TRUE,
      FALSE,
      FAILURE,
      KEY_MISSING,
      UNKNOWN
    }

    private void ifStatement(If i) {
      for (Branch b : i.branches()) {
        Cond c = condition(b.condition());
        switch (c) {
          case TRUE -> {
            block(b.body(), false);
            return;
          }
          case FAILURE, FALSE -> {
            // FAILURE: only taken after a failed native command; the success path goes on.
            // FALSE: a comparison that is false with the script's default parameters.
          }
          case KEY_MISSING -> {
            if (i.branches().size() > 1 || i.otherwise().isPresent()) {
              out.error(Codes.PS_READ_UNKNOWN, span(b.keyword()),
                  "a Test-Path condition with other branches is not understood");
              return;
            }
            block(b.body(), true);
            return;
          }
          default -> {
            Token at = b.condition().isEmpty() ? b.keyword() : b.condition().get(0);
            out.error(Codes.PS_READ_UNKNOWN, span(at),
                "this condition is not understood; the reader follows only $PSCmdlet.ShouldProcess(...),"
                    + " '-not $Switch', '$Parameter -ne|-eq|-like|-notlike <string>',"
                    + " 'if (-not (Test-Path <key>))'"
                    + " and '$LASTEXITCODE -ne 0'");
            return;
          }
        }
      }
      i.otherwise().ifPresent(o -> block(o, false));
    }

    /**
     * The conditions of the emitted scaffolding: ShouldProcess is true when the script runs
     * without -WhatIf; a switch parameter is off by default; $LASTEXITCODE -ne 0 is the failure
     * path. Anything else is unknown.
     */
    private Cond condition(List<Token> c) {
      List<List<Token>> parts = new ArrayList<>();
      List<Token> part = new ArrayList<>();
      for (Token tok : c) {
        if (tok.is(Kind.PARAM) && tok.text().equalsIgnoreCase("and")) {
          parts.add(part);
          part = new ArrayList<>();
        } else {
          part.add(tok);
        }
      }
      parts.add(part);
      if (parts.size() == 1) {
        List<Token> only = parts.get(0);
        if (only.size() == 3
            && only.get(0).is(Kind.VARIABLE)
            && only.get(0).text().equalsIgnoreCase("LASTEXITCODE")
            && only.get(1).is(Kind.PARAM)
            && only.get(1).text().equalsIgnoreCase("ne")
            && only.get(2).isWord("0")) {
          return Cond.FAILURE;
        }
        if (isKeyMissing(only)) {
          return Cond.KEY_MISSING;
        }
      }
      boolean all = true;
      for (List<Token> p : parts) {
        Optional<Boolean> compared = comparison(p);
        if (compared.isPresent()) {
          all &= compared.get();
        } else if (isSwitchOn(p)) {
          all = false;
        } else if (!isShouldProcess(p) && !isSwitchOff(p)) {
          return Cond.UNKNOWN;
        }
      }
      return all ? Cond.TRUE : Cond.FALSE;
    }

    /**
     * {@code $Var -eq 'text'} or {@code $Var -ne 'text'} where {@code $Var} holds a literal (a
     * parameter's default, as the reader runs the script with its defaults): compared as
     * PowerShell does, ignoring case. Empty when the part is not such a comparison.
     */
    private static final Set<String> COMPARISONS = Set.of("eq", "ne", "like", "notlike");

    private Optional<Boolean> comparison(List<Token> p) {
      if (p.size() != 3
          || !p.get(0).is(Kind.VARIABLE)
          || !p.get(1).is(Kind.PARAM)
          || !COMPARISONS.contains(p.get(1).text().toLowerCase(Locale.ROOT))
          || !p.get(2).is(Kind.STRING)) {
        return Optional.empty();
      }
      Optional<Val> v = vars.get(p.get(0).text().toLowerCase(Locale.ROOT));
      if (v == null || v.isEmpty() || !(v.get() instanceof Lit l)) {
        return Optional.empty();
      }
      String op = p.get(1).text().toLowerCase(Locale.ROOT);
      if (op.endsWith("like")) {
        // -like: * any run, ? one character, case-insensitive (about_Comparison_Operators); the
        // scripts test '-PolicyStore names a GPO' with '*\*'. [ ] classes are not understood.
        String pattern = p.get(2).text();
        if (pattern.contains("[") || pattern.contains("`")) {
          return Optional.empty();
        }
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
          re.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        boolean match = java.util.regex.Pattern.compile(re.toString(),
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL)
            .matcher(l.text()).matches();
        return Optional.of(op.equals("like") == match);
      }
      boolean equal = l.text().equalsIgnoreCase(p.get(2).text());
      return Optional.of(op.equals("eq") == equal);
    }

    private static boolean isShouldProcess(List<Token> p) {
      if (p.size() < 3
          || !p.get(0).is(Kind.VARIABLE)
          || !p.get(0).text().equalsIgnoreCase("PSCmdlet.ShouldProcess")
          || !p.get(1).is(Kind.LPAREN)
          || !p.get(p.size() - 1).is(Kind.RPAREN)) {
        return false;
      }
      for (Token tok : p.subList(2, p.size() - 1)) {
        if (!tok.is(Kind.STRING) && !tok.is(Kind.COMMA)) {
          return false;
        }
      }
      return true;
    }

    private boolean isSwitchOff(List<Token> p) {
      return p.size() == 2
          && p.get(0).is(Kind.PARAM)
          && p.get(0).text().equalsIgnoreCase("not")
          && p.get(1).is(Kind.VARIABLE)
          && switchesOff.contains(p.get(1).text().toLowerCase(Locale.ROOT));
    }

    private boolean isSwitchOn(List<Token> p) {
      return p.size() == 2
          && p.get(0).is(Kind.PARAM)
          && p.get(0).text().equalsIgnoreCase("not")
          && p.get(1).is(Kind.VARIABLE)
          && switchesOn.contains(p.get(1).text().toLowerCase(Locale.ROOT));
    }

    private static boolean isKeyMissing(List<Token> p) {
      int n = p.size();
      if (n < 5 || n > 6
          || !p.get(0).is(Kind.PARAM) || !p.get(0).text().equalsIgnoreCase("not")
          || !p.get(1).is(Kind.LPAREN) || !p.get(2).isWord("Test-Path")
          || !p.get(n - 1).is(Kind.RPAREN) || !p.get(n - 2).is(Kind.STRING)) {
        return false;
      }
      boolean pathParam = n == 5
          || (p.get(3).is(Kind.PARAM) && (p.get(3).text().equalsIgnoreCase("LiteralPath")
              || p.get(3).text().equalsIgnoreCase("Path")));
      return pathParam && isRpcKey(p.get(n - 2).text());
    }

    private static boolean isRpcKey(String path) {
      String p = path.replace('/', '\\');
      while (p.endsWith("\\")) {
        p = p.substring(0, p.length() - 1);
      }
      return p.equalsIgnoreCase(PsRuntime.KEY)
          || p.equalsIgnoreCase("Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet")
          || p.equalsIgnoreCase("Registry::HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet");
    }

    // ---- commands ----------------------------------------------------------------------------

    private static String commandName(Token head) {
      String n = head.text().toLowerCase(Locale.ROOT);
      if (n.startsWith("netsecurity\\")) {
        n = n.substring("netsecurity\\".length());
      }
      if (n.endsWith(".exe")) {
        n = n.substring(0, n.length() - 4);
      }
      int slash = Math.max(n.lastIndexOf('\\'), n.lastIndexOf('/'));
      return (n.startsWith("winmgmt") || slash < 0) ? n : n.substring(slash + 1);
    }

    private void pipeline(Pipeline pl, boolean keyOnly) {
      List<Cmd> cmds = pl.commands();
      Cmd first = cmds.get(0);
      String name = commandName(first.head());
      if (keyOnly && !name.equals("new-item")) {
        out.error(Codes.PS_READ_UNKNOWN, span(first.head()),
            "only New-Item of the RPC key is understood inside 'if (-not (Test-Path ...))'");
        return;
      }
      for (int k = 1; k < cmds.size(); k++) {
        String next = commandName(cmds.get(k).head());
        boolean removeAfterGet = k == 1 && name.equals("get-netfirewallrule")
            && next.equals("remove-netfirewallrule");
        if (!removeAfterGet && !next.equals("out-null")) {
          out.error(Codes.PS_READ_UNKNOWN, span(cmds.get(k).head()),
              "piping into '" + cmds.get(k).head().text() + "' is not understood");
          return;
        }
        if (next.equals("out-null") && !cmds.get(k).args().isEmpty()) {
          out.error(Codes.PS_READ_UNKNOWN, span(cmds.get(k).head()), "Out-Null with arguments");
          return;
        }
      }
      boolean piped = cmds.size() > 1 && commandName(cmds.get(1).head()).equals("remove-netfirewallrule");
      if (mayChangeHost(name, piped)) {
        changed = true;
      }
      switch (name) {
        case "new-netfirewallrule" -> newRule(first);
        case "remove-netfirewallrule" -> remove(first, "Remove-NetFirewallRule");
        case "get-netfirewallrule" -> {
          if (piped) {
            if (!cmds.get(1).args().isEmpty()) {
              Map<String, Bound> extra = bind(cmds.get(1), REMOVE_RULE_PARAMS, "Name");
              if (extra == null || extra.keySet().stream().anyMatch(k -> !isCommon(k))) {
                out.error(Codes.PS_READ_UNKNOWN, span(cmds.get(1).head()),
                    "Remove-NetFirewallRule after a pipe is only understood without parameters");
                return;
              }
            }
            remove(first, "Get-NetFirewallRule");
          }
        }
        case "new-item" -> newItem(first);
        case "new-itemproperty", "set-itemproperty" -> itemProperty(first);
        case "winmgmt" -> winmgmt(first);
        case "net" -> net(first);
        default -> {
          if (runtime.contains(name)) {
            runtimeCall(first, name);
          } else if (INERT.contains(name)) {
            // no effect on rules or RPC settings
          } else if (userFunctions.contains(name)) {
            out.error(Codes.PS_READ_UNKNOWN, span(first.head()),
                "function '" + first.head().text() + "' is defined in this script but its body is"
                    + " not read; inline its commands");
          } else {
            out.error(Codes.PS_READ_UNKNOWN, span(first.head()),
                "command '" + first.head().text() + "' is not understood");
          }
        }
      }
    }

    /** Helpers that only read, check or record: no change to the host. */
    private static final Set<String> READ_ONLY_HELPERS =
        Set.of(PsRuntime.ASSERT_STATE, PsRuntime.CHECK_PROFILES, PsRuntime.READ_REGISTRY,
                PsRuntime.ADD_UNDO, PsRuntime.REGISTER_REVERT, PsRuntime.UNREGISTER_REVERT)
            .stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());

    /**
     * Whether a command may change the host: everything but inert commands, a lone
     * Get-NetFirewallRule and the helpers that only read (the safe side: any other command
     * counts, whether or not the reader models its effect).
     */
    private boolean mayChangeHost(String name, boolean piped) {
      if (name.equals("get-netfirewallrule")) {
        return piped;
      }
      return !INERT.contains(name) && !READ_ONLY_HELPERS.contains(name);
    }

    /**
     * {@code Register-RpcwallRevert -Slug S -Rollback FILE -Minutes N} and {@code
     * Unregister-RpcwallRevert -Slug S -Missing ignore|fail}, rpcwall's own helpers (their text
     * was compared): the task {@code rpcwall\S-revert} runs, as SYSTEM, the copy of FILE in the
     * protected folder below Program Files.
     */
    private void revertCall(Cmd cmd, String name) {
      boolean register = name.equalsIgnoreCase(PsRuntime.REGISTER_REVERT);
      Map<String, Bound> b = bind(cmd, register
          ? List.of("Slug", "Rollback", "Minutes") : List.of("Slug", "Missing"));
      if (b == null) {
        return;
      }
      if (!b.containsKey("Slug") || (register && (!b.containsKey("Rollback") || !b.containsKey("Minutes")))) {
        out.error(Codes.PS_READ_MISSING, span(cmd.head()), cmd.head().text()
            + (register ? " needs -Slug, -Rollback and -Minutes" : " needs -Slug"));
        return;
      }
      Optional<String> slug = single(b.get("Slug"), "-Slug");
      if (slug.isEmpty()) {
        return;
      }
      if (!register) {
        tasksDeleted.add(ConfirmedApply.taskPath(slug.get()));
        return;
      }
      Optional<String> rollback = single(b.get("Rollback"), "-Rollback");
      Optional<String> minutes = single(b.get("Minutes"), "-Minutes");
      if (rollback.isEmpty() || minutes.isEmpty()) {
        return;
      }
      if (!minutes.get().matches("[1-9][0-9]{0,3}")) {
        out.error(Codes.PS_READ_VALUE, valueSpan(b.get("Minutes")), "-Minutes must be a whole number of minutes");
        return;
      }
      if (changed) {
        out.error(Codes.PS_READ_UNKNOWN, span(cmd.head()),
            "the rollback task is registered after a command that may change the host: if that"
                + " change cut the administrator off, nothing would roll it back");
        return;
      }
      tasksCreated.add(new ConfirmedApply.RevertTask(ConfirmedApply.taskPath(slug.get()),
          Integer.parseInt(minutes.get()), "SYSTEM",
          ConfirmedApply.protectedCopy(slug.get(), rollback.get())));
    }

    /** Whether every helper {@code name} calls, directly or not, is rpcwall's own text here. */
    private Optional<String> untrustedCallee(String name) {
      for (Map.Entry<String, List<String>> e : PsRuntime.CALLS.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          for (String callee : e.getValue()) {
            if (!runtime.contains(callee.toLowerCase(Locale.ROOT))) {
              return Optional.of(callee);
            }
            Optional<String> deeper = untrustedCallee(callee);
            if (deeper.isPresent()) {
              return deeper;
            }
          }
        }
      }
      return Optional.empty();
    }

    private void runtimeCall(Cmd cmd, String name) {
      Optional<String> untrusted = untrustedCallee(name);
      if (untrusted.isPresent()) {
        out.error(Codes.PS_READ_UNKNOWN, span(cmd.head()), "'" + cmd.head().text() + "' calls "
            + untrusted.get() + ", which is not defined here as rpcwall's own helper; its effect"
            + " (and whether the state it reads is checked) is not known");
        return;
      }
      if (name.equalsIgnoreCase(PsRuntime.REGISTER_REVERT)
          || name.equalsIgnoreCase(PsRuntime.UNREGISTER_REVERT)) {
        revertCall(cmd, name);
      } else if (name.equalsIgnoreCase(PsRuntime.RESTORE_REGISTRY)
          || name.equalsIgnoreCase(PsRuntime.RESTORE_BACKUP)) {
        // Puts back what the host had before rpcwall (Restore-RpcwallBackup: from the state key,
        // after Assert-RpcwallStateKey proved it SYSTEM's and Administrators' alone, and only
        // while the values are still the ones this policy wrote): values rpcwall did not set,
        // which the model holds as "not set". When this script itself set values first, the
        // reader cannot know what ends up on the host, and says so.
        if (!registry.isEmpty() || name.equalsIgnoreCase(PsRuntime.RESTORE_REGISTRY)) {
          out.warning(Codes.PS_READ_HOST_STATE, span(cmd.head()),
              "restores RPC registry values saved on the host after this script set them; the"
                  + " reader takes them as unset");
        }
        registry.clear();
      } else if (name.equalsIgnoreCase(PsRuntime.RESTORE_WMI)) {
        // Puts WMI back in the host it ran in before rpcwall (the reader's "not set"), or leaves
        // it where it is when another policy still sets the fixed port or an administrator
        // moved it: either way nothing this script set stays.
        if (wmi.isPresent()) {
          out.warning(Codes.PS_READ_HOST_STATE, span(cmd.head()),
              "puts WMI back in the host it ran in before this script moved it; the reader takes"
                  + " it as not set");
        }
        wmi = OptionalInt.empty();
        wmiOrigin = SourceSpan.UNKNOWN;
      } else if (name.equalsIgnoreCase(PsRuntime.UNDO)) {
        out.error(Codes.PS_READ_UNKNOWN, span(cmd.head()),
            PsRuntime.UNDO + " outside a catch block is not understood");
      } else if (name.equalsIgnoreCase(PsRuntime.MOVE_ASIDE)) {
        groupCall(cmd).ifPresent(group -> {
          // The rules keep every condition under a new, unique name (Rename-NetFirewallRule
          // changes only -Name), so they still count until they are removed.
          Iterator<WfasRule> it = rules.values().iterator();
          while (it.hasNext()) {
            WfasRule r = it.next();
            if (r.group().filter(group::equalsIgnoreCase).isPresent()) {
              movedAside.add(renamed(r, r.id() + PsRuntime.ASIDE_MARK + "(run)"));
              it.remove();
            }
          }
        });
      } else if (name.equalsIgnoreCase(PsRuntime.REMOVE_MOVED)) {
        groupCall(cmd).ifPresent(group ->
            movedAside.removeIf(r -> r.group().filter(group::equalsIgnoreCase).isPresent()));
      }
      // Add-RpcwallUndo, Get-/Save-RpcwallRegistry only record and save; they change no setting.
    }

    /** The literal {@code -Group} of a call to a helper that takes {@code -Group -PolicyStore}. */
    private Optional<String> groupCall(Cmd cmd) {
      // -Store: the scripts' $RpcwallStore (a -PolicyStore or a -GPOSession); -PolicyStore: the
      // helpers of earlier versions.
      Map<String, Bound> b = bind(cmd, List.of("Group", "PolicyStore", "Store"));
      if (b == null) {
        return Optional.empty();
      }
      if (!b.containsKey("Group")) {
        out.error(Codes.PS_READ_MISSING, span(cmd.head()), cmd.head().text() + " needs -Group");
        return Optional.empty();
      }
      Optional<String> group = single(b.get("Group"), "-Group");
      if (group.isPresent() && (group.get().contains("*") || group.get().contains("?")
          || group.get().contains("["))) {
        out.error(Codes.PS_READ_VALUE, valueSpan(b.get("Group")),
            "wildcards in -Group are not understood");
        return Optional.empty();
      }
      return group;
    }

    private static WfasRule renamed(WfasRule r, String id) {
      return new WfasRule(id, r.displayName(), r.group(), r.description(), r.direction(),
          r.action(), r.protocol(), r.localPorts(), r.remotePorts(), r.localAddresses(),
          r.remoteAddresses(), r.profiles(), r.enabled(), r.program(), r.service(), r.origin());
    }

    /** A bound parameter: its canonical name, the token that named it, and its value. */
    private record Bound(String name, Token at, Optional<Val> value) {}

    private static boolean isCommon(String name) {
      return COMMON_PARAMS.contains(name);
    }

    /**
     * Binds named arguments and splatted literal hashtables to {@code params}, resolving
     * unambiguous prefixes as PowerShell does. Positional arguments bind to {@code positional} in
     * order (null: none allowed). Returns null after reporting when binding fails.
     */
    private Map<String, Bound> bind(Cmd cmd, List<String> params, String... positional) {
      Map<String, Bound> bound = new LinkedHashMap<>();
      List<String> all = new ArrayList<>(params);
      all.addAll(COMMON_PARAMS);
      int pos = 0;
      boolean ok = true;
      for (Arg arg : cmd.args()) {
        if (arg instanceof Named n) {
          ok &= bindOne(bound, all, n.param(), n.param().text(), n.value());
        } else if (arg instanceof Splat s) {
          Optional<Val> v = vars.get(s.token().text().toLowerCase(Locale.ROOT));
          if (v == null || v.isEmpty() || !(v.get() instanceof Hash h)) {
            out.error(Codes.PS_READ_VARIABLE, span(s.token()),
                "'@" + s.token().text() + "' is only understood when $" + s.token().text()
                    + " holds a literal hashtable");
            ok = false;
            continue;
          }
          for (Map.Entry<Token, Val> e : h.entries()) {
            ok &= bindOne(bound, all, e.getKey(), e.getKey().text(), Optional.of(e.getValue()));
          }
        } else if (arg instanceof Positional p) {
          if (pos < positional.length && !bound.containsKey(positional[pos])) {
            bound.put(positional[pos], new Bound(positional[pos], null, Optional.of(p.value())));
            pos++;
          } else {
            out.error(Codes.PS_READ_UNKNOWN, span(p.value()),
                "a value without a parameter name is not understood here");
            ok = false;
          }
        }
      }
      return ok ? bound : null;
    }

    private boolean bindOne(Map<String, Bound> bound, List<String> all, Token at, String given,
        Optional<Val> value) {
      List<String> matches = new ArrayList<>();
      for (String p : all) {
        if (p.equalsIgnoreCase(given)) {
          matches = List.of(p);
          break;
        }
        if (p.regionMatches(true, 0, given, 0, given.length()) && !given.isEmpty()) {
          matches.add(p);
        }
      }
      if (matches.size() != 1) {
        out.error(Codes.PS_READ_PARAMETER, span(at),
            matches.isEmpty()
                ? "parameter '-" + given + "' is not understood here"
                : "parameter '-" + given + "' is ambiguous: " + String.join(", ", matches));
        return false;
      }
      String name = matches.get(0);
      if (bound.containsKey(name)) {
        out.error(Codes.PS_READ_MISSING, span(at), "parameter -" + name + " is given twice");
        return false;
      }
      bound.put(name, new Bound(name, at, value));
      return true;
    }

    // ---- values ------------------------------------------------------------------------------

    /** The strings a value stands for, or null after reporting. */
    private List<String> strings(Val v, String what) {
      return strings(v, what, 0);
    }

    private List<String> strings(Val v, String what, int depth) {
      if (depth > 20) {
        out.error(Codes.PS_READ_VARIABLE, span(v), "variables refer to each other too deeply");
        return null;
      }
      if (v instanceof Lit l) {
        if (l.bareInExpression()) {
          out.error(Codes.PS_READ_VALUE, span(v), "the bare word '" + l.text() + "' in an"
              + " expression runs a command; quote it");
          return null;
        }
        return List.of(l.text());
      }
      if (v instanceof ListVal l) {
        List<String> all = new ArrayList<>();
        for (Val item : l.items()) {
          List<String> s = strings(item, what, depth + 1);
          if (s == null) {
            return null;
          }
          all.addAll(s);
        }
        return all;
      }
      if (v instanceof VarRef r) {
        Optional<Val> known = vars.get(r.name().toLowerCase(Locale.ROOT));
        if (known == null || known.isEmpty()) {
          out.error(Codes.PS_READ_VARIABLE, span(v.offset(), r.name().length() + 1),
              "$" + r.name() + " has no literal value the reader knows, so " + what
                  + " is unknown");
          return null;
        }
        return strings(known.get(), what, depth + 1);
      }
      if (v instanceof BadVal bad) {
        if (bad.code() != null) {
          out.error(bad.code(), span(bad.offset(), bad.length()), bad.why());
        }
        return null;
      }
      out.error(Codes.PS_READ_VALUE, span(v), "a hashtable is not a value for " + what);
      return null;
    }

    private Optional<String> single(Bound b, String what) {
      if (b.value().isEmpty()) {
        out.error(Codes.PS_READ_VALUE, span(b.at()), "-" + b.name() + " needs a value");
        return Optional.empty();
      }
      List<String> s = strings(b.value().get(), what);
      if (s == null) {
        return Optional.empty();
      }
      if (s.size() != 1) {
        out.error(Codes.PS_READ_VALUE, span(b.value().get()), "-" + b.name() + " takes one value");
        return Optional.empty();
      }
      return Optional.of(s.get(0));
    }

    private Optional<List<String>> list(Bound b, String what) {
      if (b.value().isEmpty()) {
        out.error(Codes.PS_READ_VALUE, span(b.at()), "-" + b.name() + " needs a value");
        return Optional.empty();
      }
      return Optional.ofNullable(strings(b.value().get(), what));
    }

    private SourceSpan valueSpan(Bound b) {
      return b.value().map(this::span).orElseGet(() -> span(b.at()));
    }

    // ---- New-NetFirewallRule -----------------------------------------------------------------

    private void newRule(Cmd cmd) {
      Map<String, Bound> b = bind(cmd, NEW_RULE_PARAMS);
      if (b == null) {
        return;
      }
      SourceSpan origin = span(cmd.head());
      boolean ok = true;
      for (Bound x : b.values()) {
        String n = x.name();
        if (n.equals("WhatIf")) {
          out.error(Codes.PS_READ_UNKNOWN, span(x.at()), "with -WhatIf the rule is not created;"
              + " remove it or the command");
          ok = false;
        } else if (DEFAULT_ONLY.containsKey(n)) {
          Optional<String> v = single(x, "-" + n);
          if (v.isEmpty()) {
            ok = false;
          } else if (!v.get().equalsIgnoreCase(DEFAULT_ONLY.get(n))) {
            out.error(Codes.PS_READ_UNSUPPORTED, valueSpan(x), "-" + n + " " + v.get()
                + " is not part of the rule model; only " + DEFAULT_ONLY.get(n) + " is understood");
            ok = false;
          }
        } else if (!Set.of("Name", "DisplayName", "Description", "Group", "Enabled", "Profile",
                "Direction", "Action", "LocalAddress", "RemoteAddress", "Protocol", "LocalPort",
                "RemotePort", "Program", "Service", "PolicyStore", "GPOSession", "Confirm").contains(n)
            && !isCommon(n)) {
          out.error(Codes.PS_READ_UNSUPPORTED, span(x.at()),
              "-" + n + " is not part of the rule model");
          ok = false;
        }
      }
      Optional<String> displayName = Optional.empty();
      if (!b.containsKey("DisplayName")) {
        out.error(Codes.PS_READ_MISSING, origin, "New-NetFirewallRule needs -DisplayName");
        ok = false;
      } else {
        displayName = single(b.get("DisplayName"), "-DisplayName");
        ok &= displayName.isPresent();
      }
      String id;
      if (b.containsKey("Name")) {
        Optional<String> name = single(b.get("Name"), "-Name");
        ok &= name.isPresent();
        id = name.orElse("");
      } else {
        // Windows gives such a rule a random GUID (windows-semantics.md 4.1): unknown here, so
        // the rule gets a placeholder id that says where it came from.
        id = "(no -Name, line " + origin.line() + " #" + (++unnamed) + ")";
      }
      Optional<String> group = optionalText(b, "Group");
      Optional<String> description = optionalText(b, "Description");
      Optional<String> program = optionalText(b, "Program");
      Optional<String> service = optionalText(b, "Service");
      ok &= group != null && description != null && program != null && service != null;
      Direction direction = Direction.IN;
      if (b.containsKey("Direction")) {
        Optional<String> v = single(b.get("Direction"), "-Direction");
        if (v.isPresent() && v.get().equalsIgnoreCase("Inbound")) {
          direction = Direction.IN;
        } else if (v.isPresent() && v.get().equalsIgnoreCase("Outbound")) {
          direction = Direction.OUT;
        } else {
          ok &= badValue(b.get("Direction"), v, "Inbound or Outbound");
        }
      }
      RuleAction action = RuleAction.ALLOW;
      if (b.containsKey("Action")) {
        Optional<String> v = single(b.get("Action"), "-Action");
        if (v.isPresent() && v.get().equalsIgnoreCase("Allow")) {
          action = RuleAction.ALLOW;
        } else if (v.isPresent() && v.get().equalsIgnoreCase("Block")) {
          action = RuleAction.BLOCK;
        } else {
          ok &= badValue(b.get("Action"), v, "Allow or Block");
        }
      }
      boolean enabled = true;
      if (b.containsKey("Enabled")) {
        // 4.1: -Enabled takes the strings True/False; $true is not a documented value.
        Optional<String> v = single(b.get("Enabled"), "-Enabled");
        if (v.isPresent() && v.get().equalsIgnoreCase("True")) {
          enabled = true;
        } else if (v.isPresent() && v.get().equalsIgnoreCase("False")) {
          enabled = false;
        } else {
          ok &= badValue(b.get("Enabled"), v, "True or False");
        }
      }
      int protocol = WfasRule.ANY_PROTOCOL;
      if (b.containsKey("Protocol")) {
        Optional<String> v = single(b.get("Protocol"), "-Protocol");
        protocol = v.map(PsSpelling::protocol).orElse(-1);
        if (protocol < 0) {
          ok &= badValue(b.get("Protocol"), v, "TCP, UDP, ICMPv4, ICMPv6, Any or 0-255");
          protocol = WfasRule.ANY_PROTOCOL;
        }
      }
      PortCondition localPorts = ports(b.get("LocalPort"));
      PortCondition remotePorts = ports(b.get("RemotePort"));
      AddressCondition localAddresses = addresses(b.get("LocalAddress"), true);
      AddressCondition remoteAddresses = addresses(b.get("RemoteAddress"), false);
      Set<Profile> profiles = profiles(b.get("Profile"));
      ok &= localPorts != null && remotePorts != null && localAddresses != null
          && remoteAddresses != null && profiles != null;
      if (!ok) {
        return;
      }
      boolean tcpUdp = ProtocolNames.takesPorts(protocol);
      for (String p : List.of("LocalPort", "RemotePort")) {
        if (b.containsKey(p) && !tcpUdp) {
          // windows-semantics.md 1.2 rule 1 and C12: ports, even Any, only with TCP or UDP.
          out.error(Codes.PS_READ_VALUE, span(b.get(p).at()),
              "-" + p + " needs -Protocol TCP or UDP; Windows rejects this rule");
          return;
        }
      }
      boolean rpcKeyword = localPorts.keywords().contains(PortKeyword.RPC)
          || localPorts.keywords().contains(PortKeyword.RPC_EPMAP);
      if (rpcKeyword && (protocol != Protocol.TCP.number() || direction != Direction.IN)) {
        // windows-semantics.md 1.2 rule 2 / 2.4 rule 4.
        out.error(Codes.PS_READ_VALUE, span(b.get("LocalPort").at()),
            "the RPC port keywords need -Protocol TCP and -Direction Inbound");
        return;
      }
      String key = id.toLowerCase(Locale.ROOT);
      if (rules.containsKey(key)) {
        out.error(Codes.PS_READ_DUPLICATE, origin, "a rule named '" + id + "' already exists in"
            + " the store; New-NetFirewallRule fails here");
        return;
      }
      rules.put(key, new WfasRule(id, displayName.orElseThrow(), group, description, direction,
          action, protocol, localPorts, remotePorts, localAddresses, remoteAddresses, profiles,
          enabled, program, service, origin));
    }

    /** An optional text parameter: empty when absent, null after reporting. */
    private Optional<String> optionalText(Map<String, Bound> b, String name) {
      if (!b.containsKey(name)) {
        return Optional.empty();
      }
      Optional<String> v = single(b.get(name), "-" + name);
      return v.isPresent() ? v : null;
    }

    private boolean badValue(Bound b, Optional<String> v, String expected) {
      if (v.isPresent()) {
        out.error(Codes.PS_READ_VALUE, valueSpan(b),
            "'" + v.get() + "' is not a value of -" + b.name() + " (expected " + expected + ")");
      }
      return false;
    }

    private PortCondition ports(Bound b) {
      if (b == null) {
        return PortCondition.ANY;
      }
      Optional<List<String>> items = list(b, "-" + b.name());
      if (items.isEmpty()) {
        return null;
      }
      List<PortRange> ranges = new ArrayList<>();
      Set<PortKeyword> keywords = EnumSet.noneOf(PortKeyword.class);
      boolean any = false;
      for (String item : items.get()) {
        String s = item.trim();
        Optional<PortKeyword> k = PsSpelling.portKeyword(s);
        Optional<PortRange> r = portRange(s);
        if (s.equalsIgnoreCase("Any")) {
          any = true;
        } else if (k.isPresent()) {
          keywords.add(k.get());
        } else if (r.isPresent()) {
          ranges.add(r.get());
        } else {
          out.error(Codes.PS_READ_VALUE, valueSpan(b), "'" + item + "' is not a port, a range"
              + " a-b or a port keyword" + (s.contains(",") ? " (write a list as 'a', 'b')" : ""));
          return null;
        }
      }
      if (any) {
        if (items.get().size() > 1) {
          out.error(Codes.PS_READ_VALUE, valueSpan(b), "'Any' cannot be combined with other ports");
          return null;
        }
        return PortCondition.ANY;
      }
      return new PortCondition(false, PortSet.of(ranges), keywords);
    }

    private static Optional<PortRange> portRange(String s) {
      if (s.matches("[0-9]{1,5}")) {
        int p = Integer.parseInt(s);
        return p <= PortRange.MAX_PORT ? Optional.of(PortRange.of(p)) : Optional.empty();
      }
      if (s.matches("[0-9]{1,5}-[0-9]{1,5}")) {
        int dash = s.indexOf('-');
        int a = Integer.parseInt(s.substring(0, dash));
        int z = Integer.parseInt(s.substring(dash + 1));
        return a <= z && z <= PortRange.MAX_PORT ? Optional.of(PortRange.of(a, z)) : Optional.empty();
      }
      return Optional.empty();
    }

    private AddressCondition addresses(Bound b, boolean local) {
      if (b == null) {
        return AddressCondition.ANY;
      }
      Optional<List<String>> items = list(b, "-" + b.name());
      if (items.isEmpty()) {
        return null;
      }
      // Merged once at the end: a union per item would copy the growing set each time, which is
      // quadratic in a rule's thousand addresses.
      List<AddressSet> sets = new ArrayList<>();
      Set<AddressKeyword> keywords = EnumSet.noneOf(AddressKeyword.class);
      boolean any = false;
      Optional<String> tooMany = AddressLimits.countViolation(items.get().size());
      if (tooMany.isPresent()) {
        // Windows refuses the rule (AddressLimits); so does the reader.
        out.error(Codes.PS_READ_VALUE, valueSpan(b), tooMany.get());
        return null;
      }
      for (String item : items.get()) {
        String s = item.trim();
        // No keyword and not 'Any' starts with a digit or ':' (nor does any case of them), so
        // such an item, an address, skips the keyword table.
        char first = s.isEmpty() ? ' ' : s.charAt(0);
        boolean address = (first >= '0' && first <= '9') || first == ':';
        Optional<AddressKeyword> k = address ? Optional.empty() : PsSpelling.addressKeyword(s);
        if (address) {
          try {
            sets.add(PsAddresses.parse(s));
          } catch (PsAddresses.BadAddress e) {
            out.error(Codes.PS_READ_VALUE, valueSpan(b), e.getMessage()
                + (s.contains(",") ? " (write a list as 'a', 'b')" : ""), e.hint());
            return null;
          }
        } else if (s.equalsIgnoreCase("Any")) {
          any = true;
        } else if (k.isPresent()) {
          if (local) {
            // C7: MS-FASP forbids keywords on the local side.
            out.error(Codes.PS_READ_UNSUPPORTED, valueSpan(b),
                "address keywords are not allowed in -LocalAddress");
            return null;
          }
          keywords.add(k.get());
        } else if (PsSpelling.addressKeyword(s.substring(0, Math.max(0, s.length() - 1))).isPresent()
            && (s.endsWith("4") || s.endsWith("6"))) {
          out.error(Codes.PS_READ_UNSUPPORTED, valueSpan(b), "'" + s + "' (a keyword limited to one"
              + " address family) is not part of the rule model");
          return null;
        } else {
          try {
            sets.add(PsAddresses.parse(s));
          } catch (PsAddresses.BadAddress e) {
            out.error(Codes.PS_READ_VALUE, valueSpan(b), e.getMessage()
                + (s.contains(",") ? " (write a list as 'a', 'b')" : ""), e.hint());
            return null;
          }
        }
      }
      if (any) {
        if (items.get().size() > 1) {
          out.error(Codes.PS_READ_VALUE, valueSpan(b), "'Any' cannot be combined with other addresses");
          return null;
        }
        return AddressCondition.ANY;
      }
      return new AddressCondition(false, AddressSet.union(sets), keywords);
    }

    private Set<Profile> profiles(Bound b) {
      if (b == null) {
        return Set.of();
      }
      Optional<List<String>> items = list(b, "-Profile");
      if (items.isEmpty()) {
        return null;
      }
      Set<Profile> profiles = EnumSet.noneOf(Profile.class);
      boolean any = false;
      for (String item : items.get()) {
        // The Profile enum takes "Domain,Private" in one string as well as an array.
        for (String part : item.split(",", -1)) {
          String s = part.trim();
          Optional<Profile> p = java.util.Arrays.stream(Profile.values())
              .filter(x -> x.keyword().equalsIgnoreCase(s))
              .findFirst();
          if (s.equalsIgnoreCase("Any")) {
            any = true;
          } else if (p.isPresent()) {
            profiles.add(p.get());
          } else {
            out.error(Codes.PS_READ_VALUE, valueSpan(b),
                "'" + s + "' is not a profile (expected Any, Domain, Private, Public)");
            return null;
          }
        }
      }
      return any || profiles.size() == Profile.values().length ? Set.of() : profiles;
    }

    // ---- Remove-NetFirewallRule --------------------------------------------------------------

    private void remove(Cmd cmd, String verb) {
      Map<String, Bound> b = bind(cmd, REMOVE_RULE_PARAMS, "Name");
      if (b == null) {
        return;
      }
      for (Bound x : b.values()) {
        if (!Set.of("Name", "DisplayName", "Group", "DisplayGroup", "All", "PolicyStore",
                "GPOSession", "Confirm").contains(x.name()) && !isCommon(x.name())) {
          out.error(Codes.PS_READ_UNSUPPORTED, span(x.at() == null ? cmd.head() : x.at()),
              verb + " -" + x.name() + " is not understood");
          return;
        }
      }
      if (b.containsKey("All")) {
        rules.clear();
        movedAside.clear();
        return;
      }
      List<String> selectors = List.of("Name", "DisplayName", "Group", "DisplayGroup");
      if (selectors.stream().filter(b::containsKey).count() != 1) {
        if (verb.startsWith("Get")) {
          // Get-NetFirewallRule with no selector lists every rule: the pipe removes them all.
          if (selectors.stream().noneMatch(b::containsKey)) {
            rules.clear();
            movedAside.clear();
            return;
          }
        }
        out.error(Codes.PS_READ_UNKNOWN, span(cmd.head()),
            verb + " is understood with exactly one of -Name, -DisplayName, -Group, -DisplayGroup");
        return;
      }
      String sel = selectors.stream().filter(b::containsKey).findFirst().orElseThrow();
      Optional<List<String>> values = list(b.get(sel), "-" + sel);
      if (values.isEmpty()) {
        return;
      }
      for (String v : values.get()) {
        if (v.contains("*") || v.contains("?") || v.contains("[")) {
          out.error(Codes.PS_READ_VALUE, valueSpan(b.get(sel)),
              "wildcards in -" + sel + " are not understood");
          return;
        }
      }
      // DisplayGroup is the group string itself for groups that are not indirect strings.
      Iterator<WfasRule> it = rules.values().iterator();
      while (it.hasNext()) {
        WfasRule r = it.next();
        String field =
            switch (sel) {
              case "Name" -> r.id();
              case "DisplayName" -> r.displayName();
              default -> r.group().orElse(null);
            };
        if (field != null && values.get().stream().anyMatch(field::equalsIgnoreCase)) {
          it.remove();
        }
      }
      if (!sel.equals("Name")) {
        // A rule moved aside keeps its display name and group; its new name is not known here.
        movedAside.removeIf(r -> {
          String field = sel.equals("DisplayName") ? r.displayName() : r.group().orElse(null);
          return field != null && values.get().stream().anyMatch(field::equalsIgnoreCase);
        });
      }
    }

    // ---- registry and WMI --------------------------------------------------------------------

    private void newItem(Cmd cmd) {
      Map<String, Bound> b = bind(cmd, ITEM_PARAMS, "Path");
      if (b == null) {
        return;
      }
      Bound path = b.containsKey("Path") ? b.get("Path") : b.get("LiteralPath");
      Optional<String> p = path == null ? Optional.empty() : single(path, "-Path");
      if (p.isEmpty() || !isRpcKey(p.get())) {
        out.error(Codes.PS_READ_UNKNOWN, span(cmd.head()),
            "New-Item is only understood for the key " + PsRuntime.KEY);
      }
      // Creating the key changes no setting by itself (windows-semantics.md 6.1).
    }

    private void itemProperty(Cmd cmd) {
      Map<String, Bound> b = bind(cmd, ITEM_PARAMS, "Path", "Name", "Value");
      if (b == null) {
        return;
      }
      Bound path = b.containsKey("Path") ? b.get("Path") : b.get("LiteralPath");
      Optional<String> p = path == null ? Optional.empty() : single(path, "-Path");
      if (p.isEmpty() || !isRpcKey(p.get())) {
        out.error(Codes.PS_READ_UNKNOWN, span(cmd.head()),
            cmd.head().text() + " is only understood for the key " + PsRuntime.KEY);
        return;
      }
      Optional<String> name = b.containsKey("Name") ? single(b.get("Name"), "-Name") : Optional.empty();
      Set<String> known = Set.of("Ports", "PortsInternetAvailable", "UseInternetPorts");
      Optional<String> canonical =
          name.flatMap(n -> known.stream().filter(n::equalsIgnoreCase).findFirst());
      if (canonical.isEmpty()) {
        out.error(Codes.PS_READ_REGISTRY, span(cmd.head()), "only the values Ports,"
            + " PortsInternetAvailable and UseInternetPorts of " + PsRuntime.KEY + " are understood");
        return;
      }
      Bound typeBound = b.containsKey("PropertyType") ? b.get("PropertyType") : b.get("Type");
      String type = "";
      if (typeBound != null) {
        Optional<String> t = single(typeBound, "-PropertyType");
        if (t.isEmpty()) {
          return;
        }
        type = t.get();
      } else if (commandName(cmd.head()).equals("new-itemproperty")) {
        out.error(Codes.PS_READ_REGISTRY, span(cmd.head()),
            "New-ItemProperty without -PropertyType creates a value of an unknown type");
        return;
      }
      if (!b.containsKey("Value")) {
        out.error(Codes.PS_READ_MISSING, span(cmd.head()), cmd.head().text() + " needs -Value");
        return;
      }
      Optional<List<String>> data = list(b.get("Value"), "-Value");
      if (data.isEmpty()) {
        return;
      }
      registry.put(canonical.get(), new RegValue(data.get(), type, span(cmd.head())));
    }

    private void winmgmt(Cmd cmd) {
      List<Arg> args = cmd.args();
      String mode = args.isEmpty() || !(args.get(0) instanceof Named n) ? "" : n.param().text();
      boolean level = args.size() == 2 && args.get(1) instanceof Positional p
          && p.value() instanceof Lit l && l.text().matches("[0-9]");
      if (args.size() > 2 || (args.size() == 2 && !level)) {
        mode = "";
      }
      // windows-semantics.md 6.3 rule 1: -standalonehost [level] puts WMI on TCP 24158;
      // -sharedhost undoes it.
      if (mode.equalsIgnoreCase("standalonehost")) {
        wmi = OptionalInt.of(TargetChecks.WMI_STANDALONE_PORT);
        wmiOrigin = span(cmd.head());
      } else if (mode.equalsIgnoreCase("sharedhost") && args.size() == 1) {
        wmi = OptionalInt.empty();
        wmiOrigin = SourceSpan.UNKNOWN;
      } else {
        out.error(Codes.PS_READ_UNKNOWN, span(cmd.head()),
            "winmgmt is only understood with -standalonehost [level] or -sharedhost");
      }
    }

    private void net(Cmd cmd) {
      List<String> words = new ArrayList<>();
      for (Arg a : cmd.args()) {
        if (a instanceof Positional p && p.value() instanceof Lit l && !l.bareInExpression()) {
          words.add(l.text().toLowerCase(Locale.ROOT));
        } else {
          words.add("?");
        }
      }
      boolean ok = words.size() == 2 && (words.get(0).equals("stop") || words.get(0).equals("start"))
          && words.get(1).equals("winmgmt");
      if (!ok) {
        out.error(Codes.PS_READ_UNKNOWN, span(cmd.head()),
            "net is only understood as 'net stop winmgmt' / 'net start winmgmt'");
      }
    }

    // ---- result ------------------------------------------------------------------------------

    WfasRuleSet finish() {
      Optional<PortSet> dynamic = Optional.empty();
      SourceSpan dynamicOrigin = SourceSpan.UNKNOWN;
      if (!registry.isEmpty()) {
        RegValue ports = registry.get("Ports");
        RegValue available = registry.get("PortsInternetAvailable");
        RegValue use = registry.get("UseInternetPorts");
        SourceSpan at = registry.values().iterator().next().span();
        if (ports == null || available == null || use == null) {
          // windows-semantics.md 6.2 rule 3: a partial configuration is error-prone (UNCONFIRMED
          // whether RPC rejects it), so it is reported, not completed by assumption.
          out.error(Codes.PS_READ_REGISTRY, at, "the RPC port range needs all of Ports,"
              + " PortsInternetAvailable and UseInternetPorts");
        } else if (!ports.type().equalsIgnoreCase("MultiString")
            || !available.type().matches("(?i)String|") || !use.type().matches("(?i)String|")) {
          out.error(Codes.PS_READ_REGISTRY, ports.span(), "Ports must be MultiString and the other"
              + " two values String (windows-semantics.md 6.1)");
        } else if (available.data().size() != 1 || !available.data().get(0).equalsIgnoreCase("Y")
            || use.data().size() != 1 || !use.data().get(0).equalsIgnoreCase("Y")) {
          out.error(Codes.PS_READ_REGISTRY, available.span(), "only PortsInternetAvailable=Y with"
              + " UseInternetPorts=Y is understood (the listed ports are the RPC range)");
        } else {
          List<PortRange> ranges = new ArrayList<>();
          for (String s : ports.data()) {
            Optional<PortRange> r = portRange(s);
            if (r.isEmpty()) {
              // windows-semantics.md 6.2 rules 3-4: one bad entry (e.g. "4000 - 4010") makes the
              // whole configuration invalid.
              out.error(Codes.PS_READ_REGISTRY, ports.span(), "'" + s + "' is not a port or a"
                  + " range a-b without spaces; RPC would reject the whole setting");
              ranges = null;
              break;
            }
            ranges.add(r.get());
          }
          if (ranges != null) {
            dynamic = Optional.of(PortSet.of(ranges));
            dynamicOrigin = ports.span();
          }
        }
      }
      RpcSettings rpc = new RpcSettings(dynamic, dynamicOrigin, wmi, wmiOrigin);
      List<WfasRule> all = new ArrayList<>(movedAside);
      all.addAll(rules.values());
      return new WfasRuleSet(List.copyOf(all), rpc);
    }
  }
}
