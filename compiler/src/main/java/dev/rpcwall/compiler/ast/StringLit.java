package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/** A string literal; {@code value} has its escapes already processed. */
public record StringLit(SourceSpan span, String value) implements Node {
  public StringLit {
    requireNonNull(span, "span");
    requireNonNull(value, "value");
  }
}
