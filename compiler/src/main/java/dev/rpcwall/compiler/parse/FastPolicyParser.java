package dev.rpcwall.compiler.parse;

import dev.rpcwall.compiler.ast.AddressLit;
import dev.rpcwall.compiler.ast.Comment;
import dev.rpcwall.compiler.ast.DefaultDecl;
import dev.rpcwall.compiler.ast.DescriptionDecl;
import dev.rpcwall.compiler.ast.Identifier;
import dev.rpcwall.compiler.ast.ImportDecl;
import dev.rpcwall.compiler.ast.NetworkDecl;
import dev.rpcwall.compiler.ast.NetworkExpr;
import dev.rpcwall.compiler.ast.NetworkItem;
import dev.rpcwall.compiler.ast.NetworkRef;
import dev.rpcwall.compiler.ast.PolicyDecl;
import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.ast.PortLit;
import dev.rpcwall.compiler.ast.PortRangeLit;
import dev.rpcwall.compiler.ast.ProfileRef;
import dev.rpcwall.compiler.ast.ReplacesDecl;
import dev.rpcwall.compiler.ast.RpcBlock;
import dev.rpcwall.compiler.ast.RpcSetting;
import dev.rpcwall.compiler.ast.RuleDecl;
import dev.rpcwall.compiler.ast.ServiceDecl;
import dev.rpcwall.compiler.ast.ServiceItem;
import dev.rpcwall.compiler.ast.ServiceRef;
import dev.rpcwall.compiler.ast.Statement;
import dev.rpcwall.compiler.ast.StringLit;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.grammar.policy.PolicyGrammarLexer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.CommonToken;

/**
 * The fast path of {@link PolicyReader}: a hand-written lexer and recursive-descent parser of the
 * grammar in {@code PolicyGrammar.g4} that builds the AST directly, with no token list and no parse
 * tree. Large policies (100,000 networks) are parsed several times faster and leave far less for
 * the garbage collector than through ANTLR.
 *
 * <p>It accepts only files without syntax errors whose text outside strings and comments is ASCII,
 * and gives up (empty result) at the first token it does not expect; the ANTLR parser, which is
 * the reference and reports every syntax error, then reads the file instead. For every file it
 * accepts it gives exactly the AST, comments and diagnostics the ANTLR path gives: tokens follow
 * the lexer rules of the grammar (longest match, earlier rule on a tie, case-insensitive
 * keywords), lines and columns count like ANTLR's lexer (a line ends at {@code \n}), and spans
 * run from a rule's first token to its last.
 */
final class FastPolicyParser {
  // Token types (own numbering; keywords from KEYWORD on, in the grammar's order).
  private static final int EOF = 0;
  private static final int NAME = 1;
  private static final int NUMBER = 2;
  private static final int ADDRESS = 3;
  private static final int STRING = 4;
  private static final int LBRACE = 5;
  private static final int RBRACE = 6;
  private static final int COMMA = 7;
  private static final int EQUALS = 8;
  private static final int DASH = 9;
  private static final int KEYWORD = 10;
  private static final String[] KEYWORDS = {
    "policy", "description", "replaces", "import", "network", "service", "rpc", "dynamic", "ports",
    "wmi", "fixed", "port", "allow", "block", "to", "on", "except", "default", "tcp", "udp"
  };
  private static final int POLICY = KEYWORD;
  private static final int DESCRIPTION = KEYWORD + 1;
  private static final int REPLACES = KEYWORD + 2;
  private static final int IMPORT = KEYWORD + 3;
  private static final int NETWORK = KEYWORD + 4;
  private static final int SERVICE = KEYWORD + 5;
  private static final int RPC = KEYWORD + 6;
  private static final int DYNAMIC = KEYWORD + 7;
  private static final int PORTS = KEYWORD + 8;
  private static final int WMI = KEYWORD + 9;
  private static final int FIXED = KEYWORD + 10;
  private static final int PORT = KEYWORD + 11;
  private static final int ALLOW = KEYWORD + 12;
  private static final int BLOCK = KEYWORD + 13;
  private static final int TO = KEYWORD + 14;
  private static final int ON = KEYWORD + 15;
  private static final int EXCEPT = KEYWORD + 16;
  private static final int DEFAULT = KEYWORD + 17;
  private static final int TCP = KEYWORD + 18;
  private static final int UDP = KEYWORD + 19;

