package dev.rpcwall.emit.netsh;

import static dev.rpcwall.emit.cmd.CmdCommands.commandName;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.cmd.BatchPaths;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import dev.rpcwall.emit.confirm.ConfirmedApply;
import dev.rpcwall.emit.netsh.BatchParser.CondStart;
import dev.rpcwall.emit.netsh.BatchParser.Exec;
import dev.rpcwall.emit.netsh.BatchParser.Op;
import dev.rpcwall.emit.netsh.BatchParser.Tok;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a netsh {@code .cmd} script back into the rule set and RPC settings it leaves on a host when
 * it runs to a successful end. Every path through the script that can end successfully is
 * followed: {@code if exist}/{@code if defined} may go either way, a command is assumed to succeed
 * (so {@code if errorlevel 1} bodies do not run), and a path that ends with a non-zero {@code exit}
 * code is a failure and not read. The body of a {@code for /f} over a file on the host runs an
 * unknown number of times with unknown values, so it may only delete rules by names the reader
 * cannot know, before the script adds any (the state-file deletes of the emitted scripts). When the successful paths disagree, or a command's effect is
 * unknown, that is a diagnostic with line and column. Never throws.
 */
public final class NetshReader implements Reader<WfasRuleSet> {
  /** More paths than this through one script is a diagnostic, not a hang. */
  private static final int MAX_PATHS = 256;

  @Override
  public TargetId target() {
    return TargetId.NETSH;
  }

  @Override
  public Result<WfasRuleSet> read(SourceFile file) {
    Diagnostics diags = new Diagnostics();
    List<Op> ops = new BatchParser(file, diags).parse();
    if (diags.hasErrors()) {
      return Result.failed(diags);
    }
    Run run = new Run(diags);
    BatchPaths<State> paths = new BatchPaths<>(file, ops, diags, FLOW, run);
    Optional<WfasRuleSet> set =
        paths.run(new State()).flatMap(finished -> run.agreed(finished, paths.fileStart()));
    if (set.isEmpty()) {
      return Result.failed(diags);
    }
    return Result.of(set.get(), diags);
  }

  /**
   * What the script does to scheduled tasks on its successful ways (confirmed apply, issue 9
   * point 5): the rollback task it registers and the tasks it deletes. Fails like {@link #read}
   * (a registration after the first change to the host is one of its errors), and when the ways
   * disagree.
   */
  public Result<ConfirmedApply.TaskEffects> tasks(SourceFile file) {
    Diagnostics diags = new Diagnostics();
    List<Op> ops = new BatchParser(file, diags).parse();
    if (diags.hasErrors()) {
      return Result.failed(diags);
    }
    Run run = new Run(diags);
    BatchPaths<State> paths = new BatchPaths<>(file, ops, diags, FLOW, run);
    if (paths.run(new State()).flatMap(finished -> run.agreed(finished, paths.fileStart())).isEmpty()) {
      return Result.failed(diags);
    }
    ConfirmedApply.TaskEffects first = null;
    for (State s : run.finished) {
      ConfirmedApply.TaskEffects e = new ConfirmedApply.TaskEffects(s.tasksCreated, s.tasksDeleted);
      if (first == null) {
        first = e;
      } else if (!first.equals(e)) {
        diags.error(Codes.NETSH_READ_FLOW, SourceSpan.at(file.name(), 1, 1, 0),
            "different ways through the script register or delete different scheduled tasks");
        return Result.failed(diags);
      }
    }
    return Result.of(first == null ? ConfirmedApply.TaskEffects.none() : first, diags);
  }

  /** What a path has done so far. */
  static final class State implements BatchPaths.PathState<State> {
    final List<WfasRule> rules = new ArrayList<>();
    /** The RPC values and the WMI mode the path has set. */
    CmdHostSettings.HostValues host = new CmdHostSettings.HostValues();
    boolean delayedExpansion;
    /** The path runs the script with {@code /whatif}: it must change nothing. */
    boolean whatIf;
    /** A command that may change the host has run (the rollback task must come before). */
    boolean changed;
    /** Scheduled tasks registered and deleted (schtasks), in script order. */
    final List<ConfirmedApply.RevertTask> tasksCreated = new ArrayList<>();
    final List<String> tasksDeleted = new ArrayList<>();

