package dev.rpcwall.emit.host.export;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.emit.host.export.ExportRecord.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Get-NetFirewallRule | ConvertTo-Json} output: one object or an array of them (Windows
 * PowerShell's {@code -InputObject} form {@code {"value": [...], "Count": n}} too). Enum-typed CIM
 * properties are numbers unless {@code -EnumsAsStrings} (PowerShell 6.2+) made them names
 * (windows-semantics.md 4.2 rule 6, [ps-json]); {@link ExportRules} reads both. Filter values may sit
 * in nested objects ({@code PortFilter = ($_ | Get-NetFirewallPortFilter)}): their condition
 * properties are lifted onto the rule. Past {@code -Depth} (2 by default) ConvertTo-Json writes an
 * object's string form ({@code @{...}}, a type name): such a value is reported as lossy.
 */
public final class JsonExportReader implements HostReader {
  private static final int LOOK = 65_536;
  private static final int MAX_DEPTH = 100;
  /** Far more items than a rule's list holds (1000 addresses, windows-semantics.md 1.1). */
  private static final int MAX_ITEMS = 100_000;

  /** Properties of the filter objects (windows-semantics.md 4.2 rule 2) lifted from nested objects. */
  private static final Set<String> FILTER_PROPERTIES = Set.of("protocol", "localport", "remoteport",
      "icmptype", "localaddress", "remoteaddress", "program", "package", "service", "interfacetype",
      "interfacealias", "localuser", "remoteuser", "remotemachine");

  @Override
  public String format() {
    return "json";
  }

  @Override
  public int recognise(String text) {
    String head = text.length() > LOOK ? text.substring(0, LOOK) : text;
    int i = CsvExportReader.skipBlank(head, 0);
    if (i >= head.length() || (head.charAt(i) != '{' && head.charAt(i) != '[')) {
      return 0;
    }
    String lower = head.toLowerCase(Locale.ROOT);
    boolean marked = lower.contains("\"direction\"") || lower.contains("\"displayname\"")
        || lower.contains("\"localport\"") || lower.contains("\"action\"");
    return marked ? 90 : 10;
  }

  @Override
  public void read(SourceFile file, HostState host, List<HostNote> notes) {
    String text = file.text();
    Parser p = new Parser(text);
    int[] notObjects = {0};
    ExportRules rules = new ExportRules(host, notes);
    try {
      p.skip();
      if (p.pos >= text.length()) {
        notes.add(HostNote.unreadable(file.spanAt(0, 0), "the JSON file is empty",
            "export with ConvertTo-Json"));
        return;
      }
      if (text.charAt(p.pos) == '[') {
        // Element by element, so what precedes a cut or a syntax error is still read.
        p.pos++;
        p.skip();
        if (p.peek() == ']') {
          p.pos++;
        } else {
          while (true) {
            Node element = p.value(1);
            rule(element, file, rules, notes, notObjects);
            p.skip();
            char c = p.peek();
            if (c == ',') {
              p.pos++;
              continue;
            }
            if (c == ']') {
              p.pos++;
              break;
            }
            throw new Bad(p.pos, "expected ',' or ']' in the array");
          }
        }
      } else {
        Node top = p.value(0);
        if (top instanceof Obj o && o.members.containsKey("value")
            && o.members.get("value").value instanceof Arr a) {
          for (Node element : a.items) {
            rule(element, file, rules, notes, notObjects);
          }
        } else {
          rule(top, file, rules, notes, notObjects);
        }
      }
      p.skip();
      if (p.pos < text.length()) {
        notes.add(HostNote.unreadable(file.spanAt(p.pos, 1),
            "text after the end of the JSON document is not read", "give one ConvertTo-Json document"));
      }
    } catch (Bad e) {
      int at = Math.min(e.offset, text.length());
      notes.add(HostNote.unreadable(file.spanAt(at, at < text.length() ? 1 : 0),
          "not valid JSON here: " + e.getMessage() + "; the rest of the file is not read",
          "the file is cut off or was edited; export it again with ConvertTo-Json"));
    }
  }

  private void rule(Node node, SourceFile file, ExportRules rules, List<HostNote> notes,
      int[] notObjects) {
    if (!(node instanceof Obj o)) {
      if (++notObjects[0] > 100) {
        return;
      }
      notes.add(HostNote.unreadable(file.spanAt(node.offset(), Math.max(1, node.length())),
          "expected a rule object here", "export Get-NetFirewallRule objects with ConvertTo-Json"));
      return;
    }
    ExportRecord record = new ExportRecord(file.spanAt(o.offset, 1));
    List<Map.Entry<String, Member>> nested = new ArrayList<>();
    for (Map.Entry<String, Member> m : o.members.entrySet()) {
      String name = m.getKey();
      Node v = m.getValue().value;
      if (name.regionMatches(true, 0, "Cim", 0, 3)) {
        continue; // CIM metadata (CimClass, CimInstanceProperties, CimSystemProperties)
      }
      if (v instanceof Obj) {
        nested.add(m);
        continue;
      }
      Field f = field(name, v, file);
      if (f != null && !cutContainer(name, f, notes)) {
        record.put(f);
      }
    }
    for (Map.Entry<String, Member> m : nested) {
      lift((Obj) m.getValue().value, file, record, notes, 0);
    }
    rules.add(record);
  }

  /** The condition properties of a nested filter object (and of objects inside it). */
  private void lift(Obj o, SourceFile file, ExportRecord record, List<HostNote> notes, int depth) {
    for (Map.Entry<String, Member> m : o.members.entrySet()) {
      Node v = m.getValue().value;
      if (v instanceof Obj inner) {
        if (depth < 4) {
          lift(inner, file, record, notes, depth + 1);
        }
      } else if (FILTER_PROPERTIES.contains(m.getKey().toLowerCase(Locale.ROOT))) {
        record.put(field(m.getKey(), v, file));
      } else {
        cutContainer(m.getKey(), field(m.getKey(), v, file), notes);
      }
    }
  }

  /**
   * Whether {@code f} is a container of filter values that ConvertTo-Json cut at its {@code
   * -Depth} (its string form, {@code @{Protocol=TCP; ...}} or a type name, in place of the object):
   * then what it held is not in the export, which the note says.
   */
  private static boolean cutContainer(String name, Field f, List<HostNote> notes) {
    if (isKnown(name) || f.lossy().isPresent() || f.items().size() != 1
        || !ExportRules.isObjectText(f.items().get(0))) {
      return false;
    }
    String text = f.items().get(0).toLowerCase(Locale.ROOT);
    if (name.toLowerCase(Locale.ROOT).contains("filter") || text.contains("port")
        || text.contains("address")) {
      notes.add(HostNote.unreadable(f.at(), "the " + name + " value was cut by ConvertTo-Json"
          + " -Depth ('" + ExportRules.shorten(f.items().get(0)) + "'): its values are not in"
          + " the export", "export with ConvertTo-Json -Depth 4"));
    }
    return true;
  }

  private static boolean isKnown(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return CsvExportReader.KNOWN.contains(n) || FILTER_PROPERTIES.contains(n);
  }

  /** A scalar or a list of scalars as a field; an object text past -Depth is lossy. */
  private static Field field(String name, Node v, SourceFile file) {
    var at = file.spanAt(v.offset(), Math.max(1, v.length()));
    if (v instanceof Arr a) {
      List<String> items = new ArrayList<>();
      for (Node item : a.items) {
        if (item instanceof Scalar s) {
          if (s.text != null) {
            items.add(s.text);
          }
        } else {
          return new Field(name, items, at, Optional.of("a list of objects"));
        }
      }
      boolean cut = items.stream().anyMatch(ExportRules::isObjectText);
      return new Field(name, items, at,
          cut ? Optional.of("cut by ConvertTo-Json -Depth") : Optional.empty());
    }
    Scalar s = (Scalar) v;
    if (s.text == null) {
      return new Field(name, List.of(), at, Optional.empty());
    }
    boolean cut = s.string && isKnown(name) && ExportRules.isObjectText(s.text);
    return new Field(name, List.of(s.text), at,
        cut ? Optional.of("cut by ConvertTo-Json -Depth") : Optional.empty());
  }

  // ---- a small JSON parser that keeps offsets --------------------------------------------------

  private sealed interface Node permits Obj, Arr, Scalar {
    int offset();

    int length();
  }

  private record Member(int keyOffset, Node value) {}

  private record Obj(int offset, int length, Map<String, Member> members) implements Node {}

  private record Arr(int offset, int length, List<Node> items) implements Node {}

  /** A string, number or boolean as text ({@code null} for JSON null). */
  private record Scalar(int offset, int length, String text, boolean string) implements Node {}

  private static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;
    final int offset;

    Bad(int offset, String message) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }

  private static final class Parser {
    final String text;
    int pos;

    Parser(String text) {
      this.text = text;
    }

    char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    void skip() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\uFEFF') {
          pos++;
        } else {
          break;
        }
      }
    }

    Node value(int depth) throws Bad {
      if (depth > MAX_DEPTH) {
        throw new Bad(pos, "nested more than " + MAX_DEPTH + " levels deep");
      }
      skip();
      int start = pos;
      char c = peek();
      if (pos >= text.length()) {
        throw new Bad(pos, "the document ends early");
      }
      if (c == '{') {
        pos++;
        Map<String, Member> members = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        skip();
        if (peek() == '}') {
          pos++;
          return new Obj(start, pos - start, members);
        }
        while (true) {
          if (members.size() == MAX_ITEMS) {
            throw new Bad(pos, "an object of more than " + MAX_ITEMS + " properties");
          }
          skip();
          if (peek() != '"') {
            throw new Bad(pos, "expected a property name");
          }
          int keyAt = pos;
          String key = string();
          skip();
          if (peek() != ':') {
            throw new Bad(pos, "expected ':'");
          }
          pos++;
          Node v = value(depth + 1);
          // PowerShell property names are case-insensitive; the first of two spellings is kept.
          if (seen.add(key.toLowerCase(Locale.ROOT))) {
            members.put(key, new Member(keyAt, v));
          }
          skip();
          char d = peek();
          pos++;
          if (d == '}') {
            return new Obj(start, pos - start, members);
          }
          if (d != ',') {
            pos--;
            throw new Bad(pos, "expected ',' or '}' in the object");
          }
        }
      }
      if (c == '[') {
        pos++;
        List<Node> items = new ArrayList<>();
        skip();
        if (peek() == ']') {
          pos++;
          return new Arr(start, pos - start, items);
        }
        while (true) {
          if (items.size() == MAX_ITEMS) {
            throw new Bad(pos, "an array of more than " + MAX_ITEMS + " items");
          }
          items.add(value(depth + 1));
          skip();
          char d = peek();
          pos++;
          if (d == ']') {
            return new Arr(start, pos - start, items);
          }
          if (d != ',') {
            pos--;
            throw new Bad(pos, "expected ',' or ']' in the array");
          }
        }
      }
      if (c == '"') {
        String s = string();
        return new Scalar(start, pos - start, s, true);
      }
      if (text.startsWith("true", pos) || text.startsWith("null", pos)) {
        pos += 4;
        return new Scalar(start, 4, text.startsWith("true", start) ? "true" : null, false);
      }
      if (text.startsWith("false", pos)) {
        pos += 5;
        return new Scalar(start, 5, "false", false);
      }
      if (c == '-' || (c >= '0' && c <= '9')) {
        pos++;
        while (pos < text.length()) {
          char d = text.charAt(pos);
          if ((d >= '0' && d <= '9') || d == '.' || d == 'e' || d == 'E' || d == '+' || d == '-') {
            pos++;
          } else {
            break;
          }
        }
        return new Scalar(start, pos - start, text.substring(start, pos), false);
      }
      throw new Bad(pos, "unexpected '" + printable(c) + "'");
    }

    String string() throws Bad {
      int start = pos;
      pos++;
      StringBuilder b = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw new Bad(start, "a string is not closed");
        }
        char c = text.charAt(pos++);
        if (c == '"') {
          return b.toString();
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        if (pos >= text.length()) {
          throw new Bad(start, "a string is not closed");
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw new Bad(pos - 2, "a \\u escape is cut off");
            }
            int v = 0;
            for (int k = 0; k < 4; k++) {
              int d = Character.digit(text.charAt(pos + k), 16);
              if (d < 0) {
                throw new Bad(pos - 2, "a \\u escape needs four hex digits");
              }
              v = v * 16 + d;
            }
            pos += 4;
            b.append((char) v);
          }
          default -> throw new Bad(pos - 2, "unknown escape '\\" + printable(e) + "'");
        }
      }
    }

    private static String printable(char c) {
      return c < ' ' || c > '~' ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
  }
}
