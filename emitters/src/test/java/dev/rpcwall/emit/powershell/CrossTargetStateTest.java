package dev.rpcwall.emit.powershell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.emit.netsh.NetshEmitter;
import dev.rpcwall.emit.netsh.NetshStateFiles;
import dev.rpcwall.emit.powershell.PsHost.Outcome;
import dev.rpcwall.emit.powershell.PsHost.Run;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: one policy applied with one target and re-applied or rolled back with the other reads
 * the same state, because both write the layout of docs/targets/netsh.md and powershell.md
 * ("State"). The two host models ({@link NetshStateFiles}: registry keys and values as reg.exe
 * writes them; {@link PsHost}: state keys with owners, and the RPC key as one value) hold the
 * same host; {@link #toPs} and {@link #toNetsh} carry one into the other.
 */
class CrossTargetStateTest {
  private static final String NETSH_ROOT = "HKLM\\SOFTWARE\\rpcwall";
  private static final String RPC_VALUES = "Ports,PortsInternetAvailable,UseInternetPorts";

  /** Host settings only: the rules and their names are each target's own business. */
  private static ScriptInput input(String name, PortSet ports, boolean wmi) {
    RpcSettings rpc = new RpcSettings(Optional.ofNullable(ports), SourceSpan.at("p.rpcwall", 4, 3, 20),
        wmi ? OptionalInt.of(24158) : OptionalInt.empty(),
        wmi ? SourceSpan.at("p.rpcwall", 5, 3, 20) : SourceSpan.UNKNOWN);
    return PsFixtures.input(PsFixtures.policy(name, Optional.empty()), new WfasRuleSet(List.of(), rpc));
  }

  private static final ScriptInput POLICY =
      input("Branch servers", PortSet.of(List.of(PortRange.of(5001, 5021), PortRange.of(5100, 5120))), true);

  private static String netsh(ScriptInput in, int file) {
    EmittedFile f = new NetshEmitter().emit(in).get(file);
    return new String(f.bytes(), StandardCharsets.US_ASCII);
  }

  private static String ps(ScriptInput in, int file) {
    return PsFixtures.decode(new PowerShellEmitter().emit(in).get(file));
  }

  /** The RPC key's values as PsHost holds them: one string (rpcwall's own range as "a-b,c-d"). */
  private static String encode(Map<String, String> values) {
    if (values == null) {
      return null;
    }
    if (values.keySet().equals(java.util.Set.of(RPC_VALUES.split(",")))
        && "Y".equals(values.get("PortsInternetAvailable")) && "Y".equals(values.get("UseInternetPorts"))) {
      return values.get("Ports").replace("\\0", ",");
    }
    return new TreeMap<>(values).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(";"));
  }

  private static Map<String, String> decode(String rpc) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rpc.contains("=")) {
      for (String part : rpc.split(";")) {
        out.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
      }
    } else {
      out.put("Ports", rpc.replace(",", "\\0"));
      out.put("PortsInternetAvailable", "Y");
      out.put("UseInternetPorts", "Y");
    }
    return out;
  }

  private static boolean holdsRpcValues(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.endsWith("\\" + PsRuntime.BACKUP_KEY) || k.endsWith("\\" + PsRuntime.WRITTEN_KEY);
  }

  /** The netsh model's host as PsHost sees it (keys reg.exe made are Administrators' own). */
  static PsHost toPs(NetshStateFiles netsh) {
    PsHost h = new PsHost();
    h.rpc = encode(netsh.key(NetshStateFiles.RPC));
    h.wmiStandalone = netsh.wmiStandalone();
    for (Map.Entry<String, Map<String, String>> e : netsh.registry().entrySet()) {
      String key = e.getKey();
      if (!key.equals(NETSH_ROOT.toUpperCase(Locale.ROOT))
          && !key.startsWith(NETSH_ROOT.toUpperCase(Locale.ROOT) + "\\")) {
        continue;
      }
      String path = "HKLM:" + key.substring("HKLM".length()).toLowerCase(Locale.ROOT);
      Map<String, String> values = holdsRpcValues(path) ? Map.of("Ports", encode(e.getValue())) : e.getValue();
      h.adminKey(path, values);
    }
    // A key exists whenever a key under it does (reg add creates the path).
    for (String path : List.copyOf(h.keys.keySet())) {
      for (int i = path.lastIndexOf('\\'); i >= PsHost.ROOT.length(); i = path.lastIndexOf('\\', i - 1)) {
        h.keys.putIfAbsent(path.substring(0, i), new PsHost.Key(PsHost.ADMINS, PsHost.TRUSTED, Map.of()));
      }
    }
    return h;
  }

  /** PsHost's host as the netsh model sees it (keys without values are left out: reg reads them alike). */
  static NetshStateFiles toNetsh(PsHost ps) {
    NetshStateFiles n = new NetshStateFiles();
    n.wmiStandalone(ps.wmiStandalone);
    if (ps.rpc != null) {
      decode(ps.rpc).forEach((name, data) -> n.setValue(NetshStateFiles.RPC, name, data));
    }
    ps.keys.forEach((path, key) -> {
      String k = "HKLM" + path.substring("HKLM:".length());
      Map<String, String> values = holdsRpcValues(k) && key.values().containsKey("Ports")
          ? decode(key.values().get("Ports")) : key.values();
      values.forEach((name, data) -> n.setValue(k, name, data));
    });
    return n;
  }

  /** Keys with values: an empty key reads like a missing one to every script here. */
  private static Map<String, Map<String, String>> view(NetshStateFiles n) {
    Map<String, Map<String, String>> out = new TreeMap<>(n.registry());
    out.values().removeIf(Map::isEmpty);
    return out;
  }

  /** The state PsHost still holds: keys with values (netsh's own empty rule lists aside). */
  private static Map<String, Map<String, String>> view(PsHost h) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    h.keys.forEach((k, v) -> {
      if (!v.values().isEmpty()) {
        out.put(k, v.values());
      }
    });
    return out;
  }

  private static NetshStateFiles original() {
    NetshStateFiles n = new NetshStateFiles();
    n.setValue(NetshStateFiles.RPC, "Ports", "4000-4100");
    n.setValue(NetshStateFiles.RPC, "PortsInternetAvailable", "Y");
    n.setValue(NetshStateFiles.RPC, "UseInternetPorts", "N");
    return n;
  }

  private static void runPs(PsHost host, String script) {
    Run run = new Run(host, Integer.MAX_VALUE);
    assertThat(run.execute(script)).as(run.error).isEqualTo(Outcome.DONE);
    assertThat(run.warnings).filteredOn(w -> !w.startsWith("wmi held")).isEmpty();
  }

  @Test
  void bridge_carriesAHostBothWays() {
    NetshStateFiles n = original();
    n.run(netsh(POLICY, 0));
    assertThat(view(toNetsh(toPs(n)))).isEqualTo(view(n));
  }

  @Test
  void appliedWithNetsh_rolledBackWithPowerShell_leavesTheHostAsItWas() {
    NetshStateFiles before = original();
    NetshStateFiles n = before.copy();
    n.run(netsh(POLICY, 0));
    assertThat(n.wmiStandalone()).isTrue();

    PsHost host = toPs(n);
    runPs(host, ps(POLICY, 1));
    assertThat(host.rpc).isEqualTo(encode(before.key(NetshStateFiles.RPC)));
    assertThat(host.wmiStandalone).isFalse();
    assertThat(view(host)).isEmpty();
  }

  @Test
  void appliedWithPowerShell_rolledBackWithNetsh_leavesTheHostAsItWas() {
    NetshStateFiles before = original();
    PsHost host = toPs(before);
    runPs(host, ps(POLICY, 0));
    assertThat(host.rpc).isEqualTo("5001-5021,5100-5120");

    NetshStateFiles n = toNetsh(host);
    n.run(netsh(POLICY, 1));
    assertThat(n.warnings()).isEmpty();
    assertThat(view(n)).isEqualTo(view(before));
  }

  @Test
  void reappliedWithTheOtherTarget_keepsTheFirstRecord_andEitherRollbackRestoresTheOriginal() {
    NetshStateFiles before = original();
    // netsh first, PowerShell again, netsh rolls back
    NetshStateFiles n = before.copy();
    n.run(netsh(POLICY, 0));
    PsHost host = toPs(n);
    runPs(host, ps(POLICY, 0));
    NetshStateFiles back = toNetsh(host);
    back.run(netsh(POLICY, 1));
    assertThat(back.warnings()).isEmpty();
    assertThat(view(back)).isEqualTo(view(before));

    // PowerShell first, netsh again, PowerShell rolls back
    PsHost first = toPs(before);
    runPs(first, ps(POLICY, 0));
    NetshStateFiles again = toNetsh(first);
    again.run(netsh(POLICY, 0));
    PsHost last = toPs(again);
    runPs(last, ps(POLICY, 1));
    assertThat(view(toNetsh(last))).isEqualTo(view(before));
  }

  @Test
  void versionWithoutHostSettings_withTheOtherTarget_putsTheHostBack() {
    NetshStateFiles before = original();
    ScriptInput none = input("Branch servers", null, false);
    NetshStateFiles n = before.copy();
    n.run(netsh(POLICY, 0));
    PsHost host = toPs(n);
    runPs(host, ps(none, 0));
    assertThat(view(toNetsh(host))).isEqualTo(view(before));

    PsHost p = toPs(before);
    runPs(p, ps(POLICY, 0));
    NetshStateFiles m = toNetsh(p);
    m.run(netsh(none, 0));
    m.run(netsh(none, 1));
    assertThat(m.warnings()).isEmpty();
    assertThat(view(m)).isEqualTo(view(before));
  }
}
