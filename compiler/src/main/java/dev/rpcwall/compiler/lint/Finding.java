package dev.rpcwall.compiler.lint;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;

/**
 * One lint finding: its catalog ID ({@code RWL} + number, stable), category, severity, the input
 * line it is reported at, a one-line message, the evidence and a fix hint.
 */
public record Finding(
    String id,
    Category category,
    Severity severity,
    SourceSpan at,
    String message,
    List<Evidence> evidence,
    String hint) {
  public Finding {
    requireNonNull(id, "id");
    requireNonNull(category, "category");
    requireNonNull(severity, "severity");
    requireNonNull(at, "at");
    requireNonNull(message, "message");
    evidence = List.copyOf(evidence);
    requireNonNull(hint, "hint");
  }
}
