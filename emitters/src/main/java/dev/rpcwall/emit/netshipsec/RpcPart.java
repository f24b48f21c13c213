package dev.rpcwall.emit.netshipsec;

import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.emit.cmd.CmdHostSettings;
import java.util.List;

/**
 * The RPC dynamic port range and the WMI fixed port of the netsh ipsec scripts
 * (windows-semantics.md 6.1-6.3), written by the shared cmd.exe code ({@link CmdHostSettings}):
 * the same registry values, backup in the policy's state key and guarded restore as the netsh
 * advfirewall target, so a host moving from one target to the other keeps one backup.
 */
final class RpcPart {
  /** The subkeys of the state key that are this target's own (CmdHostSettings "rule subkeys"). */
  static final List<String> OWN_SUBKEYS =
      List.of(NetshIpsecNames.ASSIGNED_COPY, NetshIpsecNames.BEFORE_COPY);

  private RpcPart() {}

  static void describe(List<String> out, IpsecScriptInput input) {
    CmdHostSettings.describeState(out, input.rpc());
  }

  /** After the policy is assigned. */
  static void apply(List<String> out, IpsecScriptInput input) {
    CmdHostSettings.applyLines(out, input.slug(), input.rpc());
  }

  static void applyNotices(List<String> out, IpsecScriptInput input) {
    CmdHostSettings.applyNotices(out, input.rpc());
  }

  /** After the policy's objects are gone; removes the state key last. */
  static void rollback(List<String> out, IpsecScriptInput input) {
    CmdHostSettings.rollbackLines(out, input.slug(), input.rpc(), OWN_SUBKEYS);
  }

  static void rollbackNotices(List<String> out, IpsecScriptInput input) {
    CmdHostSettings.rollbackNotices(out, input.rpc());
  }

  static void takeOver(List<String> out, IpsecScriptInput input, String oldSlug, String label) {
    CmdHostSettings.takeOverLines(out, input.slug(), oldSlug, label, OWN_SUBKEYS);
  }
}
