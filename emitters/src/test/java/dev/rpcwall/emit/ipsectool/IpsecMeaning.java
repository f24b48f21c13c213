package dev.rpcwall.emit.ipsectool;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Random policies as the ipsecpol / ipseccmd tests use them; what their filters read back mean is
 * compared with {@link dev.rpcwall.compiler.testing.IpsecReference#mismatch}.
 */
final class IpsecMeaning {
  private IpsecMeaning() {}

  /** RandomPolicies made expressible: IPv4 only, every rule on every profile, no port 0. */
  static Policy expressible(Policy p) {
    List<Rule> rules = new ArrayList<>();
    for (Rule r : p.rules()) {
      rules.add(new Rule(r.index(), r.action(), r.addresses().only(IpFamily.IPV4),
          r.tcp().minus(PortSet.of(0)), r.udp().minus(PortSet.of(0)), EnumSet.allOf(Profile.class),
          r.origin(), r.text()));
    }
    return new Policy(p.name(), p.nameOrigin(), p.description(), p.descriptionOrigin(), rules,
        p.defaultAction(), p.defaultOrigin(), p.rpc(), p.sourceName());
  }

  /**
   * The policy with every rule's ports cut to a few around the RPC anchors (135, 445, 5001-5021),
   * so that host scenarios that read many scripts stay small; the addresses stay as random.
   */
  static Policy small(Policy p) {
    PortSet keep = PortSet.of(130, 140).union(PortSet.of(440, 450)).union(PortSet.of(5000, 5022));
    List<Rule> rules = new ArrayList<>();
    for (Rule r : p.rules()) {
      rules.add(new Rule(r.index(), r.action(), r.addresses(), r.tcp().intersect(keep),
          r.udp().intersect(keep), r.profiles(), r.origin(), r.text()));
    }
    return new Policy(p.name(), p.nameOrigin(), p.description(), p.descriptionOrigin(), rules,
        p.defaultAction(), p.defaultOrigin(), p.rpc(), p.sourceName());
  }
}
