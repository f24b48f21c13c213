package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.Roles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs the lint catalog ({@link LintCatalog}) over one host: what the readers noted (unreadable
 * input RWL0001, what Windows refuses RWL0002), the RPC registry values (RWL0110-RWL0120), what
 * reaches the host (RWL0101-RWL0104, RWL0301-RWL0304, see {@link HostModel} for how host
 * conditions and legacy IPsec filters are read), and the rules among themselves (RWL0130,
 * RWL0201-RWL0203). Findings come sorted by file, line, column, ID and message.
 */
public final class Linter {
  private Linter() {}

  public static List<Finding> lint(EffectiveHost host, List<HostNote> notes, Roles roles) {
    List<Finding> out = new ArrayList<>();
    for (HostNote note : notes) {
      LintRule rule =
          Category.INVALID_RULE.word().equals(note.category())
              ? LintCatalog.INVALID_RULE
              : LintCatalog.UNREADABLE;
      out.add(rule.finding(note.at(), note.message(), List.of(), note.hint()));
    }
    HostModel model = new HostModel(host, roles);
    out.addAll(model.rpc.findings);
    ExposureChecks.run(model, roles, out);
    RuleRelations.run(model, out);
    out.sort(
        Comparator.comparing(Finding::at)
            .thenComparing(Finding::id)
            .thenComparing(Finding::message));
    return out;
  }
}
