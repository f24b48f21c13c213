package dev.rpcwall.compiler.diag;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Collects the diagnostics of one run; nothing in the compiler throws on bad user input. */
public final class Diagnostics {
  private static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(Diagnostic::span)
          .thenComparing(Diagnostic::severity)
          .thenComparing(Diagnostic::code)
          .thenComparing(Diagnostic::message);

  private final List<Diagnostic> items = new ArrayList<>();

  public Diagnostic error(String code, SourceSpan span, String message) {
    return add(new Diagnostic(Severity.ERROR, code, span, message, Optional.empty()));
  }

  public Diagnostic error(String code, SourceSpan span, String message, String hint) {
    return add(new Diagnostic(Severity.ERROR, code, span, message, Optional.ofNullable(hint)));
  }

  public Diagnostic warning(String code, SourceSpan span, String message) {
    return add(new Diagnostic(Severity.WARNING, code, span, message, Optional.empty()));
  }

  public Diagnostic warning(String code, SourceSpan span, String message, String hint) {
    return add(new Diagnostic(Severity.WARNING, code, span, message, Optional.ofNullable(hint)));
  }

  public Diagnostic add(Diagnostic diagnostic) {
    items.add(diagnostic);
    return diagnostic;
  }

  public void addAll(Iterable<Diagnostic> diagnostics) {
    diagnostics.forEach(items::add);
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  /** All diagnostics, sorted by file, line, column; duplicates (same code at the same span) removed. */
  public List<Diagnostic> sorted() {
    return items.stream().distinct().sorted(ORDER).toList();
  }
}
