package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.compiler.lint.HostModel.Cause;
import dev.rpcwall.compiler.lint.HostModel.Reach;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.HostCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of what reaches the host (rpc-exposed, epm-without-dynamic, dynamic-without-epm,
 * mgmt-exposed, ipv6-open, lateral-movement) and of single rules (rpc-keyword-unscoped,
 * wrong-port-side). Exposure findings are grouped by what decides: one finding per Allow rule (or
 * profile default, or firewall off), its evidence one line per profile, protocol, ports and
 * addresses.
 */
final class ExposureChecks {
  private ExposureChecks() {}

  static final PortSet EPM = PortSet.of(135);

  /** Server ports an inbound rule names as its local port (wrong-port-side). */
  static final PortSet SERVER_PORTS = RpcConfig.STATIC_PORTS;

  /** Evidence lines kept per finding; the rest are counted. */
  private static final int MAX_EVIDENCE = 24;

  static void run(HostModel m, Roles roles, List<Finding> out) {
    rpcExposed(m, out);
    rpcPairing(m, out);
    mgmtExposed(m, out);
    ipv6Open(m, out);
    if (roles.workstations().isPresent()) {
      lateral(m, roles.workstations().get(), out);
    }
    keywordUnscoped(m, out);
    wrongPortSide(m, out);
  }

  // --- rpc-exposed -------------------------------------------------------------------------

  static void rpcExposed(HostModel m, List<Finding> out) {
    String from = m.internetAssumed ? "the Internet (every address outside the private and"
        + " special ranges)" : "the Internet (the roles file's internet)";
    List<Reach> epm = new ArrayList<>();
    List<Reach> dyn = new ArrayList<>();
    for (Profile p : Profile.values()) {
      epm.addAll(m.reach(p, Protocol.TCP, EPM, m.internet));
      dyn.addAll(m.reach(p, Protocol.TCP, m.rpc.dynamic, m.internet));
    }
    report(m, LintCatalog.EPM_EXPOSED, epm, "the RPC endpoint mapper (tcp/135) is reachable from "
        + "the Internet", List.of(new Evidence("Internet: " + from, SourceSpan.UNKNOWN)), out);
    report(m, LintCatalog.DYNAMIC_EXPOSED, dyn,
        "the RPC dynamic range (tcp/" + m.rpc.dynamic + ") is reachable from the Internet",
        List.of(rangeEvidence(m), new Evidence("Internet: " + from, SourceSpan.UNKNOWN)), out);
  }

  static Evidence rangeEvidence(HostModel m) {
    return new Evidence("RPC dynamic range: " + m.rpc.description, m.rpc.origin);
  }

  // --- epm-without-dynamic, dynamic-without-epm ----------------------------------------------

  static void rpcPairing(HostModel m, List<Finding> out) {
    PortSet dynamic = m.rpc.dynamic;
    PortSet serverPorts = dynamic;
    if (m.rpc.wmiFixedPort.isPresent()) {
      serverPorts = serverPorts.union(PortSet.of(m.rpc.wmiFixedPort.get()));
    }
    List<Reach> epmOnly = new ArrayList<>();
    List<Reach> dynOnly = new ArrayList<>();
    for (Profile p : Profile.values()) {
      AddressSet e135 = union(m.reach(p, Protocol.TCP, EPM, HostModel.everyone()));
      List<Reach> dynReach = m.reach(p, Protocol.TCP, serverPorts, HostModel.everyone());
      AddressSet anyDynamic = union(dynReach);
      AddressSet missing = e135.minus(anyDynamic);
      if (!missing.isEmpty()) {
        epmOnly.addAll(m.reach(p, Protocol.TCP, EPM, missing));
      }
      AddressSet whole = everyPort(m.reach(p, Protocol.TCP, dynamic, HostModel.everyone()), dynamic);
      AddressSet noEpm = whole.minus(e135);
      if (!noEpm.isEmpty()) {
        dynOnly.addAll(m.reach(p, Protocol.TCP, dynamic, noEpm));
      }
    }
    List<Evidence> ctx = new ArrayList<>();
    ctx.add(rangeEvidence(m));
    if (m.rpc.wmiFixedPort.isPresent()) {
      ctx.add(new Evidence("WMI fixed port tcp/" + m.rpc.wmiFixedPort.get(), m.rpc.wmiOrigin));
    }
    report(m, LintCatalog.EPM_WITHOUT_DYNAMIC, epmOnly,
        "tcp/135 is open to addresses that reach no RPC dynamic port", ctx, out);
    report(m, LintCatalog.DYNAMIC_WITHOUT_EPM, dynOnly,
        "the RPC dynamic range is open to addresses that cannot reach tcp/135 (RPC clients hang)",
        List.of(rangeEvidence(m)), out);
  }

