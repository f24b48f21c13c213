package dev.rpcwall.compiler.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Random policies as written, for tests of the whole front end: a small model of a policy's source
 * (definitions that refer to each other in any order, {@code except}, address literals of every
 * form in both families, services, the {@code rpc} block, rules with profiles, default), drawn from
 * a {@link Random}, and two renderings of it: {@code .rpcwall} text with random layout, keyword
 * case and comments, and YAML in every form docs/language.md documents. Every rendering is a pure
 * function of the model and a {@link Random}.
 *
 * <p>The model stays inside what resolves without errors, except that an {@code except} may leave
 * nothing (RW1032), which the tests expect to be reported. Literal ports never fall in the dynamic
 * range (RW1042), and {@code rpc-dynamic}/{@code wmi} are only used when configured (RW1040).
 */
public final class RandomPolicySources {
  private RandomPolicySources() {}

  // Model
  // =====

  /** An item of a network list. */
  public sealed interface NetItem permits NetRef, NetLit {}

  public record NetRef(String name) implements NetItem {}

  /** An address literal as written: {@code last} is the end of a range, or null. */
  public record NetLit(String first, String last) implements NetItem {}

  public record NetExpr(List<NetItem> include, List<NetItem> exclude) {}

  /** An item of a service list. */
  public sealed interface SvcItem permits SvcRef, SvcPorts {}

  public record SvcRef(String name) implements SvcItem {}

  public record SvcPorts(boolean udp, List<int[]> ranges) implements SvcItem {}

  public record NetDef(String name, NetExpr value) {}

  public record SvcDef(String name, List<SvcItem> items) {}

  /** A rule; {@code profiles} as written (any case, repeats allowed), empty for all. */
  public record RuleDef(boolean allow, NetExpr from, List<SvcItem> to, List<String> profiles) {}

  /** A policy; {@code dynamic} and {@code wmi} are null when not set, {@code defaultAllow} too. */
  public record Model(
      String name,
      String description,
      List<NetDef> networks,
      List<SvcDef> services,
      boolean rpcBlock,
      List<int[]> dynamic,
      Integer wmi,
      List<RuleDef> rules,
      Boolean defaultAllow) {}

  /** The {@code .rpcwall} text and the text of every comment in it. */
  public record Text(String text, List<String> comments) {}

  /** The YAML text and where each rule's {@code allow}/{@code block} key is (line, column). */
  public record Yaml(String text, List<int[]> rulePositions) {}

  private static final String[] NET_NAMES = {
    "admins",
    "Admins",
    "mgmt",
    "corp",
    "n1",
    "net_2",
    "v6-hosts",
    "fe80",
    "dead-beef",
    "wmi",
    "endpoint-mapper",
    "port",
    "dynamic",
    "fixed",
    "ports",
    "smb",
    "PORT",
    "Dynamic",
    "n-",
    "any6x",
    "except-hosts",
    "allow2",
    "on-call",
    "default-gw",
    "rpc1"
  };
  private static final String[] SVC_NAMES = {
    "smb",
    "Smb",
    "dns",
    "winrm",
    "svc-1",
    "any",
    "any4",
    "port",
    "fixed",
    "admins",
    "rpc_extra",
    "dynamic",
    "WMI2",
    "Fixed",
    "tcp-ports",
    "udp53",
    "x_"
  };
  private static final String[] POLICY_NAME_PARTS = {
    "Branch A: RPC", "branch-a (rpc)", "DCOM", "Zürich ☃", "say \"hi\"", "back\\slash", "tab\there",
    "emoji 😀", "日本", "a|b", "all", "x", "two\nlines", "#1 # not a comment"
  };
  private static final String[] PROFILES = {"domain", "private", "public"};
  private static final int[] PORT_ANCHORS = {
    0, 1, 53, 135, 445, 3389, 5000, 5001, 5021, 5985, 24158, 49151, 49152, 65534, 65535
  };

