package dev.rpcwall.compiler.lint;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Severity;
import java.util.List;

/**
 * One entry of the lint catalog: a stable ID ({@code RWL} and four digits, never reused), its
 * category, its severity, a title (what the check finds, one line) and the usual fix. Each ID has a
 * section in {@code docs/lint.md}.
 */
public record LintRule(String id, Category category, Severity severity, String title, String hint) {
  public LintRule {
    requireNonNull(id, "id");
    if (!id.matches("RWL[0-9]{4}")) {
      throw new IllegalArgumentException("bad lint ID " + id);
    }
    requireNonNull(category, "category");
    requireNonNull(severity, "severity");
    requireNonNull(title, "title");
    requireNonNull(hint, "hint");
  }

  /** A finding of this rule with its own hint. */
  public Finding finding(dev.rpcwall.compiler.source.SourceSpan at, String message, List<Evidence> evidence) {
    return new Finding(id, category, severity, at, message, evidence, hint);
  }

  /** A finding of this rule with a hint for this case. */
  public Finding finding(
      dev.rpcwall.compiler.source.SourceSpan at,
      String message,
      List<Evidence> evidence,
      String hint) {
    return new Finding(id, category, severity, at, message, evidence, hint);
  }
}