    @Override
    public State copy() {
      State s = new State();
      s.changed = changed;
      s.tasksCreated.addAll(tasksCreated);
      s.tasksDeleted.addAll(tasksDeleted);
      s.rules.addAll(rules);
      s.host = host.copy();
      s.delayedExpansion = delayedExpansion;
      s.whatIf = whatIf;
      return s;
    }
  }

  /**
   * The control flow read by {@link BatchPaths}; paths are not joined at labels (each is followed
   * to its end).
   */
  private static final BatchPaths.Config FLOW =
      BatchPaths.Config.of(Codes.NETSH_READ_FLOW, Codes.NETSH_READ_SYNTAX,
          Codes.NETSH_READ_ON_FAILURE, MAX_PATHS, NetshCommands::isNoop);

  /** One reading of one script: what its commands and conditions mean to the netsh target. */
  private static final class Run implements BatchPaths.Script<State> {
    private final Diagnostics diags;
    private final NetshCommands commands;
    /** The states of the ways that ended successfully, once {@link #run} has run. */
    List<State> finished = List.of();

    Run(Diagnostics diags) {
      this.diags = diags;
      this.commands = new NetshCommands(diags);
    }

    /** What every successful way leaves, when they all leave the same; {@code start} the file's. */
    Optional<WfasRuleSet> agreed(List<State> finished, SourceSpan start) {
      this.finished = finished;
      List<WfasRuleSet> results = new ArrayList<>();
      for (State s : finished) {
        results.add(result(s));
      }
      WfasRuleSet first = results.get(0);
      for (int i = 1; i < results.size(); i++) {
        if (!first.equals(results.get(i))) {
          diags.error(
              Codes.NETSH_READ_FLOW,
              start,
              "what the script leaves behind depends on files or variables on the host (if exist,"
                  + " if defined, comparisons): different ways through it add different rules or"
                  + " settings");
          return Optional.empty();
        }
      }
      return diags.hasErrors() ? Optional.empty() : Optional.of(first);
    }

    @Override
    public boolean execute(Exec e, State s, int loops) {
      if (s.whatIf && !NetshCommands.isNoop(e) && !e.name().lower().equals("setlocal")) {
        diags.error(
            Codes.NETSH_READ_FLOW,
            e.span(),
            "this command runs in a dry run (/whatif), which must change nothing",
            "print the command with echo instead");
        return false;
      }
      if (loops > 0) {
        inLoop(e, s);
      } else {
        commands.execute(e, s);
      }
      return true;
    }

    @Override
    public BatchPaths.Way decide(CondStart c, State s, List<Op> body) {
      return switch (c.cond()) {
        // The run without /whatif goes on; the dry run is read too, and must change nothing.
        case WHATIF -> BatchPaths.Way.EITHER;
        // Read once; inLoop() rejects every effect that would depend on how often it runs.
        case LOOP -> BatchPaths.Way.LOOP_ONCE;
        default -> BatchPaths.Way.assumingSuccess(c.cond());
      };
    }

    @Override
    public void forked(CondStart c, State body, State skipped) {
      if (c.cond() == BatchParser.Cond.WHATIF) {
        body.whatIf = true;
      }
    }

    @Override
    public boolean dryRun(State s) {
      return s.whatIf;
    }

    /**
     * A command in a {@code for /f} body runs once per line of a host file: any number of times,
     * zero included. It is read only when running it never changes what the script leaves
     * behind, whatever that number; deletes by a name from the file are judged by delete().
     */
    private void inLoop(Exec e, State s) {
      State before = s.copy();
      commands.execute(e, s);
      boolean changed =
          !before.rules.equals(s.rules)
              || !before.host.sameAs(s.host);
      if (changed) {
        diags.error(
            Codes.NETSH_READ_FLOW,
            e.span(),
            "this command is in a 'for /f' loop, which runs once per line of a file on the host;"
                + " what it leaves behind depends on that file");
      }
    }

    private WfasRuleSet result(State s) {
      return new WfasRuleSet(s.rules, rpcSettings(s));
    }

    /** windows-semantics.md 6.1/6.2: a range is in force only with all three values set to it. */
    private RpcSettings rpcSettings(State s) {
      return commands.host.settings(s.host);
    }
  }

