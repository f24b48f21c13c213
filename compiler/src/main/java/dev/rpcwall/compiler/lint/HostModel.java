package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostIpsecFilter;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.ProfileSetting;
import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.EvaluationOptions;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.model.HostCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasEvaluator;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasSlice;
import dev.rpcwall.compiler.model.ipsec.IpsecEvaluator;
import dev.rpcwall.compiler.model.ipsec.IpsecExemptions;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecRegion;
import dev.rpcwall.compiler.model.ipsec.IpsecSlice;
import dev.rpcwall.compiler.model.ipsec.IpsecVerdict;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one host lets in, for the checks and the effective view: per profile and protocol, which
 * remote addresses reach which local ports, and what decides (an Allow rule, the profile default,
 * a firewall that is off). Computed from the evaluator's port slices and address sets, never by
 * enumerating ports or addresses.
 *
 * <p><b>Host conditions.</b> Conditions only the host resolves (program, service, local address,
 * remote port, keywords without known members, a reader's other conditions) are read both ways
 * ({@link HostCondition}). An address is <em>certainly</em> reachable when both readings allow it,
 * <em>possibly</em> when one does; checks report what is possibly reachable and say "depends on the
 * host" for what is not certain. The port keyword {@code RPC} is read as the host's RPC dynamic
 * range ({@link RpcConfig}): the ports RPC servers are given at run time come from it
 * (windows-semantics.md 2.4 rule 2, 6.2 rules 1 and 9), and its program condition still makes the
 * rule host-dependent.
 *
 * <p><b>Legacy IPsec and the firewall together.</b> When the host carries legacy IPsec filters
 * (HostState.ipsecFilters) and Windows Firewall rules, a packet gets through only if both let it:
 * the Policy Agent's filters pass it (a PASS filter decides, no filter matches, or the packet is
 * exempt, windows-semantics.md 5.5 rule 6, {@link IpsecExemptions#DEFAULT}) and the firewall allows
 * it. The two are independent layers, each able to drop the packet; neither's permit overrides the
 * other's block. An IPsec verdict of NEGOTIATE (passes only for peers that negotiate security),
 * AMBIGUOUS (the filter weighting is UNCONFIRMED, 5.5 rule 3) or DEPENDS_ON_REMOTE_PORT is read as
 * "possibly passes". Legacy IPsec filters IPv4 only: IPv6 traffic is the firewall's alone. Filters
 * whose destination is an address block are not evaluated (whether the block holds this host is
 * not known), so with any such filter IPsec is never relied on to block.
 */
final class HostModel {
  /** What decides for an allowed region. */
  record Cause(Kind kind, WfasRule rule, Profile profile, SourceSpan at) {
    enum Kind {
      RULE,
      DEFAULT_ALLOW,
      FIREWALL_OFF
    }

    String text() {
      return switch (kind) {
        case RULE -> describe(rule) + " (" + rule.origin().location() + ")";
        case DEFAULT_ALLOW ->
            "the " + profile.keyword() + " profile's default inbound action allow"
                + (at.isKnown() ? " (" + at.location() + ")" : "");
        case FIREWALL_OFF ->
            "the firewall being off in the " + profile.keyword() + " profile"
                + (at.isKnown() ? " (" + at.location() + ")" : "");
      };
    }
  }

  /**
   * Remote {@code addresses} reach local {@code ports} of {@code protocol} in {@code profile},
   * allowed by {@code cause}; {@code certain} when under both readings of host conditions and
   * whatever the IPsec filters' uncertain verdicts, else {@code dependsOn} says on what.
   */
  record Reach(
      Profile profile,
      Protocol protocol,
      PortRange ports,
      AddressSet addresses,
      Cause cause,
      boolean certain,
      String dependsOn) {}

  final EffectiveHost host;
  final HostState state;
  final RpcConfig rpc;
  final AddressSet internet;
  final boolean internetAssumed;
  private final Map<HostCondition, EvaluationOptions> options = new EnumMap<>(HostCondition.class);
  private final Map<String, WfasEvaluator> evaluators = new HashMap<>();
  private final Map<String, List<WfasSlice>> slices = new HashMap<>();
  private final Map<String, Indexed> allowFootprints = new HashMap<>();
  private final Map<String, Indexed> blockFootprints = new HashMap<>();
  private final Map<String, int[]> cutCache = new HashMap<>();
  private final Map<Profile, Set<WfasRule>> enforced = new EnumMap<>(Profile.class);
  private final Map<WfasRule, Footprint[]> footprints = new IdentityHashMap<>();
  /** Marks "matches nothing" in the footprint cache. */
  private static final Footprint NOTHING = new Footprint(PortSet.empty(), AddressSet.empty());
  private final IpsecEvaluator ipsec;
  private final Map<Protocol, List<IpsecSlice>> ipsecSlices = new EnumMap<>(Protocol.class);
  private final Map<IpsecSlice, AddressSet[]> ipsecPasses = new IdentityHashMap<>();
  private final Map<WfasSlice, AddressSet> allowedCache = new IdentityHashMap<>();
  private Map<WfasRule, Integer> positions;

  record RuleFootprint(WfasRule rule, Footprint footprint) {}

  /** Rules with their footprints, in rule order, and the index of their ports. */
  record Indexed(List<RuleFootprint> list, PortIndex index) {
    static Indexed of(List<RuleFootprint> list) {
      List<PortSet> ports = new ArrayList<>();
      for (RuleFootprint rf : list) {
        ports.add(rf.footprint().ports());
      }
      return new Indexed(list, new PortIndex(ports));
    }
  }

  HostModel(EffectiveHost host, Roles roles) {
    this.host = host;
    this.state = host.state();
    this.rpc = new RpcConfig(state);
    this.internet = roles.internet().orElse(InternetRanges.DEFAULT);
    this.internetAssumed = roles.internet().isEmpty();
    for (HostCondition h : HostCondition.values()) {
      options.put(h, host.options(h).withPortKeyword(PortKeyword.RPC, rpc.dynamic));
    }
    List<IpsecFilter> filters = new ArrayList<>();
    for (HostIpsecFilter f : state.ipsecFilters()) {
      filters.add(f.filter());
    }
    ipsec = filters.isEmpty() ? null : IpsecEvaluator.of(filters, IpsecExemptions.DEFAULT);
  }

  /** The rule's position among the host's rules (identity: two equal rules are two rules). */
  int position(WfasRule rule) {
    if (positions == null) {
      positions = new IdentityHashMap<>();
      List<WfasRule> all = host.rules();
      for (int i = 0; i < all.size(); i++) {
        positions.put(all.get(i), i);
      }
    }
    return positions.getOrDefault(rule, -1);
  }

  EvaluationOptions options(HostCondition reading) {
    return options.get(reading);
  }

  WfasEvaluator evaluator(Profile profile, HostCondition reading) {
    return evaluators.computeIfAbsent(
        profile + "/" + reading, k -> host.evaluator(profile, options.get(reading)));
  }

  /** The profile's state as the inputs set it. */
  ProfileState profileState(Profile profile) {
    return options.get(HostCondition.ASSUME_MATCH).profileState(profile);
  }

  /** Whether {@code rule} takes part in {@code profile}'s decisions at all. */
  boolean enforcedIn(WfasRule rule, Profile profile) {
    ProfileState s = profileState(profile);
    if (s == ProfileState.FIREWALL_OFF || !rule.appliesTo(profile)) {
      return false;
    }
    if (s == ProfileState.SHIELDED && rule.action() != RuleAction.BLOCK) {
      return false;
    }
    Set<WfasRule> in = enforced.computeIfAbsent(profile, p -> {
      Set<WfasRule> set = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      set.addAll(evaluator(p, HostCondition.ASSUME_MATCH).rules());
      return set;
    });
    return in.contains(rule);
  }

  Footprint footprint(WfasRule rule, Protocol protocol, HostCondition reading) {
    Footprint[] cached = footprints.computeIfAbsent(rule, k -> new Footprint[4]);
    int i = protocol.ordinal() * 2 + reading.ordinal();
    if (cached[i] == null) {
      Footprint f = Footprint.of(rule, protocol, reading, options.get(reading));
      cached[i] = f == null ? NOTHING : f;
    }
    return cached[i] == NOTHING ? null : cached[i];
  }

  private List<WfasSlice> slices(Profile p, Protocol t, HostCondition h) {
    return slices.computeIfAbsent(p + "/" + t + "/" + h, k -> evaluator(p, h).slices(p, t));
  }

  /** The Allow rules that decide in {@code p} (none when shielded), with their footprints. */
  Indexed allows(Profile p, Protocol t, HostCondition h) {
    return allowFootprints.computeIfAbsent(p + "/" + t + "/" + h, k -> collect(p, t, h, RuleAction.ALLOW));
  }

  /** The Block rules enforced in {@code p}, with their footprints. */
  Indexed blocks(Profile p, Protocol t, HostCondition h) {
    return blockFootprints.computeIfAbsent(p + "/" + t + "/" + h, k -> collect(p, t, h, RuleAction.BLOCK));
  }

  private Indexed collect(Profile p, Protocol t, HostCondition h, RuleAction action) {
    List<RuleFootprint> out = new ArrayList<>();
    ProfileState s = profileState(p);
    if (s != ProfileState.FIREWALL_OFF && (action == RuleAction.BLOCK || s != ProfileState.SHIELDED)) {
      for (WfasRule r : evaluator(p, h).rules()) {
        if (r.action() == action && r.appliesTo(p)) {
          Footprint f = footprint(r, t, h);
          if (f != null) {
            out.add(new RuleFootprint(r, f));
          }
        }
      }
    }
    return Indexed.of(out);
  }

  private static WfasSlice sliceAt(List<WfasSlice> list, int port) {
    int lo = 0;
    int hi = list.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (list.get(mid).ports().first() <= port) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return list.get(lo);
  }

  /** Whether the host has legacy IPsec filters. */
  boolean hasIpsec() {
    return ipsec != null;
  }

  int unevaluatedIpsecFilters() {
    return ipsec == null ? 0 : ipsec.unevaluated().size();
  }

  private List<IpsecSlice> ipsecSlices(Protocol t) {
    return ipsecSlices.computeIfAbsent(t, k -> ipsec.slices(t.number()));
  }

  /** [certainly passes, possibly passes] for {@code protocol} to local {@code port}. */
  private AddressSet[] ipsecPass(Protocol t, int port) {
    if (ipsec == null) {
      return new AddressSet[] {AddressSet.all(), AddressSet.all()};
    }
    IpsecSlice slice = IpsecEvaluator.sliceOf(ipsecSlices(t), port);
    return ipsecPasses.computeIfAbsent(
        slice,
        s -> {
          AddressSet.Accumulator certain = new AddressSet.Accumulator();
          AddressSet.Accumulator possible = new AddressSet.Accumulator();
          for (IpsecRegion r : s.regions()) {
            if (r.verdict().passes()) {
              certain.add(r.range());
              possible.add(r.range());
            } else if (r.verdict() != IpsecVerdict.BLOCK) {
              possible.add(r.range());
            }
          }
          AddressSet v6 = AddressSet.all(IpFamily.IPV6);
          if (!ipsec.unevaluated().isEmpty()) {
            // A filter whose destination is an address block may or may not be about this host,
            // and may pass or block anything more specifically: IPv4 is possible, never certain.
            return new AddressSet[] {v6, AddressSet.all()};
          }
          return new AddressSet[] {certain.build().union(v6), possible.build().union(v6)};
        });
  }

  /** Port boundaries where the IPsec decision may change, for {@code t}. */
  private List<Integer> ipsecCuts(Protocol t) {
    List<Integer> out = new ArrayList<>();
    if (ipsec != null) {
      for (IpsecSlice s : ipsecSlices(t)) {
        out.add(s.ports().first());
      }
    }
    return out;
  }

  /** What decides in {@code profile} when no rule matches, as a cause, or null when it blocks. */
  private Cause fallbackCause(Profile p) {
    ProfileState s = profileState(p);
    if (s == ProfileState.FIREWALL_OFF) {
      ProfileSetting<ProfileState> set = state.profileStates().get(p);
      return new Cause(Cause.Kind.FIREWALL_OFF, null, p, set == null ? SourceSpan.UNKNOWN : set.origin());
    }
    if (s == ProfileState.SHIELDED) {
      return null;
    }
    ProfileSetting<Action> d = state.defaultInbound().get(p);
    if (d != null && d.value() == Action.ALLOW) {
      return new Cause(Cause.Kind.DEFAULT_ALLOW, null, p, d.origin());
    }
    return null;
  }

  /**
   * Who reaches {@code ports} of {@code t} in {@code p} among {@code from}, by port range,
   * addresses and cause, in port order. Loopback is left out (never filtered).
   */
  List<Reach> reach(Profile p, Protocol t, PortSet ports, AddressSet from) {
    List<Reach> out = new ArrayList<>();
    if (ports.isEmpty()) {
      return out;
    }
    AddressSet source = from.minus(AddressLimits.LOOPBACK);
    if (source.isEmpty()) {
      return out;
    }
    List<WfasSlice> sm = slices(p, t, HostCondition.ASSUME_MATCH);
    List<WfasSlice> sn = slices(p, t, HostCondition.ASSUME_NO_MATCH);
    int[] cuts = cuts(p, t, sm, sn);
    // Open reaches by key, extended while their key recurs on the next segment.
    Map<List<Object>, Integer> open = new LinkedHashMap<>();
    for (PortRange r : ports.ranges()) {
      int k = java.util.Arrays.binarySearch(cuts, r.first());
      k = k >= 0 ? k : -k - 2;
      int a = r.first();
      while (a <= r.last()) {
        int b = k + 1 < cuts.length ? Math.min(r.last(), cuts[k + 1] - 1) : r.last();
        segment(p, t, a, b, source, sm, sn, out, open);
        a = b + 1;
        k++;
      }
    }
    return out;
  }

  /**
   * Every port where what decides may change in {@code p} for {@code t}: the evaluator's slices
   * under both readings, the Allow rules' own boundaries (the slices merge runs where the union of
   * allowed addresses stays the same, while which rule decides can change), the IPsec slices.
   */
  private int[] cuts(Profile p, Protocol t, List<WfasSlice> sm, List<WfasSlice> sn) {
    return cutCache.computeIfAbsent(p + "/" + t, k -> {
      TreeSet<Integer> cuts = new TreeSet<>();
      for (WfasSlice s : sm) {
        cuts.add(s.ports().first());
      }
      for (WfasSlice s : sn) {
        cuts.add(s.ports().first());
      }
      cuts.addAll(ipsecCuts(t));
      for (HostCondition h : HostCondition.values()) {
        for (int c : allows(p, t, h).index().cuts()) {
          cuts.add(c);
        }
      }
      return cuts.stream().mapToInt(Integer::intValue).toArray();
    });
  }

  private void segment(
      Profile p,
      Protocol t,
      int a,
      int b,
      AddressSet source,
      List<WfasSlice> sm,
      List<WfasSlice> sn,
      List<Reach> out,
      Map<List<Object>, Integer> open) {
    AddressSet am = allowed(sliceAt(sm, a)).intersect(source);
    AddressSet an = allowed(sliceAt(sn, a)).intersect(source);
    AddressSet[] pass = ipsecPass(t, a);
    AddressSet possible = am.union(an).intersect(pass[1]);
    if (possible.isEmpty()) {
      return;
    }
    AddressSet certain = am.intersect(an).intersect(pass[0]);
    List<Object[]> parts = new ArrayList<>();
    attribute(p, t, a, HostCondition.ASSUME_MATCH, am.intersect(possible), parts);
    attribute(p, t, a, HostCondition.ASSUME_NO_MATCH, an.minus(am).intersect(possible), parts);
    for (Object[] part : parts) {
      Cause cause = (Cause) part[0];
      AddressSet set = (AddressSet) part[1];
      AddressSet sure = set.intersect(certain);
      AddressSet unsure = set.minus(certain);
      if (!sure.isEmpty()) {
        add(out, open, new Reach(p, t, PortRange.of(a, b), sure, cause, true, null));
      }
      if (!unsure.isEmpty()) {
        add(out, open,
            new Reach(p, t, PortRange.of(a, b), unsure, cause, false,
                dependsOn(p, t, a, cause, unsure, am, an, pass[0])));
      }
    }
  }

  private AddressSet allowed(WfasSlice slice) {
    return allowedCache.computeIfAbsent(slice, WfasSlice::allowed);
  }

  private static void add(List<Reach> out, Map<List<Object>, Integer> open, Reach r) {
    List<Object> key =
        java.util.Arrays.asList(r.cause(), r.addresses(), r.certain(), r.dependsOn());
    Integer i = open.get(key);
    if (i != null && out.get(i).ports().last() + 1 == r.ports().first()) {
      Reach prev = out.get(i);
      out.set(i, new Reach(prev.profile(), prev.protocol(),
          PortRange.of(prev.ports().first(), r.ports().last()), prev.addresses(), prev.cause(),
          prev.certain(), prev.dependsOn()));
      return;
    }
    open.put(key, out.size());
    out.add(r);
  }

  private void attribute(
      Profile p, Protocol t, int port, HostCondition h, AddressSet set, List<Object[]> parts) {
    if (set.isEmpty()) {
      return;
    }
    AddressSet remaining = set;
    if (profileState(p) != ProfileState.FIREWALL_OFF) {
      Indexed allows = allows(p, t, h);
      for (int i : allows.index().at(port)) {
        RuleFootprint rf = allows.list().get(i);
        if (!rf.footprint().remote().intersects(remaining)) {
          continue;
        }
        AddressSet part = rf.footprint().remote().intersect(remaining);
        parts.add(new Object[] {new Cause(Cause.Kind.RULE, rf.rule(), p, rf.rule().origin()), part});
        remaining = remaining.minus(part);
        if (remaining.isEmpty()) {
          return;
        }
      }
    }
    Cause fallback = fallbackCause(p);
    if (fallback != null) {
      parts.add(new Object[] {fallback, remaining});
    }
  }

  /** Why an allowed region is not certain: the host conditions involved, the IPsec filters. */
  private String dependsOn(
      Profile p,
      Protocol t,
      int port,
      Cause cause,
      AddressSet unsure,
      AddressSet am,
      AddressSet an,
      AddressSet ipsecCertain) {
    Set<String> reasons = new LinkedHashSet<>();
    if (!am.containsAll(unsure) || !an.containsAll(unsure)) {
      WfasEvaluator e = evaluator(p, HostCondition.ASSUME_MATCH);
      if (cause.rule() != null) {
        String why = e.hostDependence(cause.rule(), t);
        if (why != null) {
          reasons.add(describe(cause.rule()) + ": " + why);
        }
      }
      Indexed blocks = blocks(p, t, HostCondition.ASSUME_MATCH);
      for (int i : blocks.index().at(port)) {
        RuleFootprint rf = blocks.list().get(i);
        WfasRule r = rf.rule();
        if (!rf.footprint().remote().intersects(unsure)) {
          continue;
        }
        String why = e.hostDependence(r, t);
        if (why != null) {
          reasons.add("Block " + describe(r) + " (" + r.origin().location() + "): " + why);
        }
      }
    }
    if (!ipsecCertain.containsAll(unsure)) {
      reasons.add("the legacy IPsec filters (negotiate, an ambiguous filter order, the remote port, or a"
          + " filter for a destination address block)");
    }
    return reasons.isEmpty() ? "host conditions" : String.join("; ", reasons);
  }

  static String describe(WfasRule rule) {
    return rule.id().equals(rule.displayName())
        ? "rule \"" + rule.displayName() + "\""
        : "rule \"" + rule.displayName() + "\" (" + rule.id() + ")";
  }

  /** Every address Windows filters: all but loopback. */
  static AddressSet everyone() {
    return AddressSet.all().minus(AddressLimits.LOOPBACK);
  }
}
