package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/** {@code network NAME = ITEMS [except ITEMS]}. */
public record NetworkDecl(SourceSpan span, Identifier name, NetworkExpr value) implements Statement {
  public NetworkDecl {
    requireNonNull(span, "span");
    requireNonNull(name, "name");
    requireNonNull(value, "value");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitNetwork(this);
  }
}
