/**
 * The netsh advfirewall target: {@link dev.rpcwall.emit.netsh.NetshEmitter} writes a rule set as
 * {@code .cmd} apply and rollback scripts, {@link dev.rpcwall.emit.netsh.NetshReader} reads such
 * scripts (and hand-written ones) back. All cmd.exe quoting lives in {@link
 * dev.rpcwall.emit.netsh.NetshQuoting}. Emitted scripts are US-ASCII with CRLF line ends and never
 * depend on the clock or the environment; the reader reports what it cannot read and never throws.
 */
package dev.rpcwall.emit.netsh;