  /** What the commands of a script do to a {@link State}. */
  static final class NetshCommands {
    /**
     * Commands that cannot change firewall rules or the RPC settings: console output, and the
     * file commands earlier versions of the emitted scripts used for their state directory
     * (mkdir, move /y, type nul, icacls on that directory, del, rmdir).
     */
    private static final Set<String> NOOP =
        Set.of("echo", "setlocal", "endlocal", "pause", "cls", "title", "ver", "chcp", "del",
            "erase", "mkdir", "md", "rmdir", "rd", "move", "type", "icacls");

    private final Diagnostics diags;

    /** The reg, winmgmt and WMI restart commands: those of every cmd.exe target. */
    final CmdHostSettings.Reading host;

    /**
     * The rule each {@code add rule} command reads to, by command and delayed expansion (index 0
     * off, 1 on). Every path through the script runs the same commands, and a command reads the
     * same way on each (its diagnostics too, which {@link Diagnostics#sorted()} reports once), so
     * a script with 8 paths reads each of its 100,000 addresses once, not 8 times.
     */
    @SuppressWarnings("unchecked")
    private final Map<Exec, Optional<WfasRule>>[] added =
        new Map[] {new IdentityHashMap<>(), new IdentityHashMap<>()};

    NetshCommands(Diagnostics diags) {
      this.diags = diags;
      this.host =
          new CmdHostSettings.Reading(
              diags,
              new CmdHostSettings.ReadCodes(
                  Codes.NETSH_READ_COMMAND,
                  Codes.NETSH_READ_REGISTRY,
                  Codes.NETSH_READ_EXTERNAL,
                  Codes.NETSH_READ_VARIABLE));
    }

    /** Commands that leave firewall rules and RPC settings as they are. */
    static boolean isNoop(Exec e) {
      String name = commandName(e.name());
      if (NOOP.contains(name) || name.startsWith("echo")) {
        return true;
      }
      List<Tok> a = e.args();
      String first = a.isEmpty() ? "" : a.get(0).lower();
      return switch (name) {
        case "reg" -> CmdHostSettings.Reading.isNoop(name, a);
        // 'fltmc' alone lists file system filters: the emitted scripts' elevation check.
        case "fltmc" -> a.isEmpty();
        // The profile checks' own variables (NetshProfileChecks): no command the reader models
        // reads them.
        case "set" -> a.size() == 1 && a.get(0).text().matches("RPCWALL_[A-Z_]+=.*");
        case "net" -> first.equals("session") || CmdHostSettings.Reading.isNoop(name, a);
        // Whether the rollback task is there: the confirm script's check.
        case "schtasks" -> first.equals("/query");
        // Confirmed apply: the rollback script copied into its folder below Program Files, and
        // only there; any other copy is not read.
        case "copy" -> a.size() == 3 && first.equals("/y") && isRevertFolder(a.get(2).text());
        default -> false;
      };
    }

    /** A path in a policy's folder below Program Files: the only place a read copy may write. */
    private static boolean isRevertFolder(String path) {
      String folder = "%programfiles%\\" + ConfirmedApply.TASK_FOLDER + "\\";
      String p = path.toLowerCase(java.util.Locale.ROOT);
      return p.startsWith(folder) && p.indexOf('%', folder.length()) < 0 && !p.contains("..");
    }

    void execute(Exec e, State s) {
      String name = commandName(e.name());
      if (name.equals("setlocal")) {
        for (Tok a : e.args()) {
          if (a.lower().equals("enabledelayedexpansion")) {
            s.delayedExpansion = true;
          } else if (a.lower().equals("disabledelayedexpansion")) {
            s.delayedExpansion = false;
          }
        }
        return;
      }
      if (isNoop(e)) {
        return;
      }
      if (name.equals("schtasks")) {
        schtasks(e, s);
        return;
      }
      if (!(name.equals("netsh") && readOnlyNetsh(e))) {
        s.changed = true;
      }
      switch (name) {
        case "netsh" -> netsh(e, s);
        case "reg", "winmgmt" -> host.execute(name, e.span(), e.args(), s.host);
        default -> diags.error(
            Codes.NETSH_READ_COMMAND,
            e.name().span(),
            "'" + e.name().text() + "' is not read: its effect on the firewall is not known",
            "remove it, or keep firewall changes in netsh advfirewall firewall commands");
      }
    }

