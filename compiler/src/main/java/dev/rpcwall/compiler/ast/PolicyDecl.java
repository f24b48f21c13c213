package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/** {@code policy "name"}: required, first statement. */
public record PolicyDecl(SourceSpan span, StringLit name) implements Statement {
  public PolicyDecl {
    requireNonNull(span, "span");
    requireNonNull(name, "name");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitPolicy(this);
  }
}
