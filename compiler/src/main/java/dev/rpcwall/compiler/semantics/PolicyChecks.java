package dev.rpcwall.compiler.semantics;

import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Warnings found on the decision function (codes RW12xx): rules that never decide, RPC endpoint
 * mapper and dynamic range opened to different addresses, and a WMI fixed port no rule governs.
 */
public final class PolicyChecks {
  /** The RPC endpoint mapper (RPCSS) port. */
  public static final int ENDPOINT_MAPPER_PORT = 135;

  /** Above this many rules the covering rules of a shadowed rule are not named (quadratic). */
  private static final int NAME_COVERING_LIMIT = 2000;

  private static final int SHOWN_CIDRS = 4;

  private PolicyChecks() {}

  public static void check(DecisionMap map, Diagnostics out) {
    shadowedRules(map, out);
    rpcHalfOpen(map, out);
    wmiPortUngoverned(map, out);
    loopback(map, out);
  }

  /**
   * RW1204: a rule that names loopback addresses (127.0.0.0/8, ::1) without covering its whole
   * address family. Windows Firewall does not filter loopback traffic (AddressLimits.LOOPBACK, KB
   * 2771908), so that part of the rule has no effect; the lowering leaves it out.
   */
  private static void loopback(DecisionMap map, Diagnostics out) {
    for (Rule rule : map.policy().rules()) {
      AddressSet named = rule.addresses();
      if (!named.intersects(AddressLimits.LOOPBACK)) {
        continue;
      }
      for (IpFamily family : IpFamily.values()) {
        AddressSet part = named.only(family);
        if (part.intersects(AddressLimits.LOOPBACK) && !part.containsAll(AddressSet.all(family))) {
          out.warning(
              Codes.LOOPBACK_UNFILTERED,
              rule.origin(),
              "rule names loopback addresses (" + part.intersect(AddressLimits.LOOPBACK)
                  + "): Windows Firewall does not filter loopback traffic, so that part has no"
                  + " effect",
              "remove the loopback addresses from the rule; local traffic cannot be restricted"
                  + " with firewall rules");
          break;
        }
      }
    }
  }

