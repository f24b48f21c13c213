package dev.rpcwall.compiler.lower;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecExemptions;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Cidr;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSlice;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Lowers a policy's decision function to legacy IPsec filters (issue 6 point 2) that decide
 * exactly like the policy for every IPv4 address, port and protocol and never make the Policy
 * Agent choose between incomparable filters (windows-semantics.md 5.5 rule 3).
 *
 * <p>Construction, per protocol and managed port (one port per filter: the dialects have no port
 * ranges, 5.3): the port's IPv4 decision is a two-colouring of the address space. Its allowed and
 * blocked sets are cut into CIDR blocks (together a partition of IPv4) and put in a binary trie;
 * the fewest prefix entries that give every address its colour under longest-prefix match are
 * chosen with the ORTC algorithm (Draves, King, Venkatachary, Zill, "Constructing optimal IP
 * routing tables", INFOCOM 1999): bottom-up each node gets the set of colours an optimal subtree
 * table may inherit (the children's intersection if not empty, else their union); top-down a node
 * emits an entry only when the colour it inherits is not in its set. The root inherits PASS, since
 * traffic matching no filter passes (5.5), so a port allowed from everywhere gets no filter, a
 * port blocked from everywhere one BLOCK from any, and "block all but a /24" a BLOCK from any and
 * a PASS for the /24; exceptions inside exceptions become longer prefixes.
 *
 * <p>Why no ambiguity, and why the filters mean the policy: every filter is inbound, unmirrored,
 * from an address block (or any) to {@code me}, with the protocol's number and one local port.
 * Two filters of different protocol or port never match the same packet. Two filters of the same
 * protocol and port that match the same address are entries of trie nodes on that address's path,
 * so their blocks are nested and distinct (one entry per node): the longer one is contained in the
 * shorter in the address and equal in every other dimension, i.e. strictly more specific ({@link
 * IpsecFilter#strictlyMoreSpecificThan}). The matching filters of any packet thus form a strict
 * chain, the evaluator never reports an ambiguity, and the deciding filter is the longest matching
 * prefix, which ORTC guarantees carries the address's colour. Filters are unmirrored on purpose:
 * the policy speaks of inbound traffic only, and an unmirrored filter leaves outbound packets
 * (replies included) matching no filter, hence passing (5.5 rule 5).
 *
 * <p>What the agent cannot express is an error at the policy's source: decisions that differ by
 * profile (RW2300), IPv6 decisions unless {@link Options#ipv4Only} (RW2301; with it the IPv6 part
 * is left out and {@link Lowered#ipv6LeftOut} says so), port 0 (RW2302), a block on a flow the agent exempts by default (RW2305). Past {@link
 * Options#warnAbove} filters a warning (RW2303) gives the count.
 */
public final class IpsecLowering {
  private static final int PASS = 1;
  private static final int BLOCK = 2;

  private IpsecLowering() {}

  /**
   * {@code ipv4Only}: leave IPv6 decisions out; {@code warnAbove}: filter count to warn past;
   * {@code exemptions}: the flows the agent may leave unfiltered whatever the filters say, which a
   * policy may therefore not block (RW2305; {@link IpsecExemptions#DEFAULT}).
   */
  public record Options(boolean ipv4Only, int warnAbove, IpsecExemptions exemptions) {
    public Options {
      if (warnAbove < 0) {
        throw new IllegalArgumentException("warnAbove " + warnAbove);
      }
      requireNonNull(exemptions, "exemptions");
    }

    public Options(boolean ipv4Only, int warnAbove) {
      this(ipv4Only, warnAbove, IpsecExemptions.DEFAULT);
    }

    public static Options defaults() {
      return new Options(false, 1000);
    }

    public Options withIpv4Only(boolean value) {
      return new Options(value, warnAbove, exemptions);
    }
  }

  /**
   * The filters, sorted by protocol, port, prefix length and address; {@code ipv6LeftOut} when the
   * policy decides IPv6 traffic that these filters do not carry (only with {@link
   * Options#ipv4Only}).
   */
  public record Lowered(List<IpsecFilter> filters, boolean ipv6LeftOut) {
    public Lowered {
      filters = List.copyOf(filters);
    }

    public int filterCount() {
      return filters.size();
    }
  }

  public static Result<Lowered> lower(DecisionMap map, Options opts) {
    requireNonNull(map, "map");
    requireNonNull(opts, "opts");
    Policy policy = map.policy();
    Diagnostics diags = new Diagnostics();
    boolean decidesIpv6 = false;
    for (Protocol protocol : Protocol.values()) {
      if (!map.managedPorts(protocol).isEmpty()) {
        decidesIpv6 = true;
      }
      checkProfiles(map, protocol, opts.ipv4Only(), diags);
      if (map.managedPorts(protocol).contains(0)) {
        Optional<Rule> rule =
            policy.rules().stream().filter(r -> ports(r, protocol).contains(0)).findFirst();
        diags.error(
            Codes.IPSEC_PORT_ZERO,
            rule.map(Rule::origin).orElse(policy.nameOrigin()),
            "the policy manages " + protocol.keyword() + " port 0, which a legacy IPsec filter"
                + " can only write as every port",
            "leave port 0 out of the rule (ranges from 1), or use a Windows Firewall target");
      }
    }
    checkExemptions(map, opts.exemptions(), diags);
    if (decidesIpv6 && !opts.ipv4Only()) {
      SourceSpan where =
          policy.rules().stream()
              .filter(r -> !r.addresses().only(IpFamily.IPV6).isEmpty())
              .map(Rule::origin)
              .findFirst()
              .orElse(policy.defaultOrigin().isKnown() ? policy.defaultOrigin() : policy.nameOrigin());
      diags.error(
          Codes.IPSEC_IPV6,
          where,
          "the policy decides IPv6 traffic to its ports, and the legacy IPsec agent filters IPv4"
              + " only: IPv6 would pass unfiltered",
          "compile with the IPv4-only option to leave IPv6 out, or use a Windows Firewall target");
    }
    if (diags.hasErrors()) {
      return Result.failed(diags);
    }
    List<IpsecFilter> filters = new ArrayList<>();
    Map<List<?>, List<Entry>> cache = new IdentityHashMap<>();
    for (Protocol protocol : Protocol.values()) {
      // Profile-uniform (checked above): any profile's slices stand for all.
      for (PortSlice slice : map.slices(Profile.DOMAIN, protocol)) {
        if (!slice.managed()) {
          continue;
        }
        List<Entry> entries =
            cache.computeIfAbsent(
                slice.regions(),
                k ->
                    entries(
                        slice.allowed().only(IpFamily.IPV4), slice.blocked().only(IpFamily.IPV4)));
        for (int port = slice.ports().first(); port <= slice.ports().last(); port++) {
          for (Entry e : entries) {
            filters.add(
                IpsecFilter.inbound(
                    e.address,
                    protocol.number(),
                    port,
                    e.colour == PASS ? IpsecAction.PASS : IpsecAction.BLOCK));
          }
        }
      }
    }
    filters.sort(ORDER);
    if (filters.size() > opts.warnAbove()) {
      diags.warning(
          Codes.IPSEC_MANY_FILTERS,
          policy.nameOrigin(),
          "the policy expands to "
              + filters.size()
              + " legacy IPsec filters (one per port and address block), more than "
              + opts.warnAbove(),
          "the legacy dialects have no port ranges: narrow the port ranges (e.g. the RPC dynamic"
              + " range) or the number of address blocks");
    }
    return Result.of(new Lowered(filters, decidesIpv6), diags);
  }

  private static final Comparator<IpsecFilter> ORDER =
      Comparator.comparingInt(IpsecFilter::protocol)
          .thenComparingInt(IpsecFilter::destinationPort)
          .thenComparingInt(f -> f.source().prefixLength())
          .thenComparingLong(f -> f.source().address());

  private static dev.rpcwall.compiler.semantics.PortSet ports(Rule r, Protocol protocol) {
    return protocol == Protocol.TCP ? r.tcp() : r.udp();
  }

  /**
   * RW2305 for every exempt flow (windows-semantics.md 5.5 rule 6: Kerberos, IKE) that the policy
   * blocks from any IPv4 address: on Windows 2000/XP without {@code NoDefaultExempt} the agent lets
   * such traffic through whatever the filters say, so the block would silently not take effect
   * (the per-OS defaults are UNCONFIRMED; the safe reading is that the exemption may apply).
   * Allowing an exempt flow is fine: it passes either way. At the first rule that blocks it, or
   * the default when only the default does.
   */
  private static void checkExemptions(DecisionMap map, IpsecExemptions exemptions, Diagnostics diags) {
    for (IpsecExemptions.Flow flow : exemptions.flows()) {
      Protocol protocol = flow.protocol() == Protocol.TCP.number() ? Protocol.TCP : Protocol.UDP;
      for (Profile profile : Profile.values()) {
        PortSlice slice = map.sliceOf(profile, protocol, flow.port());
        if (!slice.managed() || slice.blocked().only(IpFamily.IPV4).isEmpty()) {
          continue;
        }
        Policy policy = map.policy();
        SourceSpan where =
            slice.firstRule(Decision.BLOCK).map(Rule::origin)
                .orElse(policy.defaultOrigin().isKnown() ? policy.defaultOrigin() : policy.nameOrigin());
        diags.error(
            Codes.IPSEC_EXEMPT_BLOCKED,
            where,
            "the policy blocks " + flow + ", which the legacy IPsec agent exempts from filtering by"
                + " default (Windows 2000/XP without NoDefaultExempt): the block would not take"
                + " effect",
            "leave " + protocol.keyword() + " " + flow.port() + " out of the blocking rule (or"
                + " allow it), or use a Windows Firewall target");
        break;
      }
    }
  }

  /** RW2300 for the first port range whose decision differs between two profiles. */
  private static void checkProfiles(
      DecisionMap map, Protocol protocol, boolean ipv4Only, Diagnostics diags) {
    TreeSet<Integer> cuts = new TreeSet<>();
    for (Profile p : Profile.values()) {
      for (PortSlice s : map.slices(p, protocol)) {
        cuts.add(s.ports().first());
      }
    }
    Profile base = Profile.values()[0];
    for (int port : cuts) {
      PortSlice a = map.sliceOf(base, protocol, port);
      for (Profile p : Profile.values()) {
        PortSlice b = map.sliceOf(p, protocol, port);
        if (p == base || b.regions() == a.regions() || sameDecision(a, b, ipv4Only)) {
          continue;
        }
        Integer next = cuts.higher(port);
        int last = next == null ? PortRange.MAX_PORT : next - 1;
        Optional<Rule> rule =
            firstOf(
                firstOf(a.firstRule(Decision.ALLOW), b.firstRule(Decision.ALLOW)),
                firstOf(a.firstRule(Decision.BLOCK), b.firstRule(Decision.BLOCK)));
        diags.error(
            Codes.IPSEC_PROFILES,
            rule.map(Rule::origin).orElse(map.policy().nameOrigin()),
            "the policy decides "
                + protocol.keyword()
                + " "
                + PortRange.of(port, last)
                + " differently on the "
                + base.keyword()
                + " and "
                + p.keyword()
                + " profiles, and legacy IPsec has no profiles",
            "make the rules for these ports apply on every profile (drop 'on ...'), or use a"
                + " Windows Firewall target");
        return;
      }
    }
  }

  private static Optional<Rule> firstOf(Optional<Rule> a, Optional<Rule> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.get().index() <= b.get().index() ? a : b;
  }

  private static boolean sameDecision(PortSlice a, PortSlice b, boolean ipv4Only) {
    if (a.managed() != b.managed()) {
      return false;
    }
    if (!a.managed()) {
      return true;
    }
    AddressSet allowedA = a.allowed();
    AddressSet allowedB = b.allowed();
    if (ipv4Only) {
      allowedA = allowedA.only(IpFamily.IPV4);
      allowedB = allowedB.only(IpFamily.IPV4);
    }
    return allowedA.equals(allowedB);
  }

  // ORTC over the CIDR partition ---------------------------------------------------------------

  private record Entry(IpsecAddress address, int colour) {}

  /** Binary trie over IPv4 prefixes, nodes in parallel arrays; node 0 is the root (/0). */
  private static final class Trie {
    int[] zero = new int[64];
    int[] one = new int[64];
    int[] leaf = new int[64];
    int[] set = new int[64];
    int size = 1;

    int node(int parent, int bit) {
      int[] side = bit == 0 ? zero : one;
      if (side[parent] == 0) {
        if (size == zero.length) {
          int n = size * 2;
          zero = java.util.Arrays.copyOf(zero, n);
          one = java.util.Arrays.copyOf(one, n);
          leaf = java.util.Arrays.copyOf(leaf, n);
          set = java.util.Arrays.copyOf(set, n);
          side = bit == 0 ? zero : one;
        }
        side[parent] = size++;
      }
      return side[parent];
    }

    void insert(Cidr cidr, int colour) {
      long address = cidr.base().lo();
      int n = 0;
      for (int depth = 0; depth < cidr.prefix(); depth++) {
        n = node(n, (int) ((address >>> (31 - depth)) & 1));
      }
      leaf[n] = colour;
    }
  }

  /** The fewest longest-prefix entries colouring IPv4 as {@code allowed} / {@code blocked}. */
  static List<Entry> entries(AddressSet allowed, AddressSet blocked) {
    List<Entry> out = new ArrayList<>();
    if (blocked.isEmpty()) {
      return out; // everything passes with no filter at all
    }
    Trie t = new Trie();
    for (Cidr c : allowed.toCidrs()) {
      t.insert(c, PASS);
    }
    for (Cidr c : blocked.toCidrs()) {
      t.insert(c, BLOCK);
    }
    sets(t, 0);
    emit(t, 0, 0L, 0, PASS, out);
    return out;
  }

  /** Pass 2: the colours an optimal table for the subtree may inherit. */
  private static int sets(Trie t, int n) {
    if (t.leaf[n] != 0) {
      // The CIDRs partition IPv4: a leaf has no children.
      return t.set[n] = t.leaf[n];
    }
    if (t.zero[n] == 0 || t.one[n] == 0) {
      throw new IllegalStateException("allowed and blocked do not partition IPv4");
    }
    int a = sets(t, t.zero[n]);
    int b = sets(t, t.one[n]);
    return t.set[n] = (a & b) != 0 ? a & b : a | b;
  }

  /** Pass 3: an entry where the inherited colour is not one the subtree may inherit. */
  private static void emit(Trie t, int n, long address, int depth, int inherited, List<Entry> out) {
    int colour = inherited;
    if ((t.set[n] & inherited) == 0) {
      colour = t.set[n] == (PASS | BLOCK) ? PASS : t.set[n];
      out.add(new Entry(IpsecAddress.prefix(address, depth), colour));
    }
    if (t.leaf[n] != 0) {
      return;
    }
    emit(t, t.zero[n], address, depth + 1, colour, out);
    emit(t, t.one[n], address | (1L << (31 - depth)), depth + 1, colour, out);
  }
}
