package dev.rpcwall.compiler.semantics;

import java.util.List;

/** Placeholder for the decision function API; the implementation lives on the semantics branch. */
public record PortSlice(PortRange ports, boolean managed, List<AddressRegion> regions) {
  public AddressSet allowed() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  public AddressSet blocked() {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }
}
