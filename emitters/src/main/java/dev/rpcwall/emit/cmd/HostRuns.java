package dev.rpcwall.emit.cmd;

import java.util.List;

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
}
