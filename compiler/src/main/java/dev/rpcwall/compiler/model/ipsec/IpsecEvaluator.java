package dev.rpcwall.compiler.model.ipsec;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides inbound IPv4 packets (remote address, protocol, local port) the way the legacy Policy
 * Agent does (windows-semantics.md 5.5): among the matching filters the most specific decides;
 * traffic matching no filter passes.
 *
 * <p>The agent's weighting is UNCONFIRMED (5.5 rule 3), so only this much is relied on: a filter
 * strictly more specific than another ({@link IpsecFilter#strictlyMoreSpecificThan}: contained or
 * equal in every dimension, strictly contained in one) is ordered before it. Whenever two matching
 * filters with different actions are incomparable in that order (or equal), the packet is {@link
 * IpsecVerdict#AMBIGUOUS}: the safe reading, since some weighting could pick either. When no such
 * pair exists, every weighting consistent with the order picks a filter that no matching filter is
 * strictly more specific than (a minimal one), and all minimal matching filters then share one
 * action (two minimal ones with different actions would be an incomparable pair), so the verdict
 * is that action whatever the weighting.
 *
 * <p>Inbound means: the packet's destination is this computer, so a directional filter applies
 * when its destination is {@code me} or {@code any}. A filter whose destination is an address
 * block is kept out of evaluation and listed in {@link #unevaluated()} (whether the block holds
 * this computer's address is not known here); a caller that relies on the verdicts must refuse
 * filter lists that have any.
 */
public final class IpsecEvaluator {
  private final List<IpsecFilter> inbound;
  private final List<IpsecFilter> unevaluated;
  private final IpsecExemptions exemptions;

  private IpsecEvaluator(
      List<IpsecFilter> inbound, List<IpsecFilter> unevaluated, IpsecExemptions exemptions) {
    this.inbound = inbound;
    this.unevaluated = unevaluated;
    this.exemptions = exemptions;
  }

  /** Filters with no default exemption ({@link IpsecExemptions#NONE}). */
  public static IpsecEvaluator of(List<IpsecFilter> filters) {
    return of(filters, IpsecExemptions.NONE);
  }

  /**
   * The filters of a host's {@link IpsecStore#effectiveFilters()}; packets {@code exemptions}
   * names are {@link IpsecVerdict#EXEMPT} whatever the filters say (5.5 rule 6).
   */
  public static IpsecEvaluator of(List<IpsecFilter> filters, IpsecExemptions exemptions) {
    requireNonNull(exemptions, "exemptions");
    List<IpsecFilter> in = new ArrayList<>();
    List<IpsecFilter> unknown = new ArrayList<>();
    for (IpsecFilter f : filters) {
      requireNonNull(f, "filter");
      for (IpsecFilter d : f.directional()) {
        switch (d.destination().kind()) {
          case ME, ANY -> {
            // A source of 'me' never matches traffic from another computer (IpsecAddress).
            if (d.source().kind() != IpsecAddress.Kind.ME) {
              in.add(d);
            }
          }
          case MASKED -> unknown.add(d);
        }
      }
    }
    return new IpsecEvaluator(List.copyOf(in), List.copyOf(unknown), exemptions);
  }

  /** The exemptions this evaluator applies. */
  public IpsecExemptions exemptions() {
    return exemptions;
  }

  /** Directional filters whose destination is an address block (see class comment). */
  public List<IpsecFilter> unevaluated() {
    return unevaluated;
  }

  /** The directional filters that apply to inbound traffic. */
  public List<IpsecFilter> inboundFilters() {
    return inbound;
  }

  /** The outcome for one packet, with the filters that decide it or make it ambiguous. */
  public record Outcome(IpsecVerdict verdict, List<IpsecFilter> deciding) {
    public Outcome {
      requireNonNull(verdict, "verdict");
      deciding = List.copyOf(deciding);
    }
  }

  /** One packet, remote port included. */
  public Outcome decide(long remote, int remotePort, int protocol, int localPort) {
    if (exemptions.exempt(protocol, remotePort, localPort)) {
      return new Outcome(IpsecVerdict.EXEMPT, List.of());
    }
    List<IpsecFilter> matching = new ArrayList<>();
    for (IpsecFilter f : inbound) {
      if (matches(f, remote, remotePort, protocol, localPort)) {
        matching.add(f);
      }
    }
    return decideAmong(matching);
  }

  /**
   * A packet from {@code remote} to {@code localPort}, over every remote port: the common verdict,
   * or {@link IpsecVerdict#DEPENDS_ON_REMOTE_PORT} (an ambiguity for any remote port wins).
   */
  public Outcome decide(long remote, int protocol, int localPort) {
    Outcome first = null;
    Outcome exempt = null;
    boolean differs = false;
    for (int remotePort : remotePortClasses(inbound, exemptions, protocol)) {
      Outcome o = decide(remote, remotePort, protocol, localPort);
      if (o.verdict() == IpsecVerdict.AMBIGUOUS) {
        return o;
      }
      if (o.verdict() == IpsecVerdict.EXEMPT) {
        exempt = o; // passes: differs in effect only from a verdict that does not
      } else if (first == null) {
        first = o;
      } else if (first.verdict() != o.verdict()) {
        differs = true;
      }
    }
    if (first == null) {
      return exempt;
    }
    if (differs || (exempt != null && !first.verdict().passes())) {
      return new Outcome(IpsecVerdict.DEPENDS_ON_REMOTE_PORT, List.of());
    }
    return first;
  }

  /**
   * Region evaluation for one protocol: local-port slices covering 0-65535 on which every filter
   * is constant, each with its remote IPv4 regions, so a translation check can compare region by
   * region without enumerating addresses.
   */
  public List<IpsecSlice> slices(int protocol) {
    List<IpsecFilter> anyPort = new ArrayList<>();
    Map<Integer, List<IpsecFilter>> byPort = new HashMap<>();
    TreeSet<Integer> cuts = new TreeSet<>();
    cuts.add(0);
    for (IpsecFilter f : inbound) {
      if (f.protocol() == IpsecFilter.ANY_PROTOCOL || f.protocol() == protocol) {
        if (f.destinationPort() == IpsecFilter.ANY_PORT) {
          anyPort.add(f);
        } else {
          byPort.computeIfAbsent(f.destinationPort(), k -> new ArrayList<>()).add(f);
          cuts.add(f.destinationPort());
          if (f.destinationPort() < PortRange.MAX_PORT) {
            cuts.add(f.destinationPort() + 1);
          }
        }
      }
    }
    // Port 0 as a local port is matched by port-0 ("any") filters only; it is its own slice.
    cuts.add(1);
    // An exempt local port decides unlike its neighbours whatever the filters: its own slice.
    for (IpsecExemptions.Flow flow : exemptions.flows()) {
      if (flow.protocol() == protocol) {
        cuts.add(flow.port());
        if (flow.port() < PortRange.MAX_PORT) {
          cuts.add(flow.port() + 1);
        }
      }
    }
    List<IpsecSlice> out = new ArrayList<>();
    List<Integer> starts = new ArrayList<>(cuts);
    for (int i = 0; i < starts.size(); i++) {
      int first = starts.get(i);
      int last = i + 1 < starts.size() ? starts.get(i + 1) - 1 : PortRange.MAX_PORT;
      List<IpsecFilter> here = new ArrayList<>(anyPort);
      here.addAll(byPort.getOrDefault(first, List.of()));
      List<IpsecRegion> regions = regions(here, protocol, first, exemptions);
      if (!out.isEmpty() && out.get(out.size() - 1).regions().equals(regions)) {
        IpsecSlice prev = out.remove(out.size() - 1);
        out.add(new IpsecSlice(PortRange.of(prev.ports().first(), last), regions));
      } else {
        out.add(new IpsecSlice(PortRange.of(first, last), regions));
      }
    }
    return out;
  }

  /** The slice of {@link #slices} holding {@code port}. */
  public static IpsecSlice sliceOf(List<IpsecSlice> slices, int port) {
    int lo = 0;
    int hi = slices.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (slices.get(mid).ports().first() <= port) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return slices.get(lo);
  }

  /**
   * The remote IPv4 regions of one protocol and local port. A sweep over the filters' source
   * ranges: at each cut only the filters whose range holds the cut are active, so each region is
   * decided among those (the filters matching its addresses), not among all of them.
   */
  private static List<IpsecRegion> regions(
      List<IpsecFilter> filters, int protocol, int port, IpsecExemptions exemptions) {
    TreeMap<Long, List<IpsecFilter>> starting = new TreeMap<>();
    TreeMap<Long, List<IpsecFilter>> ending = new TreeMap<>();
    starting.put(0L, new ArrayList<>());
    for (IpsecFilter f : filters) {
      IpRange r = f.source().range();
      starting.computeIfAbsent(r.first().lo(), k -> new ArrayList<>()).add(f);
      if (r.last().lo() < 0xFFFF_FFFFL) {
        ending.computeIfAbsent(r.last().lo() + 1, k -> new ArrayList<>()).add(f);
      }
    }
    TreeSet<Long> cuts = new TreeSet<>(starting.keySet());
    cuts.addAll(ending.keySet());
    // The filters whose source range holds the current cut, by identity.
    Map<IpsecFilter, Integer> active = new IdentityHashMap<>();
    List<IpsecRegion> out = new ArrayList<>();
    List<Long> starts = new ArrayList<>(cuts);
    for (int i = 0; i < starts.size(); i++) {
      long first = starts.get(i);
      for (IpsecFilter f : ending.getOrDefault(first, List.of())) {
        active.remove(f);
      }
      for (IpsecFilter f : starting.getOrDefault(first, List.of())) {
        active.put(f, 1);
      }
      long last = i + 1 < starts.size() ? starts.get(i + 1) - 1 : 0xFFFF_FFFFL;
      IpsecEvaluator local =
          new IpsecEvaluator(new ArrayList<>(active.keySet()), List.of(), exemptions);
      IpsecVerdict v = local.decide(first, protocol, port).verdict();
      if (!out.isEmpty() && out.get(out.size() - 1).verdict() == v) {
        IpsecRegion prev = out.remove(out.size() - 1);
        out.add(new IpsecRegion(new IpRange(prev.range().first(), Ip.v4(last)), v));
      } else {
        out.add(new IpsecRegion(new IpRange(Ip.v4(first), Ip.v4(last)), v));
      }
    }
    return out;
  }

  private static boolean matches(
      IpsecFilter f, long remote, int remotePort, int protocol, int localPort) {
    return f.source().matchesRemote(remote)
        && (f.protocol() == IpsecFilter.ANY_PROTOCOL || f.protocol() == protocol)
        && (f.sourcePort() == IpsecFilter.ANY_PORT || f.sourcePort() == remotePort)
        && (f.destinationPort() == IpsecFilter.ANY_PORT || f.destinationPort() == localPort);
  }

  /** Decides among the matching filters (class comment); public for the model's own tests. */
  static Outcome decideAmong(List<IpsecFilter> matching) {
    if (matching.isEmpty()) {
      return new Outcome(IpsecVerdict.NO_MATCH, List.of());
    }
    for (int i = 0; i < matching.size(); i++) {
      for (int j = i + 1; j < matching.size(); j++) {
        IpsecFilter a = matching.get(i);
        IpsecFilter b = matching.get(j);
        if (a.action() != b.action()
            && !a.strictlyMoreSpecificThan(b)
            && !b.strictlyMoreSpecificThan(a)) {
          return new Outcome(IpsecVerdict.AMBIGUOUS, List.of(a, b));
        }
      }
    }
    List<IpsecFilter> minimal = new ArrayList<>();
    for (IpsecFilter a : matching) {
      boolean beaten = false;
      for (IpsecFilter b : matching) {
        if (b != a && b.strictlyMoreSpecificThan(a)) {
          beaten = true;
          break;
        }
      }
      if (!beaten) {
        minimal.add(a);
      }
    }
    IpsecAction action = minimal.get(0).action();
    return new Outcome(
        switch (action) {
          case PASS -> IpsecVerdict.PASS;
          case BLOCK -> IpsecVerdict.BLOCK;
          case NEGOTIATE -> IpsecVerdict.NEGOTIATE;
        },
        minimal);
  }

  /**
   * Remote ports that can be decided differently: each source port a filter names (and each port
   * exempt as a remote port), plus one port none names (the lowest such), which stands for all the
   * others.
   */
  private static List<Integer> remotePortClasses(
      List<IpsecFilter> filters, IpsecExemptions exemptions, int protocol) {
    TreeSet<Integer> named = new TreeSet<>();
    if (exemptions.remotePortsToo()) {
      for (IpsecExemptions.Flow flow : exemptions.flows()) {
        if (flow.protocol() == protocol) {
          named.add(flow.port());
        }
      }
    }
    for (IpsecFilter f : filters) {
      if (f.sourcePort() != IpsecFilter.ANY_PORT) {
        named.add(f.sourcePort());
      }
    }
    List<Integer> out = new ArrayList<>(named);
    Optional<Integer> other = Optional.empty();
    for (int p = 0; p <= PortRange.MAX_PORT && other.isEmpty(); p++) {
      if (!named.contains(p)) {
        other = Optional.of(p);
      }
    }
    other.ifPresent(out::add);
    return out;
  }
}
