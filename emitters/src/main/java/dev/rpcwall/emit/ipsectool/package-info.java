/**
 * What the {@code ipsecpol} and {@code ipseccmd} dialects share (windows-semantics.md 5.1-5.3: one
 * syntax, two programs): the {@code -f} spec and {@code -n} action syntax ({@link
 * dev.rpcwall.emit.ipsectool.FilterSpecs}), the emitter and the reader, parameterized by {@link
 * dev.rpcwall.emit.ipsectool.IpsecTool}. The dialect packages only name their tool.
 */
package dev.rpcwall.emit.ipsectool;
