package dev.rpcwall.emit.netshipsec;

import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import dev.rpcwall.emit.family.ipsec.IpsecFamily;
import dev.rpcwall.emit.family.ipsec.IpsecRollbackHost;
import dev.rpcwall.emit.ipsectool.IpsecToolHost;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollback proof's host for netsh ipsec static ({@link IpsecRollbackHost} states what it
 * creates): the runs in sequence as one script ({@link IpsecToolHost#sequence}, cmd.exe's own
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
      IpsecScriptInput input, String apply, String rollback, List<String> foreign, boolean stateKept) {
    String others = IpsecToolHost.foreignScript(foreign, (name, q) ->
        "netsh ipsec static add policy name=" + q + " activatedefaultrule=no assign=no\r\n"
            + "netsh ipsec static add filteraction name=" + q + " action=permit\r\n"
            + "netsh ipsec static add filterlist name=" + q + "\r\n"
            + NetshIpsecEmitter.addFilter(name, IpsecFamily.FOREIGN_FILTER) + "\r\n"
            + "netsh ipsec static add rule name=" + q + " policy=" + q + " filterlist=" + q
            + " filteraction=" + q + " conntype=all activate=yes\r\n");
    String forget = IpsecToolHost.deleteValues(NetshIpsecNames.stateKey(input.slug()),
        NetshIpsecNames.COMPLETE, NetshIpsecNames.TEMP_ASSIGNED);
    return IpsecToolHost.applyThenRollback(others, apply, netshLines(apply), stateKept,
        forget, rollback);
  }

  private static List<Integer> netshLines(String text) {
    List<Integer> out = new ArrayList<>();
    String[] lines = text.split("\r\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("netsh ipsec static ")) {
        out.add(i);
      }
    }
    return out;
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
