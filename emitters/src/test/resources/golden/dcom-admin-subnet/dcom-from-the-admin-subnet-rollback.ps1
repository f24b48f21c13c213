# rpcwall rollback script for policy 'DCOM from the admin subnet'
# Description: 'DCOM (endpoint mapper and RPC range 5100-5299) only from admins and, on the domain network, the helpdesk'
# Source:  examples/dcom-admin-subnet.yaml
# SHA-256: 644297b89062f6ac9907989ca7cb2a6ba09ca55e97b4fc92b8b59c45d1fbe92b
# Tool:    rpcwall 0.1.0
# Rules:   4, group 'rpcwall/dcom-from-the-admin-subnet-ab543471'
#
# Run as administrator in Windows PowerShell 5.1 or later:
#   .\dcom-from-the-admin-subnet-rollback.ps1 -WhatIf     shows every change without making it
#   .\dcom-from-the-admin-subnet-rollback.ps1             removes the policy from this computer
# It removes every rule of the group, restores the RPC registry values the apply script
# saved in
#   %ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\dcom-from-the-admin-subnet-ab543471-rpc-backup.json
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
$RpcwallBackup = Join-Path -Path $env:ProgramData -ChildPath 'rpcwall\dcom-from-the-admin-subnet-ab543471\dcom-from-the-admin-subnet-ab543471-rpc-backup.json'

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
if ($PSCmdlet.ShouldProcess('rules of group rpcwall/dcom-from-the-admin-subnet-ab543471', 'Remove-NetFirewallRule')) {
    Get-NetFirewallRule -Group 'rpcwall/dcom-from-the-admin-subnet-ab543471' -PolicyStore $PolicyStore -ErrorAction SilentlyContinue | Remove-NetFirewallRule
}

if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('HKLM:\SOFTWARE\Microsoft\Rpc\Internet', 'Restore the RPC values saved by the apply script')) {
    Restore-RpcwallBackup -Backup $RpcwallBackup
    Write-Warning 'rpcwall: the RPC port range change takes effect after the computer restarts.'
}
