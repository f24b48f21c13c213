package dev.rpcwall.emit;

import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.netsh.NetshEmitter;
import dev.rpcwall.emit.netsh.NetshReader;
import dev.rpcwall.emit.netsh.NetshRollbackHost;
import dev.rpcwall.emit.powershell.PowerShellEmitter;
import dev.rpcwall.emit.powershell.PowerShellReader;
import dev.rpcwall.emit.powershell.PsRollbackHost;
import java.util.EnumMap;
import java.util.Map;

/** The built-in targets, registered explicitly (no classpath scanning). */
public final class Targets {
  private Targets() {}

  public static Map<TargetId, Target> builtIn() {
    Map<TargetId, Target> m = new EnumMap<>(TargetId.class);
    m.put(
        TargetId.NETSH,
        new Target(TargetId.NETSH, new NetshEmitter(), new NetshReader(), ScriptEncoding.NETSH,
            new NetshRollbackHost()));
    m.put(
        TargetId.POWERSHELL,
        new Target(TargetId.POWERSHELL, new PowerShellEmitter(), new PowerShellReader(),
            ScriptEncoding.POWERSHELL, new PsRollbackHost()));
    return Map.copyOf(m);
  }
}
