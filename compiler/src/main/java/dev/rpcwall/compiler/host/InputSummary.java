package dev.rpcwall.compiler.host;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One input file as lint reports it ({@code files[]} of the JSON output): its name as given, the
 * format it was read as, how many rules it left on the host, and what could not be read.
 */
public record InputSummary(String file, String format, int rules, List<HostNote> unreadable) {
  public InputSummary {
    requireNonNull(file, "file");
    requireNonNull(format, "format");
    unreadable = List.copyOf(unreadable);
  }
}
