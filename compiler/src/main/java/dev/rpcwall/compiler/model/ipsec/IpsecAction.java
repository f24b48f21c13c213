package dev.rpcwall.compiler.model.ipsec;

/**
 * A filter action (windows-semantics.md 5.2 {@code -n}, 5.4 {@code action=}). NEGOTIATE (security
 * negotiation) can be read from hand-written scripts; rpcwall never emits it.
 */
public enum IpsecAction {
  PASS,
  BLOCK,
  NEGOTIATE
}
