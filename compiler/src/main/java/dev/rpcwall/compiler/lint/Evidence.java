package dev.rpcwall.compiler.lint;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/**
 * One piece of a finding's evidence: a sentence for people ({@code rule "Open RPC" allows tcp/135
 * from any in public}) and the input line it points to ({@link SourceSpan#UNKNOWN} when none, e.g.
 * an assumed profile default).
 */
public record Evidence(String text, SourceSpan at) {
  public Evidence {
    requireNonNull(text, "text");
    requireNonNull(at, "at");
  }
}
