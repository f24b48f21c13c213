package dev.rpcwall.emit.netsh;

import dev.rpcwall.compiler.diag.Codes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place where text from a policy becomes part of a {@code .cmd} file (windows-semantics.md
 * 1.6). Every such string is written inside double quotes, so cmd.exe takes {@code & | < > ^ ( )}
 * literally; {@code %} is doubled because cmd.exe expands it even inside quotes in a batch file;
 * {@code !} is literal because every script turns delayed expansion off. What has no safe spelling
 * ({@code "}, line breaks, control characters, non-ASCII, a trailing backslash) is rejected by
 * {@link #problems}, and {@link #quote} refuses it.
 */
public final class NetshQuoting {
  private NetshQuoting() {}

  /** What a string is used for: names must also be non-empty and not padded with spaces. */
  public enum Kind {
    NAME,
    TEXT
  }

  /** One reason a string cannot be carried, as a diagnostic code, message and hint. */
  public record Problem(String code, String message, String hint) {}

  /**
   * Everything that stops {@code value} from being written safely; empty when {@link #quote} can
   * write it. {@code what} names the string in messages ("policy name", "description").
   */
  public static List<Problem> problems(String value, Kind kind, String what) {
    List<Problem> out = new ArrayList<>();
    boolean quote = false;
    boolean lineBreak = false;
    boolean control = false;
    boolean nonAscii = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        quote = true;
      } else if (c == '\r' || c == '\n') {
        lineBreak = true;
      } else if (c < 0x20 || c == 0x7f) {
        control = true;
      } else if (c > 0x7e) {
        nonAscii = true;
      }
    }
    if (quote) {
      // windows-semantics.md 1.6 rule 4: no documented way to put '"' inside a netsh value.
      out.add(
          new Problem(
              Codes.NETSH_QUOTE,
              "the " + what + " contains '\"', which netsh has no documented way to carry",
              "use ' instead of \""));
    }
    if (lineBreak) {
      out.add(
          new Problem(
              Codes.NETSH_LINE_BREAK,
              "the " + what + " contains a line break, which would end the netsh command line",
              "write it on one line"));
    }
    if (control) {
      out.add(
          new Problem(
              Codes.NETSH_CONTROL,
              "the " + what + " contains a control character, which cmd.exe may treat as the end"
                  + " of the file or of a command",
              "remove control characters (tabs included)"));
    }
    if (nonAscii) {
      // cmd.exe reads batch files in the console's OEM code page, so non-ASCII text reaches netsh
      // as whatever that code page makes of the bytes; see docs/targets/netsh.md, "Encoding".
      out.add(
          new Problem(
              Codes.NETSH_NON_ASCII,
              "the " + what + " contains non-ASCII characters; cmd.exe reads .cmd files in the"
                  + " OEM code page, so the rule would get a different text on the host",
              "use ASCII text for the netsh target, or use the PowerShell target"));
    }
    if (value.endsWith("\\")) {
      // netsh parses its command line into arguments, where a backslash before a closing quote
      // escapes the quote (the C runtime's rule; netsh's own rule is UNCONFIRMED, so reject).
      out.add(
          new Problem(
              Codes.NETSH_TRAILING_BACKSLASH,
              "the " + what + " ends with '\\', which would escape the closing quote",
              "remove the trailing backslash"));
    }
    if (kind == Kind.NAME && (value.isEmpty() || value.strip().length() != value.length())) {
      // Deletion by name must match exactly (windows-semantics.md 1.3); whether netsh trims
      // spaces around a quoted name is UNCONFIRMED, so a padded name is not written.
      out.add(
          new Problem(
              Codes.NETSH_NAME_BLANK,
              "the " + what + " is empty or starts or ends with white space",
              "remove the leading and trailing spaces"));
    }
    return out;
  }

  /** True when {@link #quote} can write {@code value}. */
  public static boolean canQuote(String value, Kind kind) {
    return problems(value, kind, "text").isEmpty();
  }

  /**
   * {@code value} as a double-quoted cmd.exe/netsh value: {@code "a%%b"} for {@code a%b}. The
   * caller has checked {@link #problems}; anything else is a bug.
   */
  public static String quote(String value, Kind kind) {
    List<Problem> problems = problems(value, kind, "text");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot quote for netsh (" + problems.get(0).code() + "): " + value);
    }
    return '"' + value.replace("%", "%%") + '"';
  }

  /**
   * Free text for a {@code rem} or {@code echo} line that does not come from a checked policy
   * string (a file path, a version): quoted like {@link #quote}, with every character that cannot
   * be carried replaced by {@code ?}, so the line is always safe.
   */
  public static String quoteLenient(String value) {
    StringBuilder b = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c < 0x20 || c > 0x7e) {
        b.append('?');
      } else if (c == '%') {
        b.append("%%");
      } else {
        b.append(c);
      }
    }
    if (b.length() > 1 && b.charAt(b.length() - 1) == '\\') {
      b.setCharAt(b.length() - 1, '?');
    }
    return b.append('"').toString();
  }

  /**
   * Why the rule name {@code name}, which must start with {@code prefix}, cannot be recorded in
   * the state files of the netsh scripts, or empty. The part after the prefix is written with
   * {@code echo} and read back with {@code for /f} (see NetshEmitter): it must start with an ASCII
   * letter or digit (not {@code ;}, the default eol character of {@code for /f}; not a word echo
   * treats as a switch), and must not contain {@code " % ! ^ & < > |}, which echo or the quoted name in
   * the delete would read as syntax (windows-semantics.md 1.6 rules 2-4). Names made by lowering
   * ({@code rpcwall/<slug>/allow-tcp-135,5001-5021}) always pass.
   */
  public static Optional<String> stateNameProblem(String name, String prefix) {
    if (!name.startsWith(prefix)) {
      return Optional.of("its name does not start with '" + prefix + "', the prefix the state of"
          + " the netsh scripts relies on");
    }
    String suffix = name.substring(prefix.length());
    if (suffix.isEmpty() || !isAsciiLetterOrDigit(suffix.charAt(0))
        || suffix.equalsIgnoreCase("on") || suffix.equalsIgnoreCase("off")) {
      return Optional.of("its name after '" + prefix + "' must start with a letter or digit and"
          + " not be 'on' or 'off', to be recorded in the state");
    }
    for (char c : suffix.toCharArray()) {
      if ("\"%!^&<>|".indexOf(c) >= 0) {
        return Optional.of("its name contains '" + c + "', which cannot be recorded in the state"
            + " file and read back by 'for /f'");
      }
    }
    if (suffix.endsWith("\\") || !suffix.equals(suffix.strip())) {
      // reg.exe would read '\"' at the end of /d "...\" as an escaped quote, and for /f drops
      // white space around the value it reads back.
      return Optional.of("its name ends with '\\' or white space, which cannot be recorded in the"
          + " state and read back by 'for /f'");
    }
    return Optional.empty();
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
