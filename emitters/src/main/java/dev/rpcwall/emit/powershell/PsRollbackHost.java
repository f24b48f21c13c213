package dev.rpcwall.emit.powershell;

import dev.rpcwall.compiler.lower.RuleNames;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.emit.RollbackHost;
import java.util.ArrayList;
import java.util.List;

/**
 * The PowerShell target's host for the rollback proof. The rollback finds the policy's rules by
 * their group, so the state that matters for rules is the group itself: a rule of an earlier
 * failed run is in it whether or not the state folder survived. The host's rules are created right
 * after the rollback's preamble, before anything it removes. When the state moves elsewhere, this
 * is the one place to follow it.
 */
public final class PsRollbackHost implements RollbackHost<ScriptInput> {
  private static final String NEW_RULE = "$null = New-NetFirewallRule ";
  private static final String PREAMBLE_END = "$ErrorActionPreference = 'Stop'";

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
    int at = rollback.indexOf("\r\n", stop) + 2;
    return rollback.substring(0, at) + String.join("\r\n", host) + "\r\n" + rollback.substring(at);
  }

  private static String create(String name, String displayName, String group, String action) {
    return NEW_RULE + "-Name " + PowerShellQuoting.quote(name) + " -DisplayName "
        + PowerShellQuoting.quote(displayName) + " -Group " + PowerShellQuoting.quote(group)
        + " -Direction Inbound -Action " + action + " -Protocol TCP -LocalPort '135'"
        + " -RemoteAddress Any -Profile Any -PolicyStore $PolicyStore";
  }
}