  /** The addresses that reach every port of {@code ports}, from reaches over those ports. */
  static AddressSet everyPort(List<Reach> reaches, PortSet ports) {
    TreeSet<Integer> cuts = new TreeSet<>();
    for (PortRange r : ports.ranges()) {
      cuts.add(r.first());
    }
    for (Reach r : reaches) {
      cuts.add(r.ports().first());
      if (r.ports().last() < PortRange.MAX_PORT) {
        cuts.add(r.ports().last() + 1);
      }
    }
    AddressSet all = null;
    for (int cut : cuts) {
      if (!ports.contains(cut)) {
        continue;
      }
      List<AddressSet> here = new ArrayList<>();
      for (Reach r : reaches) {
        if (r.ports().contains(cut)) {
          here.add(r.addresses());
        }
      }
      AddressSet u = AddressSet.union(here);
      all = all == null ? u : all.intersect(u);
      if (all.isEmpty()) {
        return all;
      }
    }
    return all == null ? AddressSet.empty() : all;
  }

  static AddressSet union(List<Reach> reaches) {
    List<AddressSet> sets = new ArrayList<>();
    for (Reach r : reaches) {
      sets.add(r.addresses());
    }
    return AddressSet.union(sets);
  }

  // --- mgmt-exposed ----------------------------------------------------------------------------

  private record Service(String name, Protocol protocol, PortSet ports) {}

  static void mgmtExposed(HostModel m, List<Finding> out) {
    // From the Internet in any profile: an error. In the Public profile from the other addresses
    // (a scoped admin subnet on a network the host does not trust): a warning of its own, so a
    // policy that allows its admin subnet in every profile still lints without errors.
    mgmtExposed(m, LintCatalog.MGMT_EXPOSED, p -> m.internet, "from the Internet", out);
    mgmtExposed(
        m,
        LintCatalog.MGMT_PUBLIC,
        p -> p == Profile.PUBLIC ? m.internet.complement() : AddressSet.empty(),
        "in the public profile",
        out);
  }

  private static void mgmtExposed(
      HostModel m,
      LintRule rule,
      java.util.function.Function<Profile, AddressSet> mgmtSource,
      String where,
      List<Finding> out) {
    List<Service> services =
        List.of(
            new Service("RDP", Protocol.TCP, PortSet.of(3389)),
            new Service("RDP", Protocol.UDP, PortSet.of(3389)),
            new Service("WinRM", Protocol.TCP, PortSet.of(5985, 5986)),
            new Service("SMB", Protocol.TCP, PortSet.of(445).union(PortSet.of(139))));
    for (Service s : services) {
      List<Reach> reaches = new ArrayList<>();
      for (Profile p : Profile.values()) {
        AddressSet source = mgmtSource.apply(p);
        if (!source.isEmpty()) {
          reaches.addAll(m.reach(p, s.protocol(), s.ports(), source));
        }
      }
      report(m, rule, reaches,
          s.name() + " (" + s.protocol().keyword() + "/" + s.ports() + ") is open " + where,
          List.of(), out);
    }
    // WMI: DCOM activation on 135 and then WMI's own port: the fixed port, or the dynamic range
    // (windows-semantics.md 6.3 rule 3).
    PortSet wmiPorts = m.rpc.wmiFixedPort.map(PortSet::of).orElse(m.rpc.dynamic);
    List<Reach> wmi = new ArrayList<>();
    for (Profile p : Profile.values()) {
      AddressSet source = mgmtSource.apply(p);
      if (source.isEmpty()) {
        continue;
      }
      AddressSet both =
          union(m.reach(p, Protocol.TCP, EPM, source))
              .intersect(union(m.reach(p, Protocol.TCP, wmiPorts, source)));
      if (!both.isEmpty()) {
        wmi.addAll(m.reach(p, Protocol.TCP, EPM.union(wmiPorts), both));
      }
    }
    report(m, rule, wmi,
        "WMI (tcp/135 and tcp/" + wmiPorts + ") is open " + where,
        List.of(m.rpc.wmiFixedPort.isPresent()
            ? new Evidence("WMI fixed port tcp/" + m.rpc.wmiFixedPort.get(), m.rpc.wmiOrigin)
            : rangeEvidence(m)), out);
  }

  // --- ipv6-open -------------------------------------------------------------------------------

