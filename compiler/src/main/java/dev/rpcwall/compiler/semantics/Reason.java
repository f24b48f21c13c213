package dev.rpcwall.compiler.semantics;

/** Why a packet gets its decision: a rule matched, no rule matched (the default), or unmanaged. */
public enum Reason {
  RULE,
  DEFAULT,
  UNMANAGED
}
