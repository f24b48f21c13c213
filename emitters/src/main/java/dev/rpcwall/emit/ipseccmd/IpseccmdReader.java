package dev.rpcwall.emit.ipseccmd;

import dev.rpcwall.emit.ipsectool.IpsecTool;
import dev.rpcwall.emit.ipsectool.IpsecToolReader;

/** Reads {@code ipseccmd} scripts, rpcwall's and hand-written ones, into an IPsec store. */
public final class IpseccmdReader extends IpsecToolReader {
  public IpseccmdReader() {
    super(IpsecTool.IPSECCMD);
  }
}
