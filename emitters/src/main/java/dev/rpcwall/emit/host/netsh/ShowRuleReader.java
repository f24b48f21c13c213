package dev.rpcwall.emit.host.netsh;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Format {@code netsh-show-rule}: the output of {@code netsh advfirewall firewall show rule
 * name=all [verbose]} (layout in windows-semantics.md 1.4), also when it is pasted inside other
 * text: a block starts at a {@code Rule Name:} line followed by a line of dashes and ends at a
 * blank line, the next block or {@code Ok.}; a mail quote prefix ({@code > }) is skipped. English
 * labels only (1.4 rule 2: labels are
 * localised; a dump in another language is reported, not guessed). A block without the verbose
 * {@code Program:} and {@code Service:} lines gets the condition "Program and Service not in the
 * dump": whether it applies to every program is not known, and it is never read as open to any.
 */
public final class ShowRuleReader implements HostReader {
  public static final String FORMAT = "netsh-show-rule";

  /** The other condition of a rule whose dump leaves out Program and Service. */
  public static final String NO_PROGRAM_SERVICE = "Program and Service not in the dump";

  private static final List<String> LABELS =
      List.of("Rule Name", "Description", "Enabled", "Direction", "Profiles", "Grouping",
          "LocalIP", "RemoteIP", "Protocol", "LocalPort", "RemotePort", "Edge traversal",
          "Program", "Service", "InterfaceTypes", "Security", "Rule source", "Action",
          "Remote computer group", "Remote user group", "Local user owner", "Application package"
              + " SID", "Dynamic target");

  /** Headers of localised dumps (1.4 rule 2): recognised so the file is reported, not skipped. */
  private static final List<String> LOCALISED =
      List.of("Regelname:", "Nom de la règle", "Nombre de regla:", "Nome regola:", "Regelnaam:",
          "Nazwa reguły:", "Nome da regra:");

  private static final java.util.regex.Pattern ANY_ANY =
      java.util.regex.Pattern.compile("(?i)any\\s+any");

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public int recognise(String text) {
    String head = text.length() > 200_000 ? text.substring(0, 200_000) : text;
    int at = 0;
    while (true) {
      int r = head.indexOf("Rule Name:", at);
      if (r < 0) {
        break;
      }
      int nl = head.indexOf('\n', r);
      if (nl > 0 && nl + 11 < head.length()) {
        int end = Math.min(head.length(), nl + 80);
        String next = head.substring(quoteEnd(head, nl + 1, end), end).trim();
        if (next.startsWith("----------")) {
          return 95;
        }
      }
      at = r + 10;
    }
    for (String l : LOCALISED) {
      if (head.contains(l) && head.contains("----------")) {
        return 60;
      }
    }
    return 0;
  }

  /** One {@code Label: value} line; its span is made only when a note needs it. */
  private static final class Field {
    private final String value;
    private final String file;
    private final int line;
    private final int column;
    private final int length;
    private List<String> more = List.of();

    Field(String value, String file, int line, int column, int length) {
      this.value = value;
      this.file = file;
      this.line = line;
      this.column = column;
      this.length = length;
    }

    String value() {
      return value;
    }

    SourceSpan at() {
      return SourceSpan.at(file, line, column, length);
    }

    /** The rows below the line without a label (ICMP types and codes). */
    List<String> more() {
      return more;
    }

    void addRow(String row) {
      if (more.isEmpty()) {
        more = new ArrayList<>();
      }
      more.add(row);
    }
  }

  @Override
  public void read(SourceFile file, HostState host, List<HostNote> notes) {
    try {
      readBlocks(file, host, notes);
    } catch (RuntimeException e) {
      notes.add(HostNote.unreadable(SourceSpan.at(file.name(), 1, 1, 0),
          "the dump could not be read to its end (" + e.getClass().getSimpleName() + ")",
          "report this file to the rpcwall maintainers"));
    }
  }