  /** RW1201: a rule that decides no packet. */
  private static void shadowedRules(DecisionMap map, Diagnostics out) {
    List<Rule> rules = map.policy().rules();
    BitSet deciding = map.decidingRules();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      if (deciding.get(rule.index())) {
        continue;
      }
      if (matchesNothing(rule)) {
        out.warning(
            Codes.SHADOWED_RULE,
            rule.origin(),
            "rule never matches: " + emptyPart(rule),
            "remove the rule, or give it addresses, ports and profiles");
        continue;
      }
      List<Rule> covering = rules.size() <= NAME_COVERING_LIMIT ? covering(rules, i) : List.of();
      String by =
          covering.isEmpty()
              ? "earlier rules"
              : covering.stream().limit(3).map(PolicyChecks::describe).collect(Collectors.joining(", "))
                  + (covering.size() > 3 ? " and " + (covering.size() - 3) + " more" : "");
      out.warning(
          Codes.SHADOWED_RULE,
          rule.origin(),
          "rule never matches: every packet it names is decided earlier, by " + by,
          "remove it, or move it above the rules that cover it");
    }
  }

  private static boolean matchesNothing(Rule rule) {
    return rule.addresses().isEmpty()
        || rule.profiles().isEmpty()
        || (rule.tcp().isEmpty() && rule.udp().isEmpty());
  }

  private static String emptyPart(Rule rule) {
    if (rule.addresses().isEmpty()) {
      return "its networks contain no address";
    }
    if (rule.profiles().isEmpty()) {
      return "it applies in no profile";
    }
    return "it names no port";
  }

  /** Earlier rules sharing at least one packet with {@code rules.get(index)}. */
  private static List<Rule> covering(List<Rule> rules, int index) {
    Rule rule = rules.get(index);
    List<Rule> out = new ArrayList<>();
    for (int j = 0; j < index; j++) {
      Rule e = rules.get(j);
      boolean profiles = e.profiles().stream().anyMatch(rule.profiles()::contains);
      boolean ports = e.tcp().intersects(rule.tcp()) || e.udp().intersects(rule.udp());
      if (profiles && ports && e.addresses().intersects(rule.addresses())) {
        out.add(e);
      }
    }
    return out;
  }

  private static String describe(Rule rule) {
    return rule.origin().isKnown()
        ? "the rule at line " + rule.origin().line()
        : "rule #" + (rule.index() + 1);
  }

  /**
   * RW1202: RPC clients first ask the endpoint mapper on TCP 135, then connect to the port it hands
   * out from the dynamic range (windows-semantics.md 6.2 rule 1, 6.3 rule 3). Addresses that reach
   * one but not the other connect and then hang. Checked per profile, only when a dynamic range is
   * configured: without one the range is the OS ephemeral range, which the policy does not state
   * (6.2 rule 7, UNCONFIRMED for Vista+), so there is nothing safe to compare with.
   */
  private static void rpcHalfOpen(DecisionMap map, Diagnostics out) {
    RpcSettings rpc = map.policy().rpc();
    if (rpc.dynamicPorts().isEmpty() || rpc.dynamicPorts().get().isEmpty()) {
      return;
    }
    PortSet dynamic = rpc.dynamicPorts().get();
    // finding -> profiles, so one diagnostic covers every profile with the same problem
    Map<Finding, Set<Profile>> findings = new LinkedHashMap<>();
    // Slices share region lists (DecisionMap); each list's allowed set is computed once.
    Map<List<AddressRegion>, AddressSet> allowedSets = new IdentityHashMap<>();
    for (Profile profile : Profile.values()) {
      PortSlice epm = map.sliceOf(profile, Protocol.TCP, ENDPOINT_MAPPER_PORT);
      AddressSet toEpm = allowedSets.computeIfAbsent(epm.regions(), r -> epm.allowed());
      AddressSet toAllDynamic = AddressSet.all();
      AddressSet toSomeDynamic = AddressSet.empty();
      List<PortSlice> dynamicSlices = new ArrayList<>();
      for (PortSlice s : map.slices(profile, Protocol.TCP)) {
        if (dynamic.intersects(PortSet.of(s.ports()))) {
          dynamicSlices.add(s);
          AddressSet allowed = allowedSets.computeIfAbsent(s.regions(), r -> s.allowed());
          toAllDynamic = toAllDynamic.intersect(allowed);
          toSomeDynamic = toSomeDynamic.union(allowed);
        }
      }
      AddressSet onlyEpm = toEpm.minus(toAllDynamic);
      if (!onlyEpm.isEmpty()) {
        for (Map.Entry<Optional<Rule>, AddressSet> e : byAllowingRule(List.of(epm), onlyEpm).entrySet()) {
          findings.computeIfAbsent(new Finding(true, e.getKey(), e.getValue()), f -> EnumSet.noneOf(Profile.class)).add(profile);
        }
      }
      AddressSet onlyDynamic = toSomeDynamic.minus(toEpm);
      if (!onlyDynamic.isEmpty()) {
        for (Map.Entry<Optional<Rule>, AddressSet> e : byAllowingRule(dynamicSlices, onlyDynamic).entrySet()) {
          findings.computeIfAbsent(new Finding(false, e.getKey(), e.getValue()), f -> EnumSet.noneOf(Profile.class)).add(profile);
        }
      }
    }
    for (Map.Entry<Finding, Set<Profile>> e : findings.entrySet()) {
      Finding f = e.getKey();
      SourceSpan at =
          f.rule().map(Rule::origin).orElse(
              map.policy().defaultOrigin().isKnown() ? map.policy().defaultOrigin() : rpc.dynamicOrigin());
      String who = cidrs(f.addresses());
      String profiles = e.getValue().stream().map(Profile::keyword).collect(Collectors.joining(", "));
      String message =
          f.epmOnly()
              ? who + " may reach the endpoint mapper (tcp 135) but not all RPC dynamic ports "
                  + dynamic + " (profile " + profiles + "): RPC clients there connect, then hang"
              : who + " may reach RPC dynamic ports " + dynamic + " but not the endpoint mapper (tcp 135)"
                  + " (profile " + profiles + "): RPC clients there cannot find the port to connect to";
      out.warning(
          Codes.RPC_HALF_OPEN,
          at,
          message,
          "allow the same networks to both endpoint-mapper and rpc-dynamic");
    }
  }

  private record Finding(boolean epmOnly, Optional<Rule> rule, AddressSet addresses) {}

  /** The addresses of {@code subset} allowed in {@code slices}, grouped by the rule that allows them. */
  private static Map<Optional<Rule>, AddressSet> byAllowingRule(List<PortSlice> slices, AddressSet subset) {
    Map<Optional<Rule>, List<IpRange>> ranges = new LinkedHashMap<>();
    for (PortSlice s : slices) {
      for (AddressRegion r : s.regions()) {
        if (r.decision() == Decision.ALLOW) {
          ranges.computeIfAbsent(r.rule(), k -> new ArrayList<>()).add(r.range());
        }
      }
    }
    Map<Optional<Rule>, AddressSet> out = new LinkedHashMap<>();
    ranges.entrySet().stream()
        .sorted((a, b) -> Integer.compare(a.getKey().map(Rule::index).orElse(-1), b.getKey().map(Rule::index).orElse(-1)))
        .forEach(
            e -> {
              AddressSet hit = AddressSet.of(e.getValue()).intersect(subset);
              if (!hit.isEmpty()) {
                out.put(e.getKey(), hit);
              }
            });
    return out;
  }

  /** A few CIDRs of {@code set}, then how many more. */
  private static String cidrs(AddressSet set) {
    List<Cidr> all = set.toCidrs();
    String shown = all.stream().limit(SHOWN_CIDRS).map(Cidr::toString).collect(Collectors.joining(", "));
    return all.size() > SHOWN_CIDRS ? shown + " and " + (all.size() - SHOWN_CIDRS) + " more blocks" : shown;
  }

  /**
   * RW1203: {@code winmgmt -standalonehost} moves WMI to its fixed port (windows-semantics.md 6.3
   * rule 1); if no rule names that port, the policy leaves WMI to whatever else is on the host.
   */
  private static void wmiPortUngoverned(DecisionMap map, Diagnostics out) {
    Policy policy = map.policy();
    if (policy.rpc().wmiFixedPort().isEmpty()) {
      return;
    }
    int port = policy.rpc().wmiFixedPort().getAsInt();
    if (!map.managedPorts(Protocol.TCP).contains(port)) {
      out.warning(
          Codes.WMI_PORT_UNGOVERNED,
          policy.rpc().wmiOrigin(),
          "WMI fixed port " + port + " is configured but no rule governs tcp " + port,
          "allow the management networks to wmi, or block any to tcp " + port);
    }
  }
}
