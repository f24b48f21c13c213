package dev.rpcwall.emit.host.registry;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.HostReader;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.source.SourceFile;
import java.util.List;

/**
 * Recognises a {@code .wfw} file, the binary registry hive {@code netsh advfirewall export}
 * writes (it starts with the hive signature {@code regf}), and refuses it with one note naming the
 * commands whose output rpcwall reads: reading a hive's cells is not done.
 */
public final class WfwReader implements HostReader {
  static final String MESSAGE =
      "this is a binary firewall policy export (netsh advfirewall export, a registry hive); rpcwall"
          + " does not read hives";
  static final String HINT =
      "on the host, run 'netsh advfirewall firewall show rule name=all verbose > rules.txt', or"
          + " 'reg export HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters"
          + "\\FirewallPolicy\\FirewallRules rules.reg', and lint that file";

  @Override
  public String format() {
    return "wfw";
  }

  @Override
  public int recognise(String text) {
    // HostInputs decodes bytes before readers see them: the four ASCII bytes of the signature
    // are the same chars under UTF-8 and Windows-1252.
    return text.startsWith("regf") ? 100 : 0;
  }

  @Override
  public void read(SourceFile file, HostState host, List<HostNote> notes) {
    notes.add(HostNote.unreadable(file.spanAt(0, Math.min(4, file.text().length())), MESSAGE, HINT));
  }
}
