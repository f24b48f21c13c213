package dev.rpcwall.compiler.model.ipsec;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A static IPsec policy in the local store (windows-semantics.md 5.1 rule 1): its rules, and
 * whether it is the assigned one. Only an assigned policy is enforced, and a store has at most one
 * (5.1 rule 3).
 */
public record IpsecPolicy(String name, boolean assigned, List<IpsecRule> rules) {
  public IpsecPolicy {
    requireNonNull(name, "name");
    rules = List.copyOf(rules);
  }

  /** Every filter of every rule, in rule order. */
  public List<IpsecFilter> filters() {
    return rules.stream().flatMap(r -> r.filters().stream()).toList();
  }
}
