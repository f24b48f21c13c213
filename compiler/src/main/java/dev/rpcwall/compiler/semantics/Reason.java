package dev.rpcwall.compiler.semantics;

/** Placeholder for the decision function API; the implementation lives on the semantics branch. */
public enum Reason {
  RULE,
  DEFAULT,
  UNMANAGED
}
