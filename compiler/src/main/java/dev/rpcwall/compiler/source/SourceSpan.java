package dev.rpcwall.compiler.source;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * A place in a source file: 1-based line and column, and a length, all counted in UTF-16 chars (what
 * ANTLR's {@code charPositionInLine} counts). Synthesized nodes carry {@link #UNKNOWN}.
 */
public record SourceSpan(String source, int line, int column, int length) implements Comparable<SourceSpan> {
  public static final SourceSpan UNKNOWN = new SourceSpan("<unknown>", 0, 0, 0);

  private static final Comparator<SourceSpan> ORDER =
      Comparator.comparing(SourceSpan::source)
          .thenComparingInt(SourceSpan::line)
          .thenComparingInt(SourceSpan::column)
          .thenComparingInt(SourceSpan::length);

  public SourceSpan {
    requireNonNull(source, "source");
  }

  public static SourceSpan at(String source, int line, int column, int length) {
    return new SourceSpan(source, line, column, length);
  }

  public boolean isKnown() {
    return line > 0;
  }

  /** {@code file:line:col}, the form editors and CI annotators understand. */
  public String location() {
    return isKnown() ? source + ":" + line + ":" + column : source;
  }

  @Override
  public int compareTo(SourceSpan other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return location();
  }
}
