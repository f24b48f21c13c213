package dev.rpcwall.compiler.model.ipsec;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ir.RpcSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a legacy IPsec script leaves on a host, as its reader sees it: the static policies of the
 * local store (at most one assigned, windows-semantics.md 5.1 rule 3), the dynamic-mode filters
 * (5.1 rule 2: plumbed directly, coexisting with the assigned policy) and the RPC settings the
 * script writes ({@link RpcSettings#NONE} when none).
 */
public record IpsecStore(List<IpsecPolicy> policies, List<IpsecFilter> dynamicFilters, RpcSettings rpc) {
  public static final IpsecStore EMPTY = new IpsecStore(List.of(), List.of(), RpcSettings.NONE);

  public IpsecStore {
    policies = List.copyOf(policies);
    dynamicFilters = List.copyOf(dynamicFilters);
    requireNonNull(rpc, "rpc");
    if (policies.stream().filter(IpsecPolicy::assigned).count() > 1) {
      throw new IllegalArgumentException("more than one assigned policy");
    }
  }

  /** The assigned static policy, if any. */
  public Optional<IpsecPolicy> assigned() {
    return policies.stream().filter(IpsecPolicy::assigned).findFirst();
  }

  /**
   * The filters the Policy Agent enforces: the assigned policy's and the dynamic ones, as one
   * list ordered by specificity by {@link IpsecEvaluator} (5.5 rule 1).
   */
  public List<IpsecFilter> effectiveFilters() {
    List<IpsecFilter> all = new ArrayList<>();
    assigned().ifPresent(p -> all.addAll(p.filters()));
    all.addAll(dynamicFilters);
    return List.copyOf(all);
  }
}
