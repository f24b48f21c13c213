package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.Roles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs the lint catalog over one host: what the readers noted (unreadable input, what Windows
 * refuses) and the checks over the effective rule set. Findings come sorted by file, line, column
 * and ID.
 */
public final class Linter {
  private Linter() {}

  public static List<Finding> lint(EffectiveHost host, List<HostNote> notes, Roles roles) {
    List<Finding> out = new ArrayList<>();
    for (HostNote note : notes) {
      Category category = Category.ofWord(note.category());
      if (category == null) {
        category = Category.UNREADABLE;
      }
      String id = category == Category.INVALID_RULE ? "RWL0002" : "RWL0001";
      Severity severity = category == Category.INVALID_RULE ? Severity.ERROR : Severity.WARNING;
      out.add(new Finding(id, category, severity, note.at(), note.message(), List.of(), note.hint()));
    }
    out.sort(
        Comparator.comparing(Finding::at).thenComparing(Finding::id));
    return out;
  }
}
