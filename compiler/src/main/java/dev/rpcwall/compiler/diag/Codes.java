package dev.rpcwall.compiler.diag;

/**
 * Every diagnostic code, in one place so tests and docs can list them. Ranges: RW0xxx syntax,
 * RW10xx-RW11xx names and meaning found while resolving, RW12xx meaning found on the decision
 * function, RW2xxx target capability, RW3xxx lint. A code never changes meaning once released.
 */
public final class Codes {
  private Codes() {}

  // Syntax (RW0xxx)
  // ===============

  // Names and meaning (RW10xx-RW11xx)
  // =================================

  // Decision function (RW12xx)
  // ==========================

  // Target capability (RW2xxx)
  // ==========================
}
