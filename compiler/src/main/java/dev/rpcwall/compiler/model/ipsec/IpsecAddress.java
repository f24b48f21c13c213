package dev.rpcwall.compiler.model.ipsec;

import dev.rpcwall.compiler.semantics.Cidr;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.Ip;

/**
 * One side of a filter (windows-semantics.md 5.3 {@code addr}, 5.4 {@code srcaddr}/{@code
 * dstaddr}): any address ({@code *}, {@code any}), this computer ({@code 0}, {@code me}), or an
 * IPv4 address with a contiguous mask (a mask of 0 is "any" and is normalised to {@link
 * Kind#ANY}). IPv4 only: the legacy agent filters IPv4 only.
 */
public record IpsecAddress(Kind kind, long address, long mask) {
  public enum Kind {
    ANY,
    ME,
    MASKED
  }

  private static final long ALL = 0xFFFF_FFFFL;
  private static final IpsecAddress ANY = new IpsecAddress(Kind.ANY, 0, 0);
  private static final IpsecAddress ME = new IpsecAddress(Kind.ME, 0, 0);

  public IpsecAddress {
    if (kind != Kind.MASKED) {
      if (address != 0 || mask != 0) {
        throw new IllegalArgumentException(kind + " takes no address");
      }
    } else {
      if (mask <= 0 || mask > ALL || ((~mask & ALL) & ((~mask & ALL) + 1)) != 0) {
        throw new IllegalArgumentException("mask is not a contiguous non-zero IPv4 mask");
      }
      if (address < 0 || address > ALL || (address & ~mask) != 0) {
        throw new IllegalArgumentException("address has bits outside its mask");
      }
    }
  }

  public static IpsecAddress any() {
    return ANY;
  }

  public static IpsecAddress me() {
    return ME;
  }

  /** An address with a prefix length; prefix 0 is {@link #any()}. */
  public static IpsecAddress prefix(long address, int prefix) {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("bad prefix /" + prefix);
    }
    if (prefix == 0) {
      return ANY;
    }
    long mask = (ALL << (32 - prefix)) & ALL;
    return new IpsecAddress(Kind.MASKED, address & mask, mask);
  }

  public static IpsecAddress host(long address) {
    return prefix(address, 32);
  }

  public static IpsecAddress of(Cidr cidr) {
    if (cidr.base().family() != IpFamily.IPV4) {
      throw new IllegalArgumentException("IPv6 in a legacy IPsec filter: " + cidr);
    }
    return prefix(cidr.base().lo(), cidr.prefix());
  }

  public int prefixLength() {
    return kind == Kind.MASKED ? Long.bitCount(mask) : 0;
  }

  /** The remote addresses this side names (ME: none, see {@link #matchesRemote}). */
  public IpRange range() {
    if (kind == Kind.MASKED) {
      return new IpRange(Ip.v4(address), Ip.v4(address | (~mask & ALL)));
    }
    return IpRange.all(IpFamily.IPV4);
  }

  /**
   * Whether a packet's remote (other computer's) address matches. {@code me} never does: the
   * evaluator's packets come from other computers.
   */
  public boolean matchesRemote(long ip) {
    return switch (kind) {
      case ANY -> true;
      case ME -> false;
      case MASKED -> (ip & mask) == address;
    };
  }

  /**
   * Whether this side names every address {@code other} names. {@code me} is contained in any; an
   * address block and {@code me} are incomparable, since which addresses the computer has is not
   * known here (safe reading: incomparable filters with different actions are reported ambiguous).
   */
  public boolean containsOrEquals(IpsecAddress other) {
    return switch (kind) {
      case ANY -> true;
      case ME -> other.kind == Kind.ME;
      case MASKED ->
          other.kind == Kind.MASKED
              && (mask & ~other.mask) == 0
              && (other.address & mask) == address;
    };
  }

  /** {@code *}, {@code me}, {@code 10.1.1.0/24}, {@code 10.1.1.7}. */
  @Override
  public String toString() {
    return switch (kind) {
      case ANY -> "any";
      case ME -> "me";
      case MASKED ->
          Ip.v4(address) + (mask == ALL ? "" : "/" + Long.bitCount(mask));
    };
  }
}
