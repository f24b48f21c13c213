package dev.rpcwall.emit.reg;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values an artifact writes under {@code HKLM\SOFTWARE\Microsoft\Rpc\Internet}
 * (windows-semantics.md 6.1): {@code Ports} (REG_MULTI_SZ, each string as written),
 * {@code PortsInternetAvailable} and {@code UseInternetPorts} (REG_SZ), and the names of values
 * it deletes. What the readers of every deployment artifact return.
 */
public record RpcRegistryValues(
    Optional<List<String>> ports,
    Optional<String> portsInternetAvailable,
    Optional<String> useInternetPorts,
    Set<String> deleted) {
  /** The key, as regedit and the registry APIs spell it. */
  public static final String KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet";

  public static final String PORTS = "Ports";
  public static final String PORTS_INTERNET_AVAILABLE = "PortsInternetAvailable";
  public static final String USE_INTERNET_PORTS = "UseInternetPorts";
  public static final List<String> NAMES = List.of(PORTS, PORTS_INTERNET_AVAILABLE, USE_INTERNET_PORTS);

  public RpcRegistryValues {
    ports = requireNonNull(ports, "ports").map(List::copyOf);
    requireNonNull(portsInternetAvailable, "portsInternetAvailable");
    requireNonNull(useInternetPorts, "useInternetPorts");
    deleted = Set.copyOf(new TreeSet<>(deleted));
  }

  /**
   * The strings of {@code Ports} for a range: one per inclusive range, {@code a-b} without spaces
   * (windows-semantics.md 6.2 rule 4), a single port as {@code a}.
   */
  public static List<String> portStrings(PortSet ports) {
    return ports.ranges().stream().map(PortRange::toString).toList();
  }

  /** What an artifact for {@code rpc} must write: the range, and Y for both flags (6.2 rule 1). */
  public static RpcRegistryValues expected(RpcSettings rpc) {
    return new RpcRegistryValues(
        rpc.dynamicPorts().map(RpcRegistryValues::portStrings),
        rpc.dynamicPorts().map(p -> "Y"),
        rpc.dynamicPorts().map(p -> "Y"),
        Set.of());
  }

  /** What an undo artifact must do: delete exactly the three values, write nothing. */
  public static RpcRegistryValues undo() {
    return new RpcRegistryValues(Optional.empty(), Optional.empty(), Optional.empty(), Set.copyOf(NAMES));
  }

  /**
   * Parses one {@code Ports} string as RPC does: {@code n} or {@code a-b}, decimal, 0-65535,
   * {@code a <= b}, no spaces (6.1, 6.2 rule 4); empty when RPC would reject it.
   */
  public static Optional<PortRange> parsePortString(String s) {
    int dash = s.indexOf('-');
    Optional<Integer> first = port(dash < 0 ? s : s.substring(0, dash));
    Optional<Integer> last = dash < 0 ? first : port(s.substring(dash + 1));
    if (first.isEmpty() || last.isEmpty() || first.get() > last.get()) {
      return Optional.empty();
    }
    return Optional.of(PortRange.of(first.get(), last.get()));
  }

  private static Optional<Integer> port(String s) {
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    int n = Integer.parseInt(s);
    return n <= PortRange.MAX_PORT ? Optional.of(n) : Optional.empty();
  }

  /**
   * The differences between what was read back and {@code wanted}, in words; empty when equal.
   * Besides the exact strings, each {@code Ports} string must parse and their union must be the
   * policy's range, so a reader that kept a string RPC rejects cannot pass.
   */
  public List<String> problems(RpcRegistryValues wanted, Optional<PortSet> policyRange) {
    List<String> out = new ArrayList<>();
    if (!ports.equals(wanted.ports)) {
      out.add("Ports is " + describe(ports) + ", the policy's range is " + describe(wanted.ports));
    }
    ports.ifPresent(list -> {
      PortSet union = PortSet.empty();
      for (String s : list) {
        Optional<PortRange> r = parsePortString(s);
        if (r.isEmpty()) {
          out.add("Ports string '" + s + "' is not a port or range RPC accepts");
        } else {
          union = union.union(PortSet.of(r.get()));
        }
      }
      if (policyRange.isPresent() && !union.equals(policyRange.get())) {
        out.add("Ports covers " + union + ", the policy's range is " + policyRange.get());
      }
    });
    if (!portsInternetAvailable.equals(wanted.portsInternetAvailable)) {
      out.add("PortsInternetAvailable is " + describe(portsInternetAvailable) + ", expected "
          + describe(wanted.portsInternetAvailable));
    }
    if (!useInternetPorts.equals(wanted.useInternetPorts)) {
      out.add("UseInternetPorts is " + describe(useInternetPorts) + ", expected "
          + describe(wanted.useInternetPorts));
    }
    if (!deleted.equals(wanted.deleted)) {
      out.add("deletes " + new TreeSet<>(deleted) + ", expected " + new TreeSet<>(wanted.deleted));
    }
    return out;
  }

  private static String describe(Optional<?> v) {
    return v.map(x -> x instanceof List<?> l ? String.join(",", l.stream().map(Object::toString).toList()) : "\"" + x + "\"")
        .map(s -> s.isEmpty() ? "(empty)" : s)
        .orElse("not written");
  }
}
