package dev.rpcwall.emit.powershell;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.emit.powershell.PsLexer.Kind;
import dev.rpcwall.emit.powershell.PsLexer.Token;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups tokens into statements: pipelines of commands with their arguments, assignments,
 * {@code if}/{@code try} blocks, function definitions and the {@code param} block. It does not
 * decide what anything means; {@link PowerShellReader} does.
 */
public final class PsParser {
  /** A parsed value: literal, list, variable reference, hashtable, or something not understood. */
  public sealed interface Val permits Lit, ListVal, VarRef, Hash, BadVal {
    int offset();
  }

  /** {@code bareInExpression}: a bare word where PowerShell expects an expression (a command). */
  public record Lit(String text, boolean quoted, boolean bareInExpression, int offset) implements Val {}

  public record ListVal(List<Val> items, int offset) implements Val {}

  public record VarRef(String name, int offset) implements Val {}

  public record Hash(List<Map.Entry<Token, Val>> entries, int offset) implements Val {}

  /** {@code code}/{@code why} are null when the lexer already reported the token. */
  public record BadVal(String code, String why, int offset, int length) implements Val {}

  public sealed interface Arg permits Named, Positional, Splat {}

  public record Named(Token param, Optional<Val> value) implements Arg {}

  public record Positional(Val value) implements Arg {}

  public record Splat(Token token) implements Arg {}

  public sealed interface Stmt
      permits Pipeline, Assign, If, Try, ForEach, Function, ParamBlock, Attribute, Unknown {}

  /** {@code head} is the command name (a word, or a string after {@code &}). */
  public record Cmd(Token head, List<Arg> args) {}

  public record Pipeline(List<Cmd> commands) implements Stmt {}

  public record Assign(Token variable, Optional<Pipeline> pipeline, Optional<Val> value) implements Stmt {}

  public record Branch(Token keyword, List<Token> condition, List<Stmt> body) {}

  public record If(List<Branch> branches, Optional<List<Stmt>> otherwise) implements Stmt {}

  public record Try(List<Stmt> body, List<List<Stmt>> catches, Optional<List<Stmt>> fin) implements Stmt {}

  /** {@code foreach ($variable in collection) { body }}. */
  public record ForEach(Token keyword, Token variable, Val collection, List<Stmt> body)
      implements Stmt {}

  public record Function(Token keyword, String name, String text) implements Stmt {}

  public record ParamDecl(Token variable, boolean isSwitch, Optional<Val> defaultValue) {}

  public record ParamBlock(List<ParamDecl> params) implements Stmt {}

  public record Attribute(Token type) implements Stmt {}

  /** A statement the reader does not understand; reported by the reader when it is executed. */
  public record Unknown(Token at, String what) implements Stmt {}

  private static final int MAX_DEPTH = 100;

  /** Parameters that never take a value, so a following word is not read as their argument. */
  private static final Set<String> SWITCHES =
      Set.of("force", "whatif", "confirm", "asjob", "recurse", "passthru", "all", "verbose", "debug",
          "raw", "standalonehost", "sharedhost");

  private static final Set<String> CONTROL_KEYWORDS =
      Set.of("foreach", "for", "while", "do", "switch", "trap", "return", "break", "continue",
          "exit", "throw", "begin", "process", "end", "class", "enum", "using", "data",
          "workflow", "until", "elseif", "else", "catch", "finally", "dynamicparam", "filter");

  private final SourceFile file;
  private final List<Token> t;
  private final Diagnostics out;
  private int p;
  private int depth;

  private PsParser(SourceFile file, List<Token> tokens, Diagnostics out) {
    this.file = file;
    this.t = tokens;
    this.out = out;
  }

  public static List<Stmt> parse(SourceFile file, List<Token> tokens, Diagnostics out) {
    PsParser parser = new PsParser(file, tokens, out);
    List<Stmt> stmts = new ArrayList<>();
    while (!parser.peek().is(Kind.EOF)) {
      stmts.addAll(parser.block(true));
      if (parser.peek().is(Kind.RBRACE)) {
        parser.error(Codes.PS_READ_SYNTAX, parser.peek(), "'}' without a matching '{'");
        parser.p++;
      }
    }
    return stmts;
  }

  private Token peek() {
    return t.get(p);
  }

  private Token peek(int ahead) {
    return t.get(Math.min(p + ahead, t.size() - 1));
  }

