# rpcwall rollback script for policy 'WMI monitoring 5000-5100'
# Description: 'WMI only from the monitoring server, RPC range 5000-5100'
# Source:  examples/wmi-ports-5000-5100.rpcwall
# SHA-256: ef8f94bf7f414db44c5082a4846e7c8f6066d5065d14a32a1d22a13860afa1ad
# Tool:    rpcwall 0.1.0
# Rules:   2, group 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea'
#
# Run as administrator in Windows PowerShell 5.1 or later:
#   .\wmi-monitoring-5000-5100-bd1f7cea-rollback.ps1 -WhatIf     shows every change without making it
#   .\wmi-monitoring-5000-5100-bd1f7cea-rollback.ps1             removes the policy from this computer
# It removes every rule of the group, restores the RPC registry values the apply script
# saved in
#   %ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\wmi-monitoring-5000-5100-bd1f7cea-rpc-backup.json
# and, when the policy set a WMI fixed port, returns WMI to the shared host.

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

function Restore-RpcwallBackup {
    # Puts back the RPC values from before rpcwall, saved by the apply script, then deletes
    # the backup: the host has those values again.
    param([string] $Backup)
    if (-not (Test-Path -LiteralPath $Backup)) {
        Write-Warning ('rpcwall: no backup at ' + $Backup + '; RPC registry values left as they are')
        return
    }
    Restore-RpcwallRegistry -State (Get-Content -LiteralPath $Backup -Raw)
    Remove-Item -LiteralPath $Backup
}

# Remove the rules of this policy, whichever run created them.
if ($PSCmdlet.ShouldProcess('rules of group rpcwall/wmi-monitoring-5000-5100-bd1f7cea', 'Remove-NetFirewallRule')) {
    Get-NetFirewallRule -Group 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea' -PolicyStore $PolicyStore -ErrorAction SilentlyContinue | Remove-NetFirewallRule
}

if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('HKLM:\SOFTWARE\Microsoft\Rpc\Internet', 'Restore the RPC values saved by the apply script')) {
    Restore-RpcwallBackup -Backup $RpcwallBackup
    Write-Warning 'rpcwall: the RPC port range change takes effect after the computer restarts.'
}
