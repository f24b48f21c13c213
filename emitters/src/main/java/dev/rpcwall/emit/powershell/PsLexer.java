package dev.rpcwall.emit.powershell;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the subset of PowerShell the reader understands into tokens: bare words, quoted strings,
 * variables, parameters, brackets and separators. Comments ({@code #}, {@code <# #>}) and backtick
 * line continuations disappear here. Anything it cannot classify is a diagnostic, not a guess.
 */
public final class PsLexer {
  public enum Kind {
    WORD,
    STRING,
    VARIABLE,
    PARAM,
    SPLAT,
    TYPE,
    LPAREN,
    RPAREN,
    LBRACE,
    RBRACE,
    AT_PAREN,
    AT_BRACE,
    DOLLAR_PAREN,
    COMMA,
    SEMI,
    PIPE,
    AMP,
    ASSIGN,
    NEWLINE,
    EOF
  }

  /**
   * One token. {@code text} is the value (a string's content, a variable's name without {@code $},
   * a parameter's name without {@code -}); {@code expandable} marks double-quoted strings with
   * {@code $} or backtick; {@code bad} marks a token already reported; {@code colon} marks
   * {@code -Name:value}.
   */
  public record Token(Kind kind, String text, int offset, int length, boolean expandable, boolean bad, boolean colon) {
    public boolean is(Kind k) {
      return kind == k;
    }

    public boolean isWord(String w) {
      return kind == Kind.WORD && text.equalsIgnoreCase(w);
    }
  }

  private final SourceFile file;
  private final String s;
  private final Diagnostics out;
  private final List<Token> tokens = new ArrayList<>();
  private int i;

  private PsLexer(SourceFile file, Diagnostics out) {
    this.file = file;
    this.s = file.text();
    this.out = out;
  }

  public static List<Token> lex(SourceFile file, Diagnostics out) {
    PsLexer l = new PsLexer(file, out);
    l.run();
    return l.tokens;
  }

  private void error(int at, int length, String message) {
    out.error(Codes.PS_READ_SYNTAX, file.spanAt(at, length), message);
  }

  private void add(Kind kind, String text, int start) {
    tokens.add(new Token(kind, text, start, i - start, false, false, false));
  }

  private int newlineLength(int at) {
    if (at >= s.length()) {
      return 0;
    }
    char c = s.charAt(at);
    if (c == '\r') {
      return at + 1 < s.length() && s.charAt(at + 1) == '\n' ? 2 : 1;
    }
    return c == '\n' ? 1 : 0;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || c == '\u00A0' || c == '\uFEFF';
  }

  /** Characters that end a bare word (besides white space and line breaks). */
  private static boolean endsWord(char c) {
    return "(){},;|&='\"`".indexOf(c) >= 0
        || PowerShellQuoting.isSingleQuote(c)
        || PowerShellQuoting.isDoubleQuote(c);
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '?';
  }

  private void run() {
    while (i < s.length()) {
      char c = s.charAt(i);
      int nl = newlineLength(i);
      if (nl > 0) {
        int start = i;
        i += nl;
        add(Kind.NEWLINE, "", start);
      } else if (isSpace(c)) {
        i++;
      } else if (c == '`') {
        int next = newlineLength(i + 1);
        if (next > 0) {
          i += 1 + next; // line continuation
        } else {
          error(i, 2, "a backtick is only understood at the end of a line (line continuation)");
          i += Math.min(2, s.length() - i);
        }
      } else if (c == '#') {
        while (i < s.length() && newlineLength(i) == 0) {
          i++;
        }
      } else if (c == '<' && i + 1 < s.length() && s.charAt(i + 1) == '#') {
        int end = s.indexOf("#>", i + 2);
        if (end < 0) {
          error(i, 2, "block comment '<#' is never closed with '#>'");
          i = s.length();
        } else {
          i = end + 2;
        }
      } else if (PowerShellQuoting.isSingleQuote(c)) {
        singleQuoted();
      } else if (PowerShellQuoting.isDoubleQuote(c)) {
        doubleQuoted();
      } else if (c == '@') {
        at();
      } else if (c == '$') {
        dollar();
      } else if (c == '[') {
        type();
      } else if (c == '-' && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1))) {
        param();
      } else if ("(){},;|&=".indexOf(c) >= 0) {
        int start = i++;
        add(
            switch (c) {
              case '(' -> Kind.LPAREN;
              case ')' -> Kind.RPAREN;
              case '{' -> Kind.LBRACE;
              case '}' -> Kind.RBRACE;
              case ',' -> Kind.COMMA;
              case ';' -> Kind.SEMI;
              case '|' -> Kind.PIPE;
              case '&' -> Kind.AMP;
              default -> Kind.ASSIGN;
            },
            String.valueOf(c),
            start);
      } else {
        word();
      }
    }
    tokens.add(new Token(Kind.EOF, "", s.length(), 0, false, false, false));
  }

  private void word() {
    int start = i;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (isSpace(c) || newlineLength(i) > 0 || endsWord(c)) {
        break;
      }
      i++;
    }
    if (i == start) {
      // A character that only ends words (cannot happen for the callers above); keep moving.
      error(i, 1, "unexpected character");
      i++;
      return;
    }
    add(Kind.WORD, s.substring(start, i), start);
  }

  /**
   * windows-semantics.md 4.7 rules 1-2: inside '...' a doubled quote character is one literal
   * quote. The typographic quotes count as quotes (UNCONFIRMED set); a pair of two different quote
   * characters is not something the emitter writes and its meaning is not documented, so it is
   * reported rather than guessed.
   */
  private void singleQuoted() {
    int start = i++;
    // The text between doubled quotes is copied in runs, and a string without any (the usual
    // case: every address of a list) is one substring.
    StringBuilder b = null;
    int run = i;
    boolean bad = false;
    while (true) {
      if (i >= s.length()) {
        error(start, 1, "string is never closed");
        String text = b == null ? s.substring(run, i) : b.append(s, run, i).toString();
        tokens.add(new Token(Kind.STRING, text, start, i - start, false, true, false));
        return;
      }
      char c = s.charAt(i);
      if (PowerShellQuoting.isSingleQuote(c)) {
        if (i + 1 < s.length() && PowerShellQuoting.isSingleQuote(s.charAt(i + 1))) {
          if (s.charAt(i + 1) != c) {
            error(i, 2, "two different quote characters in a row inside a string are not understood");
            bad = true;
          }
          if (b == null) {
            b = new StringBuilder();
          }
          b.append(s, run, i).append(c);
          i += 2;
          run = i;
          continue;
        }
        String text = b == null ? s.substring(run, i) : b.append(s, run, i).toString();
        i++;
        tokens.add(new Token(Kind.STRING, text, start, i - start, false, bad, false));
        return;
      }
      i++;
    }
  }

  /** "..." is understood only without $ and backtick: anything else would be a guess. */
  private void doubleQuoted() {
    int start = i++;
    StringBuilder b = new StringBuilder();
    boolean expandable = false;
    while (true) {
      if (i >= s.length()) {
        error(start, 1, "string is never closed");
        tokens.add(new Token(Kind.STRING, b.toString(), start, i - start, false, true, false));
        return;
      }
      char c = s.charAt(i);
      if (PowerShellQuoting.isDoubleQuote(c)) {
        if (i + 1 < s.length() && PowerShellQuoting.isDoubleQuote(s.charAt(i + 1))) {
          b.append(c);
          i += 2;
          continue;
        }
        i++;
        break;
      }
      if (c == '$' || c == '`') {
        expandable = true;
        if (c == '`' && i + 1 < s.length()) {
          b.append(c);
          i++;
          c = s.charAt(i);
        }
      }
      b.append(c);
      i++;
    }
    tokens.add(new Token(Kind.STRING, b.toString(), start, i - start, expandable, false, false));
  }

  private void at() {
    int start = i;
    char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
    if (next == '(') {
      i += 2;
      add(Kind.AT_PAREN, "@(", start);
    } else if (next == '{') {
      i += 2;
      add(Kind.AT_BRACE, "@{", start);
    } else if (next == '\'' || next == '"') {
      // Here-strings: reported, then skipped to their terminator so the rest still reads.
      String end = "\n" + next + "@";
      int close = s.indexOf(end, i + 2);
      i = close < 0 ? s.length() : close + end.length();
      error(start, 2, "here-strings (@' '@, @\" \"@) are not understood");
      tokens.add(new Token(Kind.STRING, "", start, i - start, false, true, false));
    } else if (isNameChar(next)) {
      i++;
      while (i < s.length() && isNameChar(s.charAt(i))) {
        i++;
      }
      add(Kind.SPLAT, s.substring(start + 1, i), start);
    } else {
      i++;
      error(start, 1, "'@' is only understood in @(...), @{...} and @name");
    }
  }

  private void dollar() {
    int start = i++;
    if (i < s.length() && s.charAt(i) == '(') {
      i++;
      add(Kind.DOLLAR_PAREN, "$(", start);
      return;
    }
    StringBuilder name = new StringBuilder();
    if (i < s.length() && s.charAt(i) == '{') {
      int close = s.indexOf('}', i);
      if (close < 0) {
        error(start, 2, "variable name '${' is never closed");
        i = s.length();
        return;
      }
      name.append(s, i + 1, close);
      i = close + 1;
    } else {
      while (i < s.length() && (isNameChar(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '^')) {
        name.append(s.charAt(i++));
      }
    }
    // Member access ($PSCmdlet.ShouldProcess) is kept in the name, for the few forms understood.
    while (i + 1 < s.length() && s.charAt(i) == '.' && Character.isLetter(s.charAt(i + 1))) {
      name.append('.');
      i++;
      while (i < s.length() && isNameChar(s.charAt(i))) {
        name.append(s.charAt(i++));
      }
    }
    if (name.length() == 0) {
      error(start, 1, "'$' is not followed by a variable name");
      return;
    }
    add(Kind.VARIABLE, name.toString(), start);
  }

  private void type() {
    int start = i;
    int depth = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
        if (depth == 0) {
          i++;
          add(Kind.TYPE, s.substring(start + 1, i - 1), start);
          return;
        }
      } else if (newlineLength(i) > 0) {
        break;
      }
      i++;
    }
    error(start, 1, "'[' is never closed on its line");
  }

  private void param() {
    int start = i++;
    while (i < s.length() && (isNameChar(s.charAt(i)) || s.charAt(i) == '-')) {
      i++;
    }
    String name = s.substring(start + 1, i);
    boolean colon = i < s.length() && s.charAt(i) == ':';
    if (colon) {
      i++;
    }
    tokens.add(new Token(Kind.PARAM, name, start, i - start, false, false, colon));
  }
}
