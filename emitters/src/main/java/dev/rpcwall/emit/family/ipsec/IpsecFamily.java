package dev.rpcwall.emit.family.ipsec;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.lower.IpsecLowering;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecPolicy;
import dev.rpcwall.compiler.model.ipsec.IpsecRule;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.TargetChecks;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.compiler.verify.IpsecMismatch;
import dev.rpcwall.compiler.verify.IpsecTranslationCheck;
import dev.rpcwall.emit.Compilation;
import dev.rpcwall.emit.Target;
import dev.rpcwall.emit.family.ModelFamily;
import dev.rpcwall.emit.family.RollbackRuns;
import dev.rpcwall.emit.family.ScriptHeader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The legacy IPsec Policy Agent of Windows 2000 / XP / Server 2003 (windows-semantics.md section
 * 5): the policy lowered to inbound filters ({@link IpsecLowering}), checked with the IPsec
 * evaluator over what a script leaves in the store ({@link IpsecTranslationCheck}); dialects
 * {@code ipsecpol}, {@code ipseccmd} and {@code netsh-ipsec}. Optional under {@code --target all}:
 * a policy the agent cannot express (profiles, IPv6 without {@code --ipv4-only}, ...) leaves these
 * dialects out with a warning.
 */
public final class IpsecFamily
    implements ModelFamily<IpsecLowering.Lowered, IpsecScriptInput, IpsecStore> {
  public static final IpsecFamily INSTANCE = new IpsecFamily();

  /** The filter the rollback proof's foreign policies hold (IpsecRollbackHost). */
  public static final IpsecFilter FOREIGN_FILTER =
      IpsecFilter.inbound(IpsecAddress.any(), 6, 135, IpsecAction.PASS);

  private IpsecFamily() {}

  @Override
  public String name() {
    return "legacy IPsec";
  }

  @Override
  public boolean optional() {
    return true;
  }

  @Override
  public void policyChecks(DecisionMap map, Diagnostics out) {
    TargetChecks.wmiPort(map.policy(), out);
  }

  @Override
  public Result<IpsecLowering.Lowered> lower(DecisionMap map, Compilation.Options options) {
    return IpsecLowering.lower(map, options.ipsec());
  }

  /** The RPC settings are the policy's, as the WFAS lowering takes them. */
  @Override
  public IpsecScriptInput input(DecisionMap map, IpsecLowering.Lowered lowered, ScriptHeader header) {
    return new IpsecScriptInput(map.policy(), lowered.filters(), map.policy().rpc(), header.slug(),
        header.sourceSha256(), header.toolVersion(), header.verified(), lowered.ipv6LeftOut());
  }

  @Override
  public List<String> notes(IpsecScriptInput input) {
    return input.ipv6LeftOut() ? List.of(IpsecScriptInput.IPV6_LEFT_OUT) : List.of();
  }

  /** The CLI contract (issue 6 point 3): {@code <fileBase>-<keyword>.cmd} and {@code -rollback.cmd}. */
  public static List<String> fileNames(TargetId target, IpsecScriptInput input) {
    String base = input.fileBase() + "-" + target.keyword();
    return List.of(base + ".cmd", base + "-rollback.cmd");
  }

  @Override
  public List<String> fileNameProblems(TargetId target, IpsecScriptInput input, List<EmittedFile> files) {
    List<String> names = files.stream().map(EmittedFile::name).toList();
    List<String> expected = fileNames(target, input);
    return names.equals(expected)
        ? List.of()
        : List.of("the files are named " + names + ", not " + expected);
  }

  @Override
  public List<String> translationProblems(DecisionMap map, IpsecScriptInput input, IpsecStore back) {
    List<String> problems = new ArrayList<>();
    if (!sameRpc(back.rpc(), input.rpc())) {
      problems.add("RPC settings read back " + back.rpc() + " differ from the policy's " + input.rpc());
    }
    for (IpsecMismatch m : IpsecTranslationCheck.check(map, back)) {
      problems.add(m.describe());
    }
    return problems;
  }

  private static boolean sameRpc(RpcSettings a, RpcSettings b) {
    return a.dynamicPorts().equals(b.dynamicPorts()) && a.wmiFixedPort().equals(b.wmiFixedPort());
  }

  /**
   * The rollback proof ({@link IpsecRollbackHost} says what the host holds): after apply and then
   * rollback, with the dialect's state kept and lost, exactly the foreign policies stay (unassigned,
   * each with its one rule as created), no dynamic filter and no RPC value is left.
   */
  @Override
  public List<String> rollbackProblems(
      Target<IpsecScriptInput, IpsecStore> target,
      IpsecScriptInput input,
      Optional<IpsecStore> applied,
      String name,
      String apply,
      String rollback) {
    List<String> foreign = foreignNames(input, applied);
    return RollbackRuns.problems(target, input, name, apply, rollback, foreign,
        (left, what, host) -> {
          List<String> problems = new ArrayList<>(leftOver(left, foreign, what));
          if (target.rollbackHost() instanceof IpsecRollbackHost h) {
            for (String stray : h.strayObjects(host, foreign)) {
              problems.add("apply then rollback " + what + " leaves " + stray);
            }
          }
          return problems;
        });
  }

  /** Every way {@code left} is not "exactly the foreign policies, as created". */
  static List<String> leftOver(IpsecStore left, List<String> foreign, String what) {
    List<String> problems = new ArrayList<>();
    List<String> names = left.policies().stream().map(IpsecPolicy::name).sorted().toList();
    if (!names.equals(foreign.stream().sorted().toList())) {
      problems.add("apply then rollback " + what + " leaves the policies " + names
          + " where only the other owners' " + foreign + " should stay");
    }
    for (IpsecPolicy p : left.policies()) {
      if (!foreign.contains(p.name())) {
        continue;
      }
      IpsecPolicy expected = foreignPolicy(p.name());
      if (!p.equals(expected)) {
        problems.add("apply then rollback " + what + " changes the other owner's policy '" + p.name()
            + "': " + p + " instead of " + expected);
      }
    }
    if (!left.dynamicFilters().isEmpty()) {
      problems.add("apply then rollback " + what + " leaves dynamic filters " + left.dynamicFilters());
    }
    if (!left.rpc().isEmpty()) {
      problems.add("apply then rollback " + what + " leaves RPC values " + left.rpc());
    }
    return problems;
  }

  /** A foreign policy as {@link IpsecRollbackHost} creates it. */
  public static IpsecPolicy foreignPolicy(String name) {
    return new IpsecPolicy(name, false,
        List.of(new IpsecRule(name, name, name, IpsecAction.PASS, List.of(FOREIGN_FILTER))));
  }

  /**
   * Names of other owners' objects a rollback must not touch: another tool's policy, and every
   * name the apply script creates (policies, rules, filter lists, filter actions) with {@code "
   * copy"} appended (deletion is by exact name, never by prefix); when the apply script could not
   * be read, one built from the slug.
   */
  static List<String> foreignNames(IpsecScriptInput input, Optional<IpsecStore> applied) {
    Set<String> names = new LinkedHashSet<>();
    names.add("other tool policy");
    if (applied.isPresent()) {
      for (IpsecPolicy p : applied.get().policies()) {
        names.add(p.name() + " copy");
        for (IpsecRule r : p.rules()) {
          names.add(r.name() + " copy");
          names.add(r.filterList() + " copy");
          names.add(r.filterAction() + " copy");
        }
      }
    } else {
      names.add(input.slug() + " copy");
    }
    return List.copyOf(names);
  }
}
