package dev.rpcwall.cli;

import dev.rpcwall.cli.ExplainCommand.Flow;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a probes CSV: {@code address,protocol,port[,profile][,expect]}, one flow a line. A first line
 * starting with {@code address} is a header naming the columns (any order, {@code profile} and
 * {@code expect} optional). Without a header a fourth column is the profile when it names one (or
 * is empty or {@code any}) and the expectation when it is allow/block/unmanaged. Blank lines and
 * lines starting with {@code #} are skipped (so is the {@code #TYPE ...} line {@code Export-Csv}
 * writes without {@code -NoTypeInformation}). A cell may be quoted as RFC 4180 says ({@code "a"},
 * {@code ""} for a quote inside), as {@code Export-Csv} quotes every cell.
 */
final class ProbeFile {
  static final String BAD_PROBE = dev.rpcwall.compiler.diag.Codes.PROBE_INVALID;

  private ProbeFile() {}

  static List<Flow> parse(SourceFile file, Diagnostics out) {
    List<Flow> flows = new ArrayList<>();
    int[] columns = null; // index of address, protocol, port, profile, expect; -1 when absent
    for (int line = 1; line <= file.lineCount(); line++) {
      String text = file.line(line);
      if (text.isBlank() || text.stripLeading().startsWith("#")) {
        continue;
      }
      List<Cell> cells = split(text);
      if (cells == null) {
        out.error(BAD_PROBE, dev.rpcwall.compiler.source.SourceSpan.at(file.name(), line, 1,
            Math.max(1, text.length())), "a quoted cell is not closed", "end the cell with a double quote");
        continue;
      }
      if (columns == null && cells.get(0).text().strip().equalsIgnoreCase("address")) {
        columns = header(file, line, cells, out);
        if (columns == null) {
          return flows;
        }
        continue;
      }
      Flow flow = row(file, line, cells, columns, out);
      if (flow != null) {
        flows.add(flow);
      }
    }
    return flows;
  }

  private static int[] header(SourceFile file, int line, List<Cell> cells, Diagnostics out) {
    int[] cols = {-1, -1, -1, -1, -1};
    List<String> names = List.of("address", "protocol", "port", "profile", "expect");
    for (int i = 0; i < cells.size(); i++) {
      int which = names.indexOf(cells.get(i).text().strip().toLowerCase(Locale.ROOT));
      if (which < 0) {
        out.error(BAD_PROBE, span(file, line, cells, i), "unknown column '" + cells.get(i).text().strip() + "'",
            "columns are address, protocol, port, profile, expect");
        return null;
      }
      cols[which] = i;
    }
    if (cols[0] < 0 || cols[1] < 0 || cols[2] < 0) {
      out.error(BAD_PROBE, file.spanAt(0, 1), "the header must name address, protocol and port",
          "e.g. address,protocol,port,profile,expect");
      return null;
    }
    return cols;
  }

  private static Flow row(SourceFile file, int line, List<Cell> cells, int[] columns, Diagnostics out) {
    int[] cols = columns;
    if (cols == null) {
      if (cells.size() < 3 || cells.size() > 5) {
        out.error(BAD_PROBE, span(file, line, cells, 0), "expected 3 to 5 columns, found " + cells.size(),
            "address,protocol,port[,profile][,expect]");
        return null;
      }
      cols = new int[] {0, 1, 2, -1, -1};
      if (cells.size() == 5) {
        cols[3] = 3;
        cols[4] = 4;
      } else if (cells.size() == 4) {
        String v = cells.get(3).text().strip().toLowerCase(Locale.ROOT);
        boolean isDecision = v.equals("allow") || v.equals("block") || v.equals("unmanaged");
        cols[isDecision ? 4 : 3] = 3;
      }
    }
    boolean ok = true;
    Optional<Ip> ip = Ip.parse(cell(cells, cols[0]));
    if (ip.isEmpty()) {
      out.error(BAD_PROBE, span(file, line, cells, cols[0]), "'" + cell(cells, cols[0]) + "' is not an IPv4 or IPv6 address",
          "write one address, e.g. 10.1.1.7 or 2001:db8::7 (no prefix or range)");
      ok = false;
    }
    Protocol protocol = null;
    try {
      protocol = Protocol.valueOf(cell(cells, cols[1]).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      out.error(BAD_PROBE, span(file, line, cells, cols[1]), "protocol must be tcp or udp", "the second column is tcp or udp");
      ok = false;
    }
    int port = -1;
    try {
      port = Integer.parseInt(cell(cells, cols[2]));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      out.error(BAD_PROBE, span(file, line, cells, cols[2]), "port must be a number 0-65535", "the third column is one local port");
      ok = false;
    }
    Optional<Profile> profile = Optional.empty();
    String p = cell(cells, cols[3]).toLowerCase(Locale.ROOT);
    if (!p.isEmpty() && !p.equals("any") && !p.equals("all")) {
      try {
        profile = Optional.of(Profile.valueOf(p.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        out.error(BAD_PROBE, span(file, line, cells, cols[3]), "profile must be domain, private, public or empty",
            "leave the column empty to ask for all three profiles");
        ok = false;
      }
    }
    Optional<Decision> expect = Optional.empty();
    String e = cell(cells, cols[4]).toLowerCase(Locale.ROOT);
    if (!e.isEmpty()) {
      try {
        expect = Optional.of(Decision.valueOf(e.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException x) {
        out.error(BAD_PROBE, span(file, line, cells, cols[4]), "expect must be allow, block or unmanaged",
            "the decision the flow must get; leave it empty to only print the answer");
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    return new Flow(ip.get(), protocol, port, profile, expect, span(file, line, cells, 0));
  }

  /** One cell: its text (unquoted) and where its raw text stands on the line (1-based). */
  private record Cell(String text, int column, int width) {}

  /** The cells of one line, quotes removed; null when a quoted cell is not closed. */
  private static List<Cell> split(String line) {
    List<Cell> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int i = 0;
    while (true) {
      int start = i;
      while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      if (i < line.length() && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= line.length()) {
            return null;
          }
          char c = line.charAt(i++);
          if (c != '"') {
            cell.append(c);
          } else if (i < line.length() && line.charAt(i) == '"') {
            cell.append('"');
            i++;
          } else {
            break;
          }
        }
      } else {
        i = start;
      }
      while (i < line.length() && line.charAt(i) != ',') {
        cell.append(line.charAt(i++));
      }
      cells.add(new Cell(cell.toString(), start + 1, i - start));
      cell.setLength(0);
      if (i >= line.length()) {
        return cells;
      }
      i++; // the comma
    }
  }

  private static String cell(List<Cell> cells, int index) {
    return index < 0 || index >= cells.size() ? "" : cells.get(index).text().strip();
  }

  private static dev.rpcwall.compiler.source.SourceSpan span(SourceFile file, int line, List<Cell> cells, int index) {
    if (index < 0 || index >= cells.size()) {
      return dev.rpcwall.compiler.source.SourceSpan.at(file.name(), line, 1, 1);
    }
    Cell c = cells.get(index);
    return dev.rpcwall.compiler.source.SourceSpan.at(file.name(), line, c.column(), Math.max(1, c.width()));
  }
}
