package dev.rpcwall.compiler.model;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.Decision;
import java.util.Optional;

/**
 * What Windows Firewall does with one inbound packet: ALLOW or BLOCK, the rule that decided (empty
 * when the profile default did), and whether the outcome depends on a host-dependent condition
 * (the two readings of {@link HostCondition} disagree).
 */
public record WfasVerdict(Decision decision, Optional<WfasRule> rule, boolean hostDependent) {
  public WfasVerdict {
    requireNonNull(decision, "decision");
    requireNonNull(rule, "rule");
    if (decision == Decision.UNMANAGED) {
      throw new IllegalArgumentException("Windows Firewall always decides");
    }
  }
}
