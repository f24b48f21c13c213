package dev.rpcwall.compiler.diag;

/**
 * Makes text from input files safe to print on a terminal or in a CI log. Policy files, file names
 * and anything quoted from them may hold characters that a terminal acts on instead of showing:
 * ESC starts a control sequence (colours, cursor moves, window titles, hyperlinks), CR returns to
 * the start of the line and lets later text overwrite earlier text, LF can forge a whole
 * diagnostic line, and the bidirectional overrides and isolates reorder what the reader sees
 * (CVE-2021-42574, "Trojan Source"). Each such character is shown as the policy language's own
 * escape, <code>&#92;u{1b}</code>, so what is printed is visible, inert and can be pasted back
 * into a policy string.
 */
public final class Printable {
  private Printable() {}

  /**
   * {@code text} with every C0 control except TAB, DEL, every C1 control, the bidirectional
   * marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A-U+202E,
   * U+2066-U+2069), the line and paragraph separators (U+2028, U+2029) and unpaired surrogates
   * replaced by <code>&#92;u{hex}</code>. Everything else, TAB included, is kept as it is.
   */
  public static String escape(String text) {
    int i = 0;
    int n = text.length();
    while (i < n && !needsEscape(text, i)) {
      i++;
    }
    if (i == n) {
      return text;
    }
    StringBuilder b = new StringBuilder(n + 16).append(text, 0, i);
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (needsEscape(text, i)) {
        b.append("\\u{").append(Integer.toHexString(c)).append('}');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Whether {@code c} is one of the characters {@link #escape} replaces (surrogates aside). */
  public static boolean isUnsafe(int c) {
    return c != '\t' && ((c < 0x20 || (c >= 0x7F && c <= 0x9F))
        || c == 0x061C || c == 0x200E || c == 0x200F || c == 0x2028 || c == 0x2029
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
  }

  /** Whether {@link #escape} replaces the char at {@code i}; a surrogate is kept with its pair. */
  private static boolean needsEscape(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    return isUnsafe(c);
  }
}
