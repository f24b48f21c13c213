package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostIpsecFilter;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.host.ProfileSetting;
import dev.rpcwall.compiler.host.RegistryValue;
import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.Rules;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A host built line by line, as if read from one file "host.cmd", for the lint tests. */
final class HostRules {
  static final String FILE = "host.cmd";

  final HostState state = new HostState();
  private int line = 1;

  SourceSpan next() {
    return SourceSpan.at(FILE, line++, 1, 10);
  }

  static SourceSpan at(int line) {
    return SourceSpan.at(FILE, line, 1, 10);
  }

  Builder allow(String name) {
    return new Builder(this, name, RuleAction.ALLOW);
  }

  Builder block(String name) {
    return new Builder(this, name, RuleAction.BLOCK);
  }

  HostRules rpc(String name, String type, String... data) {
    state.setRpcValue(new RegistryValue(name, type, List.of(data), next()));
    return this;
  }

  /** The KB recipe: Ports (REG_MULTI_SZ entries), PortsInternetAvailable=Y, UseInternetPorts=Y. */
  HostRules rpcRange(String... entries) {
    rpc("Ports", RegistryValue.REG_MULTI_SZ, entries);
    rpc("PortsInternetAvailable", RegistryValue.REG_SZ, "Y");
    return rpc("UseInternetPorts", RegistryValue.REG_SZ, "Y");
  }

  HostRules defaultInbound(Profile p, Action a) {
    state.setDefaultInbound(p, new ProfileSetting<>(a, next()));
    return this;
  }

  HostRules profileState(Profile p, ProfileState s) {
    state.setProfileState(p, new ProfileSetting<>(s, next()));
    return this;
  }

  HostRules wmiPort(int port) {
    state.setWmiFixedPort(Optional.of(new ProfileSetting<>(port, next())));
    return this;
  }

  HostRules ipsec(IpsecFilter f) {
    state.ipsecFilters().add(new HostIpsecFilter(f, next()));
    return this;
  }

  EffectiveHost host() {
    return new EffectiveHost(state);
  }

  List<Finding> lint() {
    return Linter.lint(host(), List.of(), Roles.NONE);
  }

  List<Finding> lint(Roles roles) {
    return Linter.lint(host(), List.of(), roles);
  }

  static final class Builder {
    private final HostRules host;
    private final String name;
    private final RuleAction action;
    private Direction direction = Direction.IN;
    private int protocol = 6;
    private PortCondition local = PortCondition.ANY;
    private PortCondition remotePorts = PortCondition.ANY;
    private AddressCondition remote = AddressCondition.ANY;
    private Set<Profile> profiles = Set.of();
    private boolean enabled = true;
    private Optional<String> program = Optional.empty();
    private Optional<String> service = Optional.empty();
    private List<String> other = new ArrayList<>();
    private HostStore store = HostStore.LOCAL;

    Builder(HostRules host, String name, RuleAction action) {
      this.host = host;
      this.name = name;
      this.action = action;
    }

    Builder udp() {
      protocol = 17;
      return this;
    }

    Builder anyProtocol() {
      protocol = WfasRule.ANY_PROTOCOL;
      return this;
    }

    Builder out() {
      direction = Direction.OUT;
      return this;
    }

    Builder port(String ports) {
      local = PortCondition.of(Rules.ports(ports));
      return this;
    }

    Builder keyword(PortKeyword... k) {
      local = new PortCondition(false, PortSet.empty(), Set.of(k));
      return this;
    }

    Builder remotePort(String ports) {
      remotePorts = PortCondition.of(Rules.ports(ports));
      return this;
    }

    Builder from(String... nets) {
      List<AddressSet> sets = new ArrayList<>();
      for (String n : nets) {
        sets.add(Rules.net(n));
      }
      remote = AddressCondition.of(AddressSet.union(sets));
      return this;
    }

    Builder from(AddressSet set) {
      remote = AddressCondition.of(set);
      return this;
    }

    Builder fromKeyword(AddressKeyword k) {
      remote = new AddressCondition(false, AddressSet.empty(), Set.of(k));
      return this;
    }

    Builder profiles(Profile... ps) {
      profiles = EnumSet.copyOf(List.of(ps));
      return this;
    }

    Builder disabled() {
      enabled = false;
      return this;
    }

    Builder program(String p) {
      program = Optional.of(p);
      return this;
    }

    Builder service(String s) {
      service = Optional.of(s);
      return this;
    }

    Builder other(String s) {
      other.add(s);
      return this;
    }

    Builder gpo() {
      store = HostStore.GPO;
      return this;
    }

    WfasRule rule(SourceSpan at) {
      return new WfasRule(name, name, Optional.empty(), Optional.empty(), direction, action,
          protocol, local, remotePorts, AddressCondition.ANY, remote, profiles, enabled, program,
          service, at, other);
    }

    /** Adds the rule to the host, at the next line; returns the host. */
    HostRules add() {
      host.state.addRule(new HostRule(rule(host.next()), store));
      return host;
    }
  }
}
