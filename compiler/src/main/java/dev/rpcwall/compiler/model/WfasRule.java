package dev.rpcwall.compiler.model;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One Windows Firewall rule as Windows stores it (windows-semantics.md sections 1.1, 3.3, 4.1).
 * {@code id} is the rule ID (PowerShell {@code -Name}; for netsh, which has only a display name,
 * the same as {@code displayName}). {@code protocol} is 0-255, or {@link #ANY_PROTOCOL}. An empty
 * {@code profiles} set means all profiles. {@code origin} is the policy line the rule came from, or
 * the line of the script it was read from.
 */
public record WfasRule(
    String id,
    String displayName,
    Optional<String> group,
    Optional<String> description,
    Direction direction,
    RuleAction action,
    int protocol,
    PortCondition localPorts,
    PortCondition remotePorts,
    AddressCondition localAddresses,
    AddressCondition remoteAddresses,
    Set<Profile> profiles,
    boolean enabled,
    Optional<String> program,
    Optional<String> service,
    SourceSpan origin) {
  /** MS-FASP encodes "any protocol" as 256. */
  public static final int ANY_PROTOCOL = 256;

  public WfasRule {
    requireNonNull(id, "id");
    requireNonNull(displayName, "displayName");
    requireNonNull(group, "group");
    requireNonNull(description, "description");
    requireNonNull(direction, "direction");
    requireNonNull(action, "action");
    if (protocol < 0 || protocol > ANY_PROTOCOL) {
      throw new IllegalArgumentException("bad protocol " + protocol);
    }
    requireNonNull(localPorts, "localPorts");
    requireNonNull(remotePorts, "remotePorts");
    requireNonNull(localAddresses, "localAddresses");
    requireNonNull(remoteAddresses, "remoteAddresses");
    profiles = profiles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(profiles));
    requireNonNull(program, "program");
    requireNonNull(service, "service");
    requireNonNull(origin, "origin");
  }

  /** True when the rule applies in {@code profile} (an empty set means all profiles). */
  public boolean appliesTo(Profile profile) {
    return profiles.isEmpty() || profiles.contains(profile);
  }
}
