package dev.rpcwall.compiler.host;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/** A profile-level value an input sets (default inbound action, firewall state), and where. */
public record ProfileSetting<T>(T value, SourceSpan origin) {
  public ProfileSetting {
    requireNonNull(value, "value");
    requireNonNull(origin, "origin");
  }
}
