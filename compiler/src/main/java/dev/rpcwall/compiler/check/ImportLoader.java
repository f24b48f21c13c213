package dev.rpcwall.compiler.check;

import dev.rpcwall.compiler.ast.ImportDecl;
import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.ast.Statement;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.parse.PolicyReader;
import dev.rpcwall.compiler.parse.YamlPolicyReader;
import dev.rpcwall.compiler.source.SourceDecoder;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceLoader;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a policy's main file and, depth first, every file it imports. Import paths are relative to
 * the importing file; each file is read once however often it is imported; a cycle or a missing
 * file is a diagnostic at the import statement. Iterative, so import depth cannot overflow the
 * stack.
 */
public final class ImportLoader {
  private final SourceLoader loader;
  private final Diagnostics diagnostics;
  private final Map<String, SourceFile> sources = new LinkedHashMap<>();
  private final List<LoadedFile> files = new ArrayList<>();

  public ImportLoader(SourceLoader loader, Diagnostics diagnostics) {
    this.loader = loader;
    this.diagnostics = diagnostics;
  }

  /** Every file read, by name, including files that did not parse (for diagnostic snippets). */
  public Map<String, SourceFile> sources() {
    return sources;
  }

  /** Parses {@code bytes} as the {@code .rpcwall} or the YAML form, by the name's extension. */
  public static Result<PolicyFile> parse(SourceFile file) {
    return isYaml(file.name()) ? YamlPolicyReader.read(file) : PolicyReader.read(file);
  }

  static boolean isYaml(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  private record Frame(String path, List<ImportDecl> imports, int[] next) {}

  /**
   * Loads {@code mainPath} and everything it imports; the main file comes first, then imports in
   * the order they were first reached. Files that fail to load or parse are left out (their
   * diagnostics are reported).
   */
  public List<LoadedFile> load(String mainPath) {
    Map<String, Boolean> onStack = new HashMap<>();
    Deque<Frame> stack = new ArrayDeque<>();
    Optional<PolicyFile> main = read(mainPath, null);
    if (main.isEmpty()) {
      return files;
    }
    files.add(new LoadedFile(sources.get(mainPath), main.get(), true));
    onStack.put(mainPath, true);
    stack.push(new Frame(mainPath, imports(main.get()), new int[] {0}));
    while (!stack.isEmpty()) {
      Frame top = stack.peek();
      if (top.next()[0] >= top.imports().size()) {
        onStack.put(top.path(), false);
        stack.pop();
        continue;
      }
      ImportDecl decl = top.imports().get(top.next()[0]++);
      String target = resolve(top.path(), decl.path().value());
      Boolean state = onStack.get(target);
      if (Boolean.TRUE.equals(state)) {
        List<String> chain = new ArrayList<>();
        boolean in = false;
        for (var it = stack.descendingIterator(); it.hasNext(); ) {
          String p = it.next().path();
          in |= p.equals(target);
          if (in) {
            chain.add(p);
          }
        }
        chain.add(target);
        diagnostics.error(
            Codes.IMPORT_CYCLE,
            decl.span(),
            "import cycle: " + String.join(" -> ", chain),
            "move the shared definitions into a file that imports nothing from this chain");
        continue;
      }
      if (state != null) {
        continue; // already loaded through another import
      }
      Optional<PolicyFile> ast = read(target, decl);
      onStack.put(target, true);
      if (ast.isEmpty()) {
        onStack.put(target, false);
        continue;
      }
      files.add(new LoadedFile(sources.get(target), ast.get(), false));
      stack.push(new Frame(target, imports(ast.get()), new int[] {0}));
    }
    return files;
  }

  private Optional<PolicyFile> read(String path, ImportDecl from) {
    Optional<byte[]> bytes = loader.load(path);
    if (bytes.isEmpty()) {
      SourceSpan at = from == null ? new SourceSpan(path, 0, 0, 0) : from.path().span();
      diagnostics.error(
          Codes.IMPORT_MISSING,
          at,
          from == null ? "cannot read '" + path + "'" : "imported file '" + path + "' not found",
          from == null ? null : "import paths are relative to the importing file");
      return Optional.empty();
    }
    SourceFile file = SourceDecoder.decode(path, bytes.get(), diagnostics);
    sources.put(path, file);
    Result<PolicyFile> parsed = parse(file);
    diagnostics.addAll(parsed.diagnostics());
    return parsed.value();
  }

  private static List<ImportDecl> imports(PolicyFile file) {
    List<ImportDecl> out = new ArrayList<>();
    for (Statement s : file.statements()) {
      if (s instanceof ImportDecl i) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * Joins an import path to the directory of the importing file and normalises {@code .} and
   * {@code ..}; {@code \} counts as {@code /} so Windows-style paths work. Absolute paths are kept.
   */
  public static String resolve(String importer, String path) {
    String p = path.replace('\\', '/');
    boolean absolute = p.startsWith("/") || p.matches("^[A-Za-z]:/.*");
    String joined;
    if (absolute) {
      joined = p;
    } else {
      String base = importer.replace('\\', '/');
      int slash = base.lastIndexOf('/');
      joined = slash < 0 ? p : base.substring(0, slash + 1) + p;
    }
    Deque<String> parts = new ArrayDeque<>();
    String[] segments = joined.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.equals(".") || (s.isEmpty() && i > 0)) {
        continue;
      }
      if (s.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")
          && !parts.peekLast().isEmpty()) {
        parts.removeLast();
      } else {
        parts.addLast(s);
      }
    }
    return String.join("/", parts);
  }
}
