/**
 * The PowerShell (NetSecurity) target: {@link dev.rpcwall.emit.powershell.PowerShellEmitter}
 * writes apply and rollback scripts, {@link dev.rpcwall.emit.powershell.PowerShellReader} reads
 * them (and hand-written {@code New-NetFirewallRule} scripts) back into a WFAS rule set, and
 * {@link dev.rpcwall.emit.powershell.PowerShellQuoting} is the only place literals are quoted.
 * Depends on the compiler's model and target SPI only; emitter and reader share their spellings.
 */
package dev.rpcwall.emit.powershell;
