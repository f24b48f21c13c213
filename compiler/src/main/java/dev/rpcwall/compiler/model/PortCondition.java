package dev.rpcwall.compiler.model;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.PortSet;
import java.util.EnumSet;
import java.util.Set;

/**
 * A rule's port condition: {@code any}, or the union of {@code ports} and {@code keywords}. An
 * absent condition means any (windows-semantics.md section 3.4 rule 3).
 */
public record PortCondition(boolean any, PortSet ports, Set<PortKeyword> keywords) {
  public static final PortCondition ANY = new PortCondition(true, PortSet.empty(), Set.of());

  public PortCondition {
    requireNonNull(ports, "ports");
    keywords = keywords.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(keywords));
    if (any && (!ports.isEmpty() || !keywords.isEmpty())) {
      throw new IllegalArgumentException("'any' port condition with explicit ports");
    }
  }

  public static PortCondition of(PortSet ports) {
    return new PortCondition(false, ports, Set.of());
  }
}
