package dev.rpcwall.compiler.target;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.source.SourceFile;

/**
 * Reads a script of one dialect back into the rule set it creates. Anything not understood is a
 * diagnostic with line and column, never skipped, never guessed.
 */
public interface Reader {
  TargetId target();

  Result<WfasRuleSet> read(SourceFile file);
}
