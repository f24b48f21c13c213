package dev.rpcwall.emit.host.export;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.host.export.ExportRecord.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The console text of {@code Get-NetFirewallRule | Format-List} (also saved with {@code Out-File}
 * or {@code >}): blocks of {@code Name : value} lines, labels padded to one width, one block per
 * object, blank lines between. A value longer than the console wraps onto lines indented to the
 * value column. Arrays print as {@code {a, b}}; past {@code $FormatEnumerationLimit} items (4 by
 * default) as {@code {a, b, c, d...}} (Windows PowerShell) or {@code …} (PowerShell 7): lossy.
 * Filter objects printed after their rule ({@code $_; $_ | Get-NetFirewallPortFilter}, or {@code
 * Show-NetFirewallRule}'s indented {@code $_ | Get-NetFirewall...Filter} sections) join that rule.
 * With {@code -GroupBy}, a group line ({@code "   Direction: Inbound"}) gives its property to the
 * blocks below it.
 */
public final class FormatListReader implements HostReader {
  private static final int LOOK = 65_536;

  /** Properties only the filter objects have (windows-semantics.md 4.2 rule 2). */
  private static final Set<String> FILTER_ONLY = Set.of("protocol", "localport", "remoteport",
      "icmptype", "dynamictarget", "localaddress", "remoteaddress", "program", "package",
      "service", "interfacetype", "interfacealias", "localuser", "remoteuser", "remotemachine",
      "authentication", "encryption", "overrideblockrules", "dynamictransport");

  @Override
  public String format() {
    return "format-list";
  }

  @Override
  public int recognise(String text) {
    String head = text.length() > LOOK ? text.substring(0, LOOK) : text;
    int known = 0;
    boolean core = false;
    int lines = 0;
    int i = 0;
    while (i < head.length() && lines < 400) {
      int eol = CsvExportReader.lineEnd(head, i);
      Label l = label(head, i, eol);
      if (l != null) {
        String n = l.name.toLowerCase(Locale.ROOT);
        if (CsvExportReader.KNOWN.contains(n)) {
          known++;
          core |= n.equals("direction") || n.equals("action") || n.equals("displayname");
        }
      }
      lines++;
      i = next(head, eol);
    }
    return known >= 2 && core ? 85 : 0;
  }

  /** A {@code Name : value} line: the label, and where the value starts (end of line if none). */
  private record Label(String name, int indent, int valueStart) {}

  /**
   * The label of the line {@code [from, eol)}: text up to {@code " :"} followed by a space or the
   * line end, as Format-List pads it ({@code "{0,-w} : {1}"}). A netsh {@code show rule} line
   * ({@code Rule Name:}) has no space before its colon and is no label.
   */
  private static Label label(String text, int from, int eol) {
    int i = from;
    while (i < eol && text.charAt(i) == ' ') {
      i++;
    }
    int indent = i - from;
    int colon = -1;
    for (int k = i; k < eol; k++) {
      if (text.charAt(k) == ':') {
        colon = k;
        break;
      }
    }
    if (colon <= i + 1 || text.charAt(colon - 1) != ' ') {
      return null;
    }
    if (colon + 1 < eol && text.charAt(colon + 1) != ' ') {
      return null;
    }
    String name = text.substring(i, colon).trim();
    if (name.isEmpty() || name.startsWith("$")) {
      return null;
    }
    int v = Math.min(eol, colon + 2);
    return new Label(name, indent, v);
  }

  @Override
  public void read(SourceFile file, HostState host, List<HostNote> notes) {
    String text = file.text();
    ExportRules rules = new ExportRules(host, notes);
    ExportRecord current = null;
    // One block: consecutive lines with text.
    List<Pending> block = new ArrayList<>();
    int i = 0;
    int blockStart = -1;
    int blockIndent = -1;
    Pending open = null;
    Field groupField = null;
    int skipped = 0;
    while (i <= text.length()) {
      int eol = CsvExportReader.lineEnd(text, i);
      boolean blank = text.substring(i, eol).isBlank();
      if (blank || i >= text.length()) {
        if (!block.isEmpty()) {
          current = flush(file, block, blockStart, current, rules, notes, groupField);
          block.clear();
        }
        blockIndent = -1;
        open = null;
        if (i >= text.length()) {
          break;
        }
        i = next(text, eol);
        continue;
      }
      String trimmed = text.substring(i, eol).trim();
      if (trimmed.startsWith("$_ |") || trimmed.startsWith("$_|")) {
        // Show-NetFirewallRule's section header: the filter values below belong to the rule.
        if (!block.isEmpty()) {
          current = flush(file, block, blockStart, current, rules, notes, groupField);
          block.clear();
        }
        blockIndent = -1;
        open = null;
        i = next(text, eol);
        continue;
      }
      int indent = 0;
      while (i + indent < eol && text.charAt(i + indent) == ' ') {
        indent++;
      }
      Label l = label(text, i, eol);
      Field group = block.isEmpty() && l == null ? GroupHeader.read(file, i, eol) : null;
      if (group != null) {
        if (current != null) {
          rules.add(current);
          current = null;
        }
        groupField = group;
        i = next(text, eol);
        continue;
      }
      boolean continuation = open != null
          && (indent >= open.valueColumn || l == null && indent > blockIndent);
      if (continuation) {
        open.value.append(open.list() ? "" : " ").append(text, i + indent, eol);
        open.lines++;
      } else if (l != null && (blockIndent < 0 || l.indent == blockIndent)) {
        if (block.isEmpty()) {
          blockStart = i;
        }
        blockIndent = l.indent;
        int valueEnd = eol;
        while (valueEnd > l.valueStart && text.charAt(valueEnd - 1) == ' ') {
          valueEnd--;
        }
        open = new Pending(l.name, new StringBuilder(text.substring(l.valueStart, valueEnd)),
            l.valueStart < eol ? l.valueStart : i + l.indent, Math.max(1, valueEnd - l.valueStart),
            l.valueStart - i);
        block.add(open);
      } else if (++skipped <= 100) {
        notes.add(HostNote.unreadable(file.spanAt(i + indent, Math.max(1, Math.min(80, eol - i - indent))),
            "not a 'Name : value' line of Format-List; it is not read",
            "give Format-List output as PowerShell prints it"));
      }
      i = next(text, eol);
    }
    if (current != null) {
      rules.add(current);
    }
  }

  /** A property being read: its value may continue on the next lines. */
  private static final class Pending {
    final String name;
    final StringBuilder value;
    final int offset;
    final int length;
    final int valueColumn;
    int lines = 1;

    Pending(String name, StringBuilder value, int offset, int length, int valueColumn) {
      this.name = name;
      this.value = value;
      this.offset = offset;
      this.length = length;
      this.valueColumn = valueColumn;
    }

    /** A wrapped array breaks after a comma: its parts join without a space. */
    boolean list() {
      return value.length() > 0 && value.charAt(0) == '{';
    }
  }

  /**
   * Ends a block: a rule's block starts a record (and hands the previous one to {@code rules});
   * a block of filter values only joins the record before it.
   */
  private static ExportRecord flush(SourceFile file, List<Pending> block, int blockStart,
      ExportRecord current, ExportRules rules, List<HostNote> notes, Field group) {
    boolean filterOnly = true;
    for (Pending p : block) {
      String n = p.name.toLowerCase(Locale.ROOT);
      if (n.equals("name") || n.equals("displayname") || n.equals("direction")
          || n.equals("action") || n.equals("enabled")) {
        filterOnly = false;
        break;
      }
      if (!FILTER_ONLY.contains(n) && !n.equals("instanceid")) {
        filterOnly = false;
      }
    }
    ExportRecord target = current;
    if (!filterOnly || current == null) {
      if (current != null) {
        rules.add(current);
      }
      target = new ExportRecord(file.spanAt(blockStart, 0));
      if (filterOnly) {
        notes.add(HostNote.unreadable(file.spanAt(blockStart, 1),
            "filter values without the rule they belong to", "print each rule before its filters"));
      }
    }
    for (Pending p : block) {
      target.put(field(file, p));
    }
    if (group != null) {
      target.put(group);
    }
    return target;
  }

  private static Field field(SourceFile file, Pending p) {
    String v = p.value.toString().trim();
    SourceSpan at = file.spanAt(p.offset, p.length);
    Optional<String> lossy = Optional.empty();
    if (v.startsWith("{") && (v.endsWith("...}") || v.endsWith("\u2026}"))) {
      lossy = Optional.of("more items than $FormatEnumerationLimit shows");
    }
    return new Field(p.name, List.of(v), at, lossy);
  }

  static int next(String text, int eol) {
    if (eol < text.length() && text.charAt(eol) == '\r') {
      eol++;
    }
    if (eol < text.length() && text.charAt(eol) == '\n') {
      eol++;
    }
    return eol;
  }
}
