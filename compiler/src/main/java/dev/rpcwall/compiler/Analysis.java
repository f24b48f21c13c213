package dev.rpcwall.compiler;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code check} knows about one policy: the resolved policy and its decision function
 * (both absent when there are errors), every diagnostic of every file, sorted, the files read (main
 * file first) and the main file's raw bytes (for the SHA-256 in script headers).
 */
public record Analysis(
    Optional<Policy> policy,
    Optional<DecisionMap> decisionMap,
    List<Diagnostic> diagnostics,
    Map<String, SourceFile> sources,
    byte[] mainBytes) {
  public Analysis {
    requireNonNull(policy, "policy");
    requireNonNull(decisionMap, "decisionMap");
    diagnostics = List.copyOf(diagnostics);
    requireNonNull(sources, "sources");
    requireNonNull(mainBytes, "mainBytes");
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }
}
