package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;

/** One parsed file: its statements in order, and its comments (kept so {@code fmt} can keep them). */
public record PolicyFile(SourceSpan span, List<Statement> statements, List<Comment> comments)
    implements Node {
  public PolicyFile {
    requireNonNull(span, "span");
    statements = List.copyOf(statements);
    comments = List.copyOf(comments);
  }
}
