package dev.rpcwall.emit.powershell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The helper functions the emitted scripts define: the undo journal, moving an earlier run's rules
 * aside, and the RPC registry backup. They are fixed text, so the reader recognises them by
 * comparing text (any edit makes them unknown) and knows their effect without reading their
 * bodies. None of them creates a firewall rule.
 *
 * <p>The journal ({@code $script:RpcwallUndo}) holds one entry per change, undone in reverse order:
 * {@code rule} (created: removed again), {@code moved} (an earlier run's rule renamed aside: renamed
 * back), {@code registry} (the RPC values as they were before this run, as JSON text: put back),
 * {@code backup} (a backup file this run wrote: deleted) and {@code winmgmt}.
 */
final class PsRuntime {
  private PsRuntime() {}

  static final String KEY = "HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet";

  static final String ADD_UNDO = "Add-RpcwallUndo";
  static final String UNDO = "Undo-RpcwallChanges";
  static final String MOVE_ASIDE = "Move-RpcwallRulesAside";
  static final String REMOVE_MOVED = "Remove-RpcwallMovedRules";
  static final String READ_REGISTRY = "Get-RpcwallRegistry";
  static final String SAVE_REGISTRY = "Save-RpcwallRegistry";
  static final String RESTORE_REGISTRY = "Restore-RpcwallRegistry";
  static final String RESTORE_BACKUP = "Restore-RpcwallBackup";
  static final String ASSERT_STATE = "Assert-RpcwallStateKey";
  static final String NEW_STATE = "New-RpcwallStateKey";
  static final String SET_WRITTEN = "Set-RpcwallWritten";
  static final String CHECK_PROFILES = "Assert-RpcwallProfiles";
  static final String MOVE_STATE = "Move-RpcwallState";

  /** The parent of every policy's state key. */
  static final String STATE_ROOT = "HKLM:\\SOFTWARE\\rpcwall";

  /** The subkey of a policy's state key that holds the RPC values from before rpcwall. */
  static final String BACKUP_KEY = "rpc-backup";

  /** Well-known SIDs (MS-DTYP 2.4.2.4): LocalSystem and BUILTIN\\Administrators. */
  static final String SYSTEM_SID = "S-1-5-18";

  static final String ADMINS_SID = "S-1-5-32-544";

  /** Inserted between a rule's name and a unique suffix while the rule is moved aside. */
  static final String ASIDE_MARK = "~rpcwall-old-";

  /** Function name to its lines, in the order they are written. */
  static final Map<String, List<String>> FUNCTIONS = new LinkedHashMap<>();