  private Token next() {
    Token tok = t.get(p);
    if (!tok.is(Kind.EOF)) {
      p++;
    }
    return tok;
  }

  private void error(String code, Token at, String message) {
    out.error(code, file.spanAt(at.offset(), Math.max(1, at.length())), message);
  }

  private void skipNewlines() {
    while (peek().is(Kind.NEWLINE)) {
      p++;
    }
  }

  private void skipSeparators() {
    while (peek().is(Kind.NEWLINE) || peek().is(Kind.SEMI)) {
      p++;
    }
  }

  private static boolean endsStatement(Token tok) {
    return switch (tok.kind()) {
      case NEWLINE, SEMI, RBRACE, RPAREN, PIPE, EOF -> true;
      default -> false;
    };
  }

  /** Statements up to a '}' (not consumed) or the end of the file. */
  private List<Stmt> block(boolean topLevel) {
    List<Stmt> stmts = new ArrayList<>();
    while (true) {
      skipSeparators();
      Token tok = peek();
      if (tok.is(Kind.EOF) || tok.is(Kind.RBRACE)) {
        return stmts;
      }
      if (tok.is(Kind.RPAREN)) {
        error(Codes.PS_READ_SYNTAX, tok, "')' without a matching '('");
        p++;
        continue;
      }
      int before = p;
      stmts.add(statement());
      if (p == before) {
        p++; // never loop on a token no rule consumes
      }
    }
  }

  /** A '{ ... }' block; reports and returns empty when the brace is missing. */
  private List<Stmt> braced(Token after) {
    skipNewlines();
    if (!peek().is(Kind.LBRACE)) {
      error(Codes.PS_READ_SYNTAX, peek().is(Kind.EOF) ? after : peek(), "expected '{'");
      return List.of();
    }
    Token open = next();
    if (++depth > MAX_DEPTH) {
      error(Codes.PS_READ_SYNTAX, open, "blocks are nested too deeply");
      skipBalanced(open);
      depth--;
      return List.of();
    }
    List<Stmt> body = block(false);
    depth--;
    if (peek().is(Kind.RBRACE)) {
      p++;
    } else {
      error(Codes.PS_READ_SYNTAX, open, "'{' is never closed");
    }
    return body;
  }

  /** Skips to just after the bracket matching {@code open} (already consumed). */
  private int skipBalanced(Token open) {
    int level = 1;
    while (!peek().is(Kind.EOF)) {
      Token tok = next();
      switch (tok.kind()) {
        case LBRACE, LPAREN, AT_PAREN, AT_BRACE, DOLLAR_PAREN -> level++;
        case RBRACE, RPAREN -> level--;
        default -> {}
      }
      if (level == 0) {
        return tok.offset() + tok.length();
      }
    }
    error(Codes.PS_READ_SYNTAX, open, "'" + open.text() + "' is never closed");
    return file.text().length();
  }

  /** Skips the rest of a statement, brackets included. */
  private void skipStatement() {
    while (!endsStatement(peek()) || peek().is(Kind.PIPE)) {
      Token tok = next();
      if (tok.is(Kind.EOF)) {
        return;
      }
      if (tok.is(Kind.LBRACE) || tok.is(Kind.LPAREN) || tok.is(Kind.AT_PAREN)
          || tok.is(Kind.AT_BRACE) || tok.is(Kind.DOLLAR_PAREN)) {
        skipBalanced(tok);
      }
    }
  }

  private Stmt statement() {
    Token tok = peek();
    String word = tok.is(Kind.WORD) ? tok.text().toLowerCase(Locale.ROOT) : "";
    if (word.equals("function")) {
      return function();
    }
    if (word.equals("if")) {
      return ifStatement();
    }
    if (word.equals("try")) {
      return tryStatement();
    }
    if (word.equals("param") && peek(1).is(Kind.LPAREN)) {
      return paramBlock();
    }
    if (word.equals("foreach") && peek(1).is(Kind.LPAREN)) {
      return forEach();
    }
    if (CONTROL_KEYWORDS.contains(word)) {
      next();
      skipStatement();
      return new Unknown(tok, "'" + tok.text() + "' statements are not understood");
    }
    if (tok.is(Kind.TYPE)) {
      next();
      if (tok.text().toLowerCase(Locale.ROOT).startsWith("cmdletbinding")) {
        return new Attribute(tok);
      }
      skipStatement();
      return new Unknown(tok, "a statement starting with the type [" + tok.text() + "] is not understood");
    }
    if (tok.is(Kind.VARIABLE) && peek(1).is(Kind.ASSIGN)) {
      return assignment();
    }
    if (tok.is(Kind.WORD) || tok.is(Kind.AMP)) {
      return pipeline();
    }
    next();
    if (!tok.is(Kind.EOF)) {
      if (tok.is(Kind.LBRACE) || tok.is(Kind.LPAREN) || tok.is(Kind.AT_PAREN)
          || tok.is(Kind.AT_BRACE) || tok.is(Kind.DOLLAR_PAREN)) {
        skipBalanced(tok);
      }
      skipStatement();
    }
    return new Unknown(tok, "this statement is not understood (expected a command)");
  }

