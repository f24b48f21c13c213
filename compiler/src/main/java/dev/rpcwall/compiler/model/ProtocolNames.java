package dev.rpcwall.compiler.model;

import dev.rpcwall.compiler.semantics.Protocol;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one protocol table: the protocol names Windows' tools accept for a rule's protocol, with
 * their IANA numbers, shared by the emitters (which spell them each in their dialect's case) and
 * the readers. netsh {@code protocol=} and PowerShell {@code -Protocol} take {@code tcp} 6, {@code
 * udp} 17, {@code icmpv4} 1, {@code icmpv6} 58, {@code any} ({@link WfasRule#ANY_PROTOCOL}) or a
 * decimal 0-255, case-insensitively (windows-semantics.md 1.1 and 4.1); other protocol names are
 * UNCONFIRMED (1.1 protocol row) and neither read nor written. The numbers of the protocols a
 * policy governs come from {@link Protocol}, so the table and the policy cannot disagree.
 */
public final class ProtocolNames {
  private ProtocolNames() {}

  private record Named(String name, int number) {}

  /** Names as the cmdlet reference spells them (4.1); netsh writes them in lower case (1.1). */
  private static final List<Named> TABLE =
      List.of(
          new Named("TCP", Protocol.TCP.number()),
          new Named("UDP", Protocol.UDP.number()),
          new Named("ICMPv4", 1),
          new Named("ICMPv6", 58));

  /** The name of protocol {@code number} as the cmdlet reference spells it, if it has one. */
  public static Optional<String> name(int number) {
    for (Named n : TABLE) {
      if (n.number() == number) {
        return Optional.of(n.name());
      }
    }
    return Optional.empty();
  }

  /**
   * The protocol number of a word as netsh and PowerShell accept it, in any case: a name of the
   * table, {@code any} ({@link WfasRule#ANY_PROTOCOL}) or a decimal 0-255 of at most three digits.
   * -1 when the word is none of these.
   */
  public static int number(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    for (Named n : TABLE) {
      if (n.name().toLowerCase(Locale.ROOT).equals(lower)) {
        return n.number();
      }
    }
    if (lower.equals("any")) {
      return WfasRule.ANY_PROTOCOL;
    }
    if (word.length() >= 1 && word.length() <= 3 && word.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int n = Integer.parseInt(word);
      return n <= 255 ? n : -1;
    }
    return -1;
  }

  /**
   * Whether a rule of this protocol may have port conditions: TCP and UDP only (windows-semantics.md
   * 1.2 rule 1; MS-FASP 2.2.37).
   */
  public static boolean takesPorts(int protocol) {
    return protocol == Protocol.TCP.number() || protocol == Protocol.UDP.number();
  }
}
