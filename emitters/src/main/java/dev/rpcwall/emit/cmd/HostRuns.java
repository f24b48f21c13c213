package dev.rpcwall.emit.cmd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A host model for the cmd.exe targets' rollback proofs: the scripts that ran on one host, one
 * after the other, as one script a reader reads into what they leave. Each script's successful end
 * ({@code exit /b 0}) goes on to the next script; a script can be cut at a line, as if the run
 * stopped there (a failure, a power loss). A reader that knows the state values the scripts write
 * under HKLM\SOFTWARE\rpcwall then reads what an earlier run left in a later one.
 */
public final class HostRuns {
  private HostRuns() {}

  /** A script's text (CRLF) and the 0-based line where its run stops, or -1 to run to the end. */
  public record Run(String text, int stopAtLine) {
    public static Run whole(String text) {
      return new Run(text, -1);
    }
  }

  /**
   * The runs as one script: a cut line and every {@code exit /b 0} become a {@code goto} to a label
   * {@code rpcwall_host_next_K} after run K (a name the scripts do not use).
   */
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
   * The legacy IPsec rollback proof's host, as one script: {@code others} (the other owners'
   * objects); with the state kept, an earlier run of {@code apply} stopped at its middle line that
   * starts with {@code command} (when it has one), then {@code apply} in full; with the state
   * lost, {@code apply} in full, then {@code stateLost}; then {@code rollback}.
   */
  public static String applyThenRollback(String others, String apply, String command,
      boolean stateKept, String stateLost, String rollback) {
    List<Run> runs = new ArrayList<>();
    runs.add(Run.whole(others));
    if (stateKept) {
      List<Integer> lines = linesStartingWith(apply, command);
      if (!lines.isEmpty()) {
        runs.add(new Run(apply, lines.get(lines.size() / 2)));
      }
      runs.add(Run.whole(apply));
    } else {
      runs.add(Run.whole(apply));
      runs.add(Run.whole(stateLost));
    }
    runs.add(Run.whole(rollback));
    return sequence(runs);
  }

  /** 0-based indexes of the lines of {@code text} (CRLF) that start with {@code start}. */
  public static List<Integer> linesStartingWith(String text, String start) {
    List<Integer> out = new ArrayList<>();
    String[] lines = text.split("\r\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(start)) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * A script that creates the other owners' objects: {@code lines} of each of the {@code names}
   * (CRLF-ended), given the name and the name in double quotes. A name with a quote is a bug.
   */
  public static String foreign(List<String> names, BiFunction<String, String, String> lines) {
    StringBuilder out = new StringBuilder("@echo off\r\n");
    for (String name : names) {
      if (name.indexOf('"') >= 0) {
        throw new IllegalStateException("a foreign name with a quote cannot be created: " + name);
      }
      out.append(lines.apply(name, "\"" + name + "\""));
    }
    return out.append("exit /b 0\r\n").toString();
  }

  /**
   * A script that deletes the state values {@code values} of state key {@code key}, as a clean-up
   * by hand would: the state lost.
   */
  public static String stateLost(String key, String... values) {
    StringBuilder out = new StringBuilder("@echo off\r\n");
    for (String value : values) {
      out.append("reg delete \"").append(key).append("\" /v ").append(value)
          .append(" /f >nul 2>&1\r\n");
    }
    return out.append("exit /b 0\r\n").toString();
  }
}
