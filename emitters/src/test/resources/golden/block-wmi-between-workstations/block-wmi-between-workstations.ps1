# rpcwall apply script for policy 'Block WMI between workstations'
# Source:  examples/block-wmi-between-workstations.rpcwall
# SHA-256: f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08
# Tool:    rpcwall 0.1.0
# Rules:   2, group 'rpcwall: Block WMI between workstations'
#
# Run as administrator in Windows PowerShell 5.1 or later:
#   .\block-wmi-between-workstations.ps1 -WhatIf     shows every change without making it
#   .\block-wmi-between-workstations.ps1             applies it to this computer
#   .\block-wmi-between-workstations.ps1 -PolicyStore 'example.com\GPO name' -SkipHostSettings
#                                 writes the rules into a GPO and leaves this computer alone
# Running it again is safe: it removes the rules of its group, then creates them.
# If a step fails, it undoes what this run changed and stops with the error.
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
    param([string] $Kind, [string] $Item)
    $script:RpcwallUndo += , @($Kind, $Item)
}

function Undo-RpcwallChanges {
    param([string] $PolicyStore)
    if ($null -eq $script:RpcwallUndo) { return }
    $steps = @($script:RpcwallUndo)
    [array]::Reverse($steps)
    foreach ($step in $steps) {
        try {
            switch ($step[0]) {
                'rule' { Remove-NetFirewallRule -Name $step[1] -PolicyStore $PolicyStore }
                'registry' { Restore-RpcwallRegistry -Backup $step[1] }
                'winmgmt' {
                    & winmgmt.exe -sharedhost | Out-Null
                    Restart-Service -Name winmgmt -Force
                }
            }
        } catch {
            Write-Warning ('rpcwall: could not undo ' + $step[0] + ' ' + $step[1] + ': ' + $_)
        }
    }
}

try {

    # Remove the rules of this policy, whichever run created them.
    if ($PSCmdlet.ShouldProcess('rules of group rpcwall: Block WMI between workstations', 'Remove-NetFirewallRule')) {
        Get-NetFirewallRule -Group 'rpcwall: Block WMI between workstations' -PolicyStore $PolicyStore -ErrorAction SilentlyContinue | Remove-NetFirewallRule
    }

    # Rule 1 of 2, from policy line 16
    if ($PSCmdlet.ShouldProcess('rule rpcwall/block-wmi-between-workstations/allow-tcp-135,24158', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/block-wmi-between-workstations/allow-tcp-135,24158' `
            -DisplayName 'rpcwall/block-wmi-between-workstations/allow-tcp-135,24158' `
            -Group 'rpcwall: Block WMI between workstations' `
            -Description 'Allowed by allow admin-servers, domain-controllers to wmi (line 16)' `
            -Direction Inbound -Action Allow -Enabled True `
            -Protocol TCP -LocalPort '135', '24158' `
            -RemoteAddress '10.0.0.10/31', '10.0.10.0/28', '2001:db8::10', '2001:db8:10::/64' `
            -Profile Any `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/block-wmi-between-workstations/allow-tcp-135,24158'
    }

    # Rule 2 of 2, from policy line 17
    if ($PSCmdlet.ShouldProcess('rule rpcwall/block-wmi-between-workstations/block-tcp-135,24158', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/block-wmi-between-workstations/block-tcp-135,24158' `
            -DisplayName 'rpcwall/block-wmi-between-workstations/block-tcp-135,24158' `
            -Group 'rpcwall: Block WMI between workstations' `
            -Description 'Blocked by block workstations to wmi (line 17)' `
            -Direction Inbound -Action Block -Enabled True `
            -Protocol TCP -LocalPort '135', '24158' `
            -RemoteAddress '0.0.0.0-10.0.0.9', '10.0.0.12-10.0.9.255', '10.0.10.16-255.255.255.255', '::-2001:db8::f', '2001:db8::11-2001:db8:f:ffff:ffff:ffff:ffff:ffff', '2001:db8:10:1::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' `
            -Profile Any `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/block-wmi-between-workstations/block-tcp-135,24158'
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
