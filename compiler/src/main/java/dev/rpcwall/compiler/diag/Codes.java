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

  // netsh target (RW2100-RW2199): RW2100-RW2139 what the emitter cannot carry, RW2150-RW2199 what
  // the netsh reader cannot read. See docs/targets/netsh.md.

  /** A string contains '"', which has no documented escape inside a netsh value. */
  public static final String NETSH_QUOTE = "RW2100";

  /** A name or description contains a line break. */
  public static final String NETSH_LINE_BREAK = "RW2101";

  /** A string contains a control character. */
  public static final String NETSH_CONTROL = "RW2102";

  /** A string contains non-ASCII text, which a .cmd file cannot carry reliably. */
  public static final String NETSH_NON_ASCII = "RW2103";

  /** A string ends with '\', which would escape the closing quote. */
  public static final String NETSH_TRAILING_BACKSLASH = "RW2104";

  /** A rule name is empty or starts or ends with white space. */
  public static final String NETSH_NAME_BLANK = "RW2105";

  /** A netsh command line would reach cmd.exe's 8191-character limit. */
  public static final String NETSH_LINE_TOO_LONG = "RW2106";

  /** A rule uses something netsh advfirewall cannot write. */
  public static final String NETSH_UNSUPPORTED = "RW2107";

  /** Reading: a command whose effect on the firewall is not known. */
  public static final String NETSH_READ_COMMAND = "RW2150";

  /** Reading: cmd.exe or netsh syntax that cannot be read (quotes, '=', escapes, blocks). */
  public static final String NETSH_READ_SYNTAX = "RW2151";

  /** Reading: an unknown or unsupported netsh parameter. */
  public static final String NETSH_READ_PARAMETER = "RW2152";

  /** Reading: a value netsh does not accept. */
  public static final String NETSH_READ_VALUE = "RW2153";

  /** Reading: a required netsh parameter is missing. */
  public static final String NETSH_READ_MISSING = "RW2154";

  /** Reading: a parameter is given twice. */
  public static final String NETSH_READ_DUPLICATE = "RW2155";

  /** Reading: a valid netsh form that the rule model does not hold. */
  public static final String NETSH_READ_UNSUPPORTED = "RW2156";

  /** Reading: parameters that netsh rejects together. */
  public static final String NETSH_READ_COMBINATION = "RW2157";

  /** Reading: an environment variable or delayed expansion whose value is only known on the host. */
  public static final String NETSH_READ_VARIABLE = "RW2158";

  /** Reading: control flow that makes it unknown whether a command runs. */
  public static final String NETSH_READ_FLOW = "RW2159";

  /** Reading: RPC registry values that cannot be read into RPC settings. */
  public static final String NETSH_READ_REGISTRY = "RW2160";

  /** Reading: a 'delete rule' that cannot be matched to the rules of the script. */
  public static final String NETSH_READ_DELETE = "RW2161";

  /** Reading (warning): a subnet with host bits set. */
  public static final String NETSH_READ_HOST_BITS = "RW2162";

  /** Reading (warning): state restored from a file the reader cannot see. */
  public static final String NETSH_READ_EXTERNAL = "RW2163";

  /** Reading (warning): non-ASCII text, whose meaning depends on the OEM code page. */
  public static final String NETSH_READ_NON_ASCII = "RW2164";

  /** Reading (warning): a command that runs only when an earlier one failed is not read. */
  public static final String NETSH_READ_ON_FAILURE = "RW2165";

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
