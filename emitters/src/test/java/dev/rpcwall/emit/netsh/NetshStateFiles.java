package dev.rpcwall.emit.netsh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 */
public final class NetshStateFiles {
  private static final String KEY = "HKLM\\\\SOFTWARE\\\\rpcwall\\\\[a-z0-9-]+";
  private static final Pattern LOOP =
      Pattern.compile(
          "^for /f \"tokens=2,\\*\" %%A in \\('reg query \"" + KEY + "\\\\(rules|rules\\.new)\" 2\\^>nul"
              + " \\^\\| findstr /c:\" REG_SZ \"'\\) do netsh advfirewall firewall delete rule"
              + " name=\"([^\"%]*)%%B\" >nul 2>&1$");
  private static final Pattern CREATE =
      Pattern.compile("^reg add \"" + KEY + "\\\\(rules|rules\\.new)\" /f >nul$");
  private static final Pattern WRITE =
      Pattern.compile("^reg add \"" + KEY + "\\\\(rules|rules\\.new)\" /v (r[0-9]{4}) /t REG_SZ"
          + " /d \"([^\"]*)\" /f >nul$");
  private static final Pattern COPY =
      Pattern.compile("^reg copy \"" + KEY + "\\\\rules\\.new\" \"" + KEY + "\\\\rules\" /s /f >nul$");
  private static final Pattern DELETE =
      Pattern.compile("^reg delete \"" + KEY + "(\\\\rules|\\\\rules\\.new)?\" /f >nul( 2>&1)?$");
  private static final Pattern FOLDER = Pattern.compile("%ProgramData%\\\\rpcwall", Pattern.CASE_INSENSITIVE);
  private static final Pattern NOTICE =
      Pattern.compile("^if exist \"%ProgramData%\\\\rpcwall\\\\[a-z0-9-]+\" echo rpcwall: NOTE: [^&|<>]*$");

  /** The values of {@code rules}, or null when there is no such key. */
  private Map<String, String> listed;

  /** The values of {@code rules.new}, or null when there is no such key. */
  private Map<String, String> pending;

  /** Files a local user put in the folder, by name. */
  private final Map<String, String> planted = new TreeMap<>();

  /** Lines of scripts run so far that touch the folder other than to tell it is there. */
  private final List<String> folderUses = new ArrayList<>();

  /** No state: a host the policy was never applied to. */
  public NetshStateFiles() {}

  /** Another host in the same state. */
  public NetshStateFiles copy() {
    NetshStateFiles c = new NetshStateFiles();
    c.listed = listed == null ? null : new LinkedHashMap<>(listed);
    c.pending = pending == null ? null : new LinkedHashMap<>(pending);
    c.planted.putAll(planted);
    c.folderUses.addAll(folderUses);
    return c;
  }

  public List<String> listed() {
    return listed == null ? null : List.copyOf(listed.values());
  }

  public List<String> pending() {
    return pending == null ? null : List.copyOf(pending.values());
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
      Map<String, String> values = m.group(1).equals("rules") ? listed : pending;
      for (String n : values == null ? List.<String>of() : values.values()) {
        out.append("netsh advfirewall firewall delete rule name=\"")
            .append(m.group(2))
            .append(n)
            .append("\" >nul 2>&1\r\n");
      }
    }
    // split/append added one line end too many
    return out.substring(0, out.length() - 2);
  }

  /**
   * Changes the state as {@code script} does when it runs its lines before {@code stopAt} (a
   * zero-based line index; a failure there ends the run) or all of them.
   */
  public void run(String script, int stopAt) {
    String[] lines = script.split("\r\n", -1);
    for (int i = 0; i < lines.length && i < stopAt; i++) {
      String line = lines[i];
      if (FOLDER.matcher(line).find() && !NOTICE.matcher(line).matches()
          && !line.startsWith("rem ")) {
        folderUses.add(line);
      }
      Matcher c = CREATE.matcher(line);
      Matcher w = WRITE.matcher(line);
      Matcher d = DELETE.matcher(line);
      if (c.matches()) {
        if (c.group(1).equals("rules")) {
          listed = listed == null ? new LinkedHashMap<>() : listed;
        } else {
          pending = pending == null ? new LinkedHashMap<>() : pending;
        }
      } else if (w.matches()) {
        // reg add creates the key when it is missing.
        if (w.group(1).equals("rules")) {
          listed = listed == null ? new LinkedHashMap<>() : listed;
          listed.put(w.group(2), w.group(3));
        } else {
          pending = pending == null ? new LinkedHashMap<>() : pending;
          pending.put(w.group(2), w.group(3));
        }
      } else if (COPY.matcher(line).matches()) {
        // /s /f into a key deleted just before: the copy has the same values.
        if (pending != null) {
          listed = listed == null ? new LinkedHashMap<>() : listed;
          listed.putAll(pending);
        } else {
          return; // reg copy of a missing key fails
        }
      } else if (d.matches()) {
        if (d.group(1) == null) {
          listed = null;
          pending = null;
        } else if (d.group(1).equals("\\rules")) {
          listed = null;
        } else {
          pending = null;
        }
      }
    }
  }

  public void run(String script) {
    run(script, Integer.MAX_VALUE);
  }
}
