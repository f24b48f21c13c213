package dev.rpcwall.emit.cmd;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.emit.netsh.NetshQuoting;
import java.util.List;

/** Lines every cmd.exe script of the netsh and legacy IPsec targets writes the same way. */
public final class CmdScript {
  private CmdScript() {}

  /**
   * The header lines after the script's title and description: the source, its SHA-256, the tool
   * version, and the mark of a compile that was not verified (issue 11 point 6).
   */
  public static void provenance(
      List<String> out, Policy policy, String sourceSha256, String toolVersion, boolean verified) {
    out.add("rem Source: " + NetshQuoting.quoteLenient(policy.sourceName()));
    out.add("rem Source SHA-256: " + NetshQuoting.quoteLenient(sourceSha256));
    out.add("rem rpcwall version: " + NetshQuoting.quoteLenient(toolVersion));
    if (!verified) {
      out.add("rem " + ScriptInput.NOT_VERIFIED);
    }
  }

  /** Command extensions on, delayed expansion off; then the administrator check. */
  public static void prologue(List<String> out) {
    // Delayed expansion off, whatever the registry default: '!' in names is then plain text
    // (windows-semantics.md 1.6 rule 3).
    out.add("setlocal EnableExtensions DisableDelayedExpansion");
    out.add("");
    // fltmc lists the file system filters through the Filter Manager, which only an elevated
    // administrator may query ("Fltmc.exe", Microsoft Learn, Windows drivers: development and
    // testing tools for file system minifilters: run it from an administrator prompt). Unlike
    // 'net session' it does not need the Server service, which hardened hosts disable.
    out.add("rem 'fltmc' succeeds only in an elevated prompt.");
    out.add("fltmc >nul 2>&1");
    out.add("if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)");
  }

  /** The {@code :fail} label every checked command jumps to: {@code message}, then exit code 1. */
  public static void epilogue(List<String> out, String message) {
    out.add("");
    out.add(":fail");
    out.add("echo " + message);
    out.add("exit /b 1");
  }
}
