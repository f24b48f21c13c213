package dev.rpcwall.compiler.model.ipsec;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One legacy IPsec filter with the action of its rule (windows-semantics.md 5.3, 5.4): source and
 * destination, protocol ({@code 0} = any, else the IP protocol number: tcp 6, udp 17), source and
 * destination port (one port, {@code 0} = any; the dialects have no ranges), and whether it is
 * mirrored. A mirrored filter is two independent filters, one per direction, each ordered on its
 * own (5.3 rule 1, 5.5 rule 4): see {@link #directional()}.
 */
public record IpsecFilter(
    IpsecAddress source,
    IpsecAddress destination,
    int protocol,
    int sourcePort,
    int destinationPort,
    boolean mirrored,
    IpsecAction action) {
  public static final int ANY_PROTOCOL = 0;
  public static final int ANY_PORT = 0;

  public IpsecFilter {
    requireNonNull(source, "source");
    requireNonNull(destination, "destination");
    requireNonNull(action, "action");
    if (protocol < 0 || protocol > 255) {
      throw new IllegalArgumentException("protocol " + protocol);
    }
    if (sourcePort < 0 || sourcePort > 65535 || destinationPort < 0 || destinationPort > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
  }

  /** An inbound, unmirrored filter from {@code source} to this computer's {@code port}. */
  public static IpsecFilter inbound(IpsecAddress source, int protocol, int port, IpsecAction action) {
    return new IpsecFilter(source, IpsecAddress.me(), protocol, ANY_PORT, port, false, action);
  }

  /** The filters the agent holds for this one: itself, plus its mirror when mirrored. */
  public List<IpsecFilter> directional() {
    IpsecFilter forward =
        new IpsecFilter(source, destination, protocol, sourcePort, destinationPort, false, action);
    if (!mirrored) {
      return List.of(forward);
    }
    return List.of(
        forward,
        new IpsecFilter(destination, source, protocol, destinationPort, sourcePort, false, action));
  }

  /**
   * Whether this filter matches every packet {@code other} matches, dimension by dimension
   * (addresses, protocol, ports); both must be directional.
   */
  public boolean containsOrEquals(IpsecFilter other) {
    return source.containsOrEquals(other.source)
        && destination.containsOrEquals(other.destination)
        && (protocol == ANY_PROTOCOL || protocol == other.protocol)
        && (sourcePort == ANY_PORT || sourcePort == other.sourcePort)
        && (destinationPort == ANY_PORT || destinationPort == other.destinationPort);
  }

  /**
   * Strictly more specific (windows-semantics.md 5.5 rule 3, the exact weighting is UNCONFIRMED):
   * contained-or-equal in every dimension and strictly contained in at least one, i.e. {@code
   * other} contains this filter and this one does not contain {@code other}. Any weight function
   * that ranks a filter above every filter matching a superset of its packets orders such a
   * filter first; this is the only ordering rpcwall relies on (the safe reading of 5.5 rule 3).
   */
  public boolean strictlyMoreSpecificThan(IpsecFilter other) {
    return other.containsOrEquals(this) && !this.containsOrEquals(other);
  }

  @Override
  public String toString() {
    return source
        + (sourcePort == 0 ? "" : ":" + sourcePort)
        + (mirrored ? " <-> " : " -> ")
        + destination
        + (destinationPort == 0 ? "" : ":" + destinationPort)
        + " proto "
        + (protocol == 0 ? "any" : Integer.toString(protocol))
        + " "
        + action;
  }
}
