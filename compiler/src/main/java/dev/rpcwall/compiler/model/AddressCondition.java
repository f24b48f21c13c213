package dev.rpcwall.compiler.model;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.AddressSet;
import java.util.EnumSet;
import java.util.Set;

/** A rule's address condition: {@code any}, or the union of {@code addresses} and {@code keywords}. */
public record AddressCondition(boolean any, AddressSet addresses, Set<AddressKeyword> keywords) {
  public static final AddressCondition ANY =
      new AddressCondition(true, AddressSet.empty(), Set.of());

  public AddressCondition {
    requireNonNull(addresses, "addresses");
    keywords = keywords.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(keywords));
    if (any && (!addresses.isEmpty() || !keywords.isEmpty())) {
      throw new IllegalArgumentException("'any' address condition with explicit addresses");
    }
  }

  public static AddressCondition of(AddressSet addresses) {
    return new AddressCondition(false, addresses, Set.of());
  }
}