  /** Gives up on the file; thrown often enough on bad input to skip the stack trace. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();

  private final SourceFile file;
  private final String text;
  private final int length;
  private final Positioner positioner;
  private final AstBuilder builder;
  private final List<Comment> comments = new ArrayList<>();
  /** Names repeat (every rule names its services): one String per distinct name. */
  private final Map<String, String> names = new HashMap<>();

  // Lexer position: the next char to read, its line, and where that line starts.
  private int pos;
  private int line = 1;
  private int lineStart;

  // The current token.
  private int type;
  private int start;
  private int end;
  private int tokLine;
  private int tokCol;

  /** The end of the last token consumed (for spans). */
  private int prevEnd;

  private FastPolicyParser(SourceFile file, Positioner positioner, Diagnostics diagnostics) {
    this.file = file;
    this.text = file.text();
    this.length = text.length();
    this.positioner = positioner;
    this.builder = new AstBuilder(positioner, diagnostics);
  }

  /**
   * The AST of {@code file}, or empty when the file is not plain enough for this parser (then
   * nothing was added to {@code diagnostics}).
   */
  static Optional<PolicyFile> parse(SourceFile file, Positioner positioner, Diagnostics diagnostics) {
    Diagnostics own = new Diagnostics();
    FastPolicyParser p = new FastPolicyParser(file, positioner, own);
    try {
      p.advance();
      List<Statement> statements = new ArrayList<>();
      while (p.type != EOF) {
        statements.add(p.statement());
      }
      PolicyFile ast = new PolicyFile(file.spanAt(0, p.length), statements, p.comments);
      diagnostics.addAll(own.sorted());
      return Optional.of(ast);
    } catch (GiveUp unexpected) {
      return Optional.empty();
    }
  }

  // Parser: one method per grammar rule
  // ===================================

  private Statement statement() {
    int sl = tokLine;
    int sc = tokCol;
    int so = start;
    switch (type) {
      case POLICY -> {
        advance();
        StringLit name = string();
        return new PolicyDecl(span(sl, sc, so), name);
      }
      case DESCRIPTION -> {
        advance();
        StringLit value = string();
        return new DescriptionDecl(span(sl, sc, so), value);
      }
      case REPLACES -> {
        advance();
        List<StringLit> replaced = new ArrayList<>();
        replaced.add(string());
        while (type == COMMA) {
          advance();
          replaced.add(string());
        }
        return new ReplacesDecl(span(sl, sc, so), replaced);
      }
      case IMPORT -> {
        advance();
        StringLit path = rawString();
        return new ImportDecl(span(sl, sc, so), path);
      }
      case NETWORK -> {
        advance();
        Identifier name = identifier();
        expect(EQUALS);
        NetworkExpr value = networkExpr();
        return new NetworkDecl(span(sl, sc, so), name, value);
      }
      case SERVICE -> {
        advance();
        Identifier name = identifier();
        expect(EQUALS);
        List<ServiceItem> items = serviceList();
        return new ServiceDecl(span(sl, sc, so), name, items);
      }
      case RPC -> {
        advance();
        expect(LBRACE);
        List<RpcSetting> settings = new ArrayList<>();
        while (type == DYNAMIC || type == WMI) {
          settings.add(rpcSetting());
        }
        expect(RBRACE);
        return new RpcBlock(span(sl, sc, so), settings);
      }
      case ALLOW, BLOCK -> {
        Action action = type == ALLOW ? Action.ALLOW : Action.BLOCK;
        advance();
        NetworkExpr from = networkExpr();
        expect(TO);
        List<ServiceItem> to = serviceList();
        List<ProfileRef> profiles = List.of();
        if (type == ON) {
          advance();
          profiles = new ArrayList<>();
          profile(profiles);
          while (type == COMMA) {
            advance();
            profile(profiles);
          }
        }
        return new RuleDecl(span(sl, sc, so), action, from, to, profiles);
      }
      case DEFAULT -> {
        advance();
        if (type != ALLOW && type != BLOCK) {
          throw GIVE_UP;
        }
        Action action = type == ALLOW ? Action.ALLOW : Action.BLOCK;
        advance();
        return new DefaultDecl(span(sl, sc, so), action);
      }
      default -> throw GIVE_UP;
    }
  }

