/**
 * The dialects rpcwall emits and reads, one package each; {@link dev.rpcwall.emit.Targets} lists
 * them. Quoting and escaping live in the dialect packages and only there.
 */
package dev.rpcwall.emit;
