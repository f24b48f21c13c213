# rpcwall rollback script for policy 'Block WMI between workstations'
# Description: 'WMI on 24158 only from admin servers and domain controllers'
# Source:  examples/block-wmi-between-workstations.rpcwall
# SHA-256: f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08
# Tool:    rpcwall 0.1.0
# Rules:   2, group 'rpcwall/block-wmi-between-workstations-a852b6f3'
#
# Run as administrator in Windows PowerShell 5.1 or later:
#   .\block-wmi-between-workstations-rollback.ps1 -WhatIf     shows every change without making it
#   .\block-wmi-between-workstations-rollback.ps1             removes the policy from this computer
# It removes every rule of the group, puts back the RPC registry values the apply script
# saved in HKLM:\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rpc-backup
# (after checking that only SYSTEM and Administrators can change that key, and only while
# the values are still the ones this policy wrote), and, when the policy set a WMI fixed
# port, returns WMI to the shared host.

#Requires -RunAsAdministrator

[CmdletBinding(SupportsShouldProcess)]
param(
    # 'PersistentStore' is this computer; a GPO is written as 'domain\GPO name'.
    [string] $PolicyStore = 'PersistentStore',
    # Leaves the RPC registry values and WMI alone (implied by any other -PolicyStore).
    [switch] $SkipHostSettings,
    # Goes on when a firewall profile would not enforce the policy.
    [switch] $Force
)

$ErrorActionPreference = 'Stop'
$RpcwallState = 'HKLM:\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3'

if ($PolicyStore -ne 'PersistentStore' -and -not $SkipHostSettings) {
    Write-Warning ('rpcwall: -PolicyStore ' + $PolicyStore + ' is not this computer''s store; the RPC registry values and WMI of this computer are left alone')
    $SkipHostSettings = $true
}

# Remove the rules of this policy, whichever run created them.
if ($PSCmdlet.ShouldProcess('rules of group rpcwall/block-wmi-between-workstations-a852b6f3', 'Remove-NetFirewallRule')) {
    Get-NetFirewallRule -Group 'rpcwall/block-wmi-between-workstations-a852b6f3' -PolicyStore $PolicyStore -ErrorAction SilentlyContinue | Remove-NetFirewallRule
}

if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('winmgmt', 'Return WMI to the shared host (winmgmt -sharedhost)')) {
    & winmgmt.exe -sharedhost
    if ($LASTEXITCODE -ne 0) { throw ('winmgmt -sharedhost failed with exit code ' + $LASTEXITCODE) }
    Restart-Service -Name winmgmt -Force
}
