package dev.rpcwall.compiler.host;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.semantics.Profile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the inputs read so far leave on one host, built up by {@link HostReader}s in the order the
 * inputs are given: the firewall rules (list order is the order they were created; it has no
 * meaning to Windows), the default inbound action and the state of each profile where an input
 * sets them, the values under {@code HKLM\SOFTWARE\Microsoft\Rpc\Internet} by name (case-insensitive,
 * the last write wins, a delete removes), the WMI fixed port ({@code winmgmt -standalonehost}) and
 * the legacy IPsec filters the Policy Agent enforces. Mutable; one per host.
 */
public final class HostState {
  private final List<HostRule> rules = new ArrayList<>();
  private final Map<Profile, ProfileSetting<Action>> defaultInbound = new EnumMap<>(Profile.class);
  private final Map<Profile, ProfileSetting<ProfileState>> profileStates =
      new EnumMap<>(Profile.class);
  private final Map<String, RegistryValue> rpcInternet =
      new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private Optional<ProfileSetting<Integer>> wmiFixedPort = Optional.empty();
  private final List<HostIpsecFilter> ipsecFilters = new ArrayList<>();
  private final Map<String, RegistryValue> firewallProfileValues =
      new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  /** The rules, mutable: readers add, replace ({@code set rule}) and remove ({@code delete rule}). */
  public List<HostRule> rules() {
    return rules;
  }

  public void addRule(HostRule rule) {
    rules.add(rule);
  }

  /** Removes every rule {@code which} selects; returns how many were removed. */
  public int removeRules(Predicate<HostRule> which) {
    int before = rules.size();
    rules.removeIf(which);
    return before - rules.size();
  }

  public Map<Profile, ProfileSetting<Action>> defaultInbound() {
    return defaultInbound;
  }

  public void setDefaultInbound(Profile profile, ProfileSetting<Action> setting) {
    defaultInbound.put(profile, setting);
  }

  public Map<Profile, ProfileSetting<ProfileState>> profileStates() {
    return profileStates;
  }

  public void setProfileState(Profile profile, ProfileSetting<ProfileState> setting) {
    profileStates.put(profile, setting);
  }

  /** The RPC registry values by name ({@code Ports}, {@code PortsInternetAvailable}, ...). */
  public Map<String, RegistryValue> rpcInternet() {
    return rpcInternet;
  }

  public void setRpcValue(RegistryValue value) {
    rpcInternet.put(value.name(), value);
  }

  public void deleteRpcValue(String name) {
    rpcInternet.remove(name);
  }

  public Optional<ProfileSetting<Integer>> wmiFixedPort() {
    return wmiFixedPort;
  }

  public void setWmiFixedPort(Optional<ProfileSetting<Integer>> port) {
    wmiFixedPort = port;
  }

  /** The enforced legacy IPsec filters, mutable (a reader replacing an assigned policy removes). */
  public List<HostIpsecFilter> ipsecFilters() {
    return ipsecFilters;
  }

  /**
   * The values written under the firewall profile keys ({@code EnableFirewall}, {@code
   * DefaultInboundAction}, ...), as written, by {@code STORE\PROFILEKEY\Name} ({@code
   * GPO\DomainProfile\EnableFirewall}): {@link RegistryWrites} derives {@link #defaultInbound()}
   * and {@link #profileStates()} from them by the merge laws of windows-semantics.md 2.3 rule 4.
   */
  public Map<String, RegistryValue> firewallProfileValues() {
    return firewallProfileValues;
  }
}
