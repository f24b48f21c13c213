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
import dev.rpcwall.compiler.check.Suggestions;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.grammar.policy.PolicyGrammarLexer;
import dev.rpcwall.grammar.policy.PolicyGrammarParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Builds AST records from an error-free parse tree; one typed method per grammar rule. */
final class AstBuilder {
  private static final List<String> PROFILE_NAMES =
      Arrays.stream(Profile.values()).map(Profile::keyword).toList();

  private final Positioner positioner;
  private final Diagnostics diagnostics;

  AstBuilder(Positioner positioner, Diagnostics diagnostics) {
    this.positioner = positioner;
    this.diagnostics = diagnostics;
  }

  PolicyFile policyFile(
      PolicyGrammarParser.PolicyFileContext ctx, SourceSpan fileSpan, List<Token> commentTokens) {
    List<Statement> statements = new ArrayList<>(ctx.statement().size());
    for (PolicyGrammarParser.StatementContext s : ctx.statement()) {
      statements.add(statement(s));
    }
    return policyFile(statements, fileSpan, commentTokens);
  }

  /** The file of statements already built one by one (the streaming parse). */
  PolicyFile policyFile(
      List<Statement> statements, SourceSpan fileSpan, List<Token> commentTokens) {
    List<Comment> comments = new ArrayList<>(commentTokens.size());
    for (Token t : commentTokens) {
      comments.add(new Comment(span(t), t.getText().stripTrailing()));
    }
    return new PolicyFile(fileSpan, statements, comments);
  }

  Statement statement(PolicyGrammarParser.StatementContext ctx) {
    if (ctx instanceof PolicyGrammarParser.PolicyStatementContext c) {
      return new PolicyDecl(span(ctx), string(c.name));
    }
    if (ctx instanceof PolicyGrammarParser.DescriptionStatementContext c) {
      return new DescriptionDecl(span(ctx), string(c.text));
    }
    if (ctx instanceof PolicyGrammarParser.ReplacesStatementContext c) {
      return new ReplacesDecl(span(ctx), c.names.stream().map(this::string).toList());
    }
    if (ctx instanceof PolicyGrammarParser.ImportStatementContext c) {
      return new ImportDecl(span(ctx), rawString(c.path));
    }
    if (ctx instanceof PolicyGrammarParser.NetworkStatementContext c) {
      return new NetworkDecl(span(ctx), identifier(c.name), networkExpr(c.value));
    }
    if (ctx instanceof PolicyGrammarParser.ServiceStatementContext c) {
      return new ServiceDecl(span(ctx), identifier(c.name), serviceList(c.items));
    }
    if (ctx instanceof PolicyGrammarParser.RpcStatementContext c) {
      return new RpcBlock(span(ctx), c.rpcSetting().stream().map(this::rpcSetting).toList());
    }
    if (ctx instanceof PolicyGrammarParser.RuleStatementContext c) {
      List<ProfileRef> profiles = c.profiles == null ? List.of() : profiles(c.profiles);
      return new RuleDecl(
          span(ctx), action(c.action), networkExpr(c.from), serviceList(c.to), profiles);
    }
    if (ctx instanceof PolicyGrammarParser.DefaultStatementContext c) {
      return new DefaultDecl(span(ctx), action(c.action));
    }
    throw new IllegalStateException("unhandled statement " + ctx.getClass().getSimpleName());
  }

  private RpcSetting rpcSetting(PolicyGrammarParser.RpcSettingContext ctx) {
    if (ctx instanceof PolicyGrammarParser.DynamicPortsSettingContext c) {
      return new RpcSetting.DynamicPorts(span(ctx), portRangeList(c.ranges));
    }
    if (ctx instanceof PolicyGrammarParser.WmiFixedPortSettingContext c) {
      return new RpcSetting.WmiFixedPort(span(ctx), portRange(c.port));
    }
    throw new IllegalStateException("unhandled rpc setting " + ctx.getClass().getSimpleName());
  }

  NetworkExpr networkExpr(PolicyGrammarParser.NetworkExprContext ctx) {
    List<NetworkItem> exclude = ctx.exclude == null ? List.of() : networkList(ctx.exclude);
    return new NetworkExpr(span(ctx), networkList(ctx.include), exclude);
  }

  private List<NetworkItem> networkList(PolicyGrammarParser.NetworkListContext ctx) {
    List<NetworkItem> items = new ArrayList<>(ctx.networkItem().size());
    for (PolicyGrammarParser.NetworkItemContext item : ctx.networkItem()) {
      items.add(networkItem(item));
    }
    return items;
  }

  private NetworkItem networkItem(PolicyGrammarParser.NetworkItemContext ctx) {
    if (ctx instanceof PolicyGrammarParser.AddressItemContext c) {
      String text =
          c.last == null ? c.first.getText() : c.first.getText() + "-" + c.last.getText();
      return new AddressLit(span(ctx), text);
    }
    if (ctx instanceof PolicyGrammarParser.NetworkRefItemContext c) {
      return new NetworkRef(span(ctx), identifier(c.identifier()));
    }
    throw new IllegalStateException("unhandled network item " + ctx.getClass().getSimpleName());
  }

  List<ServiceItem> serviceList(PolicyGrammarParser.ServiceListContext ctx) {
    List<ServiceItem> items = new ArrayList<>(ctx.serviceItem().size());
    for (PolicyGrammarParser.ServiceItemContext item : ctx.serviceItem()) {
      items.add(serviceItem(item));
    }
    return items;
  }

