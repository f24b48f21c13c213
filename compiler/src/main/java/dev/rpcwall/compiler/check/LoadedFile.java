package dev.rpcwall.compiler.check;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.source.SourceFile;

/** One parsed file of a policy: the main file or a file it imports (directly or not). */
public record LoadedFile(SourceFile source, PolicyFile ast, boolean main) {
  public LoadedFile {
    requireNonNull(source, "source");
    requireNonNull(ast, "ast");
  }

  /** Whether the file is in the YAML form (its spans do not cover statement text). */
  public boolean isYaml() {
    return ImportLoader.isYaml(source.name());
  }
}
