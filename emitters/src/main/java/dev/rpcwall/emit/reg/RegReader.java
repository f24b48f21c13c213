package dev.rpcwall.emit.reg;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.Reader;
import dev.rpcwall.compiler.target.TargetId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code .reg} file (format: see {@link RegEmitter}) into the RPC values it writes or
 * deletes under {@code HKLM\SOFTWARE\Microsoft\Rpc\Internet} (windows-semantics.md 6.1). Only
 * that key and its three values are understood; every other key, value, data type or malformed
 * byte list is a diagnostic at its line and column, and then there is no result. A leading BOM
 * char is skipped.
 */
public final class RegReader implements Reader<RpcRegistryValues> {
  static final String HEADER = "Windows Registry Editor Version 5.00";

  @Override
  public TargetId target() {
    return TargetId.REG;
  }

  @Override
  public Result<RpcRegistryValues> read(SourceFile file) {
    Diagnostics d = new Diagnostics();
    Optional<List<String>> ports = Optional.empty();
    Optional<String> pia = Optional.empty();
    Optional<String> uip = Optional.empty();
    Set<String> deleted = new HashSet<>();
    Set<String> seen = new HashSet<>();
    boolean inKey = false;
    boolean header = false;
    for (int line = 1; line <= file.lineCount(); line++) {
      String text = file.line(line);
      int startLine = line;
      if (line == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (!header) {
        if (!text.equals(HEADER)) {
          d.error(Codes.REG_READ, span(file, line, 1, text.length()),
              "the first line must be '" + HEADER + "'", "regedit rejects other files as not registry scripts");
          return Result.failed(d);
        }
        header = true;
        continue;
      }
      if (text.isBlank() || text.startsWith(";")) {
        continue;
      }
      // A value's data continues on the next line after a trailing backslash.
      StringBuilder logical = new StringBuilder(text);
      while (logical.length() > 0 && logical.charAt(logical.length() - 1) == '\\'
          && logical.indexOf("=hex") >= 0 && line < file.lineCount()) {
        logical.setLength(logical.length() - 1);
        line++;
        logical.append(file.line(line).strip());
      }
      String l = logical.toString();
      if (l.startsWith("[")) {
        String key = l.endsWith("]") ? l.substring(1, l.length() - 1) : null;
        if (key != null && key.equalsIgnoreCase(RpcRegistryValues.KEY)) {
          inKey = true;
        } else {
          d.error(Codes.REG_READ, span(file, startLine, 1, l.length()),
              key != null && key.startsWith("-")
                  ? "deleting a whole key is not read: only the RPC values are understood"
                  : "only the key [" + RpcRegistryValues.KEY + "] is understood",
              "the file must set or delete values of that key only");
          inKey = false;
        }
        continue;
      }
      if (!l.startsWith("\"")) {
        d.error(Codes.REG_READ, span(file, startLine, 1, l.length()), "not a key, a value or a comment",
            "values are written \"Name\"=data");
        continue;
      }
      int close = l.indexOf('"', 1);
      if (close < 0 || close + 1 >= l.length() || l.charAt(close + 1) != '=') {
        d.error(Codes.REG_READ, span(file, startLine, 1, l.length()), "a value name must be \"Name\"= ",
            "quote the name and put '=' right after it");
        continue;
      }
      String name = l.substring(1, close);
      String data = l.substring(close + 2);
      int dataColumn = close + 3;
      if (!inKey) {
        d.error(Codes.REG_READ, span(file, startLine, 1, l.length()), "a value outside the RPC key",
            "values must follow [" + RpcRegistryValues.KEY + "]");
        continue;
      }
      String canonical = RpcRegistryValues.NAMES.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(null);
      if (canonical == null) {
        d.error(Codes.REG_READ, span(file, startLine, 2, name.length()),
            "value '" + name + "' is not an RPC port setting (windows-semantics.md 6.1)",
            "only Ports, PortsInternetAvailable and UseInternetPorts are understood");
        continue;
      }
      if (!seen.add(canonical)) {
        d.error(Codes.REG_READ, span(file, startLine, 2, name.length()), "value '" + name + "' is given twice",
            "write each value once");
        continue;
      }
      if (data.equals("-")) {
        deleted.add(canonical);
        continue;
      }
      if (canonical.equals(RpcRegistryValues.PORTS)) {
        if (!data.toLowerCase(Locale.ROOT).startsWith("hex(7):")) {
          d.error(Codes.REG_READ, span(file, startLine, dataColumn, data.length()),
              "Ports must be REG_MULTI_SZ, written hex(7):... (windows-semantics.md 6.1)",
              "a REG_SZ Ports makes the whole RPC configuration invalid (6.2 rule 3)");
          continue;
        }
        ports = multiSz(file, startLine, dataColumn + 7, data.substring(7), d);
      } else {
        Optional<String> s = regSz(data);
        if (s.isEmpty()) {
          d.error(Codes.REG_READ, span(file, startLine, dataColumn, data.length()),
              canonical + " must be a REG_SZ string \"Y\" or \"N\" (windows-semantics.md 6.1)",
              "write \"" + canonical + "\"=\"Y\"");
          continue;
        }
        if (!s.get().equalsIgnoreCase("Y") && !s.get().equalsIgnoreCase("N")) {
          d.error(Codes.REG_READ, span(file, startLine, dataColumn, data.length()),
              canonical + " must be Y or N (windows-semantics.md 6.1), not '" + s.get() + "'", null);
          continue;
        }
        if (canonical.equals(RpcRegistryValues.PORTS_INTERNET_AVAILABLE)) {
          pia = s;
        } else {
          uip = s;
        }
      }
    }
    if (!header) {
      d.error(Codes.REG_READ, span(file, 1, 1, 1), "the file is empty", "the first line must be '" + HEADER + "'");
    }
    return Result.of(new RpcRegistryValues(ports, pia, uip, deleted), d);
  }

  /** A quoted REG_SZ: backslash escapes only {@code \\} and {@code \"} (KB310516 form). */
  private static Optional<String> regSz(String data) {
    if (data.length() < 2 || data.charAt(0) != '"' || data.charAt(data.length() - 1) != '"') {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < data.length() - 1; i++) {
      char c = data.charAt(i);
      if (c == '\\') {
        if (i + 1 >= data.length() - 1) {
          return Optional.empty();
        }
        char n = data.charAt(++i);
        if (n != '\\' && n != '"') {
          return Optional.empty();
        }
        b.append(n);
      } else if (c == '"') {
        return Optional.empty();
      } else {
        b.append(c);
      }
    }
    return Optional.of(b.toString());
  }

  /**
   * The strings of hex(7) data: comma-separated hex byte pairs, an even count, UTF-16LE, each
   * string NUL-terminated and a final NUL; an empty string before the end is refused (it would end
   * the list there).
   */
  private static Optional<List<String>> multiSz(SourceFile file, int line, int column, String hex, Diagnostics d) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String[] parts = hex.split(",", -1);
    int col = column;
    for (String p : parts) {
      String t = p.strip();
      if (t.length() != 2 || Character.digit(t.charAt(0), 16) < 0 || Character.digit(t.charAt(1), 16) < 0) {
        d.error(Codes.REG_READ, span(file, line, col, Math.max(1, p.length())),
            "'" + t + "' is not a hex byte", "hex(7) data is two hex digits per byte, separated by commas");
        return Optional.empty();
      }
      bytes.write(Integer.parseInt(t, 16));
      col += p.length() + 1;
    }
    byte[] b = bytes.toByteArray();
    SourceSpan where = span(file, line, column, Math.max(1, hex.length()));
    if (b.length % 2 != 0) {
      d.error(Codes.REG_READ, where, "odd number of bytes: not UTF-16LE text", null);
      return Optional.empty();
    }
    String text;
    try {
      text = StandardCharsets.UTF_16LE.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      d.error(Codes.REG_READ, where, "the bytes are not valid UTF-16LE", null);
      return Optional.empty();
    }
    if (!text.endsWith("\0\0")) {
      d.error(Codes.REG_READ, where, "REG_MULTI_SZ data must end with two NUL characters",
          "each string ends with 00,00 and the list with one more 00,00");
      return Optional.empty();
    }
    List<String> strings = new ArrayList<>();
    String body = text.substring(0, text.length() - 1); // each string keeps its terminating NUL
    int start = 0;
    for (int i = 0; i < body.length(); i++) {
      if (body.charAt(i) == '\0') {
        strings.add(body.substring(start, i));
        start = i + 1;
      }
    }
    if (strings.size() == 1 && strings.get(0).isEmpty()) {
      strings.clear(); // an empty list: only the final NULs
    }
    if (strings.stream().anyMatch(String::isEmpty)) {
      d.error(Codes.REG_READ, where, "an empty string inside REG_MULTI_SZ data ends the list early", null);
      return Optional.empty();
    }
    for (String s : strings) {
      if (RpcRegistryValues.parsePortString(s).isEmpty()) {
        d.error(Codes.REG_READ, where, "'" + s + "' is not a port or range RPC accepts (windows-semantics.md"
            + " 6.1, 6.2 rules 3 and 4)", "write n or a-b, 0-65535, no spaces");
        return Optional.empty();
      }
    }
    return Optional.of(strings);
  }

  private static SourceSpan span(SourceFile f, int line, int column, int length) {
    return SourceSpan.at(f.name(), line, column, Math.max(1, length));
  }
}
