package dev.rpcwall.emit.powershell;

import dev.rpcwall.compiler.model.WfasRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated Windows host for the emitted PowerShell scripts: firewall rules (name, group and,
 * when known, conditions), the RPC registry values, the state keys under
 * HKLM\SOFTWARE\rpcwall with their owner and the SIDs that may write them, WMI's host mode and
 * whether the firewall profiles would enforce a policy.
 *
 * <p>{@link Run} executes the steps of a script line by line. The helpers' effects are taken from
 * their documented behaviour ({@link PsRuntime}, whose text {@link PowerShellEmitterTest} checks);
 * what the simulation tests is the order in which the scripts call them, what they journal, and
 * which paths check the state before reading it. The {@code failAt}-th change fails, as a cmdlet
 * failing at that step would.
 */
final class PsHost {
  static final String SYSTEM = PsRuntime.SYSTEM_SID;
  static final String ADMINS = PsRuntime.ADMINS_SID;
  static final String USER = "S-1-5-21-1004336348-1177238915-682003330-1001";
  static final Set<String> TRUSTED = Set.of(SYSTEM, ADMINS);
  static final String ROOT = PsRuntime.STATE_ROOT;

  /** A registry key of the state: owner SID, SIDs allowed to write, values. */
  record Key(String owner, Set<String> writers, Map<String, String> values) {
    Key with(String name, String value) {
      Map<String, String> v = new TreeMap<>(values);
      if (value == null) {
        v.remove(name);
      } else {
        v.put(name, value);
      }
      return new Key(owner, writers, Map.copyOf(v));
    }
  }

  final Map<String, String> rules = new LinkedHashMap<>(); // name -> group
  final Map<String, WfasRule> conditions = new LinkedHashMap<>(); // name -> rule, when known
  String rpc; // the RPC values ("5001-5021" when rpcwall wrote that range); null: no key
  final Map<String, Key> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  boolean wmiStandalone;
  boolean profilesEnforce = true;

  PsHost copy() {
    PsHost h = new PsHost();
    h.rules.putAll(rules);
    h.conditions.putAll(conditions);
    h.rpc = rpc;
    h.keys.putAll(keys);
    h.wmiStandalone = wmiStandalone;
    h.profilesEnforce = profilesEnforce;
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PsHost h && rules.equals(h.rules) && Objects.equals(rpc, h.rpc)
        && keys.equals(h.keys) && wmiStandalone == h.wmiStandalone;
  }

  @Override
  public int hashCode() {
    return rules.hashCode();
  }

  @Override
  public String toString() {
    return rules + " rpc=" + rpc + " keys=" + keys + " wmi=" + wmiStandalone;
  }

  static String stateOf(String slug) {
    return ROOT + "\\" + slug;
  }

  static String backupOf(String slug) {
    return stateOf(slug) + "\\" + PsRuntime.BACKUP_KEY;
  }

  /** Adds a state key as an administrator running the apply script would have created it. */
  void adminKey(String path, Map<String, String> values) {
    keys.put(path, new Key(ADMINS, TRUSTED, Map.copyOf(values)));
  }

  /** How a script ended. */
  enum Outcome {
    /** Every step ran. */
    DONE,
    /** A step in the try block failed; the catch block undid the run and rethrew. */
    UNDONE,
    /** A step outside the try block failed or refused; the script stopped there. */
    STOPPED
  }

  /** A failing cmdlet; {@link Refused} when the state check refused a key. */
  static class Failed extends RuntimeException {
    Failed(String message) {
      super(message, null, false, false);
    }
  }

  static final class Refused extends Failed {
    Refused(String path) {
      super("refusing the state key " + path);
    }
  }