  public static Model model(Random r) {
    String name = policyName(r);
    String description = r.nextInt(3) == 0 ? policyName(r) : null;
    boolean rpcBlock = r.nextBoolean();
    List<int[]> dynamic = null;
    Integer wmi = null;
    if (rpcBlock) {
      if (r.nextInt(3) != 0) {
        dynamic = dynamicRanges(r);
      }
      if (r.nextBoolean()) {
        wmi = wmiPort(r, dynamic);
      }
    }
    Addresses addresses = new Addresses(r);
    List<NetDef> networks = new ArrayList<>();
    List<String> netNames = shuffled(r, NET_NAMES);
    int nNets = r.nextInt(6);
    for (int i = 0; i < nNets; i++) {
      // refers only to networks drawn before it, so there is no cycle; the text puts
      // definitions in any order, so references still go forwards and backwards
      networks.add(new NetDef(netNames.get(i), expr(r, addresses, netNames.subList(0, i))));
    }
    List<String> svcNames = shuffled(r, SVC_NAMES);
    List<SvcDef> services = new ArrayList<>();
    int nSvcs = r.nextInt(4);
    for (int i = 0; i < nSvcs; i++) {
      services.add(new SvcDef(svcNames.get(i), svcItems(r, svcNames.subList(0, i), dynamic, wmi)));
    }
    List<String> allNets = netNames.subList(0, nNets);
    List<String> allSvcs = svcNames.subList(0, nSvcs);
    List<RuleDef> rules = new ArrayList<>();
    int nRules = r.nextInt(12) == 0 ? 0 : 1 + r.nextInt(7);
    for (int i = 0; i < nRules; i++) {
      List<String> profiles = new ArrayList<>();
      if (r.nextBoolean()) {
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
          profiles.add(randomCase(r, PROFILES[r.nextInt(3)]));
        }
      }
      rules.add(
          new RuleDef(
              r.nextBoolean(),
              expr(r, addresses, allNets),
              svcItems(r, allSvcs, dynamic, wmi),
              profiles));
    }
    Boolean defaultAllow = r.nextInt(3) == 0 ? null : r.nextInt(3) == 0;
    return new Model(
        name, description, networks, services, rpcBlock, dynamic, wmi, rules, defaultAllow);
  }

  private static String policyName(Random r) {
    String name = POLICY_NAME_PARTS[r.nextInt(POLICY_NAME_PARTS.length)];
    if (r.nextBoolean()) {
      name += " " + POLICY_NAME_PARTS[r.nextInt(POLICY_NAME_PARTS.length)];
    }
    return name;
  }

  private static List<int[]> dynamicRanges(Random r) {
    List<int[]> out = new ArrayList<>();
    int[] starts = {1025, 5001, 5100, 10000 + r.nextInt(40000), 49152};
    int[] widths = {r.nextInt(5), 20, 99, 100, 500, 16383};
    int first = starts[r.nextInt(starts.length)];
    int last = Math.min(65535, first + widths[r.nextInt(widths.length)]);
    out.add(new int[] {first, last});
    if (r.nextInt(4) == 0) {
      // a second range: overlapping, adjacent or apart
      int f2 = Math.max(1025, Math.min(65535, last + r.nextInt(200) - 100));
      int l2 = Math.min(65535, f2 + r.nextInt(300));
      out.add(new int[] {f2, l2});
    }
    return out;
  }

  private static Integer wmiPort(Random r, List<int[]> dynamic) {
    for (int attempt = 0; attempt < 20; attempt++) {
      int p = r.nextBoolean() ? 24158 : 1 + r.nextInt(65535);
      if (p != 135 && p != 445 && !inDynamic(dynamic, p, p)) {
        return p;
      }
    }
    return null;
  }

  private static boolean inDynamic(List<int[]> dynamic, int first, int last) {
    if (dynamic == null) {
      return false;
    }
    for (int[] d : dynamic) {
      if (first <= d[1] && d[0] <= last) {
        return true;
      }
    }
    return false;
  }

  private static NetExpr expr(Random r, Addresses addresses, List<String> names) {
    List<NetItem> include = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      include.add(netItem(r, addresses, names, true));
    }
    List<NetItem> exclude = new ArrayList<>();
    if (r.nextInt(3) == 0) {
      int m = 1 + r.nextInt(2);
      for (int i = 0; i < m; i++) {
        exclude.add(netItem(r, addresses, names, false));
      }
    }
    return new NetExpr(include, exclude);
  }

  private static NetItem netItem(
      Random r, Addresses addresses, List<String> names, boolean include) {
    int k = r.nextInt(include ? 12 : 36);
    if (k < 3 && !names.isEmpty()) {
      return new NetRef(names.get(r.nextInt(names.size())));
    }
    if (k == 3) {
      String[] builtins =
          include ? new String[] {"any", "any4", "any6"} : new String[] {"any4", "any6"};
      return new NetRef(builtins[r.nextInt(builtins.length)]);
    }
    return addresses.literal();
  }

  private static List<SvcItem> svcItems(
      Random r, List<String> names, List<int[]> dynamic, Integer wmi) {
    List<SvcItem> out = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(10);
      if (k < 2 && !names.isEmpty()) {
        out.add(new SvcRef(names.get(r.nextInt(names.size()))));
      } else if (k < 4) {
        List<String> builtins = new ArrayList<>(List.of("endpoint-mapper"));
        if (dynamic != null) {
          builtins.add("rpc-dynamic");
        }
        if (dynamic != null || wmi != null) {
          builtins.add("wmi");
        }
        out.add(new SvcRef(builtins.get(r.nextInt(builtins.size()))));
      } else {
        List<int[]> ranges = new ArrayList<>();
        int m = 1 + r.nextInt(3);
        for (int j = 0; j < m; j++) {
          ranges.add(portRange(r, dynamic));
        }
        out.add(new SvcPorts(r.nextInt(3) == 0, ranges));
      }
    }
    return out;
  }

  /** A port range near an anchor that stays clear of the dynamic range. */
  private static int[] portRange(Random r, List<int[]> dynamic) {
    for (int attempt = 0; attempt < 20; attempt++) {
      int a = clampPort(PORT_ANCHORS[r.nextInt(PORT_ANCHORS.length)] + r.nextInt(5) - 2);
      int width =
          switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> r.nextInt(4);
            case 2 -> r.nextInt(40);
            default -> r.nextInt(20000);
          };
      int b = clampPort(r.nextBoolean() ? a + width : a - width);
      int first = Math.min(a, b);
      int last = Math.max(a, b);
      if (!inDynamic(dynamic, first, last)) {
        return new int[] {first, last};
      }
    }
    return new int[] {135, 135};
  }

  private static int clampPort(int p) {
    return Math.max(0, Math.min(65535, p));
  }

  private static List<String> shuffled(Random r, String[] names) {
    List<String> out = new ArrayList<>(List.of(names));
    Collections.shuffle(out, r);
    return out;
  }

  private static String randomCase(Random r, String word) {
    return switch (r.nextInt(8)) {
      case 0 -> word.toUpperCase(Locale.ROOT);
      case 1 -> Character.toUpperCase(word.charAt(0)) + word.substring(1);
      default -> word;
    };
  }

  /**
   * Address literals that collide on purpose: every value lies near one of a few anchors per family
   * (the ends of the family, an IPv6 value where the low 64 bits carry, the IPv4-mapped block,
   * random points), written in every form the language accepts.
   */
  private static final class Addresses {
    private static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private final Random r;
    private final List<BigInteger> anchors4 = new ArrayList<>();
    private final List<BigInteger> anchors6 = new ArrayList<>();

    Addresses(Random r) {
      this.r = r;
      anchors4.add(BigInteger.ZERO);
      anchors4.add(V4_MAX);
      anchors6.add(BigInteger.ZERO);
      anchors6.add(V6_MAX);
      anchors6.add(
          new BigInteger(64, r)
              .shiftLeft(64)
              .or(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
      anchors6.add(BigInteger.valueOf(0xFFFFL).shiftLeft(32).or(new BigInteger(32, r)));
      for (int i = 0; i < 3; i++) {
        anchors4.add(new BigInteger(32, r));
        anchors6.add(new BigInteger(128, r));
      }
    }

    NetLit literal() {
      boolean v6 = r.nextBoolean();
      int bits = v6 ? 128 : 32;
      BigInteger max = v6 ? V6_MAX : V4_MAX;
      List<BigInteger> anchors = v6 ? anchors6 : anchors4;
      BigInteger value =
          clamp(
              anchors.get(r.nextInt(anchors.size())).add(BigInteger.valueOf(r.nextInt(81) - 40)),
              max);
      switch (r.nextInt(v6 ? 3 : 4)) {
        case 0:
          return new NetLit(text(v6, value), null);
        case 1:
          {
            int prefix = r.nextInt(4) == 0 ? r.nextInt(bits + 1) : bits - r.nextInt(12);
            BigInteger host = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
            // host bits set now and then: a warning, and the literal means the whole block
            BigInteger base = r.nextInt(3) == 0 ? value : value.andNot(host);
            return new NetLit(text(v6, base) + "/" + prefix, null);
          }
        case 2:
          {
            BigInteger width =
                BigInteger.valueOf(
                    r.nextInt(4) == 0 ? 0 : r.nextBoolean() ? r.nextInt(8) : r.nextInt(300));
            BigInteger last = clamp(value.add(width), max);
            return new NetLit(text(v6, value), text(v6, last));
          }
        default:
          {
            int prefix = r.nextInt(4) == 0 ? r.nextInt(33) : 32 - r.nextInt(12);
            BigInteger host = BigInteger.ONE.shiftLeft(32 - prefix).subtract(BigInteger.ONE);
            BigInteger base = r.nextInt(3) == 0 ? value : value.andNot(host);
            return new NetLit(text(false, base) + "/" + text(false, V4_MAX.xor(host)), null);
          }
      }
    }

    private static BigInteger clamp(BigInteger v, BigInteger max) {
      return v.signum() < 0 ? BigInteger.ZERO : v.compareTo(max) > 0 ? max : v;
    }

    private String text(boolean v6, BigInteger v) {
      if (!v6) {
        return quad(v.longValue());
      }
      int[] g = new int[8];
      for (int i = 0; i < 8; i++) {
        g[i] = v.shiftRight(16 * (7 - i)).intValue() & 0xFFFF;
      }
      boolean embed = r.nextInt(6) == 0;
      int n = embed ? 6 : 8;
      boolean pad = r.nextInt(5) == 0;
      boolean upper = r.nextInt(5) == 0;
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String h = Integer.toHexString(g[i]);
        if (pad) {
          h = "0".repeat(4 - h.length()) + h;
        }
        parts.add(upper ? h.toUpperCase(Locale.ROOT) : h);
      }
      String quad = embed ? quad(((long) g[6] << 16) | g[7]) : null;
      // '::' stands for a random run of zero groups (not necessarily the longest)
      List<int[]> runs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n && g[j] == 0; j++) {
          runs.add(new int[] {i, j});
        }
      }
      if (!runs.isEmpty() && r.nextInt(4) != 0) {
        int[] run = runs.get(r.nextInt(runs.size()));
        List<String> tail = new ArrayList<>(parts.subList(run[1] + 1, n));
        if (quad != null) {
          tail.add(quad);
        }
        return String.join(":", parts.subList(0, run[0])) + "::" + String.join(":", tail);
      }
      if (quad != null) {
        parts.add(quad);
      }
      return String.join(":", parts);
    }

    private static String quad(long v) {
      return ((v >>> 24) & 0xFF)
          + "."
          + ((v >>> 16) & 0xFF)
          + "."
          + ((v >>> 8) & 0xFF)
          + "."
          + (v & 0xFF);
    }
  }

  // .rpcwall text
  // =============

  /** The model as {@code .rpcwall} text: statements in any order (rules keep theirs). */
  public static Text text(Model m, Random r) {
    Layout l = new Layout(r);
    List<String> others = new ArrayList<>();
    if (m.description() != null) {
      others.add(l.kw("description") + l.sep() + l.string(m.description()));
    }
    for (NetDef d : m.networks()) {
      others.add(l.kw("network") + l.sep() + d.name() + l.around("=") + l.expr(d.value()));
    }
    for (SvcDef d : m.services()) {
      others.add(l.kw("service") + l.sep() + d.name() + l.around("=") + l.services(d.items()));
    }
    if (m.rpcBlock()) {
      List<String> settings = new ArrayList<>();
      if (m.dynamic() != null) {
        settings.add(l.kw("dynamic") + l.sep() + l.kw("ports") + l.sep() + l.ranges(m.dynamic()));
      }
      if (m.wmi() != null) {
        settings.add(
            l.kw("wmi")
                + l.sep()
                + l.kw("fixed")
                + l.sep()
                + l.kw("port")
                + l.sep()
                + l.number(m.wmi()));
      }
      Collections.shuffle(settings, r);
      StringBuilder b = new StringBuilder(l.kw("rpc")).append(l.around("{"));
      for (String s : settings) {
        b.append(s).append(l.sep());
      }
      others.add(b.append("}").toString());
    }
    if (m.defaultAllow() != null) {
      others.add(l.kw("default") + l.sep() + l.kw(m.defaultAllow() ? "allow" : "block"));
    }
    Collections.shuffle(others, r);
    List<String> rules = new ArrayList<>();
    for (RuleDef rule : m.rules()) {
      StringBuilder b = new StringBuilder(l.kw(rule.allow() ? "allow" : "block"));
      b.append(l.sep())
          .append(l.expr(rule.from()))
          .append(l.sep())
          .append(l.kw("to"))
          .append(l.sep());
      b.append(l.services(rule.to()));
      if (!rule.profiles().isEmpty()) {
        b.append(l.sep()).append(l.kw("on")).append(l.sep()).append(l.list(rule.profiles()));
      }
      rules.add(b.toString());
    }
    // interleave the other statements with the rules, keeping the rules' order
    List<String> statements = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < others.size() || j < rules.size()) {
      if (j >= rules.size()
          || (i < others.size() && r.nextInt(others.size() + rules.size()) < others.size())) {
        statements.add(others.get(i++));
      } else {
        statements.add(rules.get(j++));
      }
    }
    StringBuilder out = new StringBuilder();
    if (r.nextInt(4) == 0) {
      out.append(l.comment()).append('\n');
    }
    out.append(l.kw("policy")).append(l.sep()).append(l.string(m.name()));
    for (String s : statements) {
      out.append(l.statementSep()).append(s);
    }
    switch (r.nextInt(6)) {
      case 0 -> out.append(" ").append(l.comment());
      case 1, 2, 3 -> out.append("\n");
      default -> {}
    }
    return new Text(out.toString(), List.copyOf(l.comments));
  }

  /** Random spacing, keyword case and comments between tokens. */
  private static final class Layout {
    private final Random r;
    private final List<String> comments = new ArrayList<>();

    Layout(Random r) {
      this.r = r;
    }

    String kw(String word) {
      return randomCase(r, word);
    }

    String comment() {
      String[] words = {"note", "à revoir", "→ admins", "TODO", "x, y = z", "\"q\"", "#hash", "π"};
      String c = "# c" + comments.size() + " " + words[r.nextInt(words.length)];
      comments.add(c);
      return c;
    }

    /** Between two tokens that need a separator. */
    String sep() {
      return switch (r.nextInt(20)) {
        case 0 -> "\n";
        case 1 -> "  ";
        case 2 -> "\t";
        case 3 -> " " + comment() + "\n";
        case 4 -> "\r\n  ";
        case 5 -> comment() + "\n";
        case 6 -> "\f";
        default -> " ";
      };
    }

    /** Around a punctuation token, where no separator is needed. */
    String around(String token) {
      return (r.nextInt(4) == 0 ? "" : sep()) + token + (r.nextInt(4) == 0 ? "" : sep());
    }

    String statementSep() {
      return switch (r.nextInt(20)) {
        case 0, 1, 2 -> " ";
        case 3, 4 -> "\n\n";
        case 5, 6 -> "\n" + comment() + "\n";
        case 7 -> "\r\n";
        case 8 -> "  " + comment() + "\n";
        default -> "\n";
      };
    }

    String list(List<String> items) {
      StringBuilder b = new StringBuilder();
      for (String item : items) {
        if (b.length() > 0) {
          b.append(r.nextInt(3) == 0 ? around(",") : ", ");
        }
        b.append(item);
      }
      return b.toString();
    }

    String expr(NetExpr e) {
      String include = list(e.include().stream().map(this::item).toList());
      return e.exclude().isEmpty()
          ? include
          : include
              + sep()
              + kw("except")
              + sep()
              + list(e.exclude().stream().map(this::item).toList());
    }

    String item(NetItem item) {
      if (item instanceof NetRef ref) {
        return ref.name();
      }
      NetLit lit = (NetLit) item;
      return lit.last() == null ? lit.first() : lit.first() + dash() + lit.last();
    }

    String dash() {
      return r.nextInt(4) == 0 ? around("-") : "-";
    }

    String services(List<SvcItem> items) {
      List<String> out = new ArrayList<>();
      for (SvcItem item : items) {
        if (item instanceof SvcRef ref) {
          out.add(ref.name());
        } else {
          SvcPorts p = (SvcPorts) item;
          out.add(kw(p.udp() ? "udp" : "tcp") + sep() + ranges(p.ranges()));
        }
      }
      return list(out);
    }

    String ranges(List<int[]> ranges) {
      return list(ranges.stream().map(this::range).toList());
    }

    String range(int[] range) {
      return range[0] == range[1] && r.nextInt(5) != 0
          ? number(range[0])
          : number(range[0]) + dash() + number(range[1]);
    }

    /** A decimal port, with a leading zero now and then (the grammar's NUMBER allows it). */
    String number(int port) {
      return (r.nextInt(15) == 0 ? "0" : "") + port;
    }

    /** A string literal, with the language's escapes used now and then. */
    String string(String value) {
      StringBuilder b = new StringBuilder("\"");
      value
          .codePoints()
          .forEach(
              cp -> {
                if (cp == '"' || cp == '\\') {
                  b.append('\\').appendCodePoint(cp);
                } else if (cp == '\t') {
                  b.append(r.nextBoolean() ? "\\t" : "\\u{9}");
                } else if (cp == '\n') {
                  b.append(r.nextBoolean() ? "\\n" : "\\u{A}");
                } else if (cp > 0xFFFF || r.nextInt(10) == 0) {
                  b.append("\\u{").append(Integer.toHexString(cp)).append('}');
                } else {
                  b.appendCodePoint(cp);
                }
              });
      return b.append('"').toString();
    }
  }

  // YAML
  // ====

  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ,./_-]*[A-Za-z0-9]|[A-Za-z0-9]");

  /** The model in the YAML form: keys in any order after {@code policy}, values in every shape. */
  public static Yaml yaml(Model m, Random r) {
    YamlOut y = new YamlOut(r);
    if (r.nextInt(4) == 0) {
      y.line("# a YAML policy");
    }
    y.line("policy: " + y.scalar(m.name(), false));
    List<Runnable> sections = new ArrayList<>();
    List<int[]> positions = new ArrayList<>();
    if (m.description() != null) {
      sections.add(() -> y.line("description: " + y.scalar(m.description(), false)));
    }
    if (!m.networks().isEmpty()) {
      sections.add(
          () -> {
            y.line("networks:");
            List<NetDef> defs = new ArrayList<>(m.networks());
            Collections.shuffle(defs, r);
            for (NetDef d : defs) {
              y.entry("  ", "  ", y.key(d.name()), y.network(d.value()));
            }
          });
    }
    if (!m.services().isEmpty()) {
      sections.add(
          () -> {
            y.line("services:");
            List<SvcDef> defs = new ArrayList<>(m.services());
            Collections.shuffle(defs, r);
            for (SvcDef d : defs) {
              y.entry("  ", "  ", y.key(d.name()), y.services(d.items()));
            }
          });
    }
    if (m.rpcBlock()) {
      sections.add(
          () -> {
            Map<String, Object> rpc = new LinkedHashMap<>();
            if (m.dynamic() != null) {
              rpc.put("dynamic ports", y.ranges(m.dynamic()));
            }
            if (m.wmi() != null) {
              rpc.put(
                  "wmi fixed port",
                  r.nextBoolean() ? new Raw(Integer.toString(m.wmi())) : Integer.toString(m.wmi()));
            }
            y.entry("", "", "rpc", rpc);
          });
    }
    if (!m.rules().isEmpty()) {
      sections.add(
          () -> {
            y.line("rules:");
            for (RuleDef rule : m.rules()) {
              List<String> keys = new ArrayList<>(List.of(rule.allow() ? "allow" : "block", "to"));
              if (!rule.profiles().isEmpty()) {
                keys.add("on");
              }
              Collections.shuffle(keys, r);
              String first = "  - ";
              for (String k : keys) {
                if (k.equals("allow") || k.equals("block")) {
                  positions.add(new int[] {y.lines.size() + 1, first.length() + 1});
                }
                Object value =
                    switch (k) {
                      case "to" -> y.services(rule.to());
                      case "on" ->
                          r.nextBoolean()
                              ? String.join(", ", rule.profiles())
                              : y.chunks(rule.profiles());
                      default -> y.network(rule.from());
                    };
                y.entry(first, "    ", k, value);
                first = "    ";
              }
            }
          });
    }
    if (m.defaultAllow() != null) {
      sections.add(() -> y.line("default: " + randomCase(r, m.defaultAllow() ? "allow" : "block")));
    }
    Collections.shuffle(sections, r);
    sections.forEach(Runnable::run);
    String eol = r.nextInt(4) == 0 ? "\r\n" : "\n";
    return new Yaml(String.join(eol, y.lines) + eol, positions);
  }

  /** A scalar written as is (a YAML number). */
  private record Raw(String text) {}

  /** YAML lines; values are String (scalar), Raw, List (sequence) or Map (mapping). */
  private static final class YamlOut {
    private final Random r;
    private final List<String> lines = new ArrayList<>();

    YamlOut(Random r) {
      this.r = r;
    }

    void line(String s) {
      lines.add(s);
    }

    String key(String name) {
      return r.nextInt(4) == 0 ? "\"" + name + "\"" : name;
    }

    Object network(NetExpr e) {
      List<String> include = e.include().stream().map(RandomPolicySources::itemText).toList();
      List<String> exclude = e.exclude().stream().map(RandomPolicySources::itemText).toList();
      int form = r.nextInt(3);
      if (form == 0) {
        String s = String.join(", ", include);
        return exclude.isEmpty() ? s : s + " except " + String.join(", ", exclude);
      }
      if (form == 1 && exclude.isEmpty()) {
        return chunks(include);
      }
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("include", r.nextBoolean() ? String.join(", ", include) : chunks(include));
      if (!exclude.isEmpty()) {
        map.put("except", r.nextBoolean() ? String.join(", ", exclude) : chunks(exclude));
      }
      return map;
    }

    /**
     * A YAML list of the items; an element may hold several items ("the items are concatenated").
     */
    List<Object> chunks(List<String> items) {
      List<Object> out = new ArrayList<>();
      int i = 0;
      while (i < items.size()) {
        int n = r.nextInt(4) == 0 ? 1 + r.nextInt(items.size() - i) : 1;
        out.add(String.join(", ", items.subList(i, i + n)));
        i += n;
      }
      return out;
    }

    Object services(List<SvcItem> items) {
      List<String> texts = new ArrayList<>();
      for (SvcItem item : items) {
        if (item instanceof SvcRef ref) {
          texts.add(ref.name());
        } else {
          SvcPorts p = (SvcPorts) item;
          List<String> ranges = p.ranges().stream().map(RandomPolicySources::rangeText).toList();
          texts.add((p.udp() ? "udp " : "tcp ") + String.join(", ", ranges));
        }
      }
      return r.nextBoolean() ? String.join(", ", texts) : chunks(texts);
    }

    Object ranges(List<int[]> ranges) {
      List<String> texts = ranges.stream().map(RandomPolicySources::rangeText).toList();
      return r.nextBoolean() ? String.join(", ", texts) : chunks(texts);
    }

    /** {@code key: value} at {@code first} indentation; nested block lines at {@code rest}+2. */
    void entry(String first, String rest, String key, Object value) {
      if (value instanceof List<?> list && r.nextBoolean()) {
        line(first + key + ":");
        for (Object item : list) {
          line(rest + "  - " + inline(item, false));
        }
      } else if (value instanceof Map<?, ?> map && !map.isEmpty() && r.nextBoolean()) {
        line(first + key + ":");
        for (Map.Entry<?, ?> e : map.entrySet()) {
          entry(rest + "  ", rest + "  ", (String) e.getKey(), e.getValue());
        }
      } else {
        line(first + key + ": " + inline(value, false));
      }
    }

    /** A value on one line: a scalar, or a flow sequence or mapping. */
    String inline(Object value, boolean flow) {
      if (value instanceof Raw raw) {
        return raw.text();
      }
      if (value instanceof String s) {
        return scalar(s, flow);
      }
      if (value instanceof List<?> list) {
        List<String> items = new ArrayList<>();
        for (Object item : list) {
          items.add(inline(item, true));
        }
        return "[" + String.join(", ", items) + "]";
      }
      Map<?, ?> map = (Map<?, ?>) value;
      List<String> items = new ArrayList<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        items.add(e.getKey() + ": " + inline(e.getValue(), true));
      }
      return "{" + String.join(", ", items) + "}";
    }

    /** Plain when YAML reads it back as the same string, else single- or double-quoted. */
    String scalar(String s, boolean flow) {
      if (PLAIN.matcher(s).matches() && !(flow && s.contains(",")) && r.nextBoolean()) {
        return s;
      }
      if (r.nextInt(3) == 0 && s.chars().noneMatch(c -> c < 0x20)) {
        return "'" + s.replace("'", "''") + "'";
      }
      StringBuilder b = new StringBuilder("\"");
      s.codePoints()
          .forEach(
              cp -> {
                if (cp == '"' || cp == '\\') {
                  b.append('\\').appendCodePoint(cp);
                } else if (cp == '\t') {
                  b.append("\\t");
                } else if (cp < 0x20) {
                  b.append(String.format("\\u%04x", cp));
                } else {
                  b.appendCodePoint(cp);
                }
              });
      return b.append('"').toString();
    }
  }

  private static String itemText(NetItem item) {
    if (item instanceof NetRef ref) {
      return ref.name();
    }
    NetLit lit = (NetLit) item;
    return lit.last() == null ? lit.first() : lit.first() + "-" + lit.last();
  }

  private static String rangeText(int[] range) {
    return range[0] == range[1] ? Integer.toString(range[0]) : range[0] + "-" + range[1];
  }
}
