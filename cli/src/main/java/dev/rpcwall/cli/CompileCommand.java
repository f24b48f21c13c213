package dev.rpcwall.cli;

import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.lower.LoweringOptions;
import dev.rpcwall.compiler.lower.WfasLowering;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.compiler.target.TargetChecks;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.compiler.verify.Mismatch;
import dev.rpcwall.compiler.verify.TranslationCheck;
import dev.rpcwall.emit.Target;
import dev.rpcwall.emit.Targets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rpcwall compile}: lower a policy to Windows Firewall rules and emit scripts. Every compile
 * reads its own output back and proves it decides like the policy before anything is written.
 */
@Command(
    name = "compile",
    description = {
      "Compile a policy to a netsh (.cmd) and/or PowerShell (.ps1) apply script and its rollback.",
      "The emitted text is read back and checked region by region against the policy (every"
          + " profile, protocol, port and address; with and without an allow-any rule already on the"
          + " host); nothing is written when the check fails."
    },
    mixinStandardHelpOptions = true)
final class CompileCommand implements Callable<Integer> {
  static final String VERSION = "0.1.0";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The policy (.rpcwall or YAML).")
  String file;

  @Option(names = {"-t", "--target"}, required = true, paramLabel = "netsh|powershell|all",
      description = "Target dialect.")
  String target;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR",
      description = "Write apply and rollback scripts here (default: the apply script to stdout).")
  Path output;

  @Option(names = "--no-verify", description = "Skip reading the output back and checking it.")
  boolean noVerify;

  @Option(names = "--max-addresses", paramLabel = "N",
      description = "Most remote address entries in one rule (default: ${DEFAULT-VALUE}).")
  int maxAddresses = LoweringOptions.DEFAULT_MAX_ADDRESS_ENTRIES;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<TargetId> targets = parseTargets(err);
    if (targets == null) {
      return ExitCodes.INVALID;
    }
    if (targets.size() > 1 && output == null) {
      err.println("rpcwall compile: --target all writes several files; give an output directory with -o");
      return ExitCodes.INVALID;
    }
    if (maxAddresses < 1) {
      err.println("rpcwall compile: --max-addresses must be at least 1");
      return ExitCodes.INVALID;
    }
    Analysis analysis = Compiler.analyze(new FileSourceLoader(), file);
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(analysis.diagnostics());
    if (analysis.hasErrors()) {
      Reporter.printText(err, diagnostics.sorted(), analysis.sources());
      return ExitCodes.INVALID;
    }
    Policy policy = analysis.policy().orElseThrow();
    DecisionMap map = analysis.decisionMap().orElseThrow();
    TargetChecks.check(policy, diagnostics);
    WfasRuleSet rules = WfasLowering.lower(map, LoweringOptions.defaults().withMaxAddressEntries(maxAddresses));
    ScriptInput input = new ScriptInput(policy, rules, Slug.of(policy.name()), sha256(analysis.mainBytes()), VERSION);
    Map<TargetId, Target> registry = Targets.builtIn();
    for (TargetId id : targets) {
      registry.get(id).emitter().check(input, diagnostics);
    }
    List<Diagnostic> sorted = diagnostics.sorted();
    Reporter.printText(err, sorted, analysis.sources());
    if (diagnostics.hasErrors()) {
      return ExitCodes.INVALID;
    }

    Map<Path, byte[]> files = new LinkedHashMap<>();
    for (TargetId id : targets) {
      Target t = registry.get(id);
      List<EmittedFile> emitted = t.emitter().emit(input);
      if (!noVerify) {
        List<String> problems = verify(t, emitted.get(0), map, rules);
        if (!problems.isEmpty()) {
          err.println("rpcwall compile: internal error: the " + id.keyword()
              + " output does not mean the policy; nothing was written.");
          problems.stream().limit(20).forEach(p -> err.println("  " + p));
          err.println("  please report this with the policy file");
          err.flush();
          return ExitCodes.INTERNAL;
        }
      }
      if (output == null) {
        out.print(emitted.get(0).text());
      } else {
        for (EmittedFile f : emitted) {
          files.put(output.resolve(f.name()), f.bytes());
        }
      }
    }
    if (output != null) {
      AtomicFiles.writeAll(files);
      for (Path p : files.keySet()) {
        err.println("wrote " + p);
      }
    }
    out.flush();
    err.flush();
    return ExitCodes.OK;
  }

  /** Reads the apply script back and compares what Windows would do with it to the policy. */
  static List<String> verify(Target t, EmittedFile apply, DecisionMap map, WfasRuleSet lowered) {
    List<String> problems = new ArrayList<>();
    Result<WfasRuleSet> read = t.reader().read(new SourceFile(apply.name(), apply.text()));
    if (read.hasErrors()) {
      read.diagnostics().forEach(d -> problems.add("cannot read own output: " + d.span().location() + ": " + d.message()));
      return problems;
    }
    WfasRuleSet back = read.orElseThrow();
    if (!back.rpc().dynamicPorts().equals(lowered.rpc().dynamicPorts())
        || !back.rpc().wmiFixedPort().equals(lowered.rpc().wmiFixedPort())) {
      problems.add("RPC settings read back differ: " + back.rpc() + " vs " + lowered.rpc());
    }
    for (Mismatch m : TranslationCheck.check(map, back)) {
      problems.add(m.toString());
    }
    return problems;
  }

  private List<TargetId> parseTargets(PrintWriter err) {
    String t = target.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("all")) {
      return List.of(TargetId.values());
    }
    for (TargetId id : TargetId.values()) {
      if (id.keyword().equals(t)) {
        return List.of(id);
      }
    }
    err.println("rpcwall compile: unknown target '" + target + "'; use netsh, powershell or all");
    return null;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
