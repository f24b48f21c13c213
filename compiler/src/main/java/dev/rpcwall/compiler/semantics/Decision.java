package dev.rpcwall.compiler.semantics;

import java.util.Locale;

/** What the policy says of one packet (DESIGN.md section 3). */
public enum Decision {
  ALLOW,
  BLOCK,
  /** Outside the managed space: the policy says nothing and the output must not touch it. */
  UNMANAGED;

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