  static void ipv6Open(HostModel m, List<Finding> out) {
    AddressSet v6 = AddressSet.all(IpFamily.IPV6);
    // What reaches each profile and protocol from IPv6, once; each rule then looks at its ports.
    Map<String, List<Reach>> fromV6 = new LinkedHashMap<>();
    Map<String, PortIndex> indexes = new LinkedHashMap<>();
    for (WfasRule r : m.host.rules()) {
      if (!r.enabled() || r.direction() != Direction.IN || r.action() != RuleAction.ALLOW
          || r.remoteAddresses().any() || !r.remoteAddresses().keywords().isEmpty()
          || r.remoteAddresses().addresses().isEmpty()
          || !r.remoteAddresses().addresses().only(IpFamily.IPV6).isEmpty()) {
        continue;
      }
      List<Reach> reaches = new ArrayList<>();
      for (Profile p : Profile.values()) {
        if (!m.enforcedIn(r, p)) {
          continue;
        }
        for (Protocol t : Protocol.values()) {
          Footprint f = m.footprint(r, t, HostCondition.ASSUME_MATCH);
          if (f == null) {
            continue;
          }
          List<Reach> all = fromV6.computeIfAbsent(p + "/" + t,
              k -> m.reach(p, t, PortSet.all(), v6));
          PortIndex index = indexes.computeIfAbsent(p + "/" + t, k -> {
            List<PortSet> ports = new ArrayList<>();
            for (Reach x : all) {
              ports.add(PortSet.of(x.ports()));
            }
            return new PortIndex(ports);
          });
          for (int i : index.overlapping(f.ports())) {
            Reach x = all.get(i);
            PortSet overlap = f.ports().intersect(PortSet.of(x.ports()));
            for (PortRange pr : overlap.ranges()) {
              reaches.add(new Reach(x.profile(), x.protocol(), pr, x.addresses(), x.cause(),
                  x.certain(), x.dependsOn()));
            }
          }
        }
      }
      if (reaches.isEmpty()) {
        continue;
      }
      List<Evidence> ev = new ArrayList<>();
      ev.add(new Evidence(HostModel.describe(r) + " allows only IPv4 "
          + AddressText.of(r.remoteAddresses().addresses(), m.internet), r.origin()));
      ev.addAll(lines(m, reaches));
      boolean certain = reaches.stream().anyMatch(Reach::certain);
      out.add(LintCatalog.IPV6_OPEN.finding(r.origin(),
          HostModel.describe(r) + " is scoped to IPv4 but its ports are open to IPv6"
              + (certain ? "" : " (depends on the host)"), cap(ev)));
    }
  }

  // --- lateral-movement ------------------------------------------------------------------------

  static void lateral(HostModel m, AddressSet workstations, List<Finding> out) {
    PortSet rpcPorts = EPM.union(m.rpc.dynamic);
    if (m.rpc.wmiFixedPort.isPresent()) {
      rpcPorts = rpcPorts.union(PortSet.of(m.rpc.wmiFixedPort.get()));
    }
    PortSet smb = PortSet.of(445).union(PortSet.of(139));
    List<Reach> rpc = new ArrayList<>();
    List<Reach> smbReach = new ArrayList<>();
    for (Profile p : Profile.values()) {
      rpc.addAll(m.reach(p, Protocol.TCP, rpcPorts, workstations));
      smbReach.addAll(m.reach(p, Protocol.TCP, smb, workstations));
    }
    List<Evidence> ctx = List.of(new Evidence("workstations: "
        + AddressText.of(workstations, m.internet), SourceSpan.UNKNOWN), rangeEvidence(m));
    report(m, LintCatalog.LATERAL_MOVEMENT, rpc,
        "WMI/RPC (tcp/" + rpcPorts + ") is reachable from the workstation subnets", ctx, out);
    report(m, LintCatalog.LATERAL_MOVEMENT, smbReach,
        "SMB (tcp/445,139) is reachable from the workstation subnets", ctx, out);
  }

  // --- rpc-keyword-unscoped --------------------------------------------------------------------

  static void keywordUnscoped(HostModel m, List<Finding> out) {
    for (WfasRule r : m.host.rules()) {
      if (!r.enabled() || r.direction() != Direction.IN || r.action() != RuleAction.ALLOW) {
        continue;
      }
      Set<PortKeyword> kws = r.localPorts().keywords();
      boolean rpc = kws.contains(PortKeyword.RPC);
      boolean epm = kws.contains(PortKeyword.RPC_EPMAP);
      if ((!rpc && !epm) || r.program().isPresent() || r.service().isPresent()) {
        continue;
      }
      String kw = rpc && epm ? "RPC and RPC-EPMap" : rpc ? "RPC" : "RPC-EPMap";
      List<Evidence> ev = new ArrayList<>();
      ev.add(new Evidence(HostModel.describe(r) + " has localport " + kw
          + " and no program or service condition", r.origin()));
      if (rpc) {
        ev.add(new Evidence("RPC without a program opens every dynamically assigned RPC port"
            + " (windows-semantics.md 2.4 rules 2 and 5): " + m.rpc.description, m.rpc.origin));
      }
      if (!r.otherConditions().isEmpty()) {
        ev.add(new Evidence("the input leaves out some conditions ("
            + String.join(", ", r.otherConditions()) + "): depends on the host", r.origin()));
      }
      out.add(LintCatalog.KEYWORD_UNSCOPED.finding(r.origin(),
          HostModel.describe(r) + " uses the " + kw + " keyword without a program or service",
          ev));
    }
  }

