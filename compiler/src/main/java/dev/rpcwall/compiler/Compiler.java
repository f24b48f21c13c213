package dev.rpcwall.compiler;

import dev.rpcwall.compiler.ast.AstPrinter;
import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.check.ImportLoader;
import dev.rpcwall.compiler.check.LoadedFile;
import dev.rpcwall.compiler.check.NameResolver;
import dev.rpcwall.compiler.ast.ImportDecl;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.parse.ParsedFile;
import dev.rpcwall.compiler.parse.PolicyReader;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.LockoutChecks;
import dev.rpcwall.compiler.semantics.PolicyChecks;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceLoader;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;
import java.util.Optional;

/** Entry points of the front end: parse, format and resolve policy files. */
public final class Compiler {
  private Compiler() {}

  /** Parses one file: YAML when its name ends in {@code .yaml} or {@code .yml}, else the DSL. */
  public static Result<PolicyFile> parse(SourceFile file) {
    return ImportLoader.parse(file);
  }

  /**
   * The canonical {@code .rpcwall} text of a file ({@code rpcwall fmt}); a YAML file is printed in
   * the {@code .rpcwall} syntax (YAML comments are not kept).
   */
  public static Result<String> format(SourceFile file) {
    Result<PolicyFile> parsed = parse(file);
    return new Result<>(parsed.value().map(AstPrinter::print), parsed.diagnostics());
  }

  /**
   * Loads {@code path} through {@code loader}, follows its imports, and resolves names; the
   * diagnostics of every file are collected and sorted. Imports stay inside the main file's
   * directory tree.
   */
  public static Result<Policy> resolve(SourceLoader loader, String path) {
    return resolveWithSources(loader, path).result();
  }

  /** {@link #resolve} plus every file read, for rendering diagnostics with snippets. */
  public static Resolution resolveWithSources(SourceLoader loader, String path) {
    return resolveWithSources(loader, path, null);
  }

  /**
   * {@link #resolveWithSources} with imports confined to the directory {@code root} (named in the
   * loader's terms) instead of the main file's directory; {@code null} means the latter.
   */
  public static Resolution resolveWithSources(SourceLoader loader, String path, String root) {
    Diagnostics diagnostics = new Diagnostics();
    ImportLoader imports = new ImportLoader(loader, diagnostics, root);
    List<LoadedFile> files = imports.load(path);
    if (files.isEmpty()) {
      nameErrorsDespiteSyntax(imports.sources().get(path), diagnostics);
    }
    Optional<Policy> policy = NameResolver.resolve(files, diagnostics);
    Result<Policy> result =
        policy.isPresent() && !diagnostics.hasErrors()
            ? Result.of(policy.get(), diagnostics)
            : Result.failed(diagnostics);
    return new Resolution(result, imports.sources(), imports.mainBytes());
  }

  /**
   * Issue 12 point 4: a syntax error used to hide every name error of the file, which the user met
   * only after fixing it. The statements that parsed are resolved on their own, and their unknown
   * network and service names are reported too, except names a broken statement may define; when
   * the file imports (or a broken statement may be an import), the imports are not read here and
   * nothing is reported, so that no name is called unknown that an import defines.
   */
  private static void nameErrorsDespiteSyntax(SourceFile main, Diagnostics diagnostics) {
    if (main == null || ParsedFile.isYaml(main.name()) || !diagnostics.hasErrors()) {
      return;
    }
    Optional<PolicyReader.Recovered> recovered = PolicyReader.recover(main);
    if (recovered.isEmpty() || recovered.get().mayImport()
        || recovered.get().file().statements().stream().anyMatch(s -> s instanceof ImportDecl)) {
      return;
    }
    Diagnostics names = new Diagnostics();
    NameResolver.resolve(List.of(new LoadedFile(main, recovered.get().file(), true)), names);
    for (Diagnostic d : names.sorted()) {
      if (!d.code().equals(Codes.UNKNOWN_NETWORK) && !d.code().equals(Codes.UNKNOWN_SERVICE)) {
        continue;
      }
      SourceSpan at = d.span();
      if (!at.isKnown() || at.line() < 1 || at.line() > main.lineCount()) {
        continue;
      }
      String line = main.line(at.line());
      int from = Math.max(0, at.column() - 1);
      String name = line.substring(from, Math.min(line.length(), from + Math.max(0, at.length())));
      if (!recovered.get().mayDefine().contains(name)) {
        diagnostics.addAll(List.of(d));
      }
    }
  }

  /**
   * The whole of {@code rpcwall check}: {@link #resolveWithSources}, then the decision function
   * and the checks that need it (shadowed rules, half-open RPC, unguarded WMI port).
   */
  public static Analysis analyze(SourceLoader loader, String path) {
    return analyze(loader, path, null);
  }

  /** {@link #analyze(SourceLoader, String)} with imports confined to {@code root} (see above). */
  public static Analysis analyze(SourceLoader loader, String path, String root) {
    Resolution resolution = resolveWithSources(loader, path, root);
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(resolution.result().diagnostics());
    if (resolution.result().hasErrors()) {
      return new Analysis(
          Optional.empty(), Optional.empty(), diagnostics.sorted(), resolution.sources(),
          resolution.mainBytes());
    }
    Policy policy = resolution.result().orElseThrow();
    DecisionMap map = DecisionMap.of(policy);
    PolicyChecks.check(map, diagnostics);
    LockoutChecks.check(map, diagnostics);
    return new Analysis(
        Optional.of(policy), Optional.of(map), diagnostics.sorted(), resolution.sources(),
        resolution.mainBytes());
  }
}
