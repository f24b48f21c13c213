package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;

/**
 * {@code replaces "Old name", "Other old name"}: earlier policies (by their exact names) whose rules
 * and state this policy takes over on a host. May appear more than once; never empty.
 */
public record ReplacesDecl(SourceSpan span, List<StringLit> names) implements Statement {
  public ReplacesDecl {
    requireNonNull(span, "span");
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("replaces names at least one policy");
    }
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitReplaces(this);
  }
}
