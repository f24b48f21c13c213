package dev.rpcwall.cli;

import dev.rpcwall.compiler.ast.AstPrinter;
import dev.rpcwall.compiler.ast.PolicyFile;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.parse.ParsedFile;
import dev.rpcwall.compiler.source.LoadResult;
import dev.rpcwall.compiler.source.SourceDecoder;
import dev.rpcwall.compiler.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin RootOption root;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean invalid = false;
    List<String> unformatted = new ArrayList<>();
    for (String name : files) {
      LoadResult loaded = root.loader(name).read(name);
      if (!(loaded instanceof LoadResult.Found found)) {
        err.println(Reporter.safe(name) + ": error: cannot read the file"
            + (loaded instanceof LoadResult.Refused r ? ": " + Reporter.safe(r.reason()) : ""));
        invalid = true;
        continue;
      }
      ParsedFile read = ParsedFile.read(name, found.bytes());
      SourceFile file = read.source();
      Result<PolicyFile> parsed = read.result();
      if (parsed.hasErrors()) {
        // A file that does not read as a policy is reported without a snippet of it.
        Reporter.printText(err, read.diagnostics(Optional.empty()),
            read.readsAsPolicy() ? Map.of(name, file) : Map.of());
        invalid = true;
        continue;
      }
      // The file keeps its line ends (a Windows checkout with autocrlf has CRLF) and its byte
      // order mark; formatting changes only what AstPrinter decides.
      byte[] raw = found.bytes();
      boolean crlf = file.text().contains("\r\n");
      String formatted = AstPrinter.print(parsed.orElseThrow());
      if (crlf) {
        formatted = formatted.replace("\n", "\r\n");
      }
      boolean yaml = ParsedFile.isYaml(name);
      if (stdout) {
        out.print(formatted);
      } else if (yaml) {
        err.println(Reporter.safe(name) + ": error: YAML policies are not rewritten; use --stdout"
            + " to print the equivalent .rpcwall text");
        invalid = true;
      } else if (!formatted.equals(file.text())) {
        unformatted.add(name);
        if (check) {
          out.println(Reporter.safe(name) + ": not formatted");
        } else {
          try {
            AtomicFiles.writeAll(Map.of(Path.of(name), encodeLike(raw, formatted)));
          } catch (IOException | java.nio.file.InvalidPathException | SecurityException e) {
            // A read-only file or directory is the user's to fix (exit 2), not a bug.
            err.println(Reporter.safe(name) + ": error: cannot rewrite the file ("
                + Reporter.safe(String.valueOf(e.getMessage()))
                + "); it is unchanged");
            invalid = true;
            continue;
          }
          out.println(Reporter.safe(name) + ": formatted");
        }
      }
    }
    out.flush();
    if (invalid) {
      return ExitCodes.INVALID;
    }
    return check && !unformatted.isEmpty() ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /**
   * {@code text} in the encoding {@code original} was read in: UTF-8 (with its BOM, if any) or
   * UTF-16 with a BOM, as {@link SourceDecoder.Bom} detects it for reading.
   */
  static byte[] encodeLike(byte[] original, String text) {
    return SourceDecoder.Bom.of(original).encode(text);
  }
}
