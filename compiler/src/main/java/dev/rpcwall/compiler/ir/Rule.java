package dev.rpcwall.compiler.ir;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.EnumSet;
import java.util.Set;

/**
 * A resolved rule: every name replaced by concrete sets. {@code index} is the rule's position in
 * the policy (0-based, imports' rules never count: imports bring definitions only), {@code text}
 * the rule as written in the source, for {@code explain}.
 */
public record Rule(
    int index,
    Action action,
    AddressSet addresses,
    PortSet tcp,
    PortSet udp,
    Set<Profile> profiles,
    SourceSpan origin,
    String text) {
  public Rule {
    requireNonNull(action, "action");
    requireNonNull(addresses, "addresses");
    requireNonNull(tcp, "tcp");
    requireNonNull(udp, "udp");
    requireNonNull(origin, "origin");
    requireNonNull(text, "text");
    profiles = profiles.isEmpty() ? Set.of() : PROFILE_SETS[mask(profiles)];
  }

  /**
   * The immutable profile set of every non-empty combination, by bit mask: policies of 100,000
   * rules share these few instead of holding a set each.
   */
  private static final Set<Profile>[] PROFILE_SETS = profileSets();

  @SuppressWarnings("unchecked")
  private static Set<Profile>[] profileSets() {
    Profile[] all = Profile.values();
    Set<Profile>[] sets = new Set[1 << all.length];
    for (int mask = 1; mask < sets.length; mask++) {
      EnumSet<Profile> set = EnumSet.noneOf(Profile.class);
      for (Profile p : all) {
        if ((mask & (1 << p.ordinal())) != 0) {
          set.add(p);
        }
      }
      sets[mask] = Set.copyOf(set);
    }
    return sets;
  }

  private static int mask(Set<Profile> profiles) {
    int mask = 0;
    for (Profile p : profiles) {
      mask |= 1 << requireNonNull(p, "profile").ordinal();
    }
    return mask;
  }

  public PortSet ports(Protocol protocol) {
    return protocol == Protocol.TCP ? tcp : udp;
  }

  public boolean appliesTo(Profile profile) {
    return profiles.contains(profile);
  }

  /** Short form: a rule's address set can hold 100,000 ranges, too many for a log or assertion. */
  @Override
  public String toString() {
    return "rule #" + index + " at " + origin.location() + ": " + text;
  }
}
