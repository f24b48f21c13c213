package dev.rpcwall.emit.powershell;

import static dev.rpcwall.emit.powershell.PsFixtures.classic;
import static dev.rpcwall.emit.powershell.PsFixtures.decode;
import static dev.rpcwall.emit.powershell.PsFixtures.input;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the steps of an emitted apply script against a model of the host, failing each step in
 * turn, and checks what issue 3 asks: a failed run leaves the host as it was before <em>this</em>
 * run (the earlier run's rules under their names, the RPC values of before this run, the backup of
 * an earlier run untouched), and a run that succeeds leaves exactly the new rules.
 *
 * <p>The model takes the helpers' effects from their documented behaviour ({@link PsRuntime}); what
 * it tests is the order in which the emitted script calls them and journals its changes. The
 * helpers' own text is checked in {@link PowerShellEmitterTest}.
 */
class PowerShellTransactionTest {
  private static final Pattern MOVE = Pattern.compile("^\\s*Move-RpcwallRulesAside -Group '([^']*)'");
  private static final Pattern NEW_RULE = Pattern.compile("^\\s*\\$null = New-NetFirewallRule -Name '([^']*)'");
  private static final Pattern GROUP = Pattern.compile("^\\s*-Group '([^']*)'");
  private static final Pattern JOURNAL_RULE = Pattern.compile("^\\s*Add-RpcwallUndo -Kind 'rule' -Item '([^']*)'");
  private static final Pattern REMOVE_MOVED = Pattern.compile("^\\s*Remove-RpcwallMovedRules -Group '([^']*)'");

  /** What the model tracks of a host. */
  private static final class Host {
    final Map<String, String> rules = new LinkedHashMap<>(); // name -> group
    String rpcValues;
    String backup; // null: no backup file
    boolean wmiStandalone;

    Host copy() {
      Host h = new Host();
      h.rules.putAll(rules);
      h.rpcValues = rpcValues;
      h.backup = backup;
      h.wmiStandalone = wmiStandalone;
      return h;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Host h && rules.equals(h.rules) && Objects.equals(rpcValues, h.rpcValues)
          && Objects.equals(backup, h.backup) && wmiStandalone == h.wmiStandalone;
    }

    @Override
    public int hashCode() {
      return rules.hashCode();
    }

    @Override
    public String toString() {
      return rules + " rpc=" + rpcValues + " backup=" + backup + " wmi=" + wmiStandalone;
    }
  }

  private static final class Failed extends RuntimeException {
    Failed() {
      super(null, null, false, false);
    }
  }

  /** One run of the script's steps; the {@code failAt}-th change (0-based) fails. */
  private static final class Run {
    final Host host;
    final int failAt;
    int changes;
    int suffix;
    final Deque<String[]> journal = new ArrayDeque<>();
    final List<String[]> moved = new ArrayList<>();

    Run(Host host, int failAt) {
      this.host = host;
      this.failAt = failAt;
    }

    void change() {
      if (changes++ == failAt) {
        throw new Failed();
      }
    }

    /** Move-RpcwallRulesAside: rename each rule of the group, journalled after the rename. */
    void moveAside(String group) {
      for (String name : new ArrayList<>(host.rules.keySet())) {
        if (host.rules.get(name).equalsIgnoreCase(group)) {
          change();
          String aside = name + PsRuntime.ASIDE_MARK + (suffix++);
          host.rules.remove(name);
          host.rules.put(aside, group);
          journal.push(new String[] {"moved", name, aside});
          moved.add(new String[] {group, aside});
        }
      }
    }

    void newRule(String name, String group) {
      change();
      if (host.rules.containsKey(name)) {
        throw new Failed(); // New-NetFirewallRule: the name is taken
      }
      host.rules.put(name, group);
    }

    /** Save-RpcwallRegistry: journal this run's values, write a backup only when none exists. */
    void saveRegistry() {
      change();
      journal.push(new String[] {"registry", host.rpcValues});
      if (host.backup == null) {
        journal.push(new String[] {"backup", null});
        host.backup = host.rpcValues;
      }
    }

    void undo() {
      while (!journal.isEmpty()) {
        String[] step = journal.pop();
        switch (step[0]) {
          case "rule" -> host.rules.remove(step[1]);
          case "moved" -> {
            assertThat(host.rules).as("renaming %s back", step[1]).doesNotContainKey(step[1]);
            host.rules.put(step[1], host.rules.remove(step[2]));
          }
          case "registry" -> host.rpcValues = step[1];
          case "backup" -> host.backup = null;
          case "winmgmt" -> host.wmiStandalone = false;
          default -> throw new AssertionError(step[0]);
        }
      }
    }

    void removeMoved(String group) {
      moved.removeIf(m -> {
        if (m[0].equals(group)) {
          host.rules.remove(m[1]);
          return true;
        }
        return false;
      });
    }

