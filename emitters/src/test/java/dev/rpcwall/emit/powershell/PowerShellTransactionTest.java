package dev.rpcwall.emit.powershell;

import static dev.rpcwall.emit.powershell.PsFixtures.classic;
import static dev.rpcwall.emit.powershell.PsFixtures.decode;
import static dev.rpcwall.emit.powershell.PsFixtures.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.lower.RuleNames;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.emit.powershell.PsHost.Outcome;
import dev.rpcwall.emit.powershell.PsHost.Run;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs the emitted scripts on {@link PsHost}, failing each step in turn, and checks that a failed
 * run leaves the host as it was before <em>this</em> run (the earlier run's rules under their
 * names, the RPC values of before this run, the backup of an earlier run untouched), that a run
 * that succeeds leaves exactly the new rules, that state not proven to be SYSTEM's and
 * Administrators' alone is never read, that the host-global RPC values are put back only while
 * they are this policy's, and that a GPO store leaves this computer alone (issue 11).
 */
class PowerShellTransactionTest {
  private static final String SLUG = PsFixtures.SLUG;
  private static final String STATE = PsHost.stateOf(SLUG);
  private static final String BACKUP = PsHost.backupOf(SLUG);
  private static final String WRITTEN = STATE + "\\" + PsRuntime.WRITTEN_KEY;
  private static final String OURS = "5001-5021";

  private static String apply(ScriptInput in) {
    return decode(new PowerShellEmitter().emit(in).get(0));
  }

  private static String rollback(ScriptInput in) {
    return decode(new PowerShellEmitter().emit(in).get(1));
  }

  private static String classicApply() {
    return apply(input(classic()));
  }

  /** A host where the classic policy ran once: its rules, its range, its backup. */
  private static PsHost earlierRun() {
    PsHost h = new PsHost();
    h.rules.put("other-policy-rule", "rpcwall/other");
    // the same names as this run's, and one the new policy no longer has
    h.rules.put("block-rpc-ports-allow-1", PsFixtures.GROUP);
    h.rules.put("block-rpc-ports-block-1", PsFixtures.GROUP);
    h.rules.put("block-rpc-ports-allow-old", PsFixtures.GROUP);
    h.rpc = "4000-4100";
    h.adminKey(PsHost.ROOT, Map.of());
    // the layout every target shares: the record, the values from before rpcwall, those written
    h.adminKey(STATE, Map.of("RpcSaved", "1"));
    h.adminKey(BACKUP, Map.of("Ports", "before rpcwall"));
    h.adminKey(WRITTEN, Map.of("Ports", "4000-4100"));
    h.wmiStandalone = false;
    return h;
  }

  private static PsHost freshHost() {
    PsHost h = new PsHost();
    h.rules.put("other-policy-rule", "rpcwall/other");
    h.rpc = "before rpcwall";
    return h;
  }

  private static int changesOfSuccessfulRun(PsHost start, String script) {
    Run run = new Run(start.copy(), Integer.MAX_VALUE);
    assertThat(run.execute(script)).isEqualTo(Outcome.DONE);
    return run.changes;
  }

  @Test
  void apply_succeedingReRun_replacesTheEarlierRulesAndKeepsTheFirstBackup() {
    Run run = new Run(earlierRun(), Integer.MAX_VALUE);

    assertThat(run.execute(classicApply())).isEqualTo(Outcome.DONE);
    assertThat(run.host.rules).containsOnlyKeys(
        "other-policy-rule", "block-rpc-ports-allow-1", "block-rpc-ports-block-1");
    assertThat(run.host.rpc).isEqualTo(OURS);
    assertThat(run.host.keys.get(BACKUP).values()).containsEntry("Ports", "before rpcwall");
    assertThat(run.host.keys.get(WRITTEN).values()).containsEntry("Ports", OURS);
    assertThat(run.host.keys.get(STATE).values()).containsEntry("RpcSaved", "1")
        .containsEntry("WmiSaved", "shared");
    assertThat(run.host.wmiStandalone).isTrue();
  }

