package dev.rpcwall.compiler.host;

import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies what a strict reader of one of rpcwall's own targets read (a {@link WfasRuleSet} or an
 * {@link IpsecStore}) to a host: the file's rules in the local store, and the RPC settings as the
 * registry values the scripts write (windows-semantics.md 6.1: {@code Ports} REG_MULTI_SZ, one
 * range per entry; {@code PortsInternetAvailable} and {@code UseInternetPorts} REG_SZ {@code Y}).
 */
public final class HostStates {
  private HostStates() {}

  /** Adds {@code ruleSet} to {@code host}; {@code at} is where its RPC settings are reported. */
  public static void apply(WfasRuleSet ruleSet, SourceSpan at, HostState host) {
    for (WfasRule rule : ruleSet.rules()) {
      host.addRule(new HostRule(rule, HostStore.LOCAL));
    }
    applyRpc(ruleSet.rpc(), at, host);
  }

  /** Adds the filters {@code store} enforces and its RPC settings to {@code host}. */
  public static void apply(IpsecStore store, SourceSpan at, HostState host) {
    for (IpsecFilter filter : store.effectiveFilters()) {
      host.ipsecFilters().add(new HostIpsecFilter(filter, at));
    }
    applyRpc(store.rpc(), at, host);
  }

  private static void applyRpc(RpcSettings rpc, SourceSpan at, HostState host) {
    if (rpc.dynamicPorts().isPresent()) {
      PortSet ports = rpc.dynamicPorts().get();
      List<String> entries = new ArrayList<>();
      for (PortRange r : ports.ranges()) {
        entries.add(r.first() == r.last() ? Integer.toString(r.first()) : r.first() + "-" + r.last());
      }
      SourceSpan origin = rpc.dynamicOrigin().isKnown() ? rpc.dynamicOrigin() : at;
      host.setRpcValue(new RegistryValue("Ports", RegistryValue.REG_MULTI_SZ, entries, origin));
      host.setRpcValue(
          new RegistryValue("PortsInternetAvailable", RegistryValue.REG_SZ, List.of("Y"), origin));
      host.setRpcValue(
          new RegistryValue("UseInternetPorts", RegistryValue.REG_SZ, List.of("Y"), origin));
    }
    if (rpc.wmiFixedPort().isPresent()) {
      SourceSpan origin = rpc.wmiOrigin().isKnown() ? rpc.wmiOrigin() : at;
      host.setWmiFixedPort(
          Optional.of(new ProfileSetting<>(rpc.wmiFixedPort().getAsInt(), origin)));
    }
  }
}
