package dev.rpcwall.compiler.model;

/**
 * Remote address keywords (windows-semantics.md section 3.5, FW_ADDRESS_KEYWORD). Their members are
 * only known on the host, so evaluators treat them as unknown sets.
 */
public enum AddressKeyword {
  LOCAL_SUBNET,
  DNS,
  DHCP,
  WINS,
  DEFAULT_GATEWAY,
  INTRANET,
  INTERNET,
  PLAY_TO_DEVICE,
  REMOTE_INTRANET,
  CAPTIVE_PORTAL
}
