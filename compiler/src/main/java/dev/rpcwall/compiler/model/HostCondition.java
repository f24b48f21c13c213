package dev.rpcwall.compiler.model;

/**
 * How the evaluator reads a condition whose value only the host knows: an address keyword with no
 * given members ({@code LocalSubnet}, {@code DNS}, ...), a port keyword other than {@code
 * RPC-EPMap} with no given ports ({@code RPC} follows its program, windows-semantics.md 2.4 rule 2),
 * a program or service condition, a local address condition, or a remote port condition (the
 * source port of inbound traffic is chosen by the client).
 */
public enum HostCondition {
  /** The condition matches every packet: the pessimistic reading for the rule's action. */
  ASSUME_MATCH,
  /** The condition matches no packet. */
  ASSUME_NO_MATCH
}
