package dev.rpcwall.compiler.host;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.source.SourceSpan;

/**
 * One legacy IPsec filter the Policy Agent enforces on the host (the assigned static policy's or a
 * dynamic one, windows-semantics.md 5.1), with the line that created it.
 */
public record HostIpsecFilter(IpsecFilter filter, SourceSpan origin) {
  public HostIpsecFilter {
    requireNonNull(filter, "filter");
    requireNonNull(origin, "origin");
  }
}
