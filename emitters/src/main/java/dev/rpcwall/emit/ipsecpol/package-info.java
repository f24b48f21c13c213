/**
 * The {@code ipsecpol.exe} dialect (Windows 2000 Resource Kit, windows-semantics.md 5.1): thin;
 * the syntax it shares with ipseccmd is in {@link dev.rpcwall.emit.ipsectool}.
 */
package dev.rpcwall.emit.ipsecpol;