  private static final Pattern MOVE = Pattern.compile("^\\s*Move-RpcwallRulesAside -Group '([^']*)'");
  private static final Pattern NEW_RULE = Pattern.compile("^\\s*\\$null = New-NetFirewallRule -Name '([^']*)'");
  private static final Pattern GROUP = Pattern.compile("^\\s*-Group '([^']*)'");
  private static final Pattern JOURNAL_RULE = Pattern.compile("^\\s*Add-RpcwallUndo -Kind 'rule' -Item '([^']*)'");
  private static final Pattern REMOVE_MOVED = Pattern.compile("^\\s*Remove-RpcwallMovedRules -Group '([^']*)'");
  private static final Pattern REMOVE_GROUP = Pattern.compile("^\\s*Get-NetFirewallRule -Group '([^']*)' @RpcwallStore -ErrorAction SilentlyContinue \\| Remove-NetFirewallRule$");
  private static final Pattern STATE = Pattern.compile("^\\$RpcwallState = '([^']*)'$");
  private static final Pattern PORTS = Pattern.compile("-Name 'Ports' -PropertyType MultiString -Value @\\(([^)]*)\\) -Force$");
  private static final Pattern WRITTEN = Pattern.compile("^\\s*Set-RpcwallWritten -State \\$RpcwallState -Ports @\\(([^)]*)\\)$");
  private static final Pattern MOVE_STATE = Pattern.compile("^\\s*Move-RpcwallState -From '([^']*)' -To \\$RpcwallState$");
  private static final Pattern REMOVE_REPLACED = Pattern.compile("^\\s*Remove-RpcwallReplacedState -From '([^']*)'$");

  /** One run of a script on {@code host}. */
  static final class Run {
    final PsHost host;
    final int failAt;
    final String store;
    final boolean force;
    final Map<String, WfasRule> definitions;
    Consumer<PsHost> observer = h -> {};
    int changes;
    int suffix;
    boolean skipHost;
    String state;
    final Deque<String[]> journal = new ArrayDeque<>();
    final List<String[]> moved = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    /** The replaced policies whose RPC record this run took over. */
    final List<String> taken = new ArrayList<>();
    String error;
    /** Open-NetGPO and Save-NetGPO calls of this run, and how many changes came before each save. */
    int gpoOpens;
    final List<Integer> gpoSaves = new ArrayList<>();

    Run(PsHost host, int failAt) {
      this(host, failAt, "PersistentStore", false, Map.of());
    }

    Run(PsHost host, int failAt, String store, boolean force, Map<String, WfasRule> definitions) {
      this.host = host;
      this.failAt = failAt;
      this.store = store;
      this.force = force;
      this.definitions = definitions;
    }

    /** A change is about to be made: the failAt-th one fails. */
    void change() {
      if (changes++ == failAt) {
        throw new Failed("change " + (changes - 1) + " fails");
      }
    }

    void changed() {
      observer.accept(host);
    }

    // ---- helpers, as PsRuntime documents them -------------------------------------------

    void moveAside(String group) {
      for (String name : new ArrayList<>(host.rules.keySet())) {
        if (host.rules.get(name).equalsIgnoreCase(group)) {
          change();
          String aside = name + PsRuntime.ASIDE_MARK + (suffix++);
          rename(name, aside);
          journal.push(new String[] {"moved", name, aside});
          moved.add(new String[] {group, aside});
          changed();
        }
      }
    }

    private void rename(String from, String to) {
      if (host.rules.containsKey(to)) {
        throw new AssertionError("renaming " + from + " onto the existing rule " + to);
      }
      host.rules.put(to, host.rules.remove(from));
      WfasRule c = host.conditions.remove(from);
      if (c != null) {
        host.conditions.put(to, c);
      }
    }

    void newRule(String name, String group) {
      change();
      if (host.rules.containsKey(name)) {
        throw new Failed("New-NetFirewallRule: the name " + name + " is taken");
      }
      host.rules.put(name, group);
      if (definitions.containsKey(name)) {
        host.conditions.put(name, definitions.get(name));
      }
      changed();
    }

    void removeRule(String name) {
      host.rules.remove(name);
      host.conditions.remove(name);
    }

    /** Assert-RpcwallStateKey: refuses a key owned by, or writable by, anyone untrusted. */
    void assertKey(String path) {
      Key k = host.keys.get(path);
      if (k != null && (!TRUSTED.contains(k.owner()) || !TRUSTED.containsAll(k.writers()))) {
        throw new Refused(path);
      }
    }

