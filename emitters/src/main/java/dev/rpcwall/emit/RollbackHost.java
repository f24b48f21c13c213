package dev.rpcwall.emit;

import dev.rpcwall.compiler.target.ScriptInput;
import java.util.List;

/**
 * A target's model of a host for the rollback proof (issue 11 point 6): a script of the target's
 * dialect whose reading, by the target's reader, is what the host holds after the apply script ran
 * and then the rollback script. Implementations are thin: they know where the dialect keeps the
 * policy's state and how its rollback finds the rules it removes, and nothing else.
 */
public interface RollbackHost {
  /**
   * The host rules are created first: {@code foreign}, rules of other owners whose names or
   * groups resemble the policy's (no rollback may touch them), as allow-any TCP 135 rules; when
   * {@code stateKept}, also a rule of this policy left by an earlier version's failed run, which
   * the policy's state records. Then the rules of {@code input} as the apply script creates them,
   * and the state that leaves (or, when not {@code stateKept}, no state at all: a lost or cleaned
   * state folder, which the rollback must survive for the rules this version creates). Then the
   * rollback script {@code rollback} (decoded text) runs.
   */
  String afterApplyThenRollback(
      ScriptInput input, String apply, String rollback, List<String> foreign, boolean stateKept);

  /**
   * The host-settings half of the proof (issue 11 point 6): every way {@code apply} then
   * {@code rollback} fails to leave the RPC values, WMI's host and the policy's state as they
   * were (on a host without them, on one with earlier values) or undoes another policy's values.
   * A target whose scripts change host settings must override this; the cmd.exe targets call
   * {@link dev.rpcwall.emit.cmd.CmdHostSettings#rollbackProblems}. Empty: proven (or nothing to
   * prove).
   */
  default List<String> hostSettingsProblems(ScriptInput input, String apply, String rollback) {
    return List.of();
  }
}
