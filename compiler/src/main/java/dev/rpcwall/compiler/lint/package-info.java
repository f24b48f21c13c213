/**
 * Checks over what hosts carry ({@link dev.rpcwall.compiler.host.HostState}): the lint catalog
 * ({@code RWL} IDs, each with a {@link Category}), findings with their evidence.
 */
package dev.rpcwall.compiler.lint;
