package dev.rpcwall.emit.host.registry;

import dev.rpcwall.compiler.host.FirewallRuleStrings;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.RegistryValue;
import dev.rpcwall.compiler.host.RegistryWrites;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code reg query <key> [/s]} prints: a line naming each key ({@code
 * HKEY_LOCAL_MACHINE\...}, at the start of the line), then one indented line per value, {@code
 * name}, type and data separated by four spaces ({@code REG_DWORD} data as {@code 0x1}, {@code
 * REG_MULTI_SZ} entries joined by {@code \0}, binary data as hex digits), and {@code End of search}
 * after a {@code /s} or {@code /f} query. Values go to {@link RegistryWrites} with their type as
 * printed. Lines it cannot place are {@code unreadable} notes; never throws.
 */
public final class RegQueryReader implements HostReader {
  // Four spaces, the type, then four spaces and the data or the end of the line: a value name
  // may hold single spaces, so the type is what splits the line.
  private static final Pattern VALUE = Pattern.compile("^ {4}(.*?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$");

  @Override
  public String format() {
    return "reg-query";
  }

  @Override
  public int recognise(String text) {
    String head = text.length() > 8192 ? text.substring(0, 8192) : text;
    int key = head.indexOf("HKEY_LOCAL_MACHINE\\");
    if (key < 0 || (key > 0 && head.charAt(key - 1) != '\n' && head.charAt(key - 1) != '\uFEFF')) {
      return 0;
    }
    Matcher m = Pattern.compile("(?m)^ {4}\\S.*? {4}REG_[A-Z_]+").matcher(head);
    return m.find() ? 90 : 30;
  }

  /** Past this many lines it cannot read, a file gets one note that says how many more. */
  static final int MAX_LINE_NOTES = 200;

  @Override
  public void read(SourceFile file, HostState host, List<HostNote> notes) {
    String key = null;
    RegistryWrites.Session writes = RegistryWrites.session(host);
    int unread = 0;
    SourceSpan firstUnsaid = null;
    for (int line = 1; line <= file.lineCount(); line++) {
      String text;
      try {
        text = file.line(line);
        if (line == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        if (text.isBlank() || text.startsWith("End of search")) {
          continue;
        }
        if (text.startsWith("HKEY_")) {
          key = text.strip();
          continue;
        }
        Matcher m = text.length() <= 1_000_000 ? VALUE.matcher(text) : null;
        if (m == null || !m.matches()) {
          if (++unread > MAX_LINE_NOTES) {
            firstUnsaid = firstUnsaid == null ? SourceSpan.at(file.name(), line, 1, 0) : firstUnsaid;
            continue;
          }
          notes.add(HostNote.unreadable(SourceSpan.at(file.name(), line, 1, Math.min(80, text.length())),
              "not a key or value line of reg query output: '" + RegFileReader.clip(text.strip()) + "'",
              "give the output of reg query <key> /s unchanged"));
          continue;
        }
        if (key == null) {
          notes.add(HostNote.unreadable(SourceSpan.at(file.name(), line, 1, text.length()),
              "value line before any key line", "give the output of reg query <key> /s unchanged"));
          continue;
        }
        String name = m.group(1);
        if (name.equals("(Default)")) {
          name = "";
        }
        String type = m.group(2);
        String data = m.group(3) == null ? "" : m.group(3);
        int dataCol = m.group(3) == null ? text.length() + 1 : m.start(3) + 1;
        SourceSpan origin = SourceSpan.at(file.name(), line, 5, text.length() - 4);
        List<String> values = new ArrayList<>();
        switch (type) {
          case "REG_DWORD", "REG_QWORD" -> {
            String d = data.strip();
            long v = d.startsWith("0x") || d.startsWith("0X")
                ? RegFileReader.parseHex(d.substring(2)) : -1;
            if (v < 0) {
              notes.add(HostNote.unreadable(SourceSpan.at(file.name(), line, dataCol, data.length()),
                  type + " data '" + RegFileReader.clip(d) + "' is not 0x followed by hex digits",
                  "give the output of reg query unchanged"));
              continue;
            }
            values.add(Long.toString(v));
          }
          case "REG_MULTI_SZ" -> {
            // reg query joins the entries with the two characters \0.
            int start = 0;
            while (true) {
              int sep = data.indexOf("\\0", start);
              if (sep < 0) {
                values.add(data.substring(start));
                break;
              }
              values.add(data.substring(start, sep));
              start = sep + 2;
            }
            if (values.size() == 1 && values.get(0).isEmpty()) {
              values.clear();
            }
          }
          default -> values.add(data);
        }
        int col = dataCol;
        writes.set(key, new RegistryValue(name, type, values, origin),
            FirewallRuleStrings.sameLine(SourceSpan.at(file.name(), line, col, data.length())),
            notes);
      } catch (RuntimeException e) {
        if (++unread > MAX_LINE_NOTES) {
          continue;
        }
        notes.add(HostNote.unreadable(SourceSpan.at(file.name(), line, 1, 0),
            "this line could not be read (" + e.getClass().getSimpleName() + ")",
            "give the output of reg query <key> /s unchanged"));
      }
    }
    if (firstUnsaid != null) {
      notes.add(HostNote.unreadable(firstUnsaid,
          (unread - MAX_LINE_NOTES) + " more lines from here on are not reg query output either",
          "give the output of reg query <key> /s unchanged"));
    }
  }
}
