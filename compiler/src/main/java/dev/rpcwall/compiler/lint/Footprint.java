package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.EvaluationOptions;
import dev.rpcwall.compiler.model.HostCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasEvaluator;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Protocol;

/**
 * Where one inbound rule matches for one protocol, as the Windows Firewall evaluator reads it
 * (dev.rpcwall.compiler.model.WfasEvaluator): local ports times remote addresses, loopback left out
 * (never filtered, KB 2771908). Profiles are the caller's: a rule's footprint is the same in every
 * profile it applies to. Under {@link HostCondition#ASSUME_NO_MATCH} a rule with a condition only
 * the host resolves (program, service, other conditions, local addresses, remote ports) matches
 * nothing, and a keyword whose members are not known adds nothing; under {@link
 * HostCondition#ASSUME_MATCH} such conditions match everything.
 */
record Footprint(PortSet ports, AddressSet remote) {
  /** RPC-EPMap is TCP 135 (windows-semantics.md 2.4 rule 1). */
  static final int EPMAP_PORT = 135;

  /** The footprint, or null when the rule matches nothing of {@code protocol} under the reading. */
  static Footprint of(
      WfasRule rule, Protocol protocol, HostCondition reading, EvaluationOptions options) {
    if (!rule.enabled()
        || rule.direction() != Direction.IN
        || rule.action() == RuleAction.BYPASS
        || (rule.protocol() != WfasRule.ANY_PROTOCOL && rule.protocol() != protocol.number())) {
      return null;
    }
    WfasEvaluator.Match match = WfasEvaluator.match(rule, protocol, reading, options);
    return match == null ? null : new Footprint(match.ports(), match.remote());
  }

  /** Whether a condition of the whole rule is one only the host resolves. */
  static boolean hostConditioned(WfasRule rule) {
    return WfasEvaluator.hasWholeRuleHostCondition(rule);
  }
}
