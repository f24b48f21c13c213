package dev.rpcwall.compiler.parse;

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
import dev.rpcwall.compiler.ast.ReplacesDecl;
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
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.ParserRuleContext;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads the YAML form of a policy (docs/language.md, "The YAML form") into the same AST as the
 * {@code .rpcwall} syntax. Values that hold lists of networks, services, ports or profiles are
 * parsed with the policy grammar itself, so both forms accept exactly the same literals; spans
 * point at the YAML file's lines and columns.
 *
 * <p>The file is read from the YAML parser's event stream, not from a loaded document, so that
 * nothing YAML defines is silently changed on the way: a duplicate key, an anchor, alias or tag, a
 * second document, an empty list and a plain scalar that YAML 1.2's core schema types as a number,
 * boolean or null where rpcwall wants text are all diagnostics, never an overwrite or a
 * reinterpretation.
 */
public final class YamlPolicyReader {
  private static final int MAX_DEPTH = 32;
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Set<String> KEYWORDS =
      Set.of(
          "policy", "description", "import", "network", "service", "rpc", "allow", "block", "to",
          "on", "except", "default", "tcp", "udp");
  private static final List<String> TOP_KEYS =
      List.of(
          "policy", "description", "replaces", "imports", "networks", "services", "rpc", "rules",
          "default");
  private static final List<String> RPC_KEYS = List.of("dynamic ports", "wmi fixed port");
  private static final List<String> RULE_KEYS = List.of("allow", "block", "to", "on");
  private static final List<String> EXPR_KEYS = List.of("include", "except");

