/**
 * The Windows Firewall (WFAS) family: lowering to WFAS rules, the WFAS translation check and the
 * rollback proof over rule names; dialects {@code netsh} and {@code powershell}.
 */
package dev.rpcwall.emit.family.wfas;
