package dev.rpcwall.emit.ipsectool;

import dev.rpcwall.emit.cmd.HostRuns;
import java.util.List;

/**
 * What the ipsecpol / ipseccmd host model adds to {@link dev.rpcwall.emit.cmd.HostRuns} (the
 * scripts that ran on one host as one script, which {@link IpsecToolReader} reads into the store
 * they leave): where a run can be cut, and a foreign policy on the host.
 */
public final class IpsecToolHost {
  private IpsecToolHost() {}

  /** 0-based indexes of the lines that run {@code tool}. */
  public static List<Integer> toolLines(IpsecTool tool, String text) {
    return HostRuns.linesStartingWith(text, tool.program() + " ");
  }

  /**
   * An administrator's own policy {@code name} (one BLOCK rule for TCP 445 from any), assigned
   * when {@code assign}: a foreign policy no rpcwall script may touch.
   */
  public static String foreignPolicy(IpsecTool tool, String name, boolean assign) {
    String cmd = tool.program() + " -w REG -p \"" + name + "\"";
    return "@echo off\r\n" + cmd + " -r \"Admin block 445\" -f *=0:445:TCP -n BLOCK\r\n"
        + (assign ? cmd + " -x\r\n" : "") + "exit /b 0\r\n";
  }
}
