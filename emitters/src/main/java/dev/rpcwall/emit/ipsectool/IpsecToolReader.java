package dev.rpcwall.emit.ipsectool;

import static dev.rpcwall.emit.cmd.CmdCommands.commandName;
import static dev.rpcwall.emit.cmd.CmdHostSettings.Reading.normalKey;
import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecPolicy;
import dev.rpcwall.compiler.model.ipsec.IpsecRule;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.TargetChecks;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.cmd.BatchPaths;
import dev.rpcwall.emit.cmd.CmdCommands;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import dev.rpcwall.emit.netsh.BatchParser;
import dev.rpcwall.emit.netsh.BatchParser.Cond;
import dev.rpcwall.emit.netsh.BatchParser.CondStart;
import dev.rpcwall.emit.netsh.BatchParser.Exec;
import dev.rpcwall.emit.netsh.BatchParser.Op;
import dev.rpcwall.emit.netsh.BatchParser.Tok;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads an ipsecpol or ipseccmd {@code .cmd} script (rpcwall's own, or hand-written) into the
 * {@link IpsecStore} it leaves on a host when it runs to a successful end. The script is split by
 * the cmd.exe reader of the netsh target ({@link BatchParser}: quotes, carets, {@code ^}
 * continuations, blocks, labels); then every way through it that can end successfully is
 * followed. A command is assumed to succeed, except that what {@code reg query} and {@code where}
 * find is only known on the host: an {@code if errorlevel} right after one may go either way.
 * {@code if exist}/{@code if defined}/comparisons of variables may go either way too. All
 * successful ways must leave the same store; anything not understood is a diagnostic with line
 * and column. Never throws.
 *
 * <p>What a command does to the store (windows-semantics.md 5.1-5.3): see {@link #tool} and
 * docs/targets/ipsecpol.md, "Reading scripts".
 */
public class IpsecToolReader implements Reader<IpsecStore> {
  private static final int MAX_PATHS = 4096;

  private final IpsecTool tool;

  protected IpsecToolReader(IpsecTool tool) {
    this.tool = requireNonNull(tool, "tool");
  }

  @Override
  public TargetId target() {
    return tool.target();
  }

  @Override
  public Result<IpsecStore> read(SourceFile file) {
    Diagnostics diags = new Diagnostics();
    List<Op> ops;
    try {
      ops = new BatchParser(file, diags).parse();
    } catch (RuntimeException e) {
      diags.error(Codes.IPSEC_TOOL_READ_COMMAND, SourceSpan.at(file.name(), 1, 1, 0),
          "the script could not be split into commands: " + e);
      return Result.failed(diags);
    }
    if (diags.hasErrors()) {
      return Result.failed(diags);
    }
    Optional<IpsecStore> store;
    try {
      Run run = new Run(diags, new Commands(tool, file, diags));
      BatchPaths<State> paths = new BatchPaths<>(file, ops, diags, FLOW, run);
      store = paths.run(new State()).flatMap(finished -> run.agreed(finished, paths.fileStart()));
    } catch (RuntimeException e) {
      // Never an exception to the caller: a bug here is still reported at the file.
      diags.error(Codes.IPSEC_TOOL_READ_COMMAND, SourceSpan.at(file.name(), 1, 1, 0),
          "internal error while reading: " + e);
      return Result.failed(diags);
    }
    return store.isEmpty() ? Result.failed(diags) : Result.of(store.get(), diags);
  }

  // The host a path builds
  // ======================

  /** A policy of the store, mutable while a path runs. */
  static final class PolicyB {
    final String name;
    boolean assigned;
    final List<IpsecRule> rules = new ArrayList<>();

    PolicyB(String name) {
      this.name = name;
    }

    PolicyB copy() {
      PolicyB p = new PolicyB(name);
      p.assigned = assigned;
      p.rules.addAll(rules);
      return p;
    }
  }

  /** What a path has done so far. */
  static final class State implements BatchPaths.PathState<State> {
    final LinkedHashMap<String, PolicyB> policies = new LinkedHashMap<>();
    final List<IpsecFilter> dynamic = new ArrayList<>();
    /** The RPC range and WMI settings, as the cmd.exe targets share them. */
    CmdHostSettings.HostValues host = new CmdHostSettings.HostValues();
    /**
     * The last command's result: TRUE (succeeded: every command is assumed to), FALSE (a {@code reg
     * query} of a state value the script itself removed), or null when only the host knows (what
     * {@code reg query} or {@code where} find).
     */
    Boolean lastResult = Boolean.TRUE;
    /**
     * The state value ({@code KEY|VALUE}) the last command queried when only the host knows it;
     * the two ways an {@code if errorlevel} after it takes each record their answer, so that a
     * later query of the same value on that way agrees with it.
     */
    String lastQueried;
    /**
     * The rpcwall state values the script has written ({@code KEY|VALUE} upper case: true) or
     * removed (false), so that a later {@code reg query} of them has a known result; and the state
     * keys it removed whole.
     */
    final Map<String, Boolean> stateValues = new HashMap<>();
    final java.util.Set<String> stateKeysRemoved = new java.util.HashSet<>();
    /** {@code \\computer} of the commands so far, "" for this computer, null before any. */
    String computer;

    @Override
    public State copy() {
      State s = new State();
      policies.forEach((k, v) -> s.policies.put(k, v.copy()));
      s.dynamic.addAll(dynamic);
      s.host = host.copy();
      s.lastResult = lastResult;
      s.lastQueried = lastQueried;
      s.stateValues.putAll(stateValues);
      s.stateKeysRemoved.addAll(stateKeysRemoved);
      s.computer = computer;
      return s;
    }

    PolicyB policy(String name) {
      return policies.get(name);
    }

    /**
     * Whether {@code o} has done the same so far (where it is and how it got there aside): from
     * the same place, the two paths then run the same and leave the same store.
     */
    @Override
    public boolean sameAs(State o) {
      if (!policies.keySet().equals(o.policies.keySet())) {
        return false;
      }
      for (PolicyB p : policies.values()) {
        PolicyB q = o.policies.get(p.name);
        if (p.assigned != q.assigned || !p.rules.equals(q.rules)) {
          return false;
        }
      }
      return dynamic.equals(o.dynamic) && host.sameAs(o.host)
          && java.util.Objects.equals(lastResult, o.lastResult)
          && java.util.Objects.equals(lastQueried, o.lastQueried)
          && stateValues.equals(o.stateValues) && stateKeysRemoved.equals(o.stateKeysRemoved)
          && java.util.Objects.equals(computer, o.computer);
    }
  }

  // Control flow
  // ============

  /**
   * The control flow read by {@link BatchPaths}; a path that reaches a label in a state another
   * path already reached it in is dropped (it would run the same from there), so the independent
   * host checks one after the other (the RPC backup, WMI's host, the assignment guard) add paths
   * instead of multiplying them.
   */
  private static final BatchPaths.Config FLOW =
      BatchPaths.Config.of(Codes.IPSEC_TOOL_READ_FLOW, Codes.IPSEC_TOOL_READ_FLOW,
              Codes.IPSEC_TOOL_READ_NOTE, MAX_PATHS, Commands::isNoop)
          .joiningAtLabels()
          .reportingPathLimitAtFileStart();

  /** One reading of one script: what its commands and conditions mean to the tool's target. */
  private static final class Run implements BatchPaths.Script<State> {
    private final Diagnostics diags;
    private final Commands commands;

    Run(Diagnostics diags, Commands commands) {
      this.diags = diags;
      this.commands = commands;
    }

    /** What every successful way leaves, when they all leave the same; {@code start} the file's. */
    Optional<IpsecStore> agreed(List<State> finished, SourceSpan start) {
      IpsecStore first = commands.result(finished.get(0));
      for (int i = 1; i < finished.size(); i++) {
        if (!same(first, commands.result(finished.get(i)))) {
          diags.error(Codes.IPSEC_TOOL_READ_FLOW, start,
              "what the script leaves behind depends on the host (what reg query or where finds,"
                  + " if exist, if defined, arguments): different ways through it leave different"
                  + " IPsec policies or settings");
          return Optional.empty();
        }
      }
      return diags.hasErrors() ? Optional.empty() : Optional.of(first);
    }

    /** Equal stores; where in the script the RPC settings were written does not matter. */
    private static boolean same(IpsecStore a, IpsecStore b) {
      return a.policies().equals(b.policies())
          && a.dynamicFilters().equals(b.dynamicFilters())
          && a.rpc().dynamicPorts().equals(b.rpc().dynamicPorts())
          && a.rpc().wmiFixedPort().equals(b.rpc().wmiFixedPort());
    }

    @Override
    public boolean execute(Exec e, State s, int loops) {
      // No loop body is run (decide() skips them), so loops is 0 here.
      commands.execute(e, s);
      return true;
    }

    @Override
    public BatchPaths.Way decide(CondStart c, State s, List<Op> body) {
      Cond cond = c.cond();
      if (cond == Cond.ON_SUCCESS || cond == Cond.ON_FAILURE) {
        if (s.lastResult == null) {
          // With a state value queried, forked() records on each way the answer it assumed.
          return BatchPaths.Way.EITHER;
        } else if (!s.lastResult) {
          // A known failure: the body for failures runs, the one for successes does not.
          return cond == Cond.ON_FAILURE ? BatchPaths.Way.BODY : BatchPaths.Way.SKIP;
        }
      }
      if (cond == Cond.LOOP) {
        // The body runs once per line of something on the host. It is read only when it changes
        // nothing read (the shared host settings' own variables): then it is skipped, and what
        // tests those variables (if defined) may go either way.
        for (Op op : body) {
          if (op instanceof Exec e && !Commands.isNoop(e)) {
            diags.error(Codes.IPSEC_TOOL_READ_FLOW, c.span(),
                "'for /f' runs once per line of something on the host; a loop that changes"
                    + " something is not read");
            return BatchPaths.Way.FAIL;
          }
        }
        if (CmdHostSettings.Reading.isQuery(c.set())) {
          s.host.wmiAsTheHostHadIt();
        }
        return BatchPaths.Way.PAST_LOOP;
      }
      return BatchPaths.Way.assumingSuccess(cond);
    }

    /**
     * An {@code if errorlevel} after a query only the host answers: the body runs on the way where
     * the query succeeded (ON_SUCCESS) or failed (ON_FAILURE), and each way records the answer it
     * assumed, so that a later query of the same state value on that way agrees with it.
     */
    @Override
    public void forked(CondStart c, State body, State skipped) {
      boolean errorlevel = c.cond() == Cond.ON_SUCCESS || c.cond() == Cond.ON_FAILURE;
      if (errorlevel && body.lastResult == null && body.lastQueried != null) {
        boolean bodyFound = c.cond() == Cond.ON_SUCCESS;
        body.stateValues.put(body.lastQueried, bodyFound);
        skipped.stateValues.put(skipped.lastQueried, !bodyFound);
        body.lastResult = bodyFound;
        skipped.lastResult = !bodyFound;
      }
    }
  }

  // Commands
  // ========

  /** What the commands of a script do to a {@link State}. */
  static final class Commands {
    /** Commands that change no IPsec policy and no RPC setting. */
    private static final Set<String> NOOP =
        Set.of("echo", "setlocal", "endlocal", "pause", "cls", "title", "ver", "chcp", "rem");

    private final IpsecTool tool;
    private final SourceFile file;
    private final Diagnostics diags;
    private final CmdHostSettings.Reading reading;

    /** A command reads the same on every path: parsed once (its diagnostics too). */
    private final Map<Exec, Optional<ToolCommand>> parsed = new IdentityHashMap<>();

    Commands(IpsecTool tool, SourceFile file, Diagnostics diags) {
      this.tool = tool;
      this.file = file;
      this.diags = diags;
      this.reading = new CmdHostSettings.Reading(diags, new CmdHostSettings.ReadCodes(
          Codes.IPSEC_TOOL_READ_COMMAND, Codes.IPSEC_TOOL_READ_REGISTRY, Codes.IPSEC_TOOL_READ_NOTE,
          Codes.IPSEC_TOOL_READ_COMMAND));
    }

    static boolean isNoop(Exec e) {
      return CmdCommands.isNoop(e, NOOP, (name, a, first) -> switch (name) {
        case "fltmc", "where" -> true;
        // Variables of the shared host settings (RPCWALL_...): no command read here uses them.
        case "set" -> CmdCommands.setsOwnVariable(a);
        case "net" -> first.equals("session");
        default -> false;
      });
    }

    /** reg add/delete/copy into HKLM\SOFTWARE\rpcwall: the scripts' own state. */
    private static boolean isStateOp(List<Tok> a) {
      if (a.size() < 2) {
        return false;
      }
      String op = a.get(0).lower();
      Tok target = op.equals("copy") ? (a.size() >= 3 ? a.get(2) : null) : a.get(1);
      if (target == null || !(op.equals("add") || op.equals("delete") || op.equals("copy"))) {
        return false;
      }
      String k = normalKey(target.text());
      return !target.variable() && k.startsWith("HKLM\\SOFTWARE\\RPCWALL\\") && !k.contains("..");
    }

    void execute(Exec e, State s) {
      String name = commandName(e.name());
      s.lastResult = Boolean.TRUE;
      s.lastQueried = null;
      if (name.equals("where")) {
        s.lastResult = null;
        return;
      }
      if (name.equals("reg")) {
        String op = e.args().isEmpty() ? "" : e.args().get(0).lower();
        if (op.equals("query")) {
          s.lastResult = query(e.args(), s);
          s.lastQueried = s.lastResult == null ? queried(e.args()) : null;
          return;
        }
        if (isStateOp(e.args())) {
          stateOp(e.args(), s);
          return;
        }
      }
      if (isNoop(e)) {
        return;
      }
      IpsecTool called = IpsecTool.ofCommand(e.name().text());
      if (called == tool) {
        parsed.computeIfAbsent(e, x -> ToolCommand.parse(tool, x, file, diags))
            .ifPresent(c -> apply(c, s));
        return;
      }
      if (called != null) {
        diags.error(Codes.IPSEC_TOOL_READ_COMMAND, e.name().span(),
            "'" + e.name().text() + "' is read by the " + called.target().keyword() + " target, not by "
                + tool.target().keyword(),
            "read the script with --target " + called.target().keyword());
        return;
      }
      if (CmdHostSettings.Reading.reads(name)) {
        reading.execute(name, e.span(), e.args(), s.host);
        return;
      }
      switch (name) {
        case "rpccfg" -> rpccfg(e, s);
        default -> diags.error(Codes.IPSEC_TOOL_READ_COMMAND, e.name().span(),
            "'" + e.name().text() + "' is not read: its effect on IPsec policies is not known",
            "keep IPsec changes in " + tool.program() + " commands");
      }
    }

    // The rpcwall state
    // ================

    /** Value names after /v, upper case, or null. */
    private static String valueOf(List<Tok> a) {
      for (int i = 2; i + 1 < a.size(); i++) {
        if (a.get(i).lower().equals("/v")) {
          return a.get(i + 1).variable() ? null : a.get(i + 1).text().toUpperCase(Locale.ROOT);
        }
      }
      return null;
    }

    /** The state value {@code KEY|VALUE} a {@code reg query} asks about, or null. */
    private static String queried(List<Tok> a) {
      if (a.size() < 2 || a.get(1).variable()) {
        return null;
      }
      String key = normalKey(a.get(1).text());
      String value = valueOf(a);
      return value == null || !key.startsWith("HKLM\\SOFTWARE\\RPCWALL") ? null : key + "|" + value;
    }

    /** {@code reg query}: known only for a state value the script wrote or removed. */
    private static Boolean query(List<Tok> a, State s) {
      if (a.size() < 2 || a.get(1).variable()) {
        return null;
      }
      String key = normalKey(a.get(1).text());
      String value = valueOf(a);
      if (value == null) {
        return null;
      }
      Boolean known = s.stateValues.get(key + "|" + value);
      if (known != null) {
        return known;
      }
      for (String removed : s.stateKeysRemoved) {
        if (key.equals(removed) || key.startsWith(removed + "\\")) {
          return Boolean.FALSE;
        }
      }
      return null;
    }

    private static void stateOp(List<Tok> a, State s) {
      String op = a.get(0).lower();
      if (op.equals("copy")) {
        String target = normalKey(a.get(2).text());
        s.stateValues.keySet().removeIf(k -> k.startsWith(target + "|") || k.startsWith(target + "\\"));
        s.stateKeysRemoved.removeIf(k -> k.equals(target) || k.startsWith(target + "\\"));
        return;
      }
      String key = normalKey(a.get(1).text());
      String value = valueOf(a);
      if (op.equals("add")) {
        if (value != null) {
          s.stateValues.put(key + "|" + value, Boolean.TRUE);
        }
        return;
      }
      if (value != null) {
        s.stateValues.put(key + "|" + value, Boolean.FALSE);
      } else {
        s.stateValues.keySet().removeIf(k -> k.startsWith(key + "|") || k.startsWith(key + "\\"));
        s.stateKeysRemoved.add(key);
      }
    }

    // The tool
    // ========

    private void apply(ToolCommand c, State s) {
      String computer = c.computer().orElse("");
      if (s.computer != null && !s.computer.equalsIgnoreCase(computer)) {
        diags.error(Codes.IPSEC_TOOL_READ_UNSUPPORTED, c.span(),
            "this command changes " + (computer.isEmpty() ? "this computer" : "\\\\" + computer)
                + ", an earlier one " + (s.computer.isEmpty() ? "this computer" : "\\\\" + s.computer)
                + "; a script that changes several computers is not read as one store");
        return;
      }
      s.computer = computer;
      switch (c.kind()) {
        case QUERY -> { }
        case DELETE_DYNAMIC -> s.dynamic.clear();
        case DYNAMIC -> s.dynamic.addAll(c.filters());
        case STATIC -> staticCommand(c, s);
      }
    }

    private void staticCommand(ToolCommand c, State s) {
      String name = c.policy();
      PolicyB p = s.policy(name);
      if (p == null) {
        for (PolicyB other : s.policies.values()) {
          if (other.name.equalsIgnoreCase(name)) {
            diags.error(Codes.IPSEC_TOOL_READ_STORE, c.policySpan(),
                "policy \"" + name + "\" differs from policy \"" + other.name + "\" only in upper/lower"
                    + " case; whether the tool takes them as one is not known",
                "write the name exactly as it was created");
            return;
          }
        }
      }
      if (c.rule().isPresent() && !c.filters().isEmpty()) {
        if (p == null) {
          p = new PolicyB(name);
          s.policies.put(name, p);
        }
        String rule = c.rule().get();
        for (IpsecRule r : p.rules) {
          if (r.name().equalsIgnoreCase(rule)) {
            // Whether a second -r of the same name adds filters to the rule or replaces it is not
            // documented (5.2): not guessed.
            diags.error(Codes.IPSEC_TOOL_READ_STORE, c.ruleSpan(),
                "rule \"" + rule + "\" already exists in policy \"" + name + "\"; whether this adds to"
                    + " it or replaces it is not documented",
                "give every -r a name of its own");
            return;
          }
        }
        p.rules.add(new IpsecRule(rule, rule, rule, c.action(), c.filters()));
      }
      if (c.delete()) {
        if (p == null) {
          return; // a policy the script did not create: nothing read changes
        }
        if (c.rule().isPresent()) {
          String rule = c.rule().get();
          p.rules.removeIf(r -> r.name().equals(rule));
        } else {
          s.policies.remove(name);
        }
        return;
      }
      if (c.assign()) {
        if (p == null) {
          diags.error(Codes.IPSEC_TOOL_READ_STORE, c.policySpan(),
              "this assigns policy \"" + name + "\", which the script has not created; its filters are"
                  + " not known here");
          return;
        }
        // 5.1 rule 3: -x assigns the named policy and unassigns whatever was assigned before.
        for (PolicyB other : s.policies.values()) {
          other.assigned = false;
        }
        p.assigned = true;
      }
      if (c.unassign() && p != null) {
        // -y unassigns the named policy (UNCONFIRMED that it leaves another assigned policy be;
        // docs/targets/ipsecpol.md, "Assignment").
        p.assigned = false;
      }
    }

    // RPC
    // ===

    /**
     * {@code rpccfg.exe -pe RANGES -d 0} (KB908472) is read as KB908472 means it: the ranges become
     * the Internet-available ports and the default (Ports, PortsInternetAvailable=Y,
     * UseInternetPorts=Y). The switches' meaning is UNCONFIRMED (windows-semantics.md 6.2 rule 8),
     * so a note says so; other switches are not read.
     */
    private void rpccfg(Exec e, State s) {
      List<Tok> a = e.args();
      List<String> ranges = new ArrayList<>();
      boolean pe = false;
      boolean d0 = false;
      for (int i = 0; i < a.size(); i++) {
        String t = a.get(i).lower();
        if (a.get(i).variable()) {
          diags.error(Codes.IPSEC_TOOL_READ_REGISTRY, a.get(i).span(), "a variable's value is not known here");
          return;
        }
        if (t.equals("-pe") || t.equals("/pe")) {
          pe = true;
          while (i + 1 < a.size() && !a.get(i + 1).text().startsWith("-") && !a.get(i + 1).text().startsWith("/")) {
            ranges.add(a.get(++i).text());
          }
        } else if ((t.equals("-d") || t.equals("/d")) && i + 1 < a.size() && a.get(i + 1).text().equals("0")) {
          d0 = true;
          i++;
        } else {
          diags.error(Codes.IPSEC_TOOL_READ_COMMAND, a.get(i).span(),
              "rpccfg switch '" + a.get(i).text() + "' is not read; only '-pe RANGES -d 0' (KB908472) is");
          return;
        }
      }
      if (!pe || !d0 || ranges.isEmpty()) {
        diags.error(Codes.IPSEC_TOOL_READ_COMMAND, e.span(),
            "only 'rpccfg -pe RANGES -d 0' (KB908472) is read");
        return;
      }
      diags.warning(Codes.IPSEC_TOOL_READ_NOTE, e.span(),
          "read as KB908472 means it: Ports " + String.join(",", ranges)
              + ", PortsInternetAvailable=Y, UseInternetPorts=Y (the switches are UNCONFIRMED)");
      // The same as the three documented reg add lines (6.1), read by the shared reader.
      SourceSpan at = a.get(1).span();
      reading.execute("reg", e.span(), regAdd("Ports", "REG_MULTI_SZ", String.join("\\0", ranges), at), s.host);
      reading.execute("reg", e.span(), regAdd("PortsInternetAvailable", "REG_SZ", "Y", at), s.host);
      reading.execute("reg", e.span(), regAdd("UseInternetPorts", "REG_SZ", "Y", at), s.host);
    }

    private record Word(String text, SourceSpan span, boolean variable) implements CmdHostSettings.Arg {}

    private static List<Word> regAdd(String value, String type, String data, SourceSpan at) {
      List<Word> w = new ArrayList<>();
      for (String t : List.of("add", CmdHostSettings.RPC_KEY, "/v", value, "/t", type, "/d", data, "/f")) {
        w.add(new Word(t, at, false));
      }
      return w;
    }

    // Result
    // ======

    IpsecStore result(State s) {
      List<IpsecPolicy> policies = new ArrayList<>();
      for (PolicyB p : s.policies.values()) {
        policies.add(new IpsecPolicy(p.name, p.assigned, p.rules));
      }
      return new IpsecStore(policies, s.dynamic, rpcSettings(s));
    }

    private RpcSettings rpcSettings(State s) {
      return reading.settings(s.host);
    }
  }
}
