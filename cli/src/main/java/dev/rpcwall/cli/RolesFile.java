package dev.rpcwall.cli;

import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.ast.AddressLit;
import dev.rpcwall.compiler.ast.ImportDecl;
import dev.rpcwall.compiler.ast.NetworkDecl;
import dev.rpcwall.compiler.ast.NetworkItem;
import dev.rpcwall.compiler.ast.NetworkRef;
import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.ast.Statement;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.compiler.model.AddressEntries;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.source.SourceDecoder;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code lint --roles FILE}: the networks the role-aware checks use, in one of two forms.
 *
 * <ul>
 *   <li>YAML: {@code workstations: [10.2.0.0/16, ...]}, {@code servers}, {@code admins}, {@code
 *       internet} at the top (any other key is an error, so a misspelt role is not silently
 *       ignored), or a YAML policy's {@code networks:} mapping, where other names are helpers the
 *       roles may refer to;
 *   <li>the policy language: {@code network workstations = 10.2.0.0/16 except 10.2.9.0/24}, so a
 *       policy file can name the roles itself (its other statements are ignored, imports are not
 *       followed).
 * </ul>
 *
 * Items are addresses in the policy language's forms ({@link AddressEntries}, one parser for all),
 * {@code any}, {@code any4}, {@code any6}, or the name of another network of the same file.
 */
