package dev.rpcwall.emit.host.registry;

import dev.rpcwall.compiler.host.FirewallRuleStrings;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.RegistryValue;
import dev.rpcwall.compiler.host.RegistryWrites;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code .reg} files as regedit and {@code reg export} write them, found on hosts: {@code
 * REGEDIT4} (ANSI) and {@code Windows Registry Editor Version 5.00} (usually UTF-16LE with a BOM;
 * the bytes are decoded by {@code HostInputs}). Keys {@code [HKEY_LOCAL_MACHINE\...]} and deleted
 * keys {@code [-...]}; values {@code "name"=...} and the default value {@code @=...}: strings
 * with {@code \\} and {@code \"} escapes, {@code dword:}, {@code hex:} and {@code hex(N):} byte
 * lists (continued on the next line after a trailing {@code \}), {@code =-} deletions; {@code ;}
 * comments. Each value goes to {@link RegistryWrites} with its type as written ({@code hex(7)}
 * REG_MULTI_SZ decoded into its entries, UTF-16LE in version 5, the ANSI code page in REGEDIT4).
 * What it cannot read is an {@code unreadable} note at line:col; never throws.
 */
public final class RegFileReader implements HostReader {
  static final String V5 = "Windows Registry Editor Version 5.00";
  static final String V4 = "REGEDIT4";
  /** Past this many places it cannot read, a file gets one note that says how many more. */
  static final int MAX_NOTES = 200;
  private static final Charset ANSI = Charset.forName("windows-1252");

  @Override
  public String format() {
    return "reg";
  }

  /**
   * The text of a UTF-16LE file that came without its BOM: the decoder saw ASCII with a NUL after
   * every char ({@code W\0i\0n\0...}). Else null.
   */
  static String unBommed(String text) {
    String t = text.length() > 32 ? text.substring(0, 32) : text;
    if (!(t.startsWith("W\0i\0n\0d\0o\0w\0s\0") || t.startsWith("R\0E\0G\0E\0D\0I\0T\0"))) {
      return null;
    }
    // Every char the decoder gave is one byte of the file (ASCII, or Windows-1252 after a
    // failed UTF-8 reading): the bytes back, then read as UTF-16LE.
    byte[] bytes = text.getBytes(ANSI);
    return new String(bytes, 0, bytes.length & ~1, StandardCharsets.UTF_16LE);
  }

  @Override
  public int recognise(String text) {
    String fixed = unBommed(text);
    if (fixed != null) {
      text = fixed;
    }
    String first = firstLine(text);
    if (first.equals(V5) || first.equals(V4)) {
      return 100;
    }
    // A fragment without its header: a key line of HKLM and a value line below it.
    int key = text.indexOf("[HKEY_LOCAL_MACHINE\\");
    if (key >= 0 && key < 4096) {
      int quote = text.indexOf("\"=", key);
      return quote > 0 && quote < key + 8192 ? 60 : 0;
    }
    return 0;
  }

  private static String firstLine(String text) {
    int i = 0;
    int n = Math.min(text.length(), 4096);
    while (i < n && (text.charAt(i) == '\uFEFF' || Character.isWhitespace(text.charAt(i)))) {
      i++;
    }
    int end = i;
    while (end < n && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
      end++;
    }
    return text.substring(i, end).strip();
  }

  @Override
  public void read(SourceFile file, HostState host, List<HostNote> notes) {
    try {
      String fixed = unBommed(file.text());
      new Reading(fixed == null ? file : new SourceFile(file.name(), fixed), host, notes).run();
    } catch (RuntimeException e) {
      notes.add(HostNote.unreadable(file.spanAt(0, 0),
          "the registry file could not be read to its end (" + e.getClass().getSimpleName() + ")",
          "export the key again with reg export"));
    }
  }

  private static final class Reading {
    final SourceFile file;
    final HostState host;
    final List<HostNote> notes;
    boolean v4;
    String key;
    boolean keyDeleted;

    final RegistryWrites.Session writes;

    Reading(SourceFile file, HostState host, List<HostNote> notes) {
      this.file = file;
      this.host = host;
      this.notes = notes;
      this.writes = RegistryWrites.session(host);
    }

    SourceSpan span(int line, int column, int length) {
      return SourceSpan.at(file.name(), line, column, length);
    }

    int unread;
    SourceSpan firstUnsaid;

    void unreadable(int line, int column, int length, String message, String hint) {
      if (++unread > MAX_NOTES) {
        firstUnsaid = firstUnsaid == null ? span(line, column, 0) : firstUnsaid;
        return;
      }
      notes.add(HostNote.unreadable(span(line, column, length), message, hint));
    }

    void run() {
      int lines = file.lineCount();
      boolean header = false;
      for (int line = 1; line <= lines; line++) {
        String text = file.line(line);
        int lead = 0;
        while (lead < text.length()
            && (text.charAt(lead) == '\uFEFF' || text.charAt(lead) == ' ' || text.charAt(lead) == '\t')) {
          lead++;
        }
        if (lead == text.length() || text.charAt(lead) == ';') {
          continue;
        }
        String body = text.substring(lead).stripTrailing();
        if (!header) {
          header = true;
          if (body.equals(V5)) {
            continue;
          }
          if (body.equals(V4)) {
            v4 = true;
            continue;
          }
          unreadable(line, lead + 1, body.length(),
              "no registry file header: regedit imports a file only when its first line is '"
                  + V5 + "' or '" + V4 + "'",
              "the rest is read as the registry it describes; export again with reg export");
        }
        char c = body.charAt(0);
        if (c == '[') {
          keyLine(line, lead, body);
        } else if (c == '"' || c == '@') {
          int first = line;
          // Hex data continues on the next line after a trailing backslash.
          if (body.endsWith("\\") && isHex(body)) {
            StringBuilder sb = new StringBuilder(body.substring(0, body.length() - 1));
            while (line < lines) {
              line++;
              String next = file.line(line).strip();
              boolean more = next.endsWith("\\");
              sb.append(more ? next.substring(0, next.length() - 1) : next);
              if (!more) {
                break;
              }
            }
            body = sb.toString();
          }
          valueLine(first, lead, body, first != line);
        } else {
          unreadable(line, lead + 1, Math.min(body.length(), 80),
              "not a key, a value or a comment: '" + clip(body) + "'",
              "registry files hold [key] lines and \"name\"=data lines");
        }
      }
      if (firstUnsaid != null) {
        notes.add(HostNote.unreadable(firstUnsaid,
            (unread - MAX_NOTES) + " more places from here on are not read either",
            "export the key again with reg export"));
      }
    }

    private static boolean isHex(String body) {
      int eq = body.indexOf("=hex");
      return eq > 0 || body.indexOf("=dword") > 0;
    }

    void keyLine(int line, int lead, String body) {
      int close = body.lastIndexOf(']');
      if (close < 0) {
        unreadable(line, lead + 1, body.length(), "key line without a closing ']'",
            "write the key as [HKEY_LOCAL_MACHINE\\...]");
        key = null;
        return;
      }
      String k = body.substring(1, close);
      if (k.startsWith("-")) {
        key = k.substring(1);
        keyDeleted = true;
        writes.delete(key, null, span(line, lead + 1, close + 1), notes);
      } else {
        key = k;
        keyDeleted = false;
      }
    }

    void valueLine(int line, int lead, String body, boolean continued) {
      int col = lead + 1;
      String name;
      int pos;
      if (body.charAt(0) == '@') {
        name = "";
        pos = 1;
      } else {
        StringBuilder sb = new StringBuilder();
        int i = 1;
        boolean closed = false;
        while (i < body.length()) {
          char ch = body.charAt(i);
          if (ch == '\\' && i + 1 < body.length()) {
            sb.append(body.charAt(i + 1));
            i += 2;
          } else if (ch == '"') {
            closed = true;
            i++;
            break;
          } else {
            sb.append(ch);
            i++;
          }
        }
        if (!closed) {
          unreadable(line, col, Math.min(body.length(), 80), "value name without a closing quote",
              "write the value as \"name\"=data");
          return;
        }
        name = sb.toString();
        pos = i;
      }
      while (pos < body.length() && body.charAt(pos) == ' ') {
        pos++;
      }
      if (pos >= body.length() || body.charAt(pos) != '=') {
        unreadable(line, col + pos, 1, "'=' expected after the value name '" + clip(name) + "'",
            "write the value as \"name\"=data");
        return;
      }
      pos++;
      while (pos < body.length() && body.charAt(pos) == ' ') {
        pos++;
      }
      if (key == null) {
        unreadable(line, col, Math.min(body.length(), 80),
            "value '" + clip(name) + "' before any key line", "put the [key] line above its values");
        return;
      }
      if (keyDeleted) {
        unreadable(line, col, Math.min(body.length(), 80),
            "value '" + clip(name) + "' under a deleted key [-" + clip(key) + "]: regedit ignores it",
            "remove the value, or the '-' of the key line");
        return;
      }
      SourceSpan origin = span(line, col, continued ? body.length() : body.length());
      String data = body.substring(pos);
      int dataCol = col + pos;
      if (data.equals("-")) {
        writes.delete(key, name, origin, notes);
        return;
      }
      if (data.startsWith("\"")) {
        stringValue(line, dataCol, name, data, origin);
        return;
      }
      String lower = data.toLowerCase(Locale.ROOT);
      if (lower.startsWith("dword:")) {
        String hex = data.substring(6).strip();
        long v = hex.length() >= 1 && hex.length() <= 8 ? parseHex(hex) : -1;
        if (v < 0) {
          unreadable(line, dataCol, data.length(), "dword data '" + clip(data) + "' is not 1-8 hex digits",
              "write dword:00000001");
          return;
        }
        set(name, RegistryValue.REG_DWORD, List.of(Long.toString(v)), origin, null);
        return;
      }
      if (lower.startsWith("hex")) {
        hexValue(line, dataCol, name, data, lower, origin);
        return;
      }
      unreadable(line, dataCol, Math.min(data.length(), 80),
          "data '" + clip(data) + "' is not a string, dword:, hex: or '-'",
          "regedit writes \"text\", dword:xxxxxxxx, hex:..., hex(N):... or - to delete");
    }

    void stringValue(int line, int dataCol, String name, String data, SourceSpan origin) {
      StringBuilder sb = new StringBuilder();
      // The column of each decoded char, so that a problem inside a rule string is placed.
      int[] cols = new int[Math.max(1, data.length())];
      int i = 1;
      boolean closed = false;
      while (i < data.length()) {
        char ch = data.charAt(i);
        if (ch == '\\' && i + 1 < data.length()) {
          cols[sb.length()] = dataCol + i;
          sb.append(data.charAt(i + 1));
          i += 2;
        } else if (ch == '"') {
          closed = true;
          i++;
          break;
        } else {
          cols[sb.length()] = dataCol + i;
          sb.append(ch);
          i++;
        }
      }
      if (!closed) {
        unreadable(line, dataCol, Math.min(data.length(), 80),
            "string data without a closing quote", "end the string with '\"'");
        return;
      }
      if (i < data.length() && !data.substring(i).isBlank()) {
        unreadable(line, dataCol + i, data.length() - i,
            "text after the closing quote: '" + clip(data.substring(i)) + "'",
            "a \\\" inside a string is written with a backslash");
      }
      int decoded = sb.length();
      FirewallRuleStrings.Locator at = (off, len) -> {
        int o = Math.max(0, Math.min(off, decoded - 1));
        int c = decoded == 0 ? dataCol : cols[o];
        return span(line, c, len);
      };
      set(name, RegistryValue.REG_SZ, List.of(sb.toString()), origin, at);
    }

    void hexValue(int line, int dataCol, String name, String data, String lower, SourceSpan origin) {
      int colon = lower.indexOf(':');
      String kind = colon < 0 ? "" : lower.substring(3, colon);
      if (colon < 0 || !(kind.isEmpty() || (kind.startsWith("(") && kind.endsWith(")")))) {
        unreadable(line, dataCol, Math.min(data.length(), 80), "malformed hex data '" + clip(data) + "'",
            "write hex:xx,xx or hex(N):xx,xx");
        return;
      }
      int t = kind.isEmpty() ? 3 : (int) parseHex(kind.substring(1, kind.length() - 1));
      byte[] bytes = bytes(data.substring(colon + 1));
      if (bytes == null) {
        unreadable(line, dataCol, Math.min(data.length(), 80),
            "hex data of '" + clip(name) + "' is not a comma-separated list of two-digit hex bytes",
            "write hex(7):35,00,30,00,...");
        return;
      }
      switch (t) {
        case 1, 2, 7 -> {
          String text = v4 ? new String(bytes, ANSI)
              : new String(bytes, 0, bytes.length & ~1, StandardCharsets.UTF_16LE);
          String type = t == 1 ? RegistryValue.REG_SZ
              : t == 2 ? "REG_EXPAND_SZ" : RegistryValue.REG_MULTI_SZ;
          List<String> entries = new ArrayList<>();
          if (t == 7) {
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
              if (i == text.length() || text.charAt(i) == '\0') {
                entries.add(text.substring(start, i));
                start = i + 1;
              }
            }
            // The list ends with an empty string and the data with its NUL: not entries.
            while (!entries.isEmpty() && entries.get(entries.size() - 1).isEmpty()) {
              entries.remove(entries.size() - 1);
            }
          } else {
            int nul = text.indexOf('\0');
            entries.add(nul >= 0 ? text.substring(0, nul) : text);
          }
          set(name, type, entries, origin, null);
        }
        case 4, 5 -> {
          if (bytes.length != 4) {
            unreadable(line, dataCol, Math.min(data.length(), 80),
                "a DWORD is 4 bytes, this one has " + bytes.length, "write hex(4):01,00,00,00");
            return;
          }
          long v = t == 4
              ? (bytes[0] & 0xFFL) | (bytes[1] & 0xFFL) << 8 | (bytes[2] & 0xFFL) << 16
                  | (bytes[3] & 0xFFL) << 24
              : (bytes[3] & 0xFFL) | (bytes[2] & 0xFFL) << 8 | (bytes[1] & 0xFFL) << 16
                  | (bytes[0] & 0xFFL) << 24;
          set(name, RegistryValue.REG_DWORD, List.of(Long.toString(v)), origin, null);
        }
        default -> {
          String type = switch (t) {
            case 0 -> "REG_NONE";
            case 3 -> "REG_BINARY";
            case 11 -> "REG_QWORD";
            default -> "REG_" + t;
          };
          StringBuilder hex = new StringBuilder();
          for (byte b : bytes) {
            hex.append(String.format(Locale.ROOT, "%02x", b & 0xFF));
          }
          set(name, type, List.of(hex.toString()), origin, null);
        }
      }
    }

    void set(String name, String type, List<String> data, SourceSpan origin,
        FirewallRuleStrings.Locator at) {
      RegistryValue value = new RegistryValue(name, type, data, origin);
      if (at == null) {
        writes.set(key, value, (o, l) -> origin, notes);
      } else {
        writes.set(key, value, at, notes);
      }
    }
  }

  /** The bytes of {@code xx,xx,...} (spaces allowed), or null. */
  static byte[] bytes(String list) {
    String s = list.strip();
    if (s.isEmpty()) {
      return new byte[0];
    }
    byte[] out = new byte[s.length() / 2 + 1];
    int n = 0;
    int i = 0;
    int len = s.length();
    while (i < len) {
      while (i < len && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      int start = i;
      while (i < len && s.charAt(i) != ',') {
        i++;
      }
      String b = s.substring(start, i).strip();
      if (b.isEmpty() || b.length() > 2) {
        return null;
      }
      long v = parseHex(b);
      if (v < 0) {
        return null;
      }
      out[n++] = (byte) v;
      if (i < len) {
        i++; // the comma
        if (i == len) {
          return null;
        }
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  static long parseHex(String s) {
    if (s.isEmpty() || s.length() > 15) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
