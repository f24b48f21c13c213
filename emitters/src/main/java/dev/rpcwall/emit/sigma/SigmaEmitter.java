package dev.rpcwall.emit.sigma;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Cidr;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.Emitter;
import dev.rpcwall.compiler.target.LineEnding;
import dev.rpcwall.compiler.target.TargetId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sigma rules (Sigma rules specification 2.x, SigmaHQ/sigma-specification
 * specification/sigma-rules-specification.md; correlation: sigma-correlation-rules-specification.md
 * 2.0) for the RPC/WMI traffic a policy blocks, one YAML file per rule, UTF-8 and LF, no date:
 *
 * <ul>
 *   <li>{@code <base>-violation-security[-profiles].yml}: Security event 5156 (connection
 *       permitted, inbound, TCP) to an RPC/WMI port from a remote address the policy blocks there;
 *   <li>{@code <base>-violation-sysmon[-profiles].yml}: the same from Sysmon event 3;
 *   <li>{@code <base>-blocked-security[-profiles].yml}: event 5157 (connection blocked), lower level;
 *   <li>{@code <base>-wmi-epm.yml}, {@code <base>-wmi-port.yml} and the correlation {@code
 *       <base>-wmi-over-rpc.yml}: CAR-2014-11-007 adapted, a connection to 135 and then to the WMI
 *       port (or the dynamic range) from the same remote address outside the WMI managers.
 * </ul>
 *
 * <p>Field meanings, Security log (Microsoft, "5156(S): The Windows Filtering Platform has
 * permitted a connection", and 5157, windows-itpro-docs auditing/event-5156.md, event-5157.md):
 * {@code Direction} is {@code %%14592} for inbound (rendered {@code Inbound}); {@code
 * SourceAddress}/{@code SourcePort} are the LOCAL address and the port the application received
 * the connection on; {@code DestAddress} is the address the connection came from; {@code
 * Protocol} is the IANA number (6 = TCP). So an inbound rule matches the remote address in {@code
 * DestAddress} and the local port in {@code SourcePort}.
 *
 * <p>Sysmon event 3 (NetworkConnect; fields UtcTime, ProcessGuid, Image, Protocol, Initiated,
 * SourceIsIpv6, SourceIp, SourcePort, DestinationIsIpv6, DestinationIp, DestinationPort, as the
 * event's properties list them): {@code Initiated} is {@code false} for a connection the host
 * accepted; then {@code SourceIp} is the remote peer and {@code DestinationPort} the local port.
 * That side convention (source = the side that made the connection) follows the event's own field
 * descriptions as the OSSEM data dictionary lists them ("SourceIp: source ip address that made the
 * network connection", "DestinationHostname: name of the host that received the network
 * connection") and backends' mappings (pySigma's Carbon Black mapping of {@code Initiated:
 * 'false'} to local_port = DestinationPort, remote_ip = SourceIp). One third-party page says
 * Source is always the local side; no Microsoft page settles it: UNCONFIRMED, documented in
 * docs/targets/sigma.md with how to check.
 *
 * <p>Ports are written as Sigma lists of single values and, for a range, a map with the numeric
 * modifiers {@code |gte} and {@code |lte} (sigma-appendix-modifiers.md "Numeric Modifiers"); a
 * selection that is a list of maps ORs them. Addresses are {@code |cidr} lists (same appendix, "IP
 * Modifiers"), IPv4 then IPv6, from {@link AddressSet#toCidrs()}.
 */
public final class SigmaEmitter implements Emitter<SigmaInput> {
  static final String STATUS = "experimental";
  static final String REF_5156 =
      "https://learn.microsoft.com/en-us/windows/security/threat-protection/auditing/event-5156";
  static final String REF_5157 =
      "https://learn.microsoft.com/en-us/windows/security/threat-protection/auditing/event-5157";
  static final String REF_SYSMON = "https://learn.microsoft.com/en-us/sysinternals/downloads/sysmon";
  static final String REF_CAR = "https://car.mitre.org/analytics/CAR-2014-11-007/";
  static final String REF_KB = "https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/configure-rpc-dynamic-port-allocation-with-firewalls";
  /** Time between the endpoint mapper connection and the WMI one (DCOM activation then the call). */
  static final String WMI_TIMESPAN = "1m";

  @Override
  public TargetId target() {
    return TargetId.SIGMA;
  }

  @Override
  public void check(SigmaInput input, Diagnostics out) {
    DetectionPlan plan = DetectionPlan.of(input.map());
    Policy p = input.map().policy();
    if (plan.classes().isEmpty() && !plan.hasWmiRules()) {
      out.error(Codes.SIGMA_NOTHING, p.nameOrigin(),
          "the policy blocks nobody on TCP 135, the RPC dynamic range or the WMI port, and lets every"
              + " address manage WMI, so there is no Sigma rule to write",
          "block the sources that must not reach RPC or WMI (e.g. 'block any to endpoint-mapper')");
    } else if (plan.classes().isEmpty()) {
      out.warning(Codes.SIGMA_NO_VIOLATION, p.nameOrigin(),
          "the policy blocks nobody on TCP 135, the RPC dynamic range or the WMI port: no violation"
              + " or blocked-attempt rule is written, only the WMI-over-RPC rules",
          "block the sources that must not reach RPC or WMI (e.g. 'block any to endpoint-mapper')");
    }
  }

  @Override
  public List<EmittedFile> emit(SigmaInput input) {
    List<EmittedFile> files = new ArrayList<>();
    for (SigmaFile f : files(input)) {
      files.add(new EmittedFile(f.name(), f.text(), LineEnding.LF, StandardCharsets.UTF_8, false));
    }
    return files;
  }

  /** One rule file: its name, purpose (the id's input) and text. */
  record SigmaFile(String name, String purpose, String text) {}

  /** The kinds of rule, with the fields of their log source. */
  enum Kind {
    VIOLATION_SECURITY("violation-security"),
    VIOLATION_SYSMON("violation-sysmon"),
    BLOCKED_SECURITY("blocked-security"),
    WMI_EPM("wmi-epm"),
    WMI_PORT("wmi-port"),
    WMI_CORRELATION("wmi-over-rpc");

    final String purpose;

    Kind(String purpose) {
      this.purpose = purpose;
    }

    boolean sysmon() {
      return this == VIOLATION_SYSMON;
    }

    /** The local port field: 5156/5157 SourcePort, Sysmon (accepted) DestinationPort. */
    String portField() {
      return sysmon() ? "DestinationPort" : "SourcePort";
    }

    /** The remote address field: 5156/5157 DestAddress, Sysmon (accepted) SourceIp. */
    String remoteField() {
      return sysmon() ? "SourceIp" : "DestAddress";
    }
  }

  /** The files in their fixed order. */
  static List<SigmaFile> files(SigmaInput input) {
    DetectionPlan plan = DetectionPlan.of(input.map());
    List<SigmaFile> out = new ArrayList<>();
    for (DetectionPlan.ProfileClass c : plan.classes()) {
      for (Kind k : List.of(Kind.VIOLATION_SECURITY, Kind.VIOLATION_SYSMON, Kind.BLOCKED_SECURITY)) {
        out.add(blockRule(input, c, k));
      }
    }
    if (plan.hasWmiRules()) {
      out.add(wmiRule(input, plan, Kind.WMI_EPM));
      out.add(wmiRule(input, plan, Kind.WMI_PORT));
      out.add(wmiCorrelation(input));
    }
    return out;
  }

  static String fileName(SigmaInput input, String purpose) {
    return input.fileBase() + "-" + purpose + ".yml";
  }

  /** The name correlation rules refer to: {@code rpcwall_<slug>_<purpose>} in [a-z0-9_]. */
  static String ruleName(SigmaInput input, Kind kind) {
    return ("rpcwall_" + input.slug() + "_" + kind.purpose).replace('-', '_');
  }

  private static SigmaFile blockRule(SigmaInput input, DetectionPlan.ProfileClass c, Kind kind) {
    String purpose = kind.purpose + c.suffix();
    String policy = input.map().policy().name();
    String where = c.suffix().isEmpty() ? "" : " (firewall profile " + profiles(c) + ")";
    boolean wmi = input.map().policy().rpc().wmiFixedPort().isPresent();
    Yaml y = header(input, purpose);
    switch (kind) {
      case VIOLATION_SECURITY, VIOLATION_SYSMON -> {
        y.line("title: " + SigmaText.quoted("RPC/WMI connection accepted from a source policy "
            + SigmaText.titleName(policy)
            + " blocks" + where + (kind.sysmon() ? " (Sysmon)" : "")));
        y.line("id: " + SigmaText.ruleId(policy, purpose));
        y.line("status: " + STATUS);
        y.line("description: " + SigmaText.quoted("An inbound TCP connection to the endpoint mapper"
            + " (135), the RPC dynamic range or the WMI port was accepted from a remote address that"
            + " policy " + policy + where + " blocks on that port: the host's firewall does not"
            + " enforce the policy (drift, tampering, a rule added by hand)."));
      }
      default -> {
        y.line("title: " + SigmaText.quoted("RPC/WMI connection attempt blocked by policy "
            + SigmaText.titleName(policy)
            + where));
        y.line("id: " + SigmaText.ruleId(policy, purpose));
        y.line("status: " + STATUS);
        y.line("description: " + SigmaText.quoted("An inbound TCP connection to the endpoint mapper"
            + " (135), the RPC dynamic range or the WMI port from a remote address that policy "
            + policy + where + " blocks there was blocked: scanning or a lateral movement attempt."));
      }
    }
    y.line("references:");
    if (kind.sysmon()) {
      y.line("  - " + REF_SYSMON);
    } else {
      y.line("  - " + (kind == Kind.BLOCKED_SECURITY ? REF_5157 : REF_5156));
    }
    y.line("  - " + REF_KB);
    author(y, input);
    y.line("tags:");
    y.line("  - attack.lateral-movement");
    y.line("  - attack.t1021.003");
    if (wmi) {
      y.line("  - attack.execution");
      y.line("  - attack.t1047");
    }
    logsource(y, kind);
    y.line("detection:");
    base(y, kind == Kind.BLOCKED_SECURITY ? "blocked" : "accepted", kind);
    StringBuilder cond = new StringBuilder();
    for (int i = 0; i < c.groups().size(); i++) {
      DetectionPlan.Group g = c.groups().get(i);
      ports(y, "ports_" + (i + 1), kind.portField(), g.ports());
      String remotes = remotes(y, "remotes_" + (i + 1), "allowed_" + (i + 1), kind.remoteField(),
          g.remotes());
      cond.append(i == 0 ? "" : " or ").append("(ports_").append(i + 1).append(" and ")
          .append(remotes).append(')');
    }
    String baseName = kind == Kind.BLOCKED_SECURITY ? "blocked" : "accepted";
    y.line("  condition: " + baseName + " and "
        + (c.groups().size() == 1 ? cond.toString() : "(" + cond + ")"));
    y.line("falsepositives:");
    if (kind == Kind.BLOCKED_SECURITY) {
      y.line("  - Hosts that try every address of a subnet (inventory and vulnerability scanners)");
      y.line("  - Clients still configured for a server that moved behind the policy");
    } else {
      y.line("  - A host where the policy is not (yet) applied, or another firewall profile is active"
          + " than the rule assumes");
      y.line("  - Address translation or a proxy that hides the real source address");
    }
    y.line("level: " + (kind == Kind.BLOCKED_SECURITY ? "low" : "high"));
    return new SigmaFile(fileName(input, purpose), purpose, y.text());
  }

  private static SigmaFile wmiRule(SigmaInput input, DetectionPlan plan, Kind kind) {
    String purpose = kind.purpose;
    String policy = input.map().policy().name();
    boolean epm = kind == Kind.WMI_EPM;
    Yaml y = header(input, purpose);
    y.line("title: " + SigmaText.quoted((epm
        ? "Endpoint mapper connection from outside the WMI managers of policy "
        : "WMI port connection from outside the WMI managers of policy ") + SigmaText.titleName(policy)));
    y.line("id: " + SigmaText.ruleId(policy, purpose));
    y.line("name: " + ruleName(input, kind));
    y.line("status: " + STATUS);
    y.line("description: " + SigmaText.quoted((epm
        ? "First step of WMI over RPC: an inbound TCP connection to the endpoint mapper (135)"
        : "Second step of WMI over RPC: an inbound TCP connection to the WMI fixed port or the RPC"
            + " dynamic range")
        + " accepted from a remote address that policy " + policy + " does not allow to manage WMI."
        + " Meant for the correlation rule " + ruleName(input, Kind.WMI_CORRELATION) + "."));
    y.line("references:");
    y.line("  - " + REF_CAR);
    y.line("  - " + REF_5156);
    author(y, input);
    y.line("tags:");
    y.line("  - attack.execution");
    y.line("  - attack.t1047");
    logsource(y, kind);
    y.line("detection:");
    base(y, "accepted", kind);
    ports(y, "ports", kind.portField(), epm ? PortSet.of(DetectionPlan.ENDPOINT_MAPPER) : plan.wmiPorts());
    String outside = remotes(y, "outside_managers", "managers", kind.remoteField(), plan.wmiOutside());
    y.line("  condition: accepted and ports and " + outside);
    y.line("falsepositives:");
    y.line("  - Any DCOM or RPC client outside the WMI managers; alone this rule is noisy, the"
        + " correlation rule is the alert");
    y.line("level: low");
    return new SigmaFile(fileName(input, purpose), purpose, y.text());
  }

  private static SigmaFile wmiCorrelation(SigmaInput input) {
    String purpose = Kind.WMI_CORRELATION.purpose;
    String policy = input.map().policy().name();
    Yaml y = header(input, purpose);
    y.line("title: " + SigmaText.quoted("WMI over RPC from outside the WMI managers of policy "
        + SigmaText.titleName(policy)));
    y.line("id: " + SigmaText.ruleId(policy, purpose));
    y.line("name: " + ruleName(input, Kind.WMI_CORRELATION));
    y.line("status: " + STATUS);
    y.line("description: " + SigmaText.quoted("A remote address outside the networks policy " + policy
        + " allows to manage WMI connected to the endpoint mapper (TCP 135) and then, within "
        + WMI_TIMESPAN + ", to the WMI port or the RPC dynamic range of the same host: remote WMI"
        + " (CAR-2014-11-007, adapted to the policy's ports and networks)."));
    y.line("references:");
    y.line("  - " + REF_CAR);
    y.line("  - " + REF_5156);
    author(y, input);
    y.line("tags:");
    y.line("  - attack.execution");
    y.line("  - attack.t1047");
    y.line("  - attack.lateral-movement");
    y.line("  - attack.t1021.003");
    y.line("correlation:");
    y.line("  type: temporal_ordered");
    y.line("  rules:");
    y.line("    - " + ruleName(input, Kind.WMI_EPM));
    y.line("    - " + ruleName(input, Kind.WMI_PORT));
    y.line("  group-by:");
    y.line("    - Computer");
    y.line("    - DestAddress");
    y.line("  timespan: " + WMI_TIMESPAN);
    y.line("falsepositives:");
    y.line("  - WMI or DCOM management from a host the policy does not list as a manager");
    y.line("level: high");
    return new SigmaFile(fileName(input, purpose), purpose, y.text());
  }

  private static Yaml header(SigmaInput input, String purpose) {
    Yaml y = new Yaml();
    y.line("# rpcwall " + input.toolVersion() + ", policy "
        + SigmaText.oneLine(input.map().policy().name()) + ", rule " + purpose);
    y.line("# source sha256 " + input.sourceSha256());
    y.line("# Generated from the policy's decision function; recompile instead of editing.");
    return y;
  }

  private static void author(Yaml y, SigmaInput input) {
    y.line("author: rpcwall " + input.toolVersion());
  }

  private static void logsource(Yaml y, Kind kind) {
    y.line("logsource:");
    y.line("  product: windows");
    y.line(kind.sysmon() ? "  category: network_connection" : "  service: security");
  }

  /** The selection every event must match: inbound, TCP, accepted (5156) or blocked (5157). */
  private static void base(Yaml y, String name, Kind kind) {
    y.line("  " + name + ":");
    if (kind.sysmon()) {
      y.line("    Initiated: 'false'");
      y.line("    Protocol: tcp");
      return;
    }
    y.line("    EventID: " + (kind == Kind.BLOCKED_SECURITY ? 5157 : 5156));
    y.line("    Direction:");
    y.line("      - '%%14592'");
    y.line("      - Inbound");
    y.line("    Protocol: 6");
  }

  /** Single ports as one list, each longer range as a {@code |gte}/{@code |lte} map; ORed. */
  private static void ports(Yaml y, String name, String field, PortSet ports) {
    List<Integer> singles = new ArrayList<>();
    List<PortRange> ranges = new ArrayList<>();
    for (PortRange r : ports.ranges()) {
      if (r.first() == r.last()) {
        singles.add(r.first());
      } else {
        ranges.add(r);
      }
    }
    y.line("  " + name + ":");
    if (!singles.isEmpty()) {
      y.line("    - " + field + ":");
      singles.forEach(p -> y.line("        - " + p));
    }
    for (PortRange r : ranges) {
      y.line("    - " + field + "|gte: " + r.first());
      y.line("      " + field + "|lte: " + r.last());
    }
  }

  /**
   * Writes the selection of {@code remotes} as the shorter of two CIDR lists: the set itself
   * ({@code name}), or its complement ({@code notName}, then the condition says {@code not
   * notName}; the complement is taken over both families, so a list of IPv4 blocks alone leaves
   * every IPv6 address in). Returns the condition fragment.
   */
  private static String remotes(Yaml y, String name, String notName, String field, AddressSet remotes) {
    List<Cidr> in = remotes.toCidrs();
    List<Cidr> out = remotes.complement().toCidrs();
    boolean negate = !out.isEmpty() && out.size() < in.size();
    y.line("  " + (negate ? notName : name) + ":");
    y.line("    " + field + "|cidr:");
    for (Cidr c : negate ? out : in) {
      y.line("      - '" + c + "'");
    }
    return negate ? "not " + notName : name;
  }

  private static String profiles(DetectionPlan.ProfileClass c) {
    StringBuilder b = new StringBuilder();
    for (var p : dev.rpcwall.compiler.semantics.Profile.values()) {
      if (c.profiles().contains(p)) {
        b.append(b.length() == 0 ? "" : ", ").append(p.keyword());
      }
    }
    return b.toString();
  }

  /** Lines joined with LF, ending with one. */
  static final class Yaml {
    private final StringBuilder b = new StringBuilder();

    void line(String s) {
      b.append(s).append('\n');
    }

    String text() {
      return b.toString();
    }
  }
}
