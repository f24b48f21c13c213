/**
 * The legacy IPsec packet-filter model (Windows 2000 / XP / Server 2003 Policy Agent) and its
 * evaluator: filters ordered by specificity instead of by action (windows-semantics.md section 5).
 */
package dev.rpcwall.compiler.model.ipsec;
