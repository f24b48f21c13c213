package dev.rpcwall.compiler.model;

/**
 * WFAS rule actions; precedence among matching rules is bypass > block > allow (windows-semantics.md
 * section 2.1, MS-FASP 2.2.34).
 */
public enum RuleAction {
  ALLOW,
  BLOCK,
  BYPASS
}
