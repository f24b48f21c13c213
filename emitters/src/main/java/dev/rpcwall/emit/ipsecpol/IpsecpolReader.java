package dev.rpcwall.emit.ipsecpol;

import dev.rpcwall.emit.ipsectool.IpsecTool;
import dev.rpcwall.emit.ipsectool.IpsecToolReader;

/** Reads {@code ipsecpol} scripts, rpcwall's and hand-written ones, into an IPsec store. */
public final class IpsecpolReader extends IpsecToolReader {
  public IpsecpolReader() {
    super(IpsecTool.IPSECPOL);
  }
}
