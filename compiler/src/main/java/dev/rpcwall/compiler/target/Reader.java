package dev.rpcwall.compiler.target;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.source.SourceFile;

/**
 * Reads a script of one dialect back into what it leaves on a host, in its model family's terms
 * ({@code M}: a WFAS rule set, or an IPsec store). Anything not understood is a diagnostic with
 * line and column, never skipped, never guessed.
 */
public interface Reader<M> {
  TargetId target();

  Result<M> read(SourceFile file);
}
