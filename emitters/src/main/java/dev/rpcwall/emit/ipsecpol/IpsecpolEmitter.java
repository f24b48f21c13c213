package dev.rpcwall.emit.ipsecpol;

import dev.rpcwall.emit.ipsectool.IpsecTool;
import dev.rpcwall.emit.ipsectool.IpsecToolEmitter;

/** The {@code ipsecpol} apply and rollback scripts (docs/targets/ipsecpol.md). */
public final class IpsecpolEmitter extends IpsecToolEmitter {
  public IpsecpolEmitter() {
    super(IpsecTool.IPSECPOL);
  }
}
