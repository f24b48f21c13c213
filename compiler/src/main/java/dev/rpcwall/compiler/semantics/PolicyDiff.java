package dev.rpcwall.compiler.semantics;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changes in meaning between two policies ({@code rpcwall diff OLD NEW}): every packet whose
 * decision differs, grouped into the fewest readable entries. Computed from the regions of both
 * decision maps, never packet by packet.
 */
public final class PolicyDiff {
  private PolicyDiff() {}

  /**
   * One change: in these profiles, for this protocol, on these ports, from these addresses, the
   * decision goes from {@code before} to {@code after}.
   */
  public record DiffEntry(
      Set<Profile> profiles,
      Protocol protocol,
      PortSet ports,
      AddressSet addresses,
      Decision before,
      Decision after) {
    public DiffEntry {
      profiles = Set.copyOf(EnumSet.copyOf(profiles));
      requireNonNull(protocol, "protocol");
      requireNonNull(ports, "ports");
      requireNonNull(addresses, "addresses");
      requireNonNull(before, "before");
      requireNonNull(after, "after");
    }
  }

  /**
   * A change of a host setting the policy writes besides firewall rules: the RPC dynamic port range
   * or the WMI fixed port ({@code none} when absent). These change what RPC servers bind even when
   * no packet's decision changes, so a reviewer must see them.
   */
  public record SettingChange(String setting, String before, String after) {
    public SettingChange {
      requireNonNull(setting, "setting");
      requireNonNull(before, "before");
      requireNonNull(after, "after");
    }
  }

  /** The RPC settings that differ between two policies, in a fixed order. */
  public static List<SettingChange> settings(
      dev.rpcwall.compiler.ir.Policy before, dev.rpcwall.compiler.ir.Policy after) {
    List<SettingChange> out = new ArrayList<>();
    String dynamicBefore = before.rpc().dynamicPorts().map(PortSet::toString).orElse("none");
    String dynamicAfter = after.rpc().dynamicPorts().map(PortSet::toString).orElse("none");
    if (!dynamicBefore.equals(dynamicAfter)) {
      out.add(new SettingChange("rpc dynamic ports", dynamicBefore, dynamicAfter));
    }
    String wmiBefore = before.rpc().wmiFixedPort().isPresent() ? Integer.toString(before.rpc().wmiFixedPort().getAsInt()) : "none";
    String wmiAfter = after.rpc().wmiFixedPort().isPresent() ? Integer.toString(after.rpc().wmiFixedPort().getAsInt()) : "none";
    if (!wmiBefore.equals(wmiAfter)) {
      out.add(new SettingChange("wmi fixed port", wmiBefore, wmiAfter));
    }
    return out;
  }

  private static final Comparator<DiffEntry> ORDER =
      Comparator.comparing(DiffEntry::protocol)
          .thenComparing(d -> d.ports().ranges().get(0))
          .thenComparing(d -> d.addresses().ranges().get(0))
          .thenComparing(DiffEntry::before)
          .thenComparing(DiffEntry::after)
          .thenComparing(d -> profileBits(d.profiles()));

