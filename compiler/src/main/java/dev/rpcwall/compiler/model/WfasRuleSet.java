package dev.rpcwall.compiler.model;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ir.RpcSettings;
import java.util.List;

/**
 * What a netsh or PowerShell script puts on a host: firewall rules (unordered in meaning; kept in a
 * stable order for output) and the RPC registry settings.
 */
public record WfasRuleSet(List<WfasRule> rules, RpcSettings rpc) {
  public WfasRuleSet {
    rules = List.copyOf(rules);
    requireNonNull(rpc, "rpc");
  }
}