  private ServiceItem serviceItem(PolicyGrammarParser.ServiceItemContext ctx) {
    if (ctx instanceof PolicyGrammarParser.PortItemContext c) {
      Protocol protocol =
          c.protocol.getType() == PolicyGrammarLexer.TCP ? Protocol.TCP : Protocol.UDP;
      return new PortLit(
          span(ctx), protocol, c.portRange().stream().map(this::portRange).toList());
    }
    if (ctx instanceof PolicyGrammarParser.ServiceRefItemContext c) {
      return new ServiceRef(span(ctx), identifier(c.identifier()));
    }
    throw new IllegalStateException("unhandled service item " + ctx.getClass().getSimpleName());
  }

  List<PortRangeLit> portRangeList(PolicyGrammarParser.PortRangeListContext ctx) {
    return ctx.portRange().stream().map(this::portRange).toList();
  }

  private PortRangeLit portRange(PolicyGrammarParser.PortRangeContext ctx) {
    long first = number(ctx.first);
    long last = ctx.last == null ? first : number(ctx.last);
    return new PortRangeLit(span(ctx), first, last);
  }

  List<ProfileRef> profiles(PolicyGrammarParser.IdentifierListContext ctx) {
    List<ProfileRef> out = new ArrayList<>();
    for (PolicyGrammarParser.IdentifierContext id : ctx.identifier()) {
      profile(span(id), id.getText(), out);
    }
    return out;
  }

  /** Adds the profile named {@code text} to {@code out}, or reports an unknown profile. */
  void profile(SourceSpan span, String text, List<ProfileRef> out) {
    Optional<Profile> profile =
        Arrays.stream(Profile.values())
            .filter(p -> p.keyword().equals(text.toLowerCase(Locale.ROOT)))
            .findFirst();
    if (profile.isPresent()) {
      out.add(new ProfileRef(span, profile.get()));
    } else {
      diagnostics.error(
          Codes.SYNTAX_UNKNOWN_PROFILE,
          span,
          "unknown profile '" + text + "'",
          Suggestions.didYouMean(text, PROFILE_NAMES)
              .orElse("profiles are domain, private and public"));
    }
  }

  List<Identifier> identifiers(PolicyGrammarParser.IdentifierListContext ctx) {
    return ctx.identifier().stream().map(this::identifier).toList();
  }

  private Identifier identifier(PolicyGrammarParser.IdentifierContext ctx) {
    return new Identifier(span(ctx), ctx.getText());
  }

  private static Action action(Token token) {
    return token.getType() == PolicyGrammarLexer.ALLOW ? Action.ALLOW : Action.BLOCK;
  }

  private static long number(Token token) {
    return number(token.getText());
  }

  static long number(String digits) {
    // More than 18 digits may not fit a long; any such number is out of range anyway.
    return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  /**
   * The text of a string token between its quotes, as written: no escape processing. Import paths
   * are read this way so that {@code "common\networks.rpcwall"} (a Windows path, backslash as the
   * separator) means what it spells; {@code \"} is left in the text and refused by the import
   * rules as an invalid path character.
   */
  StringLit rawString(Token token) {
    String raw = token.getText();
    return new StringLit(span(token), raw.substring(1, raw.length() - 1));
  }

  /** Decodes a string token, reporting each bad escape at its own column. */
  StringLit string(Token token) {
    String raw = token.getText();
    StringBuilder value = new StringBuilder(raw.length());
    int end = raw.length() - 1;
    for (int i = 1; i < end; i++) {
      char c = raw.charAt(i);
      if (c != '\\') {
        value.append(c);
        continue;
      }
      int escapeStart = i;
      char e = i + 1 < end ? raw.charAt(i + 1) : '\0';
      i++;
      switch (e) {
        case '"' -> value.append('"');
        case '\\' -> value.append('\\');
        case 'n' -> value.append('\n');
        case 't' -> value.append('\t');
        case 'u' -> {
          int close = raw.indexOf('}', i);
          int cp = -1;
          if (i + 1 < end && raw.charAt(i + 1) == '{' && close > i + 2 && close < end
              && close - i - 2 <= 6) {
            cp = hex(raw.substring(i + 2, close));
          }
          if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
            badEscape(token, escapeStart, Math.max(2, (close > i ? close + 1 : i + 1) - escapeStart));
          } else {
            value.appendCodePoint(cp);
          }
          if (close > i && close < end) {
            i = close;
          }
        }
        default -> badEscape(token, escapeStart, 2);
      }
    }
    return new StringLit(span(token), value.toString());
  }

  private static int hex(String digits) {
    if (digits.isEmpty()) {
      return -1;
    }
    int v = 0;
    for (int k = 0; k < digits.length(); k++) {
      int d = Character.digit(digits.charAt(k), 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  private void badEscape(Token token, int offsetInToken, int length) {
    diagnostics.error(
        Codes.SYNTAX_BAD_ESCAPE,
        positioner.at(
            token.getLine(), token.getCharPositionInLine() + offsetInToken, length),
        "invalid escape sequence in string",
        "escapes are \\\", \\\\, \\n, \\t and \\u{hex code point}");
  }

  private SourceSpan span(Token token) {
    return positioner.at(
        token.getLine(),
        token.getCharPositionInLine(),
        token.getStopIndex() - token.getStartIndex() + 1);
  }

  private SourceSpan span(ParserRuleContext ctx) {
    Token start = ctx.getStart();
    Token stop = ctx.getStop() == null ? start : ctx.getStop();
    return positioner.at(
        start.getLine(),
        start.getCharPositionInLine(),
        Math.max(0, stop.getStopIndex() - start.getStartIndex() + 1));
  }
}