  // --- wrong-port-side -------------------------------------------------------------------------

  static void wrongPortSide(HostModel m, List<Finding> out) {
    for (WfasRule r : m.host.rules()) {
      if (r.protocol() != Protocol.TCP.number() && r.protocol() != Protocol.UDP.number()
          && r.protocol() != WfasRule.ANY_PROTOCOL) {
        continue;
      }
      boolean in = r.direction() == Direction.IN;
      var wrong = in ? r.remotePorts() : r.localPorts();
      var right = in ? r.localPorts() : r.remotePorts();
      if (wrong.any()) {
        continue;
      }
      PortSet named = wrong.ports().intersect(SERVER_PORTS);
      if (m.rpc.wmiFixedPort.isPresent() && wrong.ports().contains(m.rpc.wmiFixedPort.get())) {
        named = named.union(PortSet.of(m.rpc.wmiFixedPort.get()));
      }
      if (named.isEmpty() || (!right.any() && right.ports().containsAll(named))) {
        continue;
      }
      String side = in ? "remoteport" : "localport";
      String should = in ? "localport" : "remoteport";
      out.add(LintCatalog.WRONG_PORT_SIDE.finding(r.origin(),
          HostModel.describe(r) + " (" + (in ? "inbound" : "outbound") + ") restricts " + side
              + " " + named + ", a server port",
          List.of(new Evidence(HostModel.describe(r) + ": " + side + "=" + wrong.ports()
              + ", " + should + "=" + (right.any() ? "any" : right.ports().toString()),
              r.origin()),
              new Evidence(in
                  ? "the remote port of inbound traffic is the client's, chosen at random: the"
                      + " rule matches almost nothing it was meant for, or the wrong traffic"
                  : "the local port of outbound traffic is this host's random client port",
                  SourceSpan.UNKNOWN)),
          "write " + should + "=" + named + " instead of " + side + "=" + named));
    }
  }

  // --- reporting -------------------------------------------------------------------------------

  /** Identity of a rule as a grouping key (two identical rules are two findings). */
  private record Key(Object kind, int rule, Profile profile) {}

  /** One finding per cause, evidence per reach, in the order causes were first met. */
  static void report(
      HostModel m,
      LintRule rule,
      List<Reach> reaches,
      String message,
      List<Evidence> context,
      List<Finding> out) {
    Map<Key, List<Reach>> byCause = new LinkedHashMap<>();
    for (Reach r : reaches) {
      Cause c = r.cause();
      Key key = c.kind() == Cause.Kind.RULE
          ? new Key(c.kind(), m.position(c.rule()), null)
          : new Key(c.kind(), -1, c.profile());
      byCause.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    for (List<Reach> group : byCause.values()) {
      Cause c = group.get(0).cause();
      boolean certain = group.stream().anyMatch(Reach::certain);
      Set<String> profiles = new LinkedHashSet<>();
      for (Reach r : group) {
        profiles.add(r.profile().keyword());
      }
      String who = c.kind() == Cause.Kind.RULE ? HostModel.describe(c.rule()) : c.text();
      List<Evidence> ev = new ArrayList<>(lines(m, group));
      ev.addAll(context);
      out.add(rule.finding(c.at(),
          message + " in " + String.join(", ", profiles) + ": " + (c.kind() == Cause.Kind.RULE
              ? "allowed by " : "because of ") + who + (certain ? "" : " (depends on the host)"),
          cap(ev)));
    }
  }

  static List<Evidence> lines(HostModel m, List<Reach> reaches) {
    List<Evidence> ev = new ArrayList<>();
    for (Reach r : reaches) {
      ev.add(new Evidence(
          r.profile().keyword() + ": " + r.protocol().keyword() + "/" + r.ports() + " from "
              + AddressText.of(r.addresses(), m.internet) + ", allowed by " + r.cause().text()
              + (r.certain() ? "" : "; depends on the host: " + r.dependsOn()),
          r.cause().at()));
    }
    return ev;
  }

  static List<Evidence> cap(List<Evidence> ev) {
    if (ev.size() <= MAX_EVIDENCE) {
      return ev;
    }
    List<Evidence> out = new ArrayList<>(ev.subList(0, MAX_EVIDENCE - 1));
    out.add(new Evidence("... and " + (ev.size() - MAX_EVIDENCE + 1) + " more", SourceSpan.UNKNOWN));
    return out;
  }

  /** Whether {@code ranges} is empty ignoring loopback. */
  static boolean none(AddressSet s) {
    return s.minus(AddressLimits.LOOPBACK).isEmpty();
  }

  static List<IpRange> ranges(AddressSet s) {
    return s.ranges();
  }
}
