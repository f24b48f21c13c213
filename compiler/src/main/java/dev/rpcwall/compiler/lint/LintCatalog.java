package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.diag.Severity;
import java.util.List;
import java.util.Optional;

/**
 * Every lint check, by stable ID. IDs are never renumbered or reused; a check that goes away keeps
 * its ID retired. The numbering groups the checks: 00xx what the readers report, 01xx RPC, 02xx
 * the rules among themselves, 03xx exposure of management and lateral movement.
 */
public final class LintCatalog {
  private LintCatalog() {}

  public static final LintRule UNREADABLE =
      new LintRule("RWL0001", Category.UNREADABLE, Severity.WARNING,
          "input the readers did not understand",
          "check the line; what rpcwall could not read is not part of the host it lints");

  public static final LintRule INVALID_RULE =
      new LintRule("RWL0002", Category.INVALID_RULE, Severity.ERROR,
          "a command or rule value Windows itself refuses",
          "correct the command: Windows rejects it, so it leaves nothing on the host");

  public static final LintRule EPM_EXPOSED =
      new LintRule("RWL0101", Category.RPC_EXPOSED, Severity.ERROR,
          "the RPC endpoint mapper (TCP 135) is reachable from the Internet",
          "scope the rule's remote addresses to the networks that need RPC (remoteip=...)");

  public static final LintRule DYNAMIC_EXPOSED =
      new LintRule("RWL0102", Category.RPC_EXPOSED, Severity.ERROR,
          "the RPC dynamic port range is reachable from the Internet",
          "scope the rule's remote addresses to the networks that need RPC (remoteip=...)");

  public static final LintRule EPM_WITHOUT_DYNAMIC =
      new LintRule("RWL0103", Category.EPM_WITHOUT_DYNAMIC, Severity.WARNING,
          "TCP 135 is open to addresses that reach no RPC dynamic port",
          "open the RPC dynamic range (or the service's fixed port) to the same addresses, or close"
              + " 135 to them");

  public static final LintRule DYNAMIC_WITHOUT_EPM =
      new LintRule("RWL0104", Category.DYNAMIC_WITHOUT_EPM, Severity.WARNING,
          "the RPC dynamic range is open to addresses that cannot reach TCP 135",
          "open TCP 135 to the same addresses, or close the range to them: RPC clients must ask"
              + " the endpoint mapper first and hang otherwise");

  public static final LintRule RANGE_SYNTAX =
      new LintRule("RWL0110", Category.RPC_RANGE_INVALID, Severity.ERROR,
          "an Rpc\\Internet Ports entry RPC cannot parse",
          "write each entry as one port (5001) or a range without spaces (5001-5100), one per"
              + " REG_MULTI_SZ string");

  public static final LintRule RANGE_INCOMPLETE =
      new LintRule("RWL0111", Category.RPC_RANGE_INVALID, Severity.WARNING,
          "Rpc\\Internet is incomplete (Ports missing, or PortsInternetAvailable missing)",
          "write Ports, PortsInternetAvailable=Y and UseInternetPorts=Y together, or delete the"
              + " Rpc\\Internet key");

  public static final LintRule RANGE_TYPE =
      new LintRule("RWL0112", Category.RPC_RANGE_INVALID, Severity.ERROR,
          "an Rpc\\Internet value has the wrong type or value",
          "Ports is REG_MULTI_SZ; PortsInternetAvailable and UseInternetPorts are REG_SZ Y or N");

  public static final LintRule RANGE_OVERLAP =
      new LintRule("RWL0113", Category.RPC_RANGE_INVALID, Severity.WARNING,
          "the RPC dynamic range overlaps a static service port",
          "move the range clear of 135, 139, 445, 3389, 5985-5986 and the WMI fixed port"
              + " (e.g. 5001-5200 is clear of them)");

  public static final LintRule RANGE_SMALL =
      new LintRule("RWL0120", Category.RPC_RANGE_SMALL, Severity.WARNING,
          "the RPC dynamic range has fewer than 100 ports",
          "Microsoft recommends at least 100 ports above 5000 (KB154596); widen the range");

