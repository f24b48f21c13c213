package dev.rpcwall.compiler.testing;

import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.grammar.policy.PolicyGrammarLexer;
import dev.rpcwall.grammar.policy.PolicyGrammarParser;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.AddressItemContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.DefaultStatementContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.DescriptionStatementContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.DynamicPortsSettingContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.NetworkExprContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.NetworkItemContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.NetworkListContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.NetworkRefItemContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.NetworkStatementContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.PolicyStatementContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.PortItemContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.PortRangeContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.RpcSettingContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.RpcStatementContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.RuleStatementContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.ServiceItemContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.ServiceListContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.ServiceRefItemContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.ServiceStatementContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.StatementContext;
import dev.rpcwall.grammar.policy.PolicyGrammarParser.WmiFixedPortSettingContext;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * An independent path from {@code .rpcwall} text to decisions, the oracle for the whole front end:
 * the generated ANTLR parser's tree, read by this class alone (no AST, no NameResolver, no
 * AddressSet/PortSet/AddressEntries/Ip parsing), and DESIGN.md section 3 "Meaning" read literally.
 * Networks stay predicates ({@code include} and not {@code exclude}), addresses are {@link
 * BigInteger}s, ports are lists of ranges; nothing is merged, sorted or cached.
 *
 * <p>It is an oracle for valid policies only: a syntax error, an unknown name, a cycle or a
 * malformed literal throws {@link IllegalArgumentException}. Imports are not read.
 */
public final class TextReference {
  private static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
  private static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  /** An address: the family and the value as an unsigned number. Orders IPv4 before IPv6. */
  public record Addr(boolean v6, BigInteger value) implements Comparable<Addr> {
    public static Addr min(boolean v6) {
      return new Addr(v6, BigInteger.ZERO);
    }

    public static Addr max(boolean v6) {
      return new Addr(v6, v6 ? V6_MAX : V4_MAX);
    }

    public static Addr of(Ip ip) {
      if (ip.family() == IpFamily.IPV4) {
        return new Addr(false, BigInteger.valueOf(ip.lo()));
      }
      BigInteger hi = new BigInteger(Long.toUnsignedString(ip.hi()));
      BigInteger lo = new BigInteger(Long.toUnsignedString(ip.lo()));
      return new Addr(true, hi.shiftLeft(64).or(lo));
    }

    /** The same address as the production type, for asking the production code about it. */
    public Ip toIp() {
      return v6
          ? Ip.v6(value.shiftRight(64).longValue(), value.longValue())
          : Ip.v4(value.longValue());
    }

    public boolean isMin() {
      return value.signum() == 0;
    }

    public boolean isMax() {
      return value.equals(max(v6).value);
    }

    public Addr next() {
      return new Addr(v6, value.add(BigInteger.ONE));
    }

    public Addr previous() {
      return new Addr(v6, value.subtract(BigInteger.ONE));
    }

    @Override
    public int compareTo(Addr o) {
      return v6 != o.v6 ? Boolean.compare(v6, o.v6) : value.compareTo(o.value);
    }

    @Override
    public String toString() {
      return (v6 ? "v6:" : "v4:") + value.toString(16) + " (" + toIp() + ")";
    }
  }

  /** The addresses {@code first..last}, one family. */
  public record Interval(Addr first, Addr last) {
    boolean contains(Addr a) {
      return a.v6() == first.v6() && a.compareTo(first) >= 0 && a.compareTo(last) <= 0;
    }
  }

  /** A network as a membership test. */
  @FunctionalInterface
  interface Net {
    boolean contains(Addr a);
  }

  /** A set of ports of each protocol, as the ranges that were written. */
  record Ports(List<int[]> tcp, List<int[]> udp) {
    static Ports tcp(List<int[]> ranges) {
      return new Ports(ranges, List.of());
    }

    boolean contains(Protocol protocol, int port) {
      for (int[] r : protocol == Protocol.TCP ? tcp : udp) {
        if (r[0] <= port && port <= r[1]) {
          return true;
        }
      }
      return false;
    }