  /** Every region whose decision changed, merged; empty when both policies mean the same. */
  public static List<DiffEntry> between(DecisionMap before, DecisionMap after) {
    requireNonNull(before, "before");
    requireNonNull(after, "after");
    // step 1: per profile, protocol and port piece, the changed addresses per (before, after)
    // step 2: one key (protocol, before, after, addresses) collects its ports per profile
    Map<Key, Map<Profile, List<PortRange>>> byAddresses = new LinkedHashMap<>();
    for (Protocol protocol : Protocol.values()) {
      for (Profile profile : Profile.values()) {
        List<PortSlice> a = before.slices(profile, protocol);
        List<PortSlice> b = after.slices(profile, protocol);
        int i = 0;
        int j = 0;
        int port = 0;
        while (port <= PortRange.MAX_PORT) {
          PortSlice x = a.get(i);
          PortSlice y = b.get(j);
          int last = Math.min(x.ports().last(), y.ports().last());
          PortRange piece = PortRange.of(port, last);
          for (Map.Entry<Change, AddressSet> c : changes(x, y).entrySet()) {
            Key key = new Key(protocol, c.getKey().before(), c.getKey().after(), c.getValue());
            byAddresses
                .computeIfAbsent(key, k -> new LinkedHashMap<>())
                .computeIfAbsent(profile, p -> new ArrayList<>())
                .add(piece);
          }
          if (x.ports().last() == last) {
            i++;
          }
          if (y.ports().last() == last) {
            j++;
          }
          port = last + 1;
        }
      }
    }
    // step 3: entries with the same addresses and ports join across profiles
    Map<List<Object>, Set<Profile>> merged = new LinkedHashMap<>();
    Map<List<Object>, Key> keys = new LinkedHashMap<>();
    Map<List<Object>, PortSet> portsOf = new LinkedHashMap<>();
    for (Map.Entry<Key, Map<Profile, List<PortRange>>> e : byAddresses.entrySet()) {
      for (Map.Entry<Profile, List<PortRange>> pe : e.getValue().entrySet()) {
        PortSet ports = PortSet.of(pe.getValue());
        List<Object> id = List.of(e.getKey(), ports);
        merged.computeIfAbsent(id, k -> EnumSet.noneOf(Profile.class)).add(pe.getKey());
        keys.put(id, e.getKey());
        portsOf.put(id, ports);
      }
    }
    List<DiffEntry> out = new ArrayList<>();
    for (Map.Entry<List<Object>, Set<Profile>> e : merged.entrySet()) {
      Key k = keys.get(e.getKey());
      out.add(new DiffEntry(e.getValue(), k.protocol(), portsOf.get(e.getKey()), k.addresses(), k.before(), k.after()));
    }
    out.sort(ORDER);
    return List.copyOf(out);
  }

  private record Key(Protocol protocol, Decision before, Decision after, AddressSet addresses) {}

  private record Change(Decision before, Decision after) {}

  /** Addresses whose decision differs between two slices, by (before, after). */
  private static Map<Change, AddressSet> changes(PortSlice x, PortSlice y) {
    Map<Change, AddressSet.Builder[]> acc = new LinkedHashMap<>();
    if (!x.managed() && !y.managed()) {
      return Map.of();
    }
    List<AddressRegion> a = regionsOrUnmanaged(x);
    List<AddressRegion> b = regionsOrUnmanaged(y);
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      AddressRegion r = a.get(i);
      AddressRegion s = b.get(j);
      Ip first = max(r.range().first(), s.range().first());
      Ip last = min(r.range().last(), s.range().last());
      if (first.compareTo(last) <= 0 && r.decision() != s.decision()) {
        AddressSet.Builder[] builders =
            acc.computeIfAbsent(
                new Change(r.decision(), s.decision()),
                c ->
                    new AddressSet.Builder[] {
                      new AddressSet.Builder(IpFamily.IPV4, 4), new AddressSet.Builder(IpFamily.IPV6, 4)
                    });
        builders[first.family().ordinal()].add(first.hi(), first.lo(), last.hi(), last.lo());
      }
      int c = r.range().last().compareTo(s.range().last());
      if (c <= 0) {
        i++;
      }
      if (c >= 0) {
        j++;
      }
    }
    Map<Change, AddressSet> out = new LinkedHashMap<>();
    acc.forEach((k, v) -> out.put(k, AddressSet.ofBounds(v[0].build(), v[1].build())));
    return out;
  }

  private static final List<AddressRegion> UNMANAGED =
      List.of(
          new AddressRegion(IpRange.all(IpFamily.IPV4), Decision.UNMANAGED, java.util.Optional.empty()),
          new AddressRegion(IpRange.all(IpFamily.IPV6), Decision.UNMANAGED, java.util.Optional.empty()));

  private static List<AddressRegion> regionsOrUnmanaged(PortSlice s) {
    return s.managed() ? s.regions() : UNMANAGED;
  }

  private static Ip max(Ip a, Ip b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Ip min(Ip a, Ip b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static int profileBits(Set<Profile> profiles) {
    int bits = 0;
    for (Profile p : profiles) {
      bits |= p.bit();
    }
    return bits;
  }
}
