package dev.rpcwall.compiler.diag;

/**
 * Every diagnostic code, in one place so tests and docs can list them. Ranges: RW00xx syntax,
 * RW01xx names, RW09xx command input files (probes), RW10xx-RW11xx meaning found while
 * resolving, RW12xx meaning found on the decision
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

  /** A key that appears twice in one YAML mapping (YAML requires unique keys). */
  public static final String YAML_DUPLICATE_KEY = "RW0010";

  /** A YAML anchor, alias or tag: not supported, rejected rather than reinterpreted. */
  public static final String YAML_UNSUPPORTED = "RW0011";

  /** A second YAML document in a policy file. */
  public static final String YAML_SECOND_DOCUMENT = "RW0012";

  // Names (RW01xx): binding names to definitions. RW0102 is the code DESIGN.md section 5 shows.
  // =============================================================================================

  /** A name that no network definition or built-in defines. */
  public static final String UNKNOWN_NETWORK = "RW0102";

  /** A name that no service definition or built-in defines. */
  public static final String UNKNOWN_SERVICE = "RW0103";

  /** A network or service name defined twice. */
  public static final String DUPLICATE_NAME = "RW0104";

  /** A definition that reuses the name of a built-in network or service. */
  public static final String BUILTIN_REDEFINED = "RW0105";

  /** A network or service that refers to itself, directly or through others. */
  public static final String REFERENCE_CYCLE = "RW0106";

  // Command input files (RW09xx)
  // ============================

  /** A line of an {@code explain --probes} CSV file is malformed. */
  public static final String PROBE_INVALID = "RW0901";

  /** A file named to {@code lint} (input, {@code --roles}, {@code --baseline}) cannot be read. */
  public static final String LINT_INPUT_UNREADABLE = "RW0902";

  /** A {@code lint --baseline} file is not a baseline {@code --write-baseline} wrote. */
  public static final String LINT_BASELINE_INVALID = "RW0903";

  /** A {@code lint --roles} file names an unknown role, or a network that does not parse. */
  public static final String LINT_ROLES_INVALID = "RW0904";

  // Meaning (RW10xx-RW11xx)
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

  /**
   * An import path that is not a relative path inside the policy root: absolute, a drive letter,
   * UNC or device path, {@code ..} above the root, a link that leads outside it.
   */
  public static final String IMPORT_REFUSED = "RW1007";

  /** A file that does not read as a policy; its content is not shown. */
  public static final String NOT_A_POLICY = "RW1008";


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

  /** The dynamic port range includes ports at or below 5000. */
  public static final String RPC_RANGE_LOW = "RW1044";

  /** A WMI fixed port that is a range or port 0. */
  public static final String WMI_PORT_INVALID = "RW1043";

  /** {@code replaces} names the policy itself (its own exact name). */
  public static final String REPLACES_SELF = "RW1050";

  /** {@code replaces} names the same earlier policy twice (warning). */
  public static final String REPLACES_DUPLICATE = "RW1051";

  /** {@code replaces ""}: an empty policy name. */
  public static final String REPLACES_EMPTY = "RW1052";

  // Decision function (RW12xx)
  // ==========================

  /** A rule decides no packet: earlier rules cover all of it, or it matches nothing. */
  public static final String SHADOWED_RULE = "RW1201";

  /** Addresses may reach the endpoint mapper but not the whole RPC dynamic range, or the reverse. */
  public static final String RPC_HALF_OPEN = "RW1202";

  /** A WMI fixed port is configured but no rule governs it. */
  public static final String WMI_PORT_UNGOVERNED = "RW1203";

  /** A rule names loopback addresses, which Windows Firewall does not filter. */
  public static final String LOOPBACK_UNFILTERED = "RW1204";

  /** An allow limited to some profiles whose addresses the policy blocks on the others. */
  public static final String LOCKOUT_PROFILE_ONLY_ALLOW = "RW1210";

  /** A management port blocked from every address that may reach the endpoint mapper. */
  public static final String LOCKOUT_MANAGEMENT_BLOCKED = "RW1211";

  /** {@code default allow} opens managed ports on the public profile. */
  public static final String LOCKOUT_DEFAULT_ALLOW_PUBLIC = "RW1212";

  /**
   * {@code compile --keep-open} / keep-open.csv: the policy blocks a flow the admins need. A check
   * of the decision function against flows given at compile time, not of the policy text alone
   * (RW13xx: no front-end case file can raise it).
   */
  public static final String LOCKOUT_KEEP_OPEN_BLOCKED = "RW1300";

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

  /** A rule's address list breaks a limit of Windows Firewall (AddressLimits, MS-FASP 2.2.4-2.2.37). */
  public static final String TARGET_ADDRESS_LIST = "RW2005";

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

  /** A netsh command line would be longer than cmd.exe's limit of 8191 characters. */
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

  /** Reading (error): a subnet with host bits set, not read (AddressEntries.Ok#windowsRefusal). */
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

  /** A rule group (made from the policy name) has a wildcard character, so removal by group is unsafe. */
  public static final String PS_GROUP_WILDCARD = "RW2205";

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

  // Legacy IPsec targets (RW2300-RW2399): what the Policy Agent's filters cannot express.

  /** Legacy IPsec: the policy decides differently by profile; the agent has no profiles. */
  public static final String IPSEC_PROFILES = "RW2300";

  /** Legacy IPsec: the policy decides IPv6 traffic, which the agent does not filter. */
  public static final String IPSEC_IPV6 = "RW2301";

  /** Legacy IPsec: the policy manages port 0, which a filter can only write as "any port". */
  public static final String IPSEC_PORT_ZERO = "RW2302";

  /** Legacy IPsec (warning): the policy expands to more filters than the threshold. */
  public static final String IPSEC_MANY_FILTERS = "RW2303";

  /**
   * Legacy IPsec (warning, {@code --target all}): the legacy targets cannot express the policy
   * (or cannot carry it) and were left out; the message names them and why.
   */
  public static final String IPSEC_SKIPPED = "RW2304";

  /**
   * Legacy IPsec: the policy blocks a flow the Policy Agent exempts from filtering by default
   * (Kerberos, IKE; windows-semantics.md 5.5 rule 6), so the block would not take effect.
   */
  public static final String IPSEC_EXEMPT_BLOCKED = "RW2305";

  // ipsecpol / ipseccmd dialects (RW2320-RW2329 emitter, RW2370-RW2379 reader).

  /** ipsecpol/ipseccmd emitter: a filter the -f syntax of these tools cannot carry. */
  public static final String IPSEC_TOOL_UNSUPPORTED = "RW2320";

  /** ipsecpol/ipseccmd reader: a command it does not read (its effect is not known). */
  public static final String IPSEC_TOOL_READ_COMMAND = "RW2370";

  /** ipsecpol/ipseccmd reader: a -f filter spec or -n action it cannot parse. */
  public static final String IPSEC_TOOL_READ_SPEC = "RW2371";

  /** ipsecpol/ipseccmd reader: understood, but not evaluable (DNS names, tunnels, DS store...). */
  public static final String IPSEC_TOOL_READ_UNSUPPORTED = "RW2372";

  /** ipsecpol/ipseccmd reader: a store operation whose effect is not documented or not known. */
  public static final String IPSEC_TOOL_READ_STORE = "RW2373";

  /** ipsecpol/ipseccmd reader: the ways through the script disagree, or none ends successfully. */
  public static final String IPSEC_TOOL_READ_FLOW = "RW2374";

  /** ipsecpol/ipseccmd reader: RPC registry values that do not form a known setting. */
  public static final String IPSEC_TOOL_READ_REGISTRY = "RW2375";

  /** ipsecpol/ipseccmd reader (warning): read, with an assumption the sources leave open. */
  public static final String IPSEC_TOOL_READ_NOTE = "RW2376";

  // netsh ipsec static target: RW2330-RW2339 emitter, RW2380-RW2399 reader. See
  // docs/targets/netsh-ipsec.md.

  /** netsh ipsec: a lowered filter the emitter cannot write (not inbound from an address block). */
  public static final String NIPSEC_UNSUPPORTED = "RW2330";

  /** netsh ipsec reader: a command whose effect on the IPsec store is not known. */
  public static final String NIPSEC_READ_COMMAND = "RW2380";

  /** netsh ipsec reader: an unknown, repeated or missing parameter. */
  public static final String NIPSEC_READ_PARAMETER = "RW2381";

  /** netsh ipsec reader: a value netsh does not accept (address, mask, port, protocol, yes/no). */
  public static final String NIPSEC_READ_VALUE = "RW2382";

  /** netsh ipsec reader: a valid form the IPsec model cannot evaluate (server types, DNS, IPv6, tunnels). */
  public static final String NIPSEC_READ_UNSUPPORTED = "RW2383";

  /** netsh ipsec reader: a name that refers to no policy, filter list or action of the script. */
  public static final String NIPSEC_READ_REFERENCE = "RW2384";

  /** netsh ipsec reader: control flow or variables that make the result depend on the host. */
  public static final String NIPSEC_READ_FLOW = "RW2385";

  /** netsh ipsec reader (warning): a default the sources leave UNCONFIRMED was relied on. */
  public static final String NIPSEC_READ_DEFAULT = "RW2386";

  /** netsh ipsec reader: RPC registry values that cannot be read into RPC settings. */
  public static final String NIPSEC_READ_REGISTRY = "RW2387";

  /** netsh ipsec reader (warning): a command that runs only when an earlier one failed. */
  public static final String NIPSEC_READ_ON_FAILURE = "RW2388";

  /** netsh ipsec reader (warning): an address with bits outside its mask. */
  public static final String NIPSEC_READ_HOST_BITS = "RW2389";

  /** netsh ipsec reader (warning): host settings restored from a copy the reader cannot see. */
  public static final String NIPSEC_READ_EXTERNAL = "RW2390";

  // Deployment artifacts (RW2400-RW2499): .reg, ADMX/ADML, sceregvl.inf (issue 9).

  /** reg/admx/sceregvl: the policy has no RPC dynamic port range, so there is nothing to write. */
  public static final String DEPLOY_NO_RPC = "RW2400";

  /** reg/admx/sceregvl (warning): the WMI fixed port is a command, not a registry value (6.3). */
  public static final String DEPLOY_WMI_NOT_REGISTRY = "RW2401";

  /** Reading a .reg file: a line or value that is not understood. */
  public static final String REG_READ = "RW2450";

  /** Reading an ADMX or ADML file: XML or an element that is not understood. */
  public static final String ADMX_READ = "RW2451";

  /** Reading a sceregvl.inf fragment: a line that is not understood. */
  public static final String SCEREGVL_READ = "RW2452";

  // Sigma detection rules (RW2500-RW2549): compile --target sigma (issue 10).

  /** sigma: the policy blocks nobody on the RPC/WMI ports and lets everyone manage WMI. */
  public static final String SIGMA_NOTHING = "RW2500";

  /** sigma (warning): no violation rule, the policy blocks nobody on the RPC/WMI ports. */
  public static final String SIGMA_NO_VIOLATION = "RW2501";
}
