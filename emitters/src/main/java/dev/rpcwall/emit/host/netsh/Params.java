package dev.rpcwall.emit.host.netsh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code keyword=value} parameters of a netsh command as admins write them: {@code name=x},
 * {@code name = x}, {@code name= x} and {@code name =x} all give {@code name} the value {@code x}
 * (the issue asks for spaces around '=' to be read; whether netsh itself joins the three
 * arguments is UNCONFIRMED, windows-semantics.md 1.1 only shows {@code keyword=value}). A word
 * without '=' is a positional parameter ({@code new}, {@code verbose}, the legacy {@code netsh
 * firewall} forms).
 */
final class Params {
  /** One parameter: {@code key} lower case, or null for a positional word. */
  record Param(String key, Arg value, Arg at) {}

  private Params() {}

  static List<Param> parse(List<Arg> args, int from) {
    List<Param> out = new ArrayList<>();
    int n = args.size();
    for (int i = from; i < n; i++) {
      Arg a = args.get(i);
      String t = a.text();
      int eq = t.indexOf('=');
      if (eq > 0) {
        String key = t.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = t.substring(eq + 1);
        if (value.isEmpty() && i + 1 < n && !looksLikeParam(args.get(i + 1).text())) {
          Arg next = args.get(++i);
          out.add(new Param(key, merge(next, a), a));
        } else {
          out.add(new Param(key, a.withText(value), a));
        }
        continue;
      }
      if (eq < 0 && i + 1 < n && args.get(i + 1).text().startsWith("=")) {
        Arg next = args.get(i + 1);
        String key = t.toLowerCase(Locale.ROOT);
        if (next.text().equals("=") && i + 2 < n) {
          out.add(new Param(key, merge(args.get(i + 2), a), a));
          i += 2;
        } else {
          out.add(new Param(key, merge(next.withText(next.text().substring(1)), a), a));
          i += 1;
        }
        continue;
      }
      out.add(new Param(null, a, a));
    }
    return out;
  }

  /** {@code value} with the unresolved variables of the key's argument too. */
  private static Arg merge(Arg value, Arg key) {
    if (key.known()) {
      return value;
    }
    List<String> vars = new ArrayList<>(value.unresolved());
    for (String v : key.unresolved()) {
      if (!vars.contains(v)) {
        vars.add(v);
      }
    }
    return new Arg(value.text(), value.span(), vars);
  }

  /** {@code word=...} with a word of letters: the next parameter, not a value. */
  private static boolean looksLikeParam(String text) {
    int eq = text.indexOf('=');
    return eq > 0 && text.substring(0, eq).matches("[A-Za-z]+");
  }
}
