package dev.rpcwall.emit.host.export;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.emit.host.export.ExportRecord.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The console text of {@code Get-NetFirewallRule | Format-Table ...}: a header line, a line of
 * dashes under each column (its width), one row per rule. A cell wider than its column is cut to
 * the width and ends in {@code ...} (Windows PowerShell) or {@code …} (PowerShell 7); an array
 * past {@code $FormatEnumerationLimit} ends in {@code ...}/{@code …} inside its braces. Both are
 * lossy: the note names the column and the rule gets that condition unknown. With {@code -Wrap} a
 * long cell continues on the next lines, the other columns blank there. A file may hold several
 * tables, each under its own header; with {@code -GroupBy}, each under a group line ({@code
 * "   Direction: Inbound"}) whose property the table's rows then have.
 */
public final class FormatTableReader implements HostReader {
  private static final int LOOK = 65_536;
  private static final int MAX_NOTES = 100;
  /** A console narrower than this does not cut the last column (PowerShell's default is 120). */
  private static final int CONSOLE_MIN = 79;

  @Override
  public String format() {
    return "format-table";
  }

  @Override
  public int recognise(String text) {
    String head = text.length() > LOOK ? text.substring(0, LOOK) : text;
    int prev = -1;
    int prevEnd = -1;
    int i = 0;
    int lines = 0;
    while (i < head.length() && lines < 400) {
      int eol = CsvExportReader.lineEnd(head, i);
      int[] runs = dashRuns(head, i, eol);
      if (runs != null && prev >= 0) {
        int known = 0;
        boolean core = false;
        for (String name : names(head, prev, prevEnd, runs)) {
          String n = name.toLowerCase(Locale.ROOT);
          if (CsvExportReader.KNOWN.contains(n)) {
            known++;
            core |= n.equals("direction") || n.equals("action") || n.equals("displayname");
          }
        }
        if (known >= 2 && core) {
          return 85;
        }
      }
      if (!head.substring(i, eol).isBlank()) {
        prev = i;
        prevEnd = eol;
      }
      lines++;
      i = FormatListReader.next(head, eol);
    }
    return 0;
  }

