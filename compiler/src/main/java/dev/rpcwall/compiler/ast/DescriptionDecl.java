package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/** {@code description "text"}. */
public record DescriptionDecl(SourceSpan span, StringLit text) implements Statement {
  public DescriptionDecl {
    requireNonNull(span, "span");
    requireNonNull(text, "text");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitDescription(this);
  }
}
