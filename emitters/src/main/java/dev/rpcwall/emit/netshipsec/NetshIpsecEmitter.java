package dev.rpcwall.emit.netshipsec;

import static dev.rpcwall.emit.cmd.CmdScript.epilogue;
import static dev.rpcwall.emit.cmd.CmdScript.prologue;
import static dev.rpcwall.emit.cmd.CmdScript.provenance;
import static dev.rpcwall.emit.netshipsec.NetshIpsecNames.ACTIVE_POLICY;
import static dev.rpcwall.emit.netshipsec.NetshIpsecNames.ASSIGNED_COPY;
import static dev.rpcwall.emit.netshipsec.NetshIpsecNames.BEFORE_COPY;
import static dev.rpcwall.emit.netshipsec.NetshIpsecNames.COMPLETE;
import static dev.rpcwall.emit.netshipsec.NetshIpsecNames.DOMAIN_POLICY;
import static dev.rpcwall.emit.netshipsec.NetshIpsecNames.LOCAL_STORE;
import static dev.rpcwall.emit.netshipsec.NetshIpsecNames.TEMP_ASSIGNED;
import static dev.rpcwall.emit.netshipsec.NetshIpsecNames.stateKey;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.LineEnding;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.compiler.target.TargetChecks;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.netsh.NetshQuoting;
import dev.rpcwall.emit.text.LineWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes lowered IPsec filters as a Windows Server 2003 {@code netsh ipsec static} apply script
 * {@code <base>-netsh-ipsec.cmd} and its rollback {@code <base>-netsh-ipsec-rollback.cmd}: CRLF,
 * US-ASCII, no timestamps, every command checked, the first failure stops with exit code 1.
 *
 * <p>What goes on the host (windows-semantics.md 5.4): one static policy {@code rpcwall/<slug>},
 * created unassigned with the default response rule off; one filter action per action used
 * ({@code permit}, {@code block}), one filter list per action holding that action's filters, one
 * rule joining each list to its action; then the policy is assigned. Every filter is written with
 * every field explicit: {@code srcaddr}/{@code srcmask} (dotted), {@code dstaddr=me}, the
 * protocol, {@code srcport=0}, the one {@code dstport} and {@code mirrored=no} (the default of
 * {@code mirrored} is UNCONFIRMED, 5.4 rule 3, so it is never left to the default; likewise {@code
 * activatedefaultrule=no}, 5.4 rule 4).
 *
 * <p>Assignment (5.1 rule 3: one assigned policy per store; assigning one unassigns the other):
 * before changing anything the apply script stops with exit code 2 when a domain IPsec policy
 * applies (it would override this one, 5.1 rule 4) or when a local policy other than this one is
 * assigned, unless run with {@code /force}; with {@code /force} it records what was assigned, and
 * the rollback names it but does not assign it again. Re-apply: the new version is built
 * completely under the temporary name and assigned (which unassigns the old version in the same
 * step), then the old version is deleted and built again under the final name, assigned, and the
 * temporary one deleted; at no point is no complete version assigned. Markers in the state key
 * let a failed run's successor continue without deleting an assigned policy. The rollback
 * unassigns and deletes this policy's objects under both name sets, and nothing else. See
 * docs/targets/netsh-ipsec.md.
 */
public final class NetshIpsecEmitter implements Emitter<IpsecScriptInput> {
  /** cmd.exe reads at most 8191 characters of one command line. */
  static final int MAX_LINE = 8191;

  /** The apply script's file name suffix after the file base. */
  public static final String APPLY_SUFFIX = "-netsh-ipsec.cmd";

  public static final String ROLLBACK_SUFFIX = "-netsh-ipsec-rollback.cmd";

  @Override
  public TargetId target() {
    return TargetId.NETSH_IPSEC;
  }

