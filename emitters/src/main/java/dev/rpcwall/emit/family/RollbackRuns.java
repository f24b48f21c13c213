package dev.rpcwall.emit.family;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.emit.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs of the rollback proof every family makes ({@link ModelFamily#rollbackProblems}): the
 * host settings on the dialect's own host model, then apply and rollback on its {@link
 * dev.rpcwall.emit.RollbackHost} next to {@code foreign} objects, once with the policy's state kept
 * and once with it lost, each read back by the dialect's reader. What the host may still hold is
 * the family's to judge.
 */
public final class RollbackRuns {
  private RollbackRuns() {}

  /**
   * What a family finds wrong with a host after apply and rollback: {@code left} as the reader
   * read it, {@code what} ("with the policy's state[ lost]"), and the host script itself for what
   * the read-back form does not show.
   */
  @FunctionalInterface
  public interface LeftOver<R> {
    List<String> problems(R left, String what, String host);
  }

  /**
   * Every problem of the runs: the host-settings proof's, a run the host cannot model, errors
   * reading a host back, and what {@code leftOver} finds on each host.
   */
  public static <I, R> List<String> problems(
      Target<I, R> target,
      I input,
      String name,
      String apply,
      String rollback,
      List<String> foreign,
      LeftOver<R> leftOver) {
    List<String> problems = new ArrayList<>();
    // Registry values, WMI's host and the state, on the dialect's host model (issue 11 point 6).
    for (String p : target.rollbackHost().hostSettingsProblems(input, apply, rollback)) {
      problems.add("host settings: " + p);
    }
    for (boolean stateKept : new boolean[] {true, false}) {
      String what = stateKept ? "with the policy's state" : "with the policy's state lost";
      String host;
      try {
        host = target.rollbackHost().afterApplyThenRollback(input, apply, rollback, foreign, stateKept);
      } catch (IllegalStateException e) {
        problems.add("rollback " + what + ": " + e.getMessage());
        continue;
      }
      Result<R> read = target.reader().read(new SourceFile(name + " after apply", host));
      if (read.hasErrors()) {
        for (Diagnostic d : read.diagnostics()) {
          if (d.severity() != Severity.ERROR) {
            continue; // e.g. the netsh reader's note that reg import is not read
          }
          problems.add("rollback " + what + ": cannot read: " + d.span().location() + ": " + d.message());
        }
        continue;
      }
      problems.addAll(leftOver.problems(read.orElseThrow(), what, host));
    }
    return problems;
  }
}
