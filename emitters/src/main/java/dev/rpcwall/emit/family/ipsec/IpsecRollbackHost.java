package dev.rpcwall.emit.family.ipsec;

import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.emit.RollbackHost;
import java.util.List;

/**
 * A legacy IPsec dialect's host for the rollback proof ({@link IpsecFamily#rollbackProblems}): a
 * script of the dialect that its own reader reads into the {@code IpsecStore} the host holds after
 * the apply script ran and then the rollback script. One implementation per dialect (ipsecpol,
 * ipseccmd, netsh-ipsec), next to its emitter and reader.
 *
 * <p>What the returned script must create, in this order:
 *
 * <ol>
 *   <li>For each name in {@code foreign}, a static policy of another owner, created the way the
 *       dialect creates a policy in the local store ({@code -w REG}; netsh {@code add policy}):
 *       policy name = rule name = filter list name = filter action name = that name, one rule
 *       holding one filter {@code any -> me tcp 135} (unmirrored) with action PASS, and the policy
 *       <em>not</em> assigned. The names resemble this policy's (its policy, rule, filter list and
 *       filter action names with {@code " copy"} appended, and another tool's): a rollback that
 *       deletes by prefix or wildcard deletes them and fails the proof.
 *   <li>When {@code stateKept} and the dialect keeps state of its own on the host (for example a
 *       backup of the RPC values, or the names an earlier run created), that state as an earlier
 *       run left it, with any object it records; a dialect without state ignores the flag (both
 *       runs are then the same).
 *   <li>The {@code apply} script's effect (normally its own text, with whatever the dialect cannot
 *       run in the model replaced as cmd.exe would run it), then the {@code rollback} script's.
 * </ol>
 *
 * <p>The proof then reads the result with the dialect's reader and requires: exactly the {@code
 * foreign} policies remain, unassigned, each with its one rule as created; no dynamic-mode filters;
 * no RPC values ({@code RpcSettings.NONE}, as the readers read a restore from a backup). Throw
 * {@link IllegalStateException} with a message when the rollback cannot be modelled; it is
 * reported as a proof failure.
 */
public interface IpsecRollbackHost extends RollbackHost<IpsecScriptInput> {
  @Override
  String afterApplyThenRollback(
      IpsecScriptInput input, String apply, String rollback, List<String> foreign, boolean stateKept);

  /**
   * What {@code host} (the script {@link #afterApplyThenRollback} returned) leaves that the
   * {@code IpsecStore} does not show, one line each: filter lists and filter actions no policy
   * uses, other than the {@code foreign} ones. Empty for dialects whose objects live only inside
   * their policies (ipsecpol and ipseccmd name lists and actions after the rule).
   */
  default List<String> strayObjects(String host, List<String> foreign) {
    return List.of();
  }
}
