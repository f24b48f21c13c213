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

  /** A policy name or description contains '|'. */
  public static final String TARGET_PIPE = "RW2001";

  /** A policy name or description is too long for a rule name or description. */
  public static final String TARGET_TOO_LONG = "RW2002";

  /** The policy is named 'all'. */
  public static final String TARGET_NAME_ALL = "RW2003";

  /** The WMI fixed port is not the one winmgmt -standalonehost uses. */
  public static final String TARGET_WMI_PORT = "RW2004";

  // PowerShell target (RW2200-RW2299): RW2200-RW2249 emitter checks, RW2250-RW2299 reader.

  /** A name or description has a line break or another control character (PowerShell). */
  public static final String PS_CONTROL_CHAR = "RW2201";

  /** A name or description has a bidirectional override/isolate control (PowerShell). */
  public static final String PS_BIDI_CONTROL = "RW2202";

  /** A name or description has an unpaired UTF-16 surrogate, which UTF-8 cannot carry. */
  public static final String PS_BAD_SURROGATE = "RW2203";

  /** A rule uses something the PowerShell cmdlets cannot express (keyword, action, missing group). */
  public static final String PS_UNSUPPORTED = "RW2204";

  /** PowerShell reader: malformed token (unterminated string, stray character, bad continuation). */
  public static final String PS_READ_SYNTAX = "RW2250";

  /** PowerShell reader: a command, statement or condition it does not understand. */
  public static final String PS_READ_UNKNOWN = "RW2251";

  /** PowerShell reader: an unknown or ambiguous parameter name. */
  public static final String PS_READ_PARAMETER = "RW2252";

  /** PowerShell reader: a parameter value it cannot read (port, address, enum value). */
  public static final String PS_READ_VALUE = "RW2253";

  /** PowerShell reader: a double-quoted string that expands variables or escapes. */
  public static final String PS_READ_EXPANDABLE = "RW2254";

  /** PowerShell reader: a variable whose value is not a literal known to the reader. */
  public static final String PS_READ_VARIABLE = "RW2255";

  /** PowerShell reader: a required parameter is missing or given twice. */
  public static final String PS_READ_MISSING = "RW2256";

  /** PowerShell reader: a rule name created twice in the same store. */
  public static final String PS_READ_DUPLICATE = "RW2257";

  /** PowerShell reader: a setting the WFAS model cannot hold (ICMP types, interfaces, ...). */
  public static final String PS_READ_UNSUPPORTED = "RW2258";

  /** PowerShell reader: RPC registry values that do not form a complete, understood setting. */
  public static final String PS_READ_REGISTRY = "RW2259";

  /** PowerShell reader: a step whose effect depends on the host (restoring saved values). */
  public static final String PS_READ_HOST_STATE = "RW2260";
}
