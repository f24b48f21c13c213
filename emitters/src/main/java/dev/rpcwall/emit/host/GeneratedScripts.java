package dev.rpcwall.emit.host;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStates;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.Target;
import dev.rpcwall.emit.Targets;
import java.util.ArrayList;
import java.util.List;

/**
 * Apply scripts rpcwall itself wrote, read with the strict reader of their target (the one the
 * compiler's self-check uses) and applied to the host with {@link HostStates}. Such a script is
 * recognised by its provenance header and only if its strict reader accepts it; a script the
 * strict reader refuses (edited by hand) is left to the readers of wild input.
 */
public final class GeneratedScripts implements HostReader {
  private final String format;
  private final String header;
  private final Reader<?> reader;
  private final List<HostReader> fallback;

  private GeneratedScripts(
      String format, String header, Reader<?> reader, List<HostReader> fallback) {
    this.format = requireNonNull(format, "format");
    this.header = requireNonNull(header, "header");
    this.reader = requireNonNull(reader, "reader");
    this.fallback = List.copyOf(fallback);
  }

  /**
   * One reader per built-in apply script dialect, then {@code wild}: a script its strict reader
   * refuses is read by the reader of {@code wild} most sure of it.
   */
  public static List<HostReader> before(List<HostReader> wild) {
    List<HostReader> out = new ArrayList<>();
    for (Target<?, WfasRuleSet> t : Targets.wfas().values()) {
      String header =
          t.id() == TargetId.POWERSHELL
              ? "# rpcwall apply script for policy"
              : "rem rpcwall apply script for policy";
      out.add(new GeneratedScripts(t.id().keyword(), header, t.reader(), wild));
    }
    for (Target<?, IpsecStore> t : Targets.ipsec().values()) {
      String header =
          switch (t.id()) {
            case IPSECPOL -> "rem rpcwall apply script (ipsecpol";
            case IPSECCMD -> "rem rpcwall apply script (ipseccmd";
            default -> "rem rpcwall netsh ipsec static apply script";
          };
      out.add(new GeneratedScripts(t.id().keyword(), header, t.reader(), wild));
    }
    return out;
  }

  @Override
  public String format() {
    return format;
  }

  /**
   * 100 for a text with this dialect's provenance header in its first lines (cheap: the strict
   * reading happens once, in {@link #read}), else 0.
   */
  @Override
  public int recognise(String text) {
    int end = 0;
    for (int lines = 0; end < text.length() && lines < 3; end++) {
      if (text.charAt(end) == '\n') {
        lines++;
      }
    }
    return text.substring(0, end).contains(header) ? 100 : 0;
  }

  @Override
  public void read(SourceFile file, HostState host, List<HostNote> notes) {
    Result<?> result = reader.read(file);
    if (!accepted(result)) {
      HostReader wild = null;
      int best = 0;
      for (HostReader r : fallback) {
        int score = r.recognise(file.text());
        if (score > best) {
          wild = r;
          best = score;
        }
      }
      if (wild != null) {
        wild.read(file, host, notes);
        return;
      }
      for (Diagnostic d : result.diagnostics()) {
        if (d.severity() == Severity.ERROR) {
          notes.add(HostNote.unreadable(d.span(), d.message(), "this script was changed after"
              + " rpcwall wrote it, and no reader of hand-written scripts reads it"));
        }
      }
      return;
    }
    Object value = result.value().orElseThrow();
    if (value instanceof WfasRuleSet rules) {
      HostStates.apply(rules, file.spanAt(0, 0), host);
    } else if (value instanceof IpsecStore store) {
      HostStates.apply(store, file.spanAt(0, 0), host);
    }
  }

  private static boolean accepted(Result<?> result) {
    return result.value().isPresent()
        && result.diagnostics().stream().noneMatch(d -> d.severity() == Severity.ERROR);
  }
}