  /** {@code foreach ($x in <expression>) { ... }}; any other form is not understood. */
  private Stmt forEach() {
    Token keyword = next();
    Token open = next();
    skipNewlines();
    Token variable = peek();
    if (variable.is(Kind.VARIABLE) && peek(1).isWord("in")) {
      next();
      next();
      skipNewlines();
      Val collection = expressionList(false);
      skipNewlines();
      if (peek().is(Kind.RPAREN)) {
        Token close = next();
        return new ForEach(keyword, variable, collection, braced(close));
      }
    }
    skipBalanced(open);
    skipStatement();
    return new Unknown(keyword, "this '" + keyword.text() + "' statement is not understood");
  }

  private Stmt function() {
    Token keyword = next();
    Token name = next();
    if (!name.is(Kind.WORD)) {
      skipStatement();
      return new Unknown(keyword, "function without a name");
    }
    skipNewlines();
    if (peek().is(Kind.LPAREN)) {
      skipBalanced(next());
      skipNewlines();
    }
    if (!peek().is(Kind.LBRACE)) {
      skipStatement();
      return new Unknown(keyword, "function '" + name.text() + "' has no body");
    }
    int end = skipBalanced(next());
    String text = file.text().substring(keyword.offset(), end).replace("\r\n", "\n");
    return new Function(keyword, name.text(), text);
  }

  private Stmt ifStatement() {
    List<Branch> branches = new ArrayList<>();
    Optional<List<Stmt>> otherwise = Optional.empty();
    Token keyword = next();
    while (true) {
      skipNewlines();
      if (!peek().is(Kind.LPAREN)) {
        skipStatement();
        return new Unknown(keyword, "'" + keyword.text() + "' without a condition in '(...)'");
      }
      Token open = next();
      int from = p;
      skipBalanced(open);
      List<Token> condition = new ArrayList<>(t.subList(from, Math.max(from, p - 1)));
      condition.removeIf(x -> x.is(Kind.NEWLINE));
      branches.add(new Branch(keyword, condition, braced(open)));
      int mark = p;
      skipNewlines();
      if (peek().isWord("elseif")) {
        keyword = next();
        continue;
      }
      if (peek().isWord("else")) {
        Token e = next();
        otherwise = Optional.of(braced(e));
      } else {
        p = mark;
      }
      return new If(branches, otherwise);
    }
  }

  private Stmt tryStatement() {
    Token keyword = next();
    List<Stmt> body = braced(keyword);
    List<List<Stmt>> catches = new ArrayList<>();
    Optional<List<Stmt>> fin = Optional.empty();
    while (true) {
      int mark = p;
      skipNewlines();
      if (peek().isWord("catch")) {
        Token c = next();
        while (peek().is(Kind.TYPE) || peek().is(Kind.COMMA)) {
          next();
        }
        catches.add(braced(c));
      } else if (peek().isWord("finally")) {
        Token f = next();
        fin = Optional.of(braced(f));
        return new Try(body, catches, fin);
      } else {
        p = mark;
        if (catches.isEmpty()) {
          error(Codes.PS_READ_SYNTAX, keyword, "'try' without 'catch' or 'finally'");
        }
        return new Try(body, catches, fin);
      }
    }
  }

