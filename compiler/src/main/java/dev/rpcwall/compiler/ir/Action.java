package dev.rpcwall.compiler.ir;

import dev.rpcwall.compiler.semantics.Decision;
import java.util.Locale;

/** What a policy rule or the default does. */
public enum Action {
  ALLOW,
  BLOCK;

  public Decision decision() {
    return this == ALLOW ? Decision.ALLOW : Decision.BLOCK;
  }

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
