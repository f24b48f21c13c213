package dev.rpcwall.compiler.host;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.model.EvaluationOptions;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.model.HostCondition;
import dev.rpcwall.compiler.model.WfasEvaluator;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.semantics.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host's state in the Windows Firewall evaluator's terms, one evaluator per profile and reading
 * of host conditions. What no input says is assumed as Windows ships it and said so by {@link
 * #assumedDefaults()}: default inbound Block in every profile (windows-semantics.md 2.1 rule 6,
 * 2.2 rule 4), the firewall on and local rules merged.
 *
 * <p>A profile whose local rules are ignored ({@code AllowLocalPolicyMerge=0}, 2.3 rule 3) still
 * enforces its Group Policy rules: its evaluator gets those alone, with the profile enforcing.
 */
public final class EffectiveHost {
  private final HostState state;

  public EffectiveHost(HostState state) {
    this.state = requireNonNull(state, "state");
  }

  public HostState state() {
    return state;
  }

  /** The profiles whose default inbound action no input sets (assumed Block). */
  public List<Profile> assumedDefaults() {
    List<Profile> out = new ArrayList<>();
    for (Profile p : Profile.values()) {
      if (!state.defaultInbound().containsKey(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The evaluator options the inputs give, reading unresolved conditions as {@code reading}. */
  public EvaluationOptions options(HostCondition reading) {
    EvaluationOptions options = EvaluationOptions.defaults().withUnresolved(reading);
    for (Map.Entry<Profile, ProfileSetting<Action>> e : state.defaultInbound().entrySet()) {
      options = options.withDefaultInbound(e.getKey(), e.getValue().value());
    }
    for (Map.Entry<Profile, ProfileSetting<ProfileState>> e : state.profileStates().entrySet()) {
      options = options.withProfileState(e.getKey(), e.getValue().value());
    }
    return options;
  }

  /** The evaluator that decides for {@code profile} on this host. */
  public WfasEvaluator evaluator(Profile profile, HostCondition reading) {
    return evaluator(profile, options(reading));
  }

  /**
   * The evaluator that decides for {@code profile} with {@code options} (the host's {@link
   * #options}, possibly with keyword members a caller knows, e.g. lint's RPC dynamic range).
   */
  public WfasEvaluator evaluator(Profile profile, EvaluationOptions options) {
    List<WfasRule> rules = new ArrayList<>();
    if (options.profileState(profile) == ProfileState.LOCAL_RULES_IGNORED) {
      for (HostRule r : state.rules()) {
        if (r.store() == HostStore.GPO) {
          rules.add(r.rule());
        }
      }
      options = options.withProfileState(profile, ProfileState.ENFORCING);
    } else {
      for (HostRule r : state.rules()) {
        rules.add(r.rule());
      }
    }
    return WfasEvaluator.of(new WfasRuleSet(rules, RpcSettings.NONE), List.of(), options);
  }

  /** The host's Windows Firewall rules, as one list (for checks that look at rules themselves). */
  public List<WfasRule> rules() {
    List<WfasRule> out = new ArrayList<>();
    for (HostRule r : state.rules()) {
      out.add(r.rule());
    }
    return out;
  }

  /** The RPC dynamic range value as written, if any input writes one. */
  public Optional<RegistryValue> rpcPorts() {
    return Optional.ofNullable(state.rpcInternet().get("Ports"));
  }
}
