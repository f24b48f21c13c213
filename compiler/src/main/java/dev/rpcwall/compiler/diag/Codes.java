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

  /** A token the grammar does not allow where it stands. */
  public static final String SYNTAX_UNEXPECTED = "RW0001";

  /** A string literal that is not closed before the end of its line. */
  public static final String SYNTAX_UNTERMINATED_STRING = "RW0002";

  /** A character that cannot start any token. */
  public static final String SYNTAX_BAD_CHARACTER = "RW0003";

  /** An unknown or malformed escape sequence in a string literal. */
  public static final String SYNTAX_BAD_ESCAPE = "RW0004";

  /** A profile name other than domain, private or public in an {@code on} clause. */
  public static final String SYNTAX_UNKNOWN_PROFILE = "RW0005";

  /** The parser stopped after too many syntax errors in one file. */
  public static final String SYNTAX_TOO_MANY_ERRORS = "RW0006";

  /** The file is not valid UTF-8. */
  public static final String SYNTAX_INVALID_UTF8 = "RW0007";

  /** The YAML text itself is malformed. */
  public static final String YAML_MALFORMED = "RW0008";

  /** A YAML key or value does not fit the policy schema. */
  public static final String YAML_SCHEMA = "RW0009";

  // Names and meaning (RW10xx-RW11xx)
  // =================================

  /** The main file has no {@code policy "name"} statement. */
  public static final String POLICY_MISSING = "RW1001";

  /** {@code policy} is not the first statement of the file. */
  public static final String POLICY_NOT_FIRST = "RW1002";

  /** A second {@code policy}, {@code description}, {@code default} or {@code rpc} statement. */
  public static final String DUPLICATE_STATEMENT = "RW1003";

  /** An imported file contains something other than imports, networks and services. */
  public static final String IMPORT_NOT_ALLOWED = "RW1004";

  /** An imported file cannot be found. */
  public static final String IMPORT_MISSING = "RW1005";

  /** A file imports itself, directly or through other files. */
  public static final String IMPORT_CYCLE = "RW1006";

  /** A name that no network definition or built-in defines. */
  public static final String UNKNOWN_NETWORK = "RW1010";

  /** A name that no service definition or built-in defines. */
  public static final String UNKNOWN_SERVICE = "RW1011";

  /** A network or service name defined twice. */
  public static final String DUPLICATE_NAME = "RW1012";

  /** A definition that reuses the name of a built-in network or service. */
  public static final String BUILTIN_REDEFINED = "RW1013";

  /** A network or service that refers to itself, directly or through others. */
  public static final String REFERENCE_CYCLE = "RW1014";

  /** A port outside 0-65535. */
  public static final String PORT_OUT_OF_RANGE = "RW1020";

  /** A port range whose first port is greater than its last. */
  public static final String PORT_RANGE_REVERSED = "RW1021";

  /** An address literal that is not a valid IPv4 or IPv6 host, CIDR, mask or range. */
  public static final String ADDRESS_INVALID = "RW1030";

  /** A CIDR with host bits set (warning; it names the network it means). */
  public static final String ADDRESS_HOST_BITS = "RW1031";

  /** A network that is empty after {@code except}. */
  public static final String NETWORK_EMPTY = "RW1032";

  /** {@code rpc-dynamic} (or {@code wmi} without a fixed port) used with no dynamic range. */
  public static final String RPC_DYNAMIC_UNCONFIGURED = "RW1040";

  /** A dynamic port range of fewer than 100 ports (warning). */
  public static final String RPC_RANGE_SMALL = "RW1041";

  /** The dynamic range overlaps 135, 445, the WMI fixed port or a port of a service. */
  public static final String RPC_RANGE_OVERLAP = "RW1042";

  /** A WMI fixed port that is a range or port 0. */
  public static final String WMI_PORT_INVALID = "RW1043";

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
}
