package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/**
 * A reference to a service by name, including the built-ins {@code endpoint-mapper}, {@code
 * rpc-dynamic} and {@code wmi}.
 */
public record ServiceRef(SourceSpan span, Identifier name) implements ServiceItem {
  public ServiceRef {
    requireNonNull(span, "span");
    requireNonNull(name, "name");
  }
}
