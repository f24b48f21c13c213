package dev.rpcwall.cli;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.ast.ImportDecl;
import dev.rpcwall.compiler.ast.NetworkDecl;
import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.ast.ServiceDecl;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.Compilation;
import dev.rpcwall.emit.deploy.RpcArtifacts;
import java.util.Set;
import dev.rpcwall.compiler.diag.Diagnostic;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rpcwall check FILE...}: parse, resolve and check policies; print every diagnostic. */
@Command(
    name = "check",
    description = "Check policies (.rpcwall or YAML) and print every diagnostic, sorted by position.",
    mixinStandardHelpOptions = true)
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy files to check.")
  List<String> files = new ArrayList<>();

  @Option(names = "--format", description = "Output format: ${COMPLETION-CANDIDATES}.")
  OutputFormat format = OutputFormat.text;

  @Option(
      names = {"-t", "--target"},
      paramLabel = "TARGET",
      description = "Also run the checks of these targets (default: all, as compile --target all"
          + " does), so that a policy that passes check compiles.")
  String target = "all";

  @Option(
      names = "--ipv4-only",
      description = "Legacy IPsec targets: as compile --ipv4-only, the policy's IPv6 part is left"
          + " out instead of being an error.")
  boolean ipv4Only;

  @Mixin RootOption root;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Set<TargetId> targets = TargetOption.parse(target);
    if (targets.isEmpty()) {
      err.println("rpcwall check: unknown target '" + Reporter.safe(target)
          + "'; use " + TargetOption.choices());
      err.flush();
      return ExitCodes.INVALID;
    }
    boolean errors = false;
    List<Object> json = new ArrayList<>();
    for (String file : files) {
      Analysis analysis = root.analyze(file);
      List<Diagnostic> diagnostics = new ArrayList<>(analysis.diagnostics());
      boolean library = isLibrary(file, analysis);
      if (library) {
        // A file of only import/network/service statements (examples/common/networks.rpcwall)
        // is a library: its definitions are checked, and it needs no policy line.
        diagnostics.removeIf(d -> d.code().equals(Codes.POLICY_MISSING));
      }
      if (analysis.decisionMap().isPresent()) {
        diagnostics.addAll(Compilation.checkTargets(
            analysis.decisionMap().get(), targets,
            Compilation.Options.defaults()
                .withIpv4Only(ipv4Only)
                .withSkipInexpressible(TargetOption.isAll(target))));
        for (TargetId t : targets) {
          if (RpcArtifacts.TARGETS.contains(t)) {
            diagnostics.addAll(RpcArtifacts.check(t, analysis.decisionMap().get().policy()));
          }
          if (t == TargetId.SIGMA) {
            diagnostics.addAll(dev.rpcwall.emit.sigma.SigmaRules.check(analysis.decisionMap().get()));
          }
        }
        diagnostics.sort(java.util.Comparator.comparing(Diagnostic::span));
      }
      boolean invalid = diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
      errors |= invalid;
      if (format == OutputFormat.json) {
        Map<String, Object> entry = Json.object();
        entry.put("file", file);
        entry.put("valid", !invalid);
        if (library) {
          entry.put("library", true);
        }
        entry.put("diagnostics", diagnostics.stream().map(Json::diagnostic).toList());
        json.add(entry);
      } else {
        Reporter.printText(out, diagnostics, analysis.sources());
        out.println(Reporter.safe(file) + ": " + (invalid ? "invalid" : library ? "ok, library" : "ok") + " ("
            + Reporter.summary(diagnostics) + ")");
      }
    }
    if (format == OutputFormat.json) {
      Map<String, Object> root = Json.object();
      root.put("files", json);
      out.println(Json.write(root));
    }
    out.flush();
    return errors ? ExitCodes.INVALID : ExitCodes.OK;
  }

  /** True when the main file parses and holds only import, network and service statements. */
  private static boolean isLibrary(String file, Analysis analysis) {
    SourceFile main = analysis.sources().get(file);
    if (main == null || analysis.diagnostics().stream().noneMatch(d -> d.code().equals(Codes.POLICY_MISSING))) {
      return false;
    }
    Result<PolicyFile> parsed = Compiler.parse(main);
    return parsed.value().isPresent()
        && !parsed.value().get().statements().isEmpty()
        && parsed.value().get().statements().stream().allMatch(
            s -> s instanceof ImportDecl || s instanceof NetworkDecl || s instanceof ServiceDecl);
  }
}
