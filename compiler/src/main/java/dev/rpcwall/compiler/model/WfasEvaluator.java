package dev.rpcwall.compiler.model;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Windows Firewall's inbound decision over a rule set and the rules already on the host
 * (windows-semantics.md section 2.1): an enabled matching Block rule blocks; else an enabled
 * matching Allow rule allows; else the profile's default inbound action. Loopback traffic
 * ({@link AddressLimits#LOOPBACK}) is not filtered: no rule matches it and it is allowed. Rules are unordered in
 * meaning; list order only picks which rule is reported as deciding.
 *
 * <p>Authenticated bypass rules (section 2.1 rules 3 and 4) only apply to IPsec-authenticated
 * traffic from an authorized remote computer. The decision function is about unauthenticated
 * traffic, so a bypass rule never decides here; the compiler never emits one.
 *
 * <p>Point evaluation ({@link #decide}) and region evaluation ({@link #slices}) share the same
 * resolved rules; regions are computed from the rules' port and address boundaries, never by
 * enumerating ports or addresses. An evaluator caches what it resolved and is not thread-safe.
 */
public final class WfasEvaluator {
  /** RPC-EPMap is the endpoint mapper, TCP 135 (windows-semantics.md 2.4 rule 1, MS-FASP 2.2.14). */
  private static final int EPMAP_PORT = 135;

  private final List<WfasRule> rules;
  private final EvaluationOptions options;
  private Boolean hostDependent;
  private final Map<Key, List<Resolved>> resolved = new HashMap<>();
  /** Unions of rules' remote sets, keyed by reading and rule positions; shared by all profiles. */
  private final Map<UnionKey, AddressSet> unions = new HashMap<>();

  private WfasEvaluator(List<WfasRule> rules, EvaluationOptions options) {
    this.rules = List.copyOf(rules);
    this.options = requireNonNull(options, "options");
  }

  /** Our rules alone, on a host with no other rules and default inbound Block. */
  public static WfasEvaluator of(WfasRuleSet ruleSet) {
    return of(ruleSet, List.of(), EvaluationOptions.defaults());
  }

  /** Our rules together with {@code hostRules}, the rules already on the host. */
  public static WfasEvaluator of(
      WfasRuleSet ruleSet, List<WfasRule> hostRules, EvaluationOptions options) {
    List<WfasRule> all = new ArrayList<>(ruleSet.rules());
    all.addAll(hostRules);
    return new WfasEvaluator(all, options);
  }

  public EvaluationOptions options() {
    return options;
  }

  /** Every rule considered, ours first, then the host's. */
  public List<WfasRule> rules() {
    return rules;
  }

  /** The decision on one inbound packet to local {@code port} from remote {@code address}. */
  public WfasVerdict decide(Profile profile, Protocol protocol, int port, Ip address) {
    if (!PortRange.ALL.contains(port)) {
      throw new IllegalArgumentException("bad port " + port);
    }
    if (AddressLimits.LOOPBACK.contains(address)) {
      // Not filtered (AddressLimits.LOOPBACK): passed, whatever the rules and the default say.
      return new WfasVerdict(Decision.ALLOW, Optional.empty(), false);
    }
    Verdict chosen = decide(profile, protocol, port, address, options.unresolved());
    if (!hasHostDependentRules()) {
      return new WfasVerdict(chosen.decision, chosen.rule, false);
    }
    HostCondition other =
        options.unresolved() == HostCondition.ASSUME_MATCH
            ? HostCondition.ASSUME_NO_MATCH
            : HostCondition.ASSUME_MATCH;
    Verdict alternative = decide(profile, protocol, port, address, other);
    return new WfasVerdict(
        chosen.decision, chosen.rule, chosen.decision != alternative.decision);
  }

  /**
   * The evaluation for one profile and protocol as port slices covering 0-65535 in ascending
   * order; adjacent slices always differ. Reads unresolved conditions as the options say.
   */
  public List<WfasSlice> slices(Profile profile, Protocol protocol) {
    List<Resolved> active = resolve(profile, protocol, options.unresolved());
    Decision fallback = fallback(profile);
    // Sweep over port boundaries: at each boundary some rule starts or stops applying.
    TreeMap<Integer, List<int[]>> events = new TreeMap<>();
    events.put(0, new ArrayList<>());
    for (int i = 0; i < active.size(); i++) {
      for (PortRange r : active.get(i).ports.ranges()) {
        events.computeIfAbsent(r.first(), k -> new ArrayList<>()).add(new int[] {i, 1});
        if (r.last() < PortRange.MAX_PORT) {
          events.computeIfAbsent(r.last() + 1, k -> new ArrayList<>()).add(new int[] {i, 0});
        }
      }
    }
    BitSet blocks = new BitSet();
    BitSet allows = new BitSet();
    List<WfasSlice> out = new ArrayList<>();
    List<Integer> starts = new ArrayList<>(events.keySet());
    for (int s = 0; s < starts.size(); s++) {
      for (int[] e : events.get(starts.get(s))) {
        BitSet target = active.get(e[0]).action == RuleAction.BLOCK ? blocks : allows;
        target.set(e[0], e[1] == 1);
      }
      int first = starts.get(s);
      int last = s + 1 < starts.size() ? starts.get(s + 1) - 1 : PortRange.MAX_PORT;
      AddressSet blocked = union(active, blocks, options.unresolved());
      AddressSet allowed = union(active, allows, options.unresolved());
      WfasSlice previous = out.isEmpty() ? null : out.get(out.size() - 1);
      if (previous != null
          && previous.blockRules().equals(blocked)
          && previous.allowRules().equals(allowed)) {
        out.set(
            out.size() - 1,
            new WfasSlice(
                PortRange.of(previous.ports().first(), last), blocked, allowed, fallback));
      } else {
        out.add(new WfasSlice(PortRange.of(first, last), blocked, allowed, fallback));
      }
    }
    return out;
  }

  /**
   * The enabled inbound rules of {@code action} that match some packet to a port of {@code ports}
   * from an address of {@code remote} in {@code profile}, under this evaluator's reading of host
   * conditions, in list order: the rules a region's decision is traced to ({@code verify}).
   */
  public List<WfasRule> matching(
      Profile profile, Protocol protocol, PortRange ports, AddressSet remote, RuleAction action) {
    List<WfasRule> out = new ArrayList<>();
    for (Resolved r : resolve(profile, protocol, options.unresolved())) {
      if (r.action == action && r.ports.intersects(ports) && r.remote.intersects(remote)) {
        out.add(r.rule);
      }
    }
    return out;
  }

  /** True when some rule has a condition only the host can resolve (see {@link HostCondition}). */
  public boolean hasHostDependentRules() {
    if (hostDependent == null) {
      hostDependent = computeHostDependent();
    }
    return hostDependent;
  }

  private boolean computeHostDependent() {
    for (WfasRule rule : rules) {
      for (Protocol protocol : Protocol.values()) {
        if (isApplicableCandidate(rule, protocol) && hostDependence(rule, protocol) != null) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Why {@code rule} depends on the host for {@code protocol}, or null when it does not: keywords
   * whose members were not given, program and service conditions, local address and remote port
   * conditions.
   */
  public String hostDependence(WfasRule rule, Protocol protocol) {
    if (!rule.otherConditions().isEmpty()) {
      return String.join(", ", rule.otherConditions());
    }
    if (rule.program().isPresent()) {
      return "program condition";
    }
    if (rule.service().isPresent()) {
      return "service condition";
    }
    if (!rule.localAddresses().any()) {
      return "local address condition";
    }
    if (!rule.remotePorts().any()) {
      return "remote port condition";
    }
    for (AddressKeyword k : rule.remoteAddresses().keywords()) {
      if (!options.addressKeywords().containsKey(k)) {
        return "remote address keyword " + k;
      }
    }
    for (PortKeyword k : rule.localPorts().keywords()) {
      if (k != PortKeyword.RPC_EPMAP && !options.portKeywords().containsKey(k)) {
        return "local port keyword " + k;
      }
    }
    return null;
  }

  private Verdict decide(
      Profile profile, Protocol protocol, int port, Ip address, HostCondition reading) {
    Optional<WfasRule> allow = Optional.empty();
    for (Resolved r : resolve(profile, protocol, reading)) {
      if (r.ports.contains(port) && r.remote.contains(address)) {
        if (r.action == RuleAction.BLOCK) {
          // windows-semantics.md 2.1 rule 2: a matching block wins over any matching allow.
          return new Verdict(Decision.BLOCK, Optional.of(r.rule));
        }
        if (allow.isEmpty()) {
          allow = Optional.of(r.rule);
        }
      }
    }
    if (allow.isPresent()) {
      return new Verdict(Decision.ALLOW, allow);
    }
    // windows-semantics.md 2.1 rule 6: no rule matched, the profile default applies.
    return new Verdict(fallback(profile), Optional.empty());
  }

  /**
   * What decides when no rule does: the profile default, or what the profile's state forces
   * (windows-semantics.md 2.1 rule 7: shielded blocks all unsolicited inbound; rule 8: a firewall
   * that is off blocks nothing).
   */
  private Decision fallback(Profile profile) {
    return switch (options.profileState(profile)) {
      case FIREWALL_OFF -> Decision.ALLOW;
      case SHIELDED -> Decision.BLOCK;
      case ENFORCING, LOCAL_RULES_IGNORED -> options.defaultInbound(profile).decision();
    };
  }

  private AddressSet union(List<Resolved> active, BitSet members, HostCondition reading) {
    if (members.isEmpty()) {
      return AddressSet.empty();
    }
    if (members.cardinality() == 1) {
      return active.get(members.nextSetBit(0)).remote;
    }
    // Profiles and protocols usually share rules, so the same combination recurs.
    BitSet positions = new BitSet();
    for (int i = members.nextSetBit(0); i >= 0; i = members.nextSetBit(i + 1)) {
      positions.set(active.get(i).position);
    }
    UnionKey key = new UnionKey(reading, positions);
    AddressSet cached = unions.get(key);
    if (cached != null) {
      return cached;
    }
    List<AddressSet> sets = new ArrayList<>();
    for (int i = members.nextSetBit(0); i >= 0; i = members.nextSetBit(i + 1)) {
      sets.add(active.get(i).remote);
    }
    AddressSet result = AddressSet.union(sets);
    unions.put(key, result);
    return result;
  }

  private List<Resolved> resolve(Profile profile, Protocol protocol, HostCondition reading) {
    return resolved.computeIfAbsent(
        new Key(profile, protocol, reading), k -> resolveAll(profile, protocol, reading));
  }

  private List<Resolved> resolveAll(Profile profile, Protocol protocol, HostCondition reading) {
    List<Resolved> out = new ArrayList<>();
    EvaluationOptions.ProfileState state = options.profileState(profile);
    if (state == EvaluationOptions.ProfileState.FIREWALL_OFF
        || state == EvaluationOptions.ProfileState.LOCAL_RULES_IGNORED) {
      // 2.1 rule 8: no rule is enforced; 2.3 rule 3: local rules are not merged.
      return out;
    }
    for (int position = 0; position < rules.size(); position++) {
      WfasRule rule = rules.get(position);
      if (!isApplicableCandidate(rule, protocol) || !rule.appliesTo(profile)) {
        continue;
      }
      if (state == EvaluationOptions.ProfileState.SHIELDED && rule.action() != RuleAction.BLOCK) {
        continue; // 2.1 rule 7: allow rules are ignored; Block rules still block
      }
      Match match = match(rule, protocol, reading, options);
      if (match == null) {
        continue;
      }
      PortSet ports = match.ports();
      AddressSet remote = match.remote();
      out.add(new Resolved(position, rule, rule.action(), ports, remote));
    }
    return List.copyOf(out);
  }

  /** Enabled, inbound, allow or block, and for this protocol. */
  private static boolean isApplicableCandidate(WfasRule rule, Protocol protocol) {
    return rule.enabled()
        && rule.direction() == Direction.IN
        // windows-semantics.md 2.1 rule 4: bypass needs IPsec-authenticated traffic; it never
        // decides for the unauthenticated traffic the decision function describes.
        && rule.action() != RuleAction.BYPASS
        && (rule.protocol() == WfasRule.ANY_PROTOCOL || rule.protocol() == protocol.number());
  }

  /**
   * Where {@code rule}, applicable to {@code protocol}, matches under {@code reading}: its local
   * ports and remote addresses (loopback left out), or null when it matches nothing. The one
   * reading of a rule's conditions: the evaluator and lint's rule relations both use it.
   */
  public static Match match(
      WfasRule rule, Protocol protocol, HostCondition reading, EvaluationOptions options) {
    boolean assumeMatch = reading == HostCondition.ASSUME_MATCH;
    // Whole-rule conditions the packet's port and remote address cannot decide.
    if (!assumeMatch && hasWholeRuleHostCondition(rule)) {
      return null;
    }
    PortSet ports = ports(rule.localPorts(), protocol, assumeMatch, options);
    // Windows Firewall does not filter loopback traffic (AddressLimits.LOOPBACK, KB 2771908):
    // no rule matches it, whatever its list says.
    AddressSet remote = addresses(rule.remoteAddresses(), assumeMatch, options);
    if (remote.intersects(AddressLimits.LOOPBACK)) {
      remote = remote.minus(AddressLimits.LOOPBACK);
    }
    if (ports.isEmpty() || remote.isEmpty()) {
      return null;
    }
    return new Match(ports, remote);
  }

  /** Local ports times remote addresses where a rule matches. */
  public record Match(PortSet ports, AddressSet remote) {}

  /**
   * True when a condition of the whole rule is one only the host resolves: program, service,
   * other conditions, local addresses, remote ports.
   */
  public static boolean hasWholeRuleHostCondition(WfasRule rule) {
    return rule.program().isPresent()
        || rule.service().isPresent()
        || !rule.otherConditions().isEmpty()
        || !rule.localAddresses().any()
        || !rule.remotePorts().any();
  }

  private static PortSet ports(
      PortCondition condition, Protocol protocol, boolean assumeMatch, EvaluationOptions options) {
    if (condition.any()) {
      return PortSet.all();
    }
    PortSet out = condition.ports();
    for (PortKeyword keyword : condition.keywords()) {
      if (keyword == PortKeyword.RPC_EPMAP) {
        // windows-semantics.md 2.4 rules 1 and 4: TCP 135, and only with protocol TCP.
        if (protocol == Protocol.TCP) {
          out = out.union(PortSet.of(EPMAP_PORT));
        }
      } else if (options.portKeywords().containsKey(keyword)) {
        out = out.union(options.portKeywords().get(keyword));
      } else if (assumeMatch) {
        // windows-semantics.md 2.4 rule 2: RPC follows the rule's program at run time; unknown
        // here, so under this reading it may be any port.
        return PortSet.all();
      }
    }
    return out;
  }

  private static AddressSet addresses(
      AddressCondition condition, boolean assumeMatch, EvaluationOptions options) {
    if (condition.any()) {
      return AddressSet.all();
    }
    AddressSet out = condition.addresses();
    for (AddressKeyword keyword : condition.keywords()) {
      AddressSet members = options.addressKeywords().get(keyword);
      if (members != null) {
        out = out.union(members);
      } else if (assumeMatch) {
        return AddressSet.all();
      }
    }
    return out;
  }

  private record UnionKey(HostCondition reading, BitSet positions) {}

  private record Key(Profile profile, Protocol protocol, HostCondition reading) {}

  private record Resolved(int position, WfasRule rule, RuleAction action, PortSet ports, AddressSet remote) {}

  private record Verdict(Decision decision, Optional<WfasRule> rule) {}
}
