package dev.rpcwall.emit.powershell;

import dev.rpcwall.compiler.lower.RuleNames;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.emit.RollbackHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PowerShell target's host for the rollback proof. The rollback finds the policy's rules by
 * their group, so the state that matters for rules is the group itself: a rule of an earlier
 * failed run is in it whether or not the state folder survived. The host's rules are created right
 * after the rollback's preamble, before anything it removes. When the state moves elsewhere, this
 * is the one place to follow it.
 */
public final class PsRollbackHost implements RollbackHost<ScriptInput> {
  private static final String NEW_RULE = "$null = New-NetFirewallRule ";
  /** The preamble ends once the store (this computer's, or a GPO session) is chosen. */
  private static final String PREAMBLE_END = "    $RpcwallStore = @{ GPOSession = $RpcwallGpo }\r\n}";

  @Override
  public String afterApplyThenRollback(
      ScriptInput input, String apply, String rollback, List<String> foreign, boolean stateKept) {
    String group = RuleNames.group(input.policy().name());
    List<String> host = new ArrayList<>();
    // Groups that resemble the policy's without being it.
    List<String> groups = List.of(group + " copy", "another group", RuleNames.PREFIX + "other");
    for (int i = 0; i < foreign.size(); i++) {
      host.add(create("foreign-" + i, foreign.get(i), groups.get(i % groups.size()), "Allow"));
    }
    if (stateKept) {
      String stale = RuleNames.policyPrefix(input.policy().name()) + "earlier-run-left-this";
      host.add(create(stale, stale, group, "Block"));
    }
    // One New-NetFirewallRule call per rule, continued with backticks up to its last parameter.
    String[] lines = apply.split("\r\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().startsWith(NEW_RULE)) {
        int j = i;
        while (j + 1 < lines.length && lines[j].endsWith(" `")) {
          j++;
        }
        for (int k = i; k <= j; k++) {
          host.add(lines[k].strip());
        }
        i = j;
      }
    }
    int stop = rollback.indexOf(PREAMBLE_END);
    if (stop < 0) {
      throw new IllegalStateException("the PowerShell rollback script has no '" + PREAMBLE_END + "' line");
    }
    int at = rollback.indexOf("\r\n", stop + PREAMBLE_END.length() - 1) + 2;
    return rollback.substring(0, at) + String.join("\r\n", host) + "\r\n" + rollback.substring(at);
  }

  private static String create(String name, String displayName, String group, String action) {
    return NEW_RULE + "-Name " + PowerShellQuoting.quote(name) + " -DisplayName "
        + PowerShellQuoting.quote(displayName) + " -Group " + PowerShellQuoting.quote(group)
        + " -Direction Inbound -Action " + action + " -Protocol TCP -LocalPort '135'"
        + " -RemoteAddress Any -Profile Any -PolicyStore $PolicyStore";
  }

  // The host-settings half of the proof
  // ===================================

  private static final Map<String, String> EARLIER_RPC =
      Map.of("Ports", "4000-4100", "PortsInternetAvailable", "Y", "UseInternetPorts", "N");

  /**
   * Issue 11 point 6, as {@link dev.rpcwall.emit.cmd.CmdHostSettings#rollbackProblems} for the
   * cmd.exe targets: on a {@link Model} of the registry and WMI's host, apply then rollback
   * leaves a host without RPC settings (WMI shared) and one with earlier values (WMI standalone)
   * as they were, and does not undo the RPC values and fixed port of a policy applied since.
   */
  /**
   * The rollback task, read with {@link PowerShellReader#tasks}: registered by the apply script
   * before its first change (else the reader fails), deleted by the rollback and the confirm
   * script.
   */
  @Override
  public List<String> confirmProblems(
      ScriptInput input, String apply, String rollback, java.util.Optional<String> confirm) {
    PowerShellReader reader = new PowerShellReader();
    List<String> problems = new ArrayList<>();
    var a = tasks(reader, PowerShellEmitter.applyName(input.fileBase()), apply, problems);
    var r = tasks(reader, PowerShellEmitter.rollbackName(input.fileBase()), rollback, problems);
    var c = confirm.map(text ->
        tasks(reader, PowerShellEmitter.confirmName(input.fileBase()), text, problems));
    if (!problems.isEmpty()) {
      return problems;
    }
    return dev.rpcwall.emit.confirm.ConfirmedApply.problems(input,
        dev.rpcwall.emit.confirm.ConfirmedApply.protectedCopy(input.slug(),
            PowerShellEmitter.rollbackName(input.fileBase())), a, r, c);
  }

  private static dev.rpcwall.emit.confirm.ConfirmedApply.TaskEffects tasks(
      PowerShellReader reader, String name, String text, List<String> problems) {
    var read = reader.tasks(new dev.rpcwall.compiler.source.SourceFile(name, text));
    for (var d : read.diagnostics()) {
      if (d.severity() == dev.rpcwall.compiler.diag.Severity.ERROR) {
        problems.add(name + ": " + d.span().location() + ": " + d.message());
      }
    }
    return read.value().orElse(dev.rpcwall.emit.confirm.ConfirmedApply.TaskEffects.none());
  }

  @Override
  public List<String> hostSettingsProblems(ScriptInput input, String apply, String rollback) {
    List<String> problems = new ArrayList<>();
    for (boolean earlier : new boolean[] {false, true}) {
      Model host = new Model(earlier ? EARLIER_RPC : null, earlier);
      String before = host.toString();
      host.run(apply);
      host.run(rollback);
      if (!host.toString().equals(before)) {
        problems.add("apply then rollback "
            + (earlier ? "on a host with earlier RPC settings, WMI standalone" : "on a host without RPC settings, WMI shared")
            + " leaves " + host + " where the host had " + before);
      }
    }
    Model other = new Model(EARLIER_RPC, false);
    other.run(apply);
    String otherState = PsRuntime.STATE_ROOT + "\\" + input.slug() + "-other";
    other.set(PsRuntime.KEY, "Ports", "7000-7100");
    other.set(PsRuntime.KEY, "PortsInternetAvailable", "Y");
    other.set(PsRuntime.KEY, "UseInternetPorts", "Y");
    other.set(otherState, PsRuntime.RPC_SAVED, "1");
    other.set(otherState, PsRuntime.WMI_SAVED, other.wmiStandalone ? "standalone" : "shared");
    other.wmiStandalone = true;
    Map<String, String> others = other.values(PsRuntime.KEY);
    other.run(rollback);
    if (!others.equals(other.values(PsRuntime.KEY))) {
      problems.add("apply then rollback undoes another policy's RPC values " + others
          + ": they became " + other.values(PsRuntime.KEY));
    }
    if (!other.wmiStandalone) {
      problems.add("apply then rollback moves WMI back to the shared host while another policy"
          + " still sets the fixed port");
    }
    return problems;
  }

  /**
   * The registry and WMI's host as the host-settings steps of the scripts change them, for this
   * computer's store: the helpers' effects as {@link PsRuntime} documents them (the same names the
   * reader trusts), the RPC values the script writes, and {@code winmgmt}. Function bodies and the
   * catch block are not run (the proof runs without a failing step).
   */
  static final class Model {
    private final Map<String, Map<String, String>> registry = new TreeMap<>();
    boolean wmiStandalone;
    private String state;

    Model(Map<String, String> rpc, boolean wmiStandalone) {
      if (rpc != null) {
        rpc.forEach((n, v) -> set(PsRuntime.KEY, n, v));
      }
      this.wmiStandalone = wmiStandalone;
    }

    private static String norm(String key) {
      return key.toUpperCase(Locale.ROOT);
    }

    void set(String key, String name, String value) {
      Map<String, String> v = registry.computeIfAbsent(norm(key), k -> new TreeMap<>());
      if (value == null) {
        v.remove(name);
      } else {
        v.put(name, value);
      }
    }

    Map<String, String> values(String key) {
      Map<String, String> v = registry.get(norm(key));
      return v == null ? Map.of() : Map.copyOf(v);
    }

    boolean exists(String key) {
      return registry.containsKey(norm(key));
    }

    void remove(String key) {
      String k = norm(key);
      registry.keySet().removeIf(x -> x.equals(k) || x.startsWith(k + "\\"));
    }

    void dropIfEmpty(String key) {
      String k = norm(key);
      Map<String, String> v = registry.get(k);
      if (v != null && v.isEmpty() && registry.keySet().stream().noneMatch(x -> x.startsWith(k + "\\"))) {
        registry.remove(k);
      }
    }

    @Override
    public String toString() {
      Map<String, Map<String, String>> view = new TreeMap<>();
      registry.forEach((k, v) -> {
        if (!v.isEmpty()) {
          view.put(k, v);
        }
      });
      return view + (wmiStandalone ? " with WMI in its own host" : " with WMI in the shared host");
    }

    void run(String script) {
      boolean inFunction = false;
      boolean inCatch = false;
      String skipUntil = null;
      for (int at = 0, end; at < script.length(); at = end + 2) {
        end = script.indexOf("\r\n", at);
        if (end < 0) {
          end = script.length();
        }
        // Lines of addresses are long and never a host-settings step: they are not copied.
        int text = at;
        while (text < end && script.charAt(text) == ' ') {
          text++;
        }
        if (script.startsWith("-RemoteAddress ", text) || script.startsWith("-LocalAddress ", text)) {
          continue;
        }
        String line = script.substring(at, end);
        if (inFunction) {
          inFunction = !line.equals("}");
          continue;
        }
        if (inCatch) {
          inCatch = !line.equals("}");
          continue;
        }
        if (skipUntil != null) {
          if (line.equals(skipUntil)) {
            skipUntil = null;
          }
          continue;
        }
        String t = line.strip();
        Matcher m;
        if (line.startsWith("function ")) {
          inFunction = true;
        } else if (line.equals("} catch {")) {
          inCatch = true;
        } else if (t.startsWith("if ($PolicyStore -ne 'PersistentStore'")) {
          skipUntil = line.substring(0, line.length() - t.length()) + "}";
        } else if ((m = STATE.matcher(line)).matches()) {
          state = m.group(1);
        } else if (t.equals(PsRuntime.SAVE_REGISTRY + " -State $RpcwallState")) {
          saveRegistry();
        } else if ((m = RPC_VALUE.matcher(t)).matches()) {
          set(PsRuntime.KEY, m.group(1), list(m.group(2)));
        } else if ((m = WRITTEN.matcher(t)).matches()) {
          String w = state + "\\" + PsRuntime.WRITTEN_KEY;
          set(w, "Ports", list(m.group(1)));
          set(w, "PortsInternetAvailable", "Y");
          set(w, "UseInternetPorts", "Y");
        } else if (t.equals(PsRuntime.RESTORE_BACKUP + " -State $RpcwallState")) {
          restoreBackup();
        } else if (t.equals(PsRuntime.SAVE_WMI + " -State $RpcwallState")) {
          set(PsRuntime.STATE_ROOT, "", null);
          if (!values(state).containsKey(PsRuntime.WMI_SAVED)) {
            set(state, PsRuntime.WMI_SAVED, wmiStandalone ? "standalone" : "shared");
          }
        } else if (t.equals("& winmgmt.exe -standalonehost")) {
          wmiStandalone = true;
        } else if (t.equals("& winmgmt.exe -sharedhost")) {
          wmiStandalone = false;
        } else if (t.startsWith(PsRuntime.RESTORE_WMI + " -State $RpcwallState")) {
          restoreWmi(t.endsWith(" -OrHandOver"));
        }
        // Move-RpcwallState / Remove-RpcwallReplacedState act on replaced policies' state,
        // which the proof's hosts do not have; rules are the readers' part of the proof.
      }
    }

    /** {@code @('a', 'b')} or {@code 'Y'} as the model keeps it: a,b / Y. */
    private static String list(String text) {
      String t = text.startsWith("@(") ? text.substring(2, text.length() - 1) : text;
      return String.join(",", List.of(t.replace("'", "").split(",\\s*")));
    }

    private void saveRegistry() {
      set(PsRuntime.STATE_ROOT, "", null);
      set(state, "", null);
      Map<String, String> v = values(state);
      if (v.containsKey(PsRuntime.RPC_SAVED) || v.containsKey(PsRuntime.RPC_ABSENT)) {
        return;
      }
      if (!exists(PsRuntime.KEY)) {
        set(state, PsRuntime.RPC_ABSENT, "1");
        return;
      }
      String backup = state + "\\" + PsRuntime.BACKUP_KEY;
      remove(backup);
      values(PsRuntime.KEY).forEach((n, d) -> set(backup, n, d));
      set(state, PsRuntime.RPC_SAVED, "1");
    }

    private void restoreBackup() {
      Map<String, String> v = values(state);
      if (!v.containsKey(PsRuntime.RPC_SAVED) && !v.containsKey(PsRuntime.RPC_ABSENT)) {
        return;
      }
      String backup = state + "\\" + PsRuntime.BACKUP_KEY;
      String written = state + "\\" + PsRuntime.WRITTEN_KEY;
      boolean ours = exists(PsRuntime.KEY) && exists(written);
      for (String name : List.of("Ports", "PortsInternetAvailable", "UseInternetPorts")) {
        String now = values(PsRuntime.KEY).get(name);
        ours &= now != null && now.equals(values(written).get(name));
      }
      if (!ours) {
        return;
      }
      remove(PsRuntime.KEY);
      if (v.containsKey(PsRuntime.RPC_SAVED)) {
        Map<String, String> saved = values(backup);
        set(PsRuntime.KEY, "", null);
        saved.forEach((n, d) -> set(PsRuntime.KEY, n, d));
      }
      remove(backup);
      remove(written);
      set(state, PsRuntime.RPC_SAVED, null);
      set(state, PsRuntime.RPC_ABSENT, null);
      dropIfEmpty(state);
      dropIfEmpty(PsRuntime.STATE_ROOT);
    }

    private void restoreWmi(boolean orHandOver) {
      String root = PsRuntime.STATE_ROOT;
      boolean own = values(state).containsKey(PsRuntime.WMI_SAVED);
      boolean handed = values(root).containsKey(PsRuntime.WMI_SHARED);
      if (!own && !(orHandOver && handed)) {
        return;
      }
      if (own) {
        if ("shared".equals(values(state).get(PsRuntime.WMI_SAVED))) {
          set(root, PsRuntime.WMI_SHARED, "1");
        }
        set(state, PsRuntime.WMI_SAVED, null);
      }
      String prefix = norm(root) + "\\";
      boolean held = registry.entrySet().stream().anyMatch(e -> e.getKey().startsWith(prefix)
          && e.getKey().indexOf('\\', prefix.length()) < 0
          && e.getValue().containsKey(PsRuntime.WMI_SAVED));
      if (!held) {
        if (wmiStandalone && values(root).containsKey(PsRuntime.WMI_SHARED)) {
          wmiStandalone = false;
        }
        set(root, PsRuntime.WMI_SHARED, null);
      }
      dropIfEmpty(state);
      dropIfEmpty(root);
    }

    private static final Pattern STATE = Pattern.compile("^\\$RpcwallState = '([^']*)'$");
    private static final Pattern RPC_VALUE = Pattern.compile("^\\$null = New-ItemProperty -Path '"
        + Pattern.quote(PsRuntime.KEY) + "' -Name '(\\w+)' -PropertyType \\w+ -Value (.*) -Force$");
    private static final Pattern WRITTEN =
        Pattern.compile("^" + PsRuntime.SET_WRITTEN + " -State \\$RpcwallState -Ports (.*)$");
  }
}
