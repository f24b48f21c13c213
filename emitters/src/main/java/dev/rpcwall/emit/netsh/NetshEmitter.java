package dev.rpcwall.emit.netsh;

import static dev.rpcwall.emit.cmd.CmdHostSettings.failIfError;
import static dev.rpcwall.emit.cmd.CmdHostSettings.stateKey;
import static dev.rpcwall.emit.cmd.CmdScript.epilogue;
import static dev.rpcwall.emit.cmd.CmdScript.prologue;
import static dev.rpcwall.emit.cmd.CmdScript.provenance;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.lower.RuleNames;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.ProtocolNames;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.LineEnding;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.compiler.target.TargetChecks;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import dev.rpcwall.emit.confirm.ConfirmedApply;
import dev.rpcwall.emit.HeaderNotes;
import dev.rpcwall.emit.netsh.NetshQuoting.Kind;
import dev.rpcwall.emit.netsh.NetshQuoting.Problem;
import dev.rpcwall.emit.text.LineWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a rule set as a {@code netsh advfirewall} apply script {@code <base>.cmd} and its rollback
 * script {@code <base>-rollback.cmd} ({@link ScriptInput#fileBase}): CRLF, US-ASCII, no timestamps. The apply script is idempotent
 * (it deletes the rules it owns by exact name before adding them) and stops at the first failing
 * command with exit code 1. See docs/targets/netsh.md.
 */
public final class NetshEmitter implements Emitter<ScriptInput> {
  /** A policy name longer than this is blamed for an over-long line that contains it. */
  private static final int LONG_NAME = 1000;

  @Override
  public TargetId target() {
    return TargetId.NETSH;
  }

  @Override
  public void check(ScriptInput input, Diagnostics out) {
    Policy policy = input.policy();
    TargetChecks.check(policy, out);
    boolean listsOk = TargetChecks.addressLists(input.rules(), out);
    boolean policyTextOk =
        report(policy.name(), Kind.NAME, "policy name", policy.nameOrigin(), out);
    if (policy.description().isPresent()) {
      policyTextOk &=
          report(
              policy.description().get(),
              Kind.TEXT,
              "description",
              policy.descriptionOrigin(),
              out);
    }
    boolean rulesOk = true;
    for (WfasRule rule : input.rules().rules()) {
      // Rule names and descriptions are made from the policy's; their problems were reported once,
      // at the policy, above. Anything else wrong in them is reported at the rule.
      if (policyTextOk) {
        rulesOk &= report(rule.displayName(), Kind.NAME, "rule name", rule.origin(), out);
        if (rule.description().isPresent()) {
          rulesOk &=
              report(rule.description().get(), Kind.TEXT, "rule description", rule.origin(), out);
        }
        if (rule.program().isPresent()) {
          rulesOk &= report(rule.program().get(), Kind.TEXT, "program path", rule.origin(), out);
        }
        if (rule.service().isPresent()) {
          rulesOk &= report(rule.service().get(), Kind.TEXT, "service name", rule.origin(), out);
        }
      }
      rulesOk &= capabilities(rule, out);
      Optional<String> stateProblem =
          NetshQuoting.stateNameProblem(rule.displayName(), ruleNamePrefix(input.slug()));
      if (stateProblem.isPresent()) {
        out.error(
            Codes.NETSH_UNSUPPORTED,
            rule.origin(),
            "rule '" + rule.displayName() + "' cannot be written for netsh: " + stateProblem.get());
        rulesOk = false;
      }
    }
    if (!policyTextOk || !rulesOk || !listsOk) {
      return;
    }
    checkLineLengths(input, out);
  }

  @Override
  public List<EmittedFile> emit(ScriptInput input) {
    List<String> apply = applyLines(input);
    List<String> rollback = rollbackLines(input);
    EmittedFile applyFile = toFile(input.fileBase() + ".cmd", apply);
    EmittedFile rollbackFile = toFile(input.fileBase() + "-rollback.cmd", rollback);
    if (!input.confirmed()) {
      return List.of(applyFile, rollbackFile);
    }
    return List.of(applyFile, rollbackFile, toFile(confirmName(input), confirmLines(input)));
  }

  private static EmittedFile toFile(String name, List<String> lines) {
    LineWriter w = new LineWriter(LineEnding.CRLF);
    for (String line : lines) {
      if (!NetshSyntax.fitsLine(line)) {
        // Lowering splits rules long before this; check() reported what the policy text causes.
        throw new IllegalStateException(
            "internal error: a line of " + name + " has " + line.length()
                + " characters; cmd.exe reads at most " + NetshSyntax.MAX_LINE);
      }
      w.line(line);
    }
    // US-ASCII without BOM: every string was checked to be ASCII, so the bytes are the same in
    // every OEM code page cmd.exe may use to read the file (docs/targets/netsh.md, "Encoding").
    return w.toFile(name, StandardCharsets.US_ASCII, false);
  }

  // Checks
  // ======

  private static boolean report(
      String value, Kind kind, String what, SourceSpan span, Diagnostics out) {
    List<Problem> problems = NetshQuoting.problems(value, kind, what);
    for (Problem p : problems) {
      out.error(p.code(), span, p.message(), p.hint());
    }
    return problems.isEmpty();
  }

  /** Reports what netsh add rule cannot write; true when the rule can be written. */
  private static boolean capabilities(WfasRule rule, Diagnostics out) {
    List<String> problems = new ArrayList<>();
    if (rule.action() == RuleAction.BYPASS) {
      problems.add("action 'bypass' needs IPsec authentication, which rpcwall never emits");
    }
    if (!rule.localAddresses().keywords().isEmpty()) {
      // MS-FASP 2.2.37: local address keywords MUST be 0 (windows-semantics.md 1.1, C7).
      problems.add("local address keywords cannot be written");
    }
    for (var k : rule.remoteAddresses().keywords()) {
      if (!NetshSyntax.ADDRESS_KEYWORDS.containsKey(k)) {
        problems.add("remote address keyword " + k + " is not documented for netsh");
      }
    }
    for (var k : rule.localPorts().keywords()) {
      if (!NetshSyntax.LOCAL_PORT_KEYWORDS.containsKey(k)) {
        problems.add("local port keyword " + k + " is not documented for netsh");
      }
    }
    if (!rule.remotePorts().keywords().isEmpty()) {
      problems.add("remote port keywords are not documented for netsh add rule");
    }
    boolean hasPorts = !rule.localPorts().any() || !rule.remotePorts().any();
    if (hasPorts && !ProtocolNames.takesPorts(rule.protocol())) {
      // windows-semantics.md 1.2 rule 1: ports only with TCP or UDP.
      problems.add("ports are only allowed with protocol tcp or udp");
    }
    boolean rpcKeyword =
        rule.localPorts().keywords().contains(PortKeyword.RPC)
            || rule.localPorts().keywords().contains(PortKeyword.RPC_EPMAP);
    if (rpcKeyword && (rule.protocol() != Protocol.TCP.number() || rule.direction() != Direction.IN)) {
      // windows-semantics.md 1.2 rule 2.
      problems.add("RPC and RPC-EPMap need protocol tcp and dir=in");
    }
    if (isEmpty(rule.localPorts())
        || isEmpty(rule.remotePorts())
        || isEmpty(rule.localAddresses())
        || isEmpty(rule.remoteAddresses())) {
      problems.add("a condition that matches nothing cannot be written");
    }
    for (String p : problems) {
      out.error(
          Codes.NETSH_UNSUPPORTED,
          rule.origin(),
          "rule '" + rule.displayName() + "' cannot be written for netsh: " + p);
    }
    return problems.isEmpty();
  }

  private static boolean isEmpty(PortCondition c) {
    return !c.any() && c.ports().isEmpty() && c.keywords().isEmpty();
  }

  private static boolean isEmpty(AddressCondition c) {
    return !c.any() && c.addresses().isEmpty() && c.keywords().isEmpty();
  }

  /**
   * Blames over-long lines on the policy text that makes them long. Any other over-long line is a
   * bug in lowering, which splits long address lists; emit() then fails as an internal error.
   */
  private static void checkLineLengths(ScriptInput input, Diagnostics out) {
    Policy policy = input.policy();
    Optional<String> description =
        policy.description().filter(d -> !d.isEmpty()).map(d -> NetshQuoting.quote(d, Kind.TEXT));
    boolean blamedName = false;
    boolean blamedDescription = false;
    List<String> all = new ArrayList<>(applyLines(input));
    all.addAll(rollbackLines(input));
    for (String line : all) {
      if (NetshSyntax.fitsLine(line)) {
        continue;
      }
      if (description.isPresent() && line.contains(description.get())) {
        if (!blamedDescription) {
          out.error(
              Codes.NETSH_LINE_TOO_LONG,
              policy.descriptionOrigin(),
              "the description makes a netsh command line longer than cmd.exe's limit of "
                  + NetshSyntax.MAX_LINE + " characters",
              "shorten the description");
        }
        blamedDescription = true;
      } else if (!blamedName
          && policy.name().length() > LONG_NAME
          && line.contains(policy.name().replace("%", "%%"))) {
        out.error(
            Codes.NETSH_LINE_TOO_LONG,
            policy.nameOrigin(),
            "the policy name makes a netsh command line longer than cmd.exe's limit of "
                + NetshSyntax.MAX_LINE + " characters",
            "shorten the policy name");
        blamedName = true;
      }
    }
  }

  // Apply script
  // ============

  static List<String> applyLines(ScriptInput input) {
    List<String> out = new ArrayList<>();
    WfasRuleSet set = input.rules();
    RpcSettings rpc = set.rpc();
    String slug = input.slug();
    String policyName = NetshQuoting.quote(input.policy().name(), Kind.NAME);
    String key = stateKey(slug);
    String list = stateKey(slug, RULES);
    String pending = stateKey(slug, PENDING);
    header(out, input, "apply script");
    out.add("rem Undo with " + input.fileBase() + "-rollback.cmd.");
    out.add("rem Dry run: " + input.fileBase() + ".cmd " + WHATIF
        + " prints every change and changes nothing.");
    prologue(out);
    // Issue 12 point 6: the dry run branches off before any command that changes the host; its
    // section is at the end of the script.
    out.add("if /i \"%~1\"==\"" + WHATIF + "\" goto whatif");
    out.add("echo rpcwall: applying policy " + policyName);
    out.add("");
    NetshProfileChecks.write(out, set.rules(), true); // issue 11 point 7: before any change
    out.add("");
    if (input.confirmed()) {
      registerRevert(out, input); // issue 9 point 5: before the first change
      out.add("");
    }
    stateComment(out, slug, rpc);
    legacyNotice(out, slug);
    out.add("");
    List<WfasRule> rules = set.rules();
    List<WfasRule> blocks = rules.stream().filter(r -> r.action() != RuleAction.ALLOW).toList();
    List<WfasRule> allows = rules.stream().filter(r -> r.action() == RuleAction.ALLOW).toList();
    out.add("rem The order keeps closed what both the earlier and this version block, whichever");
    out.add("rem command fails: this version's block rules go in first, under a temporary name, then");
    out.add("rem the earlier rules go, then the block rules get their names and the allow rules come");
    out.add("rem (a matching block rule wins over any allow rule). Deleting a rule that is not there");
    out.add("rem makes netsh fail; that is expected for the deletes and not checked.");
    out.add("");
    out.add("rem 1. What a failed run left: the rules it listed and its temporary rules.");
    pendingDeletes(out, slug);
    for (WfasRule rule : blocks) {
      out.add(deleteLine(temporaryName(rule, slug)) + " >nul 2>&1");
    }
    out.add("");
    out.add("rem 2. Record the names before adding, so that a failed run leaves them to the next run and");
    out.add("rem the rollback.");
    out.add("reg delete \"" + pending + "\" /f >nul 2>&1");
    out.add("reg add \"" + pending + "\" /f >nul");
    out.add(failIfError("creating " + pending));
    for (int i = 0; i < rules.size(); i++) {
      String suffix = rules.get(i).displayName().substring(ruleNamePrefix(slug).length());
      // check() made sure the suffix has no '"', '%', '!', '^' and does not end with '\'.
      out.add("reg add \"" + pending + "\" /v " + valueName(i) + " /t REG_SZ /d \"" + suffix
          + "\" /f >nul");
      out.add(failIfError("recording " + valueName(i) + " in " + pending));
    }
    out.add("");
    out.add("rem 3. This version's block rules, under temporary names.");
    for (WfasRule rule : blocks) {
      out.add(addLine(rule, temporaryName(rule, slug)));
      out.add(failIfError("netsh add rule " + NetshQuoting.quote(temporaryName(rule, slug), Kind.NAME)));
    }
    out.add("");
    out.add("rem 4. The rules of the earlier version: those the state lists and those of this version's");
    out.add("rem names.");
    listedDeletes(out, slug);
    for (String old : replacedSlugs(input)) {
      out.add("rem Replaced policy: the rules its state " + stateKey(old) + " lists.");
      listedDeletes(out, old);
      pendingDeletes(out, old);
    }
    for (WfasRule rule : rules) {
      out.add(deleteLine(rule.displayName()) + " >nul 2>&1");
    }
    out.add("");
    out.add("rem 5. The block rules get their names; then the allow rules.");
    for (WfasRule rule : blocks) {
      out.add("netsh advfirewall firewall set rule name="
          + NetshQuoting.quote(temporaryName(rule, slug), Kind.NAME) + " new name="
          + NetshQuoting.quote(rule.displayName(), Kind.NAME));
      out.add(failIfError("netsh set rule " + NetshQuoting.quote(rule.displayName(), Kind.NAME)));
    }
    for (WfasRule rule : allows) {
      out.add(addLine(rule));
      out.add(failIfError("netsh add rule " + NetshQuoting.quote(rule.displayName(), Kind.NAME)));
    }
    out.add("");
    out.add("rem 6. Every rule is in place: the names become the list the next run and the rollback read.");
    out.add("reg delete \"" + list + "\" /f >nul 2>&1");
    out.add("reg copy \"" + pending + "\" \"" + list + "\" /s /f >nul");
    out.add(failIfError("copying " + pending + " to " + list));
    out.add("reg delete \"" + pending + "\" /f >nul");
    out.add(failIfError("deleting " + pending));
    List<String> replaced = replacedSlugs(input);
    for (int i = 0; i < replaced.size(); i++) {
      CmdHostSettings.takeOverLines(out, slug, replaced.get(i), "take" + i, List.of(RULES, PENDING));
    }
    CmdHostSettings.applyLines(out, slug, rpc);
    out.add("");
    NetshProfileChecks.write(out, set.rules(), false); // issue 11 point 7: after applying
    out.add("");
    out.add("echo rpcwall: policy " + policyName + " applied: " + set.rules().size() + " rules.");
    CmdHostSettings.applyNotices(out, rpc);
    if (input.confirmed()) {
      out.add("echo rpcwall: CONFIRM within " + input.confirmMinutes() + " minutes: check that you"
          + " can still reach this computer, then run " + confirmName(input) + ". Until then the"
          + " task " + ConfirmedApply.taskPath(slug) + " rolls this policy back at the deadline.");
    }
    out.add("exit /b 0");
    epilogue(out, "rpcwall: stopped at the first failure; the host may be partly changed. Run "
        + input.fileBase() + "-rollback.cmd to undo."
        + (input.confirmed() ? " The rollback task, once registered, also runs at the deadline." : ""));
    whatIf(out, input, blocks, allows);
    return out;
  }

  /** The apply script's dry-run argument (issue 12 point 6). */
  static final String WHATIF = "/whatif";

  /**
   * The dry run: every change the apply script makes, printed as the command that makes it, and
   * nothing run but {@code echo} and {@code reg query} of the state (which only read). The rule
   * deletes the state drives are listed from the state as it is on this host; the block rules
   * are shown under their final names (the apply script adds them under a temporary name first
   * and renames them, so that the host is never without them). The reader checks that this
   * section changes nothing ({@link NetshReader}).
   */
  private static void whatIf(
      List<String> out, ScriptInput input, List<WfasRule> blocks, List<WfasRule> allows) {
    String slug = input.slug();
    RpcSettings rpc = input.rules().rpc();
    String w = "echo rpcwall: " + WHATIF + ": ";
    out.add("");
    out.add("rem Dry run (" + WHATIF + "): print the changes, make none.");
    out.add(":whatif");
    out.add(w + "the changes a run would make to this computer; nothing is changed.");
    out.add(w + "delete the rules the last run of this policy created, listed in " + stateKey(slug, RULES) + ":");
    out.add(echoLoop(stateKey(slug, RULES), ruleNamePrefix(slug)));
    out.add(w + "delete the rules a failed run left, listed in " + stateKey(slug, PENDING) + ":");
    out.add(echoLoop(stateKey(slug, PENDING), ruleNamePrefix(slug)));
    out.add(echoLoop(stateKey(slug, PENDING), temporaryPrefix(slug)));
    for (String old : replacedSlugs(input)) {
      out.add(w + "delete the rules of the replaced policy listed in " + stateKey(old) + ":");
      out.add(echoLoop(stateKey(old, RULES), ruleNamePrefix(old)));
      out.add(echoLoop(stateKey(old, PENDING), ruleNamePrefix(old)));
      out.add(echoLoop(stateKey(old, PENDING), temporaryPrefix(old)));
    }
    out.add(w + "delete the rules of this version's names, where they exist, and add its rules:");
    for (WfasRule rule : input.rules().rules()) {
      out.add("echo " + deleteLine(rule.displayName()));
    }
    for (WfasRule rule : blocks) {
      out.add("echo " + addLine(rule));
    }
    for (WfasRule rule : allows) {
      out.add("echo " + addLine(rule));
    }
    CmdHostSettings.whatIfLines(out, w, slug, rpc);
    if (input.confirmed()) {
      out.add(w + "first, register the task " + ConfirmedApply.taskPath(slug) + " (as SYSTEM) that"
          + " runs the rollback in " + input.confirmMinutes() + " minutes unless "
          + confirmName(input) + " deletes it.");
    }
    out.add(w + "record the " + input.rules().rules().size() + " rule names in "
        + stateKey(slug, RULES) + ".");
    out.add("exit /b 0");
  }

  /** Like {@link #stateLoop}, but printing each delete instead of running it. */
  private static String echoLoop(String key, String prefix) {
    return "for /f \"tokens=2,*\" %%A in (" + NetshSyntax.stateQuery(key)
        + ") do echo netsh advfirewall firewall delete rule name=\"" + prefix + "%%B\"";
  }

  // Rollback script
  // ===============

  static List<String> rollbackLines(ScriptInput input) {
    List<String> out = new ArrayList<>();
    WfasRuleSet set = input.rules();
    RpcSettings rpc = set.rpc();
    String slug = input.slug();
    String policyName = NetshQuoting.quote(input.policy().name(), Kind.NAME);
    String key = stateKey(slug);
    header(out, input, "rollback script");
    out.add("rem Undoes " + input.fileBase() + ".cmd, with the state it keeps in " + key + ".");
    prologue(out);
    out.add("echo rpcwall: rolling back policy " + policyName);
    out.add("");
    legacyNotice(out, slug);
    out.add("");
    out.add("rem Remove the rules of this policy: those its state lists (the last successful run's, and");
    out.add("rem a failed run's) and those this version of the policy creates. A rule that is not there");
    out.add("rem makes netsh fail; that is expected here and not checked.");
    listedDeletes(out, slug);
    pendingDeletes(out, slug);
    for (WfasRule rule : set.rules()) {
      out.add(deleteLine(rule.displayName()) + " >nul 2>&1");
      if (rule.action() != RuleAction.ALLOW) {
        out.add(deleteLine(temporaryName(rule, slug)) + " >nul 2>&1");
      }
    }
    CmdHostSettings.rollbackLines(out, slug, rpc, List.of(RULES, PENDING));
    if (input.confirmed()) {
      out.add("");
      out.add("rem Confirmed apply: the rollback is done, so a pending rollback task is not needed;");
      out.add("rem it is deleted last, so that a rollback that failed is tried again at the task's next");
      out.add("rem run. A task that is not there is not an error.");
      out.add(deleteTaskLine(slug) + " >nul 2>&1");
    }
    out.add("");
    out.add("echo rpcwall: policy " + policyName + " rolled back.");
    CmdHostSettings.rollbackNotices(out, rpc);
    out.add("exit /b 0");
    epilogue(out, "rpcwall: rollback stopped at the first failure.");
    return out;
  }

  // Confirmed apply
  // ===============

  /** {@code <base>-confirm.cmd}. */
  static String confirmName(ScriptInput input) {
    return input.fileBase() + "-confirm.cmd";
  }

  /** {@code "%ProgramFiles%\rpcwall\<slug>"}: see {@link ConfirmedApply#folderBelowProgramFiles}. */
  static String revertFolder(String slug) {
    return "%ProgramFiles%\\" + ConfirmedApply.folderBelowProgramFiles(slug);
  }

  /** The copy of the rollback script the task runs, as the apply script writes its path. */
  static String revertCopy(ScriptInput input) {
    return ConfirmedApply.protectedCopy(input.slug(), input.fileBase() + "-rollback.cmd");
  }

  static String deleteTaskLine(String slug) {
    return "schtasks /delete /tn \"" + ConfirmedApply.taskPath(slug) + "\" /f";
  }

  /**
   * The schedule of the rollback task. schtasks takes /st and /sd in the locale's time and date
   * formats, and %TIME%/%DATE% are locale-dependent too, so the script writes no time at all:
   * with /sc minute /mo N and neither /st nor /sd, the task starts at the current time and first
   * runs N minutes after schtasks completes, then every N minutes (Microsoft's schtasks reference,
   * "To schedule a task that runs every 20 minutes": without a starting date or time the task
   * starts 20 minutes after the command completes; /mo for MINUTE is 1 to 1439). That the first
   * run is not at the start time itself is UNCONFIRMED on current Windows; the safe side holds
   * either way: the host reverts, it never stays locked out. The repetition retries a rollback
   * that failed; the rollback deletes the task once it has succeeded. 1440 minutes is one day:
   * /sc daily, which likewise starts now and first runs a day later.
   */
  static String schedule(int minutes) {
    return minutes == ConfirmedApply.MAX_MINUTES ? "/sc daily" : "/sc minute /mo " + minutes;
  }

  /**
   * Registers the rollback task before the first change (issue 9 point 5). The task runs as
   * SYSTEM, so the file it runs must not be writable by anyone else: the script copies the
   * rollback into a folder below %ProgramFiles% (see {@link ConfirmedApply#folderBelowProgramFiles})
   * whose owner it sets to Administrators and whose ACL it replaces by SYSTEM and Administrators
   * with full control, nothing inherited; icacls fails when it cannot, and the script stops
   * before changing anything. A Task Scheduler service that is stopped or disabled makes
   * schtasks /create fail: the script stops there too, before any change.
   */
  private static void registerRevert(List<String> out, ScriptInput input) {
    String slug = input.slug();
    String dir = revertFolder(slug);
    String task = ConfirmedApply.taskPath(slug);
    out.add("rem Confirmed apply (--confirm-within " + input.confirmMinutes() + "): before the first"
        + " change, register the task");
    out.add("rem " + task + ", run as SYSTEM. It runs a copy of the rollback script");
    out.add("rem in " + input.confirmMinutes() + " minutes, and again at that interval until a"
        + " rollback succeeds, unless");
    out.add("rem " + confirmName(input) + " deletes it first. The copy lives in");
    out.add("rem " + dir + ", which only SYSTEM and Administrators can change.");
    out.add("rem A task of an earlier run of this policy is replaced (/f). See"
        + " docs/deploy/confirmed-apply.md.");
    // A 32-bit cmd.exe sees the 32-bit Program Files folder; the task, run by the 64-bit service,
    // would look for the copy in the other one.
    out.add("if defined PROCESSOR_ARCHITEW6432 (echo rpcwall: run this script from the 64-bit"
        + " cmd.exe: the rollback task looks for its copy below the 64-bit Program Files folder;"
        + " nothing was changed.& exit /b 1)");
    out.add("mkdir \"" + dir + "\" >nul 2>&1");
    out.add("icacls \"" + dir + "\" /setowner *S-1-5-32-544 >nul");
    out.add(failIfError("making Administrators the owner of " + dir));
    out.add("icacls \"" + dir + "\" /inheritance:r /grant:r \"*S-1-5-18:(OI)(CI)F\""
        + " \"*S-1-5-32-544:(OI)(CI)F\" >nul");
    out.add(failIfError("restricting " + dir + " to SYSTEM and Administrators"));
    out.add("copy /y \"%~dp0" + input.fileBase() + "-rollback.cmd\" \"" + revertCopy(input) + "\" >nul");
    out.add(failIfError("copying " + input.fileBase() + "-rollback.cmd to " + dir));
    // '%%' is a literal '%': the task keeps %ProgramFiles% and Task Scheduler expands it when the
    // task runs ("ExecAction object", Microsoft Learn, Task Scheduler: environment variables in
    // Path are expanded). The path written has no space, so schtasks takes it whole as the
    // program, with no quotes to escape (the expanded "Program Files" has one). UNCONFIRMED that
    // the expanded path is started whole and not split at that space like a command line
    // (docs/deploy/confirmed-apply.md); a test host settles it.
    out.add("schtasks /create /tn \"" + task + "\" /tr " + revertCopy(input).replace("%", "%%")
        + " /ru SYSTEM " + schedule(input.confirmMinutes()) + " /f >nul");
    out.add(failIfError("registering the task " + task + "; the Task Scheduler service must be running;"
        + " nothing was changed"));
  }

  /** {@code <base>-confirm.cmd}: deletes the pending rollback task, and says so. */
  static List<String> confirmLines(ScriptInput input) {
    List<String> out = new ArrayList<>();
    String slug = input.slug();
    String task = ConfirmedApply.taskPath(slug);
    String policyName = NetshQuoting.quote(input.policy().name(), Kind.NAME);
    Policy policy = input.policy();
    out.add("@echo off");
    out.add("rem rpcwall confirm script for policy " + policyName);
    out.add("rem Source: " + NetshQuoting.quoteLenient(policy.sourceName()));
    out.add("rem Source SHA-256: " + NetshQuoting.quoteLenient(input.sourceSha256()));
    out.add("rem rpcwall version: " + NetshQuoting.quoteLenient(input.toolVersion()));
    if (!input.verified()) out.add("rem " + ScriptInput.NOT_VERIFIED);
    out.add("rem Run it as Administrator once you have checked, from a new session, that you can");
    out.add("rem still reach this computer after " + input.fileBase() + ".cmd: it deletes the task");
    out.add("rem " + task + ", and the policy stays. It fails when there is no such task:");
    out.add("rem the rollback has run already, or there was nothing to confirm.");
    prologue(out);
    out.add("schtasks /query /tn \"" + task + "\" >nul 2>&1");
    out.add("if errorlevel 1 (echo rpcwall: there is no pending task " + task + ": it has run"
        + " already and the policy may be rolled back, or the policy was confirmed or rolled back"
        + " before. Check the firewall rules.& goto fail)");
    out.add(deleteTaskLine(slug) + " >nul");
    out.add(failIfError("deleting the task " + task + "; it still rolls the policy back at the"
        + " deadline"));
    out.add("echo rpcwall: policy " + policyName + " confirmed: the task " + task
        + " was deleted; the policy stays.");
    out.add("exit /b 0");
    epilogue(out, "rpcwall: not confirmed.");
    return out;
  }

  /** Slugs of the policies this one replaces (Policy.replaces(), exact names), without itself. */
  static List<String> replacedSlugs(ScriptInput input) {
    return input.policy().replaces().stream()
        .map(r -> Slug.of(r.name()))
        .filter(old -> !old.equals(input.slug()))
        .distinct()
        .toList();
  }

  // State
  // =====

  /** The subkey listing the rules of the last successful run. */
  static final String RULES = "rules";
  /** The subkey listing the rules a run is creating. */
  static final String PENDING = "rules.new";

  /** The folder where earlier versions of the scripts kept the state; it is never read. */
  static String legacyDir(String slug) {
    return "\"%ProgramData%\\rpcwall\\" + slug + "\"";
  }

  /** Value names of the rule lists: {@code r0001}, ... (in the order the rules are added). */
  static String valueName(int i) {
    return String.format(java.util.Locale.ROOT, "r%04d", i + 1);
  }

  private static void stateComment(List<String> out, String slug, RpcSettings rpc) {
    out.add("rem This policy's state on this host is kept under " + stateKey(slug) + ",");
    out.add("rem which only Administrators and SYSTEM can write; it is never read from a file:");
    out.add("rem   " + column(RULES) + "the names of the rules the last successful run created,");
    out.add("rem   " + column("") + "without the prefix " + ruleNamePrefix(slug));
    out.add("rem   " + column(PENDING) + "the names a run is creating; left behind only by a failed run");
    CmdHostSettings.describeState(out, rpc);
  }

  /**
   * Earlier versions of these scripts kept the state in a folder any local user could plant. The
   * scripts never read it; they say it is there, so that an administrator can look and remove it.
   */
  private static void legacyNotice(List<String> out, String slug) {
    String dir = legacyDir(slug);
    out.add("if exist " + dir + " echo rpcwall: NOTE: " + dir.replace("%", "%%")
        + " was written by an earlier rpcwall; it is not read. Check and remove it.");
  }

  private static String column(String text) {
    return String.format(java.util.Locale.ROOT, "%-16s", text);
  }

  /** Every name this emitter writes starts with this; the state holds the rest. */
  static String ruleNamePrefix(String slug) {
    return RuleNames.PREFIX + slug + "/";
  }

  /**
   * Deletes the rules whose names the state lists. {@code reg query} prints one line per value,
   * {@code <name>    REG_SZ    <data>}; {@code findstr} keeps those lines (the key's own line has
   * no " REG_SZ ": the key is lower case), and {@code tokens=2,*} sets {@code %%B} to the data,
   * the rest of the line. When the key does not exist the loop runs no time. {@code %%B} is
   * substituted after cmd.exe has parsed the line, so {@code & ^ %} in it would be plain text, and
   * {@code !} too with delayed expansion off; only {@code "} could end the quoted name early, and
   * no recorded name has one (windows-semantics.md 1.6 rule 3). The prefix is written here, not
   * read from the registry, so the state can only ever name this policy's rules
   * (windows-semantics.md 1.3: delete by name removes every rule of that name).
   */
  private static void listedDeletes(List<String> out, String slug) {
    out.add(stateLoop(stateKey(slug, RULES), ruleNamePrefix(slug)));
  }

  /** A failed run's list: its names, and the temporary names of its block rules. */
  private static void pendingDeletes(List<String> out, String slug) {
    out.add(stateLoop(stateKey(slug, PENDING), ruleNamePrefix(slug)));
    out.add(stateLoop(stateKey(slug, PENDING), temporaryPrefix(slug)));
  }

  private static String stateLoop(String key, String prefix) {
    return "for /f \"tokens=2,*\" %%A in (" + NetshSyntax.stateQuery(key)
        + ") do netsh advfirewall firewall delete rule name=\"" + prefix + "%%B\" >nul 2>&1";
  }

  /**
   * {@code rpcwall/<slug>~new/}: the prefix of the names block rules have while the earlier
   * version's rules are removed. A slug has no {@code ~}, so no other policy's rule and none of
   * this policy's final names starts with it, and the deletes by {@code rpcwall/<slug>/...} names
   * never touch these rules.
   */
  static String temporaryPrefix(String slug) {
    return RuleNames.PREFIX + slug + "~new/";
  }

  static String temporaryName(WfasRule rule, String slug) {
    return temporaryPrefix(slug) + rule.displayName().substring(ruleNamePrefix(slug).length());
  }


  // Pieces
  // ======

  private static void header(List<String> out, ScriptInput input, String what) {
    Policy policy = input.policy();
    out.add("@echo off");
    out.add("rem rpcwall " + what + " for policy " + NetshQuoting.quote(policy.name(), Kind.NAME));
    // check() rejected a description netsh text cannot carry, so it is quoted like a rule's.
    policy.description().filter(d -> !d.isEmpty())
        .ifPresent(d -> out.add("rem Description: " + NetshQuoting.quote(d, Kind.TEXT)));
    provenance(out, policy, input.sourceSha256(), input.toolVersion(), input.verified());
    out.add("rem Run as Administrator. Every command is checked; the first failure stops the script.");
    // Issue 12 point 6: what an administrator who needs an exception must know.
    for (String note : HeaderNotes.exception(input.fileBase() + "-rollback.cmd")) {
      out.add("rem " + note);
    }
  }

  static String deleteLine(String name) {
    return "netsh advfirewall firewall delete rule name=" + NetshQuoting.quote(name, Kind.NAME);
  }

  /** One documented {@code add rule} command (windows-semantics.md 1.1). */
  static String addLine(WfasRule rule) {
    return addLine(rule, rule.displayName());
  }

  private static String addLine(WfasRule rule, String name) {
    StringBuilder b = new StringBuilder(256);
    b.append("netsh advfirewall firewall add rule name=")
        .append(NetshQuoting.quote(name, Kind.NAME))
        .append(" dir=")
        .append(rule.direction() == Direction.IN ? "in" : "out")
        .append(" action=")
        .append(rule.action() == RuleAction.ALLOW ? "allow" : "block");
    // An explicit port, even 'any', is rejected unless the protocol is TCP or UDP
    // (windows-semantics.md 1.2 rule 1, C12), so 'any' conditions are left out.
    if (rule.protocol() != WfasRule.ANY_PROTOCOL) {
      b.append(" protocol=").append(NetshSyntax.protocol(rule.protocol()));
    }
    if (!rule.localPorts().any()) {
      b.append(" localport=").append(NetshSyntax.ports(rule.localPorts()));
    }
    if (!rule.remotePorts().any()) {
      b.append(" remoteport=").append(NetshSyntax.ports(rule.remotePorts()));
    }
    if (!rule.localAddresses().any()) {
      NetshSyntax.appendAddresses(b.append(" localip="), rule.localAddresses());
    }
    NetshSyntax.appendAddresses(b.append(" remoteip="), rule.remoteAddresses());
    b.append(" profile=").append(NetshSyntax.profiles(rule.profiles()));
    rule.program()
        .ifPresent(p -> b.append(" program=").append(NetshQuoting.quote(p, Kind.TEXT)));
    rule.service()
        .ifPresent(s -> b.append(" service=").append(NetshQuoting.quote(s, Kind.TEXT)));
    // An empty description is left out: netsh's reading of description="" is not documented.
    rule.description()
        .filter(d -> !d.isEmpty())
        .ifPresent(d -> b.append(" description=").append(NetshQuoting.quote(d, Kind.TEXT)));
    b.append(" enable=").append(rule.enabled() ? "yes" : "no");
    return b.toString();
  }
}
