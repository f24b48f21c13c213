package dev.rpcwall.cli;

import dev.rpcwall.compiler.Analysis;
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

  @Mixin RootOption root;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean errors = false;
    List<Object> json = new ArrayList<>();
    for (String file : files) {
      Analysis analysis = root.analyze(file);
      List<Diagnostic> diagnostics = analysis.diagnostics();
      errors |= analysis.hasErrors();
      if (format == OutputFormat.json) {
        Map<String, Object> entry = Json.object();
        entry.put("file", file);
        entry.put("valid", !analysis.hasErrors());
        entry.put("diagnostics", diagnostics.stream().map(Json::diagnostic).toList());
        json.add(entry);
      } else {
        Reporter.printText(out, diagnostics, analysis.sources());
        out.println(Reporter.safe(file) + ": " + (analysis.hasErrors() ? "invalid" : "ok") + " ("
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
}
