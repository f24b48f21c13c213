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
 * The lines it writes need the script to run with extensions on and delayed expansion off, to have a
 * label {@code :fail} that reports the failure and exits non-zero ({@link #failIfError}), and not to
 * use labels starting with {@code rpc_}, {@code state_}, {@code wmi_} or the label prefixes given to
 * {@link #takeOverLines}, nor variables starting with {@code RPCWALL_WMI_}. A batch reader reads
 * them with {@link Reading} and must accept the {@code for /f} sets {@link Reading#isQuery}
 * accepts. {@link #rollbackProblems} is the host-settings half of every cmd.exe target's rollback
 * proof ({@code RollbackHost#hostSettingsProblems}).
 *
 * <p>Issue 11 points 2 and 12, the rule for both settings: the first run records what the host had
 * before rpcwall; a version without the setting and the rollback put it back only while the host
 * still has what this policy set (RPC: the three values equal their copy in {@link #RPC_WRITTEN};
 * WMI: no other policy records the fixed port and WMI still runs in its own host).
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

  /**
   * A value of the state key: the host WMI ran in ({@code shared} or {@code standalone}) before
   * this policy first moved it to its fixed port (issue 11 point 12).
   */
  public static final String WMI_SAVED = "WmiSaved";
  /**
   * A value of {@link #STATE_ROOT}: a policy that found WMI in the shared host stopped setting
   * the fixed port while another policy still set it; the last one to stop puts WMI back.
   */
  public static final String WMI_SHARED = "WmiShared";
  /** The WMI service's key; its {@code Type} tells the shared host from its own (see wmiQuery). */
  public static final String WMI_SERVICE_KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Winmgmt";

  /** Set when WMI runs in its own process now. */
  private static final String VAR_OWN = "RPCWALL_WMI_OWN";
  /** Set when the policy's saved mode is the shared host. */
  private static final String VAR_WAS = "RPCWALL_WMI_WAS";
  /** Set when another policy still records a saved WMI mode (so it still sets the fixed port). */
  private static final String VAR_HELD = "RPCWALL_WMI_HELD";

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
      saveWmi(out, slug);
      wmi(out, "-standalonehost");
    } else {
      // Issue 11 point 12: an earlier version moved WMI; this one does not.
      out.add("");
      out.add("rem This version does not set WMI's fixed port: put WMI back where it was before an");
      out.add("rem earlier version moved it, unless another policy still sets the fixed port.");
      out.add("reg query \"" + key + "\" /v " + WMI_SAVED + " >nul 2>&1");
      out.add("if errorlevel 1 goto wmi_done");
      restoreWmi(out, slug);
    }
  }

  /**
   * The host-settings part of a dry run (issue 12 point 6): each change {@link #applyLines} would
   * make, printed ({@code w} is the {@code echo} prefix of the dry run's sentences), nothing run.
   */
  public static void whatIfLines(List<String> out, String w, String slug, RpcSettings rpc) {
    rpc.dynamicPorts().ifPresent(ports -> {
      out.add(w + "save the RPC port settings found before the first run in "
          + stateKey(slug, RPC_BACKUP) + " (first run only), then set:");
      String ranges =
          ports.ranges().stream().map(PortRange::toString).collect(Collectors.joining("\\0"));
      out.add("echo " + regAdd("Ports", "REG_MULTI_SZ", "\"" + ranges + "\""));
      out.add("echo " + regAdd("PortsInternetAvailable", "REG_SZ", "Y"));
      out.add("echo " + regAdd("UseInternetPorts", "REG_SZ", "Y"));
      out.add(w + "record the values written in " + stateKey(slug, RPC_WRITTEN) + ".");
      out.add(w + "restart the computer afterwards: the RPC port range takes effect only after a restart.");
    });
    if (rpc.dynamicPorts().isEmpty()) {
      out.add(w + "put back the RPC port settings an earlier version saved in "
          + stateKey(slug, RPC_BACKUP) + ", if any, while they are still those it wrote.");
    }
    if (rpc.wmiFixedPort().isPresent()) {
      out.add(w + "record the host WMI runs in now in " + WMI_SAVED + " (first run only), then:");
      out.add("echo winmgmt -standalonehost");
      out.add("echo net stop winmgmt /y");
      out.add("echo net start winmgmt");
    } else {
      out.add(w + "put WMI back in the host an earlier version recorded in " + WMI_SAVED
          + ", if any, unless another policy still sets the fixed port.");
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
    takeOverWmi(out, slug, old, label);
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

  /**
   * The replaced policy's record of WMI's earlier host becomes this policy's when this policy has
   * none; when it has its own, a "shared" record is handed over to {@link #WMI_SHARED}, so that it
   * is not lost. Either way the replaced policy no longer holds the fixed port.
   */
  private static void takeOverWmi(List<String> out, String slug, String old, String label) {
    String key = stateKey(slug);
    String oldKey = stateKey(old);
    String was = "for /f \"delims=\" %%L in (" + WMI_WAS_QUERY_PREFIX + old + WMI_WAS_QUERY_SUFFIX
        + ") do set \"" + VAR_WAS + "=1\"";
    out.add("");
    out.add("rem Replaced policy " + oldKey + ": take over its record of WMI's earlier host.");
    out.add("reg query \"" + oldKey + "\" /v " + WMI_SAVED + " >nul 2>&1");
    out.add("if errorlevel 1 goto " + label + "_wmi_done");
    out.add("set \"" + VAR_WAS + "=\"");
    out.add(was);
    out.add("reg query \"" + key + "\" /v " + WMI_SAVED + " >nul 2>&1");
    out.add("if not errorlevel 1 goto " + label + "_wmi_hand");
    out.add("if defined " + VAR_WAS + " goto " + label + "_wmi_shared");
    out.add("reg add \"" + key + "\" /v " + WMI_SAVED + " /t REG_SZ /d standalone /f >nul");
    out.add(failIfError("recording " + WMI_SAVED));
    out.add("goto " + label + "_wmi_drop");
    out.add(":" + label + "_wmi_shared");
    out.add("reg add \"" + key + "\" /v " + WMI_SAVED + " /t REG_SZ /d shared /f >nul");
    out.add(failIfError("recording " + WMI_SAVED));
    out.add("goto " + label + "_wmi_drop");
    out.add(":" + label + "_wmi_hand");
    out.add("if not defined " + VAR_WAS + " goto " + label + "_wmi_drop");
    out.add("reg add \"" + STATE_ROOT + "\" /v " + WMI_SHARED + " /t REG_DWORD /d 1 /f >nul");
    out.add(failIfError("recording " + WMI_SHARED));
    out.add(":" + label + "_wmi_drop");
    out.add("reg delete \"" + oldKey + "\" /v " + WMI_SAVED + " /f >nul");
    out.add(failIfError("deleting " + WMI_SAVED + " of " + oldKey));
    out.add(":" + label + "_wmi_done");
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
    rollbackWmi(out, slug);
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

  /**
   * Every version's rollback: an earlier version may have set the fixed port (issue 11 point 12).
   * Runs when the policy's record is there, or when a failed rollback already handed it over.
   */
  private static void rollbackWmi(List<String> out, String slug) {
    String key = stateKey(slug);
    out.add("");
    out.add("rem Put WMI back where it was before this policy moved it to its fixed port, while it");
    out.add("rem still runs there and no other policy still sets the fixed port (a failed rollback");
    out.add("rem that already dropped this policy's record finds the hand-over in " + STATE_ROOT + ").");
    out.add("reg query \"" + key + "\" /v " + WMI_SAVED + " >nul 2>&1");
    out.add("if not errorlevel 1 goto wmi_own");
    out.add("reg query \"" + STATE_ROOT + "\" /v " + WMI_SHARED + " >nul 2>&1");
    out.add("if errorlevel 1 goto wmi_done");
    out.add("goto wmi_check");
    out.add(":wmi_own");
    restoreWmi(out, slug);
  }

  /** What the rollback script says at its successful end, after its own summary line. */
  public static void rollbackNotices(List<String> out, RpcSettings rpc) {
    if (rpc.dynamicPorts().isPresent()) {
      out.add("echo rpcwall: restart the computer: the restored RPC port settings take effect only after a restart.");
    }
  }

  /** Goes to {@code notOurs} unless the three RPC values equal their copy in {@code written}. */
  private static void stillOurs(List<String> out, String written, String notOurs) {
    for (String v : RPC_VALUES) {
      out.add("reg compare \"" + RPC_KEY + "\" \"" + written + "\" /v " + v + " >nul 2>&1");
      out.add("if errorlevel 1 goto " + notOurs);
    }
  }

  /**
   * The WMI host mode before the first run that sets the fixed port, kept in {@link #WMI_SAVED};
   * a later run keeps it. A mode that cannot be read counts as the shared host, Windows' default
   * (windows-semantics.md 6.3 rule 1: {@code -sharedhost} undoes {@code -standalonehost}).
   */
  private static void saveWmi(List<String> out, String slug) {
    String key = stateKey(slug);
    out.add("rem Record the host WMI runs in now, unless an earlier run did (the first record holds");
    out.add("rem what the host had before rpcwall).");
    out.add("reg query \"" + key + "\" /v " + WMI_SAVED + " >nul 2>&1");
    out.add("if not errorlevel 1 goto wmi_saved");
    out.add("set \"" + VAR_OWN + "=\"");
    out.add(wmiQuery());
    out.add("if defined " + VAR_OWN + " goto wmi_was_own");
    out.add("reg add \"" + key + "\" /v " + WMI_SAVED + " /t REG_SZ /d shared /f >nul");
    out.add(failIfError("recording " + WMI_SAVED));
    out.add("goto wmi_saved");
    out.add(":wmi_was_own");
    out.add("reg add \"" + key + "\" /v " + WMI_SAVED + " /t REG_SZ /d standalone /f >nul");
    out.add(failIfError("recording " + WMI_SAVED));
    out.add(":wmi_saved");
  }

  /**
   * Sets {@link #VAR_OWN} when WMI runs in its own process. {@code winmgmt -standalonehost}
   * makes the Winmgmt service a service of its own process, {@code Type} 0x10
   * (SERVICE_WIN32_OWN_PROCESS), where the shared host has 0x20 (SERVICE_WIN32_SHARE_PROCESS).
   * That the switch shows in {@code Type} is not stated by windows-semantics.md 6.3
   * (UNCONFIRMED); the safe reading follows: a value that cannot be read or is anything else is
   * the shared host when saving (so the rollback at worst returns WMI to Windows' default) and
   * "no longer ours" when restoring (so WMI is left as it is). {@code reg} prints DWORDs in hex.
   */
  private static String wmiQuery() {
    return "for /f \"delims=\" %%L in (" + WMI_TYPE_QUERY + ") do set \"" + VAR_OWN + "=1\"";
  }

  static final String WMI_TYPE_QUERY =
      "'reg query \"" + WMI_SERVICE_KEY + "\" /v Type 2^>nul ^| findstr /i /r /c:\"REG_DWORD  *0x10\"'";

  static final String WMI_HELD_QUERY =
      "'reg query \"" + STATE_ROOT + "\" /s /v " + WMI_SAVED + " 2^>nul ^| findstr /r /c:\"REG_SZ\"'";

  static final String WMI_WAS_QUERY_PREFIX = "'reg query \"" + STATE_ROOT + "\\";
  static final String WMI_WAS_QUERY_SUFFIX =
      "\" /v " + WMI_SAVED + " 2^>nul ^| findstr /i /r /c:\"REG_SZ  *shared\"'";

  /**
   * Puts WMI back (issue 11 points 2 and 12). WMI is host-global and every policy that sets the
   * fixed port sets the same mode, so "still this policy's" is decided by what the state records:
   * the policy's record goes first (its "shared" is handed over to {@link #WMI_SHARED} so that it
   * is never lost); while another policy still records a mode, WMI stays; the last one puts WMI
   * in the shared host when any of them found it there, and only while WMI still runs in its own
   * host (else an administrator changed it since, and it is left). Starts after the caller found
   * the record; labels {@code wmi_check} and {@code wmi_done}.
   */
  private static void restoreWmi(List<String> out, String slug) {
    String key = stateKey(slug);
    out.add("set \"" + VAR_WAS + "=\"");
    out.add("for /f \"delims=\" %%L in (" + WMI_WAS_QUERY_PREFIX + slug + WMI_WAS_QUERY_SUFFIX
        + ") do set \"" + VAR_WAS + "=1\"");
    out.add("if not defined " + VAR_WAS + " goto wmi_forget");
    out.add("reg add \"" + STATE_ROOT + "\" /v " + WMI_SHARED + " /t REG_DWORD /d 1 /f >nul");
    out.add(failIfError("recording " + WMI_SHARED));
    out.add(":wmi_forget");
    out.add("reg delete \"" + key + "\" /v " + WMI_SAVED + " /f >nul");
    out.add(failIfError("deleting " + WMI_SAVED));
    out.add(":wmi_check");
    out.add("set \"" + VAR_HELD + "=\"");
    out.add("for /f \"delims=\" %%L in (" + WMI_HELD_QUERY + ") do set \"" + VAR_HELD + "=1\"");
    out.add("if defined " + VAR_HELD + " goto wmi_held");
    out.add("set \"" + VAR_OWN + "=\"");
    out.add(wmiQuery());
    out.add("if not defined " + VAR_OWN + " goto wmi_not_ours");
    out.add("reg query \"" + STATE_ROOT + "\" /v " + WMI_SHARED + " >nul 2>&1");
    out.add("if errorlevel 1 goto wmi_done");
    wmi(out, "-sharedhost");
    out.add("reg delete \"" + STATE_ROOT + "\" /v " + WMI_SHARED + " /f >nul 2>&1");
    out.add("echo rpcwall: WMI is back in the shared service host.");
    wmiRestartNotice(out);
    out.add("goto wmi_done");
    out.add(":wmi_not_ours");
    out.add("echo rpcwall: WARNING: WMI no longer runs in its own service host, which rpcwall set;"
        + " it is left as it is.");
    out.add("reg delete \"" + STATE_ROOT + "\" /v " + WMI_SHARED + " /f >nul 2>&1");
    out.add("goto wmi_done");
    out.add(":wmi_held");
    out.add("echo rpcwall: NOTE: another rpcwall policy on this host still sets WMI's fixed port;"
        + " WMI stays in its own service host.");
    out.add(":wmi_done");
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

    /**
     * After one of the scripts' WMI queries ({@link Reading#isQuery}): what follows puts WMI back
     * in the host it ran in before rpcwall, or leaves it there, depending on that host (and on
     * other policies); either way the mode is the host's own, not one the script sets. Read as
     * not set, as a restore of the RPC values from the host's backup is (the host-settings proof,
     * {@link #rollbackProblems}, runs these branches on hosts whose mode is known).
     */
    public void wmiAsTheHostHadIt() {
      wmiStandalone = false;
      wmiOrigin = SourceSpan.UNKNOWN;
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
      return (k.equals("HKLM\\SOFTWARE\\RPCWALL") || k.startsWith("HKLM\\SOFTWARE\\RPCWALL\\"))
          && !k.contains("..");
    }

    /**
     * Whether {@code set}, the text between the parentheses of a {@code for /f}, is one of the
     * queries the host-settings lines run (the WMI mode, a policy's saved mode, whether another
     * policy holds the fixed port): {@code reg query} piped to {@code findstr}, which only read.
     * The loop body the scripts give them only sets an {@code RPCWALL_} variable.
     */
    public static boolean isQuery(String set) {
      if (set.equals(WMI_TYPE_QUERY) || set.equals(WMI_HELD_QUERY)) {
        return true;
      }
      return set.startsWith(WMI_WAS_QUERY_PREFIX) && set.endsWith(WMI_WAS_QUERY_SUFFIX)
          && set.substring(WMI_WAS_QUERY_PREFIX.length(), set.length() - WMI_WAS_QUERY_SUFFIX.length())
              .matches("[a-z0-9-]+");
    }

    /** {@code key} in upper case, HKEY_LOCAL_MACHINE as HKLM, without trailing backslashes. */
    public static String normalKey(String key) {
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

  // The host model of the rollback proof
  // ====================================

  /**
   * The RPC values a host had before rpcwall in the proof's second scenario (a partial
   * configuration with UseInternetPorts N, so that restoring it is not the same as writing Y).
   */
  private static final Map<String, String> EARLIER_RPC =
      Map.of("Ports", "4000-4100", "PortsInternetAvailable", "Y", "UseInternetPorts", "N");

  /**
   * Issue 11 point 6: the host-settings half of the rollback proof, for every cmd.exe target. On
   * a {@link Model} of the registry and WMI's host, {@code apply} then {@code rollback} must leave
   * (1) a host without the RPC key and WMI in the shared host as it was, (2) a host with earlier
   * RPC values and WMI in its own host as it was, and (3) when another policy set its own RPC
   * values and the fixed port after this one, those values and WMI's host untouched. Only keys
   * with values count (an empty key reads like a missing one to every script). Each problem is
   * one sentence; none means proven.
   */
  public static List<String> rollbackProblems(String slug, String apply, String rollback) {
    List<String> problems = new ArrayList<>();
    Model clean = new Model(null, false);
    proveRestored("on a host without RPC settings, WMI shared", clean, apply, rollback, problems);
    Model earlier = new Model(EARLIER_RPC, true);
    proveRestored("on a host with earlier RPC settings, WMI standalone", earlier, apply, rollback,
        problems);
    Model other = new Model(EARLIER_RPC, false);
    String run = other.run(apply);
    if (run != null) {
      problems.add("apply before another policy: " + run);
      return problems;
    }
    // Another policy, applied since: its own range, its record, and the fixed port.
    String otherKey = stateKey(slug + "-other");
    other.set(RPC_KEY, "Ports", "7000-7100");
    other.set(RPC_KEY, "PortsInternetAvailable", "Y");
    other.set(RPC_KEY, "UseInternetPorts", "Y");
    other.set(otherKey, RPC_SAVED, "1");
    other.set(otherKey, WMI_SAVED, other.wmiStandalone ? "standalone" : "shared");
    other.wmiStandalone = true;
    Map<String, String> others = other.values(RPC_KEY);
    run = other.run(rollback);
    if (run != null) {
      problems.add("rollback after another policy: " + run);
    } else {
      if (!others.equals(other.values(RPC_KEY))) {
        problems.add("apply then rollback undoes another policy's RPC values " + others
            + ": they became " + other.values(RPC_KEY));
      }
      if (!other.wmiStandalone) {
        problems.add("apply then rollback moves WMI back to the shared host while another policy"
            + " still sets the fixed port");
      }
    }
    return problems;
  }

  private static void proveRestored(
      String what, Model host, String apply, String rollback, List<String> problems) {
    Model before = host.copy();
    String run = host.run(apply);
    if (run == null) {
      run = host.run(rollback);
    }
    if (run != null) {
      problems.add("apply then rollback " + what + ": " + run);
    } else if (!host.view().equals(before.view()) || host.wmiStandalone != before.wmiStandalone) {
      problems.add("apply then rollback " + what + " leaves " + host
          + " where the host had " + before);
    }
  }

  /**
   * The registry (keys and values as reg.exe writes them) and WMI's host, as the host-settings
   * lines of a cmd.exe script change them: {@code reg add|delete|copy|query|compare}, the flow
   * through labels, {@code goto}, {@code if [not] errorlevel 1 goto}, {@code if [not] defined
   * goto}, {@code ||} chains and {@code exit /b}, the {@code RPCWALL_} variables and the queries
   * of {@link Reading#isQuery}, and {@code winmgmt}. Every other command succeeds and changes
   * nothing here (the rules are the readers' part of the proof). Lines are read in place, so a
   * script of 100,000 networks costs no copy of its text.
   */
  public static final class Model {
    private final Map<String, Map<String, String>> registry = new HashMap<>();
    private final Map<String, String> variables = new HashMap<>();
    private boolean wmiStandalone;

    /** A host with {@code rpc} as the RPC key's values (null: no key) and WMI's host. */
    public Model(Map<String, String> rpc, boolean wmiStandalone) {
      if (rpc != null) {
        rpc.forEach((n, v) -> set(RPC_KEY, n, v));
      }
      this.wmiStandalone = wmiStandalone;
    }

    Model copy() {
      Model m = new Model(null, wmiStandalone);
      registry.forEach((k, v) -> m.registry.put(k, new java.util.LinkedHashMap<>(v)));
      return m;
    }

    void set(String key, String name, String data) {
      registry.computeIfAbsent(norm(key), k -> new java.util.LinkedHashMap<>()).put(name, data);
    }

    Map<String, String> values(String key) {
      Map<String, String> v = registry.get(norm(key));
      return v == null ? Map.of() : Map.copyOf(v);
    }

    /** Keys with values, sorted. */
    Map<String, Map<String, String>> view() {
      Map<String, Map<String, String>> out = new java.util.TreeMap<>();
      registry.forEach((k, v) -> {
        if (!v.isEmpty()) {
          out.put(k, Map.copyOf(v));
        }
      });
      return out;
    }

    @Override
    public String toString() {
      return view() + (wmiStandalone ? " with WMI in its own host" : " with WMI in the shared host");
    }

    private static String norm(String key) {
      return key.toUpperCase(Locale.ROOT);
    }

    /** Runs {@code script} (CRLF or LF lines); null when it ends with exit code 0, else why not. */
    public String run(String script) {
      variables.clear();
      List<Integer> starts = new ArrayList<>();
      Map<String, Integer> labels = new HashMap<>();
      for (int at = 0; at <= script.length(); ) {
        starts.add(at);
        if (script.startsWith(":", at)) {
          String label = line(script, at).substring(1).strip().toLowerCase(Locale.ROOT);
          labels.putIfAbsent(label, starts.size() - 1);
        }
        int nl = script.indexOf('\n', at);
        if (nl < 0) {
          break;
        }
        at = nl + 1;
      }
      int errorlevel = 0;
      int steps = 0;
      for (int pc = 0; pc < starts.size(); pc++) {
        if (++steps > starts.size() * 4) {
          return "the script loops";
        }
        int at = starts.get(pc);
        String jump = null;
        if (script.startsWith("reg ", at)) {
          for (String part : line(script, at).split(" \\|\\| ")) {
            int and = part.indexOf(" && ");
            String cmd = and < 0 ? part : part.substring(0, and);
            errorlevel = cmd.startsWith("reg ") ? reg(cmd) : 0;
            if (errorlevel == 0) {
              break;
            }
          }
        } else if (script.startsWith("if ", at)) {
          String l = line(script, at);
          java.util.regex.Matcher m;
          if ((m = IF_GOTO.matcher(l)).matches()) {
            if ((m.group(1) == null) == (errorlevel >= 1)) {
              jump = m.group(2);
            }
          } else if ((m = IF_DEFINED.matcher(l)).matches()) {
            if ((m.group(1) == null) == variables.containsKey(m.group(2))) {
              jump = m.group(3);
            }
          } else if (l.startsWith("if errorlevel 1 (") && l.endsWith("goto fail)")) {
            if (errorlevel >= 1) {
              jump = "fail";
            }
          }
          // other ifs (profile checks, 'if exist' notices) change nothing here
        } else if (script.startsWith("set \"RPCWALL_", at)) {
          java.util.regex.Matcher m = SET.matcher(line(script, at));
          if (m.matches()) {
            if (m.group(2).isEmpty()) {
              variables.remove(m.group(1));
            } else {
              variables.put(m.group(1), m.group(2));
            }
          }
        } else if (script.startsWith("for /f \"delims=\" %%L in ('reg query ", at)) {
          query(line(script, at));
          errorlevel = 0;
        } else if (script.startsWith("winmgmt ", at)) {
          String l = line(script, at);
          if (l.equals("winmgmt -standalonehost") || l.equals("winmgmt -sharedhost")) {
            wmiStandalone = l.endsWith("-standalonehost");
          }
          errorlevel = 0;
        } else if (script.startsWith("goto ", at)) {
          jump = line(script, at).substring(5).strip();
        } else if (script.startsWith("exit /b ", at)) {
          String code = line(script, at).substring(8).strip();
          return code.equals("0") ? null : "the script ends with exit code " + code;
        } else if (!script.startsWith("rem ", at) && !script.startsWith(":", at)
            && !script.startsWith("\r", at) && !script.startsWith("\n", at) && at < script.length()) {
          errorlevel = 0; // netsh, echo, fltmc, the rest: succeed, change nothing modelled
        }
        if (jump != null) {
          Integer target = labels.get(jump.toLowerCase(Locale.ROOT));
          if (target == null) {
            return "there is no label :" + jump;
          }
          pc = target;
        }
      }
      return null;
    }

    private static String line(String script, int at) {
      int nl = script.indexOf('\n', at);
      String l = nl < 0 ? script.substring(at) : script.substring(at, nl);
      return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }

    /** The queries of {@link Reading#isQuery}: does reg print a line findstr keeps? */
    private void query(String l) {
      java.util.regex.Matcher m = QUERY.matcher(l);
      if (!m.matches() || !Reading.isQuery(m.group(1))) {
        return; // another for /f: the rule lists, which the readers' proof covers
      }
      String key = norm(m.group(2));
      boolean sub = m.group(3) != null;
      String value = m.group(4);
      java.util.regex.Pattern p =
          java.util.regex.Pattern.compile(m.group(5).replace("  *", " +"),
              java.util.regex.Pattern.CASE_INSENSITIVE);
      for (Map.Entry<String, Map<String, String>> e : registry.entrySet()) {
        boolean in = e.getKey().equals(key) || (sub && e.getKey().startsWith(key + "\\"));
        String data = in ? e.getValue().get(value) : null;
        String type = value.equals("Type") ? "REG_DWORD" : "REG_SZ";
        if (data != null && p.matcher(value + " " + type + " " + data).find()) {
          variables.put(m.group(6), "1");
          return;
        }
      }
      if (value.equals("Type") && key.equals(norm(WMI_SERVICE_KEY))
          && p.matcher("Type REG_DWORD " + (wmiStandalone ? "0x10" : "0x20")).find()) {
        variables.put(m.group(6), "1");
      }
    }

    private int reg(String command) {
      List<String> a = new ArrayList<>();
      java.util.regex.Matcher t = TOKEN.matcher(command.replaceAll(" >nul( 2>&1)?$", ""));
      while (t.find()) {
        a.add(t.group(1) != null ? t.group(1) : t.group(2));
      }
      if (a.size() < 3) {
        return 1;
      }
      String op = a.get(1).toLowerCase(Locale.ROOT);
      String k = norm(a.get(2));
      if (k.contains("%")) {
        return 1; // a variable's key: the profile checks' GPO keys, not modelled
      }
      Map<String, String> opts = new HashMap<>();
      for (int i = op.equals("copy") || op.equals("compare") ? 4 : 3; i < a.size(); i++) {
        String o = a.get(i).toLowerCase(Locale.ROOT);
        if ((o.equals("/v") || o.equals("/t") || o.equals("/d")) && i + 1 < a.size()) {
          opts.put(o, a.get(++i));
        } else {
          opts.put(o, "");
        }
      }
      switch (op) {
        case "query" -> {
          Map<String, String> v = registry.get(k);
          return v != null && (!opts.containsKey("/v") || v.containsKey(opts.get("/v"))) ? 0 : 1;
        }
        case "add" -> {
          Map<String, String> v = registry.computeIfAbsent(k, n -> new java.util.LinkedHashMap<>());
          if (opts.containsKey("/v")) {
            v.put(opts.get("/v"), opts.getOrDefault("/d", ""));
          }
          return 0;
        }
        case "delete" -> {
          if (!registry.containsKey(k) && registry.keySet().stream().noneMatch(x -> x.startsWith(k + "\\"))) {
            return 1;
          }
          if (opts.containsKey("/v")) {
            Map<String, String> v = registry.get(k);
            return v == null || v.remove(opts.get("/v")) == null ? 1 : 0;
          }
          registry.keySet().removeIf(x -> x.equals(k) || x.startsWith(k + "\\"));
          return 0;
        }
        case "copy" -> {
          String to = norm(a.get(3));
          if (!registry.containsKey(k)) {
            return 1;
          }
          for (String from : List.copyOf(registry.keySet())) {
            if (from.equals(k) || from.startsWith(k + "\\")) {
              registry.computeIfAbsent(to + from.substring(k.length()), n -> new java.util.LinkedHashMap<>())
                  .putAll(registry.get(from));
            }
          }
          return 0;
        }
        case "compare" -> {
          // "Reg compare": 0 identical, 2 different, 1 failed.
          Map<String, String> one = registry.get(k);
          Map<String, String> two = registry.get(norm(a.get(3)));
          String v = opts.get("/v");
          if (one == null || two == null || !one.containsKey(v) || !two.containsKey(v)) {
            return 1;
          }
          return one.get(v).equals(two.get(v)) ? 0 : 2;
        }
        default -> {
          return 1;
        }
      }
    }

    private static final java.util.regex.Pattern TOKEN =
        java.util.regex.Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final java.util.regex.Pattern IF_GOTO =
        java.util.regex.Pattern.compile("^if (not )?errorlevel 1 goto (\\S+)$");
    private static final java.util.regex.Pattern IF_DEFINED =
        java.util.regex.Pattern.compile("^if (not )?defined (RPCWALL_[A-Z_]+) goto (\\S+)$");
    private static final java.util.regex.Pattern SET =
        java.util.regex.Pattern.compile("^set \"(RPCWALL_[A-Z_]+)=([^\"]*)\"$");
    private static final java.util.regex.Pattern QUERY =
        java.util.regex.Pattern.compile("^for /f \"delims=\" %%L in \\(('reg query \"([^\"]+)\"( /s)? /v (\\w+)"
            + " 2\\^>nul \\^\\| findstr (?:/i )?/r /c:\"([^\"]+)\"')\\) do set \"(RPCWALL_[A-Z_]+)=1\"$");
  }
}
