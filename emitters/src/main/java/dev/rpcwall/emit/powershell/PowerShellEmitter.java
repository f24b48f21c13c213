package dev.rpcwall.emit.powershell;

import static dev.rpcwall.emit.powershell.PowerShellQuoting.quote;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.lower.RuleNames;
import dev.rpcwall.compiler.model.AddressCondition;
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
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.LineEnding;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.compiler.target.TargetChecks;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.HeaderNotes;
import dev.rpcwall.emit.confirm.ConfirmedApply;
import dev.rpcwall.emit.text.LineWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Emits {@code <slug>.ps1} and {@code <slug>-rollback.ps1} for Windows PowerShell 5.1 and later:
 * UTF-8 with a byte order mark (5.1 reads BOM-less scripts in the ANSI code page) and CRLF line
 * endings (what Windows tools and reviewers expect; PowerShell accepts either). Both scripts take
 * {@code -PolicyStore} and {@code -SkipHostSettings}, support {@code -WhatIf}, and are idempotent.
 */
public final class PowerShellEmitter implements Emitter<ScriptInput> {
  /** The emitted scripts use CRLF: see the class comment and docs/targets/powershell.md. */
  public static final LineEnding LINE_ENDING = LineEnding.CRLF;


  private static final String INDENT = "    ";
  private static final String CONT = " `";

  @Override
  public TargetId target() {
    return TargetId.POWERSHELL;
  }

  @Override
  public void check(ScriptInput input, Diagnostics out) {
    Policy policy = input.policy();
    TargetChecks.check(policy, out);
    // Address lists against Windows' limits (1000 entries, masks, ::/::1): the shared check.
    TargetChecks.addressLists(input.rules(), out);
    boolean policyTextOk =
        PowerShellQuoting.check(policy.name(), "the policy name", policy.nameOrigin(), out);
    if (policy.description().isPresent()) {
      policyTextOk &=
          PowerShellQuoting.check(
              policy.description().get(), "the description", policy.descriptionOrigin(), out);
    }
    for (String group : groups(input)) {
      checkGroup(group, policy.nameOrigin(), out);
    }
    for (Policy.Replaced old : policy.replaces()) {
      // The name appears in a comment of the apply script; its group and state key are made
      // from its slug.
      PowerShellQuoting.check(old.name(), "the replaced policy's name", old.origin(), out);
      checkGroup(RuleNames.group(old.name()), old.origin(), out);
    }
    for (WfasRule rule : input.rules().rules()) {
      SourceSpan span = rule.origin().isKnown() ? rule.origin() : policy.nameOrigin();
      if (policyTextOk) {
        // Rule texts are built from the policy's name and description; when those fail, the
        // same character would be reported once per rule.
        PowerShellQuoting.check(rule.id(), "the rule name", span, out);
        PowerShellQuoting.check(rule.displayName(), "the rule display name", span, out);
        rule.group().ifPresent(g -> PowerShellQuoting.check(g, "the rule group", span, out));
        rule.description()
            .ifPresent(d -> PowerShellQuoting.check(d, "the rule description", span, out));
        rule.program().ifPresent(p -> PowerShellQuoting.check(p, "the program path", span, out));
        rule.service().ifPresent(s -> PowerShellQuoting.check(s, "the service name", span, out));
      }
      checkExpressible(rule, span, out);
    }
  }