  @Test
  void apply_failingReRunAtEveryStep_leavesTheHostAsBeforeThisRun() {
    PsHost before = earlierRun();
    int changes = changesOfSuccessfulRun(before, classicApply());
    // 3 renames, 2 rules, the registry value, the written record, the WMI record, winmgmt,
    // 3 removals
    assertThat(changes).isEqualTo(12);
    int undone = 0;
    for (int failAt = 0; failAt < changes; failAt++) {
      Run run = new Run(before.copy(), failAt);
      Outcome outcome = run.execute(classicApply());
      if (outcome == Outcome.UNDONE) {
        undone++;
        assertThat(run.host).as("after failing at change %d", failAt).isEqualTo(before);
      } else {
        // a removal of an old rule after every step succeeded: the new policy is complete
        assertThat(outcome).isEqualTo(Outcome.STOPPED);
        assertThat(run.host.rules).containsKeys("block-rpc-ports-allow-1", "block-rpc-ports-block-1");
        assertThat(run.host.rpc).isEqualTo(OURS);
      }
    }
    assertThat(undone).isEqualTo(9);
  }

  @Test
  void apply_failingFirstRunAtEveryStep_removesOnlyWhatItWrote() {
    PsHost before = freshHost();
    int changes = changesOfSuccessfulRun(before, classicApply());
    // 2 rules, 3 state keys, the backup's values, RpcSaved, the registry value, rpc-written and
    // its values, the WMI record, winmgmt
    assertThat(changes).isEqualTo(12);
    for (int failAt = 0; failAt < changes; failAt++) {
      Run run = new Run(before.copy(), failAt);
      assertThat(run.execute(classicApply())).isEqualTo(Outcome.UNDONE);
      assertThat(run.host).as("after failing at change %d", failAt).isEqualTo(before);
      assertThat(run.host.keys).isEmpty();
    }
  }

  @Test
  void apply_failingAtTheSecondCreate_givesTheEarlierBlockRuleItsNameBack() {
    PsHost before = earlierRun();
    // fail at the second New-NetFirewallRule (after 3 renames and 1 create)
    Run run = new Run(before.copy(), 4);

    assertThat(run.execute(classicApply())).isEqualTo(Outcome.UNDONE);
    assertThat(run.host.rules).containsKey("block-rpc-ports-block-1");
    assertThat(run.host.rules).hasSize(before.rules.size());
  }

  @Test
  void applyThenRollback_leavesTheHostAsItWas() {
    PsHost before = freshHost();
    Run apply = new Run(before.copy(), Integer.MAX_VALUE);
    assertThat(apply.execute(classicApply())).isEqualTo(Outcome.DONE);
    Run back = new Run(apply.host, Integer.MAX_VALUE);

    assertThat(back.execute(rollback(input(classic())))).isEqualTo(Outcome.DONE);
    assertThat(back.host).isEqualTo(before);
  }

  // ---- point 1: planted state is refused, never read ----------------------------------------

  /** The ways a standard user could have prepared the state, were HKLM\SOFTWARE loosened. */
  private static List<PsHost> plantedHosts() {
    PsHost ownedByUser = earlierRun();
    ownedByUser.keys.put(BACKUP, new PsHost.Key(PsHost.USER, Set.of(PsHost.USER),
        Map.of("Ports", "attacker's values")));
    PsHost writableByUser = earlierRun();
    writableByUser.keys.put(BACKUP, new PsHost.Key(PsHost.ADMINS,
        Set.of(PsHost.SYSTEM, PsHost.ADMINS, PsHost.USER),
        Map.of("Ports", "attacker's values")));
    PsHost policyKeyByUser = earlierRun();
    policyKeyByUser.keys.put(STATE, new PsHost.Key(PsHost.USER, Set.of(PsHost.USER),
        Map.of("RpcSaved", "1")));
    PsHost rootWritable = earlierRun();
    rootWritable.keys.put(PsHost.ROOT, new PsHost.Key(PsHost.ADMINS,
        Set.of(PsHost.SYSTEM, PsHost.ADMINS, PsHost.USER), Map.of()));
    return List.of(ownedByUser, writableByUser, policyKeyByUser, rootWritable);
  }