  @Override
  public void check(IpsecScriptInput input, Diagnostics out) {
    Policy policy = input.policy();
    policy
        .rpc()
        .wmiFixedPort()
        .ifPresent(
            port -> {
              if (port != TargetChecks.WMI_STANDALONE_PORT) {
                // windows-semantics.md 6.3 rule 1, as for every target (TargetChecks).
                out.error(
                    Codes.TARGET_WMI_PORT,
                    policy.rpc().wmiOrigin(),
                    "WMI fixed port " + port + " cannot be set by a script: winmgmt -standalonehost"
                        + " always listens on TCP " + TargetChecks.WMI_STANDALONE_PORT,
                    "use 'wmi fixed port " + TargetChecks.WMI_STANDALONE_PORT + "'");
              }
            });
    for (IpsecFilter f : input.filters()) {
      if (!writable(f)) {
        out.error(
            Codes.NIPSEC_UNSUPPORTED,
            policy.nameOrigin(),
            "filter " + f + " cannot be written by the netsh ipsec target: it writes inbound,"
                + " unmirrored permit and block filters to this computer only");
        return;
      }
    }
  }

  /** What lowering produces and this emitter writes (IpsecLowering's class comment). */
  static boolean writable(IpsecFilter f) {
    return f.destination().kind() == IpsecAddress.Kind.ME
        && f.source().kind() != IpsecAddress.Kind.ME
        && !f.mirrored()
        && f.sourcePort() == IpsecFilter.ANY_PORT
        && f.action() != IpsecAction.NEGOTIATE;
  }

  @Override
  public List<EmittedFile> emit(IpsecScriptInput input) {
    for (IpsecFilter f : input.filters()) {
      if (!writable(f)) {
        throw new IllegalStateException("internal error: check() rejects filter " + f);
      }
    }
    return List.of(
        toFile(input.fileBase() + APPLY_SUFFIX, applyLines(input)),
        toFile(input.fileBase() + ROLLBACK_SUFFIX, rollbackLines(input)));
  }

  private static EmittedFile toFile(String name, List<String> lines) {
    LineWriter w = new LineWriter(LineEnding.CRLF);
    for (String line : lines) {
      if (line.length() >= MAX_LINE) {
        // Every line is made of slug-based names and numbers: far below the limit.
        throw new IllegalStateException(
            "internal error: a line of " + name + " has " + line.length() + " characters");
      }
      w.line(line);
    }
    // US-ASCII: every line is ASCII (names from the slug, policy text through quoteLenient).
    return w.toFile(name, StandardCharsets.US_ASCII, false);
  }

  // Apply script
  // ============

