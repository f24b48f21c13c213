package dev.rpcwall.emit;

import dev.rpcwall.compiler.lower.IpsecLowering;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.family.Dialects;
import dev.rpcwall.emit.family.ipsec.IpsecFamily;
import dev.rpcwall.emit.family.wfas.WfasFamily;
import dev.rpcwall.emit.ipseccmd.IpseccmdEmitter;
import dev.rpcwall.emit.ipseccmd.IpseccmdReader;
import dev.rpcwall.emit.ipsecpol.IpsecpolEmitter;
import dev.rpcwall.emit.ipsecpol.IpsecpolReader;
import dev.rpcwall.emit.ipsectool.IpsecTool;
import dev.rpcwall.emit.ipsectool.IpsecToolRollbackHost;
import dev.rpcwall.emit.netsh.NetshEmitter;
import dev.rpcwall.emit.netsh.NetshReader;
import dev.rpcwall.emit.netsh.NetshRollbackHost;
import dev.rpcwall.emit.netshipsec.NetshIpsecEmitter;
import dev.rpcwall.emit.netshipsec.NetshIpsecReader;
import dev.rpcwall.emit.netshipsec.NetshIpsecRollbackHost;
import dev.rpcwall.emit.powershell.PowerShellEmitter;
import dev.rpcwall.emit.powershell.PowerShellReader;
import dev.rpcwall.emit.powershell.PsRollbackHost;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in model families and their dialects, registered explicitly (no classpath scanning).
 * A dialect is one line in its family's method below; {@code --target} offers exactly the
 * registered ones.
 */
public final class Targets {
  private Targets() {}

  /** The Windows Firewall (WFAS) dialects. */
  public static Dialects<WfasRuleSet, ScriptInput, WfasRuleSet> firewall() {
    WfasFamily wfas = WfasFamily.INSTANCE;
    return new Dialects<>(wfas, List.of(
        wfas.dialect(TargetId.NETSH, new NetshEmitter(), new NetshReader(), ScriptEncoding.NETSH,
            new NetshRollbackHost()),
        wfas.dialect(TargetId.POWERSHELL, new PowerShellEmitter(), new PowerShellReader(),
            ScriptEncoding.POWERSHELL, new PsRollbackHost())));
  }

  /** The legacy IPsec dialects (issue 6): cmd.exe scripts, one line each. */
  public static Dialects<IpsecLowering.Lowered, IpsecScriptInput, IpsecStore> legacyIpsec() {
    IpsecFamily ipsec = IpsecFamily.INSTANCE;
    return new Dialects<>(ipsec, List.of(
        ipsec.dialect(TargetId.IPSECPOL, new IpsecpolEmitter(), new IpsecpolReader(),
            ScriptEncoding.NETSH, new IpsecToolRollbackHost(IpsecTool.IPSECPOL)),
        ipsec.dialect(TargetId.IPSECCMD, new IpseccmdEmitter(), new IpseccmdReader(),
            ScriptEncoding.NETSH, new IpsecToolRollbackHost(IpsecTool.IPSECCMD)),
        ipsec.dialect(TargetId.NETSH_IPSEC, new NetshIpsecEmitter(), new NetshIpsecReader(),
            ScriptEncoding.NETSH, new NetshIpsecRollbackHost())));
  }

  /** Every family with its dialects, WFAS first: the order of a compile's outputs. */
  public static List<Dialects<?, ?, ?>> registry() {
    return List.of(firewall(), legacyIpsec());
  }

  /** Every registered dialect, whatever its family. */
  public static Map<TargetId, Target<?, ?>> builtIn() {
    Map<TargetId, Target<?, ?>> m = new EnumMap<>(TargetId.class);
    for (Dialects<?, ?, ?> d : registry()) {
      for (Target<?, ?> t : d.targets()) {
        m.put(t.id(), t);
      }
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The registered Windows Firewall dialects, typed. */
  public static Map<TargetId, Target<ScriptInput, WfasRuleSet>> wfas() {
    return typed(firewall());
  }

  /** The registered legacy IPsec dialects, typed (empty until one is registered). */
  public static Map<TargetId, Target<IpsecScriptInput, IpsecStore>> ipsec() {
    return typed(legacyIpsec());
  }

  private static <I, R> Map<TargetId, Target<I, R>> typed(Dialects<?, I, R> d) {
    Map<TargetId, Target<I, R>> m = new EnumMap<>(TargetId.class);
    for (Target<I, R> t : d.targets()) {
      m.put(t.id(), t);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
