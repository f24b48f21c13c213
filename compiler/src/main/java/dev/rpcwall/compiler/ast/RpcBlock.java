package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;

/** {@code rpc { dynamic ports A-B  wmi fixed port N }}. */
public record RpcBlock(SourceSpan span, List<RpcSetting> settings) implements Statement {
  public RpcBlock {
    requireNonNull(span, "span");
    settings = List.copyOf(settings);
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitRpc(this);
  }
}