    Ports plus(Ports o) {
      List<int[]> t = new ArrayList<>(tcp);
      t.addAll(o.tcp);
      List<int[]> u = new ArrayList<>(udp);
      u.addAll(o.udp);
      return new Ports(t, u);
    }
  }

  /**
   * One rule; {@code line} and {@code column} (1-based, UTF-16) are where its first token is,
   * {@code tokens} its tokens' text run together (no comments, no whitespace).
   */
  public record RefRule(
      int index,
      Decision action,
      Net from,
      Ports to,
      Set<Profile> profiles,
      int line,
      int column,
      String tokens) {
    public boolean matches(Addr a) {
      return from.contains(a);
    }

    public boolean hasPort(Protocol protocol, int port) {
      return to.contains(protocol, port);
    }
  }

  /** A decision and the index of the rule that made it, -1 for the default or unmanaged. */
  public record Verdict(Decision decision, int rule) {}

  private final String text;
  private final Map<String, NetworkExprContext> networkDefs = new HashMap<>();
  private final Map<String, ServiceListContext> serviceDefs = new HashMap<>();
  private final Map<String, Net> networks = new HashMap<>();
  private final Map<String, Ports> services = new HashMap<>();
  private final Set<String> resolving = new HashSet<>();
  private final List<Interval> literals = new ArrayList<>();
  private final List<RefRule> rules = new ArrayList<>();
  private String name;
  private Optional<String> description = Optional.empty();
  private Decision defaultDecision = Decision.BLOCK;
  private List<int[]> dynamicPorts;
  private Integer wmiPort;
  private final List<Net> exceptValues = new ArrayList<>();
  private int hostBitLiterals;

  private TextReference(String text) {
    this.text = text;
  }

  /** Reads a valid policy; throws on anything it does not understand. */
  public static TextReference read(String text) {
    TextReference ref = new TextReference(text);
    ref.build(parse(text));
    return ref;
  }

  public String name() {
    return name;
  }

  public Optional<String> description() {
    return description;
  }

  public Decision defaultDecision() {
    return defaultDecision;
  }

  public List<RefRule> rules() {
    return rules;
  }

  /** How many CIDR or mask literals have host bits set (each is warned about, RW1031). */
  public int hostBitLiterals() {
    return hostBitLiterals;
  }

