package dev.rpcwall.compiler.ast;

import dev.rpcwall.compiler.source.SourceSpan;

/** Every AST node knows where it was written. */
public interface Node {
  SourceSpan span();
}
