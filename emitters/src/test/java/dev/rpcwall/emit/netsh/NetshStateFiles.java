package dev.rpcwall.emit.netsh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the state of a policy on a host, so that a sequence of runs of emitted scripts can
 * be read back: the registry keys {@code HKLM\SOFTWARE\rpcwall\<slug>\rules} and {@code rules.new}
 * (the names, as values {@code r0001}...), and the folder {@code %ProgramData%\rpcwall\<slug>}
 * where earlier versions kept their state, which any local user can fill. {@link #expand} turns
 * each {@code for /f} over a state key into the deletes it performs for the values the key holds
 * now, and {@link #run} changes the state as a run of a script does. It interprets only the lines
 * the netsh emitter writes for its state, by their exact form, and records every line that reads
 * or writes anything in the folder, which no script may trust.
 *
 * <p>The registry is modelled as keys with string values: {@code reg add|delete|copy|query|compare}
 * of any key (the state keys of every policy, and the host-global
 * {@code HKLM\SOFTWARE\Microsoft\Rpc\Internet}), and the script's flow through labels,
 * {@code goto}, {@code if [not] errorlevel 1 goto}, {@code ||} and {@code exit /b}, so that runs of
 * several policies' scripts on one host can be followed.
 */
public final class NetshStateFiles {
  private static final String KEY = "HKLM\\\\SOFTWARE\\\\rpcwall\\\\[a-z0-9-]+";
  private static final Pattern LOOP =
      Pattern.compile(
          "^for /f \"tokens=2,\\*\" %%A in \\('reg query \"(" + KEY + "\\\\(?:rules|rules\\.new))\" 2\\^>nul"
              + " \\^\\| findstr /c:\" REG_SZ \"'\\) do (echo )?netsh advfirewall firewall delete rule"
              + " name=\"([^\"%]*)%%B\"( >nul 2>&1)?$");
  private static final Pattern RULES_KEY = Pattern.compile("^" + KEY + "\\\\rules$", Pattern.CASE_INSENSITIVE);
  private static final Pattern PENDING_KEY =
      Pattern.compile("^" + KEY + "\\\\rules\\.new$", Pattern.CASE_INSENSITIVE);
  private static final Pattern FOLDER = Pattern.compile("%ProgramData%\\\\rpcwall", Pattern.CASE_INSENSITIVE);
  private static final Pattern NOTICE =
      Pattern.compile("^if exist \"%ProgramData%\\\\rpcwall\\\\[a-z0-9-]+\" echo rpcwall: NOTE: [^&|<>]*$");
  private static final Pattern IF_GOTO = Pattern.compile("^if (not )?errorlevel 1 goto (\\S+)$");
  private static final Pattern IF_FAIL = Pattern.compile("^if errorlevel 1 \\(.*goto fail\\)$");
  private static final Pattern EXIT = Pattern.compile("^exit /b ([0-9]+)$");
  private static final Pattern SET = Pattern.compile("^set \"(RPCWALL_[A-Z_]+)=([^\"]*)\"$");
  private static final Pattern IF_DEFINED = Pattern.compile("^if (not )?defined (RPCWALL_[A-Z_]+) goto (\\S+)$");
  /** The host-settings queries (CmdHostSettings): a value's line, filtered by findstr. */
  private static final Pattern QUERY_LOOP =
      Pattern.compile("^for /f \"delims=\" %%L in \\('reg query \"([^\"]+)\"( /s)? /v (\\w+) 2\\^>nul"
          + " \\^\\| findstr (?:/i )?/r /c:\"([^\"]+)\"'\\) do set \"(RPCWALL_WMI_[A-Z]+)=1\"$");

  /** The WMI service's key, whose Type winmgmt -standalonehost / -sharedhost switch. */
  public static final String WMI = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Winmgmt";
  /** The dry-run branch: {@code if /i "%~1"=="/whatif" goto whatif}. */
  private static final Pattern ARGUMENT_GOTO =
      Pattern.compile("^if /i \"%~1\"==\"([^\"]+)\" goto (\\S+)$");
  /** Commands that change the host: firewall rules, the registry, services (netsh show reads). */
  private static final Pattern CHANGE =
      Pattern.compile("^(netsh advfirewall firewall (add|delete|set)|reg (add|delete|copy|import|restore)"
          + "|winmgmt|net (stop|start)|sc |netsh advfirewall (set|reset|import))", Pattern.CASE_INSENSITIVE);

  /** The host-global RPC key. */
  public static final String RPC = "HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet";

  /** Every key that exists, by its upper-case path, with its values (name to data as written). */
  private final Map<String, Map<String, String>> registry = new TreeMap<>();

  /** Files a local user put in the folder, by name. */
  private final Map<String, String> planted = new TreeMap<>();

  /** Lines of scripts run so far that touch the folder other than to tell it is there. */
  private final List<String> folderUses = new ArrayList<>();

  /** The cmd.exe variables of the run going on (RPCWALL_ ones only). */
  private final Map<String, String> variables = new HashMap<>();

  /** Lines starting with "echo rpcwall: WARNING" that scripts printed. */
  private final List<String> warnings = new ArrayList<>();

  /** Commands of the scripts run so far that change the host ({@link #CHANGE}), as written. */
  private final List<String> changes = new ArrayList<>();

  /** What the scripts run so far printed with echo, as written after "echo ". */
  private final List<String> printed = new ArrayList<>();


  /** No state: a host the policy was never applied to; WMI in the shared host. */
  public NetshStateFiles() {
    setValue(WMI, "Type", "0x20");
  }

  /** Whether WMI runs in its own host (Type 0x10, as winmgmt -standalonehost leaves it). */
  public boolean wmiStandalone() {
    return "0x10".equals(registry.get(norm(WMI)).get("Type"));
  }

  public void wmiStandalone(boolean standalone) {
    setValue(WMI, "Type", standalone ? "0x10" : "0x20");
  }

  /** Every key with its values, for comparing whole hosts. */
  public Map<String, Map<String, String>> registry() {
    Map<String, Map<String, String>> out = new TreeMap<>();
    registry.forEach((k, v) -> out.put(k, Map.copyOf(v)));
    return out;
  }

  /** Another host in the same state. */
  public NetshStateFiles copy() {
    NetshStateFiles c = new NetshStateFiles();
    registry.forEach((k, v) -> c.registry.put(k, new LinkedHashMap<>(v)));
    c.planted.putAll(planted);
    c.folderUses.addAll(folderUses);
    c.warnings.addAll(warnings);
    return c;
  }

  /** The names the {@code rules} key of the (single) policy lists, or null when there is none. */
  public List<String> listed() {
    return values(RULES_KEY);
  }

  public List<String> pending() {
    return values(PENDING_KEY);
  }

  private List<String> values(Pattern key) {
    List<String> out = null;
    for (Map.Entry<String, Map<String, String>> e : registry.entrySet()) {
      if (key.matcher(e.getKey()).matches()) {
        out = out == null ? new ArrayList<>() : out;
        out.addAll(e.getValue().values());
      }
    }
    return out;
  }

  /** The values of {@code key} (name to data as written), or null when it does not exist. */
  public Map<String, String> key(String key) {
    Map<String, String> v = registry.get(norm(key));
    return v == null ? null : Map.copyOf(v);
  }

  /** Sets a value as the host had it before any script ran. */
  public void setValue(String key, String name, String data) {
    registry.computeIfAbsent(norm(key), k -> new LinkedHashMap<>()).put(name, data);
  }

  /** The keys that exist under {@code key}, itself included. */
  public List<String> keysUnder(String key) {
    String k = norm(key);
    return registry.keySet().stream().filter(x -> x.equals(k) || x.startsWith(k + "\\")).toList();
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * A file a non-administrator writes into {@code %ProgramData%\rpcwall\<slug>} (every user may
   * create folders and files in ProgramData). Writing under HKLM\SOFTWARE is not offered: its
   * default permissions give Users read access only.
   */
  public void plantAsUser(String file, String content) {
    planted.put(file, content);
  }

  public Map<String, String> planted() {
    return Map.copyOf(planted);
  }

  public List<String> folderUses() {
    return List.copyOf(folderUses);
  }

  /**
   * {@code script} with every {@code for /f} over a state key replaced by one delete per value the
   * key holds now (none when it does not exist), so the reader can follow it.
   */
  public String expand(String script) {
    StringBuilder out = new StringBuilder();
    for (String line : script.split("\r\n", -1)) {
      Matcher m = LOOP.matcher(line);
      if (!m.matches()) {
        out.append(line).append("\r\n");
        continue;
      }
      Map<String, String> values = registry.get(norm(m.group(1)));
      for (String n : values == null ? List.<String>of() : values.values()) {
        // The dry run's loops print the delete instead of running it (issue 12 point 6).
        out.append(m.group(2) == null ? "" : m.group(2))
            .append("netsh advfirewall firewall delete rule name=\"")
            .append(m.group(3))
            .append(n)
            .append("\"")
            .append(m.group(4) == null ? "" : m.group(4))
            .append("\r\n");
      }
    }
    // split/append added one line end too many
    return out.substring(0, out.length() - 2);
  }

  /**
   * Changes the state as {@code script} does when it runs until it reaches line index
   * {@code stopAt} (zero-based; a failure there ends the run), or to its end.
   */
  public void run(String script, int stopAt) {
    run(script, stopAt, "");
  }

  /** A run with {@code argument} as {@code %1} (only the dry-run branch reads it). */
  public void run(String script, String argument) {
    run(script, Integer.MAX_VALUE, argument);
  }

  public List<String> changes() {
    return List.copyOf(changes);
  }

  public List<String> printed() {
    return List.copyOf(printed);
  }

  /** Every key with its values, as they are now. */
  public Map<String, Map<String, String>> snapshot() {
    Map<String, Map<String, String>> out = new TreeMap<>();
    registry.forEach((k, v) -> out.put(k, Map.copyOf(v)));
    return out;
  }

  private void run(String script, int stopAt, String argument) {
    String[] lines = script.split("\r\n", -1);
    int errorlevel = 0;
    int steps = 0;
    variables.clear();
    for (int pc = 0; pc < lines.length && pc < stopAt; pc++) {
      if (++steps > lines.length * 4) {
        throw new AssertionError("the script loops");
      }
      String line = lines[pc];
      if (FOLDER.matcher(line).find() && !NOTICE.matcher(line).matches()
          && !line.startsWith("rem ")) {
        folderUses.add(line);
      }
      if (line.startsWith("echo rpcwall: WARNING")) {
        warnings.add(line);
      }
      Matcher g = IF_GOTO.matcher(line);
      Matcher x = EXIT.matcher(line);
      Matcher set = SET.matcher(line);
      Matcher defined = IF_DEFINED.matcher(line);
      Matcher query = QUERY_LOOP.matcher(line);
      Matcher arg = ARGUMENT_GOTO.matcher(line);
      String jump = null;
      if (line.startsWith("echo ")) {
        printed.add(line.substring(5));
      }
      if (CHANGE.matcher(line).find()) {
        changes.add(line);
      }
      if (arg.matches()) {
        if (arg.group(1).equalsIgnoreCase(argument)) {
          jump = arg.group(2);
        }
      } else if (set.matches()) {
        if (set.group(2).isEmpty()) {
          variables.remove(set.group(1));
        } else {
          variables.put(set.group(1), set.group(2));
        }
      } else if (defined.matches()) {
        if ((defined.group(1) == null) == variables.containsKey(defined.group(2))) {
          jump = defined.group(3);
        }
      } else if (query.matches()) {
        if (queryFinds(query.group(1), query.group(2) != null, query.group(3), query.group(4))) {
          variables.put(query.group(5), "1");
        }
      } else if (line.equals("winmgmt -standalonehost") || line.equals("winmgmt -sharedhost")) {
        wmiStandalone(line.endsWith("-standalonehost"));
        errorlevel = 0;
      } else if (g.matches()) {
        if ((g.group(1) == null) == (errorlevel >= 1)) {
          jump = g.group(2);
        }
      } else if (IF_FAIL.matcher(line).matches()) {
        if (errorlevel >= 1) {
          jump = "fail";
        }
      } else if (line.startsWith("goto ")) {
        jump = line.substring(5).strip();
      } else if (x.matches()) {
        return;
      } else if (line.startsWith("reg ")) {
        // a || b || c: each runs only when the one before failed.
        for (String part : line.split(" \\|\\| ")) {
          // The profile checks end such a chain with 'set "RPCWALL_..."', which touches no state.
          errorlevel = part.startsWith("reg ") ? reg(part) : 0;
          if (errorlevel == 0) {
            break;
          }
        }
      } else if (!line.isBlank() && !line.startsWith("rem ") && !line.startsWith(":")) {
        errorlevel = 0; // netsh, echo and the rest succeed here
      }
      if (jump != null) {
        int target = -1;
        for (int i = 0; i < lines.length; i++) {
          if (lines[i].equalsIgnoreCase(":" + jump)) {
            target = i;
          }
        }
        if (target < 0) {
          throw new AssertionError("no label :" + jump);
        }
        pc = target;
      }
    }
  }

  public void run(String script) {
    run(script, Integer.MAX_VALUE);
  }

  /**
   * Whether {@code reg query key [/s] /v value | findstr /r pattern} prints a line: the lines
   * reg prints for a value are {@code <name>    <type>    <data>}; DWORDs as written ("0x10",
   * or "1" which reg prints as 0x1), strings as they are. Only the patterns of CmdHostSettings.
   */
  private boolean queryFinds(String key, boolean sub, String value, String pattern) {
    Pattern p = Pattern.compile(pattern.replace("  *", " +"), Pattern.CASE_INSENSITIVE);
    String k = norm(key);
    for (Map.Entry<String, Map<String, String>> e : registry.entrySet()) {
      boolean in = e.getKey().equals(k) || (sub && e.getKey().startsWith(k + "\\"));
      String data = in ? e.getValue().get(value) : null;
      if (data == null) {
        continue;
      }
      String type = data.startsWith("0x") || value.equals("Type") ? "REG_DWORD" : "REG_SZ";
      if (p.matcher(value + " " + type + " " + data).find()) {
        return true;
      }
    }
    return false;
  }

  /** Runs one reg command; returns its exit code. */
  private int reg(String command) {
    List<String> a = tokens(command.replaceAll(" >nul( 2>&1)?$", ""));
    String op = a.get(1).toLowerCase(Locale.ROOT);
    String k = norm(a.get(2));
    Map<String, String> opts = new HashMap<>();
    for (int i = op.equals("copy") || op.equals("compare") ? 4 : 3; i < a.size(); i++) {
      String o = a.get(i).toLowerCase(Locale.ROOT);
      if (o.equals("/v") || o.equals("/t") || o.equals("/d")) {
        opts.put(o, a.get(++i));
      } else {
        opts.put(o, "");
      }
    }
    switch (op) {
      case "query" -> {
        Map<String, String> v = registry.get(k);
        return v != null && (!opts.containsKey("/v") || v.containsKey(opts.get("/v"))) ? 0 : 1;
      }
      case "add" -> {
        Map<String, String> v = registry.computeIfAbsent(k, n -> new LinkedHashMap<>());
        if (opts.containsKey("/v")) {
          v.put(opts.get("/v"), opts.getOrDefault("/d", ""));
        }
        return 0;
      }
      case "delete" -> {
        if (!registry.containsKey(k)) {
          return 1;
        }
        if (opts.containsKey("/v")) {
          return registry.get(k).remove(opts.get("/v")) == null ? 1 : 0;
        }
        registry.keySet().removeIf(x -> x.equals(k) || x.startsWith(k + "\\"));
        return 0;
      }
      case "copy" -> {
        String to = norm(a.get(3));
        if (!registry.containsKey(k) || !opts.containsKey("/s")) {
          return 1;
        }
        for (String from : List.copyOf(registry.keySet())) {
          if (from.equals(k) || from.startsWith(k + "\\")) {
            registry.computeIfAbsent(to + from.substring(k.length()), n -> new LinkedHashMap<>())
                .putAll(registry.get(from));
          }
        }
        return 0;
      }
      case "compare" -> {
        // Microsoft Learn, reg compare: 0 identical, 2 different, 1 failed.
        Map<String, String> one = registry.get(k);
        Map<String, String> two = registry.get(norm(a.get(3)));
        if (one == null || two == null) {
          return 1;
        }
        String v = opts.get("/v");
        if (!one.containsKey(v) || !two.containsKey(v)) {
          return 1;
        }
        return one.get(v).equals(two.get(v)) ? 0 : 2;
      }
      default -> throw new AssertionError("reg " + op + " is not modelled: " + command);
    }
  }

  private static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return out;
  }

  private static String norm(String key) {
    return key.toUpperCase(Locale.ROOT);
  }
}