  static List<String> applyLines(IpsecScriptInput input) {
    List<String> out = new ArrayList<>();
    String slug = input.slug();
    String key = stateKey(slug);
    String finalName = NetshIpsecNames.finalPolicy(slug);
    String tempName = NetshIpsecNames.tempPolicy(slug);
    header(out, input, "apply script");
    out.add("rem Undo with " + input.fileBase() + ROLLBACK_SUFFIX + ".");
    out.add("rem Usage: " + input.fileBase() + APPLY_SUFFIX + " [/force]");
    prologue(out);
    out.add("set RPCWALL_FORCE=");
    out.add("if /i \"%~1\"==\"/force\" set RPCWALL_FORCE=1");
    out.add("echo rpcwall: applying policy " + NetshQuoting.quoteLenient(input.policy().name())
        + " as IPsec policy \"" + finalName + "\"");
    out.add("");
    assignmentChecks(out, slug, replacedSlugs(input));
    out.add("");
    out.add("rem This policy's state on this host, under " + key + " (Administrators and SYSTEM only):");
    out.add("rem   " + COMPLETE + "      value: \"" + finalName + "\" is complete (it may be assigned)");
    out.add("rem   " + TEMP_ASSIGNED + "  value: \"" + tempName + "\" is complete and was assigned");
    out.add("rem   " + ASSIGNED_COPY + "     the store's values after this policy's last assignment");
    out.add("rem   " + BEFORE_COPY + "       the store's values when /force unassigned another policy");
    RpcPart.describe(out, input);
    out.add("set RPCWALL_REAPPLY=");
    out.add("set RPCWALL_TEMP=");
    out.add("reg query \"" + key + "\" /v " + COMPLETE + " >nul 2>&1 && set RPCWALL_REAPPLY=1");
    out.add("reg query \"" + key + "\" /v " + TEMP_ASSIGNED + " >nul 2>&1 && set RPCWALL_TEMP=1");
    out.add("if defined RPCWALL_TEMP goto rebuild");
    out.add("if defined RPCWALL_REAPPLY goto reapply");
    out.add("");
    out.add("rem First apply: no complete version of this policy is on the host. Objects with its names");
    out.add("rem are what a failed first run left; none of them is assigned (the final policy is only");
    out.add("rem assigned after " + COMPLETE + " is recorded), so they go first.");
    deleteAll(out, finalName, false);
    deleteAll(out, tempName, false);
    build(out, input, finalName);
    record(out, key, COMPLETE);
    assign(out, slug, finalName);
    out.add("goto applied");
    out.add("");
    out.add(":reapply");
    out.add("rem Re-apply: the earlier version stays assigned while this one is built under the");
    out.add("rem temporary name; assigning that unassigns the earlier version in the same step");
    out.add("rem (windows-semantics.md 5.1 rule 3), so a complete version is enforced throughout.");
    out.add("rem Objects with the temporary names are a failed run's, not assigned: they go first.");
    deleteAll(out, tempName, false);
    build(out, input, tempName);
    assign(out, slug, tempName);
    record(out, key, TEMP_ASSIGNED);
    out.add("");
    out.add(":rebuild");
    out.add("rem The temporary version is assigned: the final names are free to be built again.");
    out.add("reg delete \"" + key + "\" /v " + COMPLETE + " /f >nul 2>&1");
    deleteAll(out, finalName, false);
    build(out, input, finalName);
    record(out, key, COMPLETE);
    assign(out, slug, finalName);
    out.add("rem The final version is assigned: the temporary one is no longer needed.");
    deleteAll(out, tempName, true);
    out.add("reg delete \"" + key + "\" /v " + TEMP_ASSIGNED + " /f >nul");
    out.add(failIfError("deleting " + TEMP_ASSIGNED + " in " + key));
    out.add("");
    out.add(":applied");
    List<String> replaced = replacedSlugs(input);
    for (int i = 0; i < replaced.size(); i++) {
      String old = replaced.get(i);
      out.add("");
      out.add("rem Replaced policy " + stateKey(old) + ": its IPsec objects go (this policy is the");
      out.add("rem assigned one now), then its state.");
      deleteAll(out, NetshIpsecNames.finalPolicy(old), false);
      deleteAll(out, NetshIpsecNames.tempPolicy(old), false);
      out.add("reg delete \"" + stateKey(old) + "\" /v " + COMPLETE + " /f >nul 2>&1");
      out.add("reg delete \"" + stateKey(old) + "\" /v " + TEMP_ASSIGNED + " /f >nul 2>&1");
      RpcPart.takeOver(out, input, old, "take" + i);
    }
    RpcPart.apply(out, input);
    out.add("");
    out.add("echo rpcwall: IPsec policy \"" + finalName + "\" assigned: " + input.filters().size()
        + " filters.");
    RpcPart.applyNotices(out, input);
    out.add("exit /b 0");
    epilogue(out, "rpcwall: stopped at the first failure; the host may be partly changed. Run this"
        + " script again to finish, or " + input.fileBase() + ROLLBACK_SUFFIX + " to undo.");
    return out;
  }

