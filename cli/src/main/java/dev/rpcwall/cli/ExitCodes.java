package dev.rpcwall.cli;

/** Exit codes of DESIGN.md section 5. */
final class ExitCodes {
  static final int OK = 0;
  /** The input is valid but lint, verify, diff, fmt --check or explain expectations found problems. */
  static final int FINDINGS = 1;
  /** Invalid input or usage. */
  static final int INVALID = 2;
  /** A bug in rpcwall. */
  static final int INTERNAL = 3;

  private ExitCodes() {}
}
