/**
 * The {@code ipseccmd.exe} dialect (Windows XP SP2 / Server 2003 Support Tools,
 * windows-semantics.md 5.1): thin; the syntax it shares with ipsecpol is in {@link
 * dev.rpcwall.emit.ipsectool}.
 */
package dev.rpcwall.emit.ipseccmd;
