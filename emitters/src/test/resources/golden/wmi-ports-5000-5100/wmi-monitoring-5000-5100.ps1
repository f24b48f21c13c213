# rpcwall apply script for policy 'WMI monitoring 5000-5100'
# Description: 'WMI only from the monitoring server, RPC range 5000-5100'
# Source:  examples/wmi-ports-5000-5100.rpcwall
# SHA-256: ef8f94bf7f414db44c5082a4846e7c8f6066d5065d14a32a1d22a13860afa1ad
# Tool:    rpcwall 0.1.0
# Rules:   2, group 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea'
#
# Run as administrator in Windows PowerShell 5.1 or later:
#   .\wmi-monitoring-5000-5100.ps1 -WhatIf     shows every change without making it
#   .\wmi-monitoring-5000-5100.ps1             applies it to this computer
#   .\wmi-monitoring-5000-5100.ps1 -PolicyStore 'example.com\GPO name' -SkipHostSettings
#                                 writes the rules into a GPO and leaves this computer alone
# Running it again is safe: it renames the rules of its group aside (they go on
# enforcing), creates the new rules, and removes the renamed ones only when every step
# succeeded. If a step fails, it undoes what this run changed (the earlier rules get
# their names back) and stops with the error.
# Roll back with .\wmi-monitoring-5000-5100-rollback.ps1 (same -PolicyStore).

#Requires -RunAsAdministrator

[CmdletBinding(SupportsShouldProcess)]
param(
    # 'PersistentStore' is this computer; a GPO is written as 'domain\GPO name'.
    [string] $PolicyStore = 'PersistentStore',
    # Leaves the RPC registry values and WMI alone (for example when writing a GPO).
    [switch] $SkipHostSettings
)

$ErrorActionPreference = 'Stop'
$RpcwallBackup = Join-Path -Path $env:ProgramData -ChildPath 'rpcwall\wmi-monitoring-5000-5100-bd1f7cea\wmi-monitoring-5000-5100-bd1f7cea-rpc-backup.json'

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

function Get-RpcwallRegistry {
    # The RPC values as they are now, as JSON text (the format of the backup file).
    $key = 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet'
    $state = [ordered]@{ KeyExisted = [bool](Test-Path -LiteralPath $key); Values = [ordered]@{} }
    if ($state.KeyExisted) {
        $item = Get-Item -LiteralPath $key
        foreach ($name in @('Ports', 'PortsInternetAvailable', 'UseInternetPorts')) {
            if ($item.GetValueNames() -contains $name) {
                $state.Values[$name] = [ordered]@{
                    Kind = $item.GetValueKind($name).ToString()
                    Data = @($item.GetValue($name, $null, 'DoNotExpandEnvironmentNames'))
                }
            }
        }
    }
    ConvertTo-Json -InputObject $state -Depth 4
}

function Save-RpcwallRegistry {
    # Journals the RPC values as they are before this run changes them, so a failed run
    # puts back exactly those, and writes them to the backup the rollback reads. A backup
    # from an earlier run holds the values from before rpcwall and is kept; the undo
    # deletes only a backup this run wrote.
    param([string] $Backup)
    $before = Get-RpcwallRegistry
    Add-RpcwallUndo -Kind 'registry' -Item $before
    if (Test-Path -LiteralPath $Backup) { return }
    $folder = [System.IO.Path]::GetDirectoryName($Backup)
    if (-not (Test-Path -LiteralPath $folder)) {
        $null = New-Item -ItemType Directory -Path $folder -Force
    }
    Add-RpcwallUndo -Kind 'backup' -Item $Backup
    Set-Content -LiteralPath $Backup -Value $before -Encoding UTF8
}

