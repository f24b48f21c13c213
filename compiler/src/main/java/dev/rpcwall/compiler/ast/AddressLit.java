package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;

/**
 * An address literal exactly as written: host ({@code 10.1.1.7}, {@code fe80::1}), CIDR ({@code
 * 10.1.1.0/24}), dotted mask ({@code 10.2.0.0/255.255.0.0}) or range ({@code 192.168.6.1-192.168.6.50}).
 * The checker parses and validates it, so bad addresses get meaning-level diagnostics.
 */
public record AddressLit(SourceSpan span, String text) implements NetworkItem {
  public AddressLit {
    requireNonNull(span, "span");
    requireNonNull(text, "text");
  }
}
