package dev.rpcwall.compiler.model;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.PortRange;

/**
 * The evaluation of a rule set on a run of local ports that all rules treat alike, for one profile
 * and protocol: the remote addresses some enabled Block rule matches, those some enabled Allow rule
 * matches, and the profile default for the rest (windows-semantics.md 2.1).
 */
public record WfasSlice(
    PortRange ports, AddressSet blockRules, AddressSet allowRules, Decision defaultDecision) {
  public WfasSlice {
    requireNonNull(ports, "ports");
    requireNonNull(blockRules, "blockRules");
    requireNonNull(allowRules, "allowRules");
    requireNonNull(defaultDecision, "defaultDecision");
  }

  /** Addresses some rule matches, whatever its action. */
  public AddressSet matched() {
    return blockRules.union(allowRules);
  }

  /**
   * Addresses blocked: by a Block rule (which beats any Allow rule), or by the default; never a
   * loopback address, which Windows Firewall does not filter (AddressLimits.LOOPBACK).
   */
  public AddressSet blocked() {
    AddressSet blocked =
        defaultDecision == Decision.BLOCK ? allowRules.complement().union(blockRules) : blockRules;
    return blocked.intersects(AddressLimits.LOOPBACK)
        ? blocked.minus(AddressLimits.LOOPBACK)
        : blocked;
  }

  /** Addresses allowed: by an Allow rule no Block rule overrides, or by the default. */
  public AddressSet allowed() {
    return blocked().complement();
  }
}
