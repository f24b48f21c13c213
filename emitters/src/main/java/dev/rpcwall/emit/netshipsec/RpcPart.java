package dev.rpcwall.emit.netshipsec;

import dev.rpcwall.compiler.target.IpsecScriptInput;
import java.util.List;

/**
 * The RPC dynamic port range and the WMI fixed port of the netsh ipsec scripts
 * (windows-semantics.md 6.1-6.3): the same registry values, backup and restore as the netsh
 * advfirewall target.
 */
final class RpcPart {
  private RpcPart() {}

  static void apply(List<String> out, IpsecScriptInput input) {}

  static void applyNotices(List<String> out, IpsecScriptInput input) {}

  static void rollback(List<String> out, IpsecScriptInput input) {}

  static void rollbackState(List<String> out, IpsecScriptInput input) {}

  static void rollbackNotices(List<String> out, IpsecScriptInput input) {}
}