    /** New-RpcwallStateKey. */
    void newKey(String path) {
      if (!host.keys.containsKey(path)) {
        change();
        host.keys.put(path, new Key(ADMINS, TRUSTED, Map.of()));
        journal.push(new String[] {"key", path});
        changed();
      }
      assertKey(path);
    }

    String backup() {
      return state + "\\" + PsRuntime.BACKUP_KEY;
    }

    String written() {
      return state + "\\" + PsRuntime.WRITTEN_KEY;
    }

    /** The values of {@code path}, empty when the key does not exist. */
    Map<String, String> values(String path) {
      Key k = host.keys.get(path);
      return k == null ? Map.of() : k.values();
    }

    void setValue(String path, String name, String value) {
      host.keys.put(path, host.keys.get(path).with(name, value));
    }

    /**
     * Save-RpcwallRegistry -State $RpcwallState: the layout every target shares (RpcSaved with
     * a copy in rpc-backup, or RpcAbsent), first run only. The model's RPC key is one value.
     */
    void saveRegistry() {
      journal.push(new String[] {"registry", host.rpc});
      newKey(ROOT);
      newKey(state);
      Map<String, String> v = values(state);
      if (v.containsKey(PsRuntime.RPC_SAVED) || v.containsKey(PsRuntime.RPC_ABSENT)) {
        if (host.keys.containsKey(backup())) {
          assertKey(backup());
        }
        return;
      }
      if (host.rpc == null) {
        change();
        setValue(state, PsRuntime.RPC_ABSENT, "1");
        journal.push(new String[] {"unset", state, PsRuntime.RPC_ABSENT});
        changed();
        return;
      }
      host.keys.remove(backup());
      newKey(backup());
      journal.push(new String[] {"tree", backup()});
      change();
      setValue(backup(), "Ports", host.rpc);
      changed();
      change();
      setValue(state, PsRuntime.RPC_SAVED, "1");
      journal.push(new String[] {"unset", state, PsRuntime.RPC_SAVED});
      changed();
    }

    /** Set-RpcwallWritten: rpc-written holds the values this policy wrote. */
    void setWritten(String ports) {
      String old = "";
      if (host.keys.containsKey(written())) {
        assertKey(written());
        old = values(written()).getOrDefault("Ports", "");
      } else {
        newKey(written());
      }
      journal.push(new String[] {"written", state, old});
      change();
      setValue(written(), "Ports", ports);
      changed();
    }

    /** Restore-RpcwallBackup -State $RpcwallState. */
    void restoreBackup() {
      assertKey(ROOT);
      assertKey(state);
      Map<String, String> v = values(state);
      if (!v.containsKey(PsRuntime.RPC_SAVED) && !v.containsKey(PsRuntime.RPC_ABSENT)) {
        warnings.add("no backup");
        return;
      }
      if (host.keys.containsKey(backup())) {
        assertKey(backup());
      }
      if (host.keys.containsKey(written())) {
        assertKey(written());
      }
      String mine = values(written()).get("Ports");
      if (host.rpc == null || mine == null || !host.rpc.equals(mine)) {
        warnings.add("values no longer ours");
        return;
      }
      change();
      host.rpc = v.containsKey(PsRuntime.RPC_SAVED) ? values(backup()).get("Ports") : null;
      host.keys.remove(backup());
      host.keys.remove(written());
      setValue(state, PsRuntime.RPC_SAVED, null);
      setValue(state, PsRuntime.RPC_ABSENT, null);
      dropIfEmpty(state, ROOT);
      changed();
    }

    void dropIfEmpty(String... paths) {
      for (String path : paths) {
        if (isEmpty(path)) {
          host.keys.remove(path);
        }
      }
    }