    /** {@code netsh advfirewall [firewall] show|dump|export|help ...}: reads only. */
    private static boolean readOnlyNetsh(Exec e) {
      List<Tok> a = e.args();
      for (int i = 1; i < Math.min(3, a.size()); i++) {
        String w = a.get(i).lower();
        if (prefix(w, "show", 2) || prefix(w, "export", 3) || prefix(w, "dump", 2)
            || w.equals("help") || w.equals("?")) {
          return true;
        }
      }
      return false;
    }

    // schtasks (confirmed apply)
    // ==========================

    /**
     * The two schtasks forms the emitted scripts use, and only those: {@code schtasks /create /tn
     * T /tr "\"FILE\"" /ru SYSTEM /sc minute /mo N /f} (or {@code /sc daily}: 1440 minutes), which
     * must come before any command that may change the host (issue 9 point 8: the rollback task
     * exists before the first change), and {@code schtasks /delete /tn T /f}. Switches are read
     * case-insensitively, in any order; anything else is not read.
     */
    private void schtasks(Exec e, State s) {
      List<Tok> a = e.args();
      String verb = a.isEmpty() ? "" : a.get(0).lower();
      Map<String, Tok> opts = new java.util.LinkedHashMap<>();
      Set<String> flags = new java.util.HashSet<>();
      for (int i = 1; i < a.size(); i++) {
        String o = a.get(i).lower();
        if (o.equals("/f")) {
          flags.add(o);
        } else if (Set.of("/tn", "/tr", "/ru", "/sc", "/mo").contains(o) && i + 1 < a.size()
            && !opts.containsKey(o)) {
          opts.put(o, a.get(++i));
        } else {
          unreadTask(a.get(i), "schtasks option '" + a.get(i).text() + "' is not read");
          return;
        }
      }
      Tok tn = opts.get("/tn");
      if (tn == null || tn.variable()) {
        unreadTask(e.name(), "schtasks needs /tn with a task name written in the script");
        return;
      }
      if (verb.equals("/delete") && opts.size() == 1 && flags.contains("/f")) {
        s.tasksDeleted.add(tn.text());
        return;
      }
      if (!verb.equals("/create") || !flags.contains("/f") || !opts.keySet().containsAll(
          Set.of("/tr", "/ru", "/sc"))) {
        unreadTask(e.name(), "only 'schtasks /create /tn T /tr FILE /ru SYSTEM /sc minute"
            + " /mo N /f' and 'schtasks /delete /tn T /f' are read");
        return;
      }
      String sc = opts.get("/sc").lower();
      Tok mo = opts.get("/mo");
      int minutes;
      if (sc.equals("daily") && mo == null) {
        minutes = 24 * 60;
      } else if (sc.equals("minute") && mo != null && mo.text().matches("[1-9][0-9]{0,3}")
          && Integer.parseInt(mo.text()) <= 1439) {
        minutes = Integer.parseInt(mo.text());
      } else {
        unreadTask(opts.get("/sc"), "only '/sc minute /mo N' (N 1 to 1439) and '/sc daily' are"
            + " read: a start time or date would be in the host's locale format");
        return;
      }
      // The command is one path without quotes or spaces, kept as written: '%%' in the script is
      // '%', and Task Scheduler expands %ProgramFiles% when the task runs.
      Tok tr = opts.get("/tr");
      if (tr.variable() || tr.raw().contains("\"") || tr.text().isEmpty()) {
        unreadTask(tr, "the task's command must be one path written in the script, without quotes:"
            + " /tr %%ProgramFiles%%\\...");
        return;
      }
      String runs = tr.text();
      if (s.changed) {
        diags.error(
            Codes.NETSH_READ_FLOW,
            e.span(),
            "the rollback task is registered after a command that may change the host: if that"
                + " change cut the administrator off, nothing would roll it back",
            "register the task before the first change");
        return;
      }
      s.tasksCreated.add(new ConfirmedApply.RevertTask(tn.text(), minutes, opts.get("/ru").text(), runs));
    }

    private void unreadTask(Tok at, String message) {
      diags.error(Codes.NETSH_READ_COMMAND, at.span(), message);
    }

    // netsh
    // =====

