package dev.rpcwall.compiler.semantics;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ir.Rule;
import java.util.Optional;

/**
 * A maximal address interval with one decision inside a port slice, and the rule that decides it
 * (empty: the policy default).
 */
public record AddressRegion(IpRange range, Decision decision, Optional<Rule> rule) {
  public AddressRegion {
    requireNonNull(range, "range");
    requireNonNull(decision, "decision");
    requireNonNull(rule, "rule");
  }

  /** RULE or DEFAULT. */
  public Reason reason() {
    return rule.isPresent() ? Reason.RULE : Reason.DEFAULT;
  }
}
