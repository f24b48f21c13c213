package dev.rpcwall.emit.host.export;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.emit.host.export.ExportRecord.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code Get-NetFirewallRule | Export-Csv} (or {@code ConvertTo-Csv}) output: an optional {@code
 * #TYPE} line (Windows PowerShell writes it unless {@code -NoTypeInformation}), a header of
 * property names, one row per rule. The delimiter is {@code ,} or the culture's list separator
 * ({@code -UseCulture}, {@code ;} in many locales) or a tab, decided by the header. Fields are
 * quoted or not; a quoted field may hold doubled quotes and line breaks (RFC 4180 rules, which
 * Export-Csv follows).
 */
public final class CsvExportReader implements HostReader {
  private static final int LOOK = 65_536;
  /** Far more properties than any rule object has; a longer row is not an export's. */
  private static final int MAX_FIELDS = 10_000;

  /** Property names of rules and their filters that mark a header (windows-semantics.md 4.2). */
  static final Set<String> KNOWN = Set.of("name", "displayname", "direction", "action", "enabled",
      "profile", "profiles", "protocol", "localport", "remoteport", "localaddress", "remoteaddress",
      "program", "service", "group", "displaygroup", "primarystatus", "policystoresourcetype",
      "edgetraversalpolicy", "instanceid");

  @Override
  public String format() {
    return "csv";
  }

  @Override
  public int recognise(String text) {
    String head = text.length() > LOOK ? text.substring(0, LOOK) : text;
    int i = skipBlank(head, 0);
    boolean type = false;
    if (head.startsWith("#TYPE", i)) {
      int eol = lineEnd(head, i);
      type = head.substring(i, eol).contains("NetFirewall");
      i = skipBlank(head, eol);
    }
    int eol = lineEnd(head, i);
    String header = head.substring(i, eol);
    char delim = delimiter(header);
    if (header.indexOf(delim) < 0) {
      return 0;
    }
    int known = 0;
    boolean core = false;
    for (String h : header.split(String.valueOf(delim), -1)) {
      String n = unquote(h.trim()).toLowerCase(Locale.ROOT);
      if (KNOWN.contains(n)) {
        known++;
        core |= n.equals("direction") || n.equals("action") || n.equals("displayname");
      }
    }
    if (known >= 2 && core) {
      return type ? 95 : 85;
    }
    return type ? 60 : 0;
  }

  @Override
  public void read(SourceFile file, HostState host, List<HostNote> notes) {
    String text = file.text();
    int i = skipBlank(text, 0);
    if (text.startsWith("#TYPE", i)) {
      i = skipBlank(text, lineEnd(text, i));
    }
    if (i >= text.length()) {
      notes.add(HostNote.unreadable(file.spanAt(Math.min(i, text.length()), 0),
          "the CSV file has no header", "export with Export-Csv"));
      return;
    }
    char delim = delimiter(text.substring(i, Math.min(lineEnd(text, i), i + LOOK)));
    Parser p = new Parser(file, text, i, delim, notes);
    int headerAt = i;
    List<Cell> header = p.row();
    if (header == null) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (Cell c : header) {
      names.add(c.text.trim());
    }
    ExportRules rules = new ExportRules(host, notes);
    rules.columnsAt(file.spanAt(headerAt, Math.max(1, lineEnd(text, headerAt) - headerAt)));
    int uneven = 0;
    while (true) {
      int start = p.pos;
      List<Cell> row = p.row();
      if (row == null) {
        break;
      }
      if (row.size() == 1 && row.get(0).text.isBlank()) {
        continue; // a blank line
      }
      ExportRecord record = new ExportRecord(file.spanAt(start, 0));
      if (row.size() != names.size() && ++uneven <= 100) {
        notes.add(HostNote.unreadable(file.spanAt(start, Math.min(40, lineEnd(text, start) - start)),
            "this row has " + row.size() + " fields, the header " + names.size()
                + "; fields are matched by position",
            "export the file again; do not edit it with a tool that drops delimiters"));
      }
      for (int k = 0; k < row.size() && k < names.size(); k++) {
        Cell c = row.get(k);
        if (!names.get(k).isEmpty()) {
          record.put(Field.of(names.get(k), c.text, file.spanAt(c.offset, c.length)));
        }
      }
      rules.add(record);
    }
  }

  private record Cell(String text, int offset, int length) {}

  /** RFC 4180 fields with any one-char delimiter; never throws, reports an unterminated quote. */
  private static final class Parser {
    final SourceFile file;
    final String text;
    final char delim;
    final List<HostNote> notes;
    int pos;

    Parser(SourceFile file, String text, int pos, char delim, List<HostNote> notes) {
      this.file = file;
      this.text = text;
      this.pos = pos;
      this.delim = delim;
      this.notes = notes;
    }

    /** The next row, or null at the end of the text (or after an unterminated quote). */
    List<Cell> row() {
      int n = text.length();
      if (pos >= n) {
        return null;
      }
      List<Cell> cells = new ArrayList<>();
      while (true) {
        int start = pos;
        if (pos < n && text.charAt(pos) == '"') {
          StringBuilder b = new StringBuilder();
          pos++;
          boolean closed = false;
          while (pos < n) {
            int q = text.indexOf('"', pos);
            if (q < 0) {
              pos = n;
              break;
            }
            b.append(text, pos, q);
            if (q + 1 < n && text.charAt(q + 1) == '"') {
              b.append('"');
              pos = q + 2;
            } else {
              pos = q + 1;
              closed = true;
              break;
            }
          }
          if (!closed) {
            notes.add(HostNote.unreadable(file.spanAt(start, 1),
                "this quoted field is not closed; the rest of the file is not read",
                "the file is cut off or a quote is missing"));
            return null;
          }
          // Text between the closing quote and the delimiter is kept, as spreadsheet tools do.
          int end = fieldEnd(pos);
          b.append(text, pos, end);
          pos = end;
          cells.add(new Cell(stripCr(b), start, Math.max(1, pos - start)));
        } else {
          int end = fieldEnd(pos);
          cells.add(new Cell(text.substring(pos, end), start, Math.max(1, end - start)));
          pos = end;
        }
        if (pos < n && text.charAt(pos) == delim && cells.size() >= MAX_FIELDS) {
          notes.add(HostNote.unreadable(file.spanAt(pos, 1), "this row has more than " + MAX_FIELDS
              + " fields; the rest of the line is not read", "give a Get-NetFirewallRule export"));
          pos = lineEnd(text, pos);
        }
        if (pos < n && text.charAt(pos) == delim) {
          pos++;
          continue;
        }
        // end of line (LF, CRLF or CR) or of the text
        if (pos < n && text.charAt(pos) == '\r') {
          pos++;
        }
        if (pos < n && text.charAt(pos) == '\n') {
          pos++;
        }
        return cells;
      }
    }

    private int fieldEnd(int from) {
      int i = from;
      int n = text.length();
      while (i < n) {
        char c = text.charAt(i);
        if (c == delim || c == '\n' || c == '\r') {
          break;
        }
        i++;
      }
      return i;
    }

    private static String stripCr(StringBuilder b) {
      // A line break inside a quoted field is CRLF in a Windows file; the value means one break.
      String s = b.toString();
      return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n");
    }
  }

  /** The delimiter the header uses: the most frequent of {@code , ; tab} outside quotes. */
  static char delimiter(String header) {
    int comma = 0;
    int semi = 0;
    int tab = 0;
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        if (c == ',') {
          comma++;
        } else if (c == ';') {
          semi++;
        } else if (c == '\t') {
          tab++;
        }
      }
    }
    if (semi > comma && semi >= tab) {
      return ';';
    }
    return tab > comma ? '\t' : ',';
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  static int lineEnd(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  /** The first char from {@code from} on that is not white space or a BOM char. */
  static int skipBlank(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\uFEFF') {
        return i;
      }
      i++;
    }
    return text.length();
  }
}
