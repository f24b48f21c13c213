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

  public String render(Diagnostic d) {
    StringBuilder out = new StringBuilder();
    out.append(d.span().location())
        .append(": ")
        .append(d.severity().label())
        .append('[')
        .append(d.code())
        .append("]: ")
        .append(d.message())
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
      String visible = printable(line);
      out.append("    ").append(visible).append('\n');
      int caretCol = Math.min(col - 1 - from, visible.length());
      int width = Math.max(1, Math.min(d.span().length(), Math.max(1, visible.length() - caretCol)));
      out.append("    ")
          .append(padding(visible, caretCol))
          .append("^".repeat(width))
          .append('\n');
    }
    d.hint().ifPresent(h -> out.append("  hint: ").append(h).append('\n'));
    return out.toString();
  }

  /** Replaces control characters so a snippet of binary input cannot garble the terminal. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c == '\t' ? '\t' : (Character.isISOControl(c) ? '?' : c));
    }
    return b.toString();
  }

  /** Spaces up to the caret, keeping tabs so the caret lines up under tab-indented text. */
  private static String padding(String line, int count) {
    StringBuilder b = new StringBuilder(count);
    for (int i = 0; i < count && i < line.length(); i++) {
      b.append(line.charAt(i) == '\t' ? '\t' : ' ');
    }
    return b.toString();
  }
}
