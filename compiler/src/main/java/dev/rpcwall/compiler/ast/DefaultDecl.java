package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.source.SourceSpan;

/** {@code default block|allow}: the decision for managed ports no rule decides. */
public record DefaultDecl(SourceSpan span, Action action) implements Statement {
  public DefaultDecl {
    requireNonNull(span, "span");
    requireNonNull(action, "action");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitDefault(this);
  }
}