  @Test
  void plantedState_isRefusedByApplyAndRollback_andNothingIsReadFromIt() {
    for (PsHost planted : plantedHosts()) {
      Run apply = new Run(planted.copy(), Integer.MAX_VALUE);
      assertThat(apply.execute(classicApply())).as("apply on %s", planted).isEqualTo(Outcome.UNDONE);
      assertThat(apply.error).startsWith("refusing the state key");
      assertThat(apply.host).isEqualTo(planted);

      Run back = new Run(planted.copy(), Integer.MAX_VALUE);
      assertThat(back.execute(rollback(input(classic())))).as("rollback on %s", planted)
          .isEqualTo(Outcome.STOPPED);
      assertThat(back.error).startsWith("refusing the state key");
      assertThat(back.host.rpc).isEqualTo(planted.rpc).isNotEqualTo("attacker's values");
      assertThat(back.host.keys).isEqualTo(planted.keys);

      // a later version without the range does not restore from it either
      WfasRuleSet noRpc = new WfasRuleSet(classic().rules(), RpcSettings.NONE);
      Run v2 = new Run(planted.copy(), Integer.MAX_VALUE);
      assertThat(v2.execute(apply(input(noRpc)))).isEqualTo(Outcome.STOPPED);
      assertThat(v2.error).startsWith("refusing the state key");
      assertThat(v2.host.rpc).isEqualTo(planted.rpc);
    }
  }

  // ---- point 2: the RPC key is host-global ---------------------------------------------------

  private static ScriptInput other(PortSet range) {
    Policy p = PsFixtures.policy("Other RPC policy", Optional.empty());
    return PsFixtures.input(p, new WfasRuleSet(List.of(), PsFixtures.rpc(range, false)));
  }

  @Test
  void rollback_afterAnotherPolicySetTheValues_warnsAndLeavesThem_thenRestoresOnceTheyAreBack() {
    PsHost host = freshHost();
    ScriptInput b = other(PortSet.of(6000, 6100));
    for (String script : List.of(classicApply(), apply(b))) {
      Run run = new Run(host, Integer.MAX_VALUE);
      assertThat(run.execute(script)).isEqualTo(Outcome.DONE);
    }
    assertThat(host.rpc).isEqualTo("6000-6100");

    // A's rollback: the values are B's now, so they stay, and A's backup stays too
    Run rollbackA = new Run(host, Integer.MAX_VALUE);
    assertThat(rollbackA.execute(rollback(input(classic())))).isEqualTo(Outcome.DONE);
    assertThat(rollbackA.warnings).containsExactly("values no longer ours");
    assertThat(host.rpc).isEqualTo("6000-6100");
    assertThat(host.keys).containsKey(BACKUP);

    // B's rollback puts back what B found: A's range
    Run rollbackB = new Run(host, Integer.MAX_VALUE);
    assertThat(rollbackB.execute(rollback(b))).isEqualTo(Outcome.DONE);
    assertThat(host.rpc).isEqualTo(OURS);

    // A's rollback again: its values are back, so the values from before rpcwall return
    Run again = new Run(host, Integer.MAX_VALUE);
    assertThat(again.execute(rollback(input(classic())))).isEqualTo(Outcome.DONE);
    assertThat(host.rpc).isEqualTo("before rpcwall");
    assertThat(host.keys).isEmpty();
  }

  // ---- point 12: host settings follow the policy ---------------------------------------------

  @Test
  void newVersionWithoutTheRange_putsBackTheValuesFromBeforeRpcwall() {
    PsHost host = freshHost();
    assertThat(new Run(host, Integer.MAX_VALUE).execute(classicApply())).isEqualTo(Outcome.DONE);
    assertThat(host.rpc).isEqualTo(OURS);

    WfasRuleSet noRpc = new WfasRuleSet(classic().rules(), RpcSettings.NONE);
    Run v2 = new Run(host, Integer.MAX_VALUE);
    assertThat(v2.execute(apply(input(noRpc)))).isEqualTo(Outcome.DONE);
    assertThat(host.rpc).isEqualTo("before rpcwall");
    assertThat(host.keys).isEmpty();
    assertThat(host.rules).containsOnlyKeys(
        "other-policy-rule", "block-rpc-ports-allow-1", "block-rpc-ports-block-1");
  }

