package dev.rpcwall.emit.netshipsec;

import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import dev.rpcwall.emit.cmd.HostRuns;
import dev.rpcwall.emit.family.ipsec.IpsecFamily;
import dev.rpcwall.emit.family.ipsec.IpsecRollbackHost;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollback proof's host for netsh ipsec static ({@link IpsecRollbackHost} states what it
 * creates): the runs in sequence as one script ({@link HostRuns#sequence}, cmd.exe's own
 * chaining), which {@link NetshIpsecReader} reads into the store they leave.
 *
 * <ul>
 *   <li>The other owners' policies, each with its filter action, filter list (one filter {@code
 *       any -> me tcp/135}, unmirrored) and rule, all of the one name, not assigned.
 *   <li>With the state kept: an earlier run of the same apply script that stopped at its middle
 *       {@code netsh} command (objects under both name sets, and what it recorded), then the
 *       apply script in full.
 *   <li>With the state lost: the apply script in full, then the state values about its IPsec
 *       objects deleted, as after a clean-up by hand (the host-settings record is the other half
 *       of the proof, {@link #hostSettingsProblems}).
 *   <li>Then the rollback script.
 * </ul>
 */
public final class NetshIpsecRollbackHost implements IpsecRollbackHost {
  @Override
  public String afterApplyThenRollback(
      IpsecScriptInput input, String fullApply, String rollback, List<String> foreign,
      boolean stateKept) {
    String apply = thin(fullApply);
    String others = HostRuns.foreign(foreign, (name, q) ->
        "netsh ipsec static add policy name=" + q + " activatedefaultrule=no assign=no\r\n"
            + "netsh ipsec static add filteraction name=" + q + " action=permit\r\n"
            + "netsh ipsec static add filterlist name=" + q + "\r\n"
            + NetshIpsecEmitter.addFilter(name, IpsecFamily.FOREIGN_FILTER) + "\r\n"
            + "netsh ipsec static add rule name=" + q + " policy=" + q + " filterlist=" + q
            + " filteraction=" + q + " conntype=all activate=yes\r\n");
    String lost = HostRuns.stateLost(NetshIpsecNames.stateKey(input.slug()),
        NetshIpsecNames.COMPLETE, NetshIpsecNames.TEMP_ASSIGNED);
    return HostRuns.applyThenRollback(
        others, apply, "netsh ipsec static ", stateKept, lost, rollback);
  }

  /** Filter lists and actions left besides the foreign ones (the store shows policies only). */
  @Override
  public List<String> strayObjects(String host, List<String> foreign) {
    var read = new NetshIpsecReader().readObjects(
        new dev.rpcwall.compiler.source.SourceFile("host", host),
        dev.rpcwall.compiler.model.ipsec.IpsecStore.EMPTY);
    if (read.value().isEmpty()) {
      return List.of(); // the family reports why the host cannot be read
    }
    List<String> out = new ArrayList<>();
    for (String list : read.value().get().lists.keySet()) {
      if (!foreign.contains(list)) {
        out.add("the filter list '" + list + "'");
      }
    }
    for (String action : read.value().get().actions.keySet()) {
      if (!foreign.contains(action)) {
        out.add("the filter action '" + action + "'");
      }
    }
    return out;
  }

  private static final String ADD_FILTER = "netsh ipsec static add filter filterlist=\"";

  /**
   * {@code apply} with each run of {@code add filter} lines into one list cut to its first line
   * (and the error check after each line dropped with it). The rollback removes filter lists and
   * policies by name whatever they hold (windows-semantics.md 5.4), so what it leaves does not
   * depend on how many filters a list has; the filters themselves are proven by the translation
   * check on the whole apply script. Without this, the proof's host would parse every filter of
   * the apply twice more (a host with 160,000 filters took gigabytes).
   */
  static String thin(String apply) {
    String[] lines = apply.split("\r\n", -1);
    StringBuilder out = new StringBuilder(apply.length() / 4);
    String lastList = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith(ADD_FILTER)) {
        String list = line.substring(ADD_FILTER.length(), line.indexOf('"', ADD_FILTER.length()));
        if (list.equals(lastList)) {
          if (i + 1 < lines.length && lines[i + 1].startsWith("if errorlevel 1 (")) {
            i++;
          }
          continue;
        }
        lastList = list;
      } else if (!line.startsWith("if errorlevel 1 (")) {
        lastList = null;
      }
      out.append(line);
      if (i < lines.length - 1) {
        out.append("\r\n");
      }
    }
    return out.toString();
  }

  /**
   * The RPC values, WMI's host and the state, on the cmd.exe host model the other cmd.exe targets
   * share (these scripts write them with {@link CmdHostSettings}' lines).
   */
  @Override
  public List<String> hostSettingsProblems(IpsecScriptInput input, String apply, String rollback) {
    return CmdHostSettings.rollbackProblems(input.slug(), apply, rollback);
  }
}