    /** Move-RpcwallState -From old -To $RpcwallState: copies the record, journalled. */
    void moveState(String from) {
      assertKey(ROOT);
      assertKey(from);
      if (!host.keys.containsKey(from)) {
        return;
      }
      Map<String, String> old = values(from);
      newKey(ROOT);
      newKey(state);
      Map<String, String> mine = values(state);
      if (old.containsKey(PsRuntime.WMI_SAVED)) {
        if (!mine.containsKey(PsRuntime.WMI_SAVED)) {
          change();
          setValue(state, PsRuntime.WMI_SAVED, old.get(PsRuntime.WMI_SAVED));
          journal.push(new String[] {"unset", state, PsRuntime.WMI_SAVED});
          changed();
        } else if (old.get(PsRuntime.WMI_SAVED).equals("shared")
            && !values(ROOT).containsKey(PsRuntime.WMI_SHARED)) {
          change();
          setValue(ROOT, PsRuntime.WMI_SHARED, "1");
          journal.push(new String[] {"unset", ROOT, PsRuntime.WMI_SHARED});
          changed();
        }
      }
      if (!old.containsKey(PsRuntime.RPC_SAVED) && !old.containsKey(PsRuntime.RPC_ABSENT)) {
        return;
      }
      if (mine.containsKey(PsRuntime.RPC_SAVED) || mine.containsKey(PsRuntime.RPC_ABSENT)) {
        warnings.add("already holds a backup");
        return;
      }
      for (String sub : List.of(PsRuntime.BACKUP_KEY, PsRuntime.WRITTEN_KEY)) {
        String source = from + "\\" + sub;
        if (!host.keys.containsKey(source)) {
          continue;
        }
        assertKey(source);
        String target = state + "\\" + sub;
        host.keys.remove(target);
        newKey(target);
        journal.push(new String[] {"tree", target});
        change();
        host.keys.put(target, new Key(ADMINS, TRUSTED, host.keys.get(source).values()));
        changed();
      }
      String marker = old.containsKey(PsRuntime.RPC_SAVED) ? PsRuntime.RPC_SAVED : PsRuntime.RPC_ABSENT;
      change();
      setValue(state, marker, "1");
      journal.push(new String[] {"unset", state, marker});
      changed();
      taken.add(from);
    }

    /** Remove-RpcwallReplacedState -From old, after every step succeeded. */
    void removeReplaced(String from) {
      assertKey(ROOT);
      assertKey(from);
      if (!host.keys.containsKey(from)) {
        return;
      }
      change();
      setValue(from, PsRuntime.WMI_SAVED, null);
      Map<String, String> v = values(from);
      boolean record = v.containsKey(PsRuntime.RPC_SAVED) || v.containsKey(PsRuntime.RPC_ABSENT);
      if (!record || taken.contains(from)) {
        String prefix = from.toLowerCase(java.util.Locale.ROOT) + "\\";
        host.keys.keySet().removeIf(k -> k.equalsIgnoreCase(from)
            || k.toLowerCase(java.util.Locale.ROOT).startsWith(prefix));
      }
      changed();
    }

    /** Save-RpcwallWmi -State $RpcwallState. */
    void saveWmi() {
      String mode = host.wmiStandalone ? "standalone" : "shared";
      journal.push(new String[] {"winmgmt", mode});
      newKey(ROOT);
      newKey(state);
      if (!values(state).containsKey(PsRuntime.WMI_SAVED)) {
        change();
        setValue(state, PsRuntime.WMI_SAVED, mode);
        journal.push(new String[] {"unset", state, PsRuntime.WMI_SAVED});
        changed();
      }
    }