  static {
    FUNCTIONS.put(
        ADD_UNDO,
        List.of(
            "function Add-RpcwallUndo {",
            "    # Journal of the changes this run made, undone in reverse order on failure.",
            "    param([string] $Kind, [string] $Item, [string] $Other)",
            "    $script:RpcwallUndo += , @($Kind, $Item, $Other)",
            "}"));
    FUNCTIONS.put(
        UNDO,
        List.of(
            "function Undo-RpcwallChanges {",
            "    # Newest change first: the new rules are removed before the rules they replaced get",
            "    # their names back.",
            "    param([hashtable] $Store)",
            "    if ($null -eq $script:RpcwallUndo) { return }",
            "    $steps = @($script:RpcwallUndo)",
            "    [array]::Reverse($steps)",
            "    foreach ($step in $steps) {",
            "        try {",
            "            switch ($step[0]) {",
            "                'rule' { Remove-NetFirewallRule -Name $step[1] @Store }",
            "                'moved' { Rename-NetFirewallRule -Name $step[2] -NewName $step[1] @Store }",
            "                'registry' { Restore-RpcwallRegistry -State $step[1] }",
            "                'backup' { if (Test-Path -LiteralPath $step[1]) { Remove-Item -LiteralPath $step[1] -Recurse } }",
            "                'written' {",
            "                    if ([string]::IsNullOrEmpty($step[2])) {",
            "                        Remove-ItemProperty -LiteralPath $step[1] -Name 'WrittenPorts' -ErrorAction SilentlyContinue",
            "                    } else {",
            "                        $null = New-ItemProperty -LiteralPath $step[1] -Name 'WrittenPorts' -PropertyType MultiString -Value ([string[]] ($step[2] -split ',')) -Force",
            "                    }",
            "                }",
            "                'statemove' { Move-Item -LiteralPath $step[2] -Destination $step[1] }",
            "                'key' {",
            "                    $item = Get-Item -LiteralPath $step[1] -ErrorAction SilentlyContinue",
            "                    if ($null -ne $item -and $item.SubKeyCount -eq 0 -and $item.ValueCount -eq 0) { Remove-Item -LiteralPath $step[1] }",
            "                }",
            "                'winmgmt' {",
            "                    & winmgmt.exe -sharedhost | Out-Null",
            "                    Restart-Service -Name winmgmt -Force",
            "                }",
            "            }",
            "        } catch {",
            "            Write-Warning ('rpcwall: could not undo ' + $step[0] + ' ' + $step[1] + ': ' + $_)",
            "        }",
            "    }",
            "    $script:RpcwallUndo = @()",
            "}"));
    // -Name is the rule's identity, unique per store (windows-semantics.md 4.1), so the new rules
    // can only be created once the old ones have other names. Rename-NetFirewallRule changes
    // only -Name and takes -PolicyStore or -GPOSession with -Name (Rename-NetFirewallRule
    // reference, NetSecurity; not yet in windows-semantics.md). $Store is the script's
    // $RpcwallStore, splatted: @{ PolicyStore = ... } for this computer, @{ GPOSession = ... }
    // for a GPO, so that every change of a run goes into one cached copy of the GPO (issue 12
    // point 7; Open-NetGPO and Save-NetGPO references, NetSecurity). Get-NetFirewallRule reports an error when no rule matches (observed,
    // UNCONFIRMED by a reference page), hence SilentlyContinue; a store that cannot be read then
    // makes New-NetFirewallRule fail on the same store, which undoes the run.
    FUNCTIONS.put(
        MOVE_ASIDE,
        List.of(
            "function Move-RpcwallRulesAside {",
            "    # Renames the rules of the group (an earlier run's) so that the new rules can take",
            "    # their names; they go on enforcing until Remove-RpcwallMovedRules. Each rename is",
            "    # journalled, so a failed run gives them their names back.",
            "    param([string] $Group, [hashtable] $Store)",
            "    $found = @(Get-NetFirewallRule -Group $Group @Store -ErrorAction SilentlyContinue)",
            "    foreach ($rule in $found) {",
            "        $aside = $rule.Name + '" + ASIDE_MARK + "' + [guid]::NewGuid().ToString('N')",
            "        Rename-NetFirewallRule -Name $rule.Name -NewName $aside @Store",
            "        Add-RpcwallUndo -Kind 'moved' -Item $rule.Name -Other $aside",
            "        $script:RpcwallMoved += , @($Group, $aside)",
            "    }",
            "}"));
    FUNCTIONS.put(
        REMOVE_MOVED,
        List.of(
            "function Remove-RpcwallMovedRules {",
            "    # Removes the rules moved aside from the group, once every step of the run succeeded.",
            "    # One that cannot be removed stays in the group, where the next run or the rollback",
            "    # removes it; the run still fails, so that the error is seen.",
            "    param([string] $Group, [hashtable] $Store)",
            "    if ($null -eq $script:RpcwallMoved) { return }",
            "    $failed = @()",
            "    foreach ($moved in @($script:RpcwallMoved)) {",
            "        if ($moved[0] -ne $Group) { continue }",
            "        try {",
            "            Remove-NetFirewallRule -Name $moved[1] @Store",
            "        } catch {",
            "            $failed += $moved[1]",
            "        }",
            "    }",
            "    if ($failed.Count -gt 0) {",
            "        throw ('rpcwall: the new rules are in place, but these rules of the earlier run could not be removed: ' + ($failed -join ', ') + '. Run the script again to remove them.')",
            "    }",
            "}"));
    // The state lives under HKLM\SOFTWARE\rpcwall\<slug> (docs/targets/powershell.md, "State"):
    // HKLM\SOFTWARE grants Users read only, so no standard user can create the key first; the
    // keys are still created with an explicit protected ACL and checked before every read,
    // because an earlier tool or an administrator may have loosened the ACL of the parent.
    // Owner and trustees are compared by SID (S-1-5-18 SYSTEM, S-1-5-32-544 Administrators), so
    // the check does not depend on the system language (well-known SIDs, MS-DTYP 2.4.2.4).
    FUNCTIONS.put(
        ASSERT_STATE,
        List.of(
            "function Assert-RpcwallStateKey {",
            "    # Refuses a state key that anyone but SYSTEM and Administrators could have written:",
            "    # its owner and every rule that grants a write right must be one of those two.",
            "    param([string] $Path)",
            "    if (-not (Test-Path -LiteralPath $Path)) { return }",
            "    $trusted = @('" + SYSTEM_SID + "', '" + ADMINS_SID + "')",
            "    $acl = Get-Acl -LiteralPath $Path",
            "    $owner = $acl.GetOwner([System.Security.Principal.SecurityIdentifier]).Value",
            "    if ($trusted -notcontains $owner) {",
            "        throw ('rpcwall: refusing the state key ' + $Path + ': its owner is ' + $owner + ', not SYSTEM or Administrators, so it may have been planted. Nothing was read from it. Check it, delete it, and run the script again.')",
            "    }",
            "    $write = [System.Security.AccessControl.RegistryRights] 'SetValue, CreateSubKey, CreateLink, Delete, ChangePermissions, TakeOwnership'",
            "    foreach ($rule in $acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])) {",
            "        if ($rule.AccessControlType -eq 'Allow' -and ($rule.RegistryRights -band $write) -and $trusted -notcontains $rule.IdentityReference.Value) {",
            "            throw ('rpcwall: refusing the state key ' + $Path + ': ' + $rule.IdentityReference.Value + ' may change it (' + $rule.RegistryRights + '), so it may have been planted. Nothing was read from it. Check it, delete it, and run the script again.')",
            "        }",
            "    }",
            "}"));
    FUNCTIONS.put(
        NEW_STATE,
        List.of(
            "function New-RpcwallStateKey {",
            "    # Creates a state key owned by Administrators that only SYSTEM and Administrators may",
            "    # change (no inherited rules), or checks the one that exists.",
            "    param([string] $Path)",
            "    if (-not (Test-Path -LiteralPath $Path)) {",
            "        $null = New-Item -Path $Path",
            "        $acl = New-Object -TypeName System.Security.AccessControl.RegistrySecurity",
            "        $acl.SetAccessRuleProtection($true, $false)",
            "        foreach ($sid in @('" + SYSTEM_SID + "', '" + ADMINS_SID + "')) {",
            "            $id = New-Object -TypeName System.Security.Principal.SecurityIdentifier -ArgumentList $sid",
            "            $acl.AddAccessRule((New-Object -TypeName System.Security.AccessControl.RegistryAccessRule -ArgumentList $id, 'FullControl', 'ContainerInherit', 'None', 'Allow'))",
            "        }",
            "        $acl.SetOwner((New-Object -TypeName System.Security.Principal.SecurityIdentifier -ArgumentList '" + ADMINS_SID + "'))",
            "        Set-Acl -LiteralPath $Path -AclObject $acl",
            "        Add-RpcwallUndo -Kind 'key' -Item $Path",
            "    }",
            "    Assert-RpcwallStateKey -Path $Path",
            "}"));
    FUNCTIONS.put(
        READ_REGISTRY,
        List.of(
            "function Get-RpcwallRegistry {",
            "    # The RPC values as they are now, as JSON text (kept in memory for the undo).",
            "    $key = '" + KEY + "'",
            "    $state = [ordered]@{ KeyExisted = [bool](Test-Path -LiteralPath $key); Values = [ordered]@{} }",
            "    if ($state.KeyExisted) {",
            "        $item = Get-Item -LiteralPath $key",
            "        foreach ($name in @('Ports', 'PortsInternetAvailable', 'UseInternetPorts')) {",
            "            if ($item.GetValueNames() -contains $name) {",
            "                $state.Values[$name] = [ordered]@{",
            "                    Kind = $item.GetValueKind($name).ToString()",
            "                    Data = @($item.GetValue($name, $null, 'DoNotExpandEnvironmentNames'))",
            "                }",
            "            }",
            "        }",
            "    }",
            "    ConvertTo-Json -InputObject $state -Depth 4",
            "}"));
    // The undo restores the values of before this run (kept in memory); the backup key keeps
    // those of before rpcwall, so a later rollback still finds them. WrittenPorts records what
    // this policy wrote, so that a rollback can tell whether the values are still its own; the
    // journal keeps the earlier record joined with ',' (no Ports entry contains one, 6.1).
    FUNCTIONS.put(
        SAVE_REGISTRY,
        List.of(
            "function Save-RpcwallRegistry {",
            "    # Journals the RPC values as they are before this run changes them, so a failed run",
            "    # puts back exactly those, and copies them into the backup key the rollback reads",
            "    # (KeyMissing=1 when the RPC key did not exist). A backup of an earlier run holds the",
            "    # values from before rpcwall and is kept once checked; the undo deletes only a backup",
            "    # this run wrote.",
            "    param([string] $State)",
            "    $before = Get-RpcwallRegistry",
            "    Add-RpcwallUndo -Kind 'registry' -Item $before",
            "    New-RpcwallStateKey -Path '" + STATE_ROOT + "'",
            "    New-RpcwallStateKey -Path $State",
            "    $backup = $State + '\\" + BACKUP_KEY + "'",
            "    if (Test-Path -LiteralPath $backup) {",
            "        Assert-RpcwallStateKey -Path $backup",
            "        $old = @((Get-Item -LiteralPath $backup).GetValue('WrittenPorts', $null)) -join ','",
            "        Add-RpcwallUndo -Kind 'written' -Item $backup -Other $old",
            "        return",
            "    }",
            "    New-RpcwallStateKey -Path $backup",
            "    Add-RpcwallUndo -Kind 'backup' -Item $backup",
            "    $saved = ConvertFrom-Json -InputObject $before",
            "    if (-not $saved.KeyExisted) {",
            "        $null = New-ItemProperty -LiteralPath $backup -Name 'KeyMissing' -PropertyType DWord -Value 1 -Force",
            "    }",
            "    foreach ($name in @('Ports', 'PortsInternetAvailable', 'UseInternetPorts')) {",
            "        $value = $saved.Values.$name",
            "        if ($null -eq $value) { continue }",
            "        if ($value.Kind -eq 'MultiString') {",
            "            $null = New-ItemProperty -LiteralPath $backup -Name $name -PropertyType MultiString -Value ([string[]] $value.Data) -Force",
            "        } else {",
            "            $null = New-ItemProperty -LiteralPath $backup -Name $name -PropertyType $value.Kind -Value $value.Data[0] -Force",
            "        }",
            "    }",
            "}"));
    FUNCTIONS.put(
        SET_WRITTEN,
        List.of(
            "function Set-RpcwallWritten {",
            "    # Records in the backup key the Ports value this policy wrote (Save-RpcwallRegistry",
            "    # journalled the earlier record).",
            "    param([string] $State, [string[]] $Ports)",
            "    $backup = $State + '\\" + BACKUP_KEY + "'",
            "    $null = New-ItemProperty -LiteralPath $backup -Name 'WrittenPorts' -PropertyType MultiString -Value $Ports -Force",
            "}"));
    FUNCTIONS.put(
        RESTORE_REGISTRY,
        List.of(
            "function Restore-RpcwallRegistry {",
            "    # Puts back the RPC values of a state written by Get-RpcwallRegistry.",
            "    param([string] $State)",
            "    $saved = ConvertFrom-Json -InputObject $State",
            "    $key = '" + KEY + "'",
            "    if (-not $saved.KeyExisted) {",
            "        if (Test-Path -LiteralPath $key) { Remove-Item -LiteralPath $key -Recurse }",
            "        return",
            "    }",
            "    if (-not (Test-Path -LiteralPath $key)) { $null = New-Item -Path $key }",
            "    foreach ($name in @('Ports', 'PortsInternetAvailable', 'UseInternetPorts')) {",
            "        $value = $saved.Values.$name",
            "        if ($null -eq $value) {",
            "            Remove-ItemProperty -LiteralPath $key -Name $name -ErrorAction SilentlyContinue",
            "        } elseif ($value.Kind -eq 'MultiString') {",
            "            $null = New-ItemProperty -LiteralPath $key -Name $name -PropertyType MultiString -Value ([string[]] $value.Data) -Force",
            "        } else {",
            "            $null = New-ItemProperty -LiteralPath $key -Name $name -PropertyType $value.Kind -Value $value.Data[0] -Force",
            "        }",
            "    }",
            "}"));
    // The RPC key is host-global: another policy (or an administrator) may have set it since.
    // The backup is put back only while the values are exactly the ones this policy recorded as
    // written; otherwise they are left alone and the backup kept, with a warning naming it.
    FUNCTIONS.put(
        RESTORE_BACKUP,
        List.of(
            "function Restore-RpcwallBackup {",
            "    # Puts back the RPC values from before rpcwall, from the backup key, once the state",
            "    # keys are proven to be SYSTEM's and Administrators' alone, and only while the RPC",
            "    # values are still the ones this policy wrote; then deletes the backup.",
            "    param([string] $State)",
            "    Assert-RpcwallStateKey -Path '" + STATE_ROOT + "'",
            "    Assert-RpcwallStateKey -Path $State",
            "    $backup = $State + '\\" + BACKUP_KEY + "'",
            "    if (-not (Test-Path -LiteralPath $backup)) {",
            "        Write-Warning ('rpcwall: no backup at ' + $backup + '; RPC registry values left as they are')",
            "        return",
            "    }",
            "    Assert-RpcwallStateKey -Path $backup",
            "    $saved = Get-Item -LiteralPath $backup",
            "    $key = '" + KEY + "'",
            "    $now = $null",
            "    if (Test-Path -LiteralPath $key) { $now = Get-Item -LiteralPath $key }",
            "    $written = @($saved.GetValue('WrittenPorts', $null))",
            "    $ours = $null -ne $now -and $saved.GetValueNames() -contains 'WrittenPorts'",
            "    if ($ours) {",
            "        $ports = @($now.GetValue('Ports', $null))",
            "        $ours = $now.GetValueNames() -contains 'Ports' -and $now.GetValueKind('Ports') -eq 'MultiString' -and ($ports -join ',') -ceq ($written -join ',') -and 'Y' -eq $now.GetValue('PortsInternetAvailable', $null) -and 'Y' -eq $now.GetValue('UseInternetPorts', $null)",
            "    }",
            "    if (-not $ours) {",
            "        Write-Warning ('rpcwall: the RPC values in ' + $key + ' are no longer the ones this policy wrote (another policy or an administrator changed them); they are left as they are, and the values from before rpcwall stay in ' + $backup)",
            "        return",
            "    }",
            "    if ($saved.GetValueNames() -contains 'KeyMissing') {",
            "        Remove-Item -LiteralPath $key -Recurse",
            "    } else {",
            "        foreach ($name in @('Ports', 'PortsInternetAvailable', 'UseInternetPorts')) {",
            "            if ($saved.GetValueNames() -contains $name) {",
            "                $null = New-ItemProperty -LiteralPath $key -Name $name -PropertyType $saved.GetValueKind($name).ToString() -Value $saved.GetValue($name, $null, 'DoNotExpandEnvironmentNames') -Force",
            "            } else {",
            "                Remove-ItemProperty -LiteralPath $key -Name $name -ErrorAction SilentlyContinue",
            "            }",
            "        }",
            "    }",
            "    Remove-Item -LiteralPath $backup -Recurse",
            "    foreach ($path in @($State, '" + STATE_ROOT + "')) {",
            "        $item = Get-Item -LiteralPath $path",
            "        if ($item.SubKeyCount -eq 0 -and $item.ValueCount -eq 0) { Remove-Item -LiteralPath $path }",
            "    }",
            "}"));
    // Policy.replaces(): the policy takes over the state of a policy it replaces. Move-Item on
    // the registry provider moves a key with its values and subkeys under -Destination
    // (Move-Item reference, example "move a registry key"); the key keeps its own protected ACL,
    // and both ends are checked before and after.
    FUNCTIONS.put(
        MOVE_STATE,
        List.of(
            "function Move-RpcwallState {",
            "    # Takes over the RPC backup of a policy this one replaces, when this policy has none:",
            "    # it holds the values from before rpcwall. Journalled, so a failed run moves it back.",
            "    param([string] $From, [string] $To)",
            "    Assert-RpcwallStateKey -Path '" + STATE_ROOT + "'",
            "    Assert-RpcwallStateKey -Path $From",
            "    $old = $From + '\\" + BACKUP_KEY + "'",
            "    $new = $To + '\\" + BACKUP_KEY + "'",
            "    if (-not (Test-Path -LiteralPath $old)) { return }",
            "    Assert-RpcwallStateKey -Path $old",
            "    New-RpcwallStateKey -Path '" + STATE_ROOT + "'",
            "    New-RpcwallStateKey -Path $To",
            "    if (Test-Path -LiteralPath $new) {",
            "        Write-Warning ('rpcwall: ' + $To + ' already holds a backup; the one in ' + $From + ' is left where it is')",
            "        return",
            "    }",
            "    Move-Item -LiteralPath $old -Destination $To",
            "    Add-RpcwallUndo -Kind 'statemove' -Item $From -Other $new",
            "    Assert-RpcwallStateKey -Path $new",
            "}"));
    // windows-semantics.md 2.1 rules 7-8, 2.3 rule 3 and 4.4: a profile whose firewall is off
    // blocks nothing, AllowInboundRules False ignores every inbound rule, AllowLocalFirewallRules
    // False ignores the local store's rules, and DefaultInboundAction Allow lets through what no
    // rule matches (this matters when the policy's default is block). ActiveStore holds the
    // merged, effective values.
    FUNCTIONS.put(
        CHECK_PROFILES,
        List.of(
            "function Assert-RpcwallProfiles {",
            "    # Names each profile of the policy that would not enforce it, and stops unless the",
            "    # script runs with -Force.",
            "    param([string[]] $Profiles, [string] $PolicyStore, [string] $Stage, [switch] $DefaultBlock)",
            "    $problems = @()",
            "    foreach ($p in @(Get-NetFirewallProfile -PolicyStore ActiveStore)) {",
            "        $name = [string] $p.Name",
            "        if ($Profiles -notcontains $name) { continue }",
            "        if ([string] $p.Enabled -ne 'True') { $problems += ($name + ': the firewall is off, so nothing is blocked') }",
            "        if ([string] $p.AllowInboundRules -eq 'False') { $problems += ($name + ': AllowInboundRules is False (shields up), so every inbound rule, allow rules included, is ignored') }",
            "        if ($PolicyStore -eq 'PersistentStore' -and [string] $p.AllowLocalFirewallRules -eq 'False') { $problems += ($name + ': a GPO sets AllowLocalFirewallRules False, so the rules of this computer are ignored') }",
            "        if ($DefaultBlock -and [string] $p.DefaultInboundAction -eq 'Allow') { $problems += ($name + ': DefaultInboundAction is Allow, so traffic no rule matches is let in although the policy blocks it') }",
            "    }",
            "    if ($problems.Count -eq 0) { return }",
            "    foreach ($problem in $problems) { Write-Warning ('rpcwall (' + $Stage + '): profile ' + $problem) }",
            "    if ($script:Force) {",
            "        Write-Warning 'rpcwall: going on because of -Force; the policy is not enforced in the profiles named above'",
            "    } else {",
            "        throw ('rpcwall (' + $Stage + '): the policy would not be enforced in the profiles named above; fix the profile settings or run again with -Force')",
            "    }",
            "}"));
  }

  /**
   * The helpers each helper calls. The reader takes a helper's effect from its name only while
   * every helper it calls is rpcwall's own text too: a redefined {@code Assert-RpcwallStateKey}
   * would make {@code Restore-RpcwallBackup} read a planted backup.
   */
  static final Map<String, List<String>> CALLS =
      Map.of(
          UNDO, List.of(RESTORE_REGISTRY),
          MOVE_ASIDE, List.of(ADD_UNDO),
          NEW_STATE, List.of(ASSERT_STATE, ADD_UNDO),
          SAVE_REGISTRY, List.of(READ_REGISTRY, ADD_UNDO, NEW_STATE, ASSERT_STATE),
          RESTORE_BACKUP, List.of(ASSERT_STATE),
          MOVE_STATE, List.of(ASSERT_STATE, NEW_STATE, ADD_UNDO));

  /** The definition's text with lines joined by {@code \n}, as the reader compares it. */
  static String text(String name) {
    return String.join("\n", FUNCTIONS.get(name));
  }
}
