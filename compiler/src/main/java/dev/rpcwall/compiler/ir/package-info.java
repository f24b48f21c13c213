/**
 * The resolved policy (IR): names replaced by concrete address and port sets, rules in source
 * order, every node with the span it came from. Immutable; built by {@code check}, read by {@code
 * semantics}, {@code lower} and {@code lint}.
 */
package dev.rpcwall.compiler.ir;
