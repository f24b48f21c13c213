package dev.rpcwall.compiler.host;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;

/**
 * Reads one command of another dialect met inside an input (a {@code netsh advfirewall} line in a
 * PowerShell script) and applies it to the host. {@code at} is where the command starts.
 */
@FunctionalInterface
public interface CommandLineReader {
  void read(String command, SourceSpan at, HostState host, List<HostNote> notes);
}
