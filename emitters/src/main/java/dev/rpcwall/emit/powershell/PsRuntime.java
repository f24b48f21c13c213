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
  static final String REMOVE_REPLACED = "Remove-RpcwallReplacedState";
  static final String SAVE_WMI = "Save-RpcwallWmi";
  static final String RESTORE_WMI = "Restore-RpcwallWmi";
  static final String REGISTER_REVERT = "Register-RpcwallRevert";
  static final String UNREGISTER_REVERT = "Unregister-RpcwallRevert";

  /** The parent of every policy's state key. */
  static final String STATE_ROOT = "HKLM:\\SOFTWARE\\rpcwall";

  /**
   * The state layout every target shares (docs/targets/powershell.md, "State"; the cmd.exe
   * targets write it with reg.exe, {@link dev.rpcwall.emit.cmd.CmdHostSettings}), so that a
   * policy applied with one target can be re-applied or rolled back with another: the subkey
   * holding the RPC values from before rpcwall.
   */
  static final String BACKUP_KEY = dev.rpcwall.emit.cmd.CmdHostSettings.RPC_BACKUP;
  /** The subkey holding the three RPC values as this policy last wrote them. */
  static final String WRITTEN_KEY = dev.rpcwall.emit.cmd.CmdHostSettings.RPC_WRITTEN;
  /** State values: the backup was made / instead, the RPC key did not exist. */
  static final String RPC_SAVED = dev.rpcwall.emit.cmd.CmdHostSettings.RPC_SAVED;
  static final String RPC_ABSENT = dev.rpcwall.emit.cmd.CmdHostSettings.RPC_ABSENT;
  /** State value: WMI's host (shared or standalone) before this policy first set the fixed port. */
  static final String WMI_SAVED = dev.rpcwall.emit.cmd.CmdHostSettings.WMI_SAVED;
  /** Value of the root key: a "shared" record handed over by a policy that stopped first. */
  static final String WMI_SHARED = dev.rpcwall.emit.cmd.CmdHostSettings.WMI_SHARED;
  /** The WMI service's key; its Type is 0x10 (16) when WMI runs in its own process. */
  static final String WMI_SERVICE = "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\Winmgmt";

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
            "                'tree' { if (Test-Path -LiteralPath $step[1]) { Remove-Item -LiteralPath $step[1] -Recurse } }",
            "                'unset' { Remove-ItemProperty -LiteralPath $step[1] -Name $step[2] -ErrorAction SilentlyContinue }",
            "                'written' {",
            "                    $written = $step[1] + '\\" + WRITTEN_KEY + "'",
            "                    if ([string]::IsNullOrEmpty($step[2])) {",
            "                        if (Test-Path -LiteralPath $written) { Remove-Item -LiteralPath $written -Recurse }",
            "                    } else {",
            "                        $null = New-ItemProperty -LiteralPath $written -Name 'Ports' -PropertyType MultiString -Value ([string[]] ($step[2] -split ',')) -Force",
            "                    }",
            "                }",
            "                'key' {",
            "                    $item = Get-Item -LiteralPath $step[1] -ErrorAction SilentlyContinue",
            "                    if ($null -ne $item -and $item.SubKeyCount -eq 0 -and $item.ValueCount -eq 0) { Remove-Item -LiteralPath $step[1] }",
            "                }",
            "                'winmgmt' {",
            "                    if ($step[1] -eq 'shared') {",
            "                        & winmgmt.exe -sharedhost | Out-Null",
            "                        Restart-Service -Name winmgmt -Force",
            "                    }",
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
            "        if ($rule.PropagationFlags -band [System.Security.AccessControl.PropagationFlags]::InheritOnly) { continue }",
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
            "    # puts back exactly those. On the first run it also records, in the state key, the",
            "    # values from before rpcwall (RpcSaved=1 and a copy in rpc-backup, or RpcAbsent=1",
            "    # when the RPC key did not exist); a later run keeps that first record.",
            "    param([string] $State)",
            "    $before = Get-RpcwallRegistry",
            "    Add-RpcwallUndo -Kind 'registry' -Item $before",
            "    New-RpcwallStateKey -Path '" + STATE_ROOT + "'",
            "    New-RpcwallStateKey -Path $State",
            "    $backup = $State + '\\" + BACKUP_KEY + "'",
            "    $names = (Get-Item -LiteralPath $State).GetValueNames()",
            "    if ($names -contains '" + RPC_SAVED + "' -or $names -contains '" + RPC_ABSENT + "') {",
            "        if (Test-Path -LiteralPath $backup) { Assert-RpcwallStateKey -Path $backup }",
            "        return",
            "    }",
            "    $key = '" + KEY + "'",
            "    if (-not (Test-Path -LiteralPath $key)) {",
            "        $null = New-ItemProperty -LiteralPath $State -Name '" + RPC_ABSENT + "' -PropertyType DWord -Value 1 -Force",
            "        Add-RpcwallUndo -Kind 'unset' -Item $State -Other '" + RPC_ABSENT + "'",
            "        return",
            "    }",
            "    # A copy left by a failed run without the record is not trusted: it is made again.",
            "    if (Test-Path -LiteralPath $backup) { Remove-Item -LiteralPath $backup -Recurse }",
            "    New-RpcwallStateKey -Path $backup",
            "    Add-RpcwallUndo -Kind 'tree' -Item $backup",
            "    $item = Get-Item -LiteralPath $key",
            "    foreach ($name in $item.GetValueNames()) {",
            "        $null = New-ItemProperty -LiteralPath $backup -Name $name -PropertyType $item.GetValueKind($name).ToString() -Value $item.GetValue($name, $null, 'DoNotExpandEnvironmentNames') -Force",
            "    }",
            "    $null = New-ItemProperty -LiteralPath $State -Name '" + RPC_SAVED + "' -PropertyType DWord -Value 1 -Force",
            "    Add-RpcwallUndo -Kind 'unset' -Item $State -Other '" + RPC_SAVED + "'",
            "}"));
    FUNCTIONS.put(
        SET_WRITTEN,
        List.of(
            "function Set-RpcwallWritten {",
            "    # Records in rpc-written the three values this policy wrote, so that a rollback can",
            "    # tell whether they are still its own; journals the earlier record.",
            "    param([string] $State, [string[]] $Ports)",
            "    $written = $State + '\\" + WRITTEN_KEY + "'",
            "    $old = ''",
            "    if (Test-Path -LiteralPath $written) {",
            "        Assert-RpcwallStateKey -Path $written",
            "        $old = @((Get-Item -LiteralPath $written).GetValue('Ports', $null)) -join ','",
            "    } else {",
            "        New-RpcwallStateKey -Path $written",
            "    }",
            "    Add-RpcwallUndo -Kind 'written' -Item $State -Other $old",
            "    $null = New-ItemProperty -LiteralPath $written -Name 'Ports' -PropertyType MultiString -Value $Ports -Force",
            "    $null = New-ItemProperty -LiteralPath $written -Name 'PortsInternetAvailable' -PropertyType String -Value 'Y' -Force",
            "    $null = New-ItemProperty -LiteralPath $written -Name 'UseInternetPorts' -PropertyType String -Value 'Y' -Force",
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
            "    # Puts back the RPC values from before rpcwall, once the state keys are proven to be",
            "    # SYSTEM's and Administrators' alone, and only while the three RPC values are still",
            "    # the ones this policy recorded in rpc-written; then deletes the record.",
            "    param([string] $State)",
            "    Assert-RpcwallStateKey -Path '" + STATE_ROOT + "'",
            "    Assert-RpcwallStateKey -Path $State",
            "    $backup = $State + '\\" + BACKUP_KEY + "'",
            "    $written = $State + '\\" + WRITTEN_KEY + "'",
            "    $names = @()",
            "    if (Test-Path -LiteralPath $State) { $names = (Get-Item -LiteralPath $State).GetValueNames() }",
            "    if ($names -notcontains '" + RPC_SAVED + "' -and $names -notcontains '" + RPC_ABSENT + "') {",
            "        Write-Warning ('rpcwall: no saved RPC values in ' + $State + '; RPC registry values left as they are')",
            "        return",
            "    }",
            "    if (Test-Path -LiteralPath $backup) { Assert-RpcwallStateKey -Path $backup }",
            "    if (Test-Path -LiteralPath $written) { Assert-RpcwallStateKey -Path $written }",
            "    $key = '" + KEY + "'",
            "    $ours = (Test-Path -LiteralPath $key) -and (Test-Path -LiteralPath $written)",
            "    if ($ours) {",
            "        $now = Get-Item -LiteralPath $key",
            "        $mine = Get-Item -LiteralPath $written",
            "        foreach ($name in @('Ports', 'PortsInternetAvailable', 'UseInternetPorts')) {",
            "            if ($now.GetValueNames() -notcontains $name -or $mine.GetValueNames() -notcontains $name -or $now.GetValueKind($name) -ne $mine.GetValueKind($name) -or (@($now.GetValue($name, $null)) -join ',') -cne (@($mine.GetValue($name, $null)) -join ',')) { $ours = $false }",
            "        }",
            "    }",
            "    if (-not $ours) {",
            "        Write-Warning ('rpcwall: the RPC values in ' + $key + ' are no longer the ones this policy wrote (another policy or an administrator changed them); they are left as they are, and the values from before rpcwall stay in ' + $State)",
            "        return",
            "    }",
            "    Remove-Item -LiteralPath $key -Recurse",
            "    if ($names -contains '" + RPC_SAVED + "') {",
            "        $null = New-Item -Path $key",
            "        $saved = Get-Item -LiteralPath $backup",
            "        foreach ($name in $saved.GetValueNames()) {",
            "            $null = New-ItemProperty -LiteralPath $key -Name $name -PropertyType $saved.GetValueKind($name).ToString() -Value $saved.GetValue($name, $null, 'DoNotExpandEnvironmentNames') -Force",
            "        }",
            "    }",
            "    foreach ($path in @($backup, $written)) {",
            "        if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path -Recurse }",
            "    }",
            "    Remove-ItemProperty -LiteralPath $State -Name '" + RPC_SAVED + "', '" + RPC_ABSENT + "' -ErrorAction SilentlyContinue",
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
            "    # Takes over the host-settings record of a policy this one replaces, when this policy",
            "    # has none: it holds what the host had before rpcwall. The replaced policy's record",
            "    # is copied, journalled, and removed only once the run succeeded",
            "    # (Remove-RpcwallReplacedState).",
            "    param([string] $From, [string] $To)",
            "    Assert-RpcwallStateKey -Path '" + STATE_ROOT + "'",
            "    Assert-RpcwallStateKey -Path $From",
            "    if (-not (Test-Path -LiteralPath $From)) { return }",
            "    $old = Get-Item -LiteralPath $From",
            "    $oldNames = $old.GetValueNames()",
            "    New-RpcwallStateKey -Path '" + STATE_ROOT + "'",
            "    New-RpcwallStateKey -Path $To",
            "    $names = (Get-Item -LiteralPath $To).GetValueNames()",
            "    if ($oldNames -contains '" + WMI_SAVED + "') {",
            "        $mode = [string] $old.GetValue('" + WMI_SAVED + "', $null)",
            "        if ($names -notcontains '" + WMI_SAVED + "') {",
            "            $null = New-ItemProperty -LiteralPath $To -Name '" + WMI_SAVED + "' -PropertyType String -Value $mode -Force",
            "            Add-RpcwallUndo -Kind 'unset' -Item $To -Other '" + WMI_SAVED + "'",
            "        } elseif ($mode -eq 'shared' -and (Get-Item -LiteralPath '" + STATE_ROOT + "').GetValueNames() -notcontains '" + WMI_SHARED + "') {",
            "            $null = New-ItemProperty -LiteralPath '" + STATE_ROOT + "' -Name '" + WMI_SHARED + "' -PropertyType DWord -Value 1 -Force",
            "            Add-RpcwallUndo -Kind 'unset' -Item '" + STATE_ROOT + "' -Other '" + WMI_SHARED + "'",
            "        }",
            "    }",
            "    if ($oldNames -notcontains '" + RPC_SAVED + "' -and $oldNames -notcontains '" + RPC_ABSENT + "') { return }",
            "    if ($names -contains '" + RPC_SAVED + "' -or $names -contains '" + RPC_ABSENT + "') {",
            "        Write-Warning ('rpcwall: ' + $To + ' already holds saved RPC values; those in ' + $From + ' are left where they are')",
            "        return",
            "    }",
            "    foreach ($sub in @('" + BACKUP_KEY + "', '" + WRITTEN_KEY + "')) {",
            "        $source = $From + '\\' + $sub",
            "        if (-not (Test-Path -LiteralPath $source)) { continue }",
            "        Assert-RpcwallStateKey -Path $source",
            "        $target = $To + '\\' + $sub",
            "        if (Test-Path -LiteralPath $target) { Remove-Item -LiteralPath $target -Recurse }",
            "        New-RpcwallStateKey -Path $target",
            "        Add-RpcwallUndo -Kind 'tree' -Item $target",
            "        $item = Get-Item -LiteralPath $source",
            "        foreach ($name in $item.GetValueNames()) {",
            "            $null = New-ItemProperty -LiteralPath $target -Name $name -PropertyType $item.GetValueKind($name).ToString() -Value $item.GetValue($name, $null, 'DoNotExpandEnvironmentNames') -Force",
            "        }",
            "    }",
            "    $marker = '" + RPC_ABSENT + "'",
            "    if ($oldNames -contains '" + RPC_SAVED + "') { $marker = '" + RPC_SAVED + "' }",
            "    $null = New-ItemProperty -LiteralPath $To -Name $marker -PropertyType DWord -Value 1 -Force",
            "    Add-RpcwallUndo -Kind 'unset' -Item $To -Other $marker",
            "    $script:RpcwallTaken += , $From",
            "}"));
    FUNCTIONS.put(
        REMOVE_REPLACED,
        List.of(
            "function Remove-RpcwallReplacedState {",
            "    # Once every step succeeded: the replaced policy's host-settings record, now this",
            "    # policy's, is removed from its state key, unless this policy kept its own (then the",
            "    # replaced policy's RPC record stays for its own rollback).",
            "    param([string] $From)",
            "    Assert-RpcwallStateKey -Path '" + STATE_ROOT + "'",
            "    Assert-RpcwallStateKey -Path $From",
            "    if (-not (Test-Path -LiteralPath $From)) { return }",
            "    Remove-ItemProperty -LiteralPath $From -Name '" + WMI_SAVED + "' -ErrorAction SilentlyContinue",
            "    $names = (Get-Item -LiteralPath $From).GetValueNames()",
            "    $record = $names -contains '" + RPC_SAVED + "' -or $names -contains '" + RPC_ABSENT + "'",
            "    if ($record -and @($script:RpcwallTaken) -notcontains $From) { return }",
            "    Remove-Item -LiteralPath $From -Recurse",
            "}"));
    // Issue 11 point 12: WMI's host follows the policy; the rule matches the cmd.exe targets'
    // (CmdHostSettings): the first record of the host WMI ran in is kept per policy; the last
    // policy to stop setting the fixed port puts WMI back in the shared host when any of them
    // found it there, and only while WMI still runs in its own process. Type 16 is
    // SERVICE_WIN32_OWN_PROCESS; that winmgmt -standalonehost shows there is not stated by
    // windows-semantics.md 6.3 (UNCONFIRMED), so anything else counts as the shared host when
    // saving and as "no longer ours" when restoring (the safe readings).
    FUNCTIONS.put(
        SAVE_WMI,
        List.of(
            "function Save-RpcwallWmi {",
            "    # Journals the host WMI runs in now, so a failed run puts it back there, and records",
            "    # it in the state key on the first run that sets the fixed port.",
            "    param([string] $State)",
            "    $type = (Get-ItemProperty -LiteralPath '" + WMI_SERVICE + "' -Name 'Type' -ErrorAction SilentlyContinue).Type",
            "    $mode = 'shared'",
            "    if ($type -eq 16) { $mode = 'standalone' }",
            "    Add-RpcwallUndo -Kind 'winmgmt' -Item $mode",
            "    New-RpcwallStateKey -Path '" + STATE_ROOT + "'",
            "    New-RpcwallStateKey -Path $State",
            "    if ((Get-Item -LiteralPath $State).GetValueNames() -notcontains '" + WMI_SAVED + "') {",
            "        $null = New-ItemProperty -LiteralPath $State -Name '" + WMI_SAVED + "' -PropertyType String -Value $mode -Force",
            "        Add-RpcwallUndo -Kind 'unset' -Item $State -Other '" + WMI_SAVED + "'",
            "    }",
            "}"));
    FUNCTIONS.put(
        RESTORE_WMI,
        List.of(
            "function Restore-RpcwallWmi {",
            "    # This policy no longer sets WMI's fixed port: its record goes (a 'shared' one is",
            "    # handed over to the root key); while another policy still records one, WMI stays;",
            "    # the last one puts WMI back in the shared host when any of them found it there, and",
            "    # only while WMI still runs in its own process. -OrHandOver also runs it when only a",
            "    # hand-over is left (a rollback that failed after dropping the record).",
            "    param([string] $State, [switch] $OrHandOver)",
            "    $root = '" + STATE_ROOT + "'",
            "    Assert-RpcwallStateKey -Path $root",
            "    Assert-RpcwallStateKey -Path $State",
            "    $own = (Test-Path -LiteralPath $State) -and (Get-Item -LiteralPath $State).GetValueNames() -contains '" + WMI_SAVED + "'",
            "    $handed = (Test-Path -LiteralPath $root) -and (Get-Item -LiteralPath $root).GetValueNames() -contains '" + WMI_SHARED + "'",
            "    if (-not $own -and -not ($OrHandOver -and $handed)) { return }",
            "    if ($own) {",
            "        if ([string] (Get-Item -LiteralPath $State).GetValue('" + WMI_SAVED + "', $null) -eq 'shared') {",
            "            $null = New-ItemProperty -LiteralPath $root -Name '" + WMI_SHARED + "' -PropertyType DWord -Value 1 -Force",
            "        }",
            "        Remove-ItemProperty -LiteralPath $State -Name '" + WMI_SAVED + "'",
            "    }",
            "    $held = @(Get-ChildItem -LiteralPath $root | Where-Object { $_.GetValueNames() -contains '" + WMI_SAVED + "' }).Count -gt 0",
            "    $type = (Get-ItemProperty -LiteralPath '" + WMI_SERVICE + "' -Name 'Type' -ErrorAction SilentlyContinue).Type",
            "    if ($held) {",
            "        Write-Warning 'rpcwall: another rpcwall policy on this computer still sets the WMI fixed port; WMI stays in its own service host'",
            "    } else {",
            "        if ($type -ne 16) {",
            "            Write-Warning 'rpcwall: WMI no longer runs in its own service host, which rpcwall set; it is left as it is'",
            "        } elseif ((Get-Item -LiteralPath $root).GetValueNames() -contains '" + WMI_SHARED + "') {",
            "            & winmgmt.exe -sharedhost",
            "            if ($LASTEXITCODE -ne 0) { throw ('winmgmt -sharedhost failed with exit code ' + $LASTEXITCODE) }",
            "            Restart-Service -Name winmgmt -Force",
            "        }",
            "        Remove-ItemProperty -LiteralPath $root -Name '" + WMI_SHARED + "' -ErrorAction SilentlyContinue",
            "    }",
            "    foreach ($path in @($State, $root)) {",
            "        $item = Get-Item -LiteralPath $path -ErrorAction SilentlyContinue",
            "        if ($null -ne $item -and $item.SubKeyCount -eq 0 -and $item.ValueCount -eq 0) { Remove-Item -LiteralPath $path }",
            "    }",
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

  static {
    // Confirmed apply (issue 9 point 5, docs/deploy/confirmed-apply.md). The task runs as SYSTEM,
    // so the file it runs must be writable by SYSTEM and Administrators alone: a copy in a folder
    // below Program Files (where other users cannot create anything by default), whose owner and
    // ACL the function sets and then checks. The start is (Get-Date).AddMinutes(...): a DateTime,
    // never text in the locale's format. -RepetitionInterval retries a rollback that failed (the
    // rollback deletes the task once it succeeded); -StartWhenAvailable runs a start missed while
    // the computer was off as soon as it can ("TaskSettings.StartWhenAvailable", Microsoft Learn,
    // Task Scheduler). A stopped or disabled Task Scheduler service stops the script here, before
    // any change.
    FUNCTIONS.put(
        REGISTER_REVERT,
        List.of(
            "function Register-RpcwallRevert {",
            "    # Before the first change: a task run as SYSTEM that runs a copy of the rollback script",
            "    # after $Minutes minutes (and again at that interval until a rollback succeeds), unless",
            "    # the confirm script deletes it. A pending task of this policy is replaced.",
            "    param([string] $Slug, [string] $Rollback, [int] $Minutes)",
            "    if ($PolicyStore -ne 'PersistentStore') {",
            "        throw 'rpcwall: a confirmed apply changes this computer only; run it without -PolicyStore'",
            "    }",
            "    $service = Get-Service -Name 'Schedule'",
            "    if ($service.Status -ne 'Running') {",
            "        throw ('rpcwall: the Task Scheduler service is ' + $service.Status + ', so nothing could roll this policy back; nothing was changed')",
            "    }",
            "    $dir = Join-Path $env:ProgramFiles ('rpcwall\\' + $Slug)",
            "    $null = New-Item -ItemType Directory -Path $dir -Force",
            "    $system = New-Object System.Security.Principal.SecurityIdentifier '" + SYSTEM_SID + "'",
            "    $admins = New-Object System.Security.Principal.SecurityIdentifier '" + ADMINS_SID + "'",
            "    $acl = New-Object System.Security.AccessControl.DirectorySecurity",
            "    $acl.SetOwner($admins)",
            "    $acl.SetAccessRuleProtection($true, $false)",
            "    foreach ($sid in @($system, $admins)) {",
            "        $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule($sid, 'FullControl', 'ContainerInherit, ObjectInherit', 'None', 'Allow')))",
            "    }",
            "    Set-Acl -LiteralPath $dir -AclObject $acl",
            "    $check = Get-Acl -LiteralPath $dir",
            "    if ($check.GetOwner([System.Security.Principal.SecurityIdentifier]).Value -ne '" + ADMINS_SID + "') {",
            "        throw ('rpcwall: ' + $dir + ' is not owned by Administrators; nothing was changed')",
            "    }",
            "    foreach ($rule in $check.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])) {",
            "        if ($rule.IdentityReference.Value -notin @('" + SYSTEM_SID + "', '" + ADMINS_SID + "')) {",
            "            throw ('rpcwall: ' + $dir + ' grants ' + $rule.IdentityReference.Value + ' access; nothing was changed')",
            "        }",
            "    }",
            "    $copy = Join-Path $dir $Rollback",
            "    Copy-Item -LiteralPath (Join-Path $PSScriptRoot $Rollback) -Destination $copy -Force",
            "    $shell = Join-Path $env:SystemRoot 'System32\\WindowsPowerShell\\v1.0\\powershell.exe'",
            "    $action = New-ScheduledTaskAction -Execute $shell -Argument ('-NoProfile -NonInteractive -ExecutionPolicy Bypass -File \"' + $copy + '\"')",
            "    $trigger = New-ScheduledTaskTrigger -Once -At ((Get-Date).AddMinutes($Minutes)) -RepetitionInterval (New-TimeSpan -Minutes $Minutes) -RepetitionDuration (New-TimeSpan -Days 7)",
            "    $principal = New-ScheduledTaskPrincipal -UserId '" + SYSTEM_SID + "' -LogonType ServiceAccount -RunLevel Highest",
            "    $settings = New-ScheduledTaskSettingsSet -StartWhenAvailable",
            "    $null = Register-ScheduledTask -TaskName ($Slug + '-revert') -TaskPath '\\rpcwall\\' -Action $action -Trigger $trigger -Principal $principal -Settings $settings -Force",
            "}"));
    FUNCTIONS.put(
        UNREGISTER_REVERT,
        List.of(
            "function Unregister-RpcwallRevert {",
            "    # Deletes this policy's pending rollback task. -Missing 'ignore': a task that is not there",
            "    # is not an error (the rollback); 'fail': it is (the confirm script: too late, or nothing",
            "    # to confirm).",
            "    param([string] $Slug, [string] $Missing)",
            "    $task = Get-ScheduledTask -TaskName ($Slug + '-revert') -TaskPath '\\rpcwall\\' -ErrorAction SilentlyContinue",
            "    if ($null -eq $task) {",
            "        if ($Missing -eq 'fail') {",
            "            throw ('rpcwall: there is no pending task \\rpcwall\\' + $Slug + '-revert: it has run already and the policy may be rolled back, or the policy was confirmed or rolled back before. Check the firewall rules.')",
            "        }",
            "        return",
            "    }",
            "    Unregister-ScheduledTask -TaskName ($Slug + '-revert') -TaskPath '\\rpcwall\\' -Confirm:$false",
            "    Write-Host ('rpcwall: deleted the task \\rpcwall\\' + $Slug + '-revert')",
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
          SET_WRITTEN, List.of(ASSERT_STATE, NEW_STATE, ADD_UNDO),
          SAVE_WMI, List.of(NEW_STATE, ADD_UNDO),
          RESTORE_WMI, List.of(ASSERT_STATE),
          REMOVE_REPLACED, List.of(ASSERT_STATE),
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
