package dev.rpcwall.compiler;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.source.SourceFile;
import java.util.Map;

/**
 * The outcome of resolving a policy, with every file that was read (by {@link SourceFile#name()},
 * the main file first) so diagnostics can be rendered with their source lines.
 */
public record Resolution(Result<Policy> result, Map<String, SourceFile> sources) {
  public Resolution {
    java.util.Objects.requireNonNull(result, "result");
    sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
  }
}
