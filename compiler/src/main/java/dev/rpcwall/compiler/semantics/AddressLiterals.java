package dev.rpcwall.compiler.semantics;

import java.util.Optional;

/**
 * Parses address literals of the policy language. API placeholder so the front end compiles
 * before the semantics change lands; that change replaces this file.
 */
public final class AddressLiterals {
  private AddressLiterals() {}

  public static Parsed parse(String text) {
    throw new UnsupportedOperationException("implemented in the semantics change");
  }

  /** The outcome of parsing one literal. */
  public sealed interface Parsed {
    /** A valid literal; {@code hostBitsMeant} is the network meant when host bits were set. */
    record Ok(AddressSet set, Optional<Cidr> hostBitsMeant) implements Parsed {}

    /** An invalid literal, with what is wrong and how to fix it. */
    record Bad(String message, String hint) implements Parsed {}
  }
}
