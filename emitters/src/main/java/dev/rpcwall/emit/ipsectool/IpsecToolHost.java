package dev.rpcwall.emit.ipsectool;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A host model for the ipsecpol / ipseccmd scripts: the scripts that ran on one host, one after
 * the other, as one script that {@link IpsecToolReader} reads into the store they leave. Each
 * script's successful end ({@code exit /b 0}) goes on to the next script; a script can be cut at
 * a line, as if the run stopped there (a failure, a power loss). The reader knows the state values
 * the scripts write under HKLM\SOFTWARE\rpcwall, so a later script reads what an earlier one left.
 */
public final class IpsecToolHost {
  private IpsecToolHost() {}

  /** A script's text (CRLF) and the 0-based line where its run stops, or -1 to run to the end. */
  public record Run(String text, int stopAtLine) {
    public static Run whole(String text) {
      return new Run(text, -1);
    }
  }

  /** The runs as one script. */
  public static String sequence(List<Run> runs) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < runs.size(); k++) {
      String next = "rpcwall_host_next_" + k;
      String[] lines = runs.get(k).text().split("\r\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        if (i == runs.get(k).stopAtLine() || line.trim().equalsIgnoreCase("exit /b 0")) {
          line = "goto " + next;
        }
        if (!line.isEmpty() || i < lines.length - 1) {
          out.append(line).append("\r\n");
        }
      }
      out.append(':').append(next).append("\r\n");
    }
    out.append("exit /b 0\r\n");
    return out.toString();
  }

  /**
   * The runs of the rollback proof ({@code IpsecRollbackHost}) as one script: {@code others}, then
   * with the state kept a run of {@code apply} stopped at the middle one of its {@code commands}
   * (0-based lines) and {@code apply} in full, or with the state lost {@code apply} in full and
   * {@code forget}; then {@code rollback}.
   */
  public static String applyThenRollback(String others, String apply, List<Integer> commands,
      boolean stateKept, String forget, String rollback) {
    List<Run> runs = new ArrayList<>();
    runs.add(Run.whole(others));
    if (stateKept) {
      if (!commands.isEmpty()) {
        runs.add(new Run(apply, commands.get(commands.size() / 2)));
      }
      runs.add(Run.whole(apply));
    } else {
      runs.add(Run.whole(apply));
      runs.add(Run.whole(forget));
    }
    runs.add(Run.whole(rollback));
    return sequence(runs);
  }

  /**
   * A script that deletes {@code values} of {@code key}, as a clean-up by hand that loses the
   * state would ({@code reg delete}, which the readers model).
   */
  public static String deleteValues(String key, String... values) {
    StringBuilder out = new StringBuilder("@echo off\r\n");
    for (String v : values) {
      out.append("reg delete \"").append(key).append("\" /v ").append(v).append(" /f >nul 2>&1\r\n");
    }
    return out.append("exit /b 0\r\n").toString();
  }

  /**
   * A script that creates the other owners' objects: {@code create} gives the commands (CRLF
   * lines) for one name and its double-quoted form.
   */
  public static String foreignScript(List<String> foreign, BiFunction<String, String, String> create) {
    StringBuilder out = new StringBuilder("@echo off\r\n");
    for (String name : foreign) {
      if (name.indexOf('"') >= 0) {
        throw new IllegalStateException("a foreign name with a quote cannot be created: " + name);
      }
      out.append(create.apply(name, "\"" + name + "\""));
    }
    return out.append("exit /b 0\r\n").toString();
  }

  /** 0-based indexes of the lines that run {@code tool}. */
  public static List<Integer> toolLines(IpsecTool tool, String text) {
    List<Integer> out = new ArrayList<>();
    String[] lines = text.split("\r\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(tool.program() + " ")) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * An administrator's own policy {@code name} (one BLOCK rule for TCP 445 from any), assigned
   * when {@code assign}: a foreign policy no rpcwall script may touch.
   */
  public static String foreignPolicy(IpsecTool tool, String name, boolean assign) {
    String cmd = tool.program() + " -w REG -p \"" + name + "\"";
    return "@echo off\r\n" + cmd + " -r \"Admin block 445\" -f *=0:445:TCP -n BLOCK\r\n"
        + (assign ? cmd + " -x\r\n" : "") + "exit /b 0\r\n";
  }
}
