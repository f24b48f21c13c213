# rpcwall rollback script for policy 'Branch office servers'
# Description: 'Management from jump hosts and DCs; SMB for branch clients on the domain network'
# Source:  examples/branch-office-imports.rpcwall
# SHA-256: 56ef55c57898ed3cb14e3bf993568018eb9a0f2a20a1fe4d73d83bf87f1d2137
# Tool:    rpcwall 0.1.0
# Rules:   6, group 'rpcwall/branch-office-servers-b5df4991'
#
# Run as administrator in Windows PowerShell 5.1 or later:
#   .\branch-office-servers-rollback.ps1 -WhatIf     shows every change without making it
#   .\branch-office-servers-rollback.ps1             removes the policy from this computer
# It removes every rule of the group, restores the RPC registry values the apply script
# saved in
#   %ProgramData%\rpcwall\branch-office-servers-b5df4991\branch-office-servers-b5df4991-rpc-backup.json
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
$RpcwallBackup = Join-Path -Path $env:ProgramData -ChildPath 'rpcwall\branch-office-servers-b5df4991\branch-office-servers-b5df4991-rpc-backup.json'

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
if ($PSCmdlet.ShouldProcess('rules of group rpcwall/branch-office-servers-b5df4991', 'Remove-NetFirewallRule')) {
    Get-NetFirewallRule -Group 'rpcwall/branch-office-servers-b5df4991' -PolicyStore $PolicyStore -ErrorAction SilentlyContinue | Remove-NetFirewallRule
}

if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('HKLM:\SOFTWARE\Microsoft\Rpc\Internet', 'Restore the RPC values saved by the apply script')) {
    Restore-RpcwallBackup -Backup $RpcwallBackup
    Write-Warning 'rpcwall: the RPC port range change takes effect after the computer restarts.'
}