  /**
   * Whether some {@code except} expression (of a definition or a rule) leaves no address: the
   * policy is then invalid (RW1032).
   */
  public boolean someExceptIsEmpty() {
    List<Addr> starts = segmentStarts();
    for (Net n : exceptValues) {
      if (starts.stream().noneMatch(n::contains)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every literal's first and last address and their neighbours, and the ends of both families.
   * Every network is built from literals and whole families by union and difference, so between two
   * consecutive points every network's membership is constant.
   */
  public TreeSet<Addr> boundaries() {
    TreeSet<Addr> out = new TreeSet<>();
    for (boolean v6 : new boolean[] {false, true}) {
      around(out, Addr.min(v6));
      around(out, Addr.max(v6));
    }
    for (Interval i : literals) {
      around(out, i.first());
      around(out, i.last());
    }
    return out;
  }

  /** DESIGN.md section 3 "Meaning", word for word. */
  public Verdict decide(Profile profile, Protocol protocol, int port, Addr address) {
    return decide(profile, protocol, port, i -> rules.get(i).matches(address));
  }

  /** As {@link #decide(Profile, Protocol, int, Addr)}, with rule i's address test given. */
  public Verdict decide(Profile profile, Protocol protocol, int port, IntPredicate addressInRule) {
    boolean managed = false;
    for (RefRule r : rules) {
      managed |= r.hasPort(protocol, port);
    }
    if (!managed) {
      return new Verdict(Decision.UNMANAGED, -1);
    }
    for (RefRule r : rules) {
      if (r.profiles().contains(profile)
          && r.hasPort(protocol, port)
          && addressInRule.test(r.index())) {
        return new Verdict(r.action(), r.index());
      }
    }
    return new Verdict(defaultDecision, -1);
  }

  // Parse tree
  // ==========

  private static PolicyGrammarParser.PolicyFileContext parse(String text) {
    BaseErrorListener fail =
        new BaseErrorListener() {
          @Override
          public void syntaxError(
              Recognizer<?, ?> recognizer,
              Object symbol,
              int line,
              int column,
              String msg,
              RecognitionException e) {
            throw new IllegalArgumentException(
                "syntax error at " + line + ":" + column + ": " + msg);
          }
        };
    PolicyGrammarLexer lexer = new PolicyGrammarLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    lexer.addErrorListener(fail);
    PolicyGrammarParser parser = new PolicyGrammarParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(fail);
    return parser.policyFile();
  }

  private void build(PolicyGrammarParser.PolicyFileContext file) {
    List<StatementContext> statements = file.statement();
    // Definitions first: statements may refer to names defined later.
    for (StatementContext s : statements) {
      if (s instanceof NetworkStatementContext n) {
        put(networkDefs, n.name.getText(), n.value);
      } else if (s instanceof ServiceStatementContext d) {
        put(serviceDefs, d.name.getText(), d.items);
      } else if (s instanceof RpcStatementContext r) {
        for (RpcSettingContext setting : r.rpcSetting()) {
          if (setting instanceof DynamicPortsSettingContext d) {
            dynamicPorts = new ArrayList<>();
            for (PortRangeContext pr : d.ranges.portRange()) {
              dynamicPorts.add(range(pr));
            }
          } else if (setting instanceof WmiFixedPortSettingContext w) {
            wmiPort = range(w.port)[0];
          }
        }
      }
    }
    for (String n : networkDefs.keySet()) {
      network(n);
    }
    for (String n : serviceDefs.keySet()) {
      service(n);
    }
    for (StatementContext s : statements) {
      if (s instanceof PolicyStatementContext p) {
        name = unquote(p.name.getText());
      } else if (s instanceof DescriptionStatementContext d) {
        description = Optional.of(unquote(d.text.getText()));
      } else if (s instanceof DefaultStatementContext d) {
        defaultDecision =
            d.action.getType() == PolicyGrammarLexer.ALLOW ? Decision.ALLOW : Decision.BLOCK;
      } else if (s instanceof RuleStatementContext r) {
        Set<Profile> profiles = EnumSet.noneOf(Profile.class);
        if (r.profiles != null) {
          for (var id : r.profiles.identifier()) {
            profiles.add(
                switch (id.getText().toLowerCase(Locale.ROOT)) {
                  case "domain" -> Profile.DOMAIN;
                  case "private" -> Profile.PRIVATE;
                  case "public" -> Profile.PUBLIC;
                  default -> throw new IllegalArgumentException("profile " + id.getText());
                });
          }
        } else {
          profiles = EnumSet.allOf(Profile.class);
        }
        Token start = r.getStart();
        int offset = text.offsetByCodePoints(0, start.getStartIndex());
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
          if (text.charAt(i) == '\n') {
            line++;
            lineStart = i + 1;
          }
        }
        rules.add(
            new RefRule(
                rules.size(),
                r.action.getType() == PolicyGrammarLexer.ALLOW ? Decision.ALLOW : Decision.BLOCK,
                expr(r.from),
                services(r.to),
                profiles,
                line,
                offset - lineStart + 1,
                r.getText()));
      } else if (!(s instanceof NetworkStatementContext
          || s instanceof ServiceStatementContext
          || s instanceof RpcStatementContext)) {
        throw new IllegalArgumentException("not supported here: " + s.getText());
      }
    }
    if (name == null) {
      throw new IllegalArgumentException("no policy statement");
    }
  }

  private static <T> void put(Map<String, T> defs, String name, T value) {
    if (defs.put(name, value) != null) {
      throw new IllegalArgumentException("defined twice: " + name);
    }
  }

  /**
   * A STRING token's value, with the escapes of docs/language.md (quote, backslash, n, t, u{hex}).
   */
  static String unquote(String token) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < token.length() - 1; i++) {
      char c = token.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = token.charAt(++i);
      switch (e) {
        case '"', '\\' -> b.append(e);
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'u' -> {
          int close = token.indexOf('}', i);
          b.appendCodePoint(Integer.parseInt(token.substring(i + 2, close), 16));
          i = close;
        }
        default -> throw new IllegalArgumentException("escape \\" + e);
      }
    }
    return b.toString();
  }

  // Networks
  // ========

