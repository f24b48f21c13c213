package dev.rpcwall.compiler.host;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.model.WfasRule;

/**
 * One firewall rule a host carries: the rule in the evaluator's terms (its {@code origin} is the
 * file and line of the input that created it or last changed it) and its store.
 */
public record HostRule(WfasRule rule, HostStore store) {
  public HostRule {
    requireNonNull(rule, "rule");
    requireNonNull(store, "store");
  }
}
