package dev.rpcwall.emit.netshipsec;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.model.ipsec.IpsecEvaluator;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecSlice;
import dev.rpcwall.compiler.model.ipsec.IpsecVerdict;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.ReferenceEvaluator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The meaning check of the tests: filters read back from a script against the independent
 * first-match reference on the policy, for every port 0-65535, both protocols and every IPv4
 * boundary address +-1 of every set involved.
 */
final class IpsecProof {
  private IpsecProof() {}

  /**
   * The ports a test policy keeps: around the anchors of RandomPolicies (the RPC ports and both
   * ends of the port space), so that the script stays small enough to read thousands of times
   * (one filter per port and address block) while every kind of boundary is still there.
   */
  static final PortSet WINDOWS =
      PortSet.of(1, 3).union(PortSet.of(133, 137)).union(PortSet.of(443, 447))
          .union(PortSet.of(4999, 5003)).union(PortSet.of(5019, 5023))
          .union(PortSet.of(24156, 24160)).union(PortSet.of(49150, 49154))
          .union(PortSet.of(65533, 65535));

  /**
   * A random policy made expressible for legacy IPsec: IPv4 only, every profile, no port 0, and
   * its ports cut to {@link #WINDOWS}.
   */
  static Policy expressible(Policy p) {
    List<Rule> rules = new ArrayList<>();
    for (Rule r : p.rules()) {
      rules.add(
          new Rule(r.index(), r.action(), r.addresses().only(IpFamily.IPV4),
              r.tcp().intersect(WINDOWS), r.udp().intersect(WINDOWS),
              EnumSet.allOf(Profile.class), r.origin(), r.text()));
    }
    return new Policy(p.name(), p.nameOrigin(), p.description(), p.descriptionOrigin(), rules,
        p.defaultAction(), p.defaultOrigin(), p.rpc(), p.sourceName(), p.replaces());
  }

  /**
   * The first packet where the filters and the reference disagree, or where the filters are
   * ambiguous; empty when they agree everywhere. ALLOW must pass (PASS, or no filter), BLOCK must
   * be BLOCK, an unmanaged port must match no filter. Each port is looked up in the evaluator's
   * slices and the reference's signature, so the work is done once per distinct pair, but every
   * port is visited. Filters the evaluator cannot place (destination an address block) fail.
   */
  static Optional<String> mismatch(Policy policy, List<IpsecFilter> filters) {
    IpsecEvaluator evaluator = IpsecEvaluator.of(filters);
    if (!evaluator.unevaluated().isEmpty()) {
      return Optional.of("filters that cannot be evaluated: " + evaluator.unevaluated());
    }
    List<AddressSet> sets = new ArrayList<>();
    for (Rule r : policy.rules()) {
      sets.add(r.addresses());
    }
    for (IpsecFilter f : filters) {
      sets.add(AddressSet.of(f.source().range()));
    }
    List<Ip> addresses = new ArrayList<>();
    for (Ip ip : Boundaries.of(sets)) {
      if (ip.family() == IpFamily.IPV4) {
        addresses.add(ip);
      }
    }
    for (Protocol protocol : Protocol.values()) {
      List<IpsecSlice> slices = evaluator.slices(protocol.number());
      Map<Long, Decision[]> expectedBySignature = new HashMap<>();
      Map<IpsecSlice, IpsecVerdict[]> actualBySlice = new IdentityHashMap<>();
      Map<IpsecSlice, Map<Long, Boolean>> done = new IdentityHashMap<>();
      for (int port = 0; port <= PortRange.MAX_PORT; port++) {
        IpsecSlice slice = IpsecEvaluator.sliceOf(slices, port);
        long signature = ReferenceEvaluator.signature(policy, Profile.DOMAIN, protocol, port);
        if (done.computeIfAbsent(slice, k -> new HashMap<>()).put(signature, Boolean.TRUE) != null) {
          continue;
        }
        int p = port;
        Decision[] expected =
            expectedBySignature.computeIfAbsent(signature, k -> {
              Decision[] out = new Decision[addresses.size()];
              for (int i = 0; i < out.length; i++) {
                out[i] = ReferenceEvaluator.decide(policy, Profile.DOMAIN, protocol, p,
                    addresses.get(i)).decision();
              }
              return out;
            });
        IpsecVerdict[] actual =
            actualBySlice.computeIfAbsent(slice, s -> {
              IpsecVerdict[] out = new IpsecVerdict[addresses.size()];
              for (int i = 0; i < out.length; i++) {
                out[i] = s.regionOf(addresses.get(i)).verdict();
              }
              return out;
            });
        for (int i = 0; i < addresses.size(); i++) {
          boolean ok =
              switch (expected[i]) {
                case ALLOW -> actual[i] == IpsecVerdict.PASS || actual[i] == IpsecVerdict.NO_MATCH;
                case BLOCK -> actual[i] == IpsecVerdict.BLOCK;
                case UNMANAGED -> actual[i] == IpsecVerdict.NO_MATCH;
              };
          if (!ok || actual[i] == IpsecVerdict.AMBIGUOUS) {
            return Optional.of(protocol.keyword() + " port " + port + " from " + addresses.get(i)
                + ": policy " + expected[i] + ", filters " + actual[i]);
          }
        }
      }
    }
    return Optional.empty();
  }
}
