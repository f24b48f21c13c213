package dev.rpcwall.emit.cmd;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.TargetChecks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The host settings of a policy in a cmd.exe script, for every target whose scripts are {@code
 * .cmd} files (netsh advfirewall, and the legacy IPsec tools): the RPC dynamic port range under
 * {@code HKLM\SOFTWARE\Microsoft\Rpc\Internet} (windows-semantics.md 6.1, 6.2) and WMI on its
 * fixed port (6.3), how the apply script saves what the host had before and the rollback puts it
 * back, and how a reader reads these commands back.
 *
 * <p>The state of a policy is kept under {@code HKLM\SOFTWARE\rpcwall\<slug>} ({@link #stateKey});
 * the subkeys and values this class writes there are documented in docs/targets/netsh.md, "State".
 * The lines it writes need the script to run with extensions on, to have a label {@code :fail} that
 * reports the failure and exits non-zero ({@link #failIfError}), and not to use labels starting with
 * {@code rpc_}, {@code state_} or the labels given to {@link #takeOverLines}.
 */
public final class CmdHostSettings {
  /** The key of the RPC port settings (windows-semantics.md 6.1). */
  public static final String RPC_KEY = "HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet";

  /** Where the scripts keep the state of every policy (docs/targets/netsh.md, "State"). */
  public static final String STATE_ROOT = "HKLM\\SOFTWARE\\rpcwall";

  /** The subkey holding a copy of the RPC values found before the first run. */
  public static final String RPC_BACKUP = "rpc-backup";
  /** The subkey holding a copy of the RPC values as the last run wrote them. */
  public static final String RPC_WRITTEN = "rpc-written";
  /** A value of the state key: the RPC values were saved in {@link #RPC_BACKUP}. */
  public static final String RPC_SAVED = "RpcSaved";
  /** A value of the state key: the RPC key did not exist before the first run. */
  public static final String RPC_ABSENT = "RpcAbsent";

  private static final List<String> RPC_VALUES =
      List.of("Ports", "PortsInternetAvailable", "UseInternetPorts");

  private CmdHostSettings() {}

  // Fragments
  // =========

  /**
   * The state of a policy on a host: {@code HKLM\SOFTWARE\rpcwall\<slug>}. Only SYSTEM and
   * Administrators may create or change keys under HKLM\SOFTWARE (its default permissions give
   * Users read access only), so unlike a folder in %ProgramData%, where every user may create
   * folders and files, nobody but an administrator can plant or change what the scripts read
   * there. The slug is {@code [a-z0-9-]}, so the key needs no quoting beyond the surrounding
   * quotes and no escaping for cmd.exe.
   */
  public static String stateKey(String slug) {
    return STATE_ROOT + "\\" + slug;
  }

  public static String stateKey(String slug, String subkey) {
    return stateKey(slug) + "\\" + subkey;
  }

  /**
   * The line after a command whose failure sets errorlevel: it reports and goes to {@code :fail}.
   * {@code what} is either fixed text or already quoted.
   */
  public static String failIfError(String what) {
    return "if errorlevel 1 (echo rpcwall: FAILED: " + what + "& goto fail)";
  }

  private static String regAdd(String value, String type, String data) {
    return "reg add \"" + RPC_KEY + "\" /v " + value + " /t " + type + " /d " + data + " /f";
  }

  /**
   * The lines of the state comment about the host settings ({@code rem   <name padded to 16>
   * <what>}); none when the policy sets no RPC range.
   */
  public static void describeState(List<String> out, RpcSettings rpc) {
    if (rpc.dynamicPorts().isPresent()) {
      out.add("rem   " + column(RPC_BACKUP) + "a copy of the RPC settings found before the first run");
      out.add("rem   " + column(RPC_SAVED) + "value: that copy was made");
      out.add("rem   " + column(RPC_ABSENT) + "value: instead, there were no RPC settings");
    }
  }

  private static String column(String text) {
    return String.format(Locale.ROOT, "%-16s", text);
  }

  // Apply script
  // ============

  /**
   * The apply script's host settings, once the policy's rules are in place: the RPC range is
   * saved (first run only) and written, or, when this version sets none, what an earlier version
   * saved is put back while the values are still those it wrote (issue 11 points 2 and 12); then
   * WMI moves to its fixed port when the policy asks for it.
   */
  public static void applyLines(List<String> out, String slug, RpcSettings rpc) {
    String key = stateKey(slug);
    if (rpc.dynamicPorts().isEmpty()) {
      restoreRpcWhenNotSet(out, slug);
    }
    rpc.dynamicPorts()
        .ifPresent(
            ports -> {
              String backup = stateKey(slug, RPC_BACKUP);
              out.add("");
              out.add("rem RPC dynamic port range (HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet, KB154596).");
              out.add("rem Save the settings found before the first run, for the rollback script; a");
              out.add("rem later run keeps that first copy. The copy stays in the registry, so the");
              out.add("rem rollback never imports a file.");
              out.add("reg query \"" + key + "\" /v " + RPC_SAVED + " >nul 2>&1");
              out.add("if not errorlevel 1 goto rpc_saved");
              out.add("reg query \"" + key + "\" /v " + RPC_ABSENT + " >nul 2>&1");
              out.add("if not errorlevel 1 goto rpc_saved");
              out.add("reg query \"" + RPC_KEY + "\" >nul 2>&1");
              out.add("if errorlevel 1 goto rpc_absent");
              out.add("reg delete \"" + backup + "\" /f >nul 2>&1");
              out.add("reg add \"" + backup + "\" /f >nul");
              out.add(failIfError("creating " + backup));
              out.add("reg copy \"" + RPC_KEY + "\" \"" + backup + "\" /s /f >nul");
              out.add(failIfError("copying the RPC settings to " + backup));
              out.add("reg add \"" + key + "\" /v " + RPC_SAVED + " /t REG_DWORD /d 1 /f >nul");
              out.add(failIfError("recording " + RPC_SAVED));
              out.add("goto rpc_saved");
              out.add(":rpc_absent");
              out.add("reg add \"" + key + "\" /v " + RPC_ABSENT + " /t REG_DWORD /d 1 /f >nul");
              out.add(failIfError("recording " + RPC_ABSENT));
              out.add(":rpc_saved");
              // windows-semantics.md 6.1 and 6.2 rule 4: ranges without spaces, one string each,
              // '\0' separates REG_MULTI_SZ strings (reg add, 1.6 rule 6).
              String ranges =
                  ports.ranges().stream().map(PortRange::toString).collect(Collectors.joining("\\0"));
              out.add(regAdd("Ports", "REG_MULTI_SZ", "\"" + ranges + "\""));
              out.add(failIfError("reg add Ports"));
              out.add(regAdd("PortsInternetAvailable", "REG_SZ", "Y"));
              out.add(failIfError("reg add PortsInternetAvailable"));
              out.add(regAdd("UseInternetPorts", "REG_SZ", "Y"));
              out.add(failIfError("reg add UseInternetPorts"));
              // Issue 11 point 2: the RPC key is host-global. A copy of what this run wrote lets
              // the rollback tell whether the values are still this policy's (reg compare).
              String written = stateKey(slug, RPC_WRITTEN);
              out.add("reg delete \"" + written + "\" /f >nul 2>&1");
              out.add("reg add \"" + written + "\" /f >nul");
              out.add(failIfError("creating " + written));
              out.add("reg copy \"" + RPC_KEY + "\" \"" + written + "\" /s /f >nul");
              out.add(failIfError("copying the RPC settings to " + written));
            });
    if (rpc.wmiFixedPort().isPresent()) {
      out.add("");
      out.add("rem WMI on its fixed port TCP " + TargetChecks.WMI_STANDALONE_PORT
          + ": own service host, then restart the service (windows-semantics.md 6.3).");
      wmi(out, "-standalonehost");
    }
  }

  /** What the apply script says at its successful end, after its own summary line. */
  public static void applyNotices(List<String> out, RpcSettings rpc) {
    if (rpc.dynamicPorts().isPresent()) {
      // KB154596: the RPC port settings take effect only after a restart (windows-semantics.md 6.2 rule 2).
      out.add("echo rpcwall: restart the computer: the RPC dynamic port range takes effect only after a restart.");
    }
    if (rpc.wmiFixedPort().isPresent()) {
      wmiRestartNotice(out);
    }
  }

  /**
   * Issue 11 point 12: this version sets no RPC range. The values an earlier version (or a
   * replaced policy) saved go back, under the rollback's rule: only while the values are still
   * those that version wrote; otherwise a warning, and the values and the backup stay.
   */
  private static void restoreRpcWhenNotSet(List<String> out, String slug) {
    String key = stateKey(slug);
    String backup = stateKey(slug, RPC_BACKUP);
    out.add("");
    out.add("rem This version sets no RPC port range: put back the settings an earlier version saved,");
    out.add("rem while the values are still those it wrote.");
    out.add("reg query \"" + key + "\" /v " + RPC_SAVED + " >nul 2>&1");
    out.add("if not errorlevel 1 goto rpc_check");
    out.add("reg query \"" + key + "\" /v " + RPC_ABSENT + " >nul 2>&1");
    out.add("if errorlevel 1 goto rpc_done");
    out.add(":rpc_check");
    stillOurs(out, stateKey(slug, RPC_WRITTEN), "rpc_not_ours");
    out.add("reg query \"" + key + "\" /v " + RPC_SAVED + " >nul 2>&1");
    out.add("if errorlevel 1 goto rpc_delete");
    out.add("reg delete \"" + RPC_KEY + "\" /f >nul 2>&1");
    out.add("reg copy \"" + backup + "\" \"" + RPC_KEY + "\" /s /f >nul");
    out.add(failIfError("copying " + backup + " back to " + RPC_KEY));
    out.add("goto rpc_restored");
    out.add(":rpc_delete");
    out.add("reg delete \"" + RPC_KEY + "\" /f >nul 2>&1");
    out.add(":rpc_restored");
    out.add("reg delete \"" + backup + "\" /f >nul 2>&1");
    out.add("reg delete \"" + stateKey(slug, RPC_WRITTEN) + "\" /f >nul 2>&1");
    out.add("reg delete \"" + key + "\" /v " + RPC_SAVED + " /f >nul 2>&1");
    out.add("reg delete \"" + key + "\" /v " + RPC_ABSENT + " /f >nul 2>&1");
    out.add("echo rpcwall: the RPC port settings were put back; they take effect after a restart.");
    out.add("goto rpc_done");
    out.add(":rpc_not_ours");
    out.add("echo rpcwall: WARNING: the RPC port settings in " + RPC_KEY
        + " are no longer those rpcwall wrote; they are left as they are, and so is the saved copy"
        + " in " + backup + ".");
    out.add(":rpc_done");
  }

  /**
   * Issue 11 point 12: a replaced policy's state. Its saved host settings become this policy's
   * when this policy has none, so that this policy's rollback (or a later version without a range)
   * puts back what the host had before rpcwall; then the replaced policy's state key goes. When
   * this policy already has its own, the replaced policy's backup stays in its key for its own
   * rollback, and only its subkeys {@code oldRuleSubkeys} (its rule lists) go. {@code label} is a
   * label prefix unique in the script. Run it after the replaced policy's rules are gone.
   */
  public static void takeOverLines(
      List<String> out, String slug, String old, String label, List<String> oldRuleSubkeys) {
    String key = stateKey(slug);
    String oldKey = stateKey(old);
    out.add("");
    out.add("rem Replaced policy " + oldKey + ": take over its saved RPC settings when this policy");
    out.add("rem has none, then remove its state.");
    out.add("reg query \"" + oldKey + "\" /v " + RPC_SAVED + " >nul 2>&1");
    out.add("if not errorlevel 1 goto " + label);
    out.add("reg query \"" + oldKey + "\" /v " + RPC_ABSENT + " >nul 2>&1");
    out.add("if errorlevel 1 goto " + label + "_drop");
    out.add(":" + label);
    out.add("reg query \"" + key + "\" /v " + RPC_SAVED + " >nul 2>&1");
    out.add("if not errorlevel 1 goto " + label + "_keep");
    out.add("reg query \"" + key + "\" /v " + RPC_ABSENT + " >nul 2>&1");
    out.add("if not errorlevel 1 goto " + label + "_keep");
    out.add("reg query \"" + oldKey + "\" /v " + RPC_SAVED + " >nul 2>&1");
    out.add("if errorlevel 1 goto " + label + "_absent");
    out.add("reg add \"" + stateKey(slug, RPC_BACKUP) + "\" /f >nul");
    out.add(failIfError("creating " + stateKey(slug, RPC_BACKUP)));
    out.add("reg copy \"" + stateKey(old, RPC_BACKUP) + "\" \"" + stateKey(slug, RPC_BACKUP)
        + "\" /s /f >nul");
    out.add(failIfError("copying " + stateKey(old, RPC_BACKUP)));
    out.add("reg add \"" + key + "\" /v " + RPC_SAVED + " /t REG_DWORD /d 1 /f >nul");
    out.add(failIfError("recording " + RPC_SAVED));
    out.add("goto " + label + "_written");
    out.add(":" + label + "_absent");
    out.add("reg add \"" + key + "\" /v " + RPC_ABSENT + " /t REG_DWORD /d 1 /f >nul");
    out.add(failIfError("recording " + RPC_ABSENT));
    out.add(":" + label + "_written");
    out.add("reg delete \"" + stateKey(slug, RPC_WRITTEN) + "\" /f >nul 2>&1");
    out.add("reg add \"" + stateKey(slug, RPC_WRITTEN) + "\" /f >nul");
    out.add(failIfError("creating " + stateKey(slug, RPC_WRITTEN)));
    out.add("rem A state written before rpc-written existed has none: the values then never count as");
    out.add("rem this policy's, and are left.");
    out.add("reg copy \"" + stateKey(old, RPC_WRITTEN) + "\" \"" + stateKey(slug, RPC_WRITTEN)
        + "\" /s /f >nul 2>&1");
    out.add(":" + label + "_drop");
    out.add("reg delete \"" + oldKey + "\" /f >nul 2>&1");
    out.add("goto " + label + "_done");
    out.add(":" + label + "_keep");
    out.add("echo rpcwall: NOTE: this policy keeps its own saved RPC settings; those of the replaced"
        + " policy stay in " + oldKey + ".");
    for (String sub : oldRuleSubkeys) {
      out.add("reg delete \"" + stateKey(old, sub) + "\" /f >nul 2>&1");
    }
    out.add(":" + label + "_done");
  }

  // Rollback script
  // ===============

  /**
   * The rollback script's host settings, after the policy's rules are removed: WMI back into the
   * shared host, the RPC values the apply script saved put back while they are still this
   * policy's, and last the policy's state key (or, when the host settings' backup must stay, only
   * its subkeys {@code ruleSubkeys}, the target's own rule lists).
   */
  public static void rollbackLines(
      List<String> out, String slug, RpcSettings rpc, List<String> ruleSubkeys) {
    String key = stateKey(slug);
    String backup = stateKey(slug, RPC_BACKUP);
    if (rpc.wmiFixedPort().isPresent()) {
      out.add("");
      out.add("rem Move WMI back into the shared service host (windows-semantics.md 6.3 rule 1).");
      wmi(out, "-sharedhost");
    }
    if (rpc.dynamicPorts().isPresent()) {
      String written = stateKey(slug, RPC_WRITTEN);
      out.add("");
      out.add("rem Restore the RPC port settings the apply script saved in " + backup + ",");
      out.add("rem but only while the three values are still those it wrote (" + written + "):");
      out.add("rem the key is host-global, and another policy or an admin may have set it since.");
      out.add("reg query \"" + key + "\" /v " + RPC_SAVED + " >nul 2>&1");
      out.add("if not errorlevel 1 goto rpc_check");
      out.add("reg query \"" + key + "\" /v " + RPC_ABSENT + " >nul 2>&1");
      out.add("if not errorlevel 1 goto rpc_check");
      out.add("echo rpcwall: " + key + " holds no saved RPC settings; they were not changed.");
      out.add("goto fail");
      out.add(":rpc_check");
      // "Reg compare" (Microsoft TechNet cc742038, Windows commands): exit code 0 when the
      // compared values are identical, 2 when they differ, 1 when the command fails (a missing
      // key). Whether a value missing from one key gives 1 or 2 is UNCONFIRMED; 'errorlevel 1'
      // is true for both, and every one of these counts as "not ours" (the safe reading: the
      // values are left as they are). The data is compared as stored, so the check is exact.
      stillOurs(out, written, "rpc_not_ours");
      out.add("reg query \"" + key + "\" /v " + RPC_SAVED + " >nul 2>&1");
      out.add("if errorlevel 1 goto rpc_delete");
      // Copying adds values but never removes them, so the key is emptied first to drop the
      // values the apply script added.
      out.add("reg delete \"" + RPC_KEY + "\" /f >nul 2>&1");
      out.add("reg copy \"" + backup + "\" \"" + RPC_KEY + "\" /s /f >nul");
      out.add(failIfError("copying " + backup + " back to " + RPC_KEY));
      out.add("goto rpc_done");
      out.add(":rpc_delete");
      out.add("reg delete \"" + RPC_KEY + "\" /f >nul 2>&1");
      out.add("goto rpc_done");
      out.add(":rpc_not_ours");
      out.add("echo rpcwall: WARNING: the RPC port settings in " + RPC_KEY
          + " are no longer those this policy wrote; they are left as they are, and so is the"
          + " saved copy in " + backup + ".");
      out.add("");
      out.add("rem Everything else is undone: remove the rule lists, keep the RPC backup.");
      for (String sub : ruleSubkeys) {
        out.add("reg delete \"" + stateKey(slug, sub) + "\" /f >nul 2>&1");
      }
      out.add("goto state_done");
      out.add(":rpc_done");
    }
    out.add("");
    out.add("rem Everything is undone: remove the state last, so that a failed rollback can run again.");
    if (rpc.dynamicPorts().isPresent()) {
      // Only a version of the policy that restored the RPC settings may drop their backup.
      out.add("reg delete \"" + key + "\" /f >nul 2>&1");
      out.add(":state_done");
    } else {
      for (String sub : ruleSubkeys) {
        out.add("reg delete \"" + stateKey(slug, sub) + "\" /f >nul 2>&1");
      }
      out.add("rem The RPC backup of an earlier version stays, for that version's rollback.");
      out.add("reg query \"" + key + "\" /v " + RPC_SAVED + " >nul 2>&1 || reg query \"" + key
          + "\" /v " + RPC_ABSENT + " >nul 2>&1 || reg delete \"" + key + "\" /f >nul 2>&1");
    }
  }

  /** What the rollback script says at its successful end, after its own summary line. */
  public static void rollbackNotices(List<String> out, RpcSettings rpc) {
    if (rpc.dynamicPorts().isPresent()) {
      out.add("echo rpcwall: restart the computer: the restored RPC port settings take effect only after a restart.");
    }
    if (rpc.wmiFixedPort().isPresent()) {
      wmiRestartNotice(out);
    }
  }

  /** Goes to {@code notOurs} unless the three RPC values equal their copy in {@code written}. */
  private static void stillOurs(List<String> out, String written, String notOurs) {
    for (String v : RPC_VALUES) {
      out.add("reg compare \"" + RPC_KEY + "\" \"" + written + "\" /v " + v + " >nul 2>&1");
      out.add("if errorlevel 1 goto " + notOurs);
    }
  }

  private static void wmi(List<String> out, String mode) {
    out.add("winmgmt " + mode);
    out.add(failIfError("winmgmt " + mode));
    out.add("net stop winmgmt /y");
    out.add(failIfError("net stop winmgmt"));
    out.add("net start winmgmt");
    out.add(failIfError("net start winmgmt"));
  }

  /**
   * The documented procedure restarts WMI with {@code net stop winmgmt} and {@code net start
   * winmgmt} (windows-semantics.md 6.3 rule 2). {@code /y} answers the prompt to stop the services
   * that depend on WMI as well, and {@code net start winmgmt} starts WMI alone. Which dependents
   * there are, and which of them were running, differs per host; finding out needs the localized
   * output of {@code sc}/{@code net}, so the scripts do not restart them and say so instead: a
   * restart of the computer starts them as configured.
   */
  private static void wmiRestartNotice(List<String> out) {
    out.add("echo rpcwall: 'net stop winmgmt /y' also stopped the services that depend on WMI;"
        + " this script does not start them again.");
    out.add("echo rpcwall: restart the computer to start them.");
  }

  // Reading
  // =======

  /** One argument of a command as a batch reader splits it: quotes and escapes removed. */
  public interface Arg {
    String text();

    SourceSpan span();

    /** Whether the text holds a variable whose value is only known on the host. */
    boolean variable();
  }

  /** The diagnostic codes a reader reports with (each target has its own range). */
  public record ReadCodes(String command, String registry, String external, String variable) {}

  /** What one path through a script has done to the host settings. */
  public static final class HostValues {
    private final Map<String, Object> rpcValues = new HashMap<>();
    private final Map<String, SourceSpan> rpcOrigins = new HashMap<>();
    private boolean wmiStandalone;
    private SourceSpan wmiOrigin = SourceSpan.UNKNOWN;

    public HostValues copy() {
      HostValues h = new HostValues();
      h.rpcValues.putAll(rpcValues);
      h.rpcOrigins.putAll(rpcOrigins);
      h.wmiStandalone = wmiStandalone;
      h.wmiOrigin = wmiOrigin;
      return h;
    }

    /** Whether the settings are the same (where they were set aside). */
    public boolean sameAs(HostValues other) {
      return rpcValues.equals(other.rpcValues) && wmiStandalone == other.wmiStandalone;
    }

    private void clearRpc() {
      rpcValues.clear();
      rpcOrigins.clear();
    }
  }

  /**
   * Reads the host-setting commands of a batch script: {@code reg} of the RPC key and of the
   * scripts' state, {@code winmgmt} and the WMI restart. Every reading is a diagnostic with the
   * given codes when it is not certain; it never throws.
   */
  public static final class Reading {
    static final String PORTS = "ports";
    static final String AVAILABLE = "portsinternetavailable";
    static final String USE = "useinternetports";

    private final Diagnostics diags;
    private final ReadCodes codes;

    public Reading(Diagnostics diags, ReadCodes codes) {
      this.diags = diags;
      this.codes = codes;
    }

    /**
     * Commands that leave the host settings, firewall rules and filters as they are: {@code reg
     * query|export|compare}, {@code reg add|delete|copy} of the scripts' own state, and {@code net
     * stop|start winmgmt}. {@code name} is the command name in lower case without path or
     * extension.
     */
    public static boolean isNoop(String name, List<? extends Arg> a) {
      String first = a.isEmpty() ? "" : lower(a.get(0));
      return switch (name) {
        // reg compare only sets the exit code (Microsoft Learn, Windows commands, reg compare).
        case "reg" -> first.equals("query") || first.equals("export") || first.equals("compare")
            || isStateOp(a);
        case "net" -> (first.equals("stop") || first.equals("start"))
            && a.size() >= 2 && lower(a.get(1)).equals("winmgmt");
        default -> false;
      };
    }

    /** Whether {@link #execute} reads the command {@code name} (lower case, no path or extension). */
    public static boolean reads(String name) {
      return name.equals("reg") || name.equals("winmgmt");
    }

    /**
     * {@code reg add|delete|copy} that writes only the scripts' own state under
     * HKLM\SOFTWARE\rpcwall (docs/targets/netsh.md, "State"): it changes no firewall rule and no
     * RPC setting. A copy into the state may read the RPC key; a copy out of it is not a state op.
     */
    public static boolean isStateOp(List<? extends Arg> a) {
      if (a.size() < 2) {
        return false;
      }
      String op = lower(a.get(0));
      Arg target = op.equals("copy") ? (a.size() >= 3 ? a.get(2) : null) : a.get(1);
      if (target == null || !(op.equals("add") || op.equals("delete") || op.equals("copy"))) {
        return false;
      }
      return !target.variable() && isStateKey(target.text());
    }

    public static boolean isStateKey(String key) {
      String k = normalKey(key);
      return k.startsWith("HKLM\\SOFTWARE\\RPCWALL\\") && !k.contains("..");
    }

    private static String normalKey(String key) {
      String k = key.toUpperCase(Locale.ROOT);
      if (k.startsWith("HKEY_LOCAL_MACHINE\\")) {
        k = "HKLM" + k.substring("HKEY_LOCAL_MACHINE".length());
      }
      while (k.endsWith("\\")) {
        k = k.substring(0, k.length() - 1);
      }
      return k;
    }

    private static String lower(Arg a) {
      return a.text().toLowerCase(Locale.ROOT);
    }

    /**
     * Runs a command {@link #reads} accepts on {@code h}: {@code name} in lower case without path
     * or extension, {@code span} the whole command's.
     */
    public void execute(String name, SourceSpan span, List<? extends Arg> args, HostValues h) {
      if (name.equals("winmgmt")) {
        winmgmt(span, args, h);
      } else {
        reg(span, args, h);
      }
    }

    private void reg(SourceSpan span, List<? extends Arg> a, HostValues s) {
      String op = a.isEmpty() ? "" : lower(a.get(0));
      if (op.equals("copy") && a.size() >= 3 && !a.get(1).variable() && !a.get(2).variable()
          && isStateKey(a.get(1).text()) && isRpcKey(a.get(2).text())) {
        // The rollback restores the values the apply script copied into its state.
        diags.warning(
            codes.external(),
            span,
            "reg copy restores the RPC values saved on the host, which are not read here; the RPC"
                + " settings are read as not set");
        s.clearRpc();
        return;
      }
      if (a.size() < 2 || !(op.equals("add") || op.equals("delete") || op.equals("import"))) {
        diags.error(
            codes.command(),
            span,
            "'reg " + (a.isEmpty() ? "" : a.get(0).text()) + "' is not read");
        return;
      }
      if (op.equals("import")) {
        // windows-semantics.md 6.1: the rollback script restores the saved key this way.
        diags.warning(
            codes.external(),
            span,
            "reg import restores values from a file that is not read here; the RPC settings are"
                + " read as not set");
        s.clearRpc();
        return;
      }
      Arg key = a.get(1);
      if (key.variable() || !isRpcKey(key.text())) {
        diags.error(
            codes.command(),
            key.span(),
            "'reg " + op + "' of " + key.text() + " is not read: only " + RPC_KEY + " is");
        return;
      }
      Map<String, Arg> opts = new HashMap<>();
      for (int i = 2; i < a.size(); i++) {
        Arg t = a.get(i);
        String o = lower(t);
        if (o.equals("/f") || o.equals("/va") || o.equals("/ve") || o.equals("/reg:64")
            || o.equals("/reg:32")) {
          opts.put(o, t);
        } else if ((o.equals("/v") || o.equals("/t") || o.equals("/d") || o.equals("/s"))
            && i + 1 < a.size()) {
          opts.put(o, a.get(++i));
        } else {
          diags.error(codes.registry(), t.span(), "unexpected reg argument '" + t.text() + "'");
          return;
        }
      }
      for (Arg t : opts.values()) {
        if (t.variable()) {
          diags.error(codes.variable(), t.span(), "a variable's value is not known here");
          return;
        }
      }
      Arg v = opts.get("/v");
      if (op.equals("delete")) {
        if (v == null) {
          s.clearRpc();
        } else {
          s.rpcValues.remove(lower(v));
          s.rpcOrigins.remove(lower(v));
        }
        return;
      }
      if (v == null && !opts.containsKey("/ve") && !opts.containsKey("/d") && !opts.containsKey("/t")) {
        return; // creates the key, with no value
      }
      if (v == null) {
        diags.error(codes.registry(), span, "reg add of the RPC key needs /v");
        return;
      }
      String type = opts.containsKey("/t") ? opts.get("/t").text().toUpperCase(Locale.ROOT) : "REG_SZ";
      String data = opts.containsKey("/d") ? opts.get("/d").text() : "";
      Arg dataTok = opts.getOrDefault("/d", v);
      switch (lower(v)) {
        case PORTS -> {
          if (!type.equals("REG_MULTI_SZ")) {
            diags.error(codes.registry(), v.span(), "Ports must be REG_MULTI_SZ (KB154596)");
            return;
          }
          String sep = opts.containsKey("/s") ? opts.get("/s").text() : "\\0";
          portsValue(data, sep, dataTok, span, s);
        }
        case AVAILABLE, USE -> {
          if (!type.equals("REG_SZ")) {
            diags.error(codes.registry(), v.span(), v.text() + " must be REG_SZ (KB154596)");
            return;
          }
          String yn = data.toUpperCase(Locale.ROOT);
          if (!yn.equals("Y") && !yn.equals("N")) {
            diags.error(codes.registry(), dataTok.span(), v.text() + " must be Y or N");
            return;
          }
          s.rpcValues.put(lower(v), yn);
          s.rpcOrigins.put(lower(v), span);
        }
        default -> diags.error(
            codes.registry(),
            v.span(),
            "value '" + v.text() + "' of " + RPC_KEY + " is not read");
      }
    }

    private void portsValue(String data, String sep, Arg dataTok, SourceSpan at, HostValues s) {
      if (sep.isEmpty()) {
        diags.error(codes.registry(), dataTok.span(), "empty /s separator");
        return;
      }
      List<PortRange> ranges = new ArrayList<>();
      int from = 0;
      while (true) {
        int next = data.indexOf(sep, from);
        String item = next < 0 ? data.substring(from) : data.substring(from, next);
        // windows-semantics.md 6.2 rules 3 and 4: one malformed entry (spaces included) makes
        // the whole RPC configuration invalid, so it is an error, not a guess.
        if (!item.matches("[0-9]{1,5}(-[0-9]{1,5})?")) {
          diags.error(
              codes.registry(),
              dataTok.span(),
              "RPC port entry '" + item + "' is not a port or a range 'a-b' without spaces; RPC"
                  + " rejects the whole configuration (KB201911)");
          return;
        }
        String[] parts = item.split("-");
        int lo = Integer.parseInt(parts[0]);
        int hi = parts.length > 1 ? Integer.parseInt(parts[1]) : lo;
        if (hi > PortRange.MAX_PORT || lo > hi) {
          diags.error(codes.registry(), dataTok.span(), "bad RPC port entry '" + item + "'");
          return;
        }
        ranges.add(PortRange.of(lo, hi));
        if (next < 0) {
          break;
        }
        from = next + sep.length();
      }
      s.rpcValues.put(PORTS, PortSet.of(ranges));
      s.rpcOrigins.put(PORTS, at);
    }

    private static boolean isRpcKey(String key) {
      String k = key.toUpperCase(Locale.ROOT);
      while (k.endsWith("\\")) {
        k = k.substring(0, k.length() - 1);
      }
      return k.equals("HKLM\\SOFTWARE\\MICROSOFT\\RPC\\INTERNET")
          || k.equals("HKEY_LOCAL_MACHINE\\SOFTWARE\\MICROSOFT\\RPC\\INTERNET");
    }

    private void winmgmt(SourceSpan span, List<? extends Arg> args, HostValues s) {
      String mode = args.isEmpty() ? "" : lower(args.get(0));
      switch (mode) {
        case "-standalonehost", "/standalonehost" -> {
          // windows-semantics.md 6.3 rule 1: the standalone host listens on TCP 24158.
          s.wmiStandalone = true;
          s.wmiOrigin = span;
        }
        case "-sharedhost", "/sharedhost" -> {
          s.wmiStandalone = false;
          s.wmiOrigin = SourceSpan.UNKNOWN;
        }
        default -> diags.error(codes.command(), span, "'winmgmt " + mode + "' is not read");
      }
    }

    /**
     * The RPC settings a path leaves (windows-semantics.md 6.1/6.2): a range is in force only with
     * all three values set to it.
     */
    public RpcSettings settings(HostValues s) {
      OptionalInt wmi =
          s.wmiStandalone ? OptionalInt.of(TargetChecks.WMI_STANDALONE_PORT) : OptionalInt.empty();
      Object ports = s.rpcValues.get(PORTS);
      Object available = s.rpcValues.get(AVAILABLE);
      Object use = s.rpcValues.get(USE);
      if (ports == null && available == null && use == null) {
        return new RpcSettings(Optional.empty(), SourceSpan.UNKNOWN, wmi, s.wmiOrigin);
      }
      SourceSpan at =
          Objects.requireNonNullElse(
              s.rpcOrigins.get(PORTS),
              s.rpcOrigins.values().stream().sorted().findFirst().orElse(SourceSpan.UNKNOWN));
      if (ports == null || available == null || use == null) {
        // windows-semantics.md 6.2 rule 3: partial configurations are error-prone and their
        // meaning is UNCONFIRMED, so they are not read.
        diags.error(
            codes.registry(),
            at,
            "the script sets only some of Ports, PortsInternetAvailable and UseInternetPorts under "
                + RPC_KEY + "; the resulting RPC port range is not known",
            "set all three values");
        return RpcSettings.NONE;
      }
      if (!"Y".equals(available) || !"Y".equals(use)) {
        diags.error(
            codes.registry(),
            at,
            "only PortsInternetAvailable=Y with UseInternetPorts=Y is read as an RPC port range",
            "write Y for both values");
        return RpcSettings.NONE;
      }
      return new RpcSettings(Optional.of((PortSet) ports), at, wmi, s.wmiOrigin);
    }
  }
}
