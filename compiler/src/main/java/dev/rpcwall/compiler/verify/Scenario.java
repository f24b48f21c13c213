package dev.rpcwall.compiler.verify;

/** The host situations a translation is checked in. */
public enum Scenario {
  /** The host has no other rules and default inbound Block: ALLOW stays allowed, BLOCK blocked. */
  NO_OTHER_RULES,
  /** The host also has an allow-any rule on every port and address: BLOCK stays blocked. */
  HOST_ALLOWS_ANY,
  /** Ports outside the policy's managed space: no emitted rule may match them. */
  UNMANAGED_UNTOUCHED,
  /** An emitted rule uses a host-dependent condition (keyword, program, service, ...). */
  HOST_DEPENDENT_RULE
}
