package dev.rpcwall.compiler.diag;

import java.util.List;
import java.util.Optional;

/** A value (absent when there were errors) together with every diagnostic produced on the way. */
public record Result<T>(Optional<T> value, List<Diagnostic> diagnostics) {
  public Result {
    diagnostics = List.copyOf(diagnostics);
  }

  public static <T> Result<T> of(T value, Diagnostics diagnostics) {
    return new Result<>(
        diagnostics.hasErrors() ? Optional.empty() : Optional.of(value), diagnostics.sorted());
  }

  public static <T> Result<T> failed(Diagnostics diagnostics) {
    return new Result<>(Optional.empty(), diagnostics.sorted());
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  /** The value; a caller that gets here with errors has a bug, not a user error. */
  public T orElseThrow() {
    return value.orElseThrow(
        () -> new IllegalStateException("result has errors: " + diagnostics));
  }
}
