package dev.rpcwall.compiler.check;

import dev.rpcwall.compiler.ast.ImportDecl;
import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.ast.Statement;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.parse.ParsedFile;
import dev.rpcwall.compiler.source.LoadResult;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceLoader;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a policy's main file and, depth first, every file it imports. Import paths are relative to
 * the importing file and must stay inside the policy root: the main file's directory unless the
 * caller names a wider one ({@code rpcwall --root}); see {@link ImportPaths} for what is refused.
 * Each file is read once however often it is imported; a cycle, a missing or refused file is a
 * diagnostic at the import statement; a file that does not read as a policy is reported without
 * its content ({@link ParsedFile}). Iterative, so import depth cannot overflow the stack.
 */
public final class ImportLoader {
  private final SourceLoader loader;
  private final Diagnostics diagnostics;
  private final String root;
  private final Map<String, SourceFile> sources = new LinkedHashMap<>();
  private final List<LoadedFile> files = new ArrayList<>();
  private byte[] mainBytes = new byte[0];
  private String rootDir = "";

  /** Imports confined to the main file's directory tree. */
  public ImportLoader(SourceLoader loader, Diagnostics diagnostics) {
    this(loader, diagnostics, null);
  }

  /**
   * Imports confined to {@code root}, a directory named in the same terms as the paths given to
   * {@code loader} (relative to the same working directory, or absolute); {@code null} means the
   * main file's directory.
   */
  public ImportLoader(SourceLoader loader, Diagnostics diagnostics, String root) {
    this.loader = loader;
    this.diagnostics = diagnostics;
    this.root = root;
  }

  /**
   * Every file read that reads as a policy, by name, including files with errors (for diagnostic
   * snippets). A file that is not a policy is left out, so nothing can quote it.
   */
  public Map<String, SourceFile> sources() {
    return sources;
  }

  /** The raw bytes of the main file (for the SHA-256 in script headers); empty if unread. */
  public byte[] mainBytes() {
    return mainBytes.clone();
  }

  /** Parses {@code bytes} as the {@code .rpcwall} or the YAML form, by the name's extension. */
  public static Result<PolicyFile> parse(SourceFile file) {
    return ParsedFile.parse(file);
  }

  static boolean isYaml(String name) {
    return ParsedFile.isYaml(name);
  }

  private record Frame(String path, List<ImportDecl> imports, int[] next) {}

  /**
   * Loads {@code mainPath} and everything it imports; the main file comes first, then imports in
   * the order they were first reached. Files that fail to load or parse are left out (their
   * diagnostics are reported).
   */
  public List<LoadedFile> load(String mainPath) {
    // resolve(file, ".") is the file's directory; a trailing '/' makes the root its own.
    rootDir =
        root == null ? resolve(mainPath, ".") : root.isEmpty() ? "" : resolve(root + "/", ".");
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
      String written = decl.path().value();
      Optional<String> problem = ImportPaths.problem(written);
      if (problem.isPresent()) {
        diagnostics.error(
            Codes.IMPORT_REFUSED,
            decl.path().span(),
            "import path '" + written + "' " + problem.get(),
            "an import is a relative path, such as \"common/networks.rpcwall\", inside the"
                + " directory of the main policy file (or of --root)");
        continue;
      }
      String target = resolve(top.path(), written);
      if (!ImportPaths.within(rootDir, target)) {
        diagnostics.error(
            Codes.IMPORT_REFUSED,
            decl.path().span(),
            "import '" + written + "' leads outside the policy root ("
                + (rootDir.isEmpty() ? "the current directory" : "'" + rootDir + "'") + ")",
            "imports stay inside the main policy file's directory; to share files from a wider"
                + " tree, name it with --root DIR");
        continue;
      }
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
    LoadResult loaded = loader.read(path);
    if (loaded instanceof LoadResult.Refused refused) {
      diagnostics.error(
          Codes.IMPORT_REFUSED,
          from == null ? new SourceSpan(path, 0, 0, 0) : from.path().span(),
          (from == null ? "'" + path + "'" : "import '" + from.path().value() + "'")
              + " refused: " + refused.reason(),
          "policy files and their imports are read only inside the policy root (the main"
              + " file's directory, or --root DIR)");
      return Optional.empty();
    }
    if (!(loaded instanceof LoadResult.Found found)) {
      SourceSpan at = from == null ? new SourceSpan(path, 0, 0, 0) : from.path().span();
      diagnostics.error(
          Codes.IMPORT_MISSING,
          at,
          from == null ? "cannot read '" + path + "'" : "imported file '" + path + "' not found",
          from == null ? null : "import paths are relative to the importing file");
      return Optional.empty();
    }
    if (from == null) {
      mainBytes = found.bytes();
    }
    ParsedFile parsed = ParsedFile.read(path, found.bytes());
    diagnostics.addAll(
        parsed.diagnostics(from == null ? Optional.empty() : Optional.of(from.path().span())));
    if (!parsed.readsAsPolicy()) {
      return Optional.empty();
    }
    sources.put(path, parsed.source());
    return parsed.result().value();
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
    if (parts.size() == 1 && parts.peekFirst().isEmpty()) {
      return "/"; // the root of an absolute path, not the empty relative path
    }
    return String.join("/", parts);
  }
}