  private RpcSetting rpcSetting() {
    int sl = tokLine;
    int sc = tokCol;
    int so = start;
    if (type == DYNAMIC) {
      advance();
      expect(PORTS);
      List<PortRangeLit> ranges = new ArrayList<>();
      ranges.add(portRange());
      while (type == COMMA) {
        advance();
        ranges.add(portRange());
      }
      return new RpcSetting.DynamicPorts(span(sl, sc, so), ranges);
    }
    advance(); // WMI
    expect(FIXED);
    expect(PORT);
    PortRangeLit port = portRange();
    return new RpcSetting.WmiFixedPort(span(sl, sc, so), port);
  }

  private NetworkExpr networkExpr() {
    int sl = tokLine;
    int sc = tokCol;
    int so = start;
    List<NetworkItem> include = networkList();
    List<NetworkItem> exclude = List.of();
    if (type == EXCEPT) {
      advance();
      exclude = networkList();
    }
    SourceSpan span = span(sl, sc, so);
    if (exclude.isEmpty() && include.size() == 1 && include.get(0).span().equals(span)) {
      // A single item spans the whole expression: one span object serves both (a policy of
      // 100,000 rules keeps 100,000 fewer while it is resolved).
      span = include.get(0).span();
    }
    return new NetworkExpr(span, include, exclude);
  }

  private List<NetworkItem> networkList() {
    NetworkItem first = networkItem();
    if (type != COMMA) {
      return List.of(first); // the AST's List.copyOf keeps an immutable list as it is
    }
    List<NetworkItem> items = new ArrayList<>();
    items.add(first);
    while (type == COMMA) {
      advance();
      items.add(networkItem());
    }
    return items;
  }

  private NetworkItem networkItem() {
    if (type == ADDRESS) {
      int sl = tokLine;
      int sc = tokCol;
      int so = start;
      int firstEnd = end;
      advance();
      if (type != DASH) {
        return new AddressLit(span(sl, sc, so), text.substring(so, firstEnd));
      }
      advance();
      if (type != ADDRESS) {
        throw GIVE_UP;
      }
      String range = text.substring(so, firstEnd) + "-" + text.substring(start, end);
      advance();
      return new AddressLit(span(sl, sc, so), range);
    }
    Identifier name = identifier();
    return new NetworkRef(name.span(), name);
  }

  private List<ServiceItem> serviceList() {
    ServiceItem first = serviceItem();
    if (type != COMMA) {
      return List.of(first);
    }
    ServiceItem second;
    advance();
    second = serviceItem();
    if (type != COMMA) {
      return List.of(first, second); // the common `endpoint-mapper, rpc-dynamic`
    }
    List<ServiceItem> items = new ArrayList<>();
    items.add(first);
    items.add(second);
    while (type == COMMA) {
      advance();
      items.add(serviceItem());
    }
    return items;
  }

  private ServiceItem serviceItem() {
    if (type == TCP || type == UDP) {
      int sl = tokLine;
      int sc = tokCol;
      int so = start;
      Protocol protocol = type == TCP ? Protocol.TCP : Protocol.UDP;
      advance();
      List<PortRangeLit> ranges = new ArrayList<>();
      ranges.add(portRange());
      // `tcp 135, 445`: a comma before a number continues this item (the grammar's greedy loop).
      while (type == COMMA && peekType() == NUMBER) {
        advance();
        ranges.add(portRange());
      }
      return new PortLit(span(sl, sc, so), protocol, ranges);
    }
    Identifier name = identifier();
    return new ServiceRef(name.span(), name);
  }

  private PortRangeLit portRange() {
    if (type != NUMBER) {
      throw GIVE_UP;
    }
    int sl = tokLine;
    int sc = tokCol;
    int so = start;
    long first = AstBuilder.number(text.substring(start, end));
    long last = first;
    advance();
    if (type == DASH) {
      advance();
      if (type != NUMBER) {
        throw GIVE_UP;
      }
      last = AstBuilder.number(text.substring(start, end));
      advance();
    }
    return new PortRangeLit(span(sl, sc, so), first, last);
  }

