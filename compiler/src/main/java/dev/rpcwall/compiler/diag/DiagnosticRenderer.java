package dev.rpcwall.compiler.diag;

import dev.rpcwall.compiler.source.SourceFile;
import java.util.Map;

/**
 * Renders diagnostics as in DESIGN.md section 5:
 *
 * <pre>
 * policies/rpc.rpcwall:7:14: error[RW0102]: unknown network 'adminz'
 *     allow adminz to endpoint-mapper
 *           ^^^^^^
 *   hint: did you mean 'admins'?
 * </pre>
 */
public final class DiagnosticRenderer {
  private static final int MAX_SNIPPET = 200;

  private final Map<String, SourceFile> sources;

  /** {@code sources} maps {@link SourceFile#name()} to the file, for the snippet line. */
  public DiagnosticRenderer(Map<String, SourceFile> sources) {
    this.sources = Map.copyOf(sources);
  }

  /**
   * The diagnostic as text. File name, message, snippet and hint all pass through {@link
   * Printable#escape}, so no character from an input file reaches the terminal as a control.
   */
  public String render(Diagnostic d) {
    StringBuilder out = new StringBuilder();
    out.append(Printable.escape(d.span().location()))
        .append(": ")
        .append(d.severity().label())
        .append('[')
        .append(d.code())
        .append("]: ")
        .append(Printable.escape(d.message()))
        .append('\n');
    SourceFile file = sources.get(d.span().source());
    if (file != null && d.span().isKnown()) {
      String line = file.line(d.span().line());
      int col = Math.max(1, d.span().column());
      // Long lines (a 10 MB line is valid input) are cut to a window around the caret.
      int from = 0;
      if (line.length() > MAX_SNIPPET) {
        from = Math.max(0, Math.min(col - 1 - MAX_SNIPPET / 2, line.length() - MAX_SNIPPET));
        line = line.substring(from, Math.min(line.length(), from + MAX_SNIPPET));
      }
      int start = Math.min(Math.max(0, col - 1 - from), line.length());
      int end = Math.min(line.length(), start + Math.max(1, d.span().length()));
      // Escapes make the visible line longer than the source line: the caret is placed by the
      // escaped lengths of the text before it and of the text it marks.
      String before = Printable.escape(line.substring(0, start));
      String marked = Printable.escape(line.substring(start, end));
      String visible = before + marked + Printable.escape(line.substring(end));
      out.append("    ").append(visible).append('\n');
      out.append("    ")
          .append(padding(before))
          .append("^".repeat(Math.max(1, marked.length())))
          .append('\n');
    }
    d.hint().ifPresent(h -> out.append("  hint: ").append(Printable.escape(h)).append('\n'));
    return out.toString();
  }

  /** Spaces as wide as {@code text}, keeping tabs so the caret lines up under tab-indented text. */
  private static String padding(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      b.append(text.charAt(i) == '\t' ? '\t' : ' ');
    }
    return b.toString();
  }
}
