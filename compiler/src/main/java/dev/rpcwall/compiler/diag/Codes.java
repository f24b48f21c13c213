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

  /** A rule decides no packet: earlier rules cover all of it, or it matches nothing. */
  public static final String SHADOWED_RULE = "RW1201";

  /** Addresses may reach the endpoint mapper but not the whole RPC dynamic range, or the reverse. */
  public static final String RPC_HALF_OPEN = "RW1202";

  /** A WMI fixed port is configured but no rule governs it. */
  public static final String WMI_PORT_UNGOVERNED = "RW1203";

  // Target capability (RW2xxx)
  // ==========================

  /** A policy name or description contains '|'. */
  public static final String TARGET_PIPE = "RW2001";

  /** A policy name or description is too long for a rule name or description. */
  public static final String TARGET_TOO_LONG = "RW2002";

  /** The policy is named 'all'. */
  public static final String TARGET_NAME_ALL = "RW2003";

  /** The WMI fixed port is not the one winmgmt -standalonehost uses. */
  public static final String TARGET_WMI_PORT = "RW2004";
}