    /** Restore-RpcwallWmi -State $RpcwallState [-OrHandOver]. */
    void restoreWmi(boolean orHandOver) {
      assertKey(ROOT);
      assertKey(state);
      boolean own = values(state).containsKey(PsRuntime.WMI_SAVED);
      boolean handed = values(ROOT).containsKey(PsRuntime.WMI_SHARED);
      if (!own && !(orHandOver && handed)) {
        return;
      }
      if (own) {
        change();
        if (values(state).get(PsRuntime.WMI_SAVED).equals("shared")) {
          setValue(ROOT, PsRuntime.WMI_SHARED, "1");
        }
        setValue(state, PsRuntime.WMI_SAVED, null);
        changed();
      }
      String prefix = ROOT.toLowerCase(java.util.Locale.ROOT) + "\\";
      boolean held = false;
      for (Map.Entry<String, Key> e : host.keys.entrySet()) {
        String k = e.getKey().toLowerCase(java.util.Locale.ROOT);
        held |= k.startsWith(prefix) && k.indexOf('\\', prefix.length()) < 0
            && e.getValue().values().containsKey(PsRuntime.WMI_SAVED);
      }
      if (held) {
        warnings.add("wmi held by another policy");
      } else {
        if (!host.wmiStandalone) {
          warnings.add("wmi no longer ours");
        } else if (values(ROOT).containsKey(PsRuntime.WMI_SHARED)) {
          change();
          host.wmiStandalone = false;
          changed();
        }
        if (values(ROOT).containsKey(PsRuntime.WMI_SHARED)) {
          setValue(ROOT, PsRuntime.WMI_SHARED, null);
        }
      }
      dropIfEmpty(state, ROOT);
    }

    boolean isEmpty(String path) {
      Key k = host.keys.get(path);
      if (k == null || !k.values().isEmpty()) {
        return false;
      }
      String prefix = path.toLowerCase(java.util.Locale.ROOT) + "\\";
      return host.keys.keySet().stream().noneMatch(p -> p.toLowerCase(java.util.Locale.ROOT).startsWith(prefix));
    }

    void profiles() {
      if (!host.profilesEnforce) {
        warnings.add("profile would not enforce");
        if (!force) {
          throw new Failed("the policy would not be enforced");
        }
      }
    }

    void undo() {
      while (!journal.isEmpty()) {
        String[] step = journal.pop();
        switch (step[0]) {
          case "rule" -> removeRule(step[1]);
          case "moved" -> rename(step[2], step[1]);
          case "registry" -> host.rpc = step[1];
          case "tree" -> host.keys.remove(step[1]);
          case "unset" -> {
            if (host.keys.containsKey(step[1])) {
              setValue(step[1], step[2], null);
            }
          }
          case "written" -> {
            String w = step[1] + "\\" + PsRuntime.WRITTEN_KEY;
            if (step[2].isEmpty()) {
              host.keys.remove(w);
            } else {
              setValue(w, "Ports", step[2]);
            }
          }
          case "key" -> {
            if (isEmpty(step[1])) {
              host.keys.remove(step[1]);
            }
          }
          case "winmgmt" -> host.wmiStandalone = !step[1].equals("shared");
          default -> throw new AssertionError(step[0]);
        }
        changed();
      }
    }

    void removeMoved(String group) {
      moved.removeIf(m -> {
        if (m[0].equals(group)) {
          change();
          removeRule(m[1]);
          changed();
          return true;
        }
        return false;
      });
    }

    private static String ports(String list) {
      return String.join(",", List.of(list.replace("'", "").split(",\\s*")));
    }

