package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.EvaluationOptions;
import dev.rpcwall.compiler.model.HostCondition;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.RuleAction;
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
    boolean match = reading == HostCondition.ASSUME_MATCH;
    if (!match && hostConditioned(rule)) {
      return null;
    }
    PortSet ports = ports(rule.localPorts(), protocol, match, options);
    AddressSet remote = addresses(rule.remoteAddresses(), match, options);
    if (remote.intersects(AddressLimits.LOOPBACK)) {
      remote = remote.minus(AddressLimits.LOOPBACK);
    }
    if (ports.isEmpty() || remote.isEmpty()) {
      return null;
    }
    return new Footprint(ports, remote);
  }

  /** Whether a condition of the whole rule is one only the host resolves. */
  static boolean hostConditioned(WfasRule rule) {
    return rule.program().isPresent()
        || rule.service().isPresent()
        || !rule.otherConditions().isEmpty()
        || !rule.localAddresses().any()
        || !rule.remotePorts().any();
  }

  private static PortSet ports(
      PortCondition condition, Protocol protocol, boolean match, EvaluationOptions options) {
    if (condition.any()) {
      return PortSet.all();
    }
    PortSet out = condition.ports();
    for (PortKeyword keyword : condition.keywords()) {
      if (keyword == PortKeyword.RPC_EPMAP) {
        // windows-semantics.md 2.4 rules 1 and 4: TCP 135, and only with protocol TCP.
        if (protocol == Protocol.TCP) {
          out = out.union(PortSet.of(EPMAP_PORT));
        }
      } else if (options.portKeywords().containsKey(keyword)) {
        out = out.union(options.portKeywords().get(keyword));
      } else if (match) {
        return PortSet.all();
      }
    }
    return out;
  }

  private static AddressSet addresses(
      AddressCondition condition, boolean match, EvaluationOptions options) {
    if (condition.any()) {
      return AddressSet.all();
    }
    AddressSet out = condition.addresses();
    for (AddressKeyword keyword : condition.keywords()) {
      AddressSet members = options.addressKeywords().get(keyword);
      if (members != null) {
        out = out.union(members);
      } else if (match) {
        return AddressSet.all();
      }
    }
    return out;
  }
}
