/**
 * From ASTs to the resolved policy: {@link dev.rpcwall.compiler.check.ImportLoader} reads the main
 * file and its imports through a {@link dev.rpcwall.compiler.source.SourceLoader}, keeping imports
 * inside the policy root ({@link dev.rpcwall.compiler.check.ImportPaths}), and {@link
 * dev.rpcwall.compiler.check.NameResolver} replaces names by address and port sets and reports the
 * RW10xx-RW11xx diagnostics. Depends on ast, parse, semantics and ir; never on the file system.
 */
package dev.rpcwall.compiler.check;