  private Net network(String n) {
    switch (n) {
      case "any":
        return a -> true;
      case "any4":
        return a -> !a.v6();
      case "any6":
        return Addr::v6;
      default:
        break;
    }
    Net known = networks.get(n);
    if (known != null) {
      return known;
    }
    NetworkExprContext def = networkDefs.get(n);
    if (def == null) {
      throw new IllegalArgumentException("unknown network " + n);
    }
    if (!resolving.add("network " + n)) {
      throw new IllegalArgumentException("cycle through network " + n);
    }
    Net value = expr(def);
    resolving.remove("network " + n);
    networks.put(n, value);
    return value;
  }

  /** DESIGN.md section 3: {@code a, b except c, d} is (a ∪ b) minus (c ∪ d). */
  private Net expr(NetworkExprContext c) {
    Net include = union(c.include);
    if (c.exclude == null) {
      return include;
    }
    Net exclude = union(c.exclude);
    Net value = a -> include.contains(a) && !exclude.contains(a);
    exceptValues.add(value);
    return value;
  }

  private Net union(NetworkListContext list) {
    List<Net> items = new ArrayList<>();
    for (NetworkItemContext item : list.networkItem()) {
      if (item instanceof AddressItemContext a) {
        Interval i = literal(a.first.getText(), a.last == null ? null : a.last.getText());
        literals.add(i);
        int slash = a.first.getText().indexOf('/');
        if (slash >= 0 && !host(a.first.getText().substring(0, slash)).equals(i.first())) {
          hostBitLiterals++;
        }
        items.add(i::contains);
      } else {
        items.add(network(((NetworkRefItemContext) item).identifier().getText()));
      }
    }
    return a -> items.stream().anyMatch(n -> n.contains(a));
  }

  /** A host, CIDR block, dotted-mask block or range, as the addresses it covers. */
  static Interval literal(String first, String last) {
    if (last != null) {
      Addr a = host(first);
      Addr b = host(last);
      if (a.v6() != b.v6() || a.compareTo(b) > 0) {
        throw new IllegalArgumentException("bad range " + first + "-" + last);
      }
      return new Interval(a, b);
    }
    int slash = first.indexOf('/');
    if (slash < 0) {
      Addr a = host(first);
      return new Interval(a, a);
    }
    Addr base = host(first.substring(0, slash));
    String suffix = first.substring(slash + 1);
    int bits = base.v6() ? 128 : 32;
    int prefix;
    if (suffix.contains(".")) {
      BigInteger mask = host(suffix).value();
      prefix = mask.bitCount();
      if (base.v6() || !mask.equals(hostPart(32, 0).xor(hostPart(32, prefix)))) {
        throw new IllegalArgumentException("bad mask " + suffix);
      }
    } else {
      prefix = Integer.parseInt(suffix);
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("bad prefix " + suffix);
    }
    BigInteger hostBits = hostPart(bits, prefix);
    BigInteger low = base.value().andNot(hostBits);
    return new Interval(new Addr(base.v6(), low), new Addr(base.v6(), low.or(hostBits)));
  }

  /** The low {@code bits - prefix} bits set. */
  private static BigInteger hostPart(int bits, int prefix) {
    return BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
  }

  static Addr host(String s) {
    return s.contains(":") ? v6(s) : new Addr(false, v4(s));
  }

