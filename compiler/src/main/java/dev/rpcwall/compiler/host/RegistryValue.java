package dev.rpcwall.compiler.host;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;

/**
 * A registry value as an input writes it, before any interpretation: its name, its type as
 * written ({@code REG_SZ}, {@code REG_MULTI_SZ}, {@code REG_DWORD}, {@code REG_EXPAND_SZ}, ...),
 * its data (one string per REG_MULTI_SZ entry, exactly as written, spaces kept; a DWORD as its
 * decimal text) and where it was written. Lint checks the RPC values from this raw form
 * (windows-semantics.md 6.1).
 */
public record RegistryValue(String name, String type, List<String> data, SourceSpan origin) {
  public static final String REG_SZ = "REG_SZ";
  public static final String REG_MULTI_SZ = "REG_MULTI_SZ";
  public static final String REG_DWORD = "REG_DWORD";

  public RegistryValue {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    data = List.copyOf(data);
    requireNonNull(origin, "origin");
  }
}