  /** A policy that only sets WMI's fixed port (or, {@code wmi} false, a later version without it). */
  private static ScriptInput wmiOnly(String name, boolean wmi) {
    RpcSettings rpc = new RpcSettings(Optional.empty(), SourceSpan.UNKNOWN,
        wmi ? java.util.OptionalInt.of(24158) : java.util.OptionalInt.empty(),
        wmi ? SourceSpan.at("p.rpcwall", 5, 3, 20) : SourceSpan.UNKNOWN);
    return PsFixtures.input(PsFixtures.policy(name, Optional.empty()), new WfasRuleSet(List.of(), rpc));
  }

  private static void done(PsHost host, String script) {
    assertThat(new Run(host, Integer.MAX_VALUE).execute(script)).isEqualTo(Outcome.DONE);
  }

  @Test
  void newVersionWithoutWmi_putsWmiBackInTheSharedHost() {
    PsHost host = freshHost();
    done(host, classicApply());
    assertThat(host.wmiStandalone).isTrue();
    assertThat(host.keys.get(STATE).values()).containsEntry("WmiSaved", "shared");
    WfasRuleSet noWmi = new WfasRuleSet(classic().rules(),
        PsFixtures.rpc(PortSet.of(5001, 5021), false));
    done(host, apply(input(noWmi)));
    assertThat(host.wmiStandalone).isFalse();
    assertThat(host.keys.get(STATE).values()).doesNotContainKey("WmiSaved");
    done(host, rollback(input(noWmi)));
    assertThat(host.rpc).isEqualTo("before rpcwall");
    assertThat(host.keys).isEmpty();
  }

  @Test
  void wmi_standaloneBeforeRpcwall_staysStandalone() {
    PsHost host = freshHost();
    host.wmiStandalone = true;
    done(host, apply(wmiOnly("W", true)));
    done(host, apply(wmiOnly("W", true)));
    assertThat(host.keys.get(PsHost.stateOf(Slug.of("W"))).values()).containsEntry("WmiSaved", "standalone");
    done(host, rollback(wmiOnly("W", true)));
    assertThat(host.wmiStandalone).isTrue();
    assertThat(host.keys).isEmpty();
  }

  @Test
  void wmi_twoPolicies_neitherUndoesTheOther() {
    for (boolean aFirst : new boolean[] {true, false}) {
      PsHost host = freshHost();
      done(host, apply(wmiOnly("A", true)));
      done(host, apply(wmiOnly("B", true)));
      done(host, rollback(wmiOnly(aFirst ? "A" : "B", true)));
      assertThat(host.wmiStandalone).as("the other policy still sets the fixed port").isTrue();
      done(host, rollback(wmiOnly(aFirst ? "B" : "A", true)));
      assertThat(host.wmiStandalone).as("the last one puts WMI back").isFalse();
      assertThat(host.keys).isEmpty();
    }
  }

  @Test
  void wmi_failedRunPutsBackTheHostOfBeforeThisRun() {
    PsHost before = freshHost();
    before.wmiStandalone = true;
    String script = apply(wmiOnly("W", true));
    int changes = changesOfSuccessfulRun(before, script);
    for (int failAt = 0; failAt < changes; failAt++) {
      Run run = new Run(before.copy(), failAt);
      assertThat(run.execute(script)).isEqualTo(Outcome.UNDONE);
      // the undo of old ran winmgmt -sharedhost whatever the host had before this run
      assertThat(run.host).as("failing at %d", failAt).isEqualTo(before);
    }
  }