  private static BigInteger v4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("bad IPv4 " + s);
    }
    long v = 0;
    for (String p : parts) {
      int x = Integer.parseInt(p);
      if (x < 0 || x > 255 || p.isEmpty() || (p.length() > 1 && p.charAt(0) == '0')) {
        throw new IllegalArgumentException("bad IPv4 " + s);
      }
      v = v * 256 + x;
    }
    return BigInteger.valueOf(v);
  }

  /** RFC 4291 section 2.2: eight hex groups, one {@code ::} for zeros, a dotted quad at the end. */
  private static Addr v6(String s) {
    if (s.contains(".")) {
      int colon = s.lastIndexOf(':');
      long quad = v4(s.substring(colon + 1)).longValue();
      s =
          s.substring(0, colon + 1)
              + Long.toHexString(quad >>> 16)
              + ":"
              + Long.toHexString(quad & 0xFFFF);
    }
    List<String> groups = new ArrayList<>();
    int gap = s.indexOf("::");
    if (gap < 0) {
      groups.addAll(List.of(s.split(":", -1)));
    } else {
      if (s.indexOf("::", gap + 1) >= 0) {
        throw new IllegalArgumentException("two :: in " + s);
      }
      List<String> head = gap == 0 ? List.of() : List.of(s.substring(0, gap).split(":", -1));
      String tailText = s.substring(gap + 2);
      List<String> tail = tailText.isEmpty() ? List.of() : List.of(tailText.split(":", -1));
      if (head.size() + tail.size() > 7) {
        throw new IllegalArgumentException("too many groups in " + s);
      }
      groups.addAll(head);
      while (groups.size() + tail.size() < 8) {
        groups.add("0");
      }
      groups.addAll(tail);
    }
    if (groups.size() != 8) {
      throw new IllegalArgumentException("not eight groups: " + s);
    }
    BigInteger v = BigInteger.ZERO;
    for (String g : groups) {
      if (g.isEmpty() || g.length() > 4) {
        throw new IllegalArgumentException("bad group in " + s);
      }
      v = v.shiftLeft(16).or(BigInteger.valueOf(Integer.parseInt(g, 16)));
    }
    return new Addr(true, v);
  }

  /** Where a segment of constant membership can start: each literal's first and last+1. */
  private List<Addr> segmentStarts() {
    List<Addr> out = new ArrayList<>(List.of(Addr.min(false), Addr.min(true)));
    for (Interval i : literals) {
      out.add(i.first());
      if (!i.last().isMax()) {
        out.add(i.last().next());
      }
    }
    return out;
  }

  private static void around(Set<Addr> out, Addr a) {
    out.add(a);
    if (!a.isMin()) {
      out.add(a.previous());
    }
    if (!a.isMax()) {
      out.add(a.next());
    }
  }

  // Services
  // ========

  private Ports service(String n) {
    switch (n) {
      case "endpoint-mapper":
        return Ports.tcp(List.of(new int[] {135, 135}));
      case "rpc-dynamic":
        return Ports.tcp(requireDynamic());
      case "wmi":
        // TCP 135 plus the WMI fixed port if configured, else plus rpc-dynamic
        List<int[]> wmi = new ArrayList<>();
        wmi.add(new int[] {135, 135});
        if (wmiPort != null) {
          wmi.add(new int[] {wmiPort, wmiPort});
        } else {
          wmi.addAll(requireDynamic());
        }
        return Ports.tcp(wmi);
      default:
        break;
    }
    Ports known = services.get(n);
    if (known != null) {
      return known;
    }
    ServiceListContext def = serviceDefs.get(n);
    if (def == null) {
      throw new IllegalArgumentException("unknown service " + n);
    }
    if (!resolving.add("service " + n)) {
      throw new IllegalArgumentException("cycle through service " + n);
    }
    Ports value = services(def);
    resolving.remove("service " + n);
    services.put(n, value);
    return value;
  }

  private List<int[]> requireDynamic() {
    if (dynamicPorts == null) {
      throw new IllegalArgumentException("no dynamic ports");
    }
    return dynamicPorts;
  }

  private Ports services(ServiceListContext list) {
    Ports out = new Ports(List.of(), List.of());
    for (ServiceItemContext item : list.serviceItem()) {
      if (item instanceof PortItemContext p) {
        List<int[]> ranges = new ArrayList<>();
        for (PortRangeContext pr : p.portRange()) {
          ranges.add(range(pr));
        }
        out =
            out.plus(
                p.protocol.getType() == PolicyGrammarLexer.TCP
                    ? new Ports(ranges, List.of())
                    : new Ports(List.of(), ranges));
      } else {
        out = out.plus(service(((ServiceRefItemContext) item).identifier().getText()));
      }
    }
    return out;
  }

  private static int[] range(PortRangeContext pr) {
    int first = Integer.parseInt(pr.first.getText());
    int last = pr.last == null ? first : Integer.parseInt(pr.last.getText());
    if (first < 0 || last > 65535 || first > last) {
      throw new IllegalArgumentException("bad port range " + pr.getText());
    }
    return new int[] {first, last};
  }
}
