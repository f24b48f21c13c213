package dev.rpcwall.emit.ipsectool;

import dev.rpcwall.compiler.target.TargetId;
import java.util.Locale;

/**
 * The two command-line tools that share one syntax (windows-semantics.md 5.1, 5.2; KB908472: "the
 * syntax and usage of Ipseccmd.exe are the same as the syntax and usage of Ipsecpol.exe"): what
 * differs between the dialects is only the program name, the Windows version it is for, and how
 * long dynamic-mode filters live (C9).
 */
public enum IpsecTool {
  /** Windows 2000 Resource Kit (5.1); its dynamic filters vanish when the agent restarts (C9). */
  IPSECPOL(TargetId.IPSECPOL, "ipsecpol", "Windows 2000 (Resource Kit ipsecpol.exe)", false),
  /** Windows XP SP2 / Server 2003 Support Tools (5.1); dynamic filters persist until -u (C9). */
  IPSECCMD(TargetId.IPSECCMD, "ipseccmd", "Windows XP / Server 2003 (Support Tools ipseccmd.exe)", true);

  private final TargetId target;
  private final String program;
  private final String platform;
  private final boolean dynamicDurable;

  IpsecTool(TargetId target, String program, String platform, boolean dynamicDurable) {
    this.target = target;
    this.program = program;
    this.platform = platform;
    this.dynamicDurable = dynamicDurable;
  }

  public TargetId target() {
    return target;
  }

  /** The command as scripts call it: {@code ipseccmd}. */
  public String program() {
    return program;
  }

  /** {@code ipseccmd.exe}. */
  public String exe() {
    return program + ".exe";
  }

  /** For which Windows, in words, for script headers and messages. */
  public String platform() {
    return platform;
  }

  /** Whether dynamic-mode filters survive a restart of the IPsec service (C9). */
  public boolean dynamicDurable() {
    return dynamicDurable;
  }

  /** The tool a command name ({@code IPSECCMD.EXE}, {@code C:\tools\ipsecpol}) calls, if any. */
  public static IpsecTool ofCommand(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    int slash = Math.max(n.lastIndexOf('\\'), n.lastIndexOf('/'));
    n = slash >= 0 ? n.substring(slash + 1) : n;
    if (n.endsWith(".exe")) {
      n = n.substring(0, n.length() - 4);
    }
    for (IpsecTool t : values()) {
      if (t.program.equals(n)) {
        return t;
      }
    }
    return null;
  }
}
