package dev.rpcwall.compiler.verify;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecEvaluator;
import dev.rpcwall.compiler.model.ipsec.IpsecExemptions;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecRegion;
import dev.rpcwall.compiler.model.ipsec.IpsecSlice;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.model.ipsec.IpsecVerdict;
import dev.rpcwall.compiler.semantics.AddressRegion;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSlice;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translation validation for the legacy IPsec family (issue 6 point 4): the filters a script
 * leaves on a host ({@link IpsecStore#effectiveFilters()}: the assigned static policy and the
 * dynamic filters, windows-semantics.md 5.1) evaluated by {@link IpsecEvaluator}, compared with the
 * policy's decision function for every protocol (tcp, udp), every local port 0-65535 and every
 * remote IPv4 address, region by region: the port cuts are both sides' slice boundaries, the
 * address cuts both sides' region boundaries, so nothing is sampled.
 *
 * <p>A region is right when: the policy allows and the agent passes (a PASS filter, no filter, or
 * an exempt flow); the policy blocks and a BLOCK filter decides; the policy leaves the port
 * unmanaged and no filter decides (no match, or exempt). Anything else is a mismatch; an {@link
 * IpsecVerdict#AMBIGUOUS} verdict (two matching filters, neither strictly more specific, 5.5 rule
 * 3), a verdict that depends on the remote port, and NEGOTIATE always are.
 *
 * <p>Legacy IPsec has no profiles: the policy must decide alike in all three, so it is compared
 * in each (a profile-dependent policy mismatches in one of them). IPv4 only: the agent filters no
 * IPv6 (a policy deciding IPv6 is refused by the lowering unless the IPv6 part is left out on
 * purpose, RW2301).
 *
 * <p>A filter whose destination is an address block applies only if that block holds one of this
 * computer's addresses, which is not known here: such filters are read both ways (the block is not
 * this computer's; it is) and a region counts as right only if both readings agree with the
 * policy. rpcwall's own lowering never writes them.
 */
public final class IpsecTranslationCheck {
  private IpsecTranslationCheck() {}

  /** {@link #check(DecisionMap, IpsecStore, IpsecExemptions)} with the default exemptions. */
  public static List<IpsecMismatch> check(DecisionMap map, IpsecStore store) {
    return check(map, store, IpsecExemptions.DEFAULT);
  }

  /** Every mismatch, ordered by reading, protocol, port and address; empty when exact. */
  public static List<IpsecMismatch> check(
      DecisionMap map, IpsecStore store, IpsecExemptions exemptions) {
    requireNonNull(map, "map");
    requireNonNull(store, "store");
    List<IpsecFilter> effective = store.effectiveFilters();
    IpsecEvaluator notMine = IpsecEvaluator.of(effective, exemptions);
    List<Reading> readings = new ArrayList<>();
    readings.add(new Reading(notMine.unevaluated().isEmpty() ? "" : "address-block destinations"
        + " not this computer", notMine));
    if (!notMine.unevaluated().isEmpty()) {
      List<IpsecFilter> mine = new ArrayList<>(notMine.inboundFilters());
      for (IpsecFilter f : notMine.unevaluated()) {
        mine.add(new IpsecFilter(f.source(), IpsecAddress.me(), f.protocol(), f.sourcePort(),
            f.destinationPort(), false, f.action()));
      }
      readings.add(new Reading("address-block destinations this computer",
          IpsecEvaluator.of(mine, exemptions)));
    }
    Set<IpsecMismatch> out = new LinkedHashSet<>();
    for (Reading reading : readings) {
      for (Protocol protocol : Protocol.values()) {
        List<IpsecSlice> actual = reading.evaluator.slices(protocol.number());
        // The profiles' slices share region lists where they decide alike (DecisionMap).
        Map<List<AddressRegion>, Map<IpsecSlice, List<Wrong>>> cache = new IdentityHashMap<>();
        for (Profile profile : Profile.values()) {
          compare(reading, protocol, map.slices(profile, protocol), actual, cache, out);
        }
      }
    }
    List<IpsecMismatch> sorted = new ArrayList<>(out);
    sorted.sort(
        Comparator.comparing(IpsecMismatch::reading)
            .thenComparing(IpsecMismatch::protocol)
            .thenComparing(IpsecMismatch::ports)
            .thenComparing(IpsecMismatch::addresses));
    return sorted;
  }

  private record Reading(String name, IpsecEvaluator evaluator) {}

  /** A wrong address interval of one (policy slice, filter slice) pair. */
  private record Wrong(IpRange range, Decision expected, IpsecVerdict actual) {}

  private static void compare(
      Reading reading,
      Protocol protocol,
      List<PortSlice> policy,
      List<IpsecSlice> actual,
      Map<List<AddressRegion>, Map<IpsecSlice, List<Wrong>>> cache,
      Set<IpsecMismatch> out) {
    int i = 0;
    int j = 0;
    int port = 0;
    List<AddressRegion> unmanaged = List.of();
    while (port <= PortRange.MAX_PORT) {
      PortSlice p = policy.get(i);
      IpsecSlice a = actual.get(j);
      int last = Math.min(p.ports().last(), a.ports().last());
      // Unmanaged slices have no regions; one shared empty list stands for all of them.
      List<AddressRegion> key = p.managed() ? p.regions() : unmanaged;
      List<Wrong> wrong =
          cache
              .computeIfAbsent(key, k -> new IdentityHashMap<>())
              .computeIfAbsent(a, s -> wrong(p, s));
      PortRange ports = PortRange.of(port, last);
      for (Wrong w : wrong) {
        List<IpsecFilter> deciding =
            reading.evaluator.decide(w.range.first().lo(), protocol.number(), port).deciding();
        out.add(new IpsecMismatch(reading.name, protocol, ports, w.range, w.expected, w.actual,
            deciding));
      }
      if (last == p.ports().last()) {
        i++;
      }
      if (last == a.ports().last()) {
        j++;
      }
      port = last + 1;
    }
  }

  /** The IPv4 intervals where {@code filters} decide otherwise than {@code policy}. */
  private static List<Wrong> wrong(PortSlice policy, IpsecSlice filters) {
    List<Wrong> out = new ArrayList<>();
    List<IpsecRegion> actual = filters.regions();
    if (!policy.managed()) {
      for (IpsecRegion r : actual) {
        if (!right(Decision.UNMANAGED, r.verdict())) {
          add(out, r.range(), Decision.UNMANAGED, r.verdict());
        }
      }
      return out;
    }
    List<AddressRegion> expected = policy.regions();
    // Both lists are sorted and cover IPv4 (the policy's also IPv6, after IPv4): walk them together.
    int i = 0;
    int j = 0;
    while (i < expected.size() && j < actual.size()) {
      AddressRegion e = expected.get(i);
      if (e.range().family() != IpFamily.IPV4) {
        break;
      }
      IpsecRegion a = actual.get(j);
      Ip first = max(e.range().first(), a.range().first());
      Ip last = min(e.range().last(), a.range().last());
      if (!right(e.decision(), a.verdict())) {
        add(out, new IpRange(first, last), e.decision(), a.verdict());
      }
      int c = e.range().last().compareTo(a.range().last());
      if (c <= 0) {
        i++;
      }
      if (c >= 0) {
        j++;
      }
    }
    return out;
  }

  /** Appends, merging with the previous interval when adjacent and alike. */
  private static void add(List<Wrong> out, IpRange range, Decision expected, IpsecVerdict actual) {
    if (!out.isEmpty()) {
      Wrong prev = out.get(out.size() - 1);
      if (prev.expected == expected
          && prev.actual == actual
          && !prev.range.last().isMax()
          && prev.range.last().next().equals(range.first())) {
        out.set(out.size() - 1, new Wrong(new IpRange(prev.range.first(), range.last()), expected,
            actual));
        return;
      }
    }
    out.add(new Wrong(range, expected, actual));
  }

  static boolean right(Decision expected, IpsecVerdict actual) {
    return switch (expected) {
      case ALLOW -> actual == IpsecVerdict.PASS || actual == IpsecVerdict.NO_MATCH
          || actual == IpsecVerdict.EXEMPT;
      case BLOCK -> actual == IpsecVerdict.BLOCK;
      case UNMANAGED -> actual == IpsecVerdict.NO_MATCH || actual == IpsecVerdict.EXEMPT;
    };
  }

  private static Ip max(Ip a, Ip b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Ip min(Ip a, Ip b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
