package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.ProfileSetting;
import dev.rpcwall.compiler.host.RegistryValue;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RPC dynamic port range a host uses, from the {@code Rpc\Internet} values as written
 * (windows-semantics.md 6.1, 6.2), and what is wrong with them (RWL0110-RWL0113, RWL0120).
 *
 * <p>Which range is used: with a valid {@code Ports}, {@code PortsInternetAvailable=Y} and {@code
 * UseInternetPorts=Y} (or absent), the listed ports (6.2 rule 1). With {@code
 * PortsInternetAvailable=N} the listed ports are the ones <em>not</em> available (6.1): the range is
 * taken as 1024-65535 without them. With {@code UseInternetPorts=N} default endpoints take the
 * intranet set, whose exact content is UNCONFIRMED: the listed set together with Windows' default
 * range is taken, the wider (safe) reading for exposure. Without a {@code Ports} value, or with any
 * error in the values (which makes RPC reject the whole configuration, 6.2 rule 3), Windows'
 * default dynamic range of Vista and later, 49152-65535 (6.2 rule 7), is assumed and said so.
 */
final class RpcConfig {
  /** Windows Vista and later (windows-semantics.md 6.2 rule 7, KB929851). */
  static final PortSet WINDOWS_DEFAULT = PortSet.of(49152, 65535);

  /** Ports of services that listen on fixed ports, never to be inside the dynamic range. */
  static final PortSet STATIC_PORTS =
      PortSet.of(135).union(PortSet.of(139)).union(PortSet.of(445)).union(PortSet.of(3389))
          .union(PortSet.of(5985, 5986));

  private static final Pattern ENTRY = Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?");
  private static final Pattern SLASHED = Pattern.compile("[0-9]+\\s*/\\s*[0-9]+");

  final PortSet dynamic;
  /** How {@link #dynamic} was found, for evidence and the effective view. */
  final String description;
  /** Where the range was written, or UNKNOWN when assumed. */
  final SourceSpan origin;
  final boolean assumed;
  final Optional<Integer> wmiFixedPort;
  final SourceSpan wmiOrigin;
  final List<Finding> findings = new ArrayList<>();

