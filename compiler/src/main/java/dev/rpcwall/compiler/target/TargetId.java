package dev.rpcwall.compiler.target;

import java.util.Locale;

/** The dialects rpcwall compiles to. */
public enum TargetId {
  NETSH,
  POWERSHELL,
  /** Windows 2000 Resource Kit {@code ipsecpol.exe} (windows-semantics.md 5.1). */
  IPSECPOL,
  /** XP / Server 2003 Support Tools {@code ipseccmd.exe} (5.1). */
  IPSECCMD,
  /** Server 2003 {@code netsh ipsec static} (5.4). */
  NETSH_IPSEC,
  /**
   * A registry file ({@code .reg}) that sets the RPC dynamic port range (windows-semantics.md
   * 6.1), and one that deletes those values. Not an apply/rollback script pair.
   */
  REG,
  /** An administrative template (ADMX and en-US ADML) with the RPC range as a policy (6.1). */
  ADMX,
  /** Lines for {@code sceregvl.inf} and a security template setting the RPC range (6.1). */
  SCEREGVL,
  /**
   * Sigma detection rules (YAML, one file per rule) for RPC/WMI traffic the policy blocks: written
   * to a directory, asked for by name, never part of {@code all}.
   */
  SIGMA;

  /** As written on the command line: {@code netsh}, {@code powershell}, {@code netsh-ipsec}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
