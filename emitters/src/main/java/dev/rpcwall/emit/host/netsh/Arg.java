package dev.rpcwall.emit.host.netsh;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;
import java.util.Locale;

/**
 * One argument of a command as the program receives it, after cmd.exe has expanded the variables
 * the script set and removed quotes and carets: its text, where it was, and the variables it
 * names that the script never set (their {@code %NAME%} is still in the text, and the value is
 * not known).
 */
record Arg(String text, SourceSpan span, List<String> unresolved)
    implements dev.rpcwall.emit.cmd.CmdHostSettings.Arg {
  Arg {
    unresolved = List.copyOf(unresolved);
  }

  static Arg of(String text, SourceSpan span) {
    return new Arg(text, span, List.of());
  }

  String lower() {
    return text.toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean variable() {
    return !unresolved.isEmpty();
  }

  boolean known() {
    return unresolved.isEmpty();
  }

  /** How a variable name is shown: {@code %NAME%}, or as written ({@code $var}, {@code %%A}). */
  static String show(String name) {
    return name.startsWith("$") || name.startsWith("%")
        ? name : "%" + name + "%";
  }

  /** The first variable not set, as written. */
  String ref() {
    return unresolved.isEmpty() ? "" : show(unresolved.get(0));
  }

  /** Every variable not set, as written. */
  String refs() {
    return String.join(", ", unresolved.stream().map(Arg::show).toList());
  }

  /** The same argument with other text (a part of it). */
  Arg withText(String other) {
    return new Arg(other, span, unresolved);
  }
}