  // The tag resolution of YAML 1.2's core schema (yaml.org/spec/1.2.2, section 10.3.2), which
  // decides what a plain (unquoted) scalar is; everything else is a string.
  private static final Pattern CORE_NULL = Pattern.compile("null|Null|NULL|~|");
  private static final Pattern CORE_BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern CORE_DECIMAL = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern CORE_OCTAL = Pattern.compile("0o[0-7]+");
  private static final Pattern CORE_HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern CORE_FLOAT =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"
              + "|[-+]?(\\.inf|\\.Inf|\\.INF)|\\.nan|\\.NaN|\\.NAN");

  private final SourceFile file;
  private final Diagnostics diagnostics;
  private final CodePoints codePoints;

  private YamlPolicyReader(SourceFile file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
    this.codePoints = new CodePoints(file.text());
  }

  /** Parses one YAML policy file. */
  public static Result<PolicyFile> read(SourceFile file) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<PolicyFile> ast = new YamlPolicyReader(file, diagnostics).read();
    return ast.isPresent() ? Result.of(ast.get(), diagnostics) : Result.failed(diagnostics);
  }

  /**
   * The 1-based line of the first key of the file's top-level mapping when that key is one of
   * the policy form's top-level keys, else 0 (the file does not start like a YAML policy). Used to
   * decide whether a file that has errors may be quoted in diagnostics.
   */
  public static int firstKeyLine(SourceFile file) {
    YamlPolicyReader reader = new YamlPolicyReader(file, new Diagnostics());
    try {
      Parser p = new ParserImpl(new StreamReader(file.text()), loaderOptions());
      Event e;
      do {
        e = p.getEvent();
      } while (e.is(Event.ID.StreamStart) || e.is(Event.ID.DocumentStart));
      if (!(e instanceof MappingStartEvent)) {
        return 0;
      }
      Event key = p.getEvent();
      if (key instanceof ScalarEvent s && TOP_KEYS.contains(s.getValue())) {
        return reader.span(s.getStartMark(), 1).line();
      }
      return 0;
    } catch (YAMLException | IllegalStateException | java.util.NoSuchElementException e) {
      return 0;
    }
  }

  // YAML tree with positions
  // ========================

  private sealed interface Y permits Scalar, Mapping, Sequence, Invalid {
    SourceSpan span();
  }

  /** What YAML 1.2's core schema makes of a scalar: quoted and block scalars are strings. */
  private enum Kind {
    STRING,
    NULL,
    BOOLEAN,
    INTEGER,
    FLOAT
  }

  private record Scalar(SourceSpan span, String text, Kind kind) implements Y {}

  private record Entry(SourceSpan keySpan, String key, Y value) {}

  private record Mapping(SourceSpan span, List<Entry> entries) implements Y {}

  private record Sequence(SourceSpan span, List<Y> items) implements Y {}

  /** A node already reported (an alias): the schema skips it without a second diagnostic. */
  private record Invalid(SourceSpan span) implements Y {}

  private static final class TooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient SourceSpan span;

    TooDeep(SourceSpan span) {
      super(null, null, false, false);
      this.span = span;
    }
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setProcessComments(false);
    return options;
  }

  private Optional<PolicyFile> read() {
    Y root;
    try {
      Parser p = new ParserImpl(new StreamReader(file.text()), loaderOptions());
      p.getEvent(); // stream start
      if (p.checkEvent(Event.ID.StreamEnd)) {
        return Optional.of(new PolicyFile(fileSpan(), List.of(), List.of()));
      }
      p.getEvent(); // document start
      root = node(p, p.getEvent(), 0);
      p.getEvent(); // document end
      if (p.checkEvent(Event.ID.DocumentStart)) {
        Event second = p.peekEvent();
        diagnostics.error(
            Codes.YAML_SECOND_DOCUMENT,
            span(second.getStartMark(), 3),
            "a second YAML document: a policy file holds exactly one",
            "remove the '---' and what follows it, or put it in its own file and import that");
        // The first document is still checked, so its own problems are reported in this run.
      }
    } catch (TooDeep e) {
      diagnostics.error(
          Codes.YAML_MALFORMED, e.span, "YAML is nested too deeply for a policy file");
      return Optional.empty();
    } catch (MarkedYAMLException e) {
      // A problem found at the end of the input (an unclosed '[') is shown where the construct
      // that is left open starts.
      Mark mark = e.getProblemMark();
      if (e.getContextMark() != null
          && (mark == null || codePoints.charOffset(mark.getIndex()) >= file.text().length())) {
        mark = e.getContextMark();
      }
      String problem = firstLine(e.getProblem());
      if (e.getContext() != null) {
        problem = firstLine(e.getContext()) + ": " + problem;
      }
      diagnostics.error(
          Codes.YAML_MALFORMED,
          mark == null ? file.spanAt(0, 1) : span(mark, 1),
          "malformed YAML: " + problem);
      return Optional.empty();
    } catch (ReaderException e) {
      diagnostics.error(
          Codes.YAML_MALFORMED,
          file.spanAt(codePoints.charOffset(e.getPosition()), 1),
          "malformed YAML: the character U+" + String.format("%04X", e.getCodePoint())
              + " is not allowed in a YAML file");
      return Optional.empty();
    } catch (YAMLException e) {
      diagnostics.error(
          Codes.YAML_MALFORMED, file.spanAt(0, 1), "malformed YAML: " + firstLine(e.getMessage()));
      return Optional.empty();
    }
    if (!(root instanceof Mapping top)) {
      if (!(root instanceof Invalid)) {
        schema(root.span(), "a YAML policy is a mapping with keys such as 'policy:' and 'rules:'");
      }
      return Optional.empty();
    }
    List<Statement> statements = new ArrayList<>();
    for (Entry e : top.entries()) {
      switch (e.key()) {
        case "policy" -> text(e).ifPresent(
            s -> statements.add(new PolicyDecl(e.keySpan(), new StringLit(s.span(), s.text()))));
        case "description" -> text(e).ifPresent(
            s -> statements.add(
                new DescriptionDecl(e.keySpan(), new StringLit(s.span(), s.text()))));
        case "replaces" -> items(e).ifPresent(list -> {
          List<StringLit> names = new ArrayList<>();
          for (Y item : list) {
            replacedName(item).ifPresent(s -> names.add(new StringLit(s.span(), s.text())));
          }
          if (!names.isEmpty()) {
            statements.add(new ReplacesDecl(e.keySpan(), names));
          }
        });
        case "imports" -> items(e).ifPresent(list -> {
          for (Y item : list) {
            text(item, "an import").ifPresent(
                s -> statements.add(new ImportDecl(s.span(), new StringLit(s.span(), s.text()))));
          }
        });
        case "networks" -> definitions(e, statements, true);
        case "services" -> definitions(e, statements, false);
        case "rpc" -> rpc(e).ifPresent(statements::add);
        case "rules" -> items(e).ifPresent(list -> {
          for (Y item : list) {
            rule(item).ifPresent(statements::add);
          }
        });
        case "default" -> text(e).ifPresent(s -> action(s).ifPresent(
            a -> statements.add(new DefaultDecl(e.keySpan(), a))));
        default -> unknownKey(e, TOP_KEYS);
      }
    }
    return Optional.of(new PolicyFile(fileSpan(), statements, List.of()));
  }

  private static String firstLine(String message) {
    return message == null
        ? "cannot be read"
        : message.lines().findFirst().orElse("cannot be read").strip();
  }

  private Y node(Parser p, Event event, int depth) {
    SourceSpan at = span(event.getStartMark(), 1);
    if (depth > MAX_DEPTH) {
      throw new TooDeep(at);
    }
    if (event instanceof AliasEvent alias) {
      diagnostics.error(
          Codes.YAML_UNSUPPORTED,
          span(event.getStartMark(), 1 + alias.getAnchor().length()),
          "YAML alias '*" + alias.getAnchor() + "': anchors and aliases are not supported",
          "write the value out, or define a network or service once and use its name");
      return new Invalid(at);
    }
    if (!(event instanceof NodeEvent node)) {
      // The parser only ever gives a node here; anything else is a bug in this reader.
      throw new IllegalStateException("expected a YAML node, got " + event);
    }
    unsupported(node);
    if (event instanceof MappingStartEvent) {
      List<Entry> entries = new ArrayList<>();
      Map<String, SourceSpan> seen = new HashMap<>();
      while (!p.checkEvent(Event.ID.MappingEnd)) {
        Event keyEvent = p.getEvent();
        Y key = node(p, keyEvent, depth + 1);
        Y value = node(p, p.getEvent(), depth + 1);
        Optional<Scalar> name = key(key);
        if (name.isEmpty()) {
          continue;
        }
        SourceSpan keySpan = name.get().span();
        SourceSpan first = seen.putIfAbsent(name.get().text(), keySpan);
        if (first != null) {
          diagnostics.error(
              Codes.YAML_DUPLICATE_KEY,
              keySpan,
              "duplicate key '" + name.get().text() + "' (first at line " + first.line()
                  + ", column " + first.column() + "): YAML keys are unique in a mapping",
              "merge the two into one key; a list holds several values,"
                  + " e.g. to: [tcp 135, tcp 445]");
          continue;
        }
        entries.add(new Entry(keySpan, name.get().text(), value));
      }
      p.getEvent();
      return new Mapping(at, entries);
    }
    if (event instanceof SequenceStartEvent) {
      List<Y> items = new ArrayList<>();
      while (!p.checkEvent(Event.ID.SequenceEnd)) {
        items.add(node(p, p.getEvent(), depth + 1));
      }
      p.getEvent();
      return new Sequence(at, items);
    }
    ScalarEvent scalar = (ScalarEvent) event;
    String text = scalar.getValue();
    Kind kind = scalar.isPlain() ? coreKind(text) : Kind.STRING;
    // A quoted scalar's text starts one column after its position.
    int offset = codePoints.charOffset(scalar.getStartMark().getIndex());
    if (!scalar.isPlain() && offset < file.text().length()
        && (file.text().charAt(offset) == '"' || file.text().charAt(offset) == '\'')) {
      offset++;
    }
    return new Scalar(file.spanAt(offset, Math.max(1, text.length())), text, kind);
  }

  /** Anchors and tags are reported at the node that carries them. */
  private void unsupported(NodeEvent node) {
    if (node.getAnchor() != null) {
      diagnostics.error(
          Codes.YAML_UNSUPPORTED,
          span(node.getStartMark(), 1 + node.getAnchor().length()),
          "YAML anchor '&" + node.getAnchor() + "': anchors and aliases are not supported",
          "write the value out, or define a network or service once and use its name");
      return;
    }
    String tag =
        node instanceof ScalarEvent s ? s.getTag()
            : node instanceof CollectionStartEvent c ? c.getTag() : null;
    if (tag != null) {
      diagnostics.error(
          Codes.YAML_UNSUPPORTED,
          span(node.getStartMark(), tokenLength(node.getStartMark())),
          "YAML tag '" + tag + "': tags are not supported",
          "remove the tag; put text in quotes");
    }
  }

  /** A mapping key: a scalar that is text (YAML would make {@code true:} a boolean key). */
  private Optional<Scalar> key(Y key) {
    if (key instanceof Invalid) {
      return Optional.empty();
    }
    if (!(key instanceof Scalar s)) {
      schema(key.span(), "a key is a name, not a " + kind(key));
      return Optional.empty();
    }
    if (s.kind() != Kind.STRING) {
      schema(s.span(), "YAML reads the key '" + s.text() + "' as " + describe(s.kind())
          + ", not as a name; put it in quotes");
      return Optional.empty();
    }
    return Optional.of(s);
  }

  private static Kind coreKind(String plain) {
    if (CORE_NULL.matcher(plain).matches()) {
      return Kind.NULL;
    }
    if (CORE_BOOL.matcher(plain).matches()) {
      return Kind.BOOLEAN;
    }
    if (CORE_DECIMAL.matcher(plain).matches()
        || CORE_OCTAL.matcher(plain).matches()
        || CORE_HEX.matcher(plain).matches()) {
      return Kind.INTEGER;
    }
    if (CORE_FLOAT.matcher(plain).matches()) {
      return Kind.FLOAT;
    }
    return Kind.STRING;
  }

  private static String describe(Kind kind) {
    return switch (kind) {
      case STRING -> "text";
      case NULL -> "null (no value)";
      case BOOLEAN -> "a boolean";
      case INTEGER -> "a number";
      case FLOAT -> "a floating-point number";
    };
  }

  // Schema
  // ======

  private void definitions(Entry section, List<Statement> out, boolean networks) {
    if (section.value() instanceof Invalid) {
      return;
    }
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
        networkExpr(e).ifPresent(v -> out.add(new NetworkDecl(e.keySpan(), name, v)));
      } else {
        services(e).ifPresent(v -> out.add(new ServiceDecl(e.keySpan(), name, v)));
      }
    }
  }

  private Optional<Statement> rpc(Entry section) {
    if (section.value() instanceof Invalid) {
      return Optional.empty();
    }
    if (!(section.value() instanceof Mapping map)) {
      schema(section.value().span(), "'rpc' is a mapping with 'dynamic ports' and 'wmi fixed port'");
      return Optional.empty();
    }
    List<RpcSetting> settings = new ArrayList<>();
    boolean ok = true;
    for (Entry e : map.entries()) {
      switch (e.key()) {
        case "dynamic ports" -> {
          Optional<List<Y>> items = items(e);
          List<PortRangeLit> ranges = new ArrayList<>();
          for (Y item : items.orElse(List.of())) {
            Optional<List<PortRangeLit>> part =
                fragment(item, true, PolicyGrammarParser::standalonePortRangeList,
                    (b, c) -> b.portRangeList(c.portRangeList()));
            part.ifPresent(ranges::addAll);
            ok &= part.isPresent();
          }
          if (items.isEmpty()) {
            ok = false;
          } else if (!ranges.isEmpty()) {
            settings.add(new RpcSetting.DynamicPorts(e.keySpan(), ranges));
          }
        }
        case "wmi fixed port" -> {
          Optional<List<PortRangeLit>> ranges =
              fragment(e.value(), true, PolicyGrammarParser::standalonePortRangeList,
                  (b, c) -> b.portRangeList(c.portRangeList()));
          if (ranges.isEmpty()) {
            ok = false;
          } else if (ranges.get().size() == 1) {
            settings.add(new RpcSetting.WmiFixedPort(e.keySpan(), ranges.get().get(0)));
          } else {
            schema(e.value().span(), "'wmi fixed port' is one port");
            ok = false;
          }
        }
        default -> {
          unknownKey(e, RPC_KEYS);
          ok = false;
        }
      }
    }
    return ok ? Optional.of(new RpcBlock(section.keySpan(), settings)) : Optional.empty();
  }

  private Optional<Statement> rule(Y item) {
    if (item instanceof Invalid) {
      return Optional.empty();
    }
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
    Optional<NetworkExpr> from = networkExpr(action);
    Optional<List<ServiceItem>> services = services(to);
    List<ProfileRef> profiles = new ArrayList<>();
    if (on != null) {
      // An empty 'on' would otherwise mean "every profile", the opposite of what it says.
      Optional<List<Y>> items = items(on);
      ok &= items.isPresent();
      for (Y p : items.orElse(List.of())) {
        Optional<List<ProfileRef>> refs =
            fragment(p, false, PolicyGrammarParser::standaloneIdentifierList,
                (b, c) -> b.profiles(c.identifierList()));
        refs.ifPresent(profiles::addAll);
        ok &= refs.isPresent();
      }
    }
    if (!ok || from.isEmpty() || services.isEmpty()) {
      return Optional.empty();
    }
    Action a = action.key().equals("allow") ? Action.ALLOW : Action.BLOCK;
    return Optional.of(new RuleDecl(action.keySpan(), a, from.get(), services.get(), profiles));
  }

  /** A network value: a string ({@code "a, b except c"}), a list, or {include:, except:}. */
  private Optional<NetworkExpr> networkExpr(Entry entry) {
    Y value = entry.value();
    if (value instanceof Mapping map) {
      List<NetworkItem> include = new ArrayList<>();
      List<NetworkItem> exclude = new ArrayList<>();
      boolean sawInclude = false;
      boolean ok = true;
      for (Entry e : map.entries()) {
        switch (e.key()) {
          case "include" -> {
            sawInclude = true;
            Optional<List<NetworkItem>> items = networkItems(e);
            items.ifPresent(include::addAll);
            ok &= items.isPresent();
          }
          case "except" -> {
            Optional<List<NetworkItem>> items = networkItems(e);
            items.ifPresent(exclude::addAll);
            ok &= items.isPresent();
          }
          default -> {
            unknownKey(e, EXPR_KEYS);
            ok = false;
          }
        }
      }
      if (!sawInclude) {
        schema(map.span(), "a network mapping needs 'include' (and may have 'except')");
        return Optional.empty();
      }
      return ok ? Optional.of(new NetworkExpr(map.span(), include, exclude)) : Optional.empty();
    }
    if (value instanceof Scalar s) {
      return fragment(s, false, PolicyGrammarParser::standaloneNetworkExpr,
          (b, c) -> b.networkExpr(c.networkExpr()));
    }
    return networkItems(entry).map(items -> new NetworkExpr(value.span(), items, List.of()));
  }

  /** Network items without {@code except}: a string list or a YAML list of such strings. */
  private Optional<List<NetworkItem>> networkItems(Entry entry) {
    Optional<List<Y>> items = items(entry);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<NetworkItem> out = new ArrayList<>();
    boolean ok = true;
    for (Y item : items.get()) {
      Optional<NetworkExpr> expr =
          fragment(item, false, PolicyGrammarParser::standaloneNetworkExpr,
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
    return ok ? Optional.of(out) : Optional.empty();
  }

  private Optional<List<ServiceItem>> services(Entry entry) {
    Optional<List<Y>> items = items(entry);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<ServiceItem> out = new ArrayList<>();
    boolean ok = true;
    for (Y item : items.get()) {
      Optional<List<ServiceItem>> part =
          fragment(item, false, PolicyGrammarParser::standaloneServiceList,
              (b, c) -> b.serviceList(c.serviceList()));
      if (part.isEmpty()) {
        ok = false;
      } else {
        out.addAll(part.get());
      }
    }
    return ok ? Optional.of(out) : Optional.empty();
  }

  /**
   * Parses a scalar with one of the grammar's standalone entry rules, at the scalar's position.
   * Where {@code ports} is set, a plain decimal number is a port (YAML's integer and the grammar's
   * port are then the same number); any other scalar YAML types as non-text must be quoted.
   */
  private <C extends ParserRuleContext, T> Optional<T> fragment(
      Y value, boolean ports, Function<PolicyGrammarParser, C> entry,
      BiFunction<AstBuilder, C, T> build) {
    if (value instanceof Invalid) {
      return Optional.empty();
    }
    if (!(value instanceof Scalar s)) {
      schema(value.span(), "expected a single value here, not a " + kind(value));
      return Optional.empty();
    }
    if (s.kind() == Kind.NULL || s.text().isBlank()) {
      schema(s.span(), "missing value");
      return Optional.empty();
    }
    boolean decimalPort = ports && s.kind() == Kind.INTEGER && s.text().matches("[0-9]+");
    if (s.kind() != Kind.STRING && !decimalPort) {
      notText(s, ports);
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

  /**
   * The items of a list-valued key; a single value counts as a list of one. An empty list is an
   * error, never "nothing": {@code on: []} would otherwise widen a rule to every profile and
   * {@code block: []} drop it.
   */
  private Optional<List<Y>> items(Entry entry) {
    Y value = entry.value();
    if (value instanceof Sequence seq) {
      if (seq.items().isEmpty()) {
        schema(seq.span(), "'" + entry.key() + "' is an empty list",
            "list at least one value, or leave '" + entry.key() + "' out");
        return Optional.empty();
      }
      return Optional.of(seq.items());
    }
    if (value instanceof Scalar s && s.kind() == Kind.NULL) {
      schema(s.span(), "'" + entry.key() + "' has no value");
      return Optional.empty();
    }
    return Optional.of(List.of(value));
  }

  /** The text of a key that holds one string: the policy name, the description, the default. */
  private Optional<Scalar> text(Entry e) {
    if (e.value() instanceof Scalar s && s.kind() != Kind.NULL && !s.text().isEmpty()) {
      return text(s, "'" + e.key() + "'");
    }
    if (!(e.value() instanceof Invalid)) {
      schema(e.value().span(), "'" + e.key() + "' needs a single value");
    }
    return Optional.empty();
  }

  /**
   * One name under {@code replaces:}. A quoted empty string is passed on, so that it gets the same
   * diagnostic as {@code replaces ""} in the text form (RW1052) rather than a schema error.
   */
  private Optional<Scalar> replacedName(Y value) {
    if (value instanceof Scalar s && s.kind() == Kind.STRING) {
      return Optional.of(s);
    }
    return text(value, "a replaced policy name");
  }

  private Optional<Scalar> text(Y value, String what) {
    if (value instanceof Invalid) {
      return Optional.empty();
    }
    if (!(value instanceof Scalar s) || s.kind() == Kind.NULL || s.text().isEmpty()) {
      schema(value.span(), what + " needs a single value");
      return Optional.empty();
    }
    if (s.kind() != Kind.STRING) {
      notText(s, false);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  private void notText(Scalar s, boolean ports) {
    String reads = "YAML reads '" + s.text() + "' as " + describe(s.kind());
    if (s.kind() == Kind.INTEGER && !s.text().matches("[-+]?[0-9]+")) {
      BigInteger n = new BigInteger(s.text().substring(2), s.text().startsWith("0x") ? 16 : 8);
      reads += " (" + n + ")";
    }
    schema(s.span(), reads + ", not as the text rpcwall reads",
        ports ? "write the port as a plain decimal number" : "put it in quotes");
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

  private void schema(SourceSpan span, String message, String hint) {
    diagnostics.error(Codes.YAML_SCHEMA, span, message, hint);
  }

  private static String kind(Y value) {
    return value instanceof Mapping ? "mapping" : value instanceof Sequence ? "list" : "value";
  }

  /** The span of {@code length} chars at a YAML parser position. */
  private SourceSpan span(Mark mark, int length) {
    return file.spanAt(codePoints.charOffset(mark.getIndex()), length);
  }

  /** The length of the token (an anchor or a tag) that starts at {@code mark}. */
  private int tokenLength(Mark mark) {
    String text = file.text();
    int from = codePoints.charOffset(mark.getIndex());
    int end = from;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return Math.max(1, end - from);
  }

  private SourceSpan fileSpan() {
    return file.spanAt(0, file.text().length());
  }

  /**
   * Turns the YAML parser's positions, counted in code points, into char offsets (SourceSpan
   * counts UTF-16 chars). Positions mostly arrive in increasing order, so the walk resumes from
   * the last answer and stays linear overall.
   */
  private static final class CodePoints {
    private final String text;
    private int lastIndex;
    private int lastOffset;

    CodePoints(String text) {
      this.text = text;
    }

    int charOffset(int codePointIndex) {
      if (codePointIndex < lastIndex) {
        lastIndex = 0;
        lastOffset = 0;
      }
      while (lastIndex < codePointIndex && lastOffset < text.length()) {
        lastOffset += Character.charCount(text.codePointAt(lastOffset));
        lastIndex++;
      }
      return lastOffset;
    }
  }
}
