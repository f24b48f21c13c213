package dev.rpcwall.cli;

import dev.rpcwall.compiler.Analysis;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rpcwall diff OLD NEW}: every region whose decision changed, old to new. */
@Command(
    name = "diff",
    description = {
      "Print the semantic difference of two policies: every region (addresses x protocol/ports x"
          + " profiles) whose decision changed, old -> new, and every changed RPC setting.",
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

  @Mixin RootOption root;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Analysis a = root.analyze(before);
    Analysis b = root.analyze(after);
    if (a.hasErrors() || b.hasErrors()) {
      Reporter.printText(err, a.diagnostics(), a.sources());
      Reporter.printText(err, b.diagnostics(), b.sources());
      return ExitCodes.INVALID;
    }
    List<DiffEntry> entries =
        PolicyDiff.between(a.decisionMap().orElseThrow(), b.decisionMap().orElseThrow());
    List<PolicyDiff.SettingChange> settings =
        PolicyDiff.settings(a.policy().orElseThrow(), b.policy().orElseThrow());
    boolean same = entries.isEmpty() && settings.isEmpty();
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
      List<Object> settingsJson = new ArrayList<>();
      for (PolicyDiff.SettingChange c : settings) {
        Map<String, Object> o = Json.object();
        o.put("setting", c.setting());
        o.put("before", c.before());
        o.put("after", c.after());
        settingsJson.add(o);
      }
      Map<String, Object> root = Json.object();
      root.put("same", same);
      root.put("regions", json);
      root.put("settings", settingsJson);
      out.println(Json.write(root));
    } else if (same) {
      out.println("no difference: both policies decide every packet alike and set the same RPC settings");
    } else {
      for (PolicyDiff.SettingChange c : settings) {
        out.println(c.setting() + ": " + c.before() + " -> " + c.after());
      }
      for (DiffEntry e : entries) {
        out.println(line(e));
      }
      out.println(Reporter.plural(entries.size(), "changed region")
          + (settings.isEmpty() ? "" : ", " + Reporter.plural(settings.size(), "changed setting")));
    }
    out.flush();
    return same ? ExitCodes.OK : ExitCodes.FINDINGS;
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
