package dev.rpcwall.emit.host.powershell;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.host.CommandLineReader;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStates;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.emit.powershell.PowerShellReader;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads PowerShell scripts as found on hosts: {@code New-/Set-/Enable-/Disable-/Remove-NetFirewallRule}
 * (also piped from {@code Get-NetFirewallRule}), {@code Set-NetFirewallProfile}, the registry
 * cmdlets on {@code HKLM:\SOFTWARE\Microsoft\Rpc\Internet}, {@code winmgmt /standalonehost}, with
 * backtick continuations, splatting of literal hashtables, variables assigned earlier and {@code
 * foreach} over literal lists. {@code netsh} lines go to the {@link CommandLineReader} it is given.
 * A script rpcwall generated (its provenance header) is read with the strict {@link
 * PowerShellReader} first; when that refuses it, the script is read like any other.
 *
 * <p>Reading is wild, not strict: what it cannot evaluate leaves the field unknown ({@code any},
 * named in the rule's {@code otherConditions}) with an {@code unreadable} note, and what Windows or
 * PowerShell itself refuses is an {@code invalid-rule} note and changes nothing. See {@link
 * WildRun} for the decisions taken where the documentation is silent.
 */
public final class PowerShellHostReader implements HostReader {
  public static final String FORMAT = "powershell";

  /** Cmdlets only a PowerShell script has, and that change what lint looks at. */
  private static final Pattern CMDLETS =
      Pattern.compile(
          "(?i)\\b(New|Set|Enable|Disable|Remove|Get)-NetFirewall(Rule|Profile)\\b"
              + "|\\b(Set|New|Remove)-ItemProperty\\b|\\bOpen-NetGPO\\b");

  /** Signs of PowerShell syntax (a variable assignment, a cmdlet verb-noun, a comment block). */
  private static final Pattern SYNTAX =
      Pattern.compile(
          "(?im)^\\s*\\$[A-Za-z_][A-Za-z0-9_]*\\s*=|\\b(Write-Host|Write-Output|Import-Module|"
              + "Get-Service|Restart-Service|Test-Path|New-Item)\\b|^\\s*#Requires\\b|<#");

  /**
   * Until the netsh reader is wired in, the command lines a script hands over are only noted as
   * not read.
   */
  public static final CommandLineReader NETSH_NOT_WIRED =
      (command, at, host, notes) -> {
        String word = command.isBlank() ? "netsh" : command.trim().split("\\s+")[0];
        boolean reg = word.toLowerCase(Locale.ROOT).matches("(.*\\\\)?reg(\\.exe)?");
        notes.add(
            HostNote.unreadable(
                at,
                (reg ? "reg" : "netsh") + " command in a PowerShell script",
                "give the netsh lines as a .cmd input of their own"));
      };

  private final CommandLineReader netsh;

  /** {@code netsh} reads the {@code netsh} and {@code reg} command lines met in a script. */
  public PowerShellHostReader(CommandLineReader netsh) {
    this.netsh = requireNonNull(netsh, "netsh");
  }

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public int recognise(String text) {
    String head = text.length() > 65536 ? text.substring(0, 65536) : text;
    if (generated(head)) {
      return 95;
    }
    if (CMDLETS.matcher(head).find()) {
      return 85;
    }
    // A script with only netsh lines is the netsh reader's; one with PowerShell syntax around
    // them is read here (the netsh lines go to the netsh reader through CommandLineReader).
    if (SYNTAX.matcher(head).find()) {
      return 40;
    }
    return 0;
  }

  @Override
  public void read(SourceFile file, HostState host, List<HostNote> notes) {
    try {
      if (generated(file.text()) && readStrict(file, host)) {
        return;
      }
      new WildRun(file, host, notes, netsh).run();
    } catch (RuntimeException | StackOverflowError e) {
      // Never thrown to the caller: what was read so far stays, the rest is reported.
      notes.add(
          HostNote.unreadable(
              file.spanAt(0, 0),
              "the PowerShell reader stopped reading this file (" + e.getClass().getSimpleName()
                  + ")",
              "report this file to the rpcwall maintainers"));
    }
  }

  /** Reads the file as the strict reader of rpcwall's own scripts; false when it refuses it. */
  static boolean readStrict(SourceFile file, HostState host) {
    Result<WfasRuleSet> strict = new PowerShellReader().read(file);
    if (strict.hasErrors() || strict.value().isEmpty()) {
      return false;
    }
    HostStates.apply(strict.orElseThrow(), file.spanAt(0, 0), host);
    return true;
  }

  /** True when the text starts with the provenance header of a script rpcwall wrote. */
  static boolean generated(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    int nl = t.indexOf('\n');
    String first = (nl < 0 ? t : t.substring(0, nl)).trim().toLowerCase(Locale.ROOT);
    return first.startsWith("# rpcwall ") && first.contains(" script for policy ");
  }
}