  @Test
  void gpoStore_changesNoRegistryValueStateOrServiceOfThisComputer() {
    PsHost before = freshHost();
    Run run = new Run(before.copy(), Integer.MAX_VALUE, "example.com\\Firewall GPO", false, Map.of());

    assertThat(run.execute(classicApply())).isEqualTo(Outcome.DONE);
    assertThat(run.skipHost).isTrue();
    assertThat(run.host.rpc).isEqualTo(before.rpc);
    assertThat(run.host.keys).isEmpty();
    assertThat(run.host.wmiStandalone).isFalse();
    // the rules went to the store (the model keeps one rule table)
    assertThat(run.host.rules).containsKeys("block-rpc-ports-allow-1", "block-rpc-ports-block-1");

    Run back = new Run(run.host, Integer.MAX_VALUE, "example.com\\Firewall GPO", false, Map.of());
    assertThat(back.execute(rollback(input(classic())))).isEqualTo(Outcome.DONE);
    assertThat(back.host).isEqualTo(before);
  }

  /**
   * Issue 12 point 7: with a GPO store, the apply and rollback scripts open the GPO once and save
   * it once, after every change; every cmdlet that changes rules goes through the session
   * ($RpcwallStore / @Store), none through -PolicyStore, which would load and save the GPO per
   * call. A failed run never saves, so the GPO keeps what it had. On this computer's store no
   * GPO is opened.
   */
  @Test
  void gpoStore_oneOpenNetGpoAndOneSaveAfterEveryChange_failedRunSavesNothing() {
    String gpo = "example.com\\Firewall GPO";
    String apply = apply(input(classic()));
    Run run = new Run(earlierRun(), Integer.MAX_VALUE, gpo, false, Map.of());
    assertThat(run.execute(apply)).isEqualTo(Outcome.DONE);
    assertThat(run.gpoOpens).isEqualTo(1);
    assertThat(run.gpoSaves).containsExactly(run.changes);
    assertThat(run.changes).isGreaterThan(3);

    Run back = new Run(run.host, Integer.MAX_VALUE, gpo, false, Map.of());
    assertThat(back.execute(rollback(input(classic())))).isEqualTo(Outcome.DONE);
    assertThat(back.gpoOpens).isEqualTo(1);
    assertThat(back.gpoSaves).containsExactly(back.changes);

    for (int failAt = 0; failAt < run.changes; failAt++) {
      Run failed = new Run(earlierRun(), failAt, gpo, false, Map.of());
      assertThat(failed.execute(apply)).isNotEqualTo(Outcome.DONE);
      assertThat(failed.gpoSaves).as("failing change %d", failAt).isEmpty();
    }

    Run local = new Run(earlierRun(), Integer.MAX_VALUE);
    assertThat(local.execute(apply)).isEqualTo(Outcome.DONE);
    assertThat(local.gpoOpens).isZero();
    assertThat(local.gpoSaves).isEmpty();

    // Every rule cmdlet, in the script and in its helpers, takes the store from the session.
    for (String script : List.of(apply, rollback(input(classic())))) {
      for (String line : script.replace(" `\r\n", " ").split("\r\n")) {
        if (line.contains("-NetFirewallRule -")) {
          assertThat(line).as(line).doesNotContain("-PolicyStore").containsPattern("@(RpcwallStore|Store)");
        }
      }
      assertThat(script).contains("90 minutes");
    }
    assertThat(apply).contains(PsRuntime.MOVE_ASIDE + " -Group '" + PsFixtures.GROUP
        + "' -Store $RpcwallStore");
  }

  private static ScriptInput renamed(List<Policy.Replaced> replaces, RpcSettings rpc) {
    Policy old = PsFixtures.policy("Block RPC Ports", Optional.empty());
    Policy p = new Policy("RPC lockdown", old.nameOrigin(), old.description(),
        old.descriptionOrigin(), List.of(), old.defaultAction(), old.defaultOrigin(),
        RpcSettings.NONE, "p.rpcwall", replaces);
    String group = RuleNames.group(p.name());
    var rules = classic().rules().stream()
        .map(r -> new dev.rpcwall.compiler.model.WfasRule("lockdown-" + r.id(), r.displayName(),
            Optional.of(group), r.description(), r.direction(), r.action(), r.protocol(),
            r.localPorts(), r.remotePorts(), r.localAddresses(), r.remoteAddresses(),
            r.profiles(), r.enabled(), r.program(), r.service(), r.origin()))
        .toList();
    return new ScriptInput(p, new WfasRuleSet(rules, rpc), Slug.of(p.name()), "ab".repeat(32),
        "0.1.0");
  }