  private void profile(List<ProfileRef> out) {
    if (!isIdentifier()) {
      throw GIVE_UP;
    }
    SourceSpan span = tokenSpan();
    String name = text.substring(start, end);
    advance();
    builder.profile(span, name, out);
  }

  private Identifier identifier() {
    if (!isIdentifier()) {
      throw GIVE_UP;
    }
    SourceSpan span = tokenSpan();
    String name = text.substring(start, end);
    String known = names.putIfAbsent(name, name);
    advance();
    return new Identifier(span, known == null ? name : known);
  }

  /**
   * The grammar's {@code identifier}: a name, a keyword that only means something in rpc, or
   * {@code replaces}, which only means something at the start of a statement.
   */
  private boolean isIdentifier() {
    return type == NAME || type == DYNAMIC || type == PORTS || type == WMI || type == FIXED
        || type == PORT || type == REPLACES;
  }

  private StringLit string() {
    StringLit value = builder.string(stringToken());
    advance();
    return value;
  }

  /** An import path: the text between the quotes as written (see AstBuilder.rawString). */
  private StringLit rawString() {
    StringLit value = builder.rawString(stringToken());
    advance();
    return value;
  }

  private CommonToken stringToken() {
    if (type != STRING) {
      throw GIVE_UP;
    }
    CommonToken token = new CommonToken(PolicyGrammarLexer.STRING, text.substring(start, end));
    token.setLine(tokLine);
    token.setCharPositionInLine(tokCol);
    token.setStartIndex(start);
    token.setStopIndex(end - 1);
    return token;
  }

  private void expect(int expected) {
    if (type != expected) {
      throw GIVE_UP;
    }
    advance();
  }

  private SourceSpan span(int sl, int sc, int so) {
    return positioner.at(sl, sc, Math.max(0, prevEnd - so));
  }

  private SourceSpan tokenSpan() {
    return positioner.at(tokLine, tokCol, end - start);
  }

  // Lexer
  // =====

  /** Consumes the current token and reads the next one, keeping the comments on the way. */
  private void advance() {
    prevEnd = end;
    skip(true);
    tokLine = line;
    tokCol = pos - lineStart;
    start = pos;
    type = scan();
    end = pos;
  }

  /** The type of the token after the current one; the position does not move. */
  private int peekType() {
    int savedPos = pos;
    int savedLine = line;
    int savedLineStart = lineStart;
    skip(false);
    int t = scan();
    pos = savedPos;
    line = savedLine;
    lineStart = savedLineStart;
    return t;
  }

  /** Skips whitespace ({@code WS}) and comments ({@code COMMENT}, kept when {@code keep}). */
  private void skip(boolean keep) {
    while (pos < length) {
      char c = text.charAt(pos);
      if (c == '\n') {
        pos++;
        line++;
        lineStart = pos;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        pos++;
      } else if (c == '#') {
        int from = pos;
        while (pos < length && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
          pos++;
        }
        if (keep) {
          comments.add(
              new Comment(
                  positioner.at(line, from - lineStart, pos - from),
                  text.substring(from, pos).stripTrailing()));
        }
      } else {
        return;
      }
    }
  }

  /** Reads one token at {@code pos} (no whitespace there) and returns its type. */
  private int scan() {
    if (pos >= length) {
      return EOF;
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{' -> {
        pos++;
        return LBRACE;
      }
      case '}' -> {
        pos++;
        return RBRACE;
      }
      case ',' -> {
        pos++;
        return COMMA;
      }
      case '=' -> {
        pos++;
        return EQUALS;
      }
      case '-' -> {
        pos++;
        return DASH;
      }
      case '"' -> {
        return scanString();
      }
      default -> {
        // ADDRESS, NUMBER, NAME and the keywords: the longest match wins, the earlier rule of
        // the grammar on a tie (keywords, then ADDRESS, NUMBER, NAME).
        int nameLen = isLetter(c) ? runNameChars(pos + 1) - pos : 0;
        int numberLen = runDigits(pos) - pos;
        int addressLen = addressLength();
        int best = Math.max(nameLen, Math.max(numberLen, addressLen));
        if (best == 0) {
          throw GIVE_UP; // ERROR_CHAR (or a character outside ASCII): a syntax error or worse
        }
        int t;
        int k = nameLen == best ? keyword(nameLen) : -1;
        if (k >= 0) {
          t = KEYWORD + k;
        } else if (addressLen == best) {
          t = ADDRESS;
        } else if (numberLen == best) {
          t = NUMBER;
        } else {
          t = NAME;
        }
        pos += best;
        return t;
      }
    }
  }

