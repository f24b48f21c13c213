package dev.rpcwall.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.emit.netsh.NetshReader;
import dev.rpcwall.emit.powershell.PowerShellReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The netsh and the PowerShell reader read the RPC registry values alike (issue 11 point 8):
 * PortsInternetAvailable and UseInternetPorts are {@code Y}/{@code N} in any case
 * (windows-semantics.md 6.1), and only {@code Y} with {@code Y} makes {@code Ports} the range.
 */
class ReadersAgreeOnRpcValuesTest {
  private static final List<String> VALUES = List.of("Y", "y", "N", "n", "yes", "1");

  /** The dynamic range read, empty when the reader refused the values (an error). */
  private static Optional<PortSet> outcome(Result<WfasRuleSet> r) {
    if (r.diagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
      return Optional.empty();
    }
    assertThat(r.diagnostics()).extracting(Diagnostic::code).isEmpty();
    return r.orElseThrow().rpc().dynamicPorts();
  }

  /** One registry write of the RPC key in a dialect: value name, multi-string or not, data. */
  private interface Write {
    String line(String name, boolean multi, String data);
  }

  private static String script(Write w, String available, String use) {
    return w.line("Ports", true, "5001-5021") + w.line("PortsInternetAvailable", false, available)
        + w.line("UseInternetPorts", false, use);
  }

  private static Optional<PortSet> netsh(String available, String use) {
    Write reg = (name, multi, data) -> "reg add \"HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet\" /v "
        + name + " /t " + (multi ? "REG_MULTI_SZ" : "REG_SZ") + " /d " + data + " /f\n";
    return outcome(new NetshReader().read(new SourceFile("a.cmd", script(reg, available, use))));
  }

  private static Optional<PortSet> powershell(String available, String use) {
    Write item = (name, multi, data) -> "New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet'"
        + " -Name " + name + " -PropertyType " + (multi ? "MultiString" : "String")
        + " -Value '" + data + "'\n";
    return outcome(new PowerShellReader().read(new SourceFile("a.ps1", script(item, available, use))));
  }

  @Test
  void everyPairOfValues_bothReadersAgree_yInAnyCaseIsY() {
    for (String available : VALUES) {
      for (String use : VALUES) {
        Optional<PortSet> n = netsh(available, use);
        Optional<PortSet> p = powershell(available, use);
        String what = available + "/" + use;
        assertThat(p).as(what).isEqualTo(n);
        boolean yes = available.equalsIgnoreCase("Y") && use.equalsIgnoreCase("Y");
        assertThat(n).as(what).isEqualTo(yes ? Optional.of(PortSet.of(5001, 5021)) : Optional.empty());
      }
    }
  }
}
