package dev.rpcwall.compiler.verify;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostIpsecFilter;
import dev.rpcwall.compiler.host.ProfileSetting;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.EvaluationOptions;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.model.HostCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasEvaluator;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.model.WfasSlice;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecEvaluator;
import dev.rpcwall.compiler.model.ipsec.IpsecExemptions;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecRegion;
import dev.rpcwall.compiler.model.ipsec.IpsecSlice;
import dev.rpcwall.compiler.model.ipsec.IpsecVerdict;
import dev.rpcwall.compiler.semantics.AddressRegion;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.PortSlice;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code rpcwall verify} (issue 8): does what a host enforces decide exactly as the policy? The
 * policy's decision function ({@link DecisionMap}) is compared with the host's ({@link
 * EffectiveHost}: Windows Firewall per profile, or the legacy IPsec Policy Agent) over the policy's
 * managed space: every profile, both protocols, every port, every address region. Everything is
 * computed on port slices and address sets, never port by port or address by address.
 *
 * <p>The result is a set of counterexample regions, merged to the fewest lines (one per policy
 * rule, host answer, address set and port set, joined across profiles), each traced to the host
 * rules responsible and the policy rule that decided.
 *
 * <p>Conditions only the host knows (program, service, interface, local address, remote port,
 * unresolved {@code %VAR%}, fields a non-verbose dump leaves out: {@link HostCondition}) are read
 * both ways. Where the two readings decide alike the answer is certain; where they disagree the
 * region is "not enough information", unless the caller assumes one reading.
 *
 * <p>Only addresses Windows filters are compared ({@link AddressLimits#FILTERED}): loopback is
 * passed whatever any rule says, and {@code ::} cannot be named in an address list, so no host can
 * carry a policy's decision there (PolicyChecks warns about loopback).
 */
public final class HostVerification {
  /** Which evaluator judges the host. */
  public enum Model {
    /** Windows Firewall with Advanced Security (windows-semantics.md 2). */
    WFAS,
    /** The legacy IPsec Policy Agent's packet filters (windows-semantics.md 5). */
    IPSEC;

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A rule or setting of the host a region's decision is traced to: a firewall rule (its display
   * name and the line that created it), an IPsec filter, or the profile default ({@code
   * isDefault}; its {@code at} is unknown when no input sets it, i.e. assumed). {@code condition}
   * says why the rule depends on the host (empty when it does not).
   */
  public record HostCause(String name, SourceSpan at, boolean isDefault, String condition) {
    public HostCause {
      requireNonNull(name, "name");
      requireNonNull(at, "at");
      requireNonNull(condition, "condition");
    }

    /** {@code "Open RPC" file.cmd:12}, {@code default inbound block (assumed)}. */
    public String describe() {
      String where = at.isKnown() ? at.source() + ":" + at.line() : "";
      String text;
      if (isDefault) {
        // A profile default no input sets is assumed (Block, as Windows ships); the IPsec
        // model's "no filter matches" and exemptions come from no line at all.
        text = name + (at.isKnown() ? " " + where : name.startsWith("default ") ? " (assumed)" : "");
      } else {
        text = "\"" + name + "\"" + (where.isEmpty() ? "" : " " + where);
      }
      return condition.isEmpty() ? text : text + " [" + condition + "]";
    }
  }

  /**
   * What the host does with a region: {@code allow}, {@code block}, or for the legacy IPsec model
   * also {@code negotiate}, {@code ambiguous} and {@code depends-on-remote-port}; and the rules,
   * filters or defaults that decide it.
   */
  public record HostAnswer(String decision, List<HostCause> rules) {
    public HostAnswer {
      requireNonNull(decision, "decision");
      rules = List.copyOf(rules);
    }
  }

  /** The policy's decision on a region and the rule that made it (empty: the policy default). */
  public record PolicyAnswer(Decision decision, Optional<Rule> rule) {
    public PolicyAnswer {
      requireNonNull(decision, "decision");
      requireNonNull(rule, "rule");
    }

    /** {@code policy.rpw:7:3}, or {@code default}. */
    public String where() {
      return rule.map(r -> r.origin().location()).orElse("default");
    }
  }

  /** Where the host decides otherwise than the policy. */
  public record Difference(
      AddressSet addresses,
      Protocol protocol,
      PortSet ports,
      Set<Profile> profiles,
      PolicyAnswer policy,
      HostAnswer host) {
    public String describe(Model model) {
      return head(addresses, protocol, ports, profiles)
          + ": policy "
          + policy.decision().keyword()
          + ", host "
          + host.decision()
          + " — "
          + explain(model, host)
          + "; policy "
          + (policy.rule().isPresent() ? "rule " + policy.where() : "default");
    }
  }

  /**
   * Where the host's answer depends on conditions only the host knows: the answer if they match
   * every packet ({@code ifMatch}) and if they match none ({@code ifDiffer}).
   */
  public record Unknown(
      AddressSet addresses,
      Protocol protocol,
      PortSet ports,
      Set<Profile> profiles,
      PolicyAnswer policy,
      HostAnswer ifMatch,
      HostAnswer ifDiffer) {
    public String describe(Model model) {
      return head(addresses, protocol, ports, profiles)
          + ": policy "
          + policy.decision().keyword()
          + "; host "
          + ifMatch.decision()
          + " if its conditions match ("
          + explain(model, ifMatch)
          + "), "
          + ifDiffer.decision()
          + " if not ("
          + explain(model, ifDiffer)
          + "); policy "
          + (policy.rule().isPresent() ? "rule " + policy.where() : "default");
    }
  }

  /** What the host allows where the policy says nothing ({@code --also-unmanaged}). */
  public record Opening(
      AddressSet addresses, Protocol protocol, PortSet ports, Set<Profile> profiles, HostAnswer host) {
    public String describe(Model model) {
      return head(addresses, protocol, ports, profiles)
          + ": unmanaged, host "
          + host.decision()
          + " — "
          + explain(model, host);
    }
  }

  /**
   * The comparison's outcome. {@code assumption} is the reading the caller chose (empty: both
   * readings, undecided regions in {@code notEnoughInformation}); {@code assumedDefaults} the
   * profiles whose default inbound action no input sets (Block assumed); {@code notes} what else a
   * reader of the result must know (what was not compared).
   */
  public record Report(
      Model model,
      Optional<HostCondition> assumption,
      List<Difference> differences,
      List<Unknown> notEnoughInformation,
      List<Opening> unmanaged,
      List<Profile> assumedDefaults,
      List<String> notes) {
    public Report {
      differences = List.copyOf(differences);
      notEnoughInformation = List.copyOf(notEnoughInformation);
      unmanaged = List.copyOf(unmanaged);
      assumedDefaults = List.copyOf(assumedDefaults);
      notes = List.copyOf(notes);
    }

    /** Whether the host certainly decides as the policy everywhere in the managed space. */
    public boolean equal() {
      return differences.isEmpty() && notEnoughInformation.isEmpty();
    }
  }

  private HostVerification() {}

  /** The model the inputs call for: legacy IPsec when they leave filters and no firewall rule. */
  public static Model defaultModel(EffectiveHost host) {
    return host.state().rules().isEmpty() && !host.state().ipsecFilters().isEmpty()
        ? Model.IPSEC
        : Model.WFAS;
  }

  /**
   * Compares {@code map} with {@code host} judged by {@code model}. {@code assumption}: empty reads
   * host conditions both ways; else the one reading to take. {@code alsoUnmanaged}: also list what
   * the host allows outside the managed space (under the assumed reading, else under "match",
   * which opens the most).
   */
  public static Report verify(
      DecisionMap map,
      EffectiveHost host,
      Model model,
      Optional<HostCondition> assumption,
      boolean alsoUnmanaged) {
    requireNonNull(map, "map");
    requireNonNull(host, "host");
    requireNonNull(model, "model");
    requireNonNull(assumption, "assumption");
    Run run = new Run(map, host, assumption, alsoUnmanaged);
    List<String> notes = new ArrayList<>();
    List<Profile> assumed = List.of();
    if (model == Model.WFAS) {
      run.wfas();
      assumed = host.assumedDefaults();
      if (!host.state().ipsecFilters().isEmpty()) {
        notes.add(host.state().ipsecFilters().size() + " legacy IPsec filter(s) not judged"
            + " (--target-model ipsec judges them)");
      }
    } else {
      run.ipsec(notes);
      if (!host.state().rules().isEmpty()) {
        notes.add(host.state().rules().size() + " Windows Firewall rule(s) not judged"
            + " (--target-model wfas judges them)");
      }
    }
    return run.report(model, assumed, notes);
  }

  // ---------------------------------------------------------------------------------------------

  private enum Kind {
    DIFFERENCE,
    UNKNOWN,
    OPENING
  }

  /** One merged line before its ports are joined: everything but ports and profiles. */
  private record Line(
      Kind kind,
      Protocol protocol,
      Decision policy,
      int rule,
      HostAnswer a,
      HostAnswer b,
      AddressSet addresses) {}

  private static final class Run {
    private final DecisionMap map;
    private final EffectiveHost host;
    private final Optional<HostCondition> assumption;
    private final boolean alsoUnmanaged;
    private final Map<Integer, Rule> rules = new HashMap<>();
    private final Map<Line, Map<Profile, List<PortRange>>> lines = new LinkedHashMap<>();
    private final Map<List<AddressRegion>, AddressSet[]> policySets = new IdentityHashMap<>();

    Run(DecisionMap map, EffectiveHost host, Optional<HostCondition> assumption, boolean unmanaged) {
      this.map = map;
      this.host = host;
      this.assumption = assumption;
      this.alsoUnmanaged = unmanaged;
      for (Rule r : map.policy().rules()) {
        rules.put(r.index(), r);
      }
    }

    // WFAS ----------------------------------------------------------------------------------------

    void wfas() {
      Map<HostCondition, WfasEvaluator> shared = new EnumMap<>(HostCondition.class);
      Map<WfasSlice, AddressSet> blocked = new IdentityHashMap<>();
      for (Profile profile : Profile.values()) {
        WfasEvaluator m = evaluator(profile, HostCondition.ASSUME_MATCH, shared);
        boolean dependent = m.hasHostDependentRules();
        WfasEvaluator n = dependent ? evaluator(profile, HostCondition.ASSUME_NO_MATCH, shared) : m;
        for (Protocol protocol : Protocol.values()) {
          wfas(profile, protocol, m, n, blocked);
        }
      }
    }

    /**
     * The host's evaluator for {@code profile}: one shared by the profiles that use the local
     * store, one of its own for a profile that ignores local rules (EffectiveHost).
     */
    private WfasEvaluator evaluator(
        Profile profile, HostCondition reading, Map<HostCondition, WfasEvaluator> shared) {
      EvaluationOptions options = host.options(reading);
      if (options.profileState(profile) == ProfileState.LOCAL_RULES_IGNORED) {
        return host.evaluator(profile, reading);
      }
      return shared.computeIfAbsent(
          reading, r -> WfasEvaluator.of(new WfasRuleSet(host.rules(), RpcSettings.NONE), List.of(),
              options));
    }

    private void wfas(
        Profile profile,
        Protocol protocol,
        WfasEvaluator m,
        WfasEvaluator n,
        Map<WfasSlice, AddressSet> blockedCache) {
      List<PortSlice> policy = map.slices(profile, protocol);
      List<WfasSlice> hostM = m.slices(profile, protocol);
      List<WfasSlice> hostN = n == m ? hostM : n.slices(profile, protocol);
      int i = 0;
      int j = 0;
      int k = 0;
      int port = 0;
      while (port <= PortRange.MAX_PORT) {
        PortSlice p = policy.get(i);
        WfasSlice sm = hostM.get(j);
        WfasSlice sn = hostN.get(k);
        int last = Math.min(p.ports().last(), Math.min(sm.ports().last(), sn.ports().last()));
        PortRange piece = PortRange.of(port, last);
        AddressSet hm = blockedCache.computeIfAbsent(sm, WfasSlice::blocked);
        AddressSet hn = sn == sm ? hm : blockedCache.computeIfAbsent(sn, WfasSlice::blocked);
        if (p.managed()) {
          AddressSet[] sets = policySets(p);
          AddressSet allowed = sets[0];
          AddressSet blocked = sets[1];
          if (assumption.isPresent()) {
            boolean match = assumption.get() == HostCondition.ASSUME_MATCH;
            AddressSet h = match ? hm : hn;
            WfasEvaluator e = match ? m : n;
            WfasSlice s = match ? sm : sn;
            differences(profile, protocol, piece, p, allowed, blocked, h, h, e, s);
          } else {
            AddressSet both = hm == hn ? hm : hm.intersect(hn);
            AddressSet either = hm == hn ? hm : hm.union(hn);
            differences(profile, protocol, piece, p, allowed, blocked, both, either, m, sm);
            if (hm != hn && !both.containsAll(either)) {
              AddressSet undecided = either.minus(both).intersect(AddressLimits.FILTERED);
              // Blocked if the conditions match, allowed if not; and the other way round.
              unknown(profile, protocol, piece, p, undecided.intersect(hm), Decision.BLOCK, m, sm, n,
                  sn);
              unknown(profile, protocol, piece, p, undecided.minus(hm), Decision.ALLOW, m, sm, n, sn);
            }
          }
        } else if (alsoUnmanaged) {
          boolean match = assumption.orElse(HostCondition.ASSUME_MATCH) == HostCondition.ASSUME_MATCH;
          AddressSet h = match ? hm : hn;
          AddressSet open = AddressLimits.FILTERED.minus(h);
          if (!open.isEmpty()) {
            HostAnswer a = wfasAnswer(match ? m : n, match ? sm : sn, profile, protocol, piece, open,
                Decision.ALLOW);
            add(new Line(Kind.OPENING, protocol, Decision.UNMANAGED, -2, a, null, open), profile,
                piece);
          }
        }
        if (last == p.ports().last()) {
          i++;
        }
        if (last == sm.ports().last()) {
          j++;
        }
        if (last == sn.ports().last()) {
          k++;
        }
        port = last + 1;
      }
    }

    /**
     * The certain differences on one piece: the policy allows and the host blocks under every
     * reading ({@code blockedAlways}), the policy blocks and the host allows under every reading
     * (outside {@code blockedSometimes}).
     */
    private void differences(
        Profile profile,
        Protocol protocol,
        PortRange piece,
        PortSlice p,
        AddressSet allowed,
        AddressSet blocked,
        AddressSet blockedAlways,
        AddressSet blockedSometimes,
        WfasEvaluator e,
        WfasSlice s) {
      // Each wrong set is only built when it is not empty: an equal host (the usual case) is
      // proved by walks over the sets, without building any.
      if (allowed.intersects(blockedAlways)) {
        AddressSet wrong = allowed.intersect(blockedAlways);
        for (Map.Entry<Integer, AddressSet> g : byPolicyRule(p, wrong).entrySet()) {
          HostAnswer a = wfasAnswer(e, s, profile, protocol, piece, g.getValue(), Decision.BLOCK);
          add(new Line(Kind.DIFFERENCE, protocol, Decision.ALLOW, g.getKey(), a, null,
              g.getValue()), profile, piece);
        }
      }
      if (!blockedSometimes.containsAll(blocked)) {
        AddressSet wrong = blocked.minus(blockedSometimes);
        for (Map.Entry<Integer, AddressSet> g : byPolicyRule(p, wrong).entrySet()) {
          HostAnswer a = wfasAnswer(e, s, profile, protocol, piece, g.getValue(), Decision.ALLOW);
          add(new Line(Kind.DIFFERENCE, protocol, Decision.BLOCK, g.getKey(), a, null,
              g.getValue()), profile, piece);
        }
      }
    }

    /** Undecided addresses the host blocks if its conditions match ({@code ifMatch} BLOCK) or not. */
    private void unknown(
        Profile profile,
        Protocol protocol,
        PortRange piece,
        PortSlice p,
        AddressSet undecided,
        Decision ifMatch,
        WfasEvaluator m,
        WfasSlice sm,
        WfasEvaluator n,
        WfasSlice sn) {
      if (undecided.isEmpty()) {
        return;
      }
      Decision ifDiffer = ifMatch == Decision.BLOCK ? Decision.ALLOW : Decision.BLOCK;
      for (Map.Entry<Integer, AddressSet> g : byPolicyRule(p, undecided).entrySet()) {
        HostAnswer a = wfasAnswer(m, sm, profile, protocol, piece, g.getValue(), ifMatch);
        HostAnswer b = wfasAnswer(n, sn, profile, protocol, piece, g.getValue(), ifDiffer);
        Decision policy = decisionOf(g.getKey());
        add(new Line(Kind.UNKNOWN, protocol, policy, g.getKey(), a, b, g.getValue()), profile,
            piece);
      }
    }

    /** The rules of the host's decision on {@code region}, and the default where no rule decides. */
    private HostAnswer wfasAnswer(
        WfasEvaluator e,
        WfasSlice s,
        Profile profile,
        Protocol protocol,
        PortRange piece,
        AddressSet region,
        Decision decision) {
      RuleAction action = decision == Decision.BLOCK ? RuleAction.BLOCK : RuleAction.ALLOW;
      List<HostCause> causes = new ArrayList<>();
      for (WfasRule r : e.matching(profile, protocol, piece, region, action)) {
        String condition = e.hostDependence(r, protocol);
        causes.add(new HostCause(r.displayName(), r.origin(), false, condition == null ? "" : condition));
      }
      AddressSet byRules = action == RuleAction.BLOCK ? s.blockRules() : s.allowRules();
      if (!byRules.containsAll(region)) {
        causes.add(defaultCause(e.options(), profile));
      }
      return new HostAnswer(decision.keyword(), causes);
    }

    /** What decides when no rule does (windows-semantics.md 2.1 rules 6-8). */
    private HostCause defaultCause(EvaluationOptions options, Profile profile) {
      ProfileState state = options.profileState(profile);
      ProfileSetting<ProfileState> stateSetting = host.state().profileStates().get(profile);
      SourceSpan stateAt = stateSetting == null ? SourceSpan.UNKNOWN : stateSetting.origin();
      if (state == ProfileState.FIREWALL_OFF) {
        return new HostCause("firewall off", stateAt, true, "");
      }
      if (state == ProfileState.SHIELDED) {
        return new HostCause("shielded: all inbound blocked", stateAt, true, "");
      }
      ProfileSetting<Action> setting = host.state().defaultInbound().get(profile);
      SourceSpan at = setting == null ? SourceSpan.UNKNOWN : setting.origin();
      return new HostCause("default inbound " + options.defaultInbound(profile).decision().keyword(),
          at, true, "");
    }

    // Legacy IPsec -------------------------------------------------------------------------------

    void ipsec(List<String> notes) {
      List<IpsecFilter> filters = new ArrayList<>();
      Map<IpsecFilter, SourceSpan> origins = new HashMap<>();
      for (HostIpsecFilter f : host.state().ipsecFilters()) {
        filters.add(f.filter());
        for (IpsecFilter d : f.filter().directional()) {
          origins.putIfAbsent(d, f.origin());
        }
      }
      IpsecExemptions exemptions = IpsecExemptions.DEFAULT;
      // A filter whose destination is an address block applies only if the block holds one of
      // this computer's addresses, which the inputs do not say: read like a host condition
      // (IpsecTranslationCheck). "Match": it does.
      IpsecEvaluator notMine = IpsecEvaluator.of(filters, exemptions);
      IpsecEvaluator mine = notMine;
      if (!notMine.unevaluated().isEmpty()) {
        List<IpsecFilter> all = new ArrayList<>(notMine.inboundFilters());
        for (IpsecFilter f : notMine.unevaluated()) {
          IpsecFilter asMine = new IpsecFilter(f.source(), IpsecAddress.me(), f.protocol(),
              f.sourcePort(), f.destinationPort(), false, f.action());
          all.add(asMine);
          origins.putIfAbsent(asMine, origins.getOrDefault(f, SourceSpan.UNKNOWN));
        }
        mine = IpsecEvaluator.of(all, exemptions);
      }
      boolean v6 = false;
      for (Protocol protocol : Protocol.values()) {
        List<IpsecSlice> sm = mine.slices(protocol.number());
        List<IpsecSlice> sn = mine == notMine ? sm : notMine.slices(protocol.number());
        for (Profile profile : Profile.values()) {
          v6 |= ipsec(profile, protocol, map.slices(profile, protocol), sm, sn, mine, notMine,
              origins);
        }
      }
      notes.add("legacy IPsec has no profiles: the host's filters are compared in each profile"
          + " (windows-semantics.md 5)");
      if (v6) {
        notes.add("IPv6 not compared: the legacy IPsec Policy Agent filters IPv4 only");
      }
    }

    /** Returns whether the policy manages IPv6 addresses here (not compared). */
    private boolean ipsec(
        Profile profile,
        Protocol protocol,
        List<PortSlice> policy,
        List<IpsecSlice> hostM,
        List<IpsecSlice> hostN,
        IpsecEvaluator m,
        IpsecEvaluator n,
        Map<IpsecFilter, SourceSpan> origins) {
      boolean v6 = false;
      int i = 0;
      int j = 0;
      int k = 0;
      int port = 0;
      while (port <= PortRange.MAX_PORT) {
        PortSlice p = policy.get(i);
        IpsecSlice sm = hostM.get(j);
        IpsecSlice sn = hostN.get(k);
        int last = Math.min(p.ports().last(), Math.min(sm.ports().last(), sn.ports().last()));
        PortRange piece = PortRange.of(port, last);
        if (p.managed() || alsoUnmanaged) {
          v6 |= p.managed();
          // Atoms: (policy rule, decision, verdict if mine, verdict if not) -> IPv4 addresses.
          Map<List<Object>, AddressSet.Accumulator> atoms = new LinkedHashMap<>();
          List<AddressRegion> regions = p.managed() ? p.regions() : UNMANAGED_V4;
          walk3(regions, sm.regions(), sn.regions(), atoms);
          for (Map.Entry<List<Object>, AddressSet.Accumulator> a : atoms.entrySet()) {
            int rule = (Integer) a.getKey().get(0);
            Decision policyDecision = (Decision) a.getKey().get(1);
            IpsecVerdict vm = (IpsecVerdict) a.getKey().get(2);
            IpsecVerdict vn = (IpsecVerdict) a.getKey().get(3);
            AddressSet region = a.getValue().build().intersect(AddressLimits.FILTERED);
            if (region.isEmpty()) {
              continue;
            }
            String dm = keyword(vm);
            String dn = keyword(vn);
            if (policyDecision == Decision.UNMANAGED) {
              boolean match = assumption.orElse(HostCondition.ASSUME_MATCH) == HostCondition.ASSUME_MATCH;
              IpsecVerdict v = match ? vm : vn;
              if (v.passes()) {
                add(new Line(Kind.OPENING, protocol, Decision.UNMANAGED, -2,
                    ipsecAnswer(match ? m : n, v, region, protocol, piece, origins), null, region),
                    profile, piece);
              }
              continue;
            }
            if (assumption.isPresent() || dm.equals(dn)) {
              boolean match = assumption.orElse(HostCondition.ASSUME_MATCH) == HostCondition.ASSUME_MATCH;
              IpsecVerdict v = match ? vm : vn;
              if (!keyword(v).equals(policyDecision.keyword())) {
                add(new Line(Kind.DIFFERENCE, protocol, policyDecision, rule,
                    ipsecAnswer(match ? m : n, v, region, protocol, piece, origins), null, region),
                    profile, piece);
              }
            } else {
              add(new Line(Kind.UNKNOWN, protocol, policyDecision, rule,
                  ipsecAnswer(m, vm, region, protocol, piece, origins),
                  ipsecAnswer(n, vn, region, protocol, piece, origins), region), profile, piece);
            }
          }
        }
        if (last == p.ports().last()) {
          i++;
        }
        if (last == sm.ports().last()) {
          j++;
        }
        if (last == sn.ports().last()) {
          k++;
        }
        port = last + 1;
      }
      return v6;
    }

    /** Walks the policy's IPv4 regions and both readings' regions together. */
    private void walk3(
        List<AddressRegion> policy,
        List<IpsecRegion> m,
        List<IpsecRegion> n,
        Map<List<Object>, AddressSet.Accumulator> atoms) {
      int i = 0;
      int j = 0;
      int k = 0;
      while (i < policy.size() && j < m.size() && k < n.size()) {
        AddressRegion e = policy.get(i);
        if (e.range().family() != IpFamily.IPV4) {
          break;
        }
        IpsecRegion a = m.get(j);
        IpsecRegion b = n.get(k);
        Ip first = max(e.range().first(), max(a.range().first(), b.range().first()));
        Ip last = min(e.range().last(), min(a.range().last(), b.range().last()));
        int rule = e.rule().map(Rule::index).orElse(e.decision() == Decision.UNMANAGED ? -2 : -1);
        atoms
            .computeIfAbsent(List.of(rule, e.decision(), a.verdict(), b.verdict()),
                x -> new AddressSet.Accumulator())
            .addV4(first.lo(), last.lo());
        if (e.range().last().equals(last)) {
          i++;
        }
        if (a.range().last().equals(last)) {
          j++;
        }
        if (b.range().last().equals(last)) {
          k++;
        }
      }
    }

    private HostAnswer ipsecAnswer(
        IpsecEvaluator e,
        IpsecVerdict verdict,
        AddressSet region,
        Protocol protocol,
        PortRange piece,
        Map<IpsecFilter, SourceSpan> origins) {
      Set<HostCause> causes = new LinkedHashSet<>();
      if (verdict == IpsecVerdict.NO_MATCH) {
        causes.add(new HostCause("no filter matches", SourceSpan.UNKNOWN, true, ""));
      } else if (verdict == IpsecVerdict.EXEMPT) {
        causes.add(new HostCause("exempt from IPsec filtering (windows-semantics.md 5.5 rule 6)",
            SourceSpan.UNKNOWN, true, ""));
      } else {
        int seen = 0;
        for (IpRange r : region.ranges()) {
          if (r.family() != IpFamily.IPV4 || seen++ >= 64) {
            break;
          }
          for (IpsecFilter f : e.decide(r.first().lo(), protocol.number(), piece.first()).deciding()) {
            causes.add(new HostCause(f.toString(), origins.getOrDefault(f, SourceSpan.UNKNOWN),
                false, ""));
          }
        }
      }
      return new HostAnswer(keyword(verdict), new ArrayList<>(causes));
    }

    private static String keyword(IpsecVerdict v) {
      if (v.passes()) {
        return "allow";
      }
      return v.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // Shared --------------------------------------------------------------------------------------

    private AddressSet[] policySets(PortSlice p) {
      return policySets.computeIfAbsent(
          p.regions(),
          r ->
              new AddressSet[] {
                p.allowed().intersect(AddressLimits.FILTERED),
                p.blocked().intersect(AddressLimits.FILTERED)
              });
    }

    /** {@code region} split by the policy rule deciding each part (-1: the policy default). */
    private static Map<Integer, AddressSet> byPolicyRule(PortSlice p, AddressSet region) {
      Map<Integer, AddressSet.Accumulator> acc = new LinkedHashMap<>();
      List<AddressRegion> regions = p.regions();
      int from = 0;
      AddressRegion r = null;
      for (IpRange w : region.ranges()) {
        // The wanted ranges are sorted: search only after where the previous one ended.
        if (r == null || r.range().last().compareTo(w.first()) < 0) {
          from = indexOf(regions, w.first(), from);
          r = regions.get(from);
        }
        for (int i = from; ; ) {
          if (r.range().first().compareTo(w.last()) > 0) {
            break;
          }
          Ip first = max(r.range().first(), w.first());
          Ip last = min(r.range().last(), w.last());
          int rule = r.rule().map(Rule::index).orElse(-1);
          acc.computeIfAbsent(rule, x -> new AddressSet.Accumulator()).add(new IpRange(first, last));
          if (r.range().last().compareTo(w.last()) >= 0 || i + 1 == regions.size()) {
            break;
          }
          from = ++i;
          r = regions.get(i);
        }
      }
      Map<Integer, AddressSet> out = new LinkedHashMap<>();
      acc.forEach((k, v) -> out.put(k, v.build()));
      return out;
    }

    /** The index of the region holding {@code ip} (regions sorted, covering both families). */
    private static int indexOf(List<AddressRegion> regions, Ip ip, int from) {
      int lo = from;
      int hi = regions.size() - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (regions.get(mid).range().first().compareTo(ip) <= 0) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return lo;
    }

    private Decision decisionOf(int rule) {
      if (rule >= 0) {
        return rules.get(rule).action().decision();
      }
      return map.policy().defaultAction().decision();
    }

    private void add(Line line, Profile profile, PortRange piece) {
      lines
          .computeIfAbsent(line, l -> new EnumMap<>(Profile.class))
          .computeIfAbsent(profile, x -> new ArrayList<>())
          .add(piece);
    }

    Report report(Model model, List<Profile> assumedDefaults, List<String> notes) {
      // Lines of equal content and ports join across profiles.
      Map<List<Object>, Set<Profile>> merged = new LinkedHashMap<>();
      for (Map.Entry<Line, Map<Profile, List<PortRange>>> e : lines.entrySet()) {
        for (Map.Entry<Profile, List<PortRange>> pe : e.getValue().entrySet()) {
          List<Object> id = List.of(e.getKey(), PortSet.of(pe.getValue()));
          merged.computeIfAbsent(id, k -> EnumSet.noneOf(Profile.class)).add(pe.getKey());
        }
      }
      List<Difference> differences = new ArrayList<>();
      List<Unknown> unknown = new ArrayList<>();
      List<Opening> openings = new ArrayList<>();
      for (Map.Entry<List<Object>, Set<Profile>> e : merged.entrySet()) {
        Line l = (Line) e.getKey().get(0);
        PortSet ports = (PortSet) e.getKey().get(1);
        Set<Profile> profiles = e.getValue();
        PolicyAnswer policy =
            new PolicyAnswer(l.policy(), Optional.ofNullable(rules.get(l.rule())));
        switch (l.kind()) {
          case DIFFERENCE -> differences.add(
              new Difference(l.addresses(), l.protocol(), ports, profiles, policy, l.a()));
          case UNKNOWN -> unknown.add(
              new Unknown(l.addresses(), l.protocol(), ports, profiles, policy, l.a(), l.b()));
          case OPENING -> openings.add(
              new Opening(l.addresses(), l.protocol(), ports, profiles, l.a()));
        }
      }
      differences.sort(Comparator.comparing((Difference d) -> d.protocol())
          .thenComparing(d -> d.ports().ranges().get(0))
          .thenComparing(d -> d.addresses().ranges().get(0))
          .thenComparing(d -> profileBits(d.profiles())));
      unknown.sort(Comparator.comparing((Unknown d) -> d.protocol())
          .thenComparing(d -> d.ports().ranges().get(0))
          .thenComparing(d -> d.addresses().ranges().get(0))
          .thenComparing(d -> profileBits(d.profiles())));
      openings.sort(Comparator.comparing((Opening d) -> d.protocol())
          .thenComparing(d -> d.ports().ranges().get(0))
          .thenComparing(d -> d.addresses().ranges().get(0))
          .thenComparing(d -> profileBits(d.profiles())));
      return new Report(model, assumption, differences, unknown, openings, assumedDefaults, notes);
    }
  }

  private static final List<AddressRegion> UNMANAGED_V4 =
      List.of(new AddressRegion(IpRange.all(IpFamily.IPV4), Decision.UNMANAGED, Optional.empty()));

  /** {@code 10.1.2.0-10.1.255.255 tcp/135,5001-5021 domain,private,public}. */
  static String head(AddressSet addresses, Protocol protocol, PortSet ports, Set<Profile> profiles) {
    return addresses.ranges().stream().map(IpRange::toString).collect(Collectors.joining(","))
        + " "
        + protocol.keyword()
        + "/"
        + ports
        + " "
        + profiles.stream().sorted().map(Profile::keyword).collect(Collectors.joining(","));
  }

  /** {@code allowed by "Open RPC" file.cmd:12; no Block rule matches}. */
  static String explain(Model model, HostAnswer host) {
    List<HostCause> rules = host.rules();
    String list = rules.stream().limit(5).map(HostCause::describe).collect(Collectors.joining(", "))
        + (rules.size() > 5 ? " and " + (rules.size() - 5) + " more" : "");
    switch (host.decision()) {
      case "allow":
        if (model == Model.IPSEC) {
          return "passed: " + list;
        }
        return "allowed by " + list + "; no Block rule matches";
      case "block":
        return "blocked by " + list;
      default:
        return host.decision() + ": " + list;
    }
  }

  private static int profileBits(Set<Profile> profiles) {
    int bits = 0;
    for (Profile p : profiles) {
      bits |= p.bit();
    }
    return bits;
  }

  private static Ip max(Ip a, Ip b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Ip min(Ip a, Ip b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
