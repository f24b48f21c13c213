/**
 * The legacy IPsec family (Windows 2000 / XP / Server 2003 Policy Agent): lowering to filters, the
 * IPsec translation check over the store a script leaves, the rollback proof over static policies
 * ({@link dev.rpcwall.emit.family.ipsec.IpsecRollbackHost}, what each dialect implements), and the
 * output-name contract. Dialects {@code ipsecpol}, {@code ipseccmd}, {@code netsh-ipsec}, each in
 * its own package next to {@code netsh} and {@code powershell}.
 */
package dev.rpcwall.emit.family.ipsec;
