package dev.rpcwall.cli;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.DiagnosticRenderer;
import dev.rpcwall.compiler.diag.Printable;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.source.SourceFile;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Prints diagnostics as text (with source snippets) to a writer. */
final class Reporter {
  private Reporter() {}

  static void printText(PrintWriter out, List<Diagnostic> diagnostics, Map<String, SourceFile> sources) {
    DiagnosticRenderer renderer = new DiagnosticRenderer(sources);
    for (Diagnostic d : diagnostics) {
      out.print(renderer.render(d));
    }
    out.flush();
  }

  /** Text from the command line or an input file, made safe to print ({@link Printable}). */
  static String safe(String text) {
    return Printable.escape(text);
  }

  static long count(List<Diagnostic> diagnostics, Severity severity) {
    return diagnostics.stream().filter(d -> d.severity() == severity).count();
  }

  static String summary(List<Diagnostic> diagnostics) {
    long errors = count(diagnostics, Severity.ERROR);
    long warnings = count(diagnostics, Severity.WARNING);
    return plural(errors, "error") + ", " + plural(warnings, "warning");
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
