package dev.rpcwall.compiler.target;

import java.text.Normalizer;
import java.util.Locale;

/** Reduces a policy name to {@code [a-z0-9-]}, for rule names and file names. */
public final class Slug {
  private static final int MAX = 48;

  private Slug() {}

  /** {@code "Block RPC Ports"} becomes {@code block-rpc-ports}; never empty ({@code policy}). */
  public static String of(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD);
    StringBuilder b = new StringBuilder();
    boolean dash = false;
    for (int i = 0; i < ascii.length() && b.length() < MAX; i++) {
      char c = Character.toLowerCase(ascii.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (dash && b.length() > 0) {
          b.append('-');
        }
        b.append(c);
        dash = false;
      } else {
        dash = true;
      }
    }
    String s = b.toString().toLowerCase(Locale.ROOT);
    return s.isEmpty() ? "policy" : s;
  }
}
