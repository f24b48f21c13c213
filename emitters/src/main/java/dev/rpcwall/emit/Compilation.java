package dev.rpcwall.emit;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.lower.LoweringOptions;
import dev.rpcwall.compiler.lower.RuleNames;
import dev.rpcwall.compiler.lower.WfasLowering;
import dev.rpcwall.compiler.model.WfasRule;
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
import dev.rpcwall.emit.netsh.NetshLimits;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a checked policy to the scripts of one or more targets and, unless told not to, proves
 * the output: the bytes of every file decode as Windows reads them; each apply script, read back
 * from those bytes with the target's reader, decides like the policy region by region (WFAS
 * evaluator); each rollback removes exactly the policy's rules from a host model.
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

    /**
     * Verified, lowered within the limits of every built-in target: one lowering serves them all,
     * and netsh's (cmd.exe's line length, {@link NetshLimits}) are the tightest.
     */
    public static Options defaults() {
      return new Options(NetshLimits.lowering(), true);
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
        new ScriptInput(
            map.policy(), rules, Slug.of(map.policy().name()), sha256(mainSource), TOOL_VERSION,
            options.verify());
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
        for (String p : verify(target, input, emitted, map)) {
          problems.add(id.keyword() + ": " + p);
        }
      }
      files.addAll(emitted);
    }
    return new Output(problems.isEmpty() ? files : List.of(), diagnostics.sorted(), problems);
  }

  /**
   * Every way the files a target emitted fail the proof: the bytes of each (apply and rollback)
   * as Windows reads them ({@link ScriptEncoding}), the apply script read back from those bytes
   * against the policy, and the rollback from those bytes on the target's host model.
   */
  public static List<String> verify(
      Target target, ScriptInput input, List<EmittedFile> files, DecisionMap map) {
    List<String> problems = new ArrayList<>();
    if (files.size() != 2) {
      problems.add("expected an apply and a rollback script, got " + files.size() + " files");
      return problems;
    }
    for (EmittedFile f : files) {
      problems.addAll(target.encoding().problems(f));
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    String apply = decoded(target, files.get(0));
    String rollback = decoded(target, files.get(1));
    problems.addAll(verifyApply(target, files.get(0).name(), apply, map, input.rules()));
    problems.addAll(verifyRollback(target, input, files.get(1).name(), apply, rollback));
    return problems;
  }

  private static String decoded(Target target, EmittedFile file) {
    return ((ScriptEncoding.Text) target.encoding().decode(file.bytes())).text();
  }

  /** Reads an apply script's text back and lists every way it fails to mean the policy. */
  static List<String> verifyApply(
      Target target, String name, String text, DecisionMap map, WfasRuleSet lowered) {
    List<String> problems = new ArrayList<>();
    Result<WfasRuleSet> read = target.reader().read(new SourceFile(name, text));
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

  /**
   * The rollback proof on what the readers model: on a host where the apply script ran, next to
   * rules of other owners that resemble the policy's, the rollback leaves exactly those other rules
   * and sets no RPC value of its own (the host model holds the apply's rules, not its registry
   * writes); once with the policy's state kept (then a rule an earlier failed run left must go
   * too) and once with the state lost (then every rule this version creates must still go).
   * Registry values, WMI's host and the state are not modelled by the readers; the target's
   * {@link RollbackHost#hostSettingsProblems} proves them on its own host model: apply then
   * rollback leaves them as they were (absent, or earlier values) and does not undo another
   * policy's.
   */
  static List<String> verifyRollback(
      Target target, ScriptInput input, String name, String apply, String rollback) {
    List<String> problems = new ArrayList<>();
    // Registry values, WMI's host and the state, on the target's host model (issue 11 point 6).
    for (String p : target.rollbackHost().hostSettingsProblems(input, apply, rollback)) {
      problems.add("host settings: " + p);
    }
    List<String> foreign = foreignRules(input);
    for (boolean stateKept : new boolean[] {true, false}) {
      String what = stateKept ? "with the policy's state" : "with the policy's state lost";
      String host;
      try {
        host = target.rollbackHost().afterApplyThenRollback(input, apply, rollback, foreign, stateKept);
      } catch (IllegalStateException e) {
        problems.add("rollback " + what + ": " + e.getMessage());
        continue;
      }
      Result<WfasRuleSet> read = target.reader().read(new SourceFile(name + " after apply", host));
      if (read.hasErrors()) {
        for (Diagnostic d : read.diagnostics()) {
          if (d.severity() != dev.rpcwall.compiler.diag.Severity.ERROR) {
            continue; // e.g. the netsh reader's note that reg import is not read
          }
          problems.add("rollback " + what + ": cannot read: " + d.span().location() + ": " + d.message());
        }
        continue;
      }
      List<String> left = names(read.orElseThrow());
      if (!sorted(left).equals(sorted(foreign))) {
        problems.add("apply then rollback " + what + " leaves the rules " + left
            + " where only the other owners' " + foreign + " should stay");
      }
      if (!read.orElseThrow().rpc().isEmpty()) {
        problems.add("apply then rollback " + what + " leaves RPC values " + read.orElseThrow().rpc());
      }
    }
    return problems;
  }

  /**
   * Rules of other owners a rollback must not touch: another tool's, one named like another
   * policy's, and one whose name starts like this policy's first rule (deletion is by exact name).
   */
  private static List<String> foreignRules(ScriptInput input) {
    String lookAlike = input.rules().rules().isEmpty()
        ? RuleNames.policyPrefix(input.policy().name()).replace("/", "-") + "look-alike"
        : input.rules().rules().get(0).displayName() + " copy";
    return List.of("other tool rule", RuleNames.PREFIX + "other/allow-tcp-135", lookAlike);
  }

  private static List<String> names(WfasRuleSet set) {
    return set.rules().stream().map(WfasRule::displayName).toList();
  }

  private static List<String> sorted(List<String> names) {
    return names.stream().sorted().toList();
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
