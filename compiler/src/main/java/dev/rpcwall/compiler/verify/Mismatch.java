package dev.rpcwall.compiler.verify;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import java.util.Locale;
import java.util.Optional;

/**
 * A region where the emitted rules do not mean what the policy means: in {@code scenario}, for
 * {@code profile} and {@code protocol}, every local port in {@code ports} and remote address in
 * {@code addresses} is decided {@code actual} by Windows Firewall but {@code expected} by the
 * policy. For {@link Scenario#UNMANAGED_UNTOUCHED} the expected decision is {@code UNMANAGED} and
 * the actual one that of the emitted rule that matches. For {@link Scenario#HOST_DEPENDENT_RULE}
 * the region is the offending rule's reach (its profiles, protocols, port hull, each family), the
 * expected decision {@code UNMANAGED} (no such rule) and the actual one its action. {@code rule}
 * names an offending emitted rule where one is known.
 */
public record Mismatch(
    Scenario scenario,
    Profile profile,
    Protocol protocol,
    PortRange ports,
    IpRange addresses,
    Decision expected,
    Decision actual,
    Optional<String> rule) {
  public Mismatch {
    requireNonNull(scenario, "scenario");
    requireNonNull(profile, "profile");
    requireNonNull(protocol, "protocol");
    requireNonNull(ports, "ports");
    requireNonNull(addresses, "addresses");
    requireNonNull(expected, "expected");
    requireNonNull(actual, "actual");
    requireNonNull(rule, "rule");
  }

  /** One line for humans, e.g. {@code no-other-rules domain tcp 135 10.0.0.0-10.1.0.255: ...}. */
  public String describe() {
    return scenario.name().toLowerCase(Locale.ROOT).replace('_', '-')
        + " "
        + profile.keyword()
        + " "
        + protocol.keyword()
        + " "
        + ports
        + " "
        + addresses
        + ": policy says "
        + expected.keyword()
        + ", Windows Firewall would "
        + actual.keyword()
        + rule.map(r -> " (rule " + r + ")").orElse("");
  }
}
