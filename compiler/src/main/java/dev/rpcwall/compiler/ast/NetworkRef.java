package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/** A reference to a network by name, including the built-ins {@code any}, {@code any4}, {@code any6}. */
public record NetworkRef(SourceSpan span, Identifier name) implements NetworkItem {
  public NetworkRef {
    requireNonNull(span, "span");
    requireNonNull(name, "name");
  }
}
