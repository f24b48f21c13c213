package dev.rpcwall.compiler.target;

import java.util.Locale;

/** The dialects rpcwall compiles to. */
public enum TargetId {
  NETSH,
  POWERSHELL;

  /** As written on the command line: {@code netsh}, {@code powershell}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