    private void netsh(Exec e, State s) {
      List<Tok> a = e.args();
      if (a.isEmpty()) {
        diags.error(Codes.NETSH_READ_COMMAND, e.span(), "interactive netsh is not read");
        return;
      }
      Tok context = a.get(0);
      String c = context.lower();
      if (c.startsWith("-") || c.startsWith("/")) {
        diags.error(
            Codes.NETSH_READ_UNSUPPORTED,
            context.span(),
            "netsh option '" + context.text() + "' is not read (-r sends the rules to another"
                + " computer)");
        return;
      }
      if (c.equals("firewall")) {
        diags.error(
            Codes.NETSH_READ_UNSUPPORTED,
            context.span(),
            "the deprecated 'netsh firewall' context (Windows XP/2003) is not read",
            "use 'netsh advfirewall firewall add rule' (windows-semantics.md C14)");
        return;
      }
      // netsh takes unambiguous prefixes of context and command names ('netsh advf'); this is
      // common usage, not documented (UNCONFIRMED), so only long prefixes are read.
      if (!prefix(c, "advfirewall", 4)) {
        diags.error(
            Codes.NETSH_READ_COMMAND,
            context.span(),
            "'netsh " + context.text() + "' is not read: only netsh advfirewall is");
        return;
      }
      if (a.size() < 2) {
        diags.error(Codes.NETSH_READ_COMMAND, e.span(), "interactive netsh advfirewall is not read");
        return;
      }
      Tok sub = a.get(1);
      String sc = sub.lower();
      if (prefix(sc, "show", 2) || prefix(sc, "export", 3) || prefix(sc, "dump", 2)
          || sc.equals("help") || sc.equals("?")) {
        return;
      }
      if (!prefix(sc, "firewall", 4)) {
        diags.error(
            Codes.NETSH_READ_UNSUPPORTED,
            sub.span(),
            "'netsh advfirewall " + sub.text() + "' changes settings outside firewall rules and is"
                + " not read");
        return;
      }
      if (a.size() < 4) {
        diags.error(Codes.NETSH_READ_COMMAND, e.span(), "incomplete netsh advfirewall firewall command");
        return;
      }
      Tok verb = a.get(2);
      Tok rule = a.get(3);
      String v = verb.lower();
      if (!prefix(rule.lower(), "rule", 1)) {
        diags.error(Codes.NETSH_READ_COMMAND, rule.span(), "expected 'rule' after '" + verb.text() + "'");
        return;
      }
      List<Tok> params = a.subList(4, a.size());
      if (prefix(v, "add", 1)) {
        added[s.delayedExpansion ? 1 : 0]
            .computeIfAbsent(e, x -> new RuleParams(diags, s.delayedExpansion).add(x, params))
            .ifPresent(s.rules::add);
      } else if (prefix(v, "delete", 3)) {
        delete(e, params, s);
      } else if (prefix(v, "show", 2)) {
        return;
      } else if (prefix(v, "set", 2) && isRename(params)) {
        rename(params, s);
      } else if (prefix(v, "set", 2)) {
        diags.error(
            Codes.NETSH_READ_UNSUPPORTED,
            verb.span(),
            "'set rule' is not read",
            "delete the rule and add it again with the new values");
      } else {
        diags.error(Codes.NETSH_READ_COMMAND, verb.span(), "unknown command '" + verb.text() + "'");
      }
    }

    /** {@code set rule name=X new name=Y}, and nothing else: a rename. */
    private static boolean isRename(List<Tok> params) {
      return params.size() == 3
          && params.get(0).lower().startsWith("name=")
          && params.get(1).lower().equals("new")
          && params.get(2).lower().startsWith("name=");
    }

