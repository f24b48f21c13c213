/**
 * Readers of registry exports found on hosts: {@code .reg} files, {@code reg query} output, and
 * the binary {@code .wfw} export (recognised and refused). What the values mean is decided in one
 * place, {@link dev.rpcwall.compiler.host.RegistryWrites}.
 */
package dev.rpcwall.emit.host.registry;
