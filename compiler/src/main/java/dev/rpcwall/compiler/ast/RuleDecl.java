package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;

/**
 * {@code allow|block NETWORKS to SERVICES [on PROFILES]}; {@code profiles} is empty when the rule
 * has no {@code on} clause (all profiles).
 */
public record RuleDecl(
    SourceSpan span,
    Action action,
    NetworkExpr from,
    List<ServiceItem> to,
    List<ProfileRef> profiles)
    implements Statement {
  public RuleDecl {
    requireNonNull(span, "span");
    requireNonNull(action, "action");
    requireNonNull(from, "from");
    to = List.copyOf(to);
    profiles = List.copyOf(profiles);
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitRule(this);
  }
}
