/**
 * Readers of legacy IPsec scripts found on hosts ({@code ipsecpol}, {@code ipseccmd}, {@code netsh
 * ipsec static}), built on the strict readers of rpcwall's legacy targets.
 */
package dev.rpcwall.emit.host.ipsec;