  /**
   * Stops before any change when this policy would not be the one in force, or would silently
   * unassign someone else's (windows-semantics.md 5.1 rules 3 and 4), unless /force was given.
   */
  private static void assignmentChecks(List<String> out, String slug, List<String> replaced) {
    String assigned = stateKey(slug, ASSIGNED_COPY);
    String before = stateKey(slug, BEFORE_COPY);
    out.add("rem A domain IPsec policy overrides every local one (windows-semantics.md 5.1 rule 4):");
    out.add("rem this policy would not be enforced.");
    out.add("reg query \"" + DOMAIN_POLICY + "\" >nul 2>&1");
    out.add("if errorlevel 1 goto no_domain_policy");
    out.add("echo rpcwall: a domain IPsec policy applies to this computer and overrides local policies;"
        + " this policy would not be enforced. Check: netsh ipsec static show gpoassignedpolicy");
    out.add("if not defined RPCWALL_FORCE exit /b 2");
    out.add("echo rpcwall: WARNING: /force given: going on although a domain policy applies.");
    out.add(":no_domain_policy");
    out.add("rem Only one local policy can be assigned; assigning this one unassigns any other");
    out.add("rem (windows-semantics.md 5.1 rule 3). An assigned policy other than this one, as its");
    out.add("rem state last recorded it, stops the script unless /force is given.");
    out.add("reg query \"" + LOCAL_STORE + "\" /v " + ACTIVE_POLICY + " >nul 2>&1");
    out.add("if errorlevel 1 goto assigned_checked");
    out.add("reg compare \"" + LOCAL_STORE + "\" \"" + assigned + "\" /v " + ACTIVE_POLICY
        + " >nul 2>&1");
    out.add("if not errorlevel 1 goto assigned_checked");
    for (String old : replaced) {
      out.add("rem Or the policy this one replaces, as its state last recorded it.");
      out.add("reg compare \"" + LOCAL_STORE + "\" \"" + stateKey(old, ASSIGNED_COPY) + "\" /v "
          + ACTIVE_POLICY + " >nul 2>&1");
      out.add("if not errorlevel 1 goto assigned_checked");
    }
    out.add("echo rpcwall: another IPsec policy is assigned on this computer. Assigning this one would"
        + " unassign it. Check: netsh ipsec static show policy name=all");
    out.add("if not defined RPCWALL_FORCE exit /b 2");
    out.add("echo rpcwall: WARNING: /force given: the assigned policy will be unassigned (not deleted);"
        + " the rollback does not assign it again.");
    out.add("reg query \"" + before + "\" >nul 2>&1");
    out.add("if not errorlevel 1 goto assigned_checked");
    out.add("reg add \"" + before + "\" /f >nul");
    out.add(failIfError("creating " + before));
    out.add("rem reg copy without /s copies the key's values only: " + ACTIVE_POLICY + " names the policy.");
    out.add("reg copy \"" + LOCAL_STORE + "\" \"" + before + "\" /f >nul");
    out.add(failIfError("saving the assigned policy's path in " + before));
    out.add(":assigned_checked");
  }

  /** Slugs of the policies this one replaces (Policy.replaces(), exact names), without itself. */
  static List<String> replacedSlugs(IpsecScriptInput input) {
    return input.policy().replaces().stream()
        .map(r -> Slug.of(r.name()))
        .filter(old -> !old.equals(input.slug()))
        .distinct()
        .toList();
  }

  /** The policy named {@code policy}, complete and unassigned (windows-semantics.md 5.4). */
  private static void build(List<String> out, IpsecScriptInput input, String policy) {
    out.add("netsh ipsec static add policy name=\"" + policy + "\" description=\"rpcwall "
        + input.slug() + "\" activatedefaultrule=no assign=no");
    out.add(failIfError("add policy \"" + policy + "\""));
    for (IpsecAction action : actionsUsed(input)) {
      String list = NetshIpsecNames.filterList(policy, action);
      String fa = NetshIpsecNames.filterAction(policy, action);
      out.add("netsh ipsec static add filteraction name=\"" + fa + "\" action="
          + NetshIpsecNames.word(action));
      out.add(failIfError("add filteraction \"" + fa + "\""));
      out.add("netsh ipsec static add filterlist name=\"" + list + "\"");
      out.add(failIfError("add filterlist \"" + list + "\""));
      for (IpsecFilter f : input.filters()) {
        if (f.action() == action) {
          out.add(addFilter(list, f));
          out.add(failIfError("add filter " + describe(f)));
        }
      }
      String rule = NetshIpsecNames.rule(policy, action);
      out.add("netsh ipsec static add rule name=\"" + rule + "\" policy=\"" + policy
          + "\" filterlist=\"" + list + "\" filteraction=\"" + fa + "\" conntype=all activate=yes");
      out.add(failIfError("add rule \"" + rule + "\""));
    }
  }

