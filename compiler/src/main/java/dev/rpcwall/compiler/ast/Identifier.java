package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/** A name as written: letters, digits, {@code -} and {@code _}, starting with a letter. */
public record Identifier(SourceSpan span, String name) implements Node {
  public Identifier {
    requireNonNull(span, "span");
    requireNonNull(name, "name");
  }
}
