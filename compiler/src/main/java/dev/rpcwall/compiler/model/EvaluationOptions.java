package dev.rpcwall.compiler.model;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the evaluator needs to know about the host: the default inbound action per profile
 * (windows-semantics.md 2.1 rule 6 and 2.2 rule 4; Block unless told otherwise), the members of
 * host-dependent keywords where the caller knows them, and how to read conditions nobody resolved.
 * {@code RPC-EPMap} is always TCP 135 (section 2.4 rule 1) and needs no entry.
 */
public record EvaluationOptions(
    Map<Profile, Action> defaultInbound,
    Map<AddressKeyword, AddressSet> addressKeywords,
    Map<PortKeyword, PortSet> portKeywords,
    HostCondition unresolved,
    Map<Profile, ProfileState> profileStates) {

  /**
   * What a profile's settings do to rules (windows-semantics.md 2.1 rules 7-8, 2.3 rule 3, 4.4):
   * {@code ENFORCING} is a profile whose firewall is on and uses local rules (the default);
   * {@code FIREWALL_OFF} ({@code state off}, {@code EnableFirewall=0}): nothing is blocked;
   * {@code SHIELDED} ({@code blockinboundalways}, {@code AllowInboundRules False},
   * {@code DoNotAllowExceptions}): all unsolicited inbound traffic is blocked, allow rules are
   * ignored; {@code LOCAL_RULES_IGNORED} ({@code AllowLocalPolicyMerge=0}, {@code
   * AllowLocalFirewallRules False}): rules of the local store are ignored and only the default
   * decides. The evaluator treats every rule it is given as a local-store rule, which is what the
   * scripts create without {@code -PolicyStore}.
   */
  public enum ProfileState {
    ENFORCING,
    FIREWALL_OFF,
    SHIELDED,
    LOCAL_RULES_IGNORED
  }

  /** The four-part form: every profile {@link ProfileState#ENFORCING}. */
  public EvaluationOptions(
      Map<Profile, Action> defaultInbound,
      Map<AddressKeyword, AddressSet> addressKeywords,
      Map<PortKeyword, PortSet> portKeywords,
      HostCondition unresolved) {
    this(defaultInbound, addressKeywords, portKeywords, unresolved, Map.of());
  }

  public EvaluationOptions {
    EnumMap<Profile, Action> defaults = new EnumMap<>(Profile.class);
    for (Profile p : Profile.values()) {
      defaults.put(p, defaultInbound.getOrDefault(p, Action.BLOCK));
    }
    defaultInbound = Map.copyOf(defaults);
    addressKeywords = Map.copyOf(addressKeywords);
    portKeywords = Map.copyOf(portKeywords);
    requireNonNull(unresolved, "unresolved");
    EnumMap<Profile, ProfileState> states = new EnumMap<>(Profile.class);
    for (Profile p : Profile.values()) {
      states.put(p, profileStates.getOrDefault(p, ProfileState.ENFORCING));
    }
    profileStates = Map.copyOf(states);
  }

  public ProfileState profileState(Profile profile) {
    return profileStates.get(profile);
  }

  public EvaluationOptions withProfileState(Profile profile, ProfileState state) {
    EnumMap<Profile, ProfileState> copy = new EnumMap<>(profileStates);
    copy.put(profile, state);
    return new EvaluationOptions(defaultInbound, addressKeywords, portKeywords, unresolved, copy);
  }

  /** Default inbound Block in every profile, no keyword known, unresolved conditions may match. */
  public static EvaluationOptions defaults() {
    return new EvaluationOptions(Map.of(), Map.of(), Map.of(), HostCondition.ASSUME_MATCH);
  }

  public Action defaultInbound(Profile profile) {
    return defaultInbound.get(profile);
  }

  public EvaluationOptions withDefaultInbound(Profile profile, Action action) {
    EnumMap<Profile, Action> copy = new EnumMap<>(defaultInbound);
    copy.put(profile, action);
    return new EvaluationOptions(copy, addressKeywords, portKeywords, unresolved, profileStates);
  }

  public EvaluationOptions withUnresolved(HostCondition reading) {
    return new EvaluationOptions(defaultInbound, addressKeywords, portKeywords, reading, profileStates);
  }

  public EvaluationOptions withAddressKeyword(AddressKeyword keyword, AddressSet members) {
    Map<AddressKeyword, AddressSet> copy = new EnumMap<>(AddressKeyword.class);
    copy.putAll(addressKeywords);
    copy.put(keyword, members);
    return new EvaluationOptions(defaultInbound, copy, portKeywords, unresolved, profileStates);
  }

  public EvaluationOptions withPortKeyword(PortKeyword keyword, PortSet ports) {
    Map<PortKeyword, PortSet> copy = new EnumMap<>(PortKeyword.class);
    copy.putAll(portKeywords);
    copy.put(keyword, ports);
    return new EvaluationOptions(defaultInbound, addressKeywords, copy, unresolved, profileStates);
  }
}
