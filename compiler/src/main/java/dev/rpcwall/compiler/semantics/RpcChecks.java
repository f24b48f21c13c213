package dev.rpcwall.compiler.semantics;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;
import java.util.OptionalInt;

/**
 * The checks of a policy's {@code rpc {}} settings (codes RW1041-RW1044): the dynamic port range's
 * size and position, the WMI fixed port, and ports the range shares with what else listens on the
 * host. The name resolver calls them with the resolved values (it keeps the checks of the
 * statements' structure, such as a setting given twice); {@link PolicyChecks} checks the decision
 * function later.
 */
public final class RpcChecks {
  /** SMB; never a candidate for the RPC dynamic range. */
  public static final int SMB_PORT = 445;

  /** KB154596: use ports above 5000 (windows-semantics.md 6.2 rule 5). */
  public static final int LOWEST_RECOMMENDED_DYNAMIC_PORT = 5001;

  /** windows-semantics.md 6.2 rule 5: Microsoft's guidance is a range of at least 100 ports. */
  public static final int MIN_DYNAMIC_PORTS = 100;

  private RpcChecks() {}

  /** Warnings about the dynamic port range {@code set}, given at {@code at} (RW1041, RW1044). */
  public static void dynamicRange(PortSet set, SourceSpan at, Diagnostics diagnostics) {
    if (set.size() < MIN_DYNAMIC_PORTS) {
      // windows-semantics.md 6.2 rule 5: ports stay allocated until their process exits, and
      // Microsoft (KB154596) recommends at least 100 ports.
      diagnostics.warning(
          Codes.RPC_RANGE_SMALL,
          at,
          "the dynamic port range has only " + set.size() + " port"
              + (set.size() == 1 ? "" : "s") + "; Microsoft recommends at least 100",
          "a small range can run out of ports and make RPC calls fail");
    }
    PortSet low = set.intersect(PortSet.of(0, LOWEST_RECOMMENDED_DYNAMIC_PORT - 1));
    if (!low.isEmpty()) {
      // windows-semantics.md 6.2 rules 5 and 7: KB154596 recommends ports above 5000; 1025-5000
      // is the pre-Vista ephemeral range and below 1024 live well-known services.
      diagnostics.warning(
          Codes.RPC_RANGE_LOW,
          at,
          "the dynamic port range includes " + low + "; Microsoft recommends ports above 5000",
          "ports up to 5000 are the ephemeral range of older Windows and below 1024 well-known"
              + " services; start the range at 5001 or above");
    }
  }

  /**
   * Whether {@code port}, written at {@code at} as one port ({@code single}) or a range, can be the
   * WMI fixed port; reports why not (RW1043).
   */
  public static boolean wmiFixedPort(
      PortRange port, boolean single, SourceSpan at, Diagnostics diagnostics) {
    if (!single) {
      diagnostics.error(
          Codes.WMI_PORT_INVALID, at, "the WMI fixed port is one port, not a range",
          "winmgmt -standalonehost listens on one TCP port, 24158 by default");
      return false;
    }
    int p = port.first();
    if (p == 0) {
      diagnostics.error(
          Codes.WMI_PORT_INVALID, at, "port 0 cannot be the WMI fixed port",
          "winmgmt -standalonehost listens on TCP 24158 by default");
      return false;
    }
    if (p == PolicyChecks.ENDPOINT_MAPPER_PORT || p == SMB_PORT) {
      // 135 is the endpoint mapper (RPCSS) and 445 SMB (System): WMI cannot listen there, and
      // the wmi service would silently mean only those (windows-semantics.md 2.4, 6.3).
      diagnostics.error(
          Codes.WMI_PORT_INVALID, at,
          "port " + p + " cannot be the WMI fixed port: "
              + (p == PolicyChecks.ENDPOINT_MAPPER_PORT ? "the endpoint mapper" : "SMB")
              + " listens there",
          "winmgmt -standalonehost listens on TCP 24158 by default");
      return false;
    }
    return true;
  }

  /**
   * Ports something else listens on, named {@code what}, defined at {@code where} ({@link
   * SourceSpan#UNKNOWN} for the built-ins); {@code showPorts} when {@code what} does not name its
   * ports already.
   */
  public record Listener(String what, PortSet ports, SourceSpan where, boolean showPorts) {
    public Listener {
      requireNonNull(what, "what");
      requireNonNull(ports, "ports");
      requireNonNull(where, "where");
    }
  }

  /**
   * The dynamic range must not contain ports that something else listens on: a static service
   * there could take a port RPC hands out, or RPC could take the service's port. The Ports value
   * applies to TCP and UDP endpoints alike (windows-semantics.md 6.2 rule 1), so both count. The
   * endpoint mapper, SMB and the WMI fixed port are checked first, then {@code others} in order
   * (RW1042, at the range).
   */
  public static void dynamicOverlaps(
      PortSet range,
      SourceSpan rangeOrigin,
      OptionalInt wmiPort,
      SourceSpan wmiOrigin,
      List<Listener> others,
      Diagnostics diagnostics) {
    // These three name their one port already; the others get the shared ports in parentheses.
    overlap(range, rangeOrigin, new Listener("port 135 (the RPC endpoint mapper)",
        PortSet.of(PolicyChecks.ENDPOINT_MAPPER_PORT), SourceSpan.UNKNOWN, false), diagnostics);
    overlap(range, rangeOrigin,
        new Listener("port 445 (SMB)", PortSet.of(SMB_PORT), SourceSpan.UNKNOWN, false), diagnostics);
    if (wmiPort.isPresent()) {
      overlap(range, rangeOrigin, new Listener("the WMI fixed port " + wmiPort.getAsInt(),
          PortSet.of(wmiPort.getAsInt()), wmiOrigin, false), diagnostics);
    }
    for (Listener l : others) {
      overlap(range, rangeOrigin, l, diagnostics);
    }
  }

  private static void overlap(
      PortSet range, SourceSpan rangeOrigin, Listener l, Diagnostics diagnostics) {
    PortSet common = range.intersect(l.ports());
    if (common.isEmpty()) {
      return;
    }
    diagnostics.error(
        Codes.RPC_RANGE_OVERLAP,
        rangeOrigin,
        "the dynamic port range overlaps " + l.what() + (l.showPorts() ? " (" + common + ")" : ""),
        !l.where().isKnown()
            ? "keep the range clear of ports other services listen on"
            : "see " + l.where().location());
  }
}
