package dev.rpcwall.cli;

import dev.rpcwall.compiler.target.TargetId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The value of {@code --target}: one target's keyword, or {@code all}. */
final class TargetOption {
  private TargetOption() {}

  /** The targets {@code value} names; empty when it names none. */
  static Set<TargetId> parse(String value) {
    String t = value.trim().toLowerCase(Locale.ROOT);
    if (t.equals("all")) {
      return EnumSet.allOf(TargetId.class);
    }
    for (TargetId id : TargetId.values()) {
      if (id.keyword().equals(t)) {
        return EnumSet.of(id);
      }
    }
    return EnumSet.noneOf(TargetId.class);
  }
}
