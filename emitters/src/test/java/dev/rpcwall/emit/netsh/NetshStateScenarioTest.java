package dev.rpcwall.emit.netsh;

import static dev.rpcwall.emit.netsh.NetshFixtures.input;
import static dev.rpcwall.emit.netsh.NetshFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.Slug;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs of apply and rollback scripts one after another on one simulated host: the rules on the host
 * are added in front of each script, the state files are simulated by {@link NetshStateFiles}, and
 * the reader says what the host holds afterwards.
 */
class NetshStateScenarioTest {
  private static final String POLICY = "Block RPC Ports";

  /** Rules of this policy and of another tool on one host, and the policy's state files. */
  private static final class Host {
    final List<WfasRule> rules = new ArrayList<>();
    final NetshStateFiles state = new NetshStateFiles();

    Host() {
      rules.add(NetshFixtures.rule("other tool rule", RuleAction.BLOCK, 6, PortSet.of(445),
          NetshFixtures.remote("10.9.9.9"), Set.of(), Optional.empty()));
    }

    void run(EmittedFile script) {
      run(script, Integer.MAX_VALUE);
    }

    /** Runs the lines of {@code script} before line index {@code stopAt}, where it fails. */
    void run(EmittedFile script, int stopAt) {
      List<String> lines = text(script).lines().toList();
      String ran = String.join("\r\n", lines.subList(0, Math.min(stopAt, lines.size()))) + "\r\n";
      StringBuilder text = new StringBuilder();
      for (WfasRule r : rules) {
        text.append(NetshEmitter.addLine(r)).append("\r\n");
      }
      text.append(state.expand(ran));
      Result<WfasRuleSet> read = NetshFixtures.read("host.cmd", text.toString());
      // The rollback's restore of the saved RPC values is the one thing the reader says it
      // cannot see (a warning); nothing else may be reported.
      assertThat(read.diagnostics()).as("reading %s", script.name())
          .filteredOn(d -> !d.code().equals(dev.rpcwall.compiler.diag.Codes.NETSH_READ_EXTERNAL))
          .isEmpty();
      rules.clear();
      rules.addAll(read.orElseThrow().rules());
      state.run(ran);
    }

    List<String> names() {
      return rules.stream().map(WfasRule::displayName).toList();
    }
  }

  private static List<EmittedFile> version(PortSet ports) {
    WfasRuleSet classic = NetshFixtures.classic(POLICY);
    String label = ports.toString();
    List<WfasRule> rules = new ArrayList<>();
    for (WfasRule r : classic.rules()) {
      String action = r.action() == RuleAction.ALLOW ? "allow" : "block";
      rules.add(NetshFixtures.rule(NetshFixtures.name(POLICY, action + "-tcp-" + label), r.action(),
          6, ports, r.remoteAddresses(), Set.of(), r.description()));
    }
    WfasRuleSet set = new WfasRuleSet(rules, RpcSettings.NONE);
    return new NetshEmitter().emit(input(policy(POLICY, Optional.empty(), RpcSettings.NONE), set));
  }

  private static final List<EmittedFile> V1 =
      version(PortSet.of(List.of(PortRange.of(135), PortRange.of(5001, 5021))));
  private static final List<EmittedFile> V2 =
      version(PortSet.of(List.of(PortRange.of(135), PortRange.of(6001, 6021))));

  private static String text(EmittedFile f) {
    return new String(f.bytes(), StandardCharsets.US_ASCII);
  }

  private static List<String> added(EmittedFile apply) {
    return NetshFixtures.read(apply).orElseThrow().rules().stream().map(WfasRule::displayName).toList();
  }

