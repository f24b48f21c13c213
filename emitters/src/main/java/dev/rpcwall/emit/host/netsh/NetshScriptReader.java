package dev.rpcwall.emit.host.netsh;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStates;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.netsh.NetshReader;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Format {@code netsh}: batch and netsh scripts as admins write them ({@code netsh advfirewall
 * firewall add|set|delete rule}, {@code netsh advfirewall set <profile>}, the legacy {@code netsh
 * firewall} context, {@code reg add|delete} of the RPC settings, {@code winmgmt}), read by {@link
 * BatchRun}. A script rpcwall generated (its provenance header) is read first with the strict
 * {@link NetshReader} and applied as such ({@link HostStates#apply}); only when that refuses it
 * does the wild reading run.
 */
public final class NetshScriptReader implements HostReader {
  public static final String FORMAT = "netsh";

  private static final Pattern COMMAND =
      Pattern.compile(
          "(?im)^[ \\t@]*(?:call[ \\t]+)?(?:\\S*\\\\)?netsh(?:\\.exe)?[ \\t]+(?:-[a-z][ \\t]+\\S+[ \\t]+)*"
              + "(?:adv\\w*[ \\t]+(?:fire\\w*|set|reset|import)|firewall[ \\t]+(?:add|set|delete))");
  private static final Pattern REG_OR_WMI =
      Pattern.compile("(?im)^[ \\t@]*(?:reg(?:\\.exe)?[ \\t]+(?:add|delete)[ \\t].*rpc\\\\internet"
          + "|winmgmt(?:\\.exe)?[ \\t]+[-/](?:standalone|shared)host)");
  private static final Pattern BATCH =
      Pattern.compile("(?im)^[ \\t]*(?:@echo[ \\t]+off|rem[ \\t]|setlocal|::|goto[ \\t]|:[a-z_]+[ \\t]*$)");
  private static final Pattern POWERSHELL =
      Pattern.compile("(?i)(?:-NetFirewall|Set-ItemProperty|New-ItemProperty|\\$[a-z_]+[ \\t]*=|"
          + "Write-Host|param[ \\t]*\\()");
  /** Scripts of the legacy IPsec tools, which also write the RPC settings: their readers' format. */
  private static final Pattern IPSEC_SCRIPT =
      Pattern.compile("(?im)^[ \\t@]*(?:(?:\\S*\\\\)?netsh(?:\\.exe)?[ \\t]+ipsec[ \\t]|ipsecpol|ipseccmd)");
  private static final Pattern SHOW_RULE = Pattern.compile("(?m)^[ \\t]*Rule Name:[ \\t]");

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public int recognise(String text) {
    String head = text.length() > 65_536 ? text.substring(0, 65_536) : text;
    boolean command = COMMAND.matcher(head).find();
    boolean other = REG_OR_WMI.matcher(head).find();
    if (!command && !other) {
      return 0;
    }
    if (POWERSHELL.matcher(head).find()) {
      return 20; // netsh lines inside a PowerShell script: that reader hands them over
    }
    if (!command && IPSEC_SCRIPT.matcher(head).find()) {
      return 30; // an ipsecpol, ipseccmd or netsh ipsec script: read by its own reader
    }
    if (SHOW_RULE.matcher(head).find() && !BATCH.matcher(head).find()) {
      return 10; // a 'show rule' dump with its command line pasted above it
    }
    return command ? 80 : 60;
  }

  @Override
  public void read(SourceFile file, HostState host, List<HostNote> notes) {
    try {
      if (generated(file.text())) {
        Result<WfasRuleSet> strict = new NetshReader().read(file);
        if (!strict.hasErrors() && strict.value().isPresent()) {
          replacePolicy(file.text(), host);
          HostStates.apply(strict.value().get(), SourceSpan.at(file.name(), 1, 1, 0), host);
          return;
        }
      }
      new BatchRun(file, host, notes).run();
    } catch (RuntimeException | StackOverflowError e) {
      // A reader never throws: what is left is reported where the file starts.
      notes.add(HostNote.unreadable(SourceSpan.at(file.name(), 1, 1, 0),
          "the script could not be read to its end (" + e.getClass().getSimpleName() + ")",
          "report this file to the rpcwall maintainers"));
    }
  }

  private static final Pattern STATE_KEY =
      Pattern.compile("(?i)HKLM\\\\SOFTWARE\\\\rpcwall\\\\([a-z0-9-]+)");

  /**
   * Before a generated script's rules are added: the rules an earlier run of the same policy
   * left (its names, {@code rpcwall/<slug>/...} and {@code rpcwall/<slug>~new/...}), which the
   * script deletes first (by the names in its state key, docs/targets/netsh.md "State"). The
   * strict reader gives only what the script adds, so applying the same script twice, or its
   * rollback after it, would otherwise keep rules the host no longer has.
   */
  private static void replacePolicy(String text, HostState host) {
    java.util.regex.Matcher m = STATE_KEY.matcher(text);
    if (!m.find()) {
      return;
    }
    String slug = m.group(1).toLowerCase(Locale.ROOT);
    String own = "rpcwall/" + slug + "/";
    String staged = "rpcwall/" + slug + "~new/";
    host.removeRules(r -> r.store() == dev.rpcwall.compiler.host.HostStore.LOCAL
        && (r.rule().displayName().toLowerCase(Locale.ROOT).startsWith(own)
            || r.rule().displayName().toLowerCase(Locale.ROOT).startsWith(staged)));
  }

  /** rpcwall's provenance header (CmdScript.provenance) in the first lines. */
  static boolean generated(String text) {
    String head = text.length() > 8192 ? text.substring(0, 8192) : text;
    String lower = head.toLowerCase(Locale.ROOT);
    return lower.contains("\nrem rpcwall version:") && lower.contains("\nrem source sha-256:");
  }
}