  @Test
  void replacingPolicy_removesTheOldRulesOnlyOnSuccess_andTakesOverTheOldBackup() {
    PsHost host = freshHost();
    assertThat(new Run(host, Integer.MAX_VALUE).execute(classicApply())).isEqualTo(Outcome.DONE);
    PsHost afterOld = host.copy();
    ScriptInput lockdown = renamed(
        List.of(new Policy.Replaced("Block RPC Ports", SourceSpan.UNKNOWN)), RpcSettings.NONE);
    String script = apply(lockdown);
    assertThat(script).contains("Move-RpcwallRulesAside -Group '" + PsFixtures.GROUP + "'")
        .contains("Remove-RpcwallMovedRules -Group '" + PsFixtures.GROUP + "'")
        .contains("Move-RpcwallState -From '" + STATE + "' -To $RpcwallState");

    // failing at any step inside the try leaves the old policy as it was
    int changes = changesOfSuccessfulRun(afterOld, script);
    for (int failAt = 0; failAt < changes; failAt++) {
      Run run = new Run(afterOld.copy(), failAt);
      if (run.execute(script) == Outcome.UNDONE) {
        assertThat(run.host).as("failing at %d", failAt).isEqualTo(afterOld);
      }
    }

    Run run = new Run(host, Integer.MAX_VALUE);
    assertThat(run.execute(script)).isEqualTo(Outcome.DONE);
    // the old policy's rules are gone, the new ones in place; the old backup was taken over
    // and, as the new policy sets no range, the values from before rpcwall are back
    assertThat(host.rules).containsOnlyKeys("other-policy-rule",
        "lockdown-block-rpc-ports-allow-1", "lockdown-block-rpc-ports-block-1");
    assertThat(host.rpc).isEqualTo("before rpcwall");
    assertThat(host.keys).doesNotContainKey(BACKUP)
        .doesNotContainKey(PsHost.backupOf(Slug.of("RPC lockdown")));
  }

  @Test
  void replacingPolicyWithARange_keepsTheOldBackupAsTheHostsOriginal() {
    PsHost host = freshHost();
    assertThat(new Run(host, Integer.MAX_VALUE).execute(classicApply())).isEqualTo(Outcome.DONE);
    ScriptInput lockdown = renamed(List.of(new Policy.Replaced("Block RPC Ports", SourceSpan.UNKNOWN)),
        PsFixtures.rpc(PortSet.of(7000, 7100), false));

    assertThat(new Run(host, Integer.MAX_VALUE).execute(apply(lockdown))).isEqualTo(Outcome.DONE);
    assertThat(host.rpc).isEqualTo("7000-7100");
    String newBackup = PsHost.backupOf(Slug.of("RPC lockdown"));
    assertThat(host.keys.get(newBackup).values()).containsEntry("Ports", "before rpcwall");

    assertThat(new Run(host, Integer.MAX_VALUE).execute(rollback(lockdown))).isEqualTo(Outcome.DONE);
    assertThat(host.rpc).isEqualTo("before rpcwall");
  }

  // ---- point 7: profiles -----------------------------------------------------------------------

  @Test
  void profileThatWouldNotEnforce_stopsBeforeAnyChange_unlessForced() {
    PsHost before = earlierRun();
    before.profilesEnforce = false;
    Run run = new Run(before.copy(), Integer.MAX_VALUE);

    assertThat(run.execute(classicApply())).isEqualTo(Outcome.STOPPED);
    assertThat(run.changes).isZero();
    assertThat(run.host).isEqualTo(before);

    Run forced = new Run(before.copy(), Integer.MAX_VALUE, "PersistentStore", true, Map.of());
    assertThat(forced.execute(classicApply())).isEqualTo(Outcome.DONE);
    // warned before and after applying
    assertThat(forced.warnings).containsExactly("profile would not enforce", "profile would not enforce");
  }
}
