package dev.rpcwall.emit;

import java.util.List;

/**
 * A dialect's model of a host for the rollback proof (issue 11 point 6), for the emitter input
 * {@code I} of its model family: a script of the dialect whose reading, by the dialect's reader,
 * is what the host holds after the apply script ran and then the rollback script.
 * Implementations are thin: they know where the dialect keeps the policy's state and how its
 * rollback finds what it removes, and nothing else. What "the host objects" are is the family's
 * ({@link dev.rpcwall.emit.family.ModelFamily#rollbackProblems}): Windows Firewall rules for WFAS,
 * static policies for legacy IPsec ({@link dev.rpcwall.emit.family.ipsec.IpsecRollbackHost}).
 */
public interface RollbackHost<I> {
  /**
   * The host objects are created first: {@code foreign}, objects of other owners whose names
   * resemble the policy's (no rollback may touch them); for WFAS allow-any TCP 135 rules of these
   * names; when {@code stateKept}, also an object of this policy left by an earlier version's
   * failed run, which the policy's state records. Then the objects of {@code input} as the apply
   * script creates them, and the state that leaves (or, when not {@code stateKept}, no state at
   * all: a lost or cleaned state folder, which the rollback must survive for the objects this
   * version creates). Then the rollback script {@code rollback} (decoded text) runs.
   */
  String afterApplyThenRollback(
      I input, String apply, String rollback, List<String> foreign, boolean stateKept);

  /**
   * The host-settings half of the proof (issue 11 point 6): every way {@code apply} then
   * {@code rollback} fails to leave the RPC values, WMI's host and the policy's state as they
   * were (on a host without them, on one with earlier values) or undoes another policy's values.
   * A target whose scripts change host settings must override this; the cmd.exe targets call
   * {@link dev.rpcwall.emit.cmd.CmdHostSettings#rollbackProblems}. Empty: proven (or nothing to
   * prove).
   */
  default List<String> hostSettingsProblems(I input, String apply, String rollback) {
    return List.of();
  }

  /**
   * The confirmed-apply half of the proof (issue 9 points 5 and 8): every way the scripts' rollback
   * task fails, read with the dialect's reader: {@code apply} registers it before its first change
   * (and only with {@code --confirm-within}), {@code rollback} and {@code confirm} (the third file,
   * present only with {@code --confirm-within}) delete it. Empty: proven. A dialect without
   * confirmed apply keeps this default, and must then never emit a confirm script.
   */
  default List<String> confirmProblems(
      I input, String apply, String rollback, java.util.Optional<String> confirm) {
    return confirm.isPresent()
        ? List.of("this target has no confirmed apply, but a confirm script was emitted")
        : List.of();
  }
}
