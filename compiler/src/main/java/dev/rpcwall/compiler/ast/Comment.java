package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/** A {@code #} comment; {@code text} starts with the {@code #}. */
public record Comment(SourceSpan span, String text) implements Node {
  public Comment {
    requireNonNull(span, "span");
    requireNonNull(text, "text");
  }
}
