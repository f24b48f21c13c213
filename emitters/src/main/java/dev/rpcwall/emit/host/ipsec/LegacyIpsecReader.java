package dev.rpcwall.emit.host.ipsec;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.host.HostIpsecFilter;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStates;
import dev.rpcwall.compiler.host.RegistryValue;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.emit.ipseccmd.IpseccmdReader;
import dev.rpcwall.emit.ipsecpol.IpsecpolReader;
import dev.rpcwall.emit.ipsectool.IpsecTool;
import dev.rpcwall.emit.netshipsec.NetshIpsecReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads legacy IPsec scripts as found on hosts (plain lists of {@code ipsecpol}/{@code ipseccmd}
 * commands, {@code netsh ipsec static} lines, {@code .cmd} files with {@code rem} and {@code
 * @echo off}) with the strict readers of rpcwall's own legacy targets, which already read
 * hand-written scripts (windows-semantics.md 5.1-5.4), and applies the IPsec store they read to
 * the host ({@link HostStates#apply(IpsecStore, SourceSpan, HostState)}).
 *
 * <p>The strict readers refuse a whole script for one line they do not understand; here each
 * line they refuse becomes an {@code unreadable} note at its line:col, the line is left out, and
 * the rest is read again (at most {@link #MAX_ROUNDS} times). Each filter is traced to the command
 * that put it in force: the script is read command by command (its first 1, 2, ... commands) and
 * a filter's line is where it first appears; a script of more than {@link #MAX_TRACED} commands,
 * or one whose prefixes do not read (jumps to labels), gives its filters the line of its first
 * command. Never throws.
 */
public final class LegacyIpsecReader implements HostReader {
  static final int MAX_ROUNDS = 64;
  static final int MAX_TRACED = 300;
  /** Past this many refused lines, a script gets one note that says how many more. */
  static final int MAX_NOTES = 200;

  /** Which commands a dialect's lines start with. */
  private enum Dialect {
    IPSECPOL,
    IPSECCMD,
    NETSH_IPSEC
  }

  private final String format;
  private final Dialect dialect;
  private final Reader<IpsecStore> strict;

  private LegacyIpsecReader(String format, Dialect dialect, Reader<IpsecStore> strict) {
    this.format = format;
    this.dialect = dialect;
    this.strict = requireNonNull(strict, "strict");
  }

  public static LegacyIpsecReader ipsecpol() {
    return new LegacyIpsecReader("ipsecpol", Dialect.IPSECPOL, new IpsecpolReader());
  }

  public static LegacyIpsecReader ipseccmd() {
    return new LegacyIpsecReader("ipseccmd", Dialect.IPSECCMD, new IpseccmdReader());
  }

  public static LegacyIpsecReader netshIpsec() {
    return new LegacyIpsecReader("netsh-ipsec", Dialect.NETSH_IPSEC, new NetshIpsecReader());
  }

  @Override
  public String format() {
    return format;
  }

  @Override
  public int recognise(String text) {
    int commands = 0;
    int mine = 0;
    int pos = 0;
    int n = text.length();
    for (int lines = 0; pos < n && lines < 400; lines++) {
      int end = pos;
      while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      String line = text.substring(pos, Math.min(end, pos + 400)).strip();
      pos = end + 1;
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.startsWith("@")) {
        line = line.substring(1).strip();
      }
      String lower = line.toLowerCase(Locale.ROOT);
      if (line.isEmpty() || lower.startsWith("rem") && (lower.length() == 3
          || !Character.isLetterOrDigit(lower.charAt(3))) || lower.startsWith("::")
          || lower.startsWith("echo") || lower.startsWith(":") || lower.startsWith("#")
          || lower.startsWith("setlocal") || lower.startsWith("endlocal")) {
        continue;
      }
      commands++;
      if (isMine(lower)) {
        mine++;
      }
    }
    if (mine == 0) {
      return 0;
    }
    return 40 + (55 * mine) / Math.max(1, commands);
  }

  private boolean isMine(String lower) {
    int space = 0;
    while (space < lower.length() && !Character.isWhitespace(lower.charAt(space))) {
      space++;
    }
    String word = lower.substring(0, space).replace("\"", "");
    return switch (dialect) {
      case IPSECPOL -> IpsecTool.ofCommand(word) == IpsecTool.IPSECPOL;
      case IPSECCMD -> IpsecTool.ofCommand(word) == IpsecTool.IPSECCMD;
      case NETSH_IPSEC -> (word.equals("netsh") || word.endsWith("\\netsh")
              || word.endsWith("netsh.exe"))
          && lower.substring(space).replace("\"", "").strip().replaceFirst("^-c\\s+", "")
              .startsWith("ipsec");
    };
  }

  @Override
  public void read(SourceFile file, HostState host, List<HostNote> notes) {
    try {
      readChecked(file, host, notes);
    } catch (RuntimeException e) {
      notes.add(HostNote.unreadable(file.spanAt(0, 0),
          "the script could not be read (" + e.getClass().getSimpleName() + ")",
          "check the script's commands against windows-semantics.md section 5"));
    }
  }

  private void readChecked(SourceFile file, HostState host, List<HostNote> notes) {
    int count = file.lineCount();
    String[] lines = new String[count];
    for (int i = 0; i < count; i++) {
      lines[i] = file.line(i + 1);
    }
    Set<String> said = new LinkedHashSet<>();
    IpsecStore store = null;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Result<IpsecStore> r = strict.read(new SourceFile(file.name(), join(lines, count)));
      boolean blanked = false;
      for (Diagnostic d : r.diagnostics()) {
        if (d.severity() != Severity.ERROR) {
          continue;
        }
        SourceSpan at = d.span().source().equals(file.name()) ? d.span() : file.spanAt(0, 0);
        if (said.add(at.location() + "|" + d.message()) && said.size() <= MAX_NOTES) {
          notes.add(HostNote.unreadable(at, d.message(),
              d.hint().orElse("the line is left out and the rest of the script is read")));
        }
        int l = at.line();
        if (l >= 1 && l <= count && !lines[l - 1].isEmpty()) {
          lines[l - 1] = "";
          blanked = true;
        }
      }
      if (r.value().isPresent() && !r.hasErrors()) {
        store = r.value().get();
        break;
      }
      if (!blanked) {
        break;
      }
    }
    if (said.size() > MAX_NOTES) {
      notes.add(HostNote.unreadable(file.spanAt(0, 0),
          (said.size() - MAX_NOTES) + " more places in this script are not read either",
          "check the script's commands against windows-semantics.md section 5"));
    }
    if (store == null) {
      if (said.isEmpty()) {
        notes.add(HostNote.unreadable(file.spanAt(0, 0), "the script could not be read",
            "check the script's commands against windows-semantics.md section 5"));
      }
      return;
    }
    SourceSpan first = firstCommand(file, lines, count);
    HostState scratch = new HostState();
    HostStates.apply(store, first, scratch);
    List<IpsecFilter> filters = store.effectiveFilters();
    List<SourceSpan> origins = trace(file, lines, count, filters, first);
    for (int i = 0; i < filters.size(); i++) {
      host.ipsecFilters().add(new HostIpsecFilter(filters.get(i), origins.get(i)));
    }
    for (RegistryValue v : scratch.rpcInternet().values()) {
      host.setRpcValue(v);
    }
    if (scratch.wmiFixedPort().isPresent()) {
      host.setWmiFixedPort(scratch.wmiFixedPort());
    }
  }

  private static String join(String[] lines, int upTo) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < upTo; i++) {
      sb.append(lines[i]).append('\n');
    }
    return sb.toString();
  }

  private static SourceSpan firstCommand(SourceFile file, String[] lines, int count) {
    for (int i = 0; i < count; i++) {
      String s = lines[i].strip().toLowerCase(Locale.ROOT);
      if (!s.isEmpty() && !s.startsWith("rem") && !s.startsWith("@echo") && !s.startsWith("::")
          && !s.startsWith("echo")) {
        return SourceSpan.at(file.name(), i + 1, 1, lines[i].length());
      }
    }
    return SourceSpan.at(file.name(), 1, 1, 0);
  }

  /**
   * The line that put each of {@code filters} in force: the store read from the first 1, 2, ...
   * lines is compared with the one before; a filter that appears is the line's, one that goes is
   * no longer (the latest line that added a filter still in force is kept).
   */
  private List<SourceSpan> trace(SourceFile file, String[] lines, int count,
      List<IpsecFilter> filters, SourceSpan fallback) {
    List<SourceSpan> out = new ArrayList<>();
    int commands = 0;
    for (int i = 0; i < count; i++) {
      if (!lines[i].isBlank()) {
        commands++;
      }
    }
    Map<IpsecFilter, Deque<Integer>> live = new HashMap<>();
    boolean traced = commands <= MAX_TRACED;
    if (traced) {
      Map<IpsecFilter, Integer> before = new HashMap<>();
      for (int k = 1; k <= count && traced; k++) {
        if (lines[k - 1].isBlank()) {
          continue;
        }
        Result<IpsecStore> r = strict.read(new SourceFile(file.name(), join(lines, k)));
        if (r.value().isEmpty()) {
          continue; // a prefix that ends inside a block or before a label it jumps to
        }
        Map<IpsecFilter, Integer> now = new HashMap<>();
        for (IpsecFilter f : r.value().get().effectiveFilters()) {
          now.merge(f, 1, Integer::sum);
        }
        for (Map.Entry<IpsecFilter, Integer> e : now.entrySet()) {
          int had = before.getOrDefault(e.getKey(), 0);
          for (int j = had; j < e.getValue(); j++) {
            live.computeIfAbsent(e.getKey(), x -> new ArrayDeque<>()).addLast(k);
          }
        }
        for (Map.Entry<IpsecFilter, Integer> e : before.entrySet()) {
          int has = now.getOrDefault(e.getKey(), 0);
          Deque<Integer> q = live.get(e.getKey());
          for (int j = has; j < e.getValue() && q != null && !q.isEmpty(); j++) {
            q.removeLast();
          }
        }
        before = now;
      }
    }
    for (IpsecFilter f : filters) {
      Deque<Integer> q = live.get(f);
      if (q != null && !q.isEmpty()) {
        int line = q.removeFirst();
        out.add(SourceSpan.at(file.name(), line, 1, lines[line - 1].length()));
      } else {
        out.add(fallback);
      }
    }
    return out;
  }
}
