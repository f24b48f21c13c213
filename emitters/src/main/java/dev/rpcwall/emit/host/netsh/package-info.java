/**
 * Readers of netsh input as found on hosts, for lint and verify: {@link
 * dev.rpcwall.emit.host.netsh.NetshScriptReader} (format {@code netsh}: batch and netsh scripts,
 * the legacy {@code netsh firewall} context, {@code reg add} of the RPC settings, {@code
 * winmgmt}), {@link dev.rpcwall.emit.host.netsh.ShowRuleReader} (format {@code netsh-show-rule}:
 * {@code show rule name=all [verbose]} output) and {@link
 * dev.rpcwall.emit.host.netsh.NetshCommandLineReader} (one netsh command met in another input,
 * such as a PowerShell script). Scripts are split by the strict reader's {@link
 * dev.rpcwall.emit.netsh.BatchParser}; values are read with {@link
 * dev.rpcwall.emit.netsh.NetshSyntax}'s keyword tables.
 */
package dev.rpcwall.emit.host.netsh;
