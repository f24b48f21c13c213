package dev.rpcwall.emit.host.export;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One exported rule object as a format parser read it: its properties by name (case-insensitive,
 * as PowerShell's property names are) and where the object starts. Mutable while a parser fills it.
 */
final class ExportRecord {
  /**
   * One property: the values as written (one for a scalar, one per element of a list), where the
   * value is, and, when the export lost part of it (a truncated table cell, {@code {a, b...}}, a
   * {@code ConvertTo-Json -Depth} cut), why: then {@code items} holds what is left, not the value.
   */
  record Field(String name, List<String> items, SourceSpan at, Optional<String> lossy) {
    Field {
      requireNonNull(name, "name");
      items = List.copyOf(items);
      requireNonNull(at, "at");
      requireNonNull(lossy, "lossy");
    }

    static Field of(String name, String value, SourceSpan at) {
      return new Field(name, List.of(value), at, Optional.empty());
    }
  }

  private final SourceSpan at;
  private final Map<String, Field> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  ExportRecord(SourceSpan at) {
    this.at = requireNonNull(at, "at");
  }

  SourceSpan at() {
    return at;
  }

  /** Adds a property; a second one of the same name does not replace the first. */
  void put(Field field) {
    fields.putIfAbsent(field.name(), field);
  }

  Optional<Field> get(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  boolean has(String name) {
    return fields.containsKey(name);
  }

  Collection<Field> fields() {
    return fields.values();
  }

  boolean isEmpty() {
    return fields.isEmpty();
  }
}
