package dev.rpcwall.cli;

import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ast.AstPrinter;
import dev.rpcwall.compiler.source.SourceDecoder;
import dev.rpcwall.compiler.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rpcwall fmt FILE...}: rewrite policies in the canonical layout, keeping comments. */
@Command(
    name = "fmt",
    description = {
      "Rewrite .rpcwall files in the canonical layout (comments kept; idempotent).",
      "--check changes nothing and exits 1 when a file is not formatted; --stdout prints the"
          + " formatted text instead of rewriting (for YAML files: the equivalent .rpcwall text)."
    },
    mixinStandardHelpOptions = true)
final class FmtCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE")
  List<String> files = new ArrayList<>();

  @Option(names = "--check", description = "Only check; exit 1 when a file would change.")
  boolean check;

  @Option(names = "--stdout", description = "Print the formatted text instead of rewriting files.")
  boolean stdout;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean invalid = false;
    List<String> unformatted = new ArrayList<>();
    for (String name : files) {
      Optional<byte[]> bytes = new FileSourceLoader().load(name);
      if (bytes.isEmpty()) {
        err.println(name + ": error: cannot read the file");
        invalid = true;
        continue;
      }
      Diagnostics diagnostics = new Diagnostics();
      SourceFile file = SourceDecoder.decode(name, bytes.get(), diagnostics);
      Result<PolicyFile> parsed = diagnostics.hasErrors() ? Result.failed(diagnostics) : Compiler.parse(file);
      if (parsed.hasErrors()) {
        Reporter.printText(err, parsed.diagnostics(), Map.of(name, file));
        invalid = true;
        continue;
      }
      String formatted = AstPrinter.print(parsed.orElseThrow());
      boolean yaml = isYaml(name);
      if (stdout) {
        out.print(formatted);
      } else if (yaml) {
        err.println(name + ": error: YAML policies are not rewritten; use --stdout to print the"
            + " equivalent .rpcwall text");
        invalid = true;
      } else if (!formatted.equals(file.text())) {
        unformatted.add(name);
        if (check) {
          out.println(name + ": not formatted");
        } else {
          try {
            AtomicFiles.writeAll(Map.of(Path.of(name), formatted.getBytes(StandardCharsets.UTF_8)));
          } catch (IOException | java.nio.file.InvalidPathException | SecurityException e) {
            // A read-only file or directory is the user's to fix (exit 2), not a bug.
            err.println(name + ": error: cannot rewrite the file (" + e.getMessage()
                + "); it is unchanged");
            invalid = true;
            continue;
          }
          out.println(name + ": formatted");
        }
      }
    }
    out.flush();
    if (invalid) {
      return ExitCodes.INVALID;
    }
    return check && !unformatted.isEmpty() ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  private static boolean isYaml(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }
}
