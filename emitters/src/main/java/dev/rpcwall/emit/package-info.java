/**
 * Compiling to scripts: {@link dev.rpcwall.emit.Compilation} runs every model family of {@link
 * dev.rpcwall.emit.Targets} ({@link dev.rpcwall.emit.family}: Windows Firewall, legacy IPsec) and
 * its dialects, one package each ({@code netsh}, {@code powershell}; the legacy IPsec ones next to
 * them). Quoting and escaping live in the dialect packages and only there.
 */
package dev.rpcwall.emit;
