package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;

/**
 * {@code a, b except c, d}: the union of {@code include} minus the union of {@code exclude}
 * ({@code exclude} is empty when there is no {@code except}).
 */
public record NetworkExpr(SourceSpan span, List<NetworkItem> include, List<NetworkItem> exclude)
    implements Node {
  public NetworkExpr {
    requireNonNull(span, "span");
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }
}
