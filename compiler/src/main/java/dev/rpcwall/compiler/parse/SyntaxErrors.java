package dev.rpcwall.compiler.parse;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.grammar.policy.PolicyGrammarLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into diagnostics with our own wording, and stops the parse after
 * {@link #MAX_ERRORS} so that garbage input costs bounded time and output.
 */
final class SyntaxErrors extends BaseErrorListener {
  static final int MAX_ERRORS = 50;

  private static final java.util.Set<Integer> SOFT_KEYWORDS =
      java.util.Set.of(
          PolicyGrammarLexer.DYNAMIC,
          PolicyGrammarLexer.PORTS,
          PolicyGrammarLexer.WMI,
          PolicyGrammarLexer.FIXED,
          PolicyGrammarLexer.PORT,
          PolicyGrammarLexer.REPLACES);

  /** Thrown to abandon a parse once the error cap is reached; never leaves {@code parse}. */
  static final class TooMany extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooMany() {
      super(null, null, false, false);
    }
  }

  private final Positioner positioner;
  private final Diagnostics diagnostics;
  private int count;

  SyntaxErrors(Positioner positioner, Diagnostics diagnostics) {
    this.positioner = positioner;
    this.diagnostics = diagnostics;
  }

  int count() {
    return count;
  }

  @Override
  public void syntaxError(
      Recognizer<?, ?> recognizer,
      Object offendingSymbol,
      int line,
      int charPositionInLine,
      String msg,
      RecognitionException e) {
    Token token = offendingSymbol instanceof Token t ? t : null;
    int length = token == null || token.getType() == Token.EOF ? 1 : tokenLength(token);
    var span = positioner.at(line, charPositionInLine, length);
    count++;
    if (count > MAX_ERRORS) {
      diagnostics.error(
          Codes.SYNTAX_TOO_MANY_ERRORS,
          span,
          "too many syntax errors; stopped reading the file here",
          "fix the errors above and run again");
      throw new TooMany();
    }
    int type = token == null ? Token.INVALID_TYPE : token.getType();
    if (type == PolicyGrammarLexer.ERROR_CHAR) {
      diagnostics.error(
          Codes.SYNTAX_BAD_CHARACTER,
          span,
          "unexpected character " + describeChar(token.getText()),
          "names are letters, digits, '-' and '_'; text goes in double quotes");
    } else if (type == PolicyGrammarLexer.UNTERMINATED_STRING) {
      diagnostics.error(
          Codes.SYNTAX_UNTERMINATED_STRING,
          span,
          "string is not closed before the end of the line",
          "add the closing '\"'");
    } else {
      String hint = null;
      if (recognizer instanceof Parser parser) {
        hint = expected(parser.getExpectedTokens(), parser.getVocabulary());
        String keyword = nearKeyword(token, parser.getExpectedTokens(), parser.getVocabulary());
        if (keyword != null) {
          hint = "did you mean '" + keyword + "'? (" + hint + ")";
        }
      }
      diagnostics.error(Codes.SYNTAX_UNEXPECTED, span, "unexpected " + describe(token), hint);
    }
  }

  private static int tokenLength(Token token) {
    int len = token.getStopIndex() - token.getStartIndex() + 1;
    return Math.max(1, len);
  }

  static String describe(Token token) {
    if (token == null || token.getType() == Token.EOF) {
      return "end of file";
    }
    String text = token.getText();
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return "'" + text + "'";
  }

  private static String describeChar(String text) {
    if (text.isEmpty()) {
      return "''";
    }
    int cp = text.codePointAt(0);
    String hex = String.format("U+%04X", cp);
    return Character.isISOControl(cp) || Character.isWhitespace(cp)
        ? hex
        : "'" + text + "' (" + hex + ")";
  }

  private static String expected(IntervalSet set, Vocabulary vocabulary) {
    if (set == null || set.isNil()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    boolean nameExpected = set.contains(PolicyGrammarLexer.NAME);
    for (int type : set.toArray()) {
      if (nameExpected && SOFT_KEYWORDS.contains(type)) {
        continue; // they are names here; listing them only adds noise
      }
      String name = displayName(type, vocabulary);
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    if (names.size() > 8) {
      return "expected a statement keyword, a name or a value here";
    }
    return "expected " + String.join(", ", names);
  }

  /**
   * A keyword expected here that a misspelt word is close to ({@code alow} for {@code allow}),
   * or null: only for a word where no name may stand, so names are never "corrected".
   */
  private static String nearKeyword(Token token, IntervalSet set, Vocabulary vocabulary) {
    if (token == null || token.getType() != PolicyGrammarLexer.NAME || set == null
        || set.contains(PolicyGrammarLexer.NAME)) {
      return null;
    }
    List<String> keywords = new ArrayList<>();
    for (int type : set.toArray()) {
      String literal = vocabulary.getLiteralName(type);
      if (literal != null && literal.length() > 2 && Character.isLetter(literal.charAt(1))) {
        keywords.add(literal.substring(1, literal.length() - 1));
      }
    }
    return dev.rpcwall.compiler.check.Suggestions.nearest(token.getText(), keywords).orElse(null);
  }

  private static String displayName(int type, Vocabulary vocabulary) {
    switch (type) {
      case Token.EOF:
        return "end of file";
      case PolicyGrammarLexer.NAME:
        return "a name";
      case PolicyGrammarLexer.ADDRESS:
        return "an address";
      case PolicyGrammarLexer.NUMBER:
        return "a port number";
      case PolicyGrammarLexer.STRING:
        return "a string";
      default:
        String literal = vocabulary.getLiteralName(type);
        return literal != null ? literal : vocabulary.getDisplayName(type);
    }
  }
}
