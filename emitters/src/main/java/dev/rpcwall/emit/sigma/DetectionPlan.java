package dev.rpcwall.emit.sigma;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.PortSlice;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Sigma rules of a policy say, computed from its decision function (never by enumerating
 * addresses): per class of profiles that decide alike, the remote addresses the policy blocks on
 * each group of RPC/WMI ports; and the addresses outside the networks allowed to manage WMI.
 *
 * <p>The RPC/WMI ports are TCP only: the endpoint mapper (135), the dynamic range and the WMI fixed
 * port (DCOM and WMI use ncacn_ip_tcp, windows-semantics.md 6.2-6.3). Without {@code dynamic ports}
 * the range is the Windows Vista+ default 49152-65535 (windows-semantics.md 6.2 item 7; for a
 * policy without the Rpc\Internet key that reading is UNCONFIRMED there, and taking the default
 * range is the safe side: it watches the ports RPC may hand out).
 */
public record DetectionPlan(
    PortSet rpcPorts,
    List<ProfileClass> classes,
    PortSet wmiPorts,
    AddressSet wmiOutside) {
  /** TCP 135, the endpoint mapper (windows-semantics.md 2.4, 6.3 item 3). */
  public static final int ENDPOINT_MAPPER = 135;

  /** Windows Vista and later default dynamic port range (windows-semantics.md 6.2 item 7). */
  public static final PortRange DEFAULT_DYNAMIC = PortRange.of(49152, 65535);

  /** Remote addresses blocked on {@code ports}. */
  public record Group(PortSet ports, AddressSet remotes) {}

  /** Profiles on which the policy blocks the same addresses on the same RPC/WMI ports. */
  public record ProfileClass(Set<Profile> profiles, List<Group> groups) {
    /** {@code ""} when the class is every profile, else {@code -domain-private} and the like. */
    public String suffix() {
      if (profiles.size() == Profile.values().length) {
        return "";
      }
      StringBuilder b = new StringBuilder();
      for (Profile p : Profile.values()) {
        if (profiles.contains(p)) {
          b.append('-').append(p.keyword());
        }
      }
      return b.toString();
    }

    public AddressSet allRemotes() {
      return AddressSet.union(groups.stream().map(Group::remotes).toList());
    }
  }

  public static DetectionPlan of(DecisionMap map) {
    Policy policy = map.policy();
    PortSet dynamic = dynamicPorts(policy);
    PortSet wmiPorts = policy.rpc().wmiFixedPort().isPresent()
        ? PortSet.of(policy.rpc().wmiFixedPort().getAsInt())
        : dynamic;
    PortSet rpc = PortSet.of(ENDPOINT_MAPPER).union(dynamic).union(wmiPorts);
    List<ProfileClass> classes = new ArrayList<>();
    Map<List<Group>, Set<Profile>> byGroups = new LinkedHashMap<>();
    for (Profile p : Profile.values()) {
      byGroups.computeIfAbsent(blockedGroups(map, p, rpc), g -> EnumSet.noneOf(Profile.class)).add(p);
    }
    byGroups.forEach((groups, profiles) -> {
      if (!groups.isEmpty()) {
        classes.add(new ProfileClass(Set.copyOf(profiles), groups));
      }
    });
    // WMI managers: allowed on the endpoint mapper and on every WMI port, in every profile. Taking
    // the intersection errs on the side of alerting (a source allowed on only part of the way is
    // outside).
    AddressSet managers = AddressSet.all();
    PortSet wmiWay = PortSet.of(ENDPOINT_MAPPER).union(wmiPorts);
    for (Profile p : Profile.values()) {
      for (PortSlice s : map.slices(p, Protocol.TCP)) {
        if (PortSet.of(s.ports()).intersects(wmiWay)) {
          managers = managers.intersect(s.allowed());
        }
      }
    }
    return new DetectionPlan(rpc, List.copyOf(classes), wmiPorts, managers.complement());
  }

  /** The policy's dynamic range, or the Windows default. */
  public static PortSet dynamicPorts(Policy policy) {
    return policy.rpc().dynamicPorts().orElse(PortSet.of(DEFAULT_DYNAMIC));
  }

  /** The addresses blocked on each group of {@code rpc} ports in {@code profile}, by first port. */
  static List<Group> blockedGroups(DecisionMap map, Profile profile, PortSet rpc) {
    Map<AddressSet, PortSet> byRemotes = new LinkedHashMap<>();
    for (PortSlice s : map.slices(profile, Protocol.TCP)) {
      PortSet ports = PortSet.of(s.ports()).intersect(rpc);
      if (!s.managed() || ports.isEmpty()) {
        continue;
      }
      AddressSet blocked = s.blocked();
      if (!blocked.isEmpty()) {
        byRemotes.merge(blocked, ports, PortSet::union);
      }
    }
    List<Group> out = new ArrayList<>();
    byRemotes.forEach((remotes, ports) -> out.add(new Group(ports, remotes)));
    out.sort(Comparator.comparingInt(g -> g.ports().ranges().get(0).first()));
    return List.copyOf(out);
  }

  public boolean hasWmiRules() {
    return !wmiOutside.isEmpty();
  }
}
