package dev.rpcwall.compiler.model;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Windows Firewall rule as Windows stores it (windows-semantics.md sections 1.1, 3.3, 4.1).
 * {@code id} is the rule ID (PowerShell {@code -Name}; for netsh, which has only a display name,
 * the same as {@code displayName}). {@code protocol} is 0-255, or {@link #ANY_PROTOCOL}. An empty
 * {@code profiles} set means all profiles. {@code origin} is the policy line the rule came from, or
 * the line of the script it was read from. {@code otherConditions} describes, for people, the
 * conditions a rule read from a host's input carries that no packet's port and remote address can
 * decide and that have no field here (an interface type, a {@code %VAR%} left unresolved, the
 * program and service a non-verbose {@code show rule} dump leaves out): the evaluator reads them
 * like a program condition ({@link HostCondition}). Rules the compiler emits have none.
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
    SourceSpan origin,
    List<String> otherConditions) {
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
    otherConditions = List.copyOf(otherConditions);
  }

  /** A rule with no condition beyond its fields: every rule the compiler emits. */
  public WfasRule(
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
    this(
        id,
        displayName,
        group,
        description,
        direction,
        action,
        protocol,
        localPorts,
        remotePorts,
        localAddresses,
        remoteAddresses,
        profiles,
        enabled,
        program,
        service,
        origin,
        List.of());
  }

  /** True when the rule applies in {@code profile} (an empty set means all profiles). */
  public boolean appliesTo(Profile profile) {
    return profiles.isEmpty() || profiles.contains(profile);
  }
}