function Restore-RpcwallRegistry {
    # Puts back the RPC values of a state written by Get-RpcwallRegistry.
    param([string] $State)
    $saved = ConvertFrom-Json -InputObject $State
    $key = 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet'
    if (-not $saved.KeyExisted) {
        if (Test-Path -LiteralPath $key) { Remove-Item -LiteralPath $key -Recurse }
        return
    }
    if (-not (Test-Path -LiteralPath $key)) { $null = New-Item -Path $key }
    foreach ($name in @('Ports', 'PortsInternetAvailable', 'UseInternetPorts')) {
        $value = $saved.Values.$name
        if ($null -eq $value) {
            Remove-ItemProperty -LiteralPath $key -Name $name -ErrorAction SilentlyContinue
        } elseif ($value.Kind -eq 'MultiString') {
            $null = New-ItemProperty -LiteralPath $key -Name $name -PropertyType MultiString -Value ([string[]] $value.Data) -Force
        } else {
            $null = New-ItemProperty -LiteralPath $key -Name $name -PropertyType $value.Kind -Value $value.Data[0] -Force
        }
    }
}

try {

    # Rename the rules of the earlier run aside; they are removed at the end.
    if ($PSCmdlet.ShouldProcess('rules of group rpcwall/wmi-monitoring-5000-5100-bd1f7cea', 'Rename-NetFirewallRule (moved aside until the new rules exist)')) {
        Move-RpcwallRulesAside -Group 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea' -PolicyStore $PolicyStore
    }

    # Rule 1 of 2, from policy line 14
    if ($PSCmdlet.ShouldProcess('rule rpcwall/wmi-monitoring-5000-5100-bd1f7cea/allow-tcp-135,5000-5100', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea/allow-tcp-135,5000-5100' `
            -DisplayName 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea/allow-tcp-135,5000-5100' `
            -Group 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea' `
            -Description 'Allowed by allow monitoring to wmi (line 14)' `
            -Direction Inbound -Action Allow -Enabled True `
            -Protocol TCP -LocalPort '135', '5000-5100' `
            -RemoteAddress '10.20.30.40' `
            -Profile Any `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea/allow-tcp-135,5000-5100'
    }

    # Rule 2 of 2, from policy line 15
    if ($PSCmdlet.ShouldProcess('rule rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-tcp-135,5000-5100', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-tcp-135,5000-5100' `
            -DisplayName 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-tcp-135,5000-5100' `
            -Group 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea' `
            -Description 'Blocked by block any to wmi (line 15)' `
            -Direction Inbound -Action Block -Enabled True `
            -Protocol TCP -LocalPort '135', '5000-5100' `
            -RemoteAddress '0.0.0.0-10.20.30.39', '10.20.30.41-126.255.255.255', '128.0.0.0/1', '::2-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' `
            -Profile Any `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-tcp-135,5000-5100'
    }

    # RPC dynamic port range (HKLM\SOFTWARE\Microsoft\Rpc\Internet).
    if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('HKLM:\SOFTWARE\Microsoft\Rpc\Internet', 'Restrict RPC dynamic ports to 5000-5100')) {
        Save-RpcwallRegistry -Backup $RpcwallBackup
        if (-not (Test-Path -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet')) {
            $null = New-Item -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet'
        }
        $null = New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name 'Ports' -PropertyType MultiString -Value @('5000-5100') -Force
        $null = New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name 'PortsInternetAvailable' -PropertyType String -Value 'Y' -Force
        $null = New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name 'UseInternetPorts' -PropertyType String -Value 'Y' -Force
        Write-Warning 'rpcwall: restart the computer for the RPC port range to take effect.'
    }
} catch {
    Write-Warning 'rpcwall: a step failed; undoing the changes of this run'
    Undo-RpcwallChanges -PolicyStore $PolicyStore
    throw
}

# Every step succeeded: the rules of the earlier run are no longer needed.
if ($PSCmdlet.ShouldProcess('rules of group rpcwall/wmi-monitoring-5000-5100-bd1f7cea moved aside by this run', 'Remove-NetFirewallRule')) {
    Remove-RpcwallMovedRules -Group 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea' -PolicyStore $PolicyStore
}
