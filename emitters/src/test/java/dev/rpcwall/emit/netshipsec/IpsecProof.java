package dev.rpcwall.emit.netshipsec;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Random policies as the netsh ipsec tests use them; what their filters read back mean is compared
 * with {@link dev.rpcwall.compiler.testing.IpsecReference#mismatch}.
 */
final class IpsecProof {
  private IpsecProof() {}

  /**
   * The ports a test policy keeps: around the anchors of RandomPolicies (the RPC ports and both
   * ends of the port space), so that the script stays small enough to read thousands of times
   * (one filter per port and address block) while every kind of boundary is still there.
   */
  static final PortSet WINDOWS =
      PortSet.of(1, 3).union(PortSet.of(133, 137)).union(PortSet.of(443, 447))
          .union(PortSet.of(4999, 5003)).union(PortSet.of(5019, 5023))
          .union(PortSet.of(24156, 24160)).union(PortSet.of(49150, 49154))
          .union(PortSet.of(65533, 65535));

  /**
   * A random policy made expressible for legacy IPsec: IPv4 only, every profile, no port 0, and
   * its ports cut to {@link #WINDOWS}.
   */
  static Policy expressible(Policy p) {
    List<Rule> rules = new ArrayList<>();
    for (Rule r : p.rules()) {
      rules.add(
          new Rule(r.index(), r.action(), r.addresses().only(IpFamily.IPV4),
              r.tcp().intersect(WINDOWS), r.udp().intersect(WINDOWS),
              EnumSet.allOf(Profile.class), r.origin(), r.text()));
    }
    return new Policy(p.name(), p.nameOrigin(), p.description(), p.descriptionOrigin(), rules,
        p.defaultAction(), p.defaultOrigin(), p.rpc(), p.sourceName(), p.replaces());
  }
}
