package dev.rpcwall.emit.powershell;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.Optional;

/**
 * The one place PowerShell quoting lives (windows-semantics.md 4.7). Every literal is emitted
 * single-quoted, so {@code $}, backtick and {@code "} are inert; the quote characters themselves
 * are doubled. What cannot be carried safely is rejected by {@link #check}, never escaped.
 */
public final class PowerShellQuoting {
  private PowerShellQuoting() {}

  /**
   * True for every character the PowerShell tokenizer treats as a single quote. windows-semantics.md
   * 4.7 rule 2: the set U+2018/2019/201A/201B besides {@code '} comes from the tokenizer, not the
   * docs, and is UNCONFIRMED; doubling every member is the safe reading (a doubled one is still one
   * literal character of the same kind, whichever of the two the tokenizer keeps).
   */
  public static boolean isSingleQuote(char c) {
    return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
  }

  /** True for {@code "} and the typographic double quotes U+201C/201D/201E (4.7 rule 2). */
  public static boolean isDoubleQuote(char c) {
    return c == '"' || c == '\u201C' || c == '\u201D' || c == '\u201E';
  }

  /**
   * {@code text} as a single-quoted PowerShell literal. The caller has run {@link #check} (or
   * {@link #problem}) first; a character that cannot be carried here is a bug, so it throws.
   */
  public static String quote(String text) {
    problem(text)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("unquotable text (" + p + "): " + text);
            });
    StringBuilder b = new StringBuilder(text.length() + 2).append('\'');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      b.append(c);
      if (isSingleQuote(c)) {
        // 4.7 rule 1: inside '...' a quote character is written twice.
        b.append(c);
      }
    }
    return b.append('\'').toString();
  }

  /**
   * Why {@code text} cannot be emitted as a PowerShell literal, or empty when it can. The reasons
   * are the code of the diagnostic followed by a message, split at the first space.
   */
  public static Optional<String> problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        return Optional.of(
            Codes.PS_BAD_SURROGATE + " contains an unpaired surrogate " + hex(c)
                + ", which UTF-8 cannot encode");
      }
      // A single-quoted literal may span lines, but the line ending would then be whatever the
      // file uses (CRLF) rather than the original character, and a reviewer would see a second
      // line that looks like code. Other control characters are invisible in review: reject all.
      // U+2028/2029 are rejected for the same reason (editors render them as line breaks).
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return Optional.of(
            Codes.PS_CONTROL_CHAR + " contains the control character " + hex(c)
                + ", which cannot be written into a reviewable PowerShell line");
      }
      // Bidirectional embeddings, overrides and isolates reorder how the rest of the line is
      // displayed, so the reviewed script would not read as it runs (CVE-2021-42574). The plain
      // marks U+200E/U+200F do not reorder other text and are carried as they are.
      if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
        return Optional.of(
            Codes.PS_BIDI_CONTROL + " contains the bidirectional control " + hex(c)
                + ", which would make the script display differently from what it does");
      }
    }
    return Optional.empty();
  }

  /**
   * Reports at {@code span} every reason {@code text} cannot be emitted; {@code what} names it in
   * the message ("the policy name"). Returns true when it is safe.
   */
  public static boolean check(String text, String what, SourceSpan span, Diagnostics out) {
    Optional<String> problem = problem(text);
    problem.ifPresent(
        p -> {
          int space = p.indexOf(' ');
          out.error(
              p.substring(0, space),
              span,
              what + " " + p.substring(space + 1),
              "remove the character; PowerShell scripts carry names and descriptions as"
                  + " single-line, single-quoted literals");
        });
    return problem.isEmpty();
  }

  private static String hex(char c) {
    return String.format("U+%04X", (int) c);
  }
}
