package dev.rpcwall.emit.ipseccmd;

import dev.rpcwall.emit.ipsectool.IpsecTool;
import dev.rpcwall.emit.ipsectool.IpsecToolEmitter;

/** The {@code ipseccmd} apply and rollback scripts (docs/targets/ipsecpol.md). */
public final class IpseccmdEmitter extends IpsecToolEmitter {
  public IpseccmdEmitter() {
    super(IpsecTool.IPSECCMD);
  }
}
