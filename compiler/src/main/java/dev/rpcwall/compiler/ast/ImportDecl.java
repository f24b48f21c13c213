package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/** {@code import "relative/path.rpcwall"}: brings in the definitions of another file. */
public record ImportDecl(SourceSpan span, StringLit path) implements Statement {
  public ImportDecl {
    requireNonNull(span, "span");
    requireNonNull(path, "path");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitImport(this);
  }
}
