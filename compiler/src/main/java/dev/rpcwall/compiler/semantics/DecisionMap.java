package dev.rpcwall.compiler.semantics;

import dev.rpcwall.compiler.ir.Policy;
import java.util.BitSet;
import java.util.List;

/** Placeholder for the decision function API; the implementation lives on the semantics branch. */
public final class DecisionMap {
  private DecisionMap() {}

  public static DecisionMap of(Policy policy) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public Policy policy() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public Explanation decide(Profile profile, Protocol protocol, int port, Ip address) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public List<PortSlice> slices(Profile profile, Protocol protocol) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public PortSet managedPorts(Protocol protocol) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public BitSet decidingRules() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }
}
