package dev.rpcwall.compiler.model.ipsec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Traffic the Policy Agent exempts from IPsec filtering (windows-semantics.md 5.5 rule 6): on
 * Windows 2000 and XP, Kerberos, IKE, RSVP, broadcast and multicast traffic pass whatever the
 * filters say, unless the {@code NoDefaultExempt} registry value changes it. Exact per-OS defaults
 * are UNCONFIRMED there.
 *
 * <p>Modelled here, for the inbound unicast tcp/udp packets the evaluator decides: Kerberos (tcp
 * and udp 88) and IKE (udp 500) to a local port. RSVP is its own IP protocol (46), not tcp or udp,
 * and broadcast and multicast packets are not addressed to this computer's unicast address: neither
 * meets a decision of a policy, which speaks of tcp and udp to this computer (docs/targets/ipsec.md
 * says what that leaves open).
 *
 * <p>{@code remotePortsToo}: whether a packet <em>from</em> an exempt port is exempt as well. The
 * ground truth (5.5 rule 6) does not say; Microsoft's security bulletin KB811832 describes the
 * Kerberos exemption as matching source port 88, which lets such packets bypass block filters
 * unless {@code NoDefaultExempt} is set (outside windows-semantics.md: a finding for the dialects,
 * see docs/targets/ipsec.md). rpcwall's translation check uses {@link #DEFAULT} (local ports);
 * {@link #DEFAULT_WITH_REMOTE_PORTS} shows what the remote-port reading changes.
 */
public record IpsecExemptions(List<Flow> flows, boolean remotePortsToo) {
  /** An exempt flow: {@code protocol} (6 tcp, 17 udp) and {@code port}. */
  public record Flow(String name, int protocol, int port) {
    public Flow {
      requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return name + " (" + (protocol == 6 ? "tcp" : protocol == 17 ? "udp" : "protocol " + protocol)
          + " " + port + ")";
    }
  }

  /** No exemption ({@code NoDefaultExempt} removes them; the evaluator's own default). */
  public static final IpsecExemptions NONE = new IpsecExemptions(List.of(), false);

  /**
   * The safe reading of 5.5 rule 6 for a script that does not set {@code NoDefaultExempt}: inbound
   * Kerberos and IKE to this computer pass unfiltered (a block on them would not take effect).
   */
  public static final IpsecExemptions DEFAULT =
      new IpsecExemptions(
          List.of(new Flow("Kerberos", 6, 88), new Flow("Kerberos", 17, 88), new Flow("IKE", 17, 500)),
          false);

  /** {@link #DEFAULT}, and packets from those ports exempt too (KB811832's reading). */
  public static final IpsecExemptions DEFAULT_WITH_REMOTE_PORTS =
      new IpsecExemptions(DEFAULT.flows, true);

  public IpsecExemptions {
    flows = List.copyOf(flows);
  }

  /** The exempt flow to local {@code port}, if any. */
  public Optional<Flow> toLocalPort(int protocol, int port) {
    for (Flow f : flows) {
      if (f.protocol == protocol && f.port == port) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** Whether an inbound packet is exempt from filtering. */
  public boolean exempt(int protocol, int remotePort, int localPort) {
    return toLocalPort(protocol, localPort).isPresent()
        || (remotePortsToo && toLocalPort(protocol, remotePort).isPresent());
  }
}
