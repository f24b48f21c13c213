package dev.rpcwall.compiler.model.ipsec;

/** What the Policy Agent does with an inbound packet (windows-semantics.md 5.5). */
public enum IpsecVerdict {
  /** The most specific matching filter passes it. */
  PASS,
  /** The most specific matching filter blocks it. */
  BLOCK,
  /** The most specific matching filter negotiates security: neither a plain pass nor a block. */
  NEGOTIATE,
  /** No filter matches: the packet passes unfiltered. */
  NO_MATCH,
  /**
   * Two matching filters with different actions, neither strictly more specific than the other:
   * which one the agent picks is not documented (5.5 rule 3, UNCONFIRMED).
   */
  AMBIGUOUS,
  /**
   * Filters naming a remote (source) port decide differently for different remote ports of the
   * same remote address, protocol and local port.
   */
  DEPENDS_ON_REMOTE_PORT,
  /**
   * Exempt from IPsec filtering by default ({@link IpsecExemptions}, 5.5 rule 6): the packet
   * passes whatever the filters say.
   */
  EXEMPT;

  /** Whether the packet certainly passes in the clear. */
  public boolean passes() {
    return this == PASS || this == NO_MATCH || this == EXEMPT;
  }
}
