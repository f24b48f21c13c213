package dev.rpcwall.compiler.testing;

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
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Legacy IPsec filters against the {@link ReferenceEvaluator} on a policy, packet by packet: the
 * comparison the lowering's property tests and the IPsec dialects' round trips share.
 */
public final class IpsecReference {
  private IpsecReference() {}

  /**
   * The first packet where the filters and the reference disagree; empty when they agree
   * everywhere: every port 0-65535, both protocols, every IPv4 boundary (+-1) of the policy's and
   * the filters' address blocks. ALLOW must pass (PASS, or no filter), BLOCK must be BLOCK, an
   * unmanaged port must match no filter; any other verdict (AMBIGUOUS above all) is a mismatch.
   * Every region of the evaluator holds a boundary address, so no ambiguity is missed. Each port
   * is looked up in the evaluator's slices and the reference's signature, so the work is done once
   * per distinct pair, but every port is visited. Filters the evaluator cannot place (destination
   * an address block) fail.
   */
  public static Optional<String> mismatch(Policy policy, List<IpsecFilter> filters) {
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
      Map<IpsecSlice, Map<Long, Boolean>> checked = new IdentityHashMap<>();
      for (int port = 0; port <= PortRange.MAX_PORT; port++) {
        IpsecSlice slice = IpsecEvaluator.sliceOf(slices, port);
        long signature = ReferenceEvaluator.signature(policy, Profile.DOMAIN, protocol, port);
        if (checked.computeIfAbsent(slice, k -> new HashMap<>()).put(signature, Boolean.TRUE) != null) {
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
                case ALLOW -> actual[i].passes();
                case BLOCK -> actual[i] == IpsecVerdict.BLOCK;
                case UNMANAGED -> actual[i] == IpsecVerdict.NO_MATCH;
              };
          if (!ok) {
            return Optional.of(protocol.keyword() + " port " + port + " from " + addresses.get(i)
                + ": policy " + expected[i] + ", filters " + actual[i]);
          }
        }
      }
    }
    return Optional.empty();
  }
}
