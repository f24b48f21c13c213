package dev.rpcwall.compiler.source;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/** The text of one input file, with a line index for turning offsets into lines and columns. */
public final class SourceFile {
  private final String name;
  private final String text;
  private final int[] lineStarts;

  public SourceFile(String name, String text) {
    this.name = requireNonNull(name, "name");
    this.text = requireNonNull(text, "text");
    int[] starts = new int[16];
    int count = 0;
    starts[count++] = 0;
    // A line ends at LF, CRLF or a lone CR. The scan jumps from one line end to the next with
    // indexOf instead of looking at each char itself: inputs and scripts read back are megabytes.
    int n = text.length();
    int lf = text.indexOf('\n');
    int cr = text.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      int end;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        if (cr + 1 < n && text.charAt(cr + 1) == '\n') {
          cr = text.indexOf('\r', cr + 1); // the LF of this CRLF ends the line
          continue;
        }
        end = cr;
        cr = text.indexOf('\r', cr + 1);
      } else {
        end = lf;
        lf = text.indexOf('\n', lf + 1);
      }
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
      }
      starts[count++] = end + 1;
    }
    this.lineStarts = Arrays.copyOf(starts, count);
  }

  /** The name diagnostics print: the path as the user gave it. */
  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** The text of a 1-based line, without its line terminator; empty when out of range. */
  public String line(int line) {
    if (line < 1 || line > lineStarts.length) {
      return "";
    }
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] : text.length();
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(start, end);
  }

  /** The 0-based char offset of a 1-based line and column, clamped to the text. */
  public int offset(int line, int column) {
    if (line < 1) {
      return 0;
    }
    if (line > lineStarts.length) {
      return text.length();
    }
    return Math.min(text.length(), lineStarts[line - 1] + Math.max(0, column - 1));
  }

  /** The text a span of this file covers (clamped to the text; empty for unknown spans). */
  public String text(SourceSpan span) {
    if (!span.isKnown()) {
      return "";
    }
    int from = offset(span.line(), span.column());
    return text.substring(from, Math.min(text.length(), from + span.length()));
  }

  /** The span of {@code length} chars starting at a 0-based char offset. */
  public SourceSpan spanAt(int offset, int length) {
    int idx = Arrays.binarySearch(lineStarts, offset);
    int lineIndex = idx >= 0 ? idx : -idx - 2;
    return new SourceSpan(name, lineIndex + 1, offset - lineStarts[lineIndex] + 1, Math.max(0, length));
  }
}
