package dev.rpcwall.compiler.parse;

import dev.rpcwall.grammar.policy.PolicyGrammarLexer;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;

/**
 * The generated lexer, cut off after {@link #MAX_BAD_TOKENS} unusable tokens. Binary garbage would
 * otherwise become millions of buffered one-char tokens that the parser skips silently while it
 * recovers, costing memory for nothing.
 */
final class CappedLexer extends PolicyGrammarLexer {
  static final int MAX_BAD_TOKENS = 200;

  private int bad;
  private Token cutAt;

  CappedLexer(CharStream input) {
    super(input);
    removeErrorListeners();
  }

  /** The first token dropped by the cap, or null when the whole input was read. */
  Token cutAt() {
    return cutAt;
  }

  @Override
  public Token nextToken() {
    if (cutAt != null) {
      return emitEOF();
    }
    Token t = super.nextToken();
    if (t.getType() == ERROR_CHAR || t.getType() == UNTERMINATED_STRING) {
      if (++bad > MAX_BAD_TOKENS) {
        cutAt = t;
        return emitEOF();
      }
    }
    return t;
  }
}
