package dev.rpcwall.emit.netsh;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the state files of a policy on a host ({@code rules.txt}, {@code rules.new} in
 * {@code %ProgramData%\rpcwall\<slug>}), so that a sequence of runs of emitted scripts can be read
 * back: {@link #expand} turns each {@code for /f} over a state file into the deletes it performs
 * for the names the file holds now, and {@link #run} changes the files as a run of a script does.
 * It interprets only the lines the netsh emitter writes for its state, by their exact form.
 */
public final class NetshStateFiles {
  private static final Pattern LOOP =
      Pattern.compile(
          "^if exist \"([^\"]*\\\\(rules\\.txt|rules\\.new))\" for /f \"usebackq delims=\" %%N in"
              + " \\(\"\\1\"\\) do netsh advfirewall firewall delete rule name=\"([^\"%]*)%%N\""
              + " >nul 2>&1$");
  private static final Pattern WRITE =
      Pattern.compile("^(>>?)\"[^\"]*\\\\rules\\.new\" echo ([^|]*)\\|\\| \\(.*$");
  private static final Pattern EMPTY = Pattern.compile("^>\"[^\"]*\\\\rules\\.new\" type nul .*$");
  private static final Pattern MOVE =
      Pattern.compile("^move /y \"[^\"]*\\\\rules\\.new\" \"[^\"]*\\\\rules\\.txt\" >nul .*$");
  private static final Pattern DELETE =
      Pattern.compile("^del \"[^\"]*\\\\(rules\\.txt|rules\\.new)\" >nul 2>&1$");

  /** The lines of {@code rules.txt}, or null when there is no such file. */
  private List<String> listed;

  /** The lines of {@code rules.new}, or null when there is no such file. */
  private List<String> pending;

  /** No state directory: a host the policy was never applied to. */
  public NetshStateFiles() {}

  public List<String> listed() {
    return listed == null ? null : List.copyOf(listed);
  }

  public List<String> pending() {
    return pending == null ? null : List.copyOf(pending);
  }

  /**
   * {@code script} with every {@code for /f} over a state file replaced by one delete per name the
   * file holds now (none when it does not exist), so the reader can follow it.
   */
  public String expand(String script) {
    StringBuilder out = new StringBuilder();
    for (String line : script.split("\r\n", -1)) {
      Matcher m = LOOP.matcher(line);
      if (!m.matches()) {
        out.append(line).append("\r\n");
        continue;
      }
      List<String> names = m.group(2).equals("rules.txt") ? listed : pending;
      for (String n : names == null ? List.<String>of() : names) {
        out.append("netsh advfirewall firewall delete rule name=\"")
            .append(m.group(3))
            .append(n)
            .append("\" >nul 2>&1\r\n");
      }
    }
    // split/append added one line end too many
    return out.substring(0, out.length() - 2);
  }

  /**
   * Changes the files as {@code script} does when it runs its lines before {@code stopAt} (a
   * zero-based line index; a failure there ends the run) or all of them.
   */
  public void run(String script, int stopAt) {
    String[] lines = script.split("\r\n", -1);
    for (int i = 0; i < lines.length && i < stopAt; i++) {
      String line = lines[i];
      Matcher w = WRITE.matcher(line);
      if (w.matches()) {
        if (w.group(1).equals(">") || pending == null) {
          pending = new ArrayList<>();
        }
        pending.add(w.group(2));
      } else if (EMPTY.matcher(line).matches()) {
        pending = new ArrayList<>();
      } else if (MOVE.matcher(line).matches()) {
        listed = pending;
        pending = null;
      } else {
        Matcher d = DELETE.matcher(line);
        if (d.matches()) {
          if (d.group(1).equals("rules.txt")) {
            listed = null;
          } else {
            pending = null;
          }
        }
      }
    }
  }

  public void run(String script) {
    run(script, Integer.MAX_VALUE);
  }
}
