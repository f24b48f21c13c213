package dev.rpcwall.emit.family.wfas;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.lower.RuleNames;
import dev.rpcwall.compiler.lower.WfasLowering;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.TargetChecks;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.compiler.verify.Mismatch;
import dev.rpcwall.compiler.verify.TranslationCheck;
import dev.rpcwall.emit.Compilation;
import dev.rpcwall.emit.Target;
import dev.rpcwall.emit.family.ModelFamily;
import dev.rpcwall.emit.family.RollbackRuns;
import dev.rpcwall.emit.family.ScriptHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Windows Firewall with Advanced Security (Vista / Server 2008 and later): the policy lowered to
 * WFAS rules ({@link WfasLowering}), checked with the WFAS evaluator ({@link TranslationCheck});
 * dialects {@code netsh} and {@code powershell}.
 */
public final class WfasFamily implements ModelFamily<WfasRuleSet, ScriptInput, WfasRuleSet> {
  public static final WfasFamily INSTANCE = new WfasFamily();

  private WfasFamily() {}

  @Override
  public String name() {
    return "Windows Firewall";
  }

  @Override
  public boolean optional() {
    return false;
  }

  @Override
  public void policyChecks(DecisionMap map, Diagnostics out) {
    TargetChecks.check(map.policy(), out);
  }

  @Override
  public Result<WfasRuleSet> lower(DecisionMap map, Compilation.Options options) {
    return Result.of(WfasLowering.lower(map, options.lowering()), new Diagnostics());
  }

  @Override
  public ScriptInput input(DecisionMap map, WfasRuleSet lowered, ScriptHeader header) {
    return new ScriptInput(map.policy(), lowered, header.slug(), header.sourceSha256(),
        header.toolVersion(), header.verified(), header.confirmMinutes());
  }

  @Override
  public List<String> notes(ScriptInput input) {
    return List.of();
  }

  @Override
  public List<String> fileNameProblems(TargetId target, ScriptInput input, List<EmittedFile> files) {
    return List.of(); // netsh: <base>.cmd, powershell: <base>.ps1, each with -rollback (the emitters)
  }

  @Override
  public List<String> translationProblems(DecisionMap map, ScriptInput input, WfasRuleSet back) {
    List<String> problems = new ArrayList<>();
    WfasRuleSet lowered = input.rules();
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
   * Registry values, WMI's host and the state are not modelled by the readers; the dialect's
   * {@link dev.rpcwall.emit.RollbackHost#hostSettingsProblems} proves them on its own host model:
   * apply then rollback leaves them as they were (absent, or earlier values) and does not undo
   * another policy's.
   */
  @Override
  public List<String> rollbackProblems(
      Target<ScriptInput, WfasRuleSet> target,
      ScriptInput input,
      Optional<WfasRuleSet> applied,
      String name,
      String apply,
      String rollback) {
    List<String> foreign = foreignRules(input);
    return RollbackRuns.problems(target, input, name, apply, rollback, foreign,
        (left, what, host) -> leftOver(left, foreign, what));
  }

  private static List<String> leftOver(WfasRuleSet left, List<String> foreign, String what) {
    List<String> problems = new ArrayList<>();
    List<String> names = names(left);
    if (!sorted(names).equals(sorted(foreign))) {
      problems.add("apply then rollback " + what + " leaves the rules " + names
          + " where only the other owners' " + foreign + " should stay");
    }
    if (!left.rpc().isEmpty()) {
      problems.add("apply then rollback " + what + " leaves RPC values " + left.rpc());
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
}
