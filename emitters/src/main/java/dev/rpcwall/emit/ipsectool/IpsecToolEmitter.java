package dev.rpcwall.emit.ipsectool;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.LineEnding;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import dev.rpcwall.emit.cmd.CmdScript;
import dev.rpcwall.emit.netsh.NetshQuoting;
import dev.rpcwall.emit.text.LineWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes lowered IPsec filters as an ipsecpol or ipseccmd apply script {@code
 * <base>-<target>.cmd} and its rollback {@code <base>-<target>-rollback.cmd}: CRLF, US-ASCII, no
 * timestamps. The commands are the KB's own form (KB908472, windows-semantics.md 5.2, 5.3): static
 * mode {@code <tool> -w REG -p "<policy>" -r "<rule>" -f SPEC... -n PASS|BLOCK}, several specs per
 * {@code -f} (5.2), then {@code <tool> -w REG -p "<policy>" -x} to assign. Each command's
 * errorlevel is checked; the first failure stops the script. See docs/targets/ipsecpol.md.
 *
 * <p><b>Names on the host.</b> The store policy is {@code rpcwall-<slug>} ({@link Slug#of}: unique
 * per policy name, {@code [a-z0-9-]}, so it needs no escaping and two rpcwall policies never share
 * a store policy); while a new version is built and assigned it also exists as {@code
 * rpcwall-<slug>-new} (no slug ends with {@code -new}: slugs end with eight hex digits). Every
 * command names one of these two; no other policy is ever named, so an administrator's own
 * policies are never modified or deleted.
 *
 * <p><b>Assignment (5.1 rule 3: {@code -x} assigns the named policy and unassigns whatever was
 * assigned before).</b> Decisions:
 *
 * <ol>
 *   <li>An administrator's own assigned policy would silently stop being enforced. Neither tool can
 *       say which policy is assigned (ipsecpol has no query; the layout of ipseccmd's {@code show}
 *       output is not in the sources), so the first run of the apply script on a host stops before
 *       any change unless it is given {@code /replace-assigned}, with a message saying what {@code
 *       -x} will do. A later run (the state records that this policy was applied) goes on: this
 *       policy is then the one it replaces.
 *   <li>Re-apply never opens a window: the new version is built complete under the temporary name
 *       and assigned ({@code -x} replaces the old version in one step), then the final name is
 *       deleted, rebuilt and assigned, then the temporary policy is deleted. At every moment the
 *       assigned policy is a complete version (the old one, or the new one).
 *   <li>A failed run: before the temporary policy is assigned, the old version stays assigned and
 *       the next run deletes the half-built temporary policy. After it is assigned, the state value
 *       {@value #TEMPORARY_ASSIGNED} says so, and the next run does not delete it: it rebuilds the
 *       final name while the temporary policy (complete) stays enforced.
 *   <li>Rollback unassigns ({@code -y}) and deletes ({@code -o}) the two names only. That {@code -y}
 *       acts on the named policy only, and leaves another assigned policy as it is, is
 *       UNCONFIRMED (5.1 rule 3 lists {@code -y} next to {@code -o}, which acts on the policy given
 *       by {@code -p}); that reading is taken. A rollback after another policy was assigned then
 *       leaves that policy assigned; nothing is assigned instead of this one.
 * </ol>
 *
 * <p>Dynamic mode is never written: it is not durable on Windows 2000 (C9) and cannot be undone
 * per policy ({@code -u} deletes every dynamic filter).
 */
public class IpsecToolEmitter implements Emitter<IpsecScriptInput> {
  /** cmd.exe reads at most 8191 characters of one command line. */
  public static final int MAX_LINE = 8191;

  /** Filter specs per command: at most 45 characters each, so a command stays far below {@link #MAX_LINE}. */
  static final int SPECS_PER_COMMAND = 100;


  /** State value: the temporary policy is the assigned one (a run stopped after assigning it). */
  public static final String TEMPORARY_ASSIGNED = "IpsecTemporaryAssigned";

  /** State value: an apply script of this policy ran to its end on this host. */
  public static final String APPLIED = "IpsecApplied";

  /** The argument that lets a first run replace whatever policy is assigned. */
  public static final String REPLACE_ASSIGNED = "/replace-assigned";

  private final IpsecTool tool;

  protected IpsecToolEmitter(IpsecTool tool) {
    this.tool = requireNonNull(tool, "tool");
  }

  @Override
  public TargetId target() {
    return tool.target();
  }

  public IpsecTool tool() {
    return tool;
  }

  /** The store policy of a policy: {@code rpcwall-<slug>}. */
  public static String policyName(String slug) {
    return "rpcwall-" + slug;
  }

  /** The store policy a new version is built under: {@code rpcwall-<slug>-new}. */
  public static String temporaryName(String slug) {
    return policyName(slug) + "-new";
  }

  /** {@code HKLM\SOFTWARE\rpcwall\<slug>} (docs/targets/netsh.md, "State"). */
  public static String stateKey(String slug) {
    return CmdHostSettings.stateKey(slug);
  }

  /** {@code <base>-<keyword>}: the apply script's name without {@code .cmd}. */
  public String baseName(IpsecScriptInput input) {
    return input.fileBase() + "-" + tool.target().keyword();
  }

  /**
   * Reports filters the {@code -f} syntax cannot carry. Lowering only makes inbound PASS / BLOCK
   * filters from an address block (or any) to this computer with TCP or UDP, which it always can.
   */
  @Override
  public void check(IpsecScriptInput input, Diagnostics out) {
    for (IpsecFilter f : input.filters()) {
      if (f.action() == IpsecAction.NEGOTIATE) {
        out.error(Codes.IPSEC_TOOL_UNSUPPORTED, input.policy().nameOrigin(),
            "filter " + f + " negotiates security, which rpcwall never writes");
        return;
      }
    }
  }

  @Override
  public List<EmittedFile> emit(IpsecScriptInput input) {
    String base = baseName(input);
    return List.of(toFile(base + ".cmd", applyLines(input)), toFile(base + "-rollback.cmd", rollbackLines(input)));
  }

  private static EmittedFile toFile(String name, List<String> lines) {
    LineWriter w = new LineWriter(LineEnding.CRLF);
    for (String line : lines) {
      if (line.length() >= MAX_LINE) {
        throw new IllegalStateException("internal error: a line of " + name + " has " + line.length()
            + " characters; cmd.exe reads at most " + (MAX_LINE - 1));
      }
      w.line(line);
    }
    // US-ASCII: every line is made of ASCII (policy text goes through quoteLenient).
    return w.toFile(name, StandardCharsets.US_ASCII, false);
  }

  // Commands
  // ========

  /** One static-mode rule: a name, an action and its filters (already chunked). */
  record RuleCommand(String rule, IpsecAction action, List<IpsecFilter> filters) {}

  /**
   * The rules of the policy: per protocol, the BLOCK filters and then the PASS filters (the KB's
   * order), at most {@link #SPECS_PER_COMMAND} specs per command, each command its own rule with a
   * name unique in the policy (whether a second command with the same {@code -r} adds to the rule
   * or replaces it is not documented, so no rule is ever named twice).
   */
  static List<RuleCommand> rules(List<IpsecFilter> filters) {
    List<RuleCommand> out = new ArrayList<>();
    List<Integer> protocols = filters.stream().map(IpsecFilter::protocol).distinct().sorted().toList();
    for (int protocol : protocols) {
      for (IpsecAction action : List.of(IpsecAction.BLOCK, IpsecAction.PASS)) {
        List<IpsecFilter> group =
            filters.stream().filter(f -> f.protocol() == protocol && f.action() == action).toList();
        int parts = (group.size() + SPECS_PER_COMMAND - 1) / SPECS_PER_COMMAND;
        for (int i = 0; i < parts; i++) {
          String name = (action == IpsecAction.BLOCK ? "Block" : "Pass") + " inbound "
              + FilterSpecs.protocolName(protocol) + (parts > 1 ? " " + (i + 1) + " of " + parts : "");
          out.add(new RuleCommand(name, action,
              group.subList(i * SPECS_PER_COMMAND, Math.min(group.size(), (i + 1) * SPECS_PER_COMMAND))));
        }
      }
    }
    return out;
  }

  private String command(String policy, String rest) {
    return tool.program() + " -w REG -p " + quoteName(policy) + " " + rest;
  }

  /** Names made by this class ({@code [A-Za-z0-9 -]}) in double quotes, as the KB writes them. */
  static String quoteName(String name) {
    if (!name.matches("[A-Za-z0-9 -]+")) {
      throw new IllegalArgumentException("not a name this emitter makes: " + name);
    }
    return '"' + name + '"';
  }

  private void build(List<String> out, String policy, List<RuleCommand> rules) {
    for (RuleCommand r : rules) {
      String specs = r.filters().stream().map(FilterSpecs::format).collect(Collectors.joining(" "));
      out.add(command(policy, "-r " + quoteName(r.rule()) + " -f " + specs + " -n " + FilterSpecs.action(r.action())));
      out.add(failIfError(tool.program() + " rule " + quoteName(r.rule()) + " of " + quoteName(policy)
          + ", is " + tool.exe() + " on the PATH?"));
    }
  }

  private static String failIfError(String what) {
    return CmdHostSettings.failIfError(what);
  }

  // Apply script
  // ============

  List<String> applyLines(IpsecScriptInput input) {
    List<String> out = new ArrayList<>();
    String slug = input.slug();
    String finalName = policyName(slug);
    String temp = temporaryName(slug);
    String key = stateKey(slug);
    List<RuleCommand> rules = rules(input.filters());
    header(out, input, "apply script");
    out.add("rem Undo with " + baseName(input) + "-rollback.cmd.");
    prologue(out, key);
    out.add("");
    out.add("rem Only one local IPsec policy is assigned at a time: assigning this one (-x) unassigns");
    out.add("rem whatever policy is assigned now (windows-semantics.md 5.1 rule 3), and " + tool.exe());
    out.add("rem cannot tell which that is. The first run on a host therefore needs " + REPLACE_ASSIGNED + ".");
    out.add("reg query \"" + key + "\" /v " + APPLIED + " >nul 2>&1");
    out.add("if not errorlevel 1 goto assign_ok");
    out.add("if /i \"%~1\"==\"" + REPLACE_ASSIGNED + "\" goto assign_ok");
    out.add("echo rpcwall: this script assigns the local IPsec policy " + quoteName(finalName) + ", which unassigns");
    out.add("echo rpcwall: any other local IPsec policy assigned now; its filters then stop being enforced.");
    out.add("echo rpcwall: nothing was changed. Merge such a policy into the rpcwall policy, then run again");
    out.add("echo rpcwall: with " + REPLACE_ASSIGNED + ".");
    out.add("exit /b 2");
    out.add(":assign_ok");
    out.add("echo rpcwall: applying policy " + NetshQuoting.quoteLenient(input.policy().name()) + " with "
        + tool.exe());
    out.add("");
    if (rules.isEmpty()) {
      out.add("rem The policy needs no filter: nothing is assigned. An earlier version's store policies go.");
      removeBoth(out, slug);
      out.add("reg delete \"" + key + "\" /v " + TEMPORARY_ASSIGNED + " /f >nul 2>&1");
    } else {
      out.add("rem Re-apply never leaves the host without a complete version assigned: this version is");
      out.add("rem built under " + quoteName(temp) + " and assigned (the earlier version stays assigned until");
      out.add("rem then), then " + quoteName(finalName) + " is rebuilt and assigned, then " + quoteName(temp) + " goes.");
      out.add("");
      out.add("rem 1. A run that stopped after assigning " + quoteName(temp) + " recorded that in the state: that");
      out.add("rem policy is complete and stays assigned while the final one is rebuilt.");
      out.add("reg query \"" + key + "\" /v " + TEMPORARY_ASSIGNED + " >nul 2>&1");
      out.add("if not errorlevel 1 goto final");
      out.add("");
      out.add("rem 2. This version under the temporary name. What a failed run left there is not assigned;");
      out.add("rem deleting a policy that is not there fails, which is expected and not checked.");
      out.add(command(temp, "-o") + " >nul 2>&1");
      build(out, temp, rules);
      out.add("");
      out.add("rem 3. Assign it: the earlier version (or the policy assigned before) is unassigned.");
      out.add(command(temp, "-x"));
      out.add(failIfError("assigning " + quoteName(temp)));
      out.add("reg add \"" + key + "\" /v " + TEMPORARY_ASSIGNED + " /t REG_DWORD /d 1 /f >nul");
      out.add(failIfError("recording " + TEMPORARY_ASSIGNED + " in " + key));
      out.add("");
      out.add(":final");
      out.add("rem 4. The final name, rebuilt while the temporary policy is assigned, then assigned.");
      out.add(command(finalName, "-o") + " >nul 2>&1");
      build(out, finalName, rules);
      out.add(command(finalName, "-x"));
      out.add(failIfError("assigning " + quoteName(finalName)));
      out.add("");
      out.add("rem 5. The temporary policy is no longer assigned: record that first, then delete it.");
      out.add("reg delete \"" + key + "\" /v " + TEMPORARY_ASSIGNED + " /f >nul");
      out.add(failIfError("removing " + TEMPORARY_ASSIGNED + " from " + key));
      out.add(command(temp, "-o"));
      out.add(failIfError("deleting " + quoteName(temp)));
    }
    replaced(out, input);
    out.add("reg add \"" + key + "\" /v " + APPLIED + " /t REG_DWORD /d 1 /f >nul");
    out.add(failIfError("recording " + APPLIED + " in " + key));
    rpcApply(out, slug, input.rpc());
    out.add("");
    out.add("echo rpcwall: policy " + NetshQuoting.quoteLenient(input.policy().name()) + " applied: "
        + input.filters().size() + " filters in the assigned IPsec policy " + quoteName(finalName) + ".");
    CmdHostSettings.applyNotices(out, input.rpc());
    out.add("exit /b 0");
    out.add("");
    out.add(":fail");
    out.add("echo rpcwall: stopped at the first failure. The IPsec policy assigned before this run, or this");
    out.add("echo rpcwall: version complete under " + quoteName(temp) + ", is still the assigned one. Run this script");
    out.add("echo rpcwall: again, or " + baseName(input) + "-rollback.cmd to undo.");
    out.add("exit /b 1");
    return out;
  }

  /** Policies this one replaces (Policy.replaces(), exact names): their store policies go. */
  private void replaced(List<String> out, IpsecScriptInput input) {
    List<String> slugs = input.policy().replaces().stream()
        .map(r -> Slug.of(r.name()))
        .filter(s -> !s.equals(input.slug()))
        .distinct()
        .toList();
    if (slugs.isEmpty()) {
      return;
    }
    out.add("");
    out.add("rem Replaced policies: their store policies, unassigned by the -x above, are deleted.");
    for (int i = 0; i < slugs.size(); i++) {
      String old = slugs.get(i);
      removeBoth(out, old);
      out.add("reg delete \"" + stateKey(old) + "\" /v " + TEMPORARY_ASSIGNED + " /f >nul 2>&1");
      out.add("reg delete \"" + stateKey(old) + "\" /v " + APPLIED + " /f >nul 2>&1");
      CmdHostSettings.takeOverLines(out, input.slug(), old, "take" + i, List.of());
    }
  }

  /** -y and -o of both names, unchecked: a policy that is not there, or not assigned, fails. */
  private void removeBoth(List<String> out, String slug) {
    for (String name : List.of(policyName(slug), temporaryName(slug))) {
      out.add(command(name, "-y") + " >nul 2>&1");
      out.add(command(name, "-o") + " >nul 2>&1");
    }
  }

  // RPC and WMI
  // ===========

  /**
   * The host settings come from {@link CmdHostSettings}, shared with the netsh target: the RPC
   * values found before the first run are saved in the state, the range is written with the three
   * documented {@code reg add} lines (6.1), a copy of what was written lets the rollback tell
   * whether the values are still this policy's, and WMI moves to its fixed port (6.3). Then, as
   * KB908472 writes it, {@code rpccfg.exe -pe A-B -d 0} when {@code where} finds it; the meaning
   * of {@code -pe} and {@code -d 0} is UNCONFIRMED (windows-semantics.md 6.2 rule 8), so the three
   * values are written again after it: the result does not depend on rpccfg, and the values stay
   * those the state's copy holds. Without {@code where.exe} (not on every Windows 2000/XP host) or
   * without rpccfg, the documented lines alone run.
   */
  private static void rpcApply(List<String> out, String slug, RpcSettings rpc) {
    CmdHostSettings.applyLines(out, slug, rpc);
    rpc.dynamicPorts().ifPresent(ports -> {
      List<String> ranges = ports.ranges().stream().map(PortRange::toString).toList();
      String rpccfg = "rpccfg.exe -pe " + String.join(" ", ranges) + " -d 0";
      out.add("");
      out.add("rem KB908472's own step, when rpccfg.exe is here; its switches are not documented, so the");
      out.add("rem documented values are written again after it.");
      out.add("where rpccfg.exe >nul 2>&1");
      out.add("if errorlevel 1 goto kb_rpccfg_done");
      out.add(rpccfg);
      out.add(failIfError(rpccfg));
      // 6.1 and 6.2 rule 4: ranges without spaces, one string each; '\0' separates REG_MULTI_SZ
      // strings (reg add, 1.6 rule 6).
      out.add(regAdd("Ports", "REG_MULTI_SZ", "\"" + String.join("\\0", ranges) + "\""));
      out.add(failIfError("reg add Ports"));
      out.add(regAdd("PortsInternetAvailable", "REG_SZ", "Y"));
      out.add(failIfError("reg add PortsInternetAvailable"));
      out.add(regAdd("UseInternetPorts", "REG_SZ", "Y"));
      out.add(failIfError("reg add UseInternetPorts"));
      out.add(":kb_rpccfg_done");
    });
  }

  private static String regAdd(String value, String type, String data) {
    return "reg add \"" + CmdHostSettings.RPC_KEY + "\" /v " + value + " /t " + type + " /d " + data
        + " /f";
  }

  // Rollback script
  // ===============

  List<String> rollbackLines(IpsecScriptInput input) {
    List<String> out = new ArrayList<>();
    String slug = input.slug();
    String key = stateKey(slug);
    header(out, input, "rollback script");
    out.add("rem Undoes " + baseName(input) + ".cmd: unassigns and deletes the local IPsec policies "
        + quoteName(policyName(slug)));
    out.add("rem and " + quoteName(temporaryName(slug)) + ", and no other.");
    prologue(out, key);
    out.add("echo rpcwall: rolling back policy " + NetshQuoting.quoteLenient(input.policy().name()));
    out.add("");
    out.add("rem -y unassigns the named policy only (UNCONFIRMED, docs/targets/ipsecpol.md): another policy");
    out.add("rem assigned since stays assigned. A policy that is not there, or not assigned, makes the tool");
    out.add("rem fail; that is expected here and not checked.");
    removeBoth(out, slug);
    out.add("reg delete \"" + key + "\" /v " + TEMPORARY_ASSIGNED + " /f >nul 2>&1");
    out.add("reg delete \"" + key + "\" /v " + APPLIED + " /f >nul 2>&1");
    CmdHostSettings.rollbackLines(out, slug, input.rpc(), List.of());
    out.add("");
    out.add("echo rpcwall: policy " + NetshQuoting.quoteLenient(input.policy().name()) + " rolled back.");
    CmdHostSettings.rollbackNotices(out, input.rpc());
    out.add("exit /b 0");
    CmdScript.epilogue(out, "rpcwall: rollback stopped at the first failure.");
    return out;
  }

  // Pieces
  // ======

  private void header(List<String> out, IpsecScriptInput input, String what) {
    Policy policy = input.policy();
    long blocks = input.filters().stream().filter(f -> f.action() == IpsecAction.BLOCK).count();
    out.add("@echo off");
    out.add("rem rpcwall " + what + " (" + tool.program() + ", " + tool.platform() + ") for policy "
        + NetshQuoting.quoteLenient(policy.name()));
    policy.description().filter(d -> !d.isEmpty())
        .ifPresent(d -> out.add("rem Description: " + NetshQuoting.quoteLenient(d)));
    CmdScript.provenance(out, policy, input.sourceSha256(), input.toolVersion(), input.verified());
    if (input.ipv6LeftOut()) {
      out.add("rem " + IpsecScriptInput.IPV6_LEFT_OUT);
    }
    out.add("rem Filters: " + input.filters().size() + " (" + blocks + " BLOCK, "
        + (input.filters().size() - blocks) + " PASS), inbound, one port each, in the local IPsec policy "
        + quoteName(policyName(input.slug())) + ".");
    out.add("rem Run as Administrator. Every command is checked; the first failure stops the script.");
  }

  /**
   * Delayed expansion off; then the administrator check: only Administrators and SYSTEM may create
   * keys under HKLM\SOFTWARE, and the state key is needed anyway. (fltmc, which the netsh target
   * uses, is not on Windows 2000; reg.exe is, from the Support Tools, on every version this
   * target is for.)
   */
  private static void prologue(List<String> out, String key) {
    out.add("setlocal EnableExtensions DisableDelayedExpansion");
    out.add("");
    out.add("rem Only an administrator can write under HKLM\\SOFTWARE, where this policy keeps its state.");
    out.add("reg add \"" + key + "\" /f >nul 2>&1");
    out.add("if errorlevel 1 (echo rpcwall: cannot write " + key
        + ": run this script as Administrator; Windows 2000 needs reg.exe from the Support Tools.& exit /b 1)");
  }
}