    /** Executes the script's lines; returns whether the try block succeeded. */
    boolean execute(List<String> lines) {
      boolean inTry = false;
      boolean failed = false;
      String pendingRule = null;
      for (String line : lines) {
        if (line.equals("try {")) {
          inTry = true;
          continue;
        }
        if (line.equals("} catch {")) {
          inTry = false;
          continue;
        }
        if (failed && !inTry && line.contains(PsRuntime.UNDO + " -PolicyStore")) {
          undo();
          return false;
        }
        if (failed) {
          continue;
        }
        try {
          Matcher m;
          if ((m = MOVE.matcher(line)).find()) {
            assertThat(inTry).as("moving aside happens inside try").isTrue();
            moveAside(m.group(1));
          } else if ((m = NEW_RULE.matcher(line)).find()) {
            pendingRule = m.group(1);
          } else if (pendingRule != null && (m = GROUP.matcher(line)).find()) {
            newRule(pendingRule, m.group(1));
            pendingRule = null;
          } else if ((m = JOURNAL_RULE.matcher(line)).find()) {
            journal.push(new String[] {"rule", m.group(1)});
          } else if (line.contains(PsRuntime.SAVE_REGISTRY + " -Backup")) {
            saveRegistry();
          } else if (line.contains("-Name 'Ports' -PropertyType MultiString")) {
            change();
            host.rpcValues = "policy";
          } else if (line.contains("& winmgmt.exe -standalonehost")) {
            change();
            host.wmiStandalone = true;
          } else if (line.contains("Add-RpcwallUndo -Kind 'winmgmt'")) {
            journal.push(new String[] {"winmgmt"});
          } else if ((m = REMOVE_MOVED.matcher(line)).find()) {
            assertThat(inTry).as("old rules are removed after the try").isFalse();
            removeMoved(m.group(1));
          }
        } catch (Failed f) {
          assertThat(inTry).as("a failing step is inside try: %s", line).isTrue();
          failed = true;
        }
      }
      return !failed;
    }
  }

  private static List<String> applyLines() {
    String apply = decode(new PowerShellEmitter().emit(input(classic())).get(0));
    return List.of(apply.substring(apply.indexOf("\r\ntry {") + 2).split("\r\n"));
  }

  private static Host earlierRun() {
    Host h = new Host();
    h.rules.put("other-policy-rule", "rpcwall: Other");
    // the same names as this run's, and one the new policy no longer has
    h.rules.put("block-rpc-ports-allow-1", PsFixtures.GROUP);
    h.rules.put("block-rpc-ports-block-1", PsFixtures.GROUP);
    h.rules.put("block-rpc-ports-allow-old", PsFixtures.GROUP);
    h.rpcValues = "earlier policy";
    h.backup = "before rpcwall";
    h.wmiStandalone = false;
    return h;
  }

  private static Host freshHost() {
    Host h = new Host();
    h.rules.put("other-policy-rule", "rpcwall: Other");
    h.rpcValues = "before rpcwall";
    return h;
  }

  private static int changesOfSuccessfulRun(Host start) {
    Run run = new Run(start.copy(), Integer.MAX_VALUE);
    assertThat(run.execute(applyLines())).isTrue();
    return run.changes;
  }

  @Test
  void apply_succeedingReRun_replacesTheEarlierRulesAndKeepsTheFirstBackup() {
    Run run = new Run(earlierRun(), Integer.MAX_VALUE);

    assertThat(run.execute(applyLines())).isTrue();
    assertThat(run.host.rules).containsOnlyKeys(
        "other-policy-rule", "block-rpc-ports-allow-1", "block-rpc-ports-block-1");
    assertThat(run.host.rpcValues).isEqualTo("policy");
    assertThat(run.host.backup).isEqualTo("before rpcwall");
    assertThat(run.host.wmiStandalone).isTrue();
  }

  @Test
  void apply_failingReRunAtEveryStep_leavesTheHostAsBeforeThisRun() {
    Host before = earlierRun();
    int changes = changesOfSuccessfulRun(before);
    // 3 renames, 2 rules, the backup, the registry value, winmgmt
    assertThat(changes).isEqualTo(8);
    for (int failAt = 0; failAt < changes; failAt++) {
      Run run = new Run(before.copy(), failAt);
      assertThat(run.execute(applyLines())).as("fails at change %d", failAt).isFalse();
      assertThat(run.host).as("after failing at change %d", failAt).isEqualTo(before);
    }
  }

  @Test
  void apply_failingFirstRunAtEveryStep_removesOnlyWhatItWrote() {
    Host before = freshHost();
    int changes = changesOfSuccessfulRun(before);
    assertThat(changes).isEqualTo(5);
    for (int failAt = 0; failAt < changes; failAt++) {
      Run run = new Run(before.copy(), failAt);
      assertThat(run.execute(applyLines())).isFalse();
      assertThat(run.host).as("after failing at change %d", failAt).isEqualTo(before);
      assertThat(run.host.backup).isNull();
    }
  }

  @Test
  void apply_failingAtTheSecondCreate_givesTheEarlierBlockRuleItsNameBack() {
    Host before = earlierRun();
    // fail at the second New-NetFirewallRule (after 3 renames and 1 create)
    Run run = new Run(before.copy(), 4);
    List<String> lines = applyLines();

    assertThat(run.execute(lines)).isFalse();
    assertThat(run.host.rules).containsKey("block-rpc-ports-block-1");
    assertThat(run.host.rules).hasSize(before.rules.size());
  }
}
