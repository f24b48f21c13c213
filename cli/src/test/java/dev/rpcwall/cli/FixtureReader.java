package dev.rpcwall.cli;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.Rules;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A host format for the lint command's tests, so they do not depend on which readers of real
 * formats exist: a file whose first line is {@code #fixture}, then one statement a line:
 * {@code allow NAME PORTS} (an inbound TCP Allow rule from any address), {@code unreadable TEXT}
 * and {@code invalid TEXT} (a reader note of that category at TEXT).
 */
final class FixtureReader implements HostReader {
  @Override
  public String format() {
    return "fixture";
  }

  @Override
  public int recognise(String text) {
    return text.startsWith("#fixture") ? 100 : 0;
  }

  @Override
  public void read(SourceFile file, HostState host, List<HostNote> notes) {
    for (int n = 2; n <= file.lineCount(); n++) {
      String line = file.line(n);
      int offset = file.offset(n, 1);
      if (line.startsWith("allow ")) {
        String[] parts = line.split(" ");
        SourceSpan at = file.spanAt(offset, line.length());
        host.addRule(new HostRule(new WfasRule(parts[1], parts[1], Optional.empty(), Optional.empty(),
            Direction.IN, RuleAction.ALLOW, 6, PortCondition.of(Rules.ports(parts[2])), PortCondition.ANY,
            AddressCondition.ANY, AddressCondition.ANY, Set.of(), true, Optional.empty(),
            Optional.empty(), at), HostStore.LOCAL));
      } else if (line.startsWith("unreadable ")) {
        SourceSpan at = file.spanAt(offset + "unreadable ".length(), line.length() - "unreadable ".length());
        notes.add(HostNote.unreadable(at, "not understood: " + line.substring("unreadable ".length()), "write it as a rule"));
      } else if (line.startsWith("invalid ")) {
        SourceSpan at = file.spanAt(offset + "invalid ".length(), line.length() - "invalid ".length());
        notes.add(HostNote.invalidRule(at, "Windows refuses: " + line.substring("invalid ".length()), "fix the value"));
      }
    }
  }
}
