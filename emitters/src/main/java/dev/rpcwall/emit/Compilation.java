package dev.rpcwall.emit;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a checked policy to the scripts of one or more targets and, unless told not to, proves
 * each apply script means the policy: it is read back with the target's reader and the WFAS
 * evaluator's decisions are compared with the policy's region by region.
 */
public final class Compilation {
  /** Tool version written into script headers. */
  public static final String TOOL_VERSION = "0.1.0";

  private Compilation() {}

  /**
   * What a compile produced. {@code files} is empty when {@code diagnostics} has errors or
   * {@code verificationProblems} is not empty; then nothing may be written.
   */
  public record Output(
      List<EmittedFile> files, List<Diagnostic> diagnostics, List<String> verificationProblems) {
    public Output {
      files = List.copyOf(files);
      diagnostics = List.copyOf(diagnostics);
      verificationProblems = List.copyOf(verificationProblems);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(d -> d.severity() == dev.rpcwall.compiler.diag.Severity.ERROR);
    }
  }

  /** Options of one compile. */
  public record Options(LoweringOptions lowering, boolean verify) {
    public Options {
      requireNonNull(lowering, "lowering");
    }

    public static Options defaults() {
      return new Options(LoweringOptions.defaults(), true);
    }
  }

  /**
   * Lowers {@code map}'s policy once and emits it for every target in {@code targets}, in {@link
   * TargetId} order: for each target the apply script, then the rollback script.
   */
  public static Output compile(DecisionMap map, byte[] mainSource, Set<TargetId> targets, Options options) {
    Diagnostics diagnostics = new Diagnostics();
    TargetChecks.check(map.policy(), diagnostics);
    WfasRuleSet rules = WfasLowering.lower(map, options.lowering());
    ScriptInput input =
        new ScriptInput(map.policy(), rules, Slug.of(map.policy().name()), sha256(mainSource), TOOL_VERSION);
    Map<TargetId, Target> registry = Targets.builtIn();
    List<TargetId> ordered = targets.stream().sorted().toList();
    for (TargetId id : ordered) {
      registry.get(id).emitter().check(input, diagnostics);
    }
    if (diagnostics.hasErrors()) {
      return new Output(List.of(), diagnostics.sorted(), List.of());
    }
    List<EmittedFile> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (TargetId id : ordered) {
      Target target = registry.get(id);
      List<EmittedFile> emitted = target.emitter().emit(input);
      if (options.verify()) {
        for (String p : verify(target, emitted.get(0), map, rules)) {
          problems.add(id.keyword() + ": " + p);
        }
      }
      files.addAll(emitted);
    }
    return new Output(problems.isEmpty() ? files : List.of(), diagnostics.sorted(), problems);
  }

  /** Reads an apply script back and lists every way it fails to mean the policy. */
  public static List<String> verify(Target target, EmittedFile apply, DecisionMap map, WfasRuleSet lowered) {
    List<String> problems = new ArrayList<>();
    Result<WfasRuleSet> read = target.reader().read(new SourceFile(apply.name(), apply.text()));
    if (read.hasErrors()) {
      for (Diagnostic d : read.diagnostics()) {
        problems.add("cannot read own output: " + d.span().location() + ": " + d.message());
      }
      return problems;
    }
    WfasRuleSet back = read.orElseThrow();
    if (!back.rpc().dynamicPorts().equals(lowered.rpc().dynamicPorts())
        || !back.rpc().wmiFixedPort().equals(lowered.rpc().wmiFixedPort())) {
      problems.add("RPC settings read back " + back.rpc() + " differ from the policy's " + lowered.rpc());
    }
    for (Mismatch m : TranslationCheck.check(map, back)) {
      problems.add(m.toString());
    }
    return problems;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * What {@link #compile} would refuse, without emitting: the target-neutral checks and every
   * given target's own checks over the lowered rules ({@code rpcwall check}, so that a policy that
   * passes {@code check} compiles).
   */
  public static List<Diagnostic> checkTargets(
      DecisionMap map, Set<TargetId> targets, LoweringOptions lowering) {
    Diagnostics diagnostics = new Diagnostics();
    TargetChecks.check(map.policy(), diagnostics);
    WfasRuleSet rules = WfasLowering.lower(map, lowering);
    ScriptInput input =
        new ScriptInput(map.policy(), rules, Slug.of(map.policy().name()), "", TOOL_VERSION);
    Map<TargetId, Target> registry = Targets.builtIn();
    for (TargetId id : targets.stream().sorted().toList()) {
      registry.get(id).emitter().check(input, diagnostics);
    }
    return diagnostics.sorted();
  }
}