  /** BLOCK first, then PASS; only the actions some filter has. */
  static List<IpsecAction> actionsUsed(IpsecScriptInput input) {
    List<IpsecAction> out = new ArrayList<>();
    for (IpsecAction a : List.of(IpsecAction.BLOCK, IpsecAction.PASS)) {
      if (input.filters().stream().anyMatch(f -> f.action() == a)) {
        out.add(a);
      }
    }
    return out;
  }

  /** One documented {@code add filter} (windows-semantics.md 5.4), every field explicit. */
  static String addFilter(String list, IpsecFilter f) {
    StringBuilder b = new StringBuilder(200);
    b.append("netsh ipsec static add filter filterlist=\"").append(list).append('"');
    IpsecAddress src = f.source();
    if (src.kind() == IpsecAddress.Kind.ANY) {
      b.append(" srcaddr=any");
    } else {
      b.append(" srcaddr=").append(Ip.v4(src.address()))
          .append(" srcmask=").append(Ip.v4(src.mask()));
    }
    b.append(" dstaddr=me")
        .append(" protocol=").append(protocol(f.protocol()))
        .append(" srcport=0")
        .append(" dstport=").append(f.destinationPort())
        .append(" mirrored=no");
    return b.toString();
  }

  /** A filter in words safe inside an echo in a block: no {@code < > | & ^ % ( )}. */
  static String describe(IpsecFilter f) {
    return NetshIpsecNames.word(f.action()) + " " + protocol(f.protocol()) + " port "
        + f.destinationPort() + " from " + f.source();
  }

  static String protocol(int number) {
    return switch (number) {
      case 0 -> "ANY";
      case 6 -> "TCP";
      case 17 -> "UDP";
      case 1 -> "ICMP";
      default -> Integer.toString(number);
    };
  }

  /**
   * Assigns {@code policy} and records the store's values right after, so that the next run tells
   * this policy's assignment from someone else's. The record is not checked: when the store's
   * layout differs from the one assumed (NetshIpsecNames.LOCAL_STORE, UNCONFIRMED), there is
   * nothing to copy, and the next run's check finds no assigned policy either.
   */
  private static void assign(List<String> out, String slug, String policy) {
    String assigned = stateKey(slug, ASSIGNED_COPY);
    out.add("netsh ipsec static set policy name=\"" + policy + "\" assign=yes");
    out.add(failIfError("set policy \"" + policy + "\" assign=yes"));
    out.add("reg delete \"" + assigned + "\" /f >nul 2>&1");
    out.add("reg add \"" + assigned + "\" /f >nul");
    out.add(failIfError("creating " + assigned));
    out.add("reg copy \"" + LOCAL_STORE + "\" \"" + assigned + "\" /f >nul 2>&1");
  }

  private static void record(List<String> out, String key, String value) {
    out.add("reg add \"" + key + "\" /v " + value + " /t REG_DWORD /d 1 /f >nul");
    out.add(failIfError("recording " + value + " in " + key));
  }

  /**
   * Unassigns and deletes the policy named {@code policy} and the filter lists and actions of its
   * names: the policy first, since its rules refer to the lists and actions. When {@code checked}
   * is false a missing object is expected and the errors are not checked.
   */
  static void deleteAll(List<String> out, String policy, boolean checked) {
    String quiet = checked ? " >nul" : " >nul 2>&1";
    out.add("netsh ipsec static delete policy name=\"" + policy + "\"" + quiet);
    if (checked) {
      out.add(failIfError("delete policy \"" + policy + "\""));
    }
    for (IpsecAction a : List.of(IpsecAction.BLOCK, IpsecAction.PASS)) {
      // Lists and actions of an action the version does not use may be absent: never checked.
      out.add("netsh ipsec static delete filterlist name=\"" + NetshIpsecNames.filterList(policy, a)
          + "\" >nul 2>&1");
      out.add("netsh ipsec static delete filteraction name=\""
          + NetshIpsecNames.filterAction(policy, a) + "\" >nul 2>&1");
    }
  }