  /**
   * {@code STRING: '"' (~["\\\r\n] | '\\' ~[\r\n])* '"'}. A string without its closing quote on
   * the line is {@code UNTERMINATED_STRING}, a syntax error: give up.
   */
  private int scanString() {
    int i = pos + 1;
    while (i < length) {
      char c = text.charAt(i);
      if (c == '"') {
        pos = i + 1;
        return STRING;
      }
      if (c == '\r' || c == '\n') {
        break;
      }
      if (c == '\\') {
        if (i + 1 >= length || text.charAt(i + 1) == '\r' || text.charAt(i + 1) == '\n') {
          break;
        }
        i += 2;
      } else {
        i++;
      }
    }
    throw GIVE_UP;
  }

  /**
   * The length of the longest {@code ADDRESS} at {@code pos}, 0 if none: {@code (IPV4 | IPV6) ('/'
   * [0-9.]+)?} with {@code IPV4: [0-9]+ ('.' [0-9]+)+} and {@code IPV6: [0-9a-f]* ':'
   * [0-9a-f:.]*}. At most one of the two can match: IPV4 needs a '.' after its first digits,
   * IPV6 a ':' after its first hex digits. The suffix can only follow the longest match of either,
   * since neither can continue over a '/'.
   */
  private int addressLength() {
    int base = 0;
    int digits = runDigits(pos);
    if (digits > pos && digits < length && text.charAt(digits) == '.') {
      int i = digits;
      int last = -1;
      while (i + 1 < length && text.charAt(i) == '.' && isDigit(text.charAt(i + 1))) {
        i = runDigits(i + 1);
        last = i;
      }
      if (last > 0) {
        base = last - pos;
      }
    }
    if (base == 0) {
      int hex = runHexDigits(pos);
      if (hex < length && text.charAt(hex) == ':') {
        base = runV6Chars(hex + 1) - pos;
      }
    }
    if (base == 0) {
      return 0;
    }
    int slash = pos + base;
    if (slash + 1 < length && text.charAt(slash) == '/' && isMaskChar(text.charAt(slash + 1))) {
      return runMaskChars(slash + 1) - pos;
    }
    return base;
  }

  /** The keyword index of the {@code len} chars at {@code pos}, or -1. */
  private int keyword(int len) {
    // A name is ASCII letters, digits, '_' and '-' and starts with a letter, so comparing with
    // the lower-case keywords by ASCII case folding is String.regionMatches(true, ...) here,
    // and the first letter rules out most keywords at once.
    char first = (char) (text.charAt(pos) | 0x20);
    for (int k = 0; k < KEYWORDS.length; k++) {
      String kw = KEYWORDS[k];
      if (kw.length() == len && kw.charAt(0) == first && asciiEqualsIgnoreCase(kw, len)) {
        return k;
      }
    }
    return -1;
  }

  /** Whether the {@code len} name chars at {@code pos} are {@code lower} in any ASCII case. */
  private boolean asciiEqualsIgnoreCase(String lower, int len) {
    for (int i = 1; i < len; i++) {
      char c = text.charAt(pos + i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c | 0x20);
      }
      if (c != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  // One loop per char class, not one loop taking a lambda: the launcher runs the C1 compiler
  // only, which does not inline a call through an interface, and these loops see every char.

  /** The first index at or after {@code from} whose char is not a digit. */
  private int runDigits(int from) {
    int i = from;
    while (i < length && isDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private int runNameChars(int from) {
    int i = from;
    while (i < length && isNameChar(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private int runHexDigits(int from) {
    int i = from;
    while (i < length && isHexDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private int runV6Chars(int from) {
    int i = from;
    while (i < length && isV6Char(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private int runMaskChars(int from) {
    int i = from;
    while (i < length && isMaskChar(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isNameChar(char c) {
    return isLetter(c) || isDigit(c) || c == '_' || c == '-';
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isV6Char(char c) {
    return isHexDigit(c) || c == ':' || c == '.';
  }

  private static boolean isMaskChar(char c) {
    return isDigit(c) || c == '.';
  }
}
