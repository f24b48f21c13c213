package dev.rpcwall.compiler.testing;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import java.util.OptionalInt;

/**
 * The policy's meaning (DESIGN.md section 3) read literally, as the oracle for everything computed
 * from regions: a plain first-match loop over the rules, no caching, no intervals.
 */
public final class ReferenceEvaluator {
  private ReferenceEvaluator() {}

  /** A decision and the index of the rule that made it (empty: default or unmanaged). */
  public record Verdict(Decision decision, OptionalInt rule) {}

  public static Verdict decide(Policy policy, Profile profile, Protocol protocol, int port, Ip address) {
    boolean managed = false;
    for (Rule r : policy.rules()) {
      if (r.ports(protocol).contains(port)) {
        managed = true;
        break;
      }
    }
    if (!managed) {
      return new Verdict(Decision.UNMANAGED, OptionalInt.empty());
    }
    for (Rule r : policy.rules()) {
      if (r.appliesTo(profile) && r.ports(protocol).contains(port) && r.addresses().contains(address)) {
        return new Verdict(r.action().decision(), OptionalInt.of(r.index()));
      }
    }
    return new Verdict(policy.defaultAction().decision(), OptionalInt.empty());
  }

  /**
   * The rules a packet on {@code port} can meet in {@code profile}, as a bit mask over rule
   * positions, with bit 63 set when the port is managed. Two ports with equal signatures are
   * decided identically at every address, which lets exhaustive port loops reuse comparisons.
   * Policies with more than 63 rules are out of scope.
   */
  public static long signature(Policy policy, Profile profile, Protocol protocol, int port) {
    if (policy.rules().size() > 63) {
      throw new IllegalArgumentException("signature supports at most 63 rules");
    }
    long sig = 0;
    int i = 0;
    for (Rule r : policy.rules()) {
      if (r.ports(protocol).contains(port)) {
        sig |= Long.MIN_VALUE;
        if (r.appliesTo(profile)) {
          sig |= 1L << i;
        }
      }
      i++;
    }
    return sig;
  }
}
