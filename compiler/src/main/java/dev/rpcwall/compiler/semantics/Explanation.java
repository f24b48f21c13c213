package dev.rpcwall.compiler.semantics;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ir.Rule;
import java.util.Optional;

/** The decision for one packet, the rule that made it (if any), and why. */
public record Explanation(Decision decision, Optional<Rule> rule, Reason reason) {
  public Explanation {
    requireNonNull(decision, "decision");
    requireNonNull(rule, "rule");
    requireNonNull(reason, "reason");
    if (rule.isPresent() != (reason == Reason.RULE)) {
      throw new IllegalArgumentException("a rule is present exactly when the reason is RULE");
    }
  }
}
