package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/**
 * A port or port range as written; {@code first == last} for one port. Values are not validated
 * here (the checker reports ports outside 0-65535 and reversed ranges); a number too long for a
 * {@code long} is kept as {@link Long#MAX_VALUE}.
 */
public record PortRangeLit(SourceSpan span, long first, long last) implements Node {
  public PortRangeLit {
    requireNonNull(span, "span");
  }

  public boolean isSingle() {
    return first == last;
  }
}
