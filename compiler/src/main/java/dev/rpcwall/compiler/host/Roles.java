package dev.rpcwall.compiler.host;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.AddressSet;
import java.util.Optional;

/**
 * What {@code lint --roles FILE} says of the networks around a host, for the role-aware checks:
 * the workstation subnets, the servers, the admin subnets, and what counts as the Internet (when
 * absent: every address outside the private and special ranges). Each is optional.
 */
public record Roles(
    Optional<AddressSet> workstations,
    Optional<AddressSet> servers,
    Optional<AddressSet> admins,
    Optional<AddressSet> internet) {
  public static final Roles NONE =
      new Roles(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public Roles {
    requireNonNull(workstations, "workstations");
    requireNonNull(servers, "servers");
    requireNonNull(admins, "admins");
    requireNonNull(internet, "internet");
  }
}
