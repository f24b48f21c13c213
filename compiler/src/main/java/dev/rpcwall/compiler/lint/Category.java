package dev.rpcwall.compiler.lint;

import java.util.Locale;

/**
 * The fixed vocabulary of finding categories that outside tools rely on. Extend only by adding
 * words; {@link #word()} is what JSON and SARIF print.
 */
public enum Category {
  /** 135 or the dynamic range reachable from any address or the Internet. */
  RPC_EXPOSED,
  EPM_WITHOUT_DYNAMIC,
  /** The KB's warning: RPC clients hang when the range is open and 135 is not. */
  DYNAMIC_WITHOUT_EPM,
  RPC_RANGE_INVALID,
  RPC_RANGE_SMALL,
  RPC_KEYWORD_UNSCOPED,
  DEAD_ALLOW,
  DUPLICATE,
  REDUNDANT,
  IPV6_OPEN,
  MGMT_EXPOSED,
  WRONG_PORT_SIDE,
  LATERAL_MOVEMENT,
  INVALID_RULE,
  UNREADABLE,
  /** {@code lint --policy}: the host decides otherwise than the policy (a verify difference). */
  POLICY_MISMATCH,
  /** {@code lint --policy}: whether the host decides as the policy depends on its conditions. */
  POLICY_UNKNOWN;

  /** The word as printed: {@code rpc-exposed}, {@code dead-allow}, ... */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The category named {@code word}, or null. */
  public static Category ofWord(String word) {
    for (Category c : values()) {
      if (c.word().equals(word)) {
        return c;
      }
    }
    return null;
  }
}
