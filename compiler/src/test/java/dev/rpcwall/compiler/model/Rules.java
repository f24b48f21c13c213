package dev.rpcwall.compiler.model;

import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Small builders for WFAS rules and addresses in tests. */
public final class Rules {
  private Rules() {}

  public static Ip ip(String text) {
    return Ip.parse(text).orElseThrow(() -> new IllegalArgumentException(text));
  }

  /** {@code 10.1.1.0/24}, {@code 2001:db8::/48} or a single address. */
  public static AddressSet net(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      Ip one = ip(text);
      return AddressSet.cidr(one, one.family().bits());
    }
    return AddressSet.cidr(ip(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
  }

  /** {@code "135,5001-5021"}. */
  public static PortSet ports(String text) {
    List<PortRange> out = new ArrayList<>();
    for (String part : text.split(",")) {
      int dash = part.indexOf('-');
      out.add(
          dash < 0
              ? PortRange.of(Integer.parseInt(part))
              : PortRange.of(
                  Integer.parseInt(part.substring(0, dash)),
                  Integer.parseInt(part.substring(dash + 1))));
    }
    return PortSet.of(out);
  }

  public static WfasRule rule(
      String id, RuleAction action, int protocol, PortCondition local, AddressCondition remote) {
    return new WfasRule(
        id,
        id,
        Optional.empty(),
        Optional.empty(),
        Direction.IN,
        action,
        protocol,
        local,
        PortCondition.ANY,
        AddressCondition.ANY,
        remote,
        Set.of(),
        true,
        Optional.empty(),
        Optional.empty(),
        SourceSpan.UNKNOWN);
  }

  public static WfasRule tcp(String id, RuleAction action, String ports, AddressSet remote) {
    return rule(id, action, 6, PortCondition.of(ports(ports)), AddressCondition.of(remote));
  }

  public static WfasRule withProfiles(WfasRule r, Set<Profile> profiles) {
    return new WfasRule(r.id(), r.displayName(), r.group(), r.description(), r.direction(),
        r.action(), r.protocol(), r.localPorts(), r.remotePorts(), r.localAddresses(),
        r.remoteAddresses(), profiles, r.enabled(), r.program(), r.service(), r.origin());
  }

  public static WfasRule disabled(WfasRule r) {
    return new WfasRule(r.id(), r.displayName(), r.group(), r.description(), r.direction(),
        r.action(), r.protocol(), r.localPorts(), r.remotePorts(), r.localAddresses(),
        r.remoteAddresses(), r.profiles(), false, r.program(), r.service(), r.origin());
  }

  public static WfasRule outbound(WfasRule r) {
    return new WfasRule(r.id(), r.displayName(), r.group(), r.description(), Direction.OUT,
        r.action(), r.protocol(), r.localPorts(), r.remotePorts(), r.localAddresses(),
        r.remoteAddresses(), r.profiles(), r.enabled(), r.program(), r.service(), r.origin());
  }

  public static WfasRule withProgram(WfasRule r, String program) {
    return new WfasRule(r.id(), r.displayName(), r.group(), r.description(), r.direction(),
        r.action(), r.protocol(), r.localPorts(), r.remotePorts(), r.localAddresses(),
        r.remoteAddresses(), r.profiles(), r.enabled(), Optional.of(program), r.service(),
        r.origin());
  }

  public static WfasRuleSet set(WfasRule... rules) {
    return new WfasRuleSet(List.of(rules), dev.rpcwall.compiler.ir.RpcSettings.NONE);
  }
}