  // Rollback script
  // ===============

  static List<String> rollbackLines(IpsecScriptInput input) {
    List<String> out = new ArrayList<>();
    String slug = input.slug();
    String key = stateKey(slug);
    String before = stateKey(slug, BEFORE_COPY);
    header(out, input, "rollback script");
    out.add("rem Undoes " + input.fileBase() + APPLY_SUFFIX + ", with the state it keeps in " + key + ".");
    prologue(out);
    out.add("echo rpcwall: rolling back IPsec policy \"" + NetshIpsecNames.finalPolicy(slug) + "\"");
    out.add("");
    out.add("rem This policy's objects under both its name sets, and no other: the names come from the");
    out.add("rem policy's slug, which no other policy shares. A policy assigned since by someone else");
    out.add("rem stays assigned. Unassigning first means a deleted policy was never the assigned one.");
    out.add("rem A missing object makes netsh fail; that is expected here and not checked.");
    for (String policy :
        List.of(NetshIpsecNames.finalPolicy(slug), NetshIpsecNames.tempPolicy(slug))) {
      out.add("netsh ipsec static set policy name=\"" + policy + "\" assign=no >nul 2>&1");
      deleteAll(out, policy, false);
    }
    out.add("");
    out.add("rem A policy that /force unassigned is not assigned again: its name is not known to this");
    out.add("rem script, and it may have changed since. Say where its path was saved.");
    out.add("reg query \"" + before + "\" >nul 2>&1");
    out.add("if errorlevel 1 goto before_done");
    out.add("echo rpcwall: NOTE: the apply script was run with /force and unassigned another IPsec"
        + " policy; it is not assigned again. Its path: reg query \"" + before + "\" /v "
        + ACTIVE_POLICY + "; assign it with netsh ipsec static set policy name=... assign=yes");
    out.add(":before_done");
    out.add("");
    out.add("rem The IPsec objects are gone: their markers go; the host settings and the state key follow.");
    out.add("reg delete \"" + key + "\" /v " + COMPLETE + " /f >nul 2>&1");
    out.add("reg delete \"" + key + "\" /v " + TEMP_ASSIGNED + " /f >nul 2>&1");
    RpcPart.rollback(out, input);
    out.add("");
    out.add("echo rpcwall: IPsec policy \"" + NetshIpsecNames.finalPolicy(slug) + "\" rolled back.");
    RpcPart.rollbackNotices(out, input);
    out.add("exit /b 0");
    epilogue(out, "rpcwall: rollback stopped at the first failure.");
    return out;
  }

  // Pieces
  // ======

  private static void header(List<String> out, IpsecScriptInput input, String what) {
    Policy policy = input.policy();
    out.add("@echo off");
    out.add("rem rpcwall netsh ipsec static " + what + " for policy "
        + NetshQuoting.quoteLenient(policy.name()));
    policy.description().filter(d -> !d.isEmpty())
        .ifPresent(d -> out.add("rem Description: " + NetshQuoting.quoteLenient(d)));
    out.add("rem For Windows Server 2003 (netsh ipsec static, windows-semantics.md 5.1).");
    provenance(out, policy, input.sourceSha256(), input.toolVersion(), input.verified());
    if (input.ipv6LeftOut()) {
      out.add("rem " + IpsecScriptInput.IPV6_LEFT_OUT);
    }
    long permit = input.filters().stream().filter(f -> f.action() == IpsecAction.PASS).count();
    out.add("rem Filters: " + input.filters().size() + " (" + permit + " permit, "
        + (input.filters().size() - permit) + " block), inbound to this computer, one port each,"
        + " unmirrored; the most specific filter decides (windows-semantics.md 5.5).");
    out.add("rem Run as Administrator. Every command is checked; the first failure stops the script.");
  }

  /** {@code what} is fixed ASCII text without quotes that cmd.exe would read as syntax. */
  static String failIfError(String what) {
    return "if errorlevel 1 (echo rpcwall: FAILED: " + what.replace("\"", "") + "& goto fail)";
  }
}