    /**
     * Executes the script's steps: the preamble up to the helpers, then everything after them.
     * Function bodies are not executed line by line; their calls are.
     */
    Outcome execute(String script) {
      List<String> all = List.of(script.split("\r\n"));
      List<String> lines = new ArrayList<>();
      boolean inFunction = false;
      for (String line : all) {
        if (line.startsWith("function ")) {
          inFunction = true;
        } else if (inFunction && line.equals("}")) {
          inFunction = false;
          continue;
        }
        if (!inFunction) {
          lines.add(line);
        }
      }
      boolean inTry = false;
      String pendingRule = null;
      String skipUntil = null;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (skipUntil != null) {
          if (line.equals(skipUntil)) {
            skipUntil = null;
          }
          continue;
        }
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        String trimmed = line.strip();
        if (trimmed.startsWith("if (-not $SkipHostSettings") && skipHost) {
          skipUntil = indent + "}";
          continue;
        }
        if (trimmed.equals("if ($PolicyStore -ne 'PersistentStore' -and -not $SkipHostSettings) {")) {
          if (store.equalsIgnoreCase("PersistentStore") || skipHost) {
            skipUntil = indent + "}";
          }
          continue;
        }
        if (trimmed.startsWith("if (" + PowerShellEmitter.GPO_TEST)) {
          // A GPO is named 'domain\GPO name' (ShouldProcess, as everywhere here, is true).
          boolean gpo = store.contains("\\");
          if (!gpo) {
            skipUntil = indent + "}";
          }
          continue;
        }
        if (trimmed.equals("$RpcwallGpo = Open-NetGPO -PolicyStore $PolicyStore")) {
          gpoOpens++;
          continue;
        }
        if (trimmed.equals("Save-NetGPO -GPOSession $RpcwallGpo")) {
          gpoSaves.add(changes);
          continue;
        }
        if (trimmed.equals("$SkipHostSettings = $true")) {
          skipHost = true;
          continue;
        }
        if (line.equals("try {")) {
          inTry = true;
          continue;
        }
        if (line.equals("} catch {")) {
          inTry = false;
          // skip the catch block: it runs only after a failure
          while (!lines.get(i).equals("}")) {
            i++;
          }
          continue;
        }
        try {
          Matcher m;
          if ((m = STATE.matcher(line)).find()) {
            state = m.group(1);
          } else if (trimmed.startsWith(PsRuntime.CHECK_PROFILES + " ")) {
            profiles();
          } else if ((m = MOVE.matcher(line)).find()) {
            moveAside(m.group(1));
          } else if ((m = NEW_RULE.matcher(line)).find()) {
            pendingRule = m.group(1);
          } else if (pendingRule != null && (m = GROUP.matcher(line)).find()) {
            newRule(pendingRule, m.group(1));
            pendingRule = null;
          } else if ((m = JOURNAL_RULE.matcher(line)).find()) {
            journal.push(new String[] {"rule", m.group(1)});
          } else if (trimmed.equals(PsRuntime.SAVE_REGISTRY + " -State $RpcwallState")) {
            saveRegistry();
          } else if ((m = PORTS.matcher(line)).find() && trimmed.startsWith("$null = New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet'")) {
            change();
            host.rpc = ports(m.group(1));
            changed();
          } else if ((m = WRITTEN.matcher(line)).find()) {
            setWritten(ports(m.group(1)));
          } else if (trimmed.equals(PsRuntime.RESTORE_BACKUP + " -State $RpcwallState")) {
            restoreBackup();
          } else if ((m = MOVE_STATE.matcher(line)).find()) {
            moveState(m.group(1));
          } else if ((m = REMOVE_REPLACED.matcher(line)).find()) {
            removeReplaced(m.group(1));
          } else if (trimmed.equals(PsRuntime.SAVE_WMI + " -State $RpcwallState")) {
            saveWmi();
          } else if (trimmed.startsWith(PsRuntime.RESTORE_WMI + " -State $RpcwallState")) {
            restoreWmi(trimmed.endsWith(" -OrHandOver"));
          } else if (trimmed.equals("& winmgmt.exe -standalonehost")) {
            change();
            host.wmiStandalone = true;
            changed();
          } else if (trimmed.equals("& winmgmt.exe -sharedhost")) {
            change();
            host.wmiStandalone = false;
            changed();
          } else if ((m = REMOVE_MOVED.matcher(line)).find()) {
            removeMoved(m.group(1));
          } else if ((m = REMOVE_GROUP.matcher(line)).find()) {
            String group = m.group(1);
            for (String name : new ArrayList<>(host.rules.keySet())) {
              if (host.rules.get(name).equalsIgnoreCase(group)) {
                change();
                removeRule(name);
                changed();
              }
            }
          }
        } catch (Failed f) {
          error = f.getMessage();
          if (inTry) {
            undo();
            return Outcome.UNDONE;
          }
          return Outcome.STOPPED;
        }
      }
      return Outcome.DONE;
    }
  }
}
