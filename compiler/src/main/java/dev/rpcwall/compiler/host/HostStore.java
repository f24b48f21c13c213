package dev.rpcwall.compiler.host;

/**
 * Where a rule lives on the host (windows-semantics.md 2.3): the local store ({@code
 * PersistentStore}, what netsh and PowerShell write without {@code -PolicyStore}), or a Group Policy
 * store ({@code -PolicyStore domain\GPO}, {@code -GPOSession}, the registry's {@code
 * SOFTWARE\Policies\...\FirewallRules}), which applies whatever the local-merge settings say.
 */
public enum HostStore {
  LOCAL,
  GPO
}
