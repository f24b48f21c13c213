package dev.rpcwall.compiler.host;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/**
 * What a reader says about its input besides the state it builds. {@code category} is a lint
 * category word ({@code unreadable} for text the reader did not understand, a truncated column,
 * a {@code %VAR%} it could not resolve; {@code invalid-rule} for a command or value Windows itself
 * refuses, which then leaves nothing on the host). {@code at} is file:line:col of the text.
 */
public record HostNote(SourceSpan at, String category, String message, String hint) {
  public static final String UNREADABLE = "unreadable";
  public static final String INVALID_RULE = "invalid-rule";

  public HostNote {
    requireNonNull(at, "at");
    requireNonNull(category, "category");
    requireNonNull(message, "message");
    requireNonNull(hint, "hint");
  }

  public static HostNote unreadable(SourceSpan at, String message, String hint) {
    return new HostNote(at, UNREADABLE, message, hint);
  }

  public static HostNote invalidRule(SourceSpan at, String message, String hint) {
    return new HostNote(at, INVALID_RULE, message, hint);
  }
}