  /**
   * The starts of the dash runs of a line of only dashes and spaces with at least two runs, as
   * offsets from the line start, each followed by its length: {@code [s0, w0, s1, w1, ...]}. A run
   * is as long as its header; a column reaches from its run's start to the next run's start.
   */
  private static int[] dashRuns(String text, int from, int eol) {
    List<Integer> out = new ArrayList<>();
    int i = from;
    while (i < eol) {
      char c = text.charAt(i);
      if (c == '-') {
        int s = i;
        while (i < eol && text.charAt(i) == '-') {
          i++;
        }
        out.add(s - from);
        out.add(i - s);
      } else if (c == ' ') {
        i++;
      } else {
        return null;
      }
    }
    if (out.size() < 4) {
      return null;
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<String> names(String text, int from, int eol, int[] runs) {
    List<String> names = new ArrayList<>();
    for (int k = 0; k < runs.length; k += 2) {
      names.add(slice(text, from, eol, runs[k], k + 2 < runs.length ? runs[k + 2] : -1).trim());
    }
    return names;
  }

  /** The text of a line between two columns (to the line end when {@code to} is -1). */
  private static String slice(String text, int from, int eol, int start, int to) {
    int a = Math.min(eol, from + start);
    int b = to < 0 ? eol : Math.min(eol, from + to);
    return a < b ? text.substring(a, b) : "";
  }

  @Override
  public void read(SourceFile file, HostState host, List<HostNote> notes) {
    String text = file.text();
    // Line bounds first: a header is known by the dashes line after it.
    int[] starts = new int[64];
    int[] ends = new int[64];
    int count = 0;
    int i = 0;
    while (true) {
      int eol = CsvExportReader.lineEnd(text, i);
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
      }
      starts[count] = i;
      ends[count] = eol;
      count++;
      int n = FormatListReader.next(text, eol);
      if (n >= text.length()) {
        break;
      }
      i = n;
    }
    ExportRules rules = new ExportRules(host, notes);
    int[] runs = null;
    String[] names = null;
    Row row = null;
    Field groupField = null;
    int skipped = 0;
    for (int l = 0; l < count; l++) {
      int from = starts[l];
      int eol = ends[l];
      boolean blank = text.substring(from, eol).isBlank();
      int[] nextRuns = l + 1 < count ? dashRuns(text, starts[l + 1], ends[l + 1]) : null;
      if (!blank && nextRuns != null) {
        if (row != null) {
          rules.add(row.record(file));
          row = null;
        }
        runs = nextRuns;
        rules.columnsAt(file.spanAt(from, Math.max(1, eol - from)));
        List<String> n = names(text, from, eol, runs);
        names = n.toArray(new String[0]);
        l++; // the dashes line
        continue;
      }
      if (blank) {
        // A blank line ends a table; the next one starts under its own header.
        if (row != null) {
          rules.add(row.record(file));
          row = null;
        }
        runs = null;
        continue;
      }
      Field group = runs == null ? GroupHeader.read(file, from, eol) : null;
      if (group != null) {
        groupField = group;
        continue;
      }
      if (runs == null) {
        if (skipped++ < MAX_NOTES) {
          notes.add(HostNote.unreadable(file.spanAt(from, Math.min(80, eol - from)),
              "a line outside any table (no header and dashes line above it); it is not read",
              "give Format-Table output as PowerShell prints it, with its header"));
        }
        continue;
      }
      int columns = runs.length / 2;
      boolean wrapped = row != null && slice(text, from, eol, runs[0], columns > 1 ? runs[2] : -1)
          .isBlank();
      if (!wrapped) {
        if (row != null) {
          rules.add(row.record(file));
        }
        row = new Row(from, names, groupField);
      }
      for (int c = 0; c < columns; c++) {
        int start = runs[2 * c];
        int to = c + 1 < columns ? runs[2 * c + 2] : -1;
        // The dashes are as long as the header; the column reaches to the next one's start.
        int width = to < 0 ? Integer.MAX_VALUE : to - start - 1;
        String cell = slice(text, from, eol, start, to);
        String value = cell.strip();
        if (value.isEmpty()) {
          if (!wrapped) {
            row.empty(c, Math.min(eol, from + start));
          }
          continue;
        }
        int lead = cell.indexOf(value.charAt(0));
        int offset = from + start + Math.max(0, lead);
        String right = cell.stripTrailing();
        boolean last = to < 0;
        boolean cut = (value.endsWith("...") || value.endsWith("\u2026"))
            && (last ? eol - from >= CONSOLE_MIN : right.length() >= width);
        row.add(c, value, offset, cut);
      }
    }
    if (skipped > MAX_NOTES) {
      notes.add(HostNote.unreadable(file.spanAt(text.length(), 0),
          (skipped - MAX_NOTES) + " more lines outside any table were not read", "see above"));
    }
    if (row != null) {
      rules.add(row.record(file));
    }
  }

  /** One row being read: a cell may continue on the next lines (-Wrap). */
  private static final class Row {
    final int offset;
    final String[] names;
    final StringBuilder[] cells;
    final int[] at;
    final int[] length;
    final boolean[] cut;
    final Field group;

    Row(int offset, String[] names, Field group) {
      this.offset = offset;
      this.names = names;
      this.group = group;
      this.cells = new StringBuilder[names.length];
      this.at = new int[names.length];
      this.length = new int[names.length];
      this.cut = new boolean[names.length];
    }

    /** An empty cell: the column is there, its value is empty. */
    void empty(int c, int offset) {
      at[c] = offset;
    }

    void add(int c, String value, int offset, boolean cut) {
      if (cells[c] == null) {
        cells[c] = new StringBuilder(value);
        at[c] = offset;
        length[c] = value.length();
      } else {
        boolean list = cells[c].length() > 0 && cells[c].charAt(0) == '{';
        cells[c].append(list ? "" : " ").append(value);
      }
      this.cut[c] |= cut;
    }

    ExportRecord record(SourceFile file) {
      ExportRecord r = new ExportRecord(file.spanAt(offset, 0));
      for (int c = 0; c < names.length; c++) {
        if (names[c].isEmpty()) {
          continue;
        }
        if (cells[c] == null) {
          r.put(new Field(names[c], List.of(""), file.spanAt(at[c], 0), Optional.empty()));
          continue;
        }
        String v = cells[c].toString();
        Optional<String> lossy = Optional.empty();
        if (v.startsWith("{") && (v.endsWith("...}") || v.endsWith("\u2026}"))) {
          lossy = Optional.of("more items than $FormatEnumerationLimit shows");
        } else if (cut[c]) {
          lossy = Optional.of("the " + names[c] + " column is cut to its width");
        }
        r.put(new Field(names[c], List.of(v), file.spanAt(at[c], length[c]), lossy));
      }
      if (group != null) {
        r.put(group);
      }
      return r;
    }
  }
}
