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
            "    param([string] $PolicyStore)",
            "    if ($null -eq $script:RpcwallUndo) { return }",
            "    $steps = @($script:RpcwallUndo)",
            "    [array]::Reverse($steps)",
            "    foreach ($step in $steps) {",
            "        try {",
            "            switch ($step[0]) {",
            "                'rule' { Remove-NetFirewallRule -Name $step[1] -PolicyStore $PolicyStore }",
            "                'moved' { Rename-NetFirewallRule -Name $step[2] -NewName $step[1] -PolicyStore $PolicyStore }",
            "                'registry' { Restore-RpcwallRegistry -State $step[1] }",
            "                'backup' { if (Test-Path -LiteralPath $step[1]) { Remove-Item -LiteralPath $step[1] } }",
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
    // only -Name and takes -PolicyStore (GPOs too) with -Name; without -GPOSession each call
    // opens and saves the GPO itself (Rename-NetFirewallRule reference, NetSecurity; not yet in
    // windows-semantics.md). Get-NetFirewallRule reports an error when no rule matches (observed,
    // UNCONFIRMED by a reference page), hence SilentlyContinue; a store that cannot be read then
    // makes New-NetFirewallRule fail on the same store, which undoes the run.
    FUNCTIONS.put(
        MOVE_ASIDE,
        List.of(
            "function Move-RpcwallRulesAside {",
            "    # Renames the rules of the group (an earlier run's) so that the new rules can take",
            "    # their names; they go on enforcing until Remove-RpcwallMovedRules. Each rename is",
            "    # journalled, so a failed run gives them their names back.",
            "    param([string] $Group, [string] $PolicyStore)",
            "    $found = @(Get-NetFirewallRule -Group $Group -PolicyStore $PolicyStore -ErrorAction SilentlyContinue)",
            "    foreach ($rule in $found) {",
            "        $aside = $rule.Name + '" + ASIDE_MARK + "' + [guid]::NewGuid().ToString('N')",
            "        Rename-NetFirewallRule -Name $rule.Name -NewName $aside -PolicyStore $PolicyStore",
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
            "    param([string] $Group, [string] $PolicyStore)",
            "    if ($null -eq $script:RpcwallMoved) { return }",
            "    $failed = @()",
            "    foreach ($moved in @($script:RpcwallMoved)) {",
            "        if ($moved[0] -ne $Group) { continue }",
            "        try {",
            "            Remove-NetFirewallRule -Name $moved[1] -PolicyStore $PolicyStore",
            "        } catch {",
            "            $failed += $moved[1]",
            "        }",
            "    }",
            "    if ($failed.Count -gt 0) {",
            "        throw ('rpcwall: the new rules are in place, but these rules of the earlier run could not be removed: ' + ($failed -join ', ') + '. Run the script again to remove them.')",
            "    }",
            "}"));
    FUNCTIONS.put(
        READ_REGISTRY,
        List.of(
            "function Get-RpcwallRegistry {",
            "    # The RPC values as they are now, as JSON text (the format of the backup file).",
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
    // The undo restores the values of before this run (kept in memory), and the backup
    // on disk keeps those of before rpcwall, so a later rollback still finds them.
    FUNCTIONS.put(
        SAVE_REGISTRY,
        List.of(
            "function Save-RpcwallRegistry {",
            "    # Journals the RPC values as they are before this run changes them, so a failed run",
            "    # puts back exactly those, and writes them to the backup the rollback reads. A backup",
            "    # from an earlier run holds the values from before rpcwall and is kept; the undo",
            "    # deletes only a backup this run wrote.",
            "    param([string] $Backup)",
            "    $before = Get-RpcwallRegistry",
            "    Add-RpcwallUndo -Kind 'registry' -Item $before",
            "    if (Test-Path -LiteralPath $Backup) { return }",
            "    $folder = [System.IO.Path]::GetDirectoryName($Backup)",
            "    if (-not (Test-Path -LiteralPath $folder)) {",
            "        $null = New-Item -ItemType Directory -Path $folder -Force",
            "    }",
            "    Add-RpcwallUndo -Kind 'backup' -Item $Backup",
            "    Set-Content -LiteralPath $Backup -Value $before -Encoding UTF8",
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
    FUNCTIONS.put(
        RESTORE_BACKUP,
        List.of(
            "function Restore-RpcwallBackup {",
            "    # Puts back the RPC values from before rpcwall, saved by the apply script, then deletes",
            "    # the backup: the host has those values again.",
            "    param([string] $Backup)",
            "    if (-not (Test-Path -LiteralPath $Backup)) {",
            "        Write-Warning ('rpcwall: no backup at ' + $Backup + '; RPC registry values left as they are')",
            "        return",
            "    }",
            "    Restore-RpcwallRegistry -State (Get-Content -LiteralPath $Backup -Raw)",
            "    Remove-Item -LiteralPath $Backup",
            "}"));
  }

  /** The definition's text with lines joined by {@code \n}, as the reader compares it. */
  static String text(String name) {
    return String.join("\n", FUNCTIONS.get(name));
  }
}