  public static final LintRule KEYWORD_UNSCOPED =
      new LintRule("RWL0130", Category.RPC_KEYWORD_UNSCOPED, Severity.WARNING,
          "an RPC or RPC-EPMap port keyword without a program or service condition",
          "add program=/service= (the service's binary, or svchost.exe with service=RpcSs for"
              + " RPC-EPMap)");

  public static final LintRule DEAD_ALLOW =
      new LintRule("RWL0201", Category.DEAD_ALLOW, Severity.WARNING,
          "an Allow rule that Block rules fully override",
          "remove the Allow rule, or narrow the Block rules: in Windows Firewall a matching Block"
              + " always beats an Allow");

  public static final LintRule DUPLICATE =
      new LintRule("RWL0202", Category.DUPLICATE, Severity.WARNING,
          "a rule identical to another one but for its name",
          "delete one of the two rules");

  public static final LintRule REDUNDANT =
      new LintRule("RWL0203", Category.REDUNDANT, Severity.INFO,
          "a rule fully covered by another rule of the same action",
          "delete the covered rule, or narrow the covering one if it is broader than meant");

  public static final LintRule IPV6_OPEN =
      new LintRule("RWL0301", Category.IPV6_OPEN, Severity.WARNING,
          "a rule scoped to IPv4 addresses while the same port is open to IPv6",
          "scope the IPv6 side too (add the IPv6 networks to the rule, narrow the rule that opens"
              + " IPv6, or block IPv6 on the port)");

  public static final LintRule MGMT_EXPOSED =
      new LintRule("RWL0302", Category.MGMT_EXPOSED, Severity.ERROR,
          "RDP, WinRM, SMB or WMI open to Internet addresses",
          "limit the rule to the Domain profile and to the admin subnets (profile=domain"
              + " remoteip=...)");

  public static final LintRule WRONG_PORT_SIDE =
      new LintRule("RWL0303", Category.WRONG_PORT_SIDE, Severity.WARNING,
          "a server port given as the remote port of an inbound rule (or the local port of an"
              + " outbound one)",
          "inbound rules name the server's port as localport=; the client's remote port is random");

  public static final LintRule LATERAL_MOVEMENT =
      new LintRule("RWL0304", Category.LATERAL_MOVEMENT, Severity.WARNING,
          "WMI, RPC or SMB reachable from the workstation subnets",
          "block WMI/RPC/SMB from workstations and allow them from the admin subnets only");

  public static final LintRule MGMT_PUBLIC =
      new LintRule("RWL0305", Category.MGMT_EXPOSED, Severity.WARNING,
          "a management service is open in the public profile (to addresses outside the Internet)",
          "if the host is never on an untrusted network this is expected; otherwise leave the"
              + " public profile out of the rule (profile=domain,private)");

  public static final LintRule POLICY_MISMATCH =
      new LintRule("RWL0401", Category.POLICY_MISMATCH, Severity.ERROR,
          "the host decides otherwise than the policy",
          "apply the policy's compiled script, or change the policy if the host is right"
              + " (rpcwall verify prints the same regions)");

  public static final LintRule POLICY_UNKNOWN =
      new LintRule("RWL0402", Category.POLICY_UNKNOWN, Severity.WARNING,
          "whether the host decides as the policy depends on conditions its files do not show",
          "give the verbose dump or the export with the rule's program, service and interface,"
              + " or check the condition on the host");

  private static final List<LintRule> ALL =
      List.of(
          UNREADABLE, INVALID_RULE, EPM_EXPOSED, DYNAMIC_EXPOSED, EPM_WITHOUT_DYNAMIC,
          DYNAMIC_WITHOUT_EPM, RANGE_SYNTAX, RANGE_INCOMPLETE, RANGE_TYPE, RANGE_OVERLAP,
          RANGE_SMALL, KEYWORD_UNSCOPED, DEAD_ALLOW, DUPLICATE, REDUNDANT, IPV6_OPEN,
          MGMT_EXPOSED, WRONG_PORT_SIDE, LATERAL_MOVEMENT, MGMT_PUBLIC, POLICY_MISMATCH, POLICY_UNKNOWN);

  /** Every check, in ID order. */
  public static List<LintRule> all() {
    return ALL;
  }

  public static Optional<LintRule> byId(String id) {
    return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
