# rpcwall apply script for policy 'Block WMI between workstations'
# Description: 'WMI on 24158 only from admin servers and domain controllers'
# Source:  examples/block-wmi-between-workstations.rpcwall
# SHA-256: f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08
# Tool:    rpcwall 0.1.0
# Rules:   2, group 'rpcwall/block-wmi-between-workstations-a852b6f3'
#
# Run as administrator in Windows PowerShell 5.1 or later:
#   .\block-wmi-between-workstations.ps1 -WhatIf     shows every change without making it
#   .\block-wmi-between-workstations.ps1             applies it to this computer
#   .\block-wmi-between-workstations.ps1 -PolicyStore 'example.com\GPO name' -SkipHostSettings
#                                 writes the rules into a GPO and leaves this computer alone
# Running it again is safe: it renames the rules of its group aside (they go on
# enforcing), creates the new rules, and removes the renamed ones only when every step
# succeeded. If a step fails, it undoes what this run changed (the earlier rules get
# their names back) and stops with the error.
# Roll back with .\block-wmi-between-workstations-rollback.ps1 (same -PolicyStore).

#Requires -RunAsAdministrator

[CmdletBinding(SupportsShouldProcess)]
param(
    # 'PersistentStore' is this computer; a GPO is written as 'domain\GPO name'.
    [string] $PolicyStore = 'PersistentStore',
    # Leaves the RPC registry values and WMI alone (for example when writing a GPO).
    [switch] $SkipHostSettings
)

$ErrorActionPreference = 'Stop'

function Add-RpcwallUndo {
    # Journal of the changes this run made, undone in reverse order on failure.
    param([string] $Kind, [string] $Item, [string] $Other)
    $script:RpcwallUndo += , @($Kind, $Item, $Other)
}

function Undo-RpcwallChanges {
    # Newest change first: the new rules are removed before the rules they replaced get
    # their names back.
    param([string] $PolicyStore)
    if ($null -eq $script:RpcwallUndo) { return }
    $steps = @($script:RpcwallUndo)
    [array]::Reverse($steps)
    foreach ($step in $steps) {
        try {
            switch ($step[0]) {
                'rule' { Remove-NetFirewallRule -Name $step[1] -PolicyStore $PolicyStore }
                'moved' { Rename-NetFirewallRule -Name $step[2] -NewName $step[1] -PolicyStore $PolicyStore }
                'registry' { Restore-RpcwallRegistry -State $step[1] }
                'backup' { if (Test-Path -LiteralPath $step[1]) { Remove-Item -LiteralPath $step[1] } }
                'winmgmt' {
                    & winmgmt.exe -sharedhost | Out-Null
                    Restart-Service -Name winmgmt -Force
                }
            }
        } catch {
            Write-Warning ('rpcwall: could not undo ' + $step[0] + ' ' + $step[1] + ': ' + $_)
        }
    }
    $script:RpcwallUndo = @()
}

function Move-RpcwallRulesAside {
    # Renames the rules of the group (an earlier run's) so that the new rules can take
    # their names; they go on enforcing until Remove-RpcwallMovedRules. Each rename is
    # journalled, so a failed run gives them their names back.
    param([string] $Group, [string] $PolicyStore)
    $found = @(Get-NetFirewallRule -Group $Group -PolicyStore $PolicyStore -ErrorAction SilentlyContinue)
    foreach ($rule in $found) {
        $aside = $rule.Name + '~rpcwall-old-' + [guid]::NewGuid().ToString('N')
        Rename-NetFirewallRule -Name $rule.Name -NewName $aside -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'moved' -Item $rule.Name -Other $aside
        $script:RpcwallMoved += , @($Group, $aside)
    }
}

function Remove-RpcwallMovedRules {
    # Removes the rules moved aside from the group, once every step of the run succeeded.
    # One that cannot be removed stays in the group, where the next run or the rollback
    # removes it; the run still fails, so that the error is seen.
    param([string] $Group, [string] $PolicyStore)
    if ($null -eq $script:RpcwallMoved) { return }
    $failed = @()
    foreach ($moved in @($script:RpcwallMoved)) {
        if ($moved[0] -ne $Group) { continue }
        try {
            Remove-NetFirewallRule -Name $moved[1] -PolicyStore $PolicyStore
        } catch {
            $failed += $moved[1]
        }
    }
    if ($failed.Count -gt 0) {
        throw ('rpcwall: the new rules are in place, but these rules of the earlier run could not be removed: ' + ($failed -join ', ') + '. Run the script again to remove them.')
    }
}

try {

    # Rename the rules of the earlier run aside; they are removed at the end.
    if ($PSCmdlet.ShouldProcess('rules of group rpcwall/block-wmi-between-workstations-a852b6f3', 'Rename-NetFirewallRule (moved aside until the new rules exist)')) {
        Move-RpcwallRulesAside -Group 'rpcwall/block-wmi-between-workstations-a852b6f3' -PolicyStore $PolicyStore
    }

    # Rule 1 of 2, from policy line 16
    if ($PSCmdlet.ShouldProcess('rule rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158' `
            -DisplayName 'rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158' `
            -Group 'rpcwall/block-wmi-between-workstations-a852b6f3' `
            -Description 'Allowed by allow admin-servers, domain-controllers to wmi (line 16)' `
            -Direction Inbound -Action Allow -Enabled True `
            -Protocol TCP -LocalPort '135', '24158' `
            -RemoteAddress '10.0.0.10/31', '10.0.10.0/28', '2001:db8::10', '2001:db8:10::/64' `
            -Profile Any `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158'
    }

    # Rule 2 of 2, from policy line 17
    if ($PSCmdlet.ShouldProcess('rule rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158' `
            -DisplayName 'rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158' `
            -Group 'rpcwall/block-wmi-between-workstations-a852b6f3' `
            -Description 'Blocked by block workstations to wmi (line 17)' `
            -Direction Inbound -Action Block -Enabled True `
            -Protocol TCP -LocalPort '135', '24158' `
            -RemoteAddress '0.0.0.0-10.0.0.9', '10.0.0.12-10.0.9.255', '10.0.10.16-126.255.255.255', '128.0.0.0/1', '::2-2001:db8::f', '2001:db8::11-2001:db8:f:ffff:ffff:ffff:ffff:ffff', '2001:db8:10:1::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' `
            -Profile Any `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158'
    }

    # WMI on its fixed port TCP 24158 (winmgmt -standalonehost).
    if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('winmgmt', 'Move WMI to its own host on TCP 24158 (winmgmt -standalonehost)')) {
        & winmgmt.exe -standalonehost
        if ($LASTEXITCODE -ne 0) { throw ('winmgmt -standalonehost failed with exit code ' + $LASTEXITCODE) }
        Add-RpcwallUndo -Kind 'winmgmt' -Item 'standalonehost'
        Restart-Service -Name winmgmt -Force
    }
} catch {
    Write-Warning 'rpcwall: a step failed; undoing the changes of this run'
    Undo-RpcwallChanges -PolicyStore $PolicyStore
    throw
}

# Every step succeeded: the rules of the earlier run are no longer needed.
if ($PSCmdlet.ShouldProcess('rules of group rpcwall/block-wmi-between-workstations-a852b6f3 moved aside by this run', 'Remove-NetFirewallRule')) {
    Remove-RpcwallMovedRules -Group 'rpcwall/block-wmi-between-workstations-a852b6f3' -PolicyStore $PolicyStore
}
