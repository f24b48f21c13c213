package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;

/** A profile named in an {@code on} clause. */
public record ProfileRef(SourceSpan span, Profile profile) implements Node {
  public ProfileRef {
    requireNonNull(span, "span");
    requireNonNull(profile, "profile");
  }
}
