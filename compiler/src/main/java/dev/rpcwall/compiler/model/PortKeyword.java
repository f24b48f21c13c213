package dev.rpcwall.compiler.model;

/**
 * Local/remote port keywords of WFAS rules (windows-semantics.md sections 1.1, 2.4, 3.5; MS-FASP
 * 2.2.14). Never emitted by the compiler; read from existing rule sets so lint can reason about them.
 */
public enum PortKeyword {
  /** {@code RPC}: dynamic RPC ports of the rule's program/service (FASP 0x01). */
  RPC,
  /** {@code RPC-EPMap} / PowerShell {@code RPCEPMap}: the endpoint mapper, TCP 135 (FASP 0x02). */
  RPC_EPMAP,
  TEREDO,
  IPHTTPS_IN,
  IPHTTPS_OUT,
  DHCP,
  PLAY_TO_DISCOVERY,
  MDNS,
  CORTANA_OUT,
  PROXIMAL_TCP_CDP
}
