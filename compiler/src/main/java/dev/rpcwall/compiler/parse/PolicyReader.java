package dev.rpcwall.compiler.parse;

import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.grammar.policy.PolicyGrammarLexer;
import dev.rpcwall.grammar.policy.PolicyGrammarParser;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Reads the {@code .rpcwall} syntax (DESIGN.md section 3) into a {@link PolicyFile}. Never throws on
 * user input: every problem is an RW0xxx diagnostic, sorted, and the value is absent when there is
 * an error.
 */
public final class PolicyReader {
  private PolicyReader() {}

  /** Parses one file; the AST's spans point into {@code file}. */
  public static Result<PolicyFile> read(SourceFile file) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<PolicyFile> ast = FastPolicyParser.parse(file, positioner(file), diagnostics);
    return ast.isPresent() ? Result.of(ast.get(), diagnostics) : readWhole(file);
  }

  /**
   * Parses one file as a whole: SLL, then full LL with error recovery and a diagnostic for every
   * syntax error. {@link #read} takes this path only when {@link FastPolicyParser} gives up.
   */
  static Result<PolicyFile> readWhole(SourceFile file) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<PolicyFile> ast =
        run(
            file.text(),
            positioner(file),
            diagnostics,
            PolicyGrammarParser::policyFile,
            (builder, ctx, tokens) -> {
              List<Token> comments = new ArrayList<>();
              for (Token t : tokens.getTokens()) {
                if (t.getType() == PolicyGrammarLexer.COMMENT) {
                  comments.add(t);
                }
              }
              return builder.policyFile(ctx, file.spanAt(0, file.text().length()), comments);
            });
    return ast.isPresent() ? Result.of(ast.get(), diagnostics) : Result.failed(diagnostics);
  }

  private static final Set<Integer> STATEMENT_STARTS =
      Set.of(
          PolicyGrammarLexer.POLICY,
          PolicyGrammarLexer.DESCRIPTION,
          PolicyGrammarLexer.REPLACES,
          PolicyGrammarLexer.IMPORT,
          PolicyGrammarLexer.NETWORK,
          PolicyGrammarLexer.SERVICE,
          PolicyGrammarLexer.RPC,
          PolicyGrammarLexer.ALLOW,
          PolicyGrammarLexer.BLOCK,
          PolicyGrammarLexer.DEFAULT);

  /**
   * The 1-based line where the file's first token starts when that token starts a statement
   * ({@code policy}, {@code import}, {@code network}, ...), else 0. Comments before it are
   * skipped. Used to decide whether a file that has errors may be quoted in diagnostics.
   */
  public static int firstStatementLine(SourceFile file) {
    PolicyGrammarLexer lexer =
        new PolicyGrammarLexer(
            CodePointCharStream.fromBuffer(
                CodePointBuffer.withChars(CharBuffer.wrap(file.text().toCharArray()))));
    lexer.removeErrorListeners();
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        return STATEMENT_STARTS.contains(t.getType())
            ? file.spanAt(t.getStartIndex(), 1).line()
            : 0;
      }
    }
    return 0;
  }

  /**
   * What can still be read of a file with syntax errors (issue 12 point 4): the statements the
   * parser read without an error inside them, and what the broken ones may define. Used only to
   * report the name errors of the statements that parsed, so that fixing the syntax error does
   * not reveal them one by one; never to compile.
   */
  public record Recovered(PolicyFile file, Set<String> mayDefine, boolean mayImport) {}

  /** Empty when the file has no syntax error or nothing could be read. */
  public static Optional<Recovered> recover(SourceFile file) {
    CodePointCharStream chars =
        CodePointCharStream.fromBuffer(
            CodePointBuffer.withChars(CharBuffer.wrap(file.text().toCharArray())));
    PolicyGrammarLexer lexer = new PolicyGrammarLexer(chars);
    lexer.removeErrorListeners();
    java.util.BitSet lexErrors = new java.util.BitSet();
    lexer.addErrorListener(new org.antlr.v4.runtime.BaseErrorListener() {
      @Override
      public void syntaxError(org.antlr.v4.runtime.Recognizer<?, ?> r, Object symbol, int line,
          int col, String msg, org.antlr.v4.runtime.RecognitionException e) {
        lexErrors.set(0);
      }
    });
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    PolicyGrammarParser parser = new PolicyGrammarParser(tokens);
    parser.removeErrorListeners();
    java.util.BitSet errorTokens = new java.util.BitSet();
    parser.addErrorListener(new org.antlr.v4.runtime.BaseErrorListener() {
      @Override
      public void syntaxError(org.antlr.v4.runtime.Recognizer<?, ?> r, Object symbol, int line,
          int col, String msg, org.antlr.v4.runtime.RecognitionException e) {
        if (symbol instanceof Token t && t.getTokenIndex() >= 0) {
          errorTokens.set(t.getTokenIndex());
        }
      }
    });
    parser.getInterpreter().setPredictionMode(PredictionMode.LL);
    PolicyGrammarParser.PolicyFileContext tree;
    try {
      tree = parser.policyFile();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (errorTokens.isEmpty() && lexErrors.isEmpty()) {
      return Optional.empty();
    }
    java.util.BitSet clean = new java.util.BitSet();
    List<dev.rpcwall.compiler.ast.Statement> statements = new ArrayList<>();
    AstBuilder builder = new AstBuilder(positioner(file), new Diagnostics());
    for (PolicyGrammarParser.StatementContext st : tree.statement()) {
      if (st.start == null || st.stop == null || st.stop.getTokenIndex() < st.start.getTokenIndex()) {
        continue;
      }
      int from = st.start.getTokenIndex();
      int to = st.stop.getTokenIndex();
      int nextError = errorTokens.nextSetBit(from);
      if ((nextError >= 0 && nextError <= to) || hasError(st)) {
        continue;
      }
      try {
        statements.add(builder.statement(st));
        clean.set(from, to + 1);
      } catch (RuntimeException incomplete) {
        // a context the builder cannot read counts as broken
      }
    }
    // Whatever is not in a clean statement may be a broken definition or import.
    Set<String> mayDefine = new java.util.HashSet<>();
    boolean mayImport = false;
    List<Token> all = tokens.getTokens();
    for (int i = 0; i < all.size(); i++) {
      Token t = all.get(i);
      if (clean.get(i) || t.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      if (t.getType() == PolicyGrammarLexer.IMPORT) {
        mayImport = true;
      } else if (t.getType() == PolicyGrammarLexer.NETWORK
          || t.getType() == PolicyGrammarLexer.SERVICE) {
        for (int k = i + 1; k < all.size(); k++) {
          if (all.get(k).getChannel() == Token.DEFAULT_CHANNEL) {
            mayDefine.add(all.get(k).getText());
            break;
          }
        }
      }
    }
    return Optional.of(new Recovered(
        builder.policyFile(statements, file.spanAt(0, file.text().length()), List.of()),
        mayDefine, mayImport));
  }

  private static boolean hasError(ParserRuleContext ctx) {
    if (ctx.exception != null) {
      return true;
    }
    if (ctx.children == null) {
      return false;
    }
    for (var child : ctx.children) {
      if (child instanceof org.antlr.v4.runtime.tree.ErrorNode) {
        return true;
      }
      if (child instanceof ParserRuleContext c && hasError(c)) {
        return true;
      }
    }
    return false;
  }

  private static Positioner positioner(SourceFile file) {
    return (line, charInLine, length) -> new SourceSpan(file.name(), line, charInLine + 1, length);
  }

  /** Builds an AST value from a parse tree without syntax errors. */
  @FunctionalInterface
  interface Build<C extends ParserRuleContext, T> {
    T build(AstBuilder builder, C ctx, CommonTokenStream tokens);
  }

  /**
   * Lexes and parses {@code text} with the entry rule {@code entry}: SLL prediction first (fast,
   * enough for almost every input), then full LL with error recovery only when SLL fails, which is
   * the standard ANTLR two-stage strategy. Diagnostics go to {@code diagnostics}; the value is
   * present when there was no syntax error.
   */
  static <C extends ParserRuleContext, T> Optional<T> run(
      String text,
      Positioner positioner,
      Diagnostics diagnostics,
      Function<PolicyGrammarParser, C> entry,
      Build<C, T> build) {
    // UTF-16 code units, not code points, so ANTLR's columns match SourceSpan's.
    CodePointCharStream chars =
        CodePointCharStream.fromBuffer(CodePointBuffer.withChars(CharBuffer.wrap(text.toCharArray())));
    CappedLexer lexer = new CappedLexer(chars);
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    PolicyGrammarParser parser = new PolicyGrammarParser(tokens);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    C tree;
    SyntaxErrors errors = new SyntaxErrors(positioner, diagnostics);
    try {
      tree = entry.apply(parser);
    } catch (ParseCancellationException sllFailed) {
      tokens.seek(0);
      parser.reset();
      parser.addErrorListener(errors);
      parser.setErrorHandler(new DefaultErrorStrategy());
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      try {
        tree = entry.apply(parser);
      } catch (SyntaxErrors.TooMany stop) {
        return Optional.empty();
      }
    }
    if (lexer.cutAt() != null) {
      Token t = lexer.cutAt();
      diagnostics.error(
          Codes.SYNTAX_TOO_MANY_ERRORS,
          positioner.at(t.getLine(), t.getCharPositionInLine(), 1),
          "too many unreadable characters; stopped reading the file here",
          "is this a policy file? it should be UTF-8 text");
      return Optional.empty();
    }
    if (errors.count() > 0) {
      return Optional.empty();
    }
    return Optional.of(build.build(new AstBuilder(positioner, diagnostics), tree, tokens));
  }
}
