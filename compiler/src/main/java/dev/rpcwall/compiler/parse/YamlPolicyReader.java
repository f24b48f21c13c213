package dev.rpcwall.compiler.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rpcwall.compiler.ast.DefaultDecl;
import dev.rpcwall.compiler.ast.DescriptionDecl;
import dev.rpcwall.compiler.ast.Identifier;
import dev.rpcwall.compiler.ast.ImportDecl;
import dev.rpcwall.compiler.ast.NetworkDecl;
import dev.rpcwall.compiler.ast.NetworkExpr;
import dev.rpcwall.compiler.ast.NetworkItem;
import dev.rpcwall.compiler.ast.PolicyDecl;
import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.ast.PortRangeLit;
import dev.rpcwall.compiler.ast.ProfileRef;
import dev.rpcwall.compiler.ast.RpcBlock;
import dev.rpcwall.compiler.ast.RpcSetting;
import dev.rpcwall.compiler.ast.RuleDecl;
import dev.rpcwall.compiler.ast.ServiceDecl;
import dev.rpcwall.compiler.ast.ServiceItem;
import dev.rpcwall.compiler.ast.Statement;
import dev.rpcwall.compiler.ast.StringLit;
import dev.rpcwall.compiler.check.Suggestions;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.grammar.policy.PolicyGrammarParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the YAML form of a policy (docs/language.md, "The YAML form") into the same AST as the
 * {@code .rpcwall} syntax. Values that hold lists of networks, services, ports or profiles are
 * parsed with the policy grammar itself, so both forms accept exactly the same literals; spans
 * point at the YAML file's lines and columns.
 */
