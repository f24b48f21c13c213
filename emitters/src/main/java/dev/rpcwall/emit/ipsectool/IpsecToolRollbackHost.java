package dev.rpcwall.emit.ipsectool;

import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import dev.rpcwall.emit.family.ipsec.IpsecRollbackHost;
import java.util.List;

/**
 * The rollback proof's host for ipsecpol and ipseccmd ({@link IpsecRollbackHost} states what it
 * creates): the runs in sequence as one script ({@link IpsecToolHost#sequence}), which {@link
 * IpsecToolReader} reads into the store they leave.
 *
 * <ul>
 *   <li>The other owners' policies, each created by the same tool in the local store ({@code -w
 *       REG}): one rule of the policy's name holding {@code * -> me tcp/135}, unmirrored ({@code
 *       =}), action PASS, not assigned. The reader names a rule's filter list and filter action
 *       after the rule, as the tools do.
 *   <li>With the state kept: an earlier run of the same apply script that stopped at its middle
 *       command of the tool (a half-built temporary policy, and whatever it recorded in the
 *       state), then the apply script in full.
 *   <li>With the state lost: the apply script in full, then the state values about its IPsec
 *       objects deleted ({@code reg delete}, which the reader models), as after a clean-up by
 *       hand. The host-settings record is the other half of the proof ({@link
 *       #hostSettingsProblems}): without it the rollback stops before touching the RPC values.
 *   <li>Then the rollback script.
 * </ul>
 */
public final class IpsecToolRollbackHost implements IpsecRollbackHost {
  private final IpsecTool tool;

  public IpsecToolRollbackHost(IpsecTool tool) {
    this.tool = tool;
  }

  @Override
  public String afterApplyThenRollback(
      IpsecScriptInput input, String apply, String rollback, List<String> foreign, boolean stateKept) {
    String others = IpsecToolHost.foreignScript(foreign,
        (name, q) -> tool.program() + " -w REG -p " + q + " -r " + q + " -f *=0:135:TCP -n PASS\r\n");
    String forget = IpsecToolHost.deleteValues(IpsecToolEmitter.stateKey(input.slug()),
        IpsecToolEmitter.APPLIED, IpsecToolEmitter.TEMPORARY_ASSIGNED);
    return IpsecToolHost.applyThenRollback(others, apply,
        IpsecToolHost.toolLines(tool, apply), stateKept, forget, rollback);
  }

  /**
   * The RPC values, WMI's host and the state, on the cmd.exe host model the other cmd.exe targets
   * share: these scripts write them with {@link CmdHostSettings}' lines. The apply script runs as
   * its first run on a host must, with {@link IpsecToolEmitter#REPLACE_ASSIGNED} (without it, it
   * stops before changing anything, which would prove nothing).
   */
  @Override
  public List<String> hostSettingsProblems(IpsecScriptInput input, String apply, String rollback) {
    String guard = "if /i \"%~1\"==\"" + IpsecToolEmitter.REPLACE_ASSIGNED + "\" goto ";
    if (!apply.contains(guard)) {
      return List.of("the apply script has no " + IpsecToolEmitter.REPLACE_ASSIGNED + " guard");
    }
    return CmdHostSettings.rollbackProblems(input.slug(), apply.replace(guard, "goto "), rollback);
  }
}
