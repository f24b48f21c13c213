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
  NETSH_IPSEC;

  /** As written on the command line: {@code netsh}, {@code powershell}, {@code netsh-ipsec}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