  private Stmt paramBlock() {
    Token keyword = next();
    Token open = next();
    List<ParamDecl> params = new ArrayList<>();
    while (true) {
      skipNewlines();
      boolean isSwitch = false;
      while (peek().is(Kind.TYPE)) {
        isSwitch |= next().text().trim().equalsIgnoreCase("switch");
        skipNewlines();
      }
      if (peek().is(Kind.RPAREN)) {
        next();
        return new ParamBlock(params);
      }
      if (!peek().is(Kind.VARIABLE)) {
        skipBalanced(open);
        return new Unknown(keyword, "this param(...) block is not understood");
      }
      Token variable = next();
      Optional<Val> def = Optional.empty();
      skipNewlines();
      if (peek().is(Kind.ASSIGN)) {
        next();
        skipNewlines();
        def = Optional.of(expressionElement());
      }
      params.add(new ParamDecl(variable, isSwitch, def));
      skipNewlines();
      if (peek().is(Kind.COMMA)) {
        next();
      } else if (!peek().is(Kind.RPAREN)) {
        skipBalanced(open);
        return new Unknown(keyword, "this param(...) block is not understood");
      }
    }
  }

  private Stmt assignment() {
    Token variable = next();
    next();
    skipNewlines();
    Token first = peek();
    boolean command =
        first.is(Kind.AMP) || (first.is(Kind.WORD) && !isInteger(first.text()));
    if (command) {
      Stmt s = pipeline();
      return s instanceof Pipeline pl ? new Assign(variable, Optional.of(pl), Optional.empty()) : s;
    }
    Val value = expressionList(false);
    if (!endsStatement(peek()) || peek().is(Kind.PIPE) || peek().is(Kind.RPAREN)) {
      Token at = peek();
      skipStatement();
      return new Unknown(at, "this expression is not understood");
    }
    return new Assign(variable, Optional.empty(), Optional.of(value));
  }

  private Stmt pipeline() {
    List<Cmd> commands = new ArrayList<>();
    while (true) {
      Token head = next();
      if (head.is(Kind.AMP)) {
        head = next();
        if (!head.is(Kind.WORD) && !(head.is(Kind.STRING) && !head.expandable() && !head.bad())) {
          skipStatement();
          return new Unknown(head, "'&' must be followed by a command name");
        }
      }
      if (!head.is(Kind.WORD) && !head.is(Kind.STRING)) {
        skipStatement();
        return new Unknown(head, "expected a command name");
      }
      commands.add(new Cmd(head, arguments()));
      if (!peek().is(Kind.PIPE)) {
        return new Pipeline(commands);
      }
      next();
      skipNewlines();
    }
  }

  private List<Arg> arguments() {
    List<Arg> args = new ArrayList<>();
    while (!endsStatement(peek())) {
      Token tok = peek();
      if (tok.is(Kind.PARAM)) {
        next();
        boolean sw = SWITCHES.contains(tok.text().toLowerCase(Locale.ROOT));
        if (tok.colon() || (!sw && startsValue(peek()))) {
          args.add(new Named(tok, Optional.of(argumentValue())));
        } else {
          args.add(new Named(tok, Optional.empty()));
        }
      } else if (tok.is(Kind.SPLAT)) {
        next();
        args.add(new Splat(tok));
      } else if (startsValue(tok)) {
        args.add(new Positional(argumentValue()));
      } else {
        next();
        args.add(new Positional(new BadVal(Codes.PS_READ_UNKNOWN,
            "'" + tok.text() + "' is not understood here", tok.offset(), tok.length())));
      }
    }
    return args;
  }

