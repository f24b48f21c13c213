package dev.rpcwall.cli;

import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.Targets;
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
      return EnumSet.copyOf(Targets.builtIn().keySet());
    }
    for (TargetId id : Targets.builtIn().keySet()) {
      if (id.keyword().equals(t)) {
        return EnumSet.of(id);
      }
    }
    return EnumSet.noneOf(TargetId.class);
  }
}
