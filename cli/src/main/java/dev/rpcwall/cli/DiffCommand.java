package dev.rpcwall.cli;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.semantics.PolicyDiff.DiffEntry;
import dev.rpcwall.compiler.semantics.PolicyDiff;
import dev.rpcwall.compiler.semantics.Profile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rpcwall diff OLD NEW}: every region whose decision changed, old to new. */
@Command(
    name = "diff",
    description = {
      "Print the semantic difference of two policies: every region (addresses x protocol/ports x"
          + " profiles) whose decision changed, old -> new.",
      "Exit 0 when both mean the same, 1 when they differ."
    },
    mixinStandardHelpOptions = true)
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD")
  String before;

  @Parameters(index = "1", paramLabel = "NEW")
  String after;

  @Option(names = "--format", description = "Output format: ${COMPLETION-CANDIDATES}.")
  OutputFormat format = OutputFormat.text;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Analysis a = Compiler.analyze(new FileSourceLoader(), before);
    Analysis b = Compiler.analyze(new FileSourceLoader(), after);
    if (a.hasErrors() || b.hasErrors()) {
      Reporter.printText(err, a.diagnostics(), a.sources());
      Reporter.printText(err, b.diagnostics(), b.sources());
      return ExitCodes.INVALID;
    }
    List<DiffEntry> entries =
        PolicyDiff.between(a.decisionMap().orElseThrow(), b.decisionMap().orElseThrow());
    if (format == OutputFormat.json) {
      List<Object> json = new ArrayList<>();
      for (DiffEntry e : entries) {
        Map<String, Object> o = Json.object();
        o.put("profiles", e.profiles().stream().sorted().map(Profile::keyword).toList());
        o.put("protocol", e.protocol().keyword());
        o.put("ports", e.ports().toString());
        o.put("addresses", e.addresses().toCidrs().stream().map(Object::toString).toList());
        o.put("before", e.before().keyword());
        o.put("after", e.after().keyword());
        json.add(o);
      }
      out.println(Json.write(json));
    } else if (entries.isEmpty()) {
      out.println("no difference: both policies decide every packet alike");
    } else {
      for (DiffEntry e : entries) {
        out.println(line(e));
      }
      out.println(Reporter.plural(entries.size(), "changed region"));
    }
    out.flush();
    return entries.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  /** {@code tcp 135,5001-5021 from 10.1.2.0/24 on domain,private: block -> allow}. */
  static String line(DiffEntry e) {
    String profiles =
        e.profiles().containsAll(EnumSet.allOf(Profile.class))
            ? "all profiles"
            : e.profiles().stream().sorted().map(Profile::keyword).collect(Collectors.joining(","));
    return e.protocol().keyword() + " " + e.ports() + " from " + Addresses.describe(e.addresses())
        + " on " + profiles + ": " + e.before().keyword() + " -> " + e.after().keyword();
  }
}
