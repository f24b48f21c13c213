package dev.rpcwall.compiler.lower;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.model.Rules;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds small IR policies by hand for lowering and check tests. */
public final class Policies {
  private final String name;
  private final List<Rule> rules = new ArrayList<>();
  private Action defaultAction = Action.BLOCK;

  private Policies(String name) {
    this.name = name;
  }

  public static Policies named(String name) {
    return new Policies(name);
  }

  /**
   * The KB example the translation checks start from: 10.1.1.0/24 may reach TCP 135 and
   * 5001-5021, every other address is blocked from them.
   */
  public static Policy kb() {
    PortSet rpc = Rules.ports("135,5001-5021");
    return named("kb")
        .allow(Rules.net("10.1.1.0/24"), rpc, PortSet.empty())
        .block(AddressSet.all(), rpc, PortSet.empty())
        .build();
  }

  /** {@code n} single IPv6 hosts, none adjacent (each its own list entry): 2001:db8::1000, ::1002... */
  public static AddressSet v6Hosts(int n) {
    List<IpRange> hosts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Ip a = Ip.v6(0x20010db800000000L, 2L * i + 0x1000);
      hosts.add(new IpRange(a, a));
    }
    return AddressSet.of(hosts);
  }

  public Policies allow(AddressSet from, PortSet tcp, PortSet udp, Profile... profiles) {
    return add(Action.ALLOW, from, tcp, udp, profiles);
  }

  public Policies block(AddressSet from, PortSet tcp, PortSet udp, Profile... profiles) {
    return add(Action.BLOCK, from, tcp, udp, profiles);
  }

  public Policies defaultAction(Action action) {
    this.defaultAction = action;
    return this;
  }

  private Policies add(Action action, AddressSet from, PortSet tcp, PortSet udp, Profile... profiles) {
    Set<Profile> set = profiles.length == 0 ? EnumSet.allOf(Profile.class) : Set.of(profiles);
    int index = rules.size();
    rules.add(
        new Rule(
            index,
            action,
            from,
            tcp,
            udp,
            set,
            SourceSpan.at("p.rpcwall", index + 2, 1, 5),
            action.keyword() + " rule" + index));
    return this;
  }

  public Policy build() {
    return new Policy(
        name,
        SourceSpan.at("p.rpcwall", 1, 1, 6),
        Optional.empty(),
        SourceSpan.UNKNOWN,
        rules,
        defaultAction,
        SourceSpan.UNKNOWN,
        RpcSettings.NONE,
        "p.rpcwall");
  }
}