    /**
     * netsh advfirewall firewall set rule /?: {@code set rule name=X new name=Y} gives every rule
     * named X the name Y (like delete, it acts on every rule of that name, windows-semantics.md
     * 1.3); the rules keep everything else. A rename of rules the script did not add changes
     * nothing read.
     */
    private void rename(List<Tok> params, State s) {
      Tok from = params.get(0);
      Tok to = params.get(2);
      if (from.variable() || to.variable()) {
        diags.error(Codes.NETSH_READ_VARIABLE, (from.variable() ? from : to).span(),
            "a variable's value is not known here");
        return;
      }
      String oldName = from.text().substring("name=".length());
      String newName = to.text().substring("name=".length());
      if (newName.isEmpty() || oldName.equalsIgnoreCase("all")) {
        diags.error(Codes.NETSH_READ_COMMAND, from.span(), "this rename is not read");
        return;
      }
      for (int i = 0; i < s.rules.size(); i++) {
        WfasRule r = s.rules.get(i);
        if (r.displayName().equals(oldName)) {
          s.rules.set(i, new WfasRule(r.id(), newName, r.group(), r.description(), r.direction(),
              r.action(), r.protocol(), r.localPorts(), r.remotePorts(), r.localAddresses(),
              r.remoteAddresses(), r.profiles(), r.enabled(), r.program(), r.service(),
              r.origin()));
        } else if (r.displayName().equalsIgnoreCase(oldName)) {
          diags.error(
              Codes.NETSH_READ_DELETE,
              from.span(),
              "this rename differs from rule '" + r.displayName() + "' only in upper/lower case;"
                  + " whether netsh renames it is not known",
              "write the name exactly as it was added");
        }
      }
    }

    private static boolean prefix(String text, String word, int min) {
      return text.length() >= Math.min(min, word.length()) && word.startsWith(text);
    }

    /**
     * A delete of a rule added earlier removes it; a delete of a rule the script has not added
     * (the idempotence prelude, or the rollback) leaves the rule set as it is
     * (windows-semantics.md 1.3: delete acts on every rule of that name).
     */
    private void delete(Exec e, List<Tok> params, State s) {
      RuleParams p = new RuleParams(diags, s.delayedExpansion);
      Map<String, Tok> values = p.parse(params, Set.of("name", "dir"), true, Set.of("name"));
      if (values == null) {
        return;
      }
      Tok name = values.get("name");
      if (name == null) {
        diags.error(Codes.NETSH_READ_MISSING, e.span(), "delete rule needs name=");
        return;
      }
      if (name.lower().equals("all")) {
        diags.error(
            Codes.NETSH_READ_DELETE,
            name.span(),
            "'delete rule name=all' removes every rule on the host; it is not read");
        return;
      }
      Optional<dev.rpcwall.compiler.model.Direction> dir = Optional.empty();
      Tok d = values.get("dir");
      if (d != null) {
        dir = p.direction(d);
        if (dir.isEmpty()) {
          return;
        }
      }
      if (name.variable()) {
        hostDependentDelete(name, s);
        return;
      }
      List<WfasRule> kept = new ArrayList<>();
      for (WfasRule r : s.rules) {
        boolean dirMatches = dir.isEmpty() || dir.get() == r.direction();
        if (dirMatches && r.displayName().equals(name.text())) {
          continue;
        }
        if (dirMatches && r.displayName().equalsIgnoreCase(name.text())) {
          // Whether netsh matches names case-insensitively is UNCONFIRMED (windows-semantics.md 1.3).
          diags.error(
              Codes.NETSH_READ_DELETE,
              name.span(),
              "this delete differs from rule '" + r.displayName() + "' only in upper/lower case;"
                  + " whether netsh deletes it is not known",
              "write the name exactly as it was added");
        }
        kept.add(r);
      }
      s.rules.clear();
      s.rules.addAll(kept);
    }

    /**
     * A delete whose name is only known on the host (a {@code for /f} line of a state file, a
     * variable). Rules already on the host are outside the rule set read here, so before the
     * script has added a rule such a delete changes nothing read; after, it might remove any of
     * them, and that is not guessed (windows-semantics.md 1.3: delete acts on every rule of that
     * name).
     */
    private void hostDependentDelete(Tok name, State s) {
      // The text before the first '%' is written in the script: a name made by the host starts
      // with it, so rules whose names do not cannot be removed (a literal '%' earlier only makes
      // the prefix shorter, and the check stricter).
      int var = name.text().indexOf('%');
      String fixed = var < 0 ? "" : name.text().substring(0, var);
      if (s.rules.stream().noneMatch(r -> r.displayName().startsWith(fixed))) {
        return;
      }
      diags.error(
          Codes.NETSH_READ_DELETE,
          name.span(),
          "this delete's name is only known on the host, and it runs after the script added"
              + " rules: it may remove any of them",
          "delete rules by names from the host before adding any");
    }
  }
}
