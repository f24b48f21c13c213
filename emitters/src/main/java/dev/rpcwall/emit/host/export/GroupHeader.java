package dev.rpcwall.emit.host.export;

import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.emit.host.export.ExportRecord.Field;

/**
 * The group line {@code Format-Table}/{@code Format-List -GroupBy Property} prints above each
 * group: indented, {@code Property: value}, no space before the colon. The objects below it have
 * that property.
 */
final class GroupHeader {
  private GroupHeader() {}

  /** The group line's property as a field, or null when the line is none. */
  static Field read(SourceFile file, int from, int eol) {
    String text = file.text();
    int i = from;
    while (i < eol && text.charAt(i) == ' ') {
      i++;
    }
    if (i == from) {
      return null;
    }
    int start = i;
    while (i < eol && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
      i++;
    }
    if (i == start || i + 1 >= eol || text.charAt(i) != ':' || text.charAt(i + 1) != ' ') {
      return null;
    }
    String name = text.substring(start, i);
    int v = i + 2;
    String value = text.substring(v, eol).strip();
    if (value.isEmpty()) {
      return null;
    }
    return Field.of(name, value, file.spanAt(v, value.length()));
  }
}