final class RolesFile {
  static final List<String> ROLES = List.of("workstations", "servers", "admins", "internet");
  private static final Pattern YAML_KEY_LINE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_-]*\\s*:.*");

  record Parsed(Roles roles, List<Diagnostic> diagnostics, SourceFile source) {}

  /** One item of a network: an address as written or a name, where it stands. */
  private record Item(String text, SourceSpan at, boolean name) {}

  private record Definition(SourceSpan at, List<Item> include, List<Item> exclude) {}

  private final SourceFile source;
  private final Map<String, Definition> definitions = new LinkedHashMap<>();
  private final Map<String, AddressSet> resolved = new LinkedHashMap<>();
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private RolesFile(SourceFile source) {
    this.source = source;
  }

  static Parsed parse(String name, byte[] bytes) {
    Diagnostics decode = new Diagnostics();
    SourceFile source = SourceDecoder.decode(name, bytes, decode);
    RolesFile r = new RolesFile(source);
    r.diagnostics.addAll(decode.sorted());
    boolean strictRoles = false;
    if (isYaml(source)) {
      strictRoles = r.readYaml();
    } else {
      r.readPolicyLanguage();
    }
    if (r.diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
      return new Parsed(Roles.NONE, r.errors(), source);
    }
    Optional<AddressSet>[] sets = r.roles(strictRoles);
    Roles roles = new Roles(sets[0], sets[1], sets[2], sets[3]);
    return new Parsed(r.errors().isEmpty() ? roles : Roles.NONE, r.errors(), source);
  }

  private List<Diagnostic> errors() {
    return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
  }

  /** YAML by the name's extension, or by a first statement of the form {@code key:}. */
  private static boolean isYaml(SourceFile file) {
    String lower = file.name().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return true;
    }
    for (String line : file.text().split("\n", -1)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#") || t.equals("---")) {
        continue;
      }
      return YAML_KEY_LINE.matcher(t).matches() && !t.startsWith("network ");
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private Optional<AddressSet>[] roles(boolean strict) {
    Optional<AddressSet>[] out = new Optional[ROLES.size()];
    for (int i = 0; i < ROLES.size(); i++) {
      String role = ROLES.get(i);
      out[i] = definitions.containsKey(role) ? Optional.ofNullable(resolve(role, new HashSet<>())) : Optional.empty();
    }
    // Every definition is resolved, so its errors are reported even when no role uses it.
    for (String name : definitions.keySet()) {
      resolve(name, new HashSet<>());
    }
    if (definitions.keySet().stream().noneMatch(ROLES::contains)) {
      diagnostics.add(error(source.spanAt(0, 0),
          "the roles file names none of " + String.join(", ", ROLES),
          "write, e.g.: workstations: [10.2.0.0/16]"));
    }
    return out;
  }

  // ---------------------------------------------------------------- the policy language

  private void readPolicyLanguage() {
    Result<PolicyFile> parsed = Compiler.parse(source);
    diagnostics.addAll(parsed.diagnostics());
    if (parsed.value().isEmpty()) {
      return;
    }
    for (Statement s : parsed.value().get().statements()) {
      if (s instanceof NetworkDecl n) {
        String name = n.name().name();
        if (definitions.containsKey(name)) {
          diagnostics.add(error(n.name().span(), "network '" + name + "' is defined twice", "keep one definition"));
          continue;
        }
        definitions.put(name, new Definition(n.span(), items(n.value().include()), items(n.value().exclude())));
      } else if (s instanceof ImportDecl i) {
        diagnostics.add(error(i.span(), "a roles file's imports are not followed",
            "define the role networks in this file (network workstations = ...)"));
      }
    }
  }

  private static List<Item> items(List<NetworkItem> items) {
    List<Item> out = new ArrayList<>();
    for (NetworkItem item : items) {
      if (item instanceof NetworkRef ref) {
        out.add(new Item(ref.name().name(), ref.span(), true));
      } else if (item instanceof AddressLit lit) {
        out.add(new Item(lit.text(), lit.span(), false));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- YAML

  /** Reads YAML roles; true when the roles stand at the top (then other keys are errors). */
  private boolean readYaml() {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(10);
      root = new Yaml(options).compose(new StringReader(source.text()));
    } catch (MarkedYAMLException e) {
      diagnostics.add(error(at(e.getProblemMark(), 1), "not valid YAML: " + e.getProblem(),
          "write, e.g.: workstations: [10.2.0.0/16]"));
      return false;
    } catch (RuntimeException e) {
      diagnostics.add(error(source.spanAt(0, 0), "not valid YAML: " + e.getMessage(),
          "write, e.g.: workstations: [10.2.0.0/16]"));
      return false;
    }
    if (!(root instanceof MappingNode map)) {
      diagnostics.add(error(root == null ? source.spanAt(0, 0) : at(root.getStartMark(), 1),
          "a roles file is a mapping of role names to networks", "write, e.g.: workstations: [10.2.0.0/16]"));
      return false;
    }
    MappingNode roles = map;
    boolean strict = true;
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("networks")
          && t.getValueNode() instanceof MappingNode networks) {
        roles = networks;
        strict = false;
      }
    }
    for (NodeTuple t : roles.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        diagnostics.add(error(at(t.getKeyNode().getStartMark(), 1), "a role name must be a plain word", "write, e.g.: workstations: [10.2.0.0/16]"));
        continue;
      }
      String name = key.getValue();
      SourceSpan keyAt = at(key.getStartMark(), Math.max(1, name.length()));
      if (!strict || ROLES.contains(name)) {
        Definition d = yamlDefinition(keyAt, t.getValueNode());
        if (d != null) {
          definitions.put(name, d);
        }
      } else if (!map.getValue().isEmpty() && !isPolicyKey(name, roles == map)) {
        diagnostics.add(error(keyAt, "unknown role '" + name + "'",
            "the roles are " + String.join(", ", ROLES) + Suggest.closest(name, ROLES)));
      }
    }
    return strict;
  }

  /** The keys of a YAML policy at the top level, which a roles file may carry around its roles. */
  private static boolean isPolicyKey(String name, boolean top) {
    return top && List.of("policy", "description", "rpc", "rules", "default", "replaces").contains(name);
  }

  private Definition yamlDefinition(SourceSpan at, Node value) {
    List<Item> include = new ArrayList<>();
    List<Item> exclude = new ArrayList<>();
    List<ScalarNode> scalars = new ArrayList<>();
    if (value instanceof ScalarNode s) {
      scalars.add(s);
    } else if (value instanceof SequenceNode seq) {
      for (Node n : seq.getValue()) {
        if (n instanceof ScalarNode s) {
          scalars.add(s);
        } else {
          diagnostics.add(error(at(n.getStartMark(), 1), "a network item is an address or a name", "write, e.g.: [10.2.0.0/16, 10.3.0.0/16]"));
        }
      }
    } else {
      diagnostics.add(error(at(value.getStartMark(), 1), "a role is a list of addresses", "write, e.g.: workstations: [10.2.0.0/16]"));
      return null;
    }
    for (ScalarNode s : scalars) {
      String text = s.getValue();
      Mark mark = s.getStartMark();
      // A quoted scalar's text starts one column after its mark.
      int shift = s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN ? 0 : 1;
      int exceptAt = text.indexOf(" except ");
      split(text, 0, exceptAt < 0 ? text.length() : exceptAt, mark, shift, include);
      if (exceptAt >= 0) {
        split(text, exceptAt + " except ".length(), text.length(), mark, shift, exclude);
      }
    }
    return new Definition(at, include, exclude);
  }

  private void split(String text, int from, int to, Mark mark, int shift, List<Item> out) {
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || text.charAt(i) == ',') {
        int a = start;
        int b = i;
        while (a < b && Character.isWhitespace(text.charAt(a))) {
          a++;
        }
        while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
          b--;
        }
        if (a < b) {
          String item = text.substring(a, b);
          SourceSpan span = new SourceSpan(source.name(), mark.getLine() + 1, mark.getColumn() + 1 + shift + a, b - a);
          out.add(new Item(item, span, item.matches("[A-Za-z_][A-Za-z0-9_-]*")));
        }
        start = i + 1;
      }
    }
  }

  private SourceSpan at(Mark mark, int length) {
    if (mark == null) {
      return source.spanAt(0, 0);
    }
    return new SourceSpan(source.name(), mark.getLine() + 1, mark.getColumn() + 1, length);
  }

  // ---------------------------------------------------------------- resolving

  private AddressSet resolve(String name, Set<String> stack) {
    AddressSet done = resolved.get(name);
    if (done != null) {
      return done;
    }
    Definition d = definitions.get(name);
    if (d == null || !stack.add(name)) {
      return null;
    }
    AddressSet include = union(d.include(), stack, name);
    AddressSet exclude = union(d.exclude(), stack, name);
    stack.remove(name);
    AddressSet set = include == null || exclude == null ? null : include.minus(exclude);
    if (set != null) {
      resolved.put(name, set);
    }
    return set;
  }

  private AddressSet union(List<Item> items, Set<String> stack, String owner) {
    AddressSet out = AddressSet.empty();
    boolean ok = true;
    for (Item item : items) {
      AddressSet set = null;
      if (item.name()) {
        switch (item.text()) {
          case "any" -> set = AddressSet.all();
          case "any4" -> set = AddressSet.all(IpFamily.IPV4);
          case "any6" -> set = AddressSet.all(IpFamily.IPV6);
          default -> {
            if (!definitions.containsKey(item.text())) {
              diagnostics.add(error(item.at(), "unknown network '" + item.text() + "'",
                  "define it in this file" + Suggest.closest(item.text(), new ArrayList<>(definitions.keySet()))));
            } else if (stack.contains(item.text())) {
              diagnostics.add(error(item.at(), "network '" + owner + "' refers to itself through '" + item.text() + "'",
                  "break the cycle"));
            } else {
              set = resolve(item.text(), stack);
            }
          }
        }
      } else if (AddressEntries.parse(item.text()) instanceof AddressEntries.Ok okEntry) {
        set = okEntry.set();
      } else if (AddressEntries.parse(item.text()) instanceof AddressEntries.Bad bad) {
        diagnostics.add(error(item.at(), "'" + item.text() + "' is not an address: " + bad.message(), bad.hint()));
      }
      if (set == null) {
        ok = false;
      } else {
        out = out.union(set);
      }
    }
    return ok ? out : null;
  }

  private static Diagnostic error(SourceSpan at, String message, String hint) {
    return new Diagnostic(Severity.ERROR, Codes.LINT_ROLES_INVALID, at, message, Optional.ofNullable(hint));
  }

  /** "; did you mean 'x'?" for a near miss, else nothing. */
  static final class Suggest {
    private Suggest() {}

    static String closest(String word, List<String> choices) {
      String best = null;
      int bestDistance = 3;
      for (String c : choices) {
        int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
        if (d < bestDistance) {
          best = c;
          bestDistance = d;
        }
      }
      return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private static int distance(String a, String b) {
      int[] prev = new int[b.length() + 1];
      int[] cur = new int[b.length() + 1];
      for (int j = 0; j <= b.length(); j++) {
        prev[j] = j;
      }
      for (int i = 1; i <= a.length(); i++) {
        cur[0] = i;
        for (int j = 1; j <= b.length(); j++) {
          int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
          cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
        }
        int[] t = prev;
        prev = cur;
        cur = t;
      }
      return prev[b.length()];
    }
  }
}