  /**
   * Both scripts remove the policy's rules with {@code Get-NetFirewallRule -Group <group> |
   * Remove-NetFirewallRule}. Whether {@code -Group} reads its value as a wildcard pattern is
   * UNCONFIRMED (windows-semantics.md 4.1 and 4.3 rule 2 say nothing either way); under the safe
   * reading, {@code * ? [ ]} would remove other groups' rules (a policy named {@code *} would remove
   * every rpcwall rule) and the escape character backtick would make the group miss its own rules,
   * so a re-run would fail on the existing rule IDs. The group is made from the policy name, so the
   * name is blamed.
   */
  private static void checkGroup(String group, SourceSpan span, Diagnostics out) {
    for (int i = 0; i < group.length(); i++) {
      char c = group.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '`') {
        out.error(
            Codes.PS_GROUP_WILDCARD,
            span,
            "the rule group '" + group + "' contains '" + c + "', which Get-NetFirewallRule"
                + " -Group may read as a wildcard, so the scripts could remove other rules than"
                + " this policy's",
            "remove * ? [ ] and ` from the policy name for the PowerShell target");
        return;
      }
    }
  }

  private static void checkExpressible(WfasRule rule, SourceSpan span, Diagnostics out) {
    if (rule.group().isEmpty()) {
      unsupported(out, span, "rule '" + rule.id() + "' has no group; the script removes and rolls"
          + " back its rules by group");
    }
    if (rule.action() == RuleAction.BYPASS) {
      // -OverrideBlockRules needs IPsec authentication and -RemoteMachine (windows-semantics.md 4.1).
      unsupported(out, span, "rule '" + rule.id() + "' is an authenticated-bypass rule, which"
          + " rpcwall never emits");
    }
    for (PortCondition ports : List.of(rule.localPorts(), rule.remotePorts())) {
      for (PortKeyword k : ports.keywords()) {
        if (!PsSpelling.PORT_KEYWORDS.containsKey(k)) {
          unsupported(out, span, "port keyword " + k + " has no documented PowerShell spelling");
        }
      }
      boolean tcpUdp = ProtocolNames.takesPorts(rule.protocol());
      if (!ports.any() && !tcpUdp) {
        // windows-semantics.md 1.2 rule 1: ports only with TCP or UDP.
        unsupported(out, span, "rule '" + rule.id() + "' has ports but protocol "
            + PsSpelling.protocol(rule.protocol()));
      }
    }
    if (!rule.localAddresses().keywords().isEmpty()) {
      // C7: local-address keywords MUST be 0 (MS-FASP 2.2.37).
      unsupported(out, span, "rule '" + rule.id() + "' has local address keywords");
    }
    if (!rule.remoteAddresses().any()
        && rule.remoteAddresses().addresses().isEmpty()
        && rule.remoteAddresses().keywords().isEmpty()) {
      unsupported(out, span, "rule '" + rule.id() + "' matches no remote address; an empty"
          + " -RemoteAddress would mean any");
    }
  }

  private static void unsupported(Diagnostics out, SourceSpan span, String message) {
    out.error(Codes.PS_UNSUPPORTED, span, message + " (PowerShell target)");
  }

  @Override
  public List<EmittedFile> emit(ScriptInput input) {
    if (!input.confirmed()) {
      return List.of(apply(input), rollback(input));
    }
    return List.of(apply(input), rollback(input), confirm(input));
  }

  /** {@code <base>-confirm.ps1} (confirmed apply, issue 9 point 5). */
  public static String confirmName(String fileBase) {
    return fileBase + "-confirm.ps1";
  }

  /** {@code <slug>.ps1}. */
  public static String applyName(String slug) {
    return slug + ".ps1";
  }

  /** {@code <slug>-rollback.ps1}. */
  public static String rollbackName(String slug) {
    return slug + "-rollback.ps1";
  }

  /**
   * {@code HKLM:\SOFTWARE\rpcwall\<slug>}: the policy's state key. The scripts may run from a
   * read-only share or a GPO/Intune/SCCM cache, so the state cannot live next to them, and under
   * HKLM\SOFTWARE only SYSTEM and Administrators can create it (docs/targets/powershell.md, "State").
   */
  public static String stateKey(String slug) {
    return PsRuntime.STATE_ROOT + "\\" + slug;
  }

  /** The subkey of {@link #stateKey} that holds the RPC values from before rpcwall. */
  public static String backupKey(String slug) {
    return stateKey(slug) + "\\" + PsRuntime.BACKUP_KEY;
  }

  private EmittedFile apply(ScriptInput input) {
    LineWriter w = new LineWriter(LINE_ENDING);
    RpcSettings rpc = input.rules().rpc();
    List<String> groups = groups(input);
    List<String> replaced = replacedGroups(input);
    header(w, input, "apply", groups);
    w.line("#   .\\" + applyName(input.fileBase()) + " -WhatIf     shows every change without making it");
    w.line("#   .\\" + applyName(input.fileBase()) + "             applies it to this computer");
    w.line("#   .\\" + applyName(input.fileBase()) + " -PolicyStore 'example.com\\GPO name'");
    w.line("#                                 writes the rules into a GPO and leaves this computer alone:");
    w.line("#                                 one Open-NetGPO, one Save-NetGPO at the end; computers");
    w.line("#                                 apply it at their next Group Policy refresh (by default");
    w.line("#                                 every 90 minutes plus up to 30 minutes, and at restart)");
    w.line("# It first checks that every profile of this computer would enforce the policy (firewall");
    w.line("# on, inbound rules allowed, local rules merged) and stops if not, unless -Force is given.");
    w.line("# Running it again is safe: it renames the rules of its group aside (they go on");
    w.line("# enforcing), creates the new rules, and removes the renamed ones only when every step");
    w.line("# succeeded. If a step fails, it undoes what this run changed (the earlier rules get");
    w.line("# their names back) and stops with the error.");
    w.line("# State (the RPC values from before rpcwall) is kept in " + stateKey(input.slug()) + ",");
    w.line("# which only SYSTEM and Administrators can change; it is checked before it is read.");
    w.line("# Roll back with .\\" + rollbackName(input.fileBase()) + " (same -PolicyStore).");
    preamble(w, input);
    boolean registry = rpc.dynamicPorts().isPresent();
    boolean wmi = rpc.wmiFixedPort().isPresent();
    List<String> fns = new ArrayList<>(List.of(PsRuntime.ADD_UNDO, PsRuntime.UNDO,
        PsRuntime.MOVE_ASIDE, PsRuntime.REMOVE_MOVED, PsRuntime.CHECK_PROFILES,
        PsRuntime.ASSERT_STATE));
    if (registry || wmi || !input.policy().replaces().isEmpty()) {
      fns.add(PsRuntime.NEW_STATE);
    }
    if (!input.policy().replaces().isEmpty()) {
      fns.add(PsRuntime.MOVE_STATE);
      fns.add(PsRuntime.REMOVE_REPLACED);
    }
    if (registry) {
      fns.addAll(List.of(PsRuntime.READ_REGISTRY, PsRuntime.SAVE_REGISTRY,
          PsRuntime.SET_WRITTEN, PsRuntime.RESTORE_REGISTRY));
    } else {
      fns.add(PsRuntime.RESTORE_BACKUP);
    }
    fns.add(wmi ? PsRuntime.SAVE_WMI : PsRuntime.RESTORE_WMI);
    if (input.confirmed()) {
      fns.add(PsRuntime.REGISTER_REVERT);
    }
    for (String fn : fns) {
      w.blank();
      PsRuntime.FUNCTIONS.get(fn).forEach(w::line);
    }
    w.blank();
    profileCheck(w, input, "before applying");
    if (input.confirmed()) {
      registerRevert(w, input); // issue 9 point 5: before the first change
    }
    w.blank();
    w.line("try {");
    List<String> moved = new ArrayList<>(groups);
    moved.addAll(replaced);
    for (String group : moved) {
      w.blank();
      // The earlier run's rules keep enforcing while the new ones are created: removing them
      // first would leave the host without this policy's Block rules if a create failed.
      w.line(INDENT + (replaced.contains(group)
          ? "# Rename the rules of a policy this one replaces aside; they are removed at the end."
          : "# Rename the rules of the earlier run aside; they are removed at the end."));
      w.line(INDENT + "if ($PSCmdlet.ShouldProcess(" + quote("rules of group " + group)
          + ", 'Rename-NetFirewallRule (moved aside until the new rules exist)')) {");
      w.line(INDENT + INDENT + PsRuntime.MOVE_ASIDE + " -Group " + quote(group)
          + " -Store $RpcwallStore");
      w.line(INDENT + "}");
    }
    for (String old : replacedNames(input)) {
      w.blank();
      w.line(INDENT + "# Take over the state of " + quote(old) + ", which this policy replaces.");
      w.line(INDENT + "if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess("
          + quote(stateKey(Slug.of(old))) + ", 'Take over the RPC backup')) {");
      w.line(INDENT + INDENT + PsRuntime.MOVE_STATE + " -From " + quote(stateKey(Slug.of(old)))
          + " -To $RpcwallState");
      w.line(INDENT + "}");
    }
    int n = 0;
    for (WfasRule rule : input.rules().rules()) {
      n++;
      w.blank();
      w.line(INDENT + "# Rule " + n + " of " + input.rules().rules().size()
          + (rule.origin().isKnown() ? ", from policy line " + rule.origin().line() : ""));
      w.line(INDENT + "if ($PSCmdlet.ShouldProcess(" + quote("rule " + rule.id())
          + ", 'New-NetFirewallRule')) {");
      newRule(w, rule, INDENT + INDENT);
      w.line(INDENT + INDENT + PsRuntime.ADD_UNDO + " -Kind 'rule' -Item " + quote(rule.id()));
      w.line(INDENT + "}");
    }
    rpc.dynamicPorts().ifPresent(ports -> registry(w, ports));
    if (rpc.wmiFixedPort().isPresent()) {
      winmgmt(w, rpc.wmiFixedPort().getAsInt());
    }
    w.line("} catch {");
    w.line(INDENT + "Write-Warning 'rpcwall: a step failed; undoing the changes of this run'");
    w.line(INDENT + PsRuntime.UNDO + " -Store $RpcwallStore");
    w.line(INDENT + "throw");
    w.line("}");
    for (String old : replacedNames(input)) {
      w.blank();
      // Outside the try, like the removal of the replaced rules: the record is this policy's now.
      w.line("# Every step succeeded: remove the host-settings record of " + quote(old) + ".");
      w.line("if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess("
          + quote(stateKey(Slug.of(old))) + ", 'Remove the record taken over')) {");
      w.line(INDENT + PsRuntime.REMOVE_REPLACED + " -From " + quote(stateKey(Slug.of(old))));
      w.line("}");
    }
    for (String group : moved) {
      w.blank();
      // Outside the try: once every rule exists, undoing them would take away a complete policy
      // to bring back an incomplete one.
      w.line("# Every step succeeded: the rules of the earlier run are no longer needed.");
      w.line("if ($PSCmdlet.ShouldProcess(" + quote("rules of group " + group
          + " moved aside by this run") + ", 'Remove-NetFirewallRule')) {");
      w.line(INDENT + PsRuntime.REMOVE_MOVED + " -Group " + quote(group)
          + " -Store $RpcwallStore");
      w.line("}");
    }
    if (!registry) {
      // Issue 12: a version without the RPC range puts back the values from before rpcwall
      // that an earlier version saved (only while they are still the ones it wrote).
      w.blank();
      w.line("# This version sets no RPC port range: put back the values an earlier version saved.");
      w.line("if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess(" + quote(PsRuntime.KEY)
          + ", 'Restore the RPC values saved by an earlier version of this policy')) {");
      w.line(INDENT + PsRuntime.RESTORE_BACKUP + " -State $RpcwallState");
      w.line("}");
    }
    if (!wmi) {
      // Issue 11 point 12: likewise WMI's host, when an earlier version set the fixed port.
      w.blank();
      w.line("# This version does not set WMI's fixed port: put WMI back where an earlier version found it.");
      w.line("if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('winmgmt',"
          + " 'Put WMI back in the host an earlier version of this policy found it in')) {");
      w.line(INDENT + PsRuntime.RESTORE_WMI + " -State $RpcwallState");
      w.line("}");
    }
    saveGpo(w);
    w.blank();
    profileCheck(w, input, "after applying");
    if (input.confirmed()) {
      w.blank();
      w.line("Write-Host " + quote("rpcwall: CONFIRM within " + input.confirmMinutes() + " minutes"
          + " (unless this was a -WhatIf run): check that you can still reach this computer, then"
          + " run .\\" + confirmName(input.fileBase()) + ". Until then the task \\"
          + ConfirmedApply.taskPath(input.slug()) + " rolls this policy back at the deadline."));
    }
    return w.toFile(applyName(input.fileBase()), StandardCharsets.UTF_8, true);
  }

  /**
   * Registers the rollback task before the first change ({@link PsRuntime#REGISTER_REVERT}): after
   * the profile checks, which change nothing, and before the try block that makes the changes.
   */
  private static void registerRevert(LineWriter w, ScriptInput input) {
    w.blank();
    w.line("# Confirmed apply (--confirm-within " + input.confirmMinutes() + "): before the first change,"
        + " register the task");
    w.line("# \\" + ConfirmedApply.taskPath(input.slug()) + ", run as SYSTEM. It runs a copy of the"
        + " rollback script");
    w.line("# in " + input.confirmMinutes() + " minutes, and again at that interval until a rollback"
        + " succeeds, unless");
    w.line("# .\\" + confirmName(input.fileBase()) + " deletes it first. See"
        + " docs/deploy/confirmed-apply.md.");
    w.line("if ($PSCmdlet.ShouldProcess(" + quote("scheduled task \\" + ConfirmedApply.taskPath(input.slug()))
        + ", 'Register-ScheduledTask (rolls the policy back unless confirmed)')) {");
    w.line(INDENT + PsRuntime.REGISTER_REVERT + " -Slug " + quote(input.slug()) + " -Rollback "
        + quote(rollbackName(input.fileBase())) + " -Minutes " + input.confirmMinutes());
    w.line("}");
  }

  /** {@code <base>-confirm.ps1}: deletes the pending rollback task, and says so. */
  private EmittedFile confirm(ScriptInput input) {
    LineWriter w = new LineWriter(LINE_ENDING);
    String task = "\\" + ConfirmedApply.taskPath(input.slug());
    w.line("# rpcwall confirm script for policy " + quote(input.policy().name()));
    w.line("# Source:  " + commentSafe(input.policy().sourceName()));
    w.line("# SHA-256: " + commentSafe(input.sourceSha256()));
    w.line("# Tool:    rpcwall " + commentSafe(input.toolVersion()));
    if (!input.verified()) w.line("# " + ScriptInput.NOT_VERIFIED);
    w.line("#");
    w.line("# Run it as administrator once you have checked, from a new session, that you can");
    w.line("# still reach this computer after");
    w.line("# .\\" + applyName(input.fileBase()) + ": it deletes the task " + task
        + ", and the policy stays.");
    w.line("# It fails when there is no such task: the rollback has run already, or there was");
    w.line("# nothing to confirm.");
    w.blank();
    w.line("#Requires -RunAsAdministrator");
    w.blank();
    w.line("[CmdletBinding()]");
    w.line("param()");
    w.blank();
    w.line("$ErrorActionPreference = 'Stop'");
    w.blank();
    PsRuntime.FUNCTIONS.get(PsRuntime.UNREGISTER_REVERT).forEach(w::line);
    w.blank();
    w.line(PsRuntime.UNREGISTER_REVERT + " -Slug " + quote(input.slug()) + " -Missing 'fail'");
    w.line("Write-Host " + quote("rpcwall: policy " + input.policy().name() + " confirmed; it stays."));
    return w.toFile(confirmName(input.fileBase()), StandardCharsets.UTF_8, true);
  }

  private static void profileCheck(LineWriter w, ScriptInput input, String stage) {
    w.line("# Would each profile enforce the policy? (stops unless -Force)");
    w.line(PsRuntime.CHECK_PROFILES + " -Profiles " + profileList(input) + " -PolicyStore $PolicyStore"
        + " -Stage " + quote(stage)
        + (input.policy().defaultAction() == dev.rpcwall.compiler.ir.Action.BLOCK ? " -DefaultBlock" : ""));
  }

  /** The profiles any rule of the policy applies in (all three when it has no rule). */
  private static String profileList(ScriptInput input) {
    Set<Profile> used = new java.util.TreeSet<>();
    for (WfasRule r : input.rules().rules()) {
      used.addAll(r.profiles().isEmpty() ? Set.of(Profile.values()) : r.profiles());
    }
    if (used.isEmpty()) {
      used.addAll(Set.of(Profile.values()));
    }
    return used.stream()
        .map(p -> quote(p.keyword().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + p.keyword().substring(1)))
        .collect(Collectors.joining(", "));
  }

  private EmittedFile rollback(ScriptInput input) {
    LineWriter w = new LineWriter(LINE_ENDING);
    RpcSettings rpc = input.rules().rpc();
    List<String> groups = groups(input);
    header(w, input, "rollback", groups);
    w.line("#   .\\" + rollbackName(input.fileBase()) + " -WhatIf     shows every change without making it");
    w.line("#   .\\" + rollbackName(input.fileBase()) + "             removes the policy from this computer");
    w.line("# It removes every rule of the group, puts back the RPC registry values the apply script");
    w.line("# saved in " + backupKey(input.slug()));
    w.line("# (after checking that only SYSTEM and Administrators can change that key, and only while");
    w.line("# the values are still the ones this policy wrote), and, when a version of the policy set");
    w.line("# the WMI fixed port, puts WMI back in the host it ran in before (unless another policy");
    w.line("# still sets the fixed port).");
    preamble(w, input);
    List<String> fns = new ArrayList<>(List.of(PsRuntime.ASSERT_STATE, PsRuntime.RESTORE_WMI));
    if (rpc.dynamicPorts().isPresent()) {
      fns.add(PsRuntime.RESTORE_BACKUP);
    }
    if (input.confirmed()) {
      fns.add(PsRuntime.UNREGISTER_REVERT);
    }
    for (String fn : fns) {
      w.blank();
      PsRuntime.FUNCTIONS.get(fn).forEach(w::line);
    }
    removeGroups(w, groups, "");
    // Every version: an earlier version may have set the fixed port (issue 11 point 12).
    w.blank();
    w.line("if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('winmgmt',"
        + " 'Put WMI back in the host it ran in before this policy')) {");
    w.line(INDENT + PsRuntime.RESTORE_WMI + " -State $RpcwallState -OrHandOver");
    w.line("}");
    if (rpc.dynamicPorts().isPresent()) {
      w.blank();
      w.line("if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess(" + quote(PsRuntime.KEY)
          + ", 'Restore the RPC values saved by the apply script')) {");
      w.line(INDENT + PsRuntime.RESTORE_BACKUP + " -State $RpcwallState");
      w.line(INDENT + "Write-Warning 'rpcwall: the RPC port range change takes effect after the computer restarts.'");
      w.line("}");
    }
    saveGpo(w);
    if (input.confirmed()) {
      // Last, so that a rollback that failed is tried again at the task's next run.
      w.blank();
      w.line("# Confirmed apply: the rollback is done; a pending rollback task is no longer needed.");
      w.line("if ($PSCmdlet.ShouldProcess(" + quote("scheduled task \\" + ConfirmedApply.taskPath(input.slug()))
          + ", 'Unregister-ScheduledTask')) {");
      w.line(INDENT + PsRuntime.UNREGISTER_REVERT + " -Slug " + quote(input.slug()) + " -Missing 'ignore'");
      w.line("}");
    }
    return w.toFile(rollbackName(input.fileBase()), StandardCharsets.UTF_8, true);
  }

  /** The names of the policies this one replaces, without its own, each once. */
  private static List<String> replacedNames(ScriptInput input) {
    List<String> out = new ArrayList<>();
    for (Policy.Replaced old : input.policy().replaces()) {
      if (!Slug.of(old.name()).equals(input.slug()) && !out.contains(old.name())) {
        out.add(old.name());
      }
    }
    return out;
  }

  /** The groups of the policies this one replaces ({@link Policy#replaces()}), minus its own. */
  private static List<String> replacedGroups(ScriptInput input) {
    Set<String> own = new LinkedHashSet<>(groups(input));
    List<String> out = new ArrayList<>();
    for (Policy.Replaced old : input.policy().replaces()) {
      String g = RuleNames.group(old.name());
      if (!own.contains(g) && !out.contains(g)) {
        out.add(g);
      }
    }
    return out;
  }

  /**
   * The policy's group first: it is known from the policy name even when the policy lowers to no
   * rules, and the scripts must still remove what an earlier version of the policy created.
   */
  private static List<String> groups(ScriptInput input) {
    Set<String> groups = new LinkedHashSet<>();
    groups.add(RuleNames.group(input.policy().name()));
    input.rules().rules().forEach(r -> r.group().ifPresent(groups::add));
    return new ArrayList<>(groups);
  }

  private static void header(LineWriter w, ScriptInput input, String kind, List<String> groups) {
    Policy policy = input.policy();
    w.line("# rpcwall " + kind + " script for policy " + quote(policy.name()));
    // check() rejected a description a literal cannot carry (control characters among them).
    policy.description().filter(d -> !d.isEmpty())
        .ifPresent(d -> w.line("# Description: " + quote(d)));
    w.line("# Source:  " + commentSafe(policy.sourceName()));
    w.line("# SHA-256: " + commentSafe(input.sourceSha256()));
    w.line("# Tool:    rpcwall " + commentSafe(input.toolVersion()));
    if (!input.verified()) w.line("# " + ScriptInput.NOT_VERIFIED); // issue 11 point 6
    w.line("# Rules:   " + input.rules().rules().size() + ", group "
        + groups.stream().map(PowerShellQuoting::quote).collect(Collectors.joining(", ")));
    w.line("#");
    // Issue 12 point 6: what an administrator who needs an exception must know.
    for (String note : HeaderNotes.exception(".\\" + rollbackName(input.fileBase()))) {
      w.line("# " + note);
    }
    w.line("# Signed copies run under the AllSigned execution policy: sign the file as it was");
    w.line("# written (Set-AuthenticodeSignature, docs/targets/powershell.md \"Signing\"); nothing in it");
    w.line("# changes when it runs, and it never rewrites itself.");
    w.line("#");
    w.line("# Run as administrator in Windows PowerShell 5.1 or later:");
  }

  /** Header text that is not policy text (file name, version) cannot fail the build: mask it. */
  private static String commentSafe(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      b.append(PowerShellQuoting.problem(String.valueOf(c)).isPresent() ? '?' : c);
    }
    return b.toString();
  }

  private static void preamble(LineWriter w, ScriptInput input) {
    w.blank();
    // The elevation check is PowerShell's own (#Requires, checked before the script runs); it does
    // not use 'net session', which fails when the Server service is disabled (issue 13).
    w.line("#Requires -RunAsAdministrator");
    w.blank();
    w.line("[CmdletBinding(SupportsShouldProcess)]");
    w.line("param(");
    w.line(INDENT + "# 'PersistentStore' is this computer; a GPO is written as 'domain\\GPO name'.");
    w.line(INDENT + "[string] $PolicyStore = 'PersistentStore',");
    w.line(INDENT + "# Leaves the RPC registry values and WMI alone (implied by any other -PolicyStore).");
    w.line(INDENT + "[switch] $SkipHostSettings,");
    w.line(INDENT + "# Goes on when a firewall profile would not enforce the policy.");
    w.line(INDENT + "[switch] $Force");
    w.line(")");
    w.blank();
    w.line("$ErrorActionPreference = 'Stop'");
    w.line("$RpcwallState = " + quote(stateKey(input.slug())));
    w.blank();
    // Issue 12: the registry values and services are this computer's; writing a GPO must not
    // change them. -ne is case-insensitive, as PolicyStore names are.
    w.line("if ($PolicyStore -ne 'PersistentStore' -and -not $SkipHostSettings) {");
    w.line(INDENT + "Write-Warning ('rpcwall: -PolicyStore ' + $PolicyStore + ' is not this computer''s store;"
        + " the RPC registry values and WMI of this computer are left alone')");
    w.line(INDENT + "$SkipHostSettings = $true");
    w.line("}");
    w.blank();
    // Issue 12 point 7: without -GPOSession every cmdlet loads and saves the whole GPO (one round
    // trip to the domain controller each). Open-NetGPO caches the GPO once, the cmdlets change
    // the cached copy through -GPOSession, and Save-NetGPO writes it back once ("Open-NetGPO" and
    // "Save-NetGPO", Microsoft Learn, NetSecurity module). A GPO is named 'domain\GPO name'; no
    // store of this computer has a backslash in its name.
    w.line("# A GPO ('domain\\GPO name') is changed through one cached copy: Open-NetGPO now, every");
    w.line("# change through -GPOSession, one Save-NetGPO when every step succeeded.");
    w.line("$RpcwallStore = @{ PolicyStore = $PolicyStore }");
    w.line("if (" + GPO_TEST + ") {");
    w.line(INDENT + "$RpcwallGpo = Open-NetGPO -PolicyStore $PolicyStore");
    w.line(INDENT + "$RpcwallStore = @{ GPOSession = $RpcwallGpo }");
    w.line("}");
  }

  /** True in the scripts when {@code -PolicyStore} names a GPO. */
  static final String GPO_TEST = "$PolicyStore -like '*\\*'";

  /**
   * The one save of a GPO run, and when clients see it: computers refresh Group Policy in the
   * background every 90 minutes plus a random offset of 0 to 30 minutes by default, and at
   * startup ("Background refresh of Group Policy", Microsoft Learn, Group Policy; MS-GPOD 4.1
   * note 2).
   */
  private static void saveGpo(LineWriter w) {
    w.blank();
    w.line("# A GPO: save the cached copy once; nothing reached the GPO before this line.");
    w.line("if (" + GPO_TEST + " -and $PSCmdlet.ShouldProcess('the GPO named by -PolicyStore',"
        + " 'Save-NetGPO (write back the cached copy)')) {");
    w.line(INDENT + "Save-NetGPO -GPOSession $RpcwallGpo");
    w.line(INDENT + "Write-Host ('rpcwall: saved to the GPO ' + $PolicyStore + '. Computers apply it at"
        + " their next Group Policy refresh: by default every 90 minutes plus a random offset of"
        + " up to 30 minutes, and at restart; gpupdate /force on a computer applies it now.')");
    w.line("}");
  }

  private static void removeGroups(LineWriter w, List<String> groups, String indent) {
    for (String group : groups) {
      w.blank();
      w.line(indent + "# Remove the rules of this policy, whichever run created them.");
      w.line(indent + "if ($PSCmdlet.ShouldProcess(" + quote("rules of group " + group)
          + ", 'Remove-NetFirewallRule')) {");
      w.line(indent + INDENT + "Get-NetFirewallRule -Group " + quote(group)
          + " @RpcwallStore -ErrorAction SilentlyContinue | Remove-NetFirewallRule");
      w.line(indent + "}");
    }
  }

  private static void newRule(LineWriter w, WfasRule rule, String indent) {
    String more = indent + INDENT;
    w.line(indent + "$null = New-NetFirewallRule -Name " + quote(rule.id()) + CONT);
    w.line(more + "-DisplayName " + quote(rule.displayName()) + CONT);
    rule.group().ifPresent(g -> w.line(more + "-Group " + quote(g) + CONT));
    rule.description().ifPresent(d -> w.line(more + "-Description " + quote(d) + CONT));
    w.line(more + "-Direction " + (rule.direction() == Direction.IN ? "Inbound" : "Outbound")
        + " -Action " + (rule.action() == RuleAction.ALLOW ? "Allow" : "Block")
        + " -Enabled " + (rule.enabled() ? "True" : "False") + CONT);
    rule.program().ifPresent(p -> w.line(more + "-Program " + quote(p) + CONT));
    rule.service().ifPresent(s -> w.line(more + "-Service " + quote(s) + CONT));
    StringBuilder proto = new StringBuilder(more + "-Protocol " + PsSpelling.protocol(rule.protocol()));
    if (!rule.localPorts().any()) {
      proto.append(" -LocalPort ").append(ports(rule.localPorts()));
    } else if (ProtocolNames.takesPorts(rule.protocol())) {
      proto.append(" -LocalPort Any");
    }
    w.line(proto + CONT);
    if (!rule.remotePorts().any()) {
      w.line(more + "-RemotePort " + ports(rule.remotePorts()) + CONT);
    }
    if (!rule.localAddresses().any()) {
      w.line(more + "-LocalAddress " + addresses(rule.localAddresses()) + CONT);
    }
    w.line(more + "-RemoteAddress " + addresses(rule.remoteAddresses()) + CONT);
    w.line(more + "-Profile " + profiles(rule.profiles()) + CONT);
    w.line(more + "@RpcwallStore");
  }

  /** windows-semantics.md 4.7 rule 4: a String[] array, one quoted element per port or range. */
  private static String ports(PortCondition ports) {
    List<String> items = new ArrayList<>();
    for (PortKeyword k : ports.keywords().stream().sorted().toList()) {
      items.add(PsSpelling.PORT_KEYWORDS.get(k));
    }
    for (PortRange r : ports.ports().ranges()) {
      items.add(r.toString());
    }
    return items.stream().map(PowerShellQuoting::quote).collect(Collectors.joining(", "));
  }

  private static String addresses(AddressCondition addresses) {
    if (addresses.any() || (addresses.keywords().isEmpty() && addresses.addresses().equals(AddressSet.all()))) {
      return "Any";
    }
    List<String> items = new ArrayList<>();
    for (AddressKeyword k : addresses.keywords().stream().sorted().toList()) {
      items.add(PsSpelling.ADDRESS_KEYWORDS.get(k));
    }
    items.addAll(PsAddresses.format(addresses.addresses()));
    return items.stream().map(PowerShellQuoting::quote).collect(Collectors.joining(", "));
  }

  /** {@code Any} for all profiles, else {@code Domain,Private} with no spaces (4.7 rule 4). */
  private static String profiles(Set<Profile> profiles) {
    if (profiles.isEmpty() || profiles.size() == Profile.values().length) {
      return "Any";
    }
    return profiles.stream()
        .sorted()
        .map(p -> p.keyword().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + p.keyword().substring(1))
        .collect(Collectors.joining(","));
  }

  private static void registry(LineWriter w, PortSet ports) {
    String key = quote(PsRuntime.KEY);
    String more = INDENT + INDENT;
    w.blank();
    // windows-semantics.md 6.1/6.2: Ports (REG_MULTI_SZ, ranges without spaces, KB201911),
    // PortsInternetAvailable=Y and UseInternetPorts=Y; the previous values are saved first.
    w.line(INDENT + "# RPC dynamic port range (HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet).");
    w.line(INDENT + "if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess(" + key
        + ", " + quote("Restrict RPC dynamic ports to " + ports) + ")) {");
    w.line(more + PsRuntime.SAVE_REGISTRY + " -State $RpcwallState");
    // The registry provider does not document what New-Item -Force does to an existing key's
    // values, so the key is only created when it is missing (safe reading of 4.5).
    w.line(more + "if (-not (Test-Path -LiteralPath " + key + ")) {");
    w.line(more + INDENT + "$null = New-Item -Path " + key);
    w.line(more + "}");
    String values =
        ports.ranges().stream().map(r -> quote(r.toString())).collect(Collectors.joining(", "));
    w.line(more + "$null = New-ItemProperty -Path " + key
        + " -Name 'Ports' -PropertyType MultiString -Value @(" + values + ") -Force");
    w.line(more + "$null = New-ItemProperty -Path " + key
        + " -Name 'PortsInternetAvailable' -PropertyType String -Value 'Y' -Force");
    w.line(more + "$null = New-ItemProperty -Path " + key
        + " -Name 'UseInternetPorts' -PropertyType String -Value 'Y' -Force");
    w.line(more + PsRuntime.SET_WRITTEN + " -State $RpcwallState -Ports @(" + values + ")");
    // windows-semantics.md 6.2 rule 2: the range takes effect only after a restart.
    w.line(more + "Write-Warning 'rpcwall: restart the computer for the RPC port range to take effect.'");
    w.line(INDENT + "}");
  }

  private static void winmgmt(LineWriter w, int port) {
    String more = INDENT + INDENT;
    w.blank();
    // windows-semantics.md 6.3 rules 1-2: winmgmt -standalonehost, then restart the service.
    w.line(INDENT + "# WMI on its fixed port TCP " + port + " (winmgmt -standalonehost).");
    w.line(INDENT + "if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('winmgmt', "
        + quote("Move WMI to its own host on TCP " + port + " (winmgmt -standalonehost)") + ")) {");
    // The host WMI runs in now is journalled (undo) and, on the first run, recorded (rollback).
    w.line(more + PsRuntime.SAVE_WMI + " -State $RpcwallState");
    w.line(more + "& winmgmt.exe -standalonehost");
    w.line(more + "if ($LASTEXITCODE -ne 0) { throw ('winmgmt -standalonehost failed with exit code ' + $LASTEXITCODE) }");
    w.line(more + "Restart-Service -Name winmgmt -Force");
    w.line(INDENT + "}");
  }
}
