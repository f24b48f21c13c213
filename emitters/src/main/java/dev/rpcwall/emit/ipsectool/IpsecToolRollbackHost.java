package dev.rpcwall.emit.ipsectool;

import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import dev.rpcwall.emit.cmd.HostRuns;
import dev.rpcwall.emit.family.ipsec.IpsecRollbackHost;
import java.util.List;

/**
 * The rollback proof's host for ipsecpol and ipseccmd ({@link IpsecRollbackHost} states what it
 * creates): the runs in sequence as one script ({@link HostRuns#sequence}), which {@link
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
      IpsecScriptInput input, String fullApply, String rollback, List<String> foreign,
      boolean stateKept) {
    String apply = thin(fullApply);
    String others = HostRuns.foreign(foreign, (name, q) ->
        tool.program() + " -w REG -p " + q + " -r " + q + " -f *=0:135:TCP -n PASS\r\n");
    String lost = HostRuns.stateLost(IpsecToolEmitter.stateKey(input.slug()),
        IpsecToolEmitter.APPLIED, IpsecToolEmitter.TEMPORARY_ASSIGNED);
    return HostRuns.applyThenRollback(
        others, apply, tool.program() + " ", stateKept, lost, rollback);
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

  /**
   * {@code apply} with the filter specs of each {@code -f} cut to the first. The rollback deletes
   * policies by name whatever their rules hold ({@code -o}, windows-semantics.md 5.1), so what it
   * leaves does not depend on how many filters a rule has; the filters themselves are proven by
   * the translation check on the whole apply script. Keeps the proof's cost independent of the
   * number of filters.
   */
  String thin(String apply) {
    String[] lines = apply.split("\r\n", -1);
    StringBuilder out = new StringBuilder(apply.length() / 4);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int f = line.indexOf(" -f ");
      if (line.startsWith(tool.program() + " ") && f > 0) {
        String[] words = line.substring(f + 4).split(" ", -1);
        StringBuilder kept = new StringBuilder(line.substring(0, f + 4)).append(words[0]);
        int k = 1;
        while (k < words.length && !words[k].startsWith("-")) {
          k++; // a further spec
        }
        for (; k < words.length; k++) {
          kept.append(' ').append(words[k]);
        }
        line = kept.toString();
      }
      out.append(line);
      if (i < lines.length - 1) {
        out.append("\r\n");
      }
    }
    return out.toString();
  }
}