public final class YamlPolicyReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final int MAX_DEPTH = 32;
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Set<String> KEYWORDS =
      Set.of(
          "policy", "description", "import", "network", "service", "rpc", "allow", "block", "to",
          "on", "except", "default", "tcp", "udp");
  private static final List<String> TOP_KEYS =
      List.of(
          "policy", "description", "imports", "networks", "services", "rpc", "rules", "default");
  private static final List<String> RPC_KEYS = List.of("dynamic ports", "wmi fixed port");
  private static final List<String> RULE_KEYS = List.of("allow", "block", "to", "on");
  private static final List<String> EXPR_KEYS = List.of("include", "except");

  private final SourceFile file;
  private final Diagnostics diagnostics;

  private YamlPolicyReader(SourceFile file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  /** Parses one YAML policy file. */
  public static Result<PolicyFile> read(SourceFile file) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<PolicyFile> ast = new YamlPolicyReader(file, diagnostics).read();
    return ast.isPresent() ? Result.of(ast.get(), diagnostics) : Result.failed(diagnostics);
  }

  // YAML tree with positions
  // ========================

  private sealed interface Y permits Scalar, Mapping, Sequence {
    SourceSpan span();
  }

  private record Scalar(SourceSpan span, String text) implements Y {}

  private record Entry(SourceSpan keySpan, String key, Y value) {}

  private record Mapping(SourceSpan span, List<Entry> entries) implements Y {}

  private record Sequence(SourceSpan span, List<Y> items) implements Y {}

  private static final class TooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient SourceSpan span;

    TooDeep(SourceSpan span) {
      super(null, null, false, false);
      this.span = span;
    }
  }

  private Optional<PolicyFile> read() {
    Y root;
    try (JsonParser p = FACTORY.createParser(file.text())) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return Optional.of(new PolicyFile(fileSpan(), List.of(), List.of()));
      }
      root = node(p, first, 0);
    } catch (TooDeep e) {
      diagnostics.error(
          Codes.YAML_MALFORMED, e.span, "YAML is nested too deeply for a policy file");
      return Optional.empty();
    } catch (JacksonException e) {
      JsonLocation loc = e.getLocation();
      String message = e.getOriginalMessage() == null ? "malformed YAML" : e.getOriginalMessage();
      message = message.lines().findFirst().orElse("malformed YAML").strip();
      diagnostics.error(Codes.YAML_MALFORMED, span(loc, 1), "malformed YAML: " + message);
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      // The YAML library signals some malformed input with its own runtime exceptions; that is
      // bad input, not a bug of ours, so it is reported like any other YAML error.
      diagnostics.error(
          Codes.YAML_MALFORMED,
          file.spanAt(0, 1),
          "malformed YAML: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return Optional.empty();
    }
    if (!(root instanceof Mapping top)) {
      schema(root.span(), "a YAML policy is a mapping with keys such as 'policy:' and 'rules:'");
      return Optional.empty();
    }
    List<Statement> statements = new ArrayList<>();
    for (Entry e : top.entries()) {
      switch (e.key()) {
        case "policy" -> scalar(e).ifPresent(
            s -> statements.add(new PolicyDecl(e.keySpan(), new StringLit(s.span(), s.text()))));
        case "description" -> scalar(e).ifPresent(
            s -> statements.add(
                new DescriptionDecl(e.keySpan(), new StringLit(s.span(), s.text()))));
        case "imports" -> {
          for (Y item : items(e.value())) {
            if (item instanceof Scalar s) {
              statements.add(new ImportDecl(s.span(), new StringLit(s.span(), s.text())));
            } else {
              schema(item.span(), "an import is a path string");
            }
          }
        }
        case "networks" -> definitions(e, statements, true);
        case "services" -> definitions(e, statements, false);
        case "rpc" -> rpc(e).ifPresent(statements::add);
        case "rules" -> {
          for (Y item : items(e.value())) {
            rule(item).ifPresent(statements::add);
          }
        }
        case "default" -> scalar(e).ifPresent(s -> action(s).ifPresent(
            a -> statements.add(new DefaultDecl(e.keySpan(), a))));
        default -> unknownKey(e, TOP_KEYS);
      }
    }
    return Optional.of(new PolicyFile(fileSpan(), statements, List.of()));
  }

  private Y node(JsonParser p, JsonToken token, int depth) throws IOException {
    SourceSpan at = span(p.currentTokenLocation(), 1);
    if (depth > MAX_DEPTH) {
      throw new TooDeep(at);
    }
    if (token == JsonToken.START_OBJECT) {
      List<Entry> entries = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        SourceSpan keySpan = span(p.currentTokenLocation(), Math.max(1, key.length()));
        Y value = node(p, p.nextToken(), depth + 1);
        entries.add(new Entry(keySpan, key, value));
      }
      return new Mapping(at, entries);
    }
    if (token == JsonToken.START_ARRAY) {
      List<Y> items = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
        items.add(node(p, t, depth + 1));
      }
      return new Sequence(at, items);
    }
    String text = token == JsonToken.VALUE_NULL ? "" : p.getText();
    // A quoted scalar's text starts one column after its location.
    int offset = file.offset(at.line(), at.column());
    if (offset < file.text().length()
        && (file.text().charAt(offset) == '"' || file.text().charAt(offset) == '\'')) {
      at = new SourceSpan(at.source(), at.line(), at.column() + 1, 1);
    }
    return new Scalar(new SourceSpan(at.source(), at.line(), at.column(), Math.max(1, text.length())), text);
  }

  // Schema
  // ======

  private void definitions(Entry section, List<Statement> out, boolean networks) {
    if (!(section.value() instanceof Mapping map)) {
      schema(
          section.value().span(),
          "'" + section.key() + "' is a mapping from names to " + (networks ? "networks" : "services"));
      return;
    }
    for (Entry e : map.entries()) {
      if (!NAME.matcher(e.key()).matches() || KEYWORDS.contains(e.key().toLowerCase(Locale.ROOT))) {
        diagnostics.error(
            Codes.YAML_SCHEMA,
            e.keySpan(),
            "'" + e.key() + "' is not a valid name",
            "names are letters, digits, '-' and '_', start with a letter, and are not keywords");
        continue;
      }
      Identifier name = new Identifier(e.keySpan(), e.key());
      if (networks) {
        networkExpr(e.value()).ifPresent(v -> out.add(new NetworkDecl(e.keySpan(), name, v)));
      } else {
        services(e.value()).ifPresent(v -> out.add(new ServiceDecl(e.keySpan(), name, v)));
      }
    }
  }

  private Optional<Statement> rpc(Entry section) {
    if (!(section.value() instanceof Mapping map)) {
      schema(section.value().span(), "'rpc' is a mapping with 'dynamic ports' and 'wmi fixed port'");
      return Optional.empty();
    }
    List<RpcSetting> settings = new ArrayList<>();
    for (Entry e : map.entries()) {
      switch (e.key()) {
        case "dynamic ports" -> {
          List<PortRangeLit> ranges = new ArrayList<>();
          for (Y item : items(e.value())) {
            fragment(item, PolicyGrammarParser::standalonePortRangeList,
                    (b, c) -> b.portRangeList(c.portRangeList()))
                .ifPresent(ranges::addAll);
          }
          if (!ranges.isEmpty()) {
            settings.add(new RpcSetting.DynamicPorts(e.keySpan(), ranges));
          }
        }
        case "wmi fixed port" -> fragment(
                e.value(),
                PolicyGrammarParser::standalonePortRangeList,
                (b, c) -> b.portRangeList(c.portRangeList()))
            .ifPresent(
                ranges -> {
                  if (ranges.size() == 1) {
                    settings.add(new RpcSetting.WmiFixedPort(e.keySpan(), ranges.get(0)));
                  } else {
                    schema(e.value().span(), "'wmi fixed port' is one port");
                  }
                });
        default -> unknownKey(e, RPC_KEYS);
      }
    }
    return Optional.of(new RpcBlock(section.keySpan(), settings));
  }

  private Optional<Statement> rule(Y item) {
    if (!(item instanceof Mapping map)) {
      schema(item.span(), "a rule is a mapping such as {allow: admins, to: endpoint-mapper}");
      return Optional.empty();
    }
    Entry action = null;
    Entry to = null;
    Entry on = null;
    boolean ok = true;
    for (Entry e : map.entries()) {
      switch (e.key()) {
        case "allow", "block" -> {
          if (action != null) {
            schema(e.keySpan(), "a rule has exactly one of 'allow' and 'block'");
            ok = false;
          }
          action = e;
        }
        case "to" -> to = e;
        case "on" -> on = e;
        default -> {
          unknownKey(e, RULE_KEYS);
          ok = false;
        }
      }
    }
    if (action == null || to == null) {
      schema(map.span(), "a rule needs 'allow' or 'block', and 'to'");
      return Optional.empty();
    }
    Optional<NetworkExpr> from = networkExpr(action.value());
    Optional<List<ServiceItem>> services = services(to.value());
    List<ProfileRef> profiles = new ArrayList<>();
    if (on != null) {
      for (Y p : items(on.value())) {
        Optional<List<ProfileRef>> refs =
            fragment(p, PolicyGrammarParser::standaloneIdentifierList,
                (b, c) -> b.profiles(c.identifierList()));
        refs.ifPresent(profiles::addAll);
      }
    }
    if (!ok || from.isEmpty() || services.isEmpty()) {
      return Optional.empty();
    }
    Action a = action.key().equals("allow") ? Action.ALLOW : Action.BLOCK;
    return Optional.of(new RuleDecl(action.keySpan(), a, from.get(), services.get(), profiles));
  }

  /** A network value: a string ({@code "a, b except c"}), a list, or {include:, except:}. */
  private Optional<NetworkExpr> networkExpr(Y value) {
    if (value instanceof Mapping map) {
      List<NetworkItem> include = new ArrayList<>();
      List<NetworkItem> exclude = new ArrayList<>();
      boolean sawInclude = false;
      for (Entry e : map.entries()) {
        switch (e.key()) {
          case "include" -> {
            sawInclude = true;
            networkItems(e.value()).ifPresent(include::addAll);
          }
          case "except" -> networkItems(e.value()).ifPresent(exclude::addAll);
          default -> unknownKey(e, EXPR_KEYS);
        }
      }
      if (!sawInclude) {
        schema(map.span(), "a network mapping needs 'include' (and may have 'except')");
        return Optional.empty();
      }
      return include.isEmpty() ? Optional.empty()
          : Optional.of(new NetworkExpr(map.span(), include, exclude));
    }
    if (value instanceof Scalar s) {
      return fragment(s, PolicyGrammarParser::standaloneNetworkExpr,
          (b, c) -> b.networkExpr(c.networkExpr()));
    }
    return networkItems(value).map(items -> new NetworkExpr(value.span(), items, List.of()));
  }

  /** Network items without {@code except}: a string list or a YAML list of such strings. */
  private Optional<List<NetworkItem>> networkItems(Y value) {
    List<NetworkItem> out = new ArrayList<>();
    boolean ok = true;
    for (Y item : items(value)) {
      Optional<NetworkExpr> expr =
          fragment(item, PolicyGrammarParser::standaloneNetworkExpr,
              (b, c) -> b.networkExpr(c.networkExpr()));
      if (expr.isEmpty()) {
        ok = false;
      } else if (!expr.get().exclude().isEmpty()) {
        schema(item.span(), "'except' inside a list item is ambiguous; use {include: ..., except: ...}");
        ok = false;
      } else {
        out.addAll(expr.get().include());
      }
    }
    return ok && !out.isEmpty() ? Optional.of(out) : Optional.empty();
  }

  private Optional<List<ServiceItem>> services(Y value) {
    List<ServiceItem> out = new ArrayList<>();
    boolean ok = true;
    for (Y item : items(value)) {
      Optional<List<ServiceItem>> part =
          fragment(item, PolicyGrammarParser::standaloneServiceList,
              (b, c) -> b.serviceList(c.serviceList()));
      if (part.isEmpty()) {
        ok = false;
      } else {
        out.addAll(part.get());
      }
    }
    return ok && !out.isEmpty() ? Optional.of(out) : Optional.empty();
  }

  /** Parses a scalar with one of the grammar's standalone entry rules, at the scalar's position. */
  private <C extends org.antlr.v4.runtime.ParserRuleContext, T> Optional<T> fragment(
      Y value, Function<PolicyGrammarParser, C> entry, java.util.function.BiFunction<AstBuilder, C, T> build) {
    if (!(value instanceof Scalar s)) {
      schema(value.span(), "expected a single value here, not a " + kind(value));
      return Optional.empty();
    }
    if (s.text().isBlank()) {
      schema(s.span(), "missing value");
      return Optional.empty();
    }
    SourceSpan base = s.span();
    Positioner positioner =
        (line, charInLine, length) ->
            line == 1
                ? new SourceSpan(base.source(), base.line(), base.column() + charInLine, length)
                : new SourceSpan(base.source(), base.line() + line - 1, charInLine + 1, length);
    return PolicyReader.run(s.text(), positioner, diagnostics, entry, (b, c, t) -> build.apply(b, c));
  }

  private List<Y> items(Y value) {
    return value instanceof Sequence seq ? seq.items() : List.of(value);
  }

  private Optional<Scalar> scalar(Entry e) {
    if (e.value() instanceof Scalar s && !s.text().isEmpty()) {
      return Optional.of(s);
    }
    schema(e.value().span(), "'" + e.key() + "' needs a single value");
    return Optional.empty();
  }

  private Optional<Action> action(Scalar s) {
    switch (s.text().toLowerCase(Locale.ROOT)) {
      case "allow":
        return Optional.of(Action.ALLOW);
      case "block":
        return Optional.of(Action.BLOCK);
      default:
        schema(s.span(), "'default' is allow or block");
        return Optional.empty();
    }
  }

  private void unknownKey(Entry e, List<String> known) {
    diagnostics.error(
        Codes.YAML_SCHEMA,
        e.keySpan(),
        "unknown key '" + e.key() + "'",
        Suggestions.didYouMean(e.key(), known).orElse("known keys: " + String.join(", ", known)));
  }

  private void schema(SourceSpan span, String message) {
    diagnostics.error(Codes.YAML_SCHEMA, span, message);
  }

  private static String kind(Y value) {
    return value instanceof Mapping ? "mapping" : value instanceof Sequence ? "list" : "value";
  }

  private SourceSpan span(JsonLocation loc, int length) {
    if (loc == null || loc.getLineNr() < 1) {
      return file.spanAt(0, 1);
    }
    return new SourceSpan(file.name(), loc.getLineNr(), Math.max(1, loc.getColumnNr()), length);
  }

  private SourceSpan fileSpan() {
    return file.spanAt(0, file.text().length());
  }
}
