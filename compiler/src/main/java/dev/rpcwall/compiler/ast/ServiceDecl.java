package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;

/** {@code service NAME = ITEMS}. */
public record ServiceDecl(SourceSpan span, Identifier name, List<ServiceItem> items)
    implements Statement {
  public ServiceDecl {
    requireNonNull(span, "span");
    requireNonNull(name, "name");
    items = List.copyOf(items);
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitService(this);
  }
}