  private void readBlocks(SourceFile file, HostState host, List<HostNote> notes) {
    String text = file.text();
    List<int[]> lines = lines(text);
    Map<String, Object> cache = new HashMap<>();
    int blocks = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = line(text, lines.get(i));
      String trimmed = line.stripLeading();
      if (!trimmed.startsWith("Rule Name:") || i + 1 >= lines.size()
          || !line(text, lines.get(i + 1)).strip().startsWith("----------")) {
        continue;
      }
      blocks++;
      int indent = line.length() - trimmed.length();
      Map<String, Field> fields = new HashMap<>();
      SourceSpan start =
          SourceSpan.at(file.name(), i + 1, quoted(text, lines.get(i)) + indent + 1, trimmed.length());
      fields.put("Rule Name", new Field(trimmed.substring("Rule Name:".length()).strip(),
          start.source(), start.line(), start.column(), start.length()));
      Field last = null;
      int j = i + 2;
      for (; j < lines.size(); j++) {
        String l = line(text, lines.get(j));
        String t = l.strip();
        if (t.isEmpty() || t.equals("Ok.") || t.startsWith("Rule Name:")) {
          break;
        }
        String label = label(t);
        if (label == null) {
          if (last != null && Character.isWhitespace(l.charAt(0))) {
            last.addRow(t); // an ICMP "Type Code" row
            continue;
          }
          break; // the text around a pasted dump
        }
        int col = quoted(text, lines.get(j)) + l.length() - l.stripLeading().length() + 1;
        last = new Field(t.substring(label.length() + 1).strip(), file.name(), j + 1, col,
            t.length());
        fields.putIfAbsent(label, last);
      }
      rule(fields, start, host, notes, cache);
      i = j - 1;
    }
    if (blocks == 0) {
      for (String l : LOCALISED) {
        int at = text.indexOf(l);
        if (at >= 0) {
          notes.add(HostNote.unreadable(file.spanAt(at, l.length()),
              "this 'show rule' dump is in another language than English; only English labels are"
                  + " read (windows-semantics.md 1.4 rule 2)",
              "run 'chcp 437' and the command again in an English session, or export the rules with"
                  + " Get-NetFirewallRule"));
          return;
        }
      }
      notes.add(HostNote.unreadable(SourceSpan.at(file.name(), 1, 1, 0),
          "no 'Rule Name:' block found in this dump", "give the output of 'netsh advfirewall"
              + " firewall show rule name=all verbose'"));
    }
  }

  private static final Set<String> LABEL_SET = Set.copyOf(LABELS);

  /** The label {@code t} starts with (the text before its first ':'), or null. */
  private static String label(String t) {
    int colon = t.indexOf(':');
    if (colon <= 0 || colon > 30) {
      return null;
    }
    String l = t.substring(0, colon);
    return LABEL_SET.contains(l) ? l : null;
  }

  private void rule(Map<String, Field> f, SourceSpan at, HostState host, List<HostNote> notes,
      Map<String, Object> cache) {
    String name = f.get("Rule Name").value();
    for (String required : List.of("Enabled", "Direction", "Action")) {
      if (!f.containsKey(required)) {
        notes.add(HostNote.unreadable(at, "the block of rule '" + name + "' has no " + required
            + ": line (cut off?); the rule is not read", "give the whole dump"));
        return;
      }
    }
    List<String> other = new ArrayList<>();
    Direction dir;
    switch (f.get("Direction").value().toLowerCase(Locale.ROOT)) {
      case "in" -> dir = Direction.IN;
      case "out" -> dir = Direction.OUT;
      default -> {
        bad(f.get("Direction"), name, notes);
        return;
      }
    }
    RuleAction action;
    switch (f.get("Action").value().toLowerCase(Locale.ROOT)) {
      case "allow" -> action = RuleAction.ALLOW;
      case "block" -> action = RuleAction.BLOCK;
      case "bypass" -> action = RuleAction.BYPASS;
      default -> {
        bad(f.get("Action"), name, notes);
        return;
      }
    }
    boolean enabled;
    switch (f.get("Enabled").value().toLowerCase(Locale.ROOT)) {
      case "yes" -> enabled = true;
      case "no" -> enabled = false;
      default -> {
        bad(f.get("Enabled"), name, notes);
        return;
      }
    }
    Set<Profile> profiles = Set.of();
    Field pf = f.get("Profiles");
    if (pf != null) {
      try {
        profiles = Values.profiles(pf.value());
      } catch (Values.Refused e) {
        unknownField(pf, "Profiles", name, "every profile", other, notes);
      }
    }
    int protocol = WfasRule.ANY_PROTOCOL;
    Field pr = f.get("Protocol");
    if (pr != null) {
      try {
        protocol = Values.protocol(pr.value());
        if (!pr.more().isEmpty()) {
          List<String> rows = new ArrayList<>(pr.more());
          if (!rows.isEmpty() && rows.get(0).toLowerCase(Locale.ROOT).startsWith("type")) {
            rows.remove(0);
          }
          boolean all = rows.stream().allMatch(r -> ANY_ANY.matcher(r).matches());
          if (!rows.isEmpty() && !all) {
            other.add("Protocol=" + pr.value() + ": only ICMP type/code " + String.join("; ", rows));
          }
        }
      } catch (Values.Refused e) {
        unknownField(pr, "Protocol", name, "any protocol", other, notes);
      }
    }
    PortCondition local = ports(f.get("LocalPort"), true, "LocalPort", name, other, notes, cache);
    PortCondition remote = ports(f.get("RemotePort"), false, "RemotePort", name, other, notes, cache);
    AddressCondition localIp = addresses(f.get("LocalIP"), false, "LocalIP", name, other, notes, cache);
    AddressCondition remoteIp = addresses(f.get("RemoteIP"), true, "RemoteIP", name, other, notes, cache);
    Optional<String> program = anyOrValue(f.get("Program"));
    Optional<String> service = anyOrValue(f.get("Service"));
    if (!f.containsKey("Program") && !f.containsKey("Service")) {
      other.add(NO_PROGRAM_SERVICE);
    }
    Field it = f.get("InterfaceTypes");
    if (it != null && !it.value().equalsIgnoreCase("any")) {
      other.add("InterfaceTypes=" + it.value() + ": only on these interface types");
    }
    Field sec = f.get("Security");
    if (sec != null && !sec.value().equalsIgnoreCase("notrequired")) {
      other.add("Security=" + sec.value() + ": only connections IPsec authenticates");
    }
    for (String g : List.of("Remote computer group", "Remote user group", "Local user owner",
        "Application package SID", "Dynamic target")) {
      Field x = f.get(g);
      if (x != null && !x.value().isEmpty() && !x.value().equalsIgnoreCase("any")
          && !x.value().equalsIgnoreCase("none")) {
        other.add(g + "=" + x.value());
      }
    }
    Field gr = f.get("Grouping");
    Optional<String> group = gr == null || gr.value().isEmpty() ? Optional.empty() : Optional.of(gr.value());
    Field de = f.get("Description");
    Optional<String> description =
        de == null || de.value().isEmpty() ? Optional.empty() : Optional.of(de.value());
    Field src = f.get("Rule source");
    HostStore store = src == null || src.value().equalsIgnoreCase("Local Setting")
        ? HostStore.LOCAL : HostStore.GPO;
    host.addRule(new HostRule(
        new WfasRule(name, name, group, description, dir, action, protocol, local, remote, localIp,
            remoteIp, profiles, enabled, program, service, at, other),
        store));
  }

  private static Optional<String> anyOrValue(Field f) {
    if (f == null || f.value().isEmpty() || f.value().equalsIgnoreCase("any")) {
      return Optional.empty();
    }
    return Optional.of(f.value());
  }

  private static void bad(Field f, String name, List<HostNote> notes) {
    notes.add(HostNote.unreadable(f.at(), "'" + f.value() + "' is not understood in rule '" + name
        + "'; the rule is not read", "give the dump as netsh printed it"));
  }

  private static void unknownField(Field f, String label, String name, String readAs,
      List<String> other, List<HostNote> notes) {
    other.add(label + "=" + f.value() + ": not understood");
    notes.add(HostNote.unreadable(f.at(), label + " '" + f.value() + "' of rule '" + name
        + "' is not understood: read as " + readAs + ", with a condition naming it",
        "give the dump as netsh printed it"));
  }

  private static PortCondition ports(Field f, boolean local, String label, String name,
      List<String> other, List<HostNote> notes, Map<String, Object> cache) {
    if (f == null) {
      return PortCondition.ANY;
    }
    try {
      String key = (local ? "L" : "R") + f.value();
      Object hit = cache.get(key);
      if (hit instanceof PortCondition p) {
        return p;
      }
      PortCondition p = Values.ports(f.value(), local, true);
      cache.put(key, p);
      return p;
    } catch (Values.Refused e) {
      unknownField(f, label, name, "any port", other, notes);
      return PortCondition.ANY;
    }
  }

  private static AddressCondition addresses(Field f, boolean remote, String label, String name,
      List<String> other, List<HostNote> notes, Map<String, Object> cache) {
    if (f == null) {
      return AddressCondition.ANY;
    }
    try {
      // Dumps repeat the same lists (Any, LocalSubnet, a site's subnets): each is parsed once.
      String key = (remote ? "r" : "l") + f.value();
      Object hit = cache.get(key);
      if (hit instanceof AddressCondition a) {
        return a;
      }
      AddressCondition a = Values.addresses(f.value(), remote, true);
      cache.put(key, a);
      return a;
    } catch (Values.Refused e) {
      unknownField(f, label, name, "any address", other, notes);
      return AddressCondition.ANY;
    }
  }

  /**
   * Line boundaries {start, end} (CR LF or LF; CR alone when the text has no LF). Found with
   * indexOf, not char by char: a 5,000-rule dump has 5 MB.
   */
  private static List<int[]> lines(String text) {
    List<int[]> out = new ArrayList<>();
    int n = text.length();
    char sep = text.indexOf('\n') >= 0 || text.indexOf('\r') < 0 ? '\n' : '\r';
    int start = 0;
    while (start < n) {
      int nl = text.indexOf(sep, start);
      int end = nl < 0 ? n : nl;
      int contentEnd = sep == '\n' && end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      out.add(new int[] {start, contentEnd});
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    return out;
  }

  /**
   * The line without a mail quote prefix ({@code > }, {@code >> }): a dump pasted into a reply
   * reads like the dump itself.
   */
  private static String line(String text, int[] l) {
    return text.substring(quoteEnd(text, l[0], l[1]), l[1]);
  }

  /** Where the line from {@code start} to {@code end} starts after its quote prefix, if any. */
  static int quoteEnd(CharSequence text, int start, int end) {
    int from = start;
    int k = start;
    while (k < end && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    if (k < end && text.charAt(k) == '>') {
      while (k < end && (text.charAt(k) == '>' || text.charAt(k) == ' ')) {
        if (text.charAt(k) == '>') {
          from = k + 1;
        }
        k++;
      }
      if (from < end && text.charAt(from) == ' ') {
        from++;
      }
    }
    return from;
  }

  /** How many chars of the line a quote prefix takes (columns of spans count them). */
  private static int quoted(String text, int[] l) {
    return quoteEnd(text, l[0], l[1]) - l[0];
  }
}
