package dev.rpcwall.compiler.diag;

/** How bad a diagnostic is; declaration order is from worst to mildest. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
