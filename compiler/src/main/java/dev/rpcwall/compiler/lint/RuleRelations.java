package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.HostCondition;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks of rules against each other: duplicate (RWL0202), redundant (RWL0203), dead-allow
 * (RWL0201).
 *
 * <p>A rule's match set is a product: profiles, protocol, local and remote ports, local and remote
 * addresses, and its host conditions (program, service, other conditions). One rule covers another
 * exactly when it covers it in every dimension (the covered rule matching something), so {@code
 * redundant} compares dimension by dimension; keywords are compared as symbols (a keyword covers
 * itself; a full port or address set covers every keyword), host conditions by equality (no
 * condition covers any).
 *
 * <p>{@code dead-allow} compares the Allow rule's footprint (its host conditions read as matching:
 * what it can ever admit) with the footprints of the Block rules, per profile where both are
 * enforced and per protocol, cutting ports and addresses at every rule boundary into cells (never
 * enumerating addresses). First with the Block rules' host conditions read as not matching (then
 * the Allow rule is dead whatever the host); else with them matching ("depends on the host"). The
 * blocking set named is the smallest one: exact for up to {@link #EXACT_LIMIT} candidate Block rules,
 * else a greedy set cover (which can name more rules than needed; the finding says so).
 */
final class RuleRelations {
  private RuleRelations() {}

  /** Up to this many candidate Block rules, the smallest blocking set is found exactly. */
  static final int EXACT_LIMIT = 16;

  /** Cells of one Allow rule beyond which dead-allow gives up on it (no finding). */
  static final int CELL_LIMIT = 200_000;

  static void run(HostModel m, List<Finding> out) {
    List<WfasRule> rules = m.host.rules();
    Set<Integer> duplicates = duplicates(rules, out);
    redundant(rules, duplicates, out);
    deadAllow(m, out);
  }

  // --- duplicate -------------------------------------------------------------------------------

  /** What a rule does, without its name, description, group and origin. */
  record Meaning(
      Direction direction,
      RuleAction action,
      int protocol,
      PortCondition localPorts,
      PortCondition remotePorts,
      AddressCondition localAddresses,
      AddressCondition remoteAddresses,
      Set<Profile> profiles,
      boolean enabled,
      Optional<String> program,
      Optional<String> service,
      Set<String> other) {
    static Meaning of(WfasRule r) {
      return new Meaning(r.direction(), r.action(), r.protocol(), r.localPorts(), r.remotePorts(),
          r.localAddresses(), r.remoteAddresses(), profileSet(r), r.enabled(),
          r.program().map(s -> s.toLowerCase(Locale.ROOT)),
          r.service().map(s -> s.toLowerCase(Locale.ROOT)), Set.copyOf(r.otherConditions()));
    }
  }

  static Set<Profile> profileSet(WfasRule r) {
    return r.profiles().isEmpty() ? EnumSet.allOf(Profile.class) : EnumSet.copyOf(r.profiles());
  }

  /** Reports every enabled rule that repeats an earlier one; returns their positions. */
  static Set<Integer> duplicates(List<WfasRule> rules, List<Finding> out) {
    Map<Meaning, Integer> first = new HashMap<>();
    Set<Integer> dup = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      WfasRule r = rules.get(i);
      if (!r.enabled()) {
        continue;
      }
      Integer earlier = first.putIfAbsent(Meaning.of(r), i);
      if (earlier != null) {
        WfasRule e = rules.get(earlier);
        dup.add(i);
        out.add(LintCatalog.DUPLICATE.finding(r.origin(),
            HostModel.describe(r) + " duplicates " + HostModel.describe(e),
            List.of(new Evidence(HostModel.describe(r), r.origin()),
                new Evidence("same direction, action, protocol, ports, addresses, profiles and"
                    + " conditions as " + HostModel.describe(e), e.origin()))));
      }
    }
    return dup;
  }

  // --- redundant -------------------------------------------------------------------------------

  static void redundant(List<WfasRule> rules, Set<Integer> duplicates, List<Finding> out) {
    int n = rules.size();
    Meaning[] meanings = new Meaning[n];
    List<PortSet> localPorts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      WfasRule r = rules.get(i);
      meanings[i] = Meaning.of(r);
      localPorts.add(!r.enabled() ? null : r.localPorts().any() ? PortSet.all() : explicit(r.localPorts()));
    }
    // A covering rule holds the covered rule's first explicit local port (or every port).
    PortIndex index = new PortIndex(localPorts);
    int[] everyone = new int[n];
    for (int i = 0; i < n; i++) {
      everyone[i] = i;
    }
    for (int i = 0; i < n; i++) {
      WfasRule r = rules.get(i);
      if (!r.enabled() || duplicates.contains(i) || matchesNothing(r)) {
        continue;
      }
      PortSet own = r.localPorts().any() ? PortSet.all() : explicit(r.localPorts());
      int[] candidates = own.isEmpty() ? everyone : index.at(own.ranges().get(0).first());
      for (int j : candidates) {
        WfasRule q = rules.get(j);
        if (i == j || !q.enabled() || meanings[j].equals(meanings[i]) || !covers(q, r)) {
          continue;
        }
        // Two rules that cover each other: the later one is reported, once.
        if (j > i && covers(r, q)) {
          continue;
        }
        out.add(LintCatalog.REDUNDANT.finding(r.origin(),
            HostModel.describe(r) + " is covered by " + HostModel.describe(q),
            List.of(new Evidence(HostModel.describe(r) + ": " + summary(r), r.origin()),
                new Evidence(HostModel.describe(q) + " (same action) matches all of it: "
                    + summary(q), q.origin()))));
        break;
      }
    }
  }

  /** Whether a rule can never match a packet the firewall filters. */
  static boolean matchesNothing(WfasRule r) {
    return emptyPorts(r.localPorts()) || emptyPorts(r.remotePorts())
        || emptyAddresses(r.localAddresses()) || emptyAddresses(r.remoteAddresses());
  }

  private static boolean emptyPorts(PortCondition c) {
    return !c.any() && c.ports().isEmpty() && c.keywords().isEmpty();
  }

  private static boolean emptyAddresses(AddressCondition c) {
    return !c.any() && c.keywords().isEmpty()
        && c.addresses().minus(AddressLimits.LOOPBACK).isEmpty();
  }

  /** Whether every packet {@code r} matches, {@code q} matches too (see class comment). */
  static boolean covers(WfasRule q, WfasRule r) {
    return q.direction() == r.direction()
        && q.action() == r.action()
        && profileSet(q).containsAll(profileSet(r))
        && (q.protocol() == WfasRule.ANY_PROTOCOL || q.protocol() == r.protocol())
        && coversPorts(q.localPorts(), r.localPorts())
        && coversPorts(q.remotePorts(), r.remotePorts())
        && coversAddresses(q.localAddresses(), r.localAddresses())
        && coversAddresses(q.remoteAddresses(), r.remoteAddresses())
        && condition(q.program(), r.program())
        && condition(q.service(), r.service())
        && r.otherConditions().containsAll(q.otherConditions());
  }

  private static boolean condition(Optional<String> q, Optional<String> r) {
    return q.isEmpty() || (r.isPresent() && q.get().equalsIgnoreCase(r.get()));
  }

  /** Explicit ports with RPC-EPMap as 135 (windows-semantics.md 2.4 rule 1). */
  private static PortSet explicit(PortCondition c) {
    return c.keywords().contains(PortKeyword.RPC_EPMAP)
        ? c.ports().union(PortSet.of(Footprint.EPMAP_PORT))
        : c.ports();
  }

  static boolean coversPorts(PortCondition q, PortCondition r) {
    if (q.any()) {
      return true;
    }
    PortSet qp = explicit(q);
    if (qp.isAll()) {
      return true;
    }
    if (r.any()) {
      return false;
    }
    Set<PortKeyword> rk = EnumSet.noneOf(PortKeyword.class);
    rk.addAll(r.keywords());
    rk.remove(PortKeyword.RPC_EPMAP);
    return qp.containsAll(explicit(r)) && q.keywords().containsAll(rk);
  }

  static boolean coversAddresses(AddressCondition q, AddressCondition r) {
    if (q.any()) {
      return true;
    }
    AddressSet filtered = AddressSet.all().minus(AddressLimits.LOOPBACK);
    if (q.addresses().containsAll(filtered)) {
      return true;
    }
    if (r.any()) {
      return false;
    }
    return q.addresses().containsAll(r.addresses().minus(AddressLimits.LOOPBACK))
        && q.keywords().containsAll(r.keywords());
  }

  static String summary(WfasRule r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.direction() == Direction.IN ? "in " : "out ").append(r.action().name().toLowerCase(Locale.ROOT));
    sb.append(" protocol ").append(r.protocol() == WfasRule.ANY_PROTOCOL ? "any" : Integer.toString(r.protocol()));
    sb.append(" localport ").append(ports(r.localPorts()));
    if (!r.remotePorts().any()) {
      sb.append(" remoteport ").append(ports(r.remotePorts()));
    }
    sb.append(" remoteip ").append(addresses(r.remoteAddresses()));
    if (!r.localAddresses().any()) {
      sb.append(" localip ").append(addresses(r.localAddresses()));
    }
    sb.append(" profiles ").append(r.profiles().isEmpty() ? "any" : profileList(r.profiles()));
    r.program().ifPresent(p -> sb.append(" program ").append(p));
    r.service().ifPresent(s -> sb.append(" service ").append(s));
    if (!r.otherConditions().isEmpty()) {
      sb.append(" and ").append(String.join(", ", r.otherConditions()));
    }
    return sb.toString();
  }

  private static String profileList(Set<Profile> ps) {
    List<String> out = new ArrayList<>();
    for (Profile p : Profile.values()) {
      if (ps.contains(p)) {
        out.add(p.keyword());
      }
    }
    return String.join(",", out);
  }

  static String ports(PortCondition c) {
    if (c.any()) {
      return "any";
    }
    List<String> parts = new ArrayList<>();
    if (!c.ports().isEmpty()) {
      parts.add(c.ports().toString());
    }
    for (PortKeyword k : c.keywords()) {
      parts.add(k == PortKeyword.RPC_EPMAP ? "RPC-EPMap" : k.name());
    }
    return String.join(",", parts);
  }

  static String addresses(AddressCondition c) {
    if (c.any()) {
      return "any";
    }
    List<String> parts = new ArrayList<>();
    if (!c.addresses().isEmpty()) {
      parts.add(AddressText.of(c.addresses(), AddressSet.empty()));
    }
    for (var k : c.keywords()) {
      parts.add(k.name());
    }
    return String.join(",", parts);
  }

  // --- dead-allow ------------------------------------------------------------------------------

  private record Context(Profile profile, Protocol protocol, Footprint allow) {}

  static void deadAllow(HostModel m, List<Finding> out) {
    List<WfasRule> rules = m.host.rules();
    List<WfasRule> blocks = new ArrayList<>();
    for (WfasRule r : rules) {
      if (r.enabled() && r.direction() == Direction.IN && r.action() == RuleAction.BLOCK) {
        blocks.add(r);
      }
    }
    if (blocks.isEmpty()) {
      return;
    }
    for (WfasRule a : rules) {
      if (!a.enabled() || a.direction() != Direction.IN || a.action() != RuleAction.ALLOW) {
        continue;
      }
      List<Context> contexts = new ArrayList<>();
      for (Profile p : Profile.values()) {
        if (!m.enforcedIn(a, p)) {
          continue;
        }
        for (Protocol t : Protocol.values()) {
          Footprint f = m.footprint(a, t, HostCondition.ASSUME_MATCH);
          if (f != null) {
            contexts.add(new Context(p, t, f));
          }
        }
      }
      if (contexts.isEmpty()) {
        continue;
      }
      for (HostCondition reading : new HostCondition[] {HostCondition.ASSUME_NO_MATCH, HostCondition.ASSUME_MATCH}) {
        Cover cover = cover(m, contexts, reading);
        if (cover == null) {
          continue;
        }
        out.add(finding(m, a, cover, reading));
        break;
      }
    }
  }

  /** The chosen blocking rules, and whether the choice is provably the smallest. */
  record Cover(List<WfasRule> rules, boolean exact) {}

  /**
   * The smallest set of {@code blocks} whose footprints under {@code reading} cover the Allow
   * rule's footprint in every context, or null when they do not cover it.
   */
  static Cover cover(HostModel m, List<Context> contexts, HostCondition reading) {
    List<WfasRule> candidates = new ArrayList<>();
    Map<WfasRule, Integer> index = new java.util.IdentityHashMap<>();
    // Per context, the candidates' footprints.
    List<List<Object[]>> perContext = new ArrayList<>();
    for (Context c : contexts) {
      List<Object[]> here = new ArrayList<>();
      HostModel.Indexed bl = m.blocks(c.profile(), c.protocol(), reading);
      for (int k : bl.index().overlapping(c.allow().ports())) {
        HostModel.RuleFootprint rf = bl.list().get(k);
        Footprint fb = rf.footprint();
        if (!fb.remote().intersects(c.allow().remote())) {
          continue;
        }
        WfasRule b = rf.rule();
        Integer i = index.get(b);
        if (i == null) {
          i = candidates.size();
          index.put(b, i);
          candidates.add(b);
        }
        here.add(new Object[] {i, fb});
      }
      if (here.isEmpty()) {
        return null;
      }
      perContext.add(here);
    }
    Set<BitSet> masks = new HashSet<>();
    int cells = 0;
    for (int ci = 0; ci < contexts.size(); ci++) {
      Footprint fa = contexts.get(ci).allow();
      List<Object[]> here = perContext.get(ci);
      TreeSet<Integer> cuts = new TreeSet<>();
      addPortCuts(cuts, fa.ports());
      for (Object[] h : here) {
        addPortCuts(cuts, ((Footprint) h[1]).ports());
      }
      for (PortRange r : fa.ports().ranges()) {
        for (Integer a = r.first(); a != null && a <= r.last(); a = cuts.higher(a)) {
          List<Object[]> active = new ArrayList<>();
          for (Object[] h : here) {
            if (((Footprint) h[1]).ports().contains(a)) {
              active.add(h);
            }
          }
          if (active.isEmpty()) {
            return null;
          }
          TreeSet<Ip> acuts = new TreeSet<>();
          addAddressCuts(acuts, fa.remote());
          for (Object[] h : active) {
            addAddressCuts(acuts, ((Footprint) h[1]).remote());
          }
          for (IpRange ar : fa.remote().ranges()) {
            for (Ip x = ar.first(); x != null && x.compareTo(ar.last()) <= 0; x = acuts.higher(x)) {
              BitSet mask = new BitSet();
              for (Object[] h : active) {
                if (((Footprint) h[1]).remote().contains(x)) {
                  mask.set((Integer) h[0]);
                }
              }
              if (mask.isEmpty()) {
                return null;
              }
              masks.add(mask);
              if (++cells > CELL_LIMIT) {
                return null;
              }
            }
          }
        }
      }
    }
    int n = candidates.size();
    BitSet chosen = n <= EXACT_LIMIT ? exactCover(n, masks) : greedyCover(masks);
    List<WfasRule> out = new ArrayList<>();
    for (int i = chosen.nextSetBit(0); i >= 0; i = chosen.nextSetBit(i + 1)) {
      out.add(candidates.get(i));
    }
    return new Cover(out, n <= EXACT_LIMIT);
  }

  private static void addPortCuts(TreeSet<Integer> cuts, PortSet ports) {
    for (PortRange r : ports.ranges()) {
      cuts.add(r.first());
      if (r.last() < PortRange.MAX_PORT) {
        cuts.add(r.last() + 1);
      }
    }
  }

  private static void addAddressCuts(TreeSet<Ip> cuts, AddressSet set) {
    for (IpRange r : set.ranges()) {
      cuts.add(r.first());
      if (!r.last().isMax()) {
        cuts.add(r.last().next());
      }
    }
  }

  /** The smallest set of candidates (lowest positions first among equals) hitting every mask. */
  static BitSet exactCover(int n, Set<BitSet> masks) {
    List<long[]> words = new ArrayList<>();
    for (BitSet b : masks) {
      words.add(b.toLongArray());
    }
    for (int k = 1; k <= n; k++) {
      for (long s = 0; s < (1L << n); s++) {
        if (Long.bitCount(s) != k) {
          continue;
        }
        boolean all = true;
        for (long[] w : words) {
          if (w.length == 0 || (w[0] & s) == 0) {
            all = false;
            break;
          }
        }
        if (all) {
          return BitSet.valueOf(new long[] {s});
        }
      }
    }
    throw new IllegalStateException("every mask is non-empty, so all candidates cover them");
  }

  /** Greedy set cover: repeatedly the candidate hitting most masks not yet hit. */
  static BitSet greedyCover(Set<BitSet> masks) {
    List<BitSet> left = new ArrayList<>(masks);
    BitSet chosen = new BitSet();
    while (!left.isEmpty()) {
      Map<Integer, Integer> counts = new HashMap<>();
      for (BitSet b : left) {
        for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
          counts.merge(i, 1, Integer::sum);
        }
      }
      int best = -1;
      int bestCount = -1;
      for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
        if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
          best = e.getKey();
          bestCount = e.getValue();
        }
      }
      chosen.set(best);
      final int pick = best;
      left.removeIf(b -> b.get(pick));
    }
    return chosen;
  }

  private static Finding finding(HostModel m, WfasRule a, Cover cover, HostCondition reading) {
    List<Evidence> ev = new ArrayList<>();
    ev.add(new Evidence(HostModel.describe(a) + ": " + summary(a), a.origin()));
    List<String> names = new ArrayList<>();
    for (WfasRule b : cover.rules()) {
      names.add(HostModel.describe(b));
      ev.add(new Evidence("Block " + HostModel.describe(b) + ": " + summary(b), b.origin()));
    }
    if (!cover.exact()) {
      ev.add(new Evidence("more than " + EXACT_LIMIT + " Block rules overlap it: the set named is"
          + " a greedy cover, a smaller one may exist", SourceSpan.UNKNOWN));
    }
    boolean hostDependent = reading == HostCondition.ASSUME_MATCH;
    if (hostDependent) {
      ev.add(new Evidence("depends on the host: only if the Block rules' host conditions"
          + " (program, service, keywords, ...) match the Allow rule's traffic", SourceSpan.UNKNOWN));
    }
    return LintCatalog.DEAD_ALLOW.finding(a.origin(),
        HostModel.describe(a) + " never allows anything: " + String.join(", ", names)
            + (cover.rules().size() == 1 ? " blocks" : " block") + " all it matches"
            + (hostDependent ? " (depends on the host)" : ""),
        ev);
  }
}