  /** {@code -?[0-9]+}, without a regular expression (called for every item of long lists). */
  private static boolean isInteger(String s) {
    int start = s.startsWith("-") ? 1 : 0;
    if (s.length() == start) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean startsValue(Token tok) {
    return switch (tok.kind()) {
      case WORD, STRING, VARIABLE, AT_PAREN, AT_BRACE, LPAREN, DOLLAR_PAREN, TYPE -> true;
      default -> false;
    };
  }

  /** {@code a, b, c} in argument mode. */
  private Val argumentValue() {
    int offset = peek().offset();
    List<Val> items = new ArrayList<>();
    items.add(element(false));
    while (peek().is(Kind.COMMA)) {
      next();
      skipNewlines();
      items.add(element(false));
    }
    return items.size() == 1 ? items.get(0) : new ListVal(items, offset);
  }

  private Val expressionElement() {
    return element(true);
  }

  /** Comma list in expression mode; inside @(...) line breaks and ';' also separate items. */
  private Val expressionList(boolean insideArray) {
    int offset = peek().offset();
    List<Val> items = new ArrayList<>();
    while (true) {
      if (insideArray) {
        skipSeparators();
        if (peek().is(Kind.RPAREN) || peek().is(Kind.EOF)) {
          break;
        }
      }
      items.add(element(true));
      if (peek().is(Kind.COMMA)) {
        next();
        skipNewlines();
        continue;
      }
      if (insideArray && (peek().is(Kind.NEWLINE) || peek().is(Kind.SEMI))) {
        continue;
      }
      break;
    }
    return items.size() == 1 && !insideArray ? items.get(0) : new ListVal(items, offset);
  }

  private Val element(boolean expression) {
    Token tok = next();
    switch (tok.kind()) {
      case WORD:
        boolean number = isInteger(tok.text());
        return new Lit(tok.text(), false, expression && !number, tok.offset());
      case STRING:
        if (tok.bad()) {
          return new BadVal(null, null, tok.offset(), tok.length());
        }
        if (tok.expandable()) {
          return new BadVal(Codes.PS_READ_EXPANDABLE,
              "a double-quoted string with '$' or '`' expands at run time and is not understood;"
                  + " use single quotes", tok.offset(), tok.length());
        }
        return new Lit(tok.text(), true, false, tok.offset());
      case VARIABLE:
        return new VarRef(tok.text(), tok.offset());
      case AT_PAREN:
      case LPAREN:
        return array(tok);
      case AT_BRACE:
        return hash(tok);
      case DOLLAR_PAREN:
        int end = skipBalanced(tok);
        return new BadVal(Codes.PS_READ_UNKNOWN, "subexpressions $(...) are not understood",
            tok.offset(), end - tok.offset());
      case TYPE:
        if (startsValue(peek())) {
          element(expression);
        }
        return new BadVal(Codes.PS_READ_UNKNOWN, "type casts are not understood", tok.offset(),
            tok.length());
      default:
        if (tok.is(Kind.LBRACE)) {
          int e = skipBalanced(tok);
          return new BadVal(Codes.PS_READ_UNKNOWN, "script blocks are not understood",
              tok.offset(), e - tok.offset());
        }
        if (endsStatement(tok) || tok.is(Kind.COMMA)) {
          if (!tok.is(Kind.EOF)) {
            p--; // not ours: the caller ends the list or statement here
          }
          return new BadVal(Codes.PS_READ_VALUE, "a value is missing here", tok.offset(), 1);
        }
        return new BadVal(Codes.PS_READ_UNKNOWN, "'" + tok.text() + "' is not understood here",
            tok.offset(), tok.length());
    }
  }

  private Val array(Token open) {
    if (++depth > MAX_DEPTH) {
      depth--;
      int end = skipBalanced(open);
      return new BadVal(Codes.PS_READ_SYNTAX, "brackets are nested too deeply", open.offset(),
          end - open.offset());
    }
    Val inner = expressionList(true);
    depth--;
    if (!peek().is(Kind.RPAREN)) {
      int end = skipBalanced(open);
      return new BadVal(Codes.PS_READ_UNKNOWN, "this expression is not understood", open.offset(),
          end - open.offset());
    }
    next();
    if (open.is(Kind.LPAREN) && inner instanceof ListVal l && l.items().size() == 1) {
      return l.items().get(0);
    }
    return inner;
  }

  private Val hash(Token open) {
    List<Map.Entry<Token, Val>> entries = new ArrayList<>();
    if (++depth > MAX_DEPTH) {
      depth--;
      int end = skipBalanced(open);
      return new BadVal(Codes.PS_READ_SYNTAX, "brackets are nested too deeply", open.offset(),
          end - open.offset());
    }
    try {
      while (true) {
        skipSeparators();
        Token key = next();
        if (key.is(Kind.RBRACE)) {
          return new Hash(entries, open.offset());
        }
        boolean keyOk = key.is(Kind.WORD) || (key.is(Kind.STRING) && !key.expandable() && !key.bad());
        if (!keyOk || !peek().is(Kind.ASSIGN)) {
          if (!key.is(Kind.EOF)) {
            p--;
          }
          int end = skipBalanced(open);
          return new BadVal(Codes.PS_READ_UNKNOWN, "this hashtable is not understood (expected"
              + " 'Name = value' entries)", open.offset(), end - open.offset());
        }
        next();
        skipNewlines();
        entries.add(new AbstractMap.SimpleImmutableEntry<>(key, expressionList(false)));
      }
    } finally {
      depth--;
    }
  }
}