  private static int lineOfAdd(EmittedFile apply, int n) {
    List<String> lines = text(apply).lines().toList();
    int seen = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("netsh advfirewall firewall add rule ") && seen++ == n) {
        return i;
      }
    }
    throw new AssertionError("no add number " + n);
  }

  private static String suffix(String name) {
    return name.substring(NetshFixtures.name(POLICY, "").length());
  }

  @Test
  void apply_firstRun_addsTheRulesAndRecordsTheirNames() {
    Host host = new Host();
    host.run(V1.get(0));
    assertThat(host.names()).containsExactlyInAnyOrderElementsOf(plus("other tool rule", added(V1.get(0))));
    assertThat(host.state.listed()).containsExactlyInAnyOrderElementsOf(added(V1.get(0)).stream().map(
        NetshStateScenarioTest::suffix).toList());
    assertThat(host.state.pending()).isNull();
  }

  @Test
  void apply_sameVersionAgain_sameRules() {
    Host host = new Host();
    host.run(V1.get(0));
    List<String> once = host.names();
    host.run(V1.get(0));
    assertThat(host.names()).containsExactlyInAnyOrderElementsOf(once);
  }

  @Test
  void apply_changedPolicy_removesTheRulesOfTheEarlierVersion() {
    assertThat(added(V1.get(0))).doesNotContainAnyElementsOf(added(V2.get(0)));
    Host host = new Host();
    host.run(V1.get(0));
    host.run(V2.get(0));
    assertThat(host.names()).containsExactlyInAnyOrderElementsOf(plus("other tool rule", added(V2.get(0))));

    // Without the state (the names of the earlier run), the earlier rules would stay.
    Host forgetful = new Host();
    forgetful.run(V1.get(0));
    Host fresh = new Host();
    fresh.rules.clear();
    fresh.rules.addAll(forgetful.rules);
    fresh.run(V2.get(0));
    assertThat(fresh.names()).containsAll(added(V1.get(0)));
  }

  @Test
  void apply_failedRun_keepsTheListAndTheNextRunAndRollbackCleanUp() {
    Host host = new Host();
    host.run(V1.get(0));
    List<String> v1Listed = host.state.listed();
    // The second version fails at its second add: its first rule is on the host.
    host.run(V2.get(0), lineOfAdd(V2.get(0), 1));
    assertThat(host.names()).containsExactlyInAnyOrder("other tool rule", added(V2.get(0)).get(0));
    assertThat(host.state.listed()).isEqualTo(v1Listed);
    assertThat(host.state.pending()).hasSize(added(V2.get(0)).size());

    // Going back to the first version removes the half-applied second one too.
    host.run(V1.get(0));
    assertThat(host.names()).containsExactlyInAnyOrderElementsOf(plus("other tool rule", added(V1.get(0))));
    assertThat(host.state.pending()).isNull();
  }

  @Test
  void rollback_afterAFailedRun_removesEverything() {
    Host host = new Host();
    host.run(V1.get(0));
    host.run(V2.get(0), lineOfAdd(V2.get(0), 1));
    host.run(V1.get(1));
    assertThat(host.names()).containsExactly("other tool rule");
    assertThat(host.state.listed()).isNull();
    assertThat(host.state.pending()).isNull();
  }

  @Test
  void rollback_ofEitherVersionAfterAChangedPolicy_removesTheRulesOnTheHost() {
    for (EmittedFile rollback : List.of(V1.get(1), V2.get(1))) {
      Host host = new Host();
      host.run(V1.get(0));
      host.run(V2.get(0));
      host.run(rollback);
      assertThat(host.names()).as(rollback.name()).containsExactly("other tool rule");
      assertThat(host.state.listed()).isNull();
    }
  }

  /**
   * Issue 11 point 1: a local user plants a rule list and an RPC "backup" (arbitrary HKLM writes
   * for reg import) in %ProgramData%\rpcwall\<slug> before the first run. Every apply and
   * rollback, with and without RPC settings, leaves the host exactly as on a clean host, and no
   * line of them uses the folder for anything but saying it is there.
   */
  @Test
  void plantedStateInProgramData_neverRead() {
    List<EmittedFile> rpc = new NetshEmitter().emit(NetshFixtures.classicInput());
    List<List<EmittedFile>> sequence = List.of(
        List.of(V1.get(0)), List.of(V2.get(0)), List.of(V1.get(1)), List.of(rpc.get(0)),
        List.of(V1.get(0)), List.of(rpc.get(1)));
    Host clean = new Host();
    Host planted = new Host();
    planted.state.plantAsUser("rules.txt", "allow-tcp-135\r\n");
    planted.state.plantAsUser("rpc-backup.reg", "Windows Registry Editor Version 5.00\r\n\r\n"
        + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run]\r\n"
        + "\"x\"=\"C:\\\\Users\\\\Public\\\\x.exe\"\r\n");
    for (List<EmittedFile> step : sequence) {
      clean.run(step.get(0));
      planted.run(step.get(0));
      assertThat(planted.names()).as(step.get(0).name()).isEqualTo(clean.names());
      assertThat(planted.state.listed()).isEqualTo(clean.state.listed());
    }
    assertThat(planted.state.folderUses()).isEmpty();
    assertThat(planted.state.planted()).hasSize(2);
  }

  // Issue 11 point 2: the RPC key is host-global
  // =============================================

  private static List<EmittedFile> rpcPolicy(String name, PortSet dynamic) {
    WfasRuleSet classic = NetshFixtures.classic(name);
    WfasRuleSet set = new WfasRuleSet(classic.rules(), NetshFixtures.rpc(dynamic, false));
    return new NetshEmitter().emit(input(policy(name, Optional.empty(), set.rpc()), set));
  }

  private static final List<EmittedFile> A = rpcPolicy("Policy A", PortSet.of(5001, 5021));
  private static final List<EmittedFile> B = rpcPolicy("Policy B", PortSet.of(6001, 6021));

  /** The RPC values a host had before rpcwall. */
  private static Host hostWithOriginalRpc() {
    Host host = new Host();
    host.state.setValue(NetshStateFiles.RPC, "Ports", "4000-4100");
    host.state.setValue(NetshStateFiles.RPC, "PortsInternetAvailable", "Y");
    host.state.setValue(NetshStateFiles.RPC, "UseInternetPorts", "N");
    return host;
  }

  private static Map<String, String> rpcOf(Host host) {
    return host.state.key(NetshStateFiles.RPC);
  }

  @Test
  void rollback_rpc_restoresOnlyWhileTheValuesAreStillThisPolicys() {
    Host host = hostWithOriginalRpc();
    Map<String, String> original = rpcOf(host);
    host.run(A.get(0));
    Map<String, String> writtenByA = rpcOf(host);
    assertThat(writtenByA.get("Ports")).isEqualTo("5001-5021");
    host.run(B.get(0));
    Map<String, String> writtenByB = rpcOf(host);
    assertThat(writtenByB.get("Ports")).isEqualTo("6001-6021");

    // A's rollback finds B's values: it leaves them, and keeps its backup, with a warning.
    host.run(A.get(1));
    assertThat(rpcOf(host)).isEqualTo(writtenByB);
    assertThat(host.state.warnings()).hasSize(1);
    assertThat(host.state.keysUnder("HKLM\\SOFTWARE\\rpcwall\\" + Slug.of("Policy A")))
        .isNotEmpty();
    assertThat(host.names()).containsExactlyInAnyOrderElementsOf(plus("other tool rule", added(B.get(0))));

    // B's rollback puts back what B found (A's values); A's rollback, run again, the original.
    host.run(B.get(1));
    assertThat(rpcOf(host)).isEqualTo(writtenByA);
    host.run(A.get(1));
    assertThat(rpcOf(host)).isEqualTo(original);
    assertThat(host.state.warnings()).hasSize(1);
    assertThat(host.state.keysUnder("HKLM\\SOFTWARE\\rpcwall")).isEmpty();
    assertThat(host.names()).containsExactly("other tool rule");
  }

  @Test
  void rollback_rpc_inReverseOrder_restoresTheOriginal() {
    Host host = hostWithOriginalRpc();
    Map<String, String> original = rpcOf(host);
    host.run(A.get(0));
    host.run(B.get(0));
    host.run(B.get(1));
    host.run(A.get(1));
    assertThat(rpcOf(host)).isEqualTo(original);
    assertThat(host.state.warnings()).isEmpty();
    assertThat(host.state.keysUnder("HKLM\\SOFTWARE\\rpcwall")).isEmpty();
  }

  @Test
  void rollback_rpc_keyAbsentBefore_deletedOnlyWhileStillOurs() {
    Host host = new Host();
    host.run(A.get(0));
    host.run(A.get(1));
    assertThat(rpcOf(host)).isNull();

    // An admin changes the range after the apply: the rollback leaves it.
    host.run(A.get(0));
    host.state.setValue(NetshStateFiles.RPC, "Ports", "7000-7100");
    host.run(A.get(1));
    assertThat(rpcOf(host)).containsEntry("Ports", "7000-7100");
    assertThat(host.state.warnings()).hasSize(1);
  }

  // Issue 11 point 12: host settings follow the policy
  // ===================================================

  private static List<EmittedFile> replacing(String name, PortSet dynamic, String... replaced) {
    WfasRuleSet classic = NetshFixtures.classic(name);
    RpcSettings rpc = dynamic == null ? RpcSettings.NONE : NetshFixtures.rpc(dynamic, false);
    WfasRuleSet set = new WfasRuleSet(classic.rules(), rpc);
    Policy p = policy(name, Optional.empty(), rpc);
    Policy withReplaces = new Policy(p.name(), p.nameOrigin(), p.description(),
        p.descriptionOrigin(), p.rules(), p.defaultAction(), p.defaultOrigin(), p.rpc(),
        p.sourceName(),
        java.util.Arrays.stream(replaced).map(r -> new Policy.Replaced(r, SourceSpan.UNKNOWN)).toList());
    return new NetshEmitter().emit(input(withReplaces, set));
  }

  @Test
  void apply_versionWithoutRpc_putsTheHostsValuesBack() {
    Host host = hostWithOriginalRpc();
    Map<String, String> original = rpcOf(host);
    host.run(A.get(0));
    host.run(replacing("Policy A", null).get(0));
    assertThat(rpcOf(host)).isEqualTo(original);
    assertThat(host.state.keysUnder("HKLM\\SOFTWARE\\rpcwall\\" + Slug.of("Policy A") + "\\rpc-backup"))
        .isEmpty();
    assertThat(host.state.warnings()).isEmpty();

    // Key absent before: deleted again.
    Host bare = new Host();
    bare.run(A.get(0));
    bare.run(replacing("Policy A", null).get(0));
    assertThat(rpcOf(bare)).isNull();
  }

  @Test
  void apply_versionWithoutRpc_leavesValuesThatAreNoLongerItsOwn() {
    Host host = hostWithOriginalRpc();
    host.run(A.get(0));
    host.run(B.get(0));
    Map<String, String> writtenByB = rpcOf(host);
    host.run(replacing("Policy A", null).get(0));
    assertThat(rpcOf(host)).isEqualTo(writtenByB);
    assertThat(host.state.warnings()).hasSize(1);
    // The backup stays for later: once B is rolled back, A's values are A's again.
    host.run(B.get(1));
    host.run(replacing("Policy A", null).get(0));
    assertThat(rpcOf(host)).containsEntry("Ports", "4000-4100");
  }

  @Test
  void apply_replacingPolicy_removesTheOldRulesAndTakesOverItsRpcBackup() {
    Host host = hostWithOriginalRpc();
    Map<String, String> original = rpcOf(host);
    host.run(A.get(0));
    List<EmittedFile> renamed = replacing("Policy C", PortSet.of(6001, 6021), "Policy A");
    host.run(renamed.get(0));
    assertThat(host.names()).containsExactlyInAnyOrderElementsOf(plus("other tool rule", added(renamed.get(0))));
    assertThat(host.state.keysUnder("HKLM\\SOFTWARE\\rpcwall\\" + Slug.of("Policy A"))).isEmpty();
    assertThat(rpcOf(host)).containsEntry("Ports", "6001-6021");
    host.run(renamed.get(1));
    assertThat(rpcOf(host)).isEqualTo(original);
    assertThat(host.names()).containsExactly("other tool rule");
    assertThat(host.state.keysUnder("HKLM\\SOFTWARE\\rpcwall")).isEmpty();
  }

  @Test
  void apply_replacingPolicyWithoutRpc_putsTheReplacedPolicysValuesBack() {
    Host host = hostWithOriginalRpc();
    Map<String, String> original = rpcOf(host);
    host.run(A.get(0));
    List<EmittedFile> renamed = replacing("Policy C", null, "Policy A");
    host.run(renamed.get(0));
    assertThat(rpcOf(host)).isEqualTo(original);
    assertThat(host.names()).containsExactlyInAnyOrderElementsOf(plus("other tool rule", added(renamed.get(0))));
    host.run(renamed.get(1));
    assertThat(host.state.keysUnder("HKLM\\SOFTWARE\\rpcwall")).isEmpty();
  }

  @Test
  void apply_replacingPolicyWithItsOwnBackup_keepsItsOwnAndLeavesTheOldBackup() {
    Host host = hostWithOriginalRpc();
    Map<String, String> original = rpcOf(host);
    List<EmittedFile> c = replacing("Policy C", PortSet.of(6001, 6021));
    host.run(c.get(0));
    host.run(A.get(0)); // A saves C's values
    List<EmittedFile> renamed = replacing("Policy C", PortSet.of(6001, 6021), "Policy A");
    host.run(renamed.get(0));
    assertThat(host.names()).containsExactlyInAnyOrderElementsOf(plus("other tool rule", added(renamed.get(0))));
    assertThat(host.state.keysUnder("HKLM\\SOFTWARE\\rpcwall\\" + Slug.of("Policy A") + "\\rules"))
        .isEmpty();
    assertThat(host.state.key("HKLM\\SOFTWARE\\rpcwall\\" + Slug.of("Policy A") + "\\rpc-backup"))
        .isNotNull();
    host.run(renamed.get(1));
    assertThat(rpcOf(host)).isEqualTo(original);
  }

  // Issue 11 point 12: WMI's host follows the policy
  // ================================================

  private static List<EmittedFile> wmiPolicy(String name, boolean wmi) {
    WfasRuleSet classic = NetshFixtures.classic(name);
    RpcSettings rpc = wmi ? NetshFixtures.rpc(null, true) : RpcSettings.NONE;
    WfasRuleSet set = new WfasRuleSet(classic.rules(), rpc);
    return new NetshEmitter().emit(input(policy(name, Optional.empty(), rpc), set));
  }

  private static final List<EmittedFile> WMI_A = wmiPolicy("Policy A", true);
  private static final List<EmittedFile> WMI_B = wmiPolicy("Policy B", true);
  private static final List<EmittedFile> NO_WMI_A = wmiPolicy("Policy A", false);

  @Test
  void apply_versionWithoutWmi_putsWmiBackInTheSharedHost() {
    Host host = new Host();
    host.run(WMI_A.get(0));
    assertThat(host.state.wmiStandalone()).isTrue();
    assertThat(host.state.key("HKLM\\SOFTWARE\\rpcwall\\" + Slug.of("Policy A")))
        .containsEntry("WmiSaved", "shared");
    host.run(NO_WMI_A.get(0));
    assertThat(host.state.wmiStandalone()).isFalse();
    assertThat(host.state.warnings()).isEmpty();
    host.run(NO_WMI_A.get(1));
    assertThat(host.state.wmiStandalone()).isFalse();
    assertThat(host.state.keysUnder("HKLM\\SOFTWARE\\rpcwall\\")).isEmpty();
  }

  @Test
  void rollback_wmi_standaloneBeforeRpcwall_staysStandalone() {
    Host host = new Host();
    host.state.wmiStandalone(true); // an administrator's own setting
    host.run(WMI_A.get(0));
    host.run(WMI_A.get(0)); // a second run keeps the first record
    assertThat(host.state.key("HKLM\\SOFTWARE\\rpcwall\\" + Slug.of("Policy A")))
        .containsEntry("WmiSaved", "standalone");
    host.run(WMI_A.get(1));
    assertThat(host.state.wmiStandalone()).isTrue();
    host.run(WMI_A.get(0));
    host.run(NO_WMI_A.get(0));
    assertThat(host.state.wmiStandalone()).isTrue();
  }

  @Test
  void rollback_wmi_twoPolicies_neitherUndoesTheOther() {
    for (boolean aFirst : new boolean[] {true, false}) {
      Host host = new Host();
      host.run(WMI_A.get(0));
      host.run(WMI_B.get(0));
      host.run((aFirst ? WMI_A : WMI_B).get(1));
      assertThat(host.state.wmiStandalone()).as("the other policy still sets the fixed port").isTrue();
      host.run((aFirst ? WMI_B : WMI_A).get(1));
      assertThat(host.state.wmiStandalone()).as("the last one puts WMI back").isFalse();
      assertThat(host.state.warnings()).isEmpty();
      assertThat(host.state.key("HKLM\\SOFTWARE\\rpcwall")).doesNotContainKey("WmiShared");
    }
  }

  @Test
  void rollback_wmi_changedByAnAdministrator_isLeft() {
    Host host = new Host();
    host.state.wmiStandalone(true);
    host.run(WMI_A.get(0));
    host.run(NO_WMI_A.get(0)); // found standalone: stays
    assertThat(host.state.wmiStandalone()).isTrue();

    Host other = new Host();
    other.run(WMI_A.get(0));
    other.state.wmiStandalone(false); // winmgmt -sharedhost by hand, then...
    other.state.wmiStandalone(true); // ...back: still what rpcwall set, so it goes back
    other.run(WMI_A.get(1));
    assertThat(other.state.wmiStandalone()).isFalse();

    Host changed = new Host();
    changed.state.wmiStandalone(true);
    changed.run(WMI_A.get(0));
    changed.state.wmiStandalone(false);
    changed.run(WMI_A.get(1));
    assertThat(changed.state.wmiStandalone()).isFalse();
    assertThat(changed.state.warnings()).hasSize(1);
  }

  @Test
  void apply_replacingPolicy_takesOverTheWmiRecord() {
    Host host = new Host();
    host.run(WMI_A.get(0));
    List<EmittedFile> renamed = replacingWmi("Policy C", "Policy A");
    host.run(renamed.get(0));
    assertThat(host.state.wmiStandalone()).isTrue();
    assertThat(host.state.key("HKLM\\SOFTWARE\\rpcwall\\" + Slug.of("Policy C")))
        .containsEntry("WmiSaved", "shared");
    host.run(renamed.get(1));
    assertThat(host.state.wmiStandalone()).isFalse();
  }

  private static List<EmittedFile> replacingWmi(String name, String replaced) {
    WfasRuleSet classic = NetshFixtures.classic(name);
    RpcSettings rpc = NetshFixtures.rpc(null, true);
    WfasRuleSet set = new WfasRuleSet(classic.rules(), rpc);
    Policy p = policy(name, Optional.empty(), rpc);
    Policy withReplaces = new Policy(p.name(), p.nameOrigin(), p.description(),
        p.descriptionOrigin(), p.rules(), p.defaultAction(), p.defaultOrigin(), p.rpc(),
        p.sourceName(), List.of(new Policy.Replaced(replaced, SourceSpan.UNKNOWN)));
    return new NetshEmitter().emit(input(withReplaces, set));
  }

  /**
   * Issue 12 point 6: {@code apply.cmd /whatif} on a host where version 1 ran prints every change
   * version 2 would make (the deletes of version 1's rules from the state, each rule it adds) and
   * makes none: no netsh, reg, winmgmt or net command that changes anything runs, and the
   * registry is as it was. The reader reads the same script, without the argument, as the
   * policy.
   */
  @Test
  void apply_whatIf_printsEveryChangeAndChangesNothing() {
    Host host = new Host();
    host.run(V1.get(0));
    List<String> v1Rules = host.names();
    var before = host.state.snapshot();
    int changesBefore = host.state.changes().size();

    String v2 = host.state.expand(text(V2.get(0)));
    host.state.run(v2, "/whatif");

    assertThat(host.state.snapshot()).isEqualTo(before);
    assertThat(host.state.changes()).hasSize(changesBefore);
    List<String> printed = host.state.printed();
    for (String name : added(V1.get(0))) {
      assertThat(printed).contains("netsh advfirewall firewall delete rule name=\"" + name + "\"");
    }
    for (WfasRule r : NetshFixtures.read(V2.get(0)).orElseThrow().rules()) {
      assertThat(printed).contains(NetshEmitter.addLine(r));
    }
    assertThat(host.names()).isEqualTo(v1Rules);

    // The same script without the argument changes the host, and reads as version 2.
    NetshStateFiles other = host.state.copy();
    other.run(v2, "");
    assertThat(other.changes()).isNotEmpty();
    assertThat(other.snapshot()).isNotEqualTo(before);
    host.run(V2.get(0));
    assertThat(host.names()).containsExactlyInAnyOrderElementsOf(plus("other tool rule", added(V2.get(0))));
  }

  private static List<String> plus(String first, List<String> rest) {
    List<String> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }
}