  RpcConfig(HostState state) {
    // A port outside 1-65535 cannot be listened on: such a setting is the reader's to report.
    Optional<ProfileSetting<Integer>> wmi =
        state.wmiFixedPort().filter(w -> w.value() >= 1 && w.value() <= PortRange.MAX_PORT);
    wmiFixedPort = wmi.map(ProfileSetting::value);
    wmiOrigin = wmi.map(ProfileSetting::origin).orElse(SourceSpan.UNKNOWN);
    RegistryValue ports = state.rpcInternet().get("Ports");
    RegistryValue available = state.rpcInternet().get("PortsInternetAvailable");
    RegistryValue use = state.rpcInternet().get("UseInternetPorts");
    boolean valid = true;
    Boolean availableY = yesNo(available);
    Boolean useY = yesNo(use);
    if (available != null && availableY == null) {
      valid = false;
    }
    if (use != null && useY == null) {
      valid = false;
    }
    PortSet listed = PortSet.empty();
    if (ports == null) {
      if (available != null || use != null) {
        RegistryValue at = available != null ? available : use;
        findings.add(
            LintCatalog.RANGE_INCOMPLETE.finding(
                at.origin(),
                "Rpc\\Internet sets " + at.name() + " but no Ports value",
                List.of(new Evidence(at.name() + " = " + String.join(",", at.data()), at.origin()),
                    new Evidence("whether RPC rejects a key without Ports is UNCONFIRMED"
                        + " (windows-semantics.md 6.2 rule 3); Windows' default range is assumed",
                        SourceSpan.UNKNOWN))));
      }
      valid = false;
    } else {
      if (!RegistryValue.REG_MULTI_SZ.equalsIgnoreCase(ports.type())) {
        findings.add(
            LintCatalog.RANGE_TYPE.finding(
                ports.origin(),
                "Rpc\\Internet Ports is " + ports.type() + ", not REG_MULTI_SZ",
                List.of(new Evidence("Ports = " + String.join(",", ports.data()), ports.origin()))));
        valid = false;
      }
      List<PortRange> ranges = new ArrayList<>();
      for (String entry : ports.data()) {
        if (entry.isEmpty()) {
          continue; // the empty string that ends a REG_MULTI_SZ
        }
        String problem = null;
        Matcher m = ENTRY.matcher(entry);
        if (m.matches()) {
          int first = Integer.parseInt(m.group(1));
          int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
          if (last > PortRange.MAX_PORT || first > PortRange.MAX_PORT) {
            problem = "a port above 65535";
          } else if (first > last) {
            problem = "a range that ends before it starts";
          } else {
            ranges.add(PortRange.of(first, last));
          }
        } else if (SLASHED.matcher(entry.trim()).matches()) {
          problem = "'N/N' is not a range; write N-M";
        } else if (entry.matches("\\s*[0-9]+\\s*(-\\s*[0-9]+\\s*)?")) {
          // windows-semantics.md 6.2 rule 4 (KB201911): "4000 - 4010" is rejected. That spaces
          // around a single port are rejected too is UNCONFIRMED; flagged (safe reading).
          problem = "spaces inside the entry";
        } else if (entry.contains(",") || entry.contains(";")) {
          problem = "several ranges in one string; each range is its own REG_MULTI_SZ string";
        } else {
          problem = "not a port or a range";
        }
        if (problem != null) {
          valid = false;
          findings.add(
              LintCatalog.RANGE_SYNTAX.finding(
                  ports.origin(),
                  "Rpc\\Internet Ports entry '" + entry + "': " + problem,
                  List.of(new Evidence("Ports = " + String.join(" | ", ports.data()), ports.origin()),
                      new Evidence("one bad entry makes RPC reject the whole configuration and"
                          + " RPC over TCP/UDP fails (windows-semantics.md 6.2 rule 3)",
                          SourceSpan.UNKNOWN))));
        }
      }
      listed = PortSet.of(ranges);
      if (available == null) {
        findings.add(
            LintCatalog.RANGE_INCOMPLETE.finding(
                ports.origin(),
                "Rpc\\Internet sets Ports but no PortsInternetAvailable",
                List.of(new Evidence("Ports = " + String.join(" | ", ports.data()), ports.origin()))));
      }
      if (listed.isEmpty()) {
        valid = false;
      }
    }
    for (RegistryValue v : new RegistryValue[] {available, use}) {
      if (v != null && (yesNo(v) == null || !RegistryValue.REG_SZ.equalsIgnoreCase(v.type()))) {
        findings.add(
            LintCatalog.RANGE_TYPE.finding(
                v.origin(),
                "Rpc\\Internet " + v.name() + " is " + v.type() + " '" + String.join(",", v.data())
                    + "'; RPC reads REG_SZ Y or N",
                List.of(new Evidence(v.name() + " = " + String.join(",", v.data()), v.origin()))));
        valid = false;
      }
    }
    if (!valid) {
      dynamic = WINDOWS_DEFAULT;
      assumed = true;
      origin = SourceSpan.UNKNOWN;
      description =
          (ports == null ? "no Rpc\\Internet Ports value" : "the Rpc\\Internet values are invalid")
              + ": Windows' default dynamic range 49152-65535 assumed";
    } else {
      assumed = false;
      origin = ports.origin();
      if (Boolean.FALSE.equals(availableY)) {
        dynamic = PortSet.of(1024, PortRange.MAX_PORT).minus(listed);
        description = "Rpc\\Internet Ports " + listed + " with PortsInternetAvailable=N: 1024-65535"
            + " without them (" + ports.origin().location() + ")";
      } else if (Boolean.FALSE.equals(useY)) {
        dynamic = listed.union(WINDOWS_DEFAULT);
        description = "Rpc\\Internet Ports " + listed + " with UseInternetPorts=N: which ports"
            + " default endpoints take is UNCONFIRMED, " + dynamic + " assumed ("
            + ports.origin().location() + ")";
      } else {
        dynamic = listed;
        description = "Rpc\\Internet Ports " + listed + " (" + ports.origin().location() + ")";
        if (listed.size() < 100) {
          findings.add(
              LintCatalog.RANGE_SMALL.finding(
                  ports.origin(),
                  "the RPC dynamic range " + listed + " has " + listed.size() + " port"
                      + (listed.size() == 1 ? "" : "s") + "; Microsoft recommends at least 100",
                  List.of(new Evidence("Ports = " + String.join(" | ", ports.data()), ports.origin()),
                      new Evidence("ports stay allocated until their process exits; a small range"
                          + " runs out (windows-semantics.md 6.2 rule 5)", SourceSpan.UNKNOWN))));
        }
      }
      PortSet statics = STATIC_PORTS;
      if (wmiFixedPort.isPresent()) {
        statics = statics.union(PortSet.of(wmiFixedPort.get()));
      }
      PortSet overlap = listed.intersect(statics);
      if (!overlap.isEmpty() && !Boolean.FALSE.equals(availableY)) {
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence("Ports = " + String.join(" | ", ports.data()), ports.origin()));
        if (wmiFixedPort.isPresent() && overlap.contains(wmiFixedPort.get())) {
          ev.add(new Evidence("WMI fixed port " + wmiFixedPort.get(), wmiOrigin));
        }
        findings.add(
            LintCatalog.RANGE_OVERLAP.finding(
                ports.origin(),
                "the RPC dynamic range " + listed + " includes the static port"
                    + (overlap.size() == 1 ? " " : "s ") + overlap,
                ev));
      }
    }
  }

  /** TRUE for Y, FALSE for N (any case, spaces around ignored), null otherwise or when absent. */
  private static Boolean yesNo(RegistryValue v) {
    if (v == null || v.data().size() != 1) {
      return null;
    }
    String s = v.data().get(0).trim().toUpperCase(Locale.ROOT);
    return s.equals("Y") ? Boolean.TRUE : s.equals("N") ? Boolean.FALSE : null;
  }
}
