package dev.rpcwall.compiler.diag;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.Optional;

/** One problem found in user input: where, how bad, a stable code, what, and how to fix it. */
public record Diagnostic(
    Severity severity, String code, SourceSpan span, String message, Optional<String> hint) {
  public Diagnostic {
    requireNonNull(severity, "severity");
    requireNonNull(code, "code");
    requireNonNull(span, "span");
    requireNonNull(message, "message");
    requireNonNull(hint, "hint");
  }

  public Diagnostic withHint(String newHint) {
    return new Diagnostic(severity, code, span, message, Optional.ofNullable(newHint));
  }
}
