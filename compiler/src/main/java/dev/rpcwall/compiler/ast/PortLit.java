package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;

/**
 * {@code tcp 135} or {@code udp 5001-5021}; a list that continues with bare numbers keeps the
 * protocol ({@code tcp 135, 445} is one literal with two ranges).
 */
public record PortLit(SourceSpan span, Protocol protocol, List<PortRangeLit> ranges)
    implements ServiceItem {
  public PortLit {
    requireNonNull(span, "span");
    requireNonNull(protocol, "protocol");
    ranges = List.copyOf(ranges);
  }
}
