package dev.rpcwall.compiler;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.source.SourceFile;
import java.util.Map;

/**
 * The outcome of resolving a policy, with every file that was read and reads as a policy (by
 * {@link SourceFile#name()}, the main file first) so diagnostics can be rendered with their source
 * lines, and the main file's raw bytes (empty when it could not be read).
 */
public record Resolution(Result<Policy> result, Map<String, SourceFile> sources, byte[] mainBytes) {
  public Resolution {
    java.util.Objects.requireNonNull(result, "result");
    sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    java.util.Objects.requireNonNull(mainBytes, "mainBytes");
  }
}
