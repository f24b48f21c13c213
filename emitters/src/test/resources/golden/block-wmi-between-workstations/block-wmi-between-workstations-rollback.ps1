# rpcwall rollback script for policy 'Block WMI between workstations'
# Description: 'WMI on 24158 only from admin servers and domain controllers'
# Source:  examples/block-wmi-between-workstations.rpcwall
# SHA-256: f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08
# Tool:    rpcwall 0.1.0
# Rules:   2, group 'rpcwall/block-wmi-between-workstations-a852b6f3'
#
# A hand-made Allow rule cannot override this policy's Block rules: Windows Firewall
# applies a matching Block rule before any Allow rule, whatever their order.
# Emergency exception: run .\block-wmi-between-workstations-rollback.ps1 (it removes the whole policy),
# or change the policy (an allow statement for the exception, placed before the block),
# then compile and apply it again: rpcwall leaves that traffic out of its Block rules.
# Signed copies run under the AllSigned execution policy: sign the file as it was
# written (Set-AuthenticodeSignature, docs/targets/powershell.md "Signing"); nothing in it
# changes when it runs, and it never rewrites itself.
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

# A GPO ('domain\GPO name') is changed through one cached copy: Open-NetGPO now, every
# change through -GPOSession, one Save-NetGPO when every step succeeded.
$RpcwallStore = @{ PolicyStore = $PolicyStore }
if ($PolicyStore -like '*\*') {
    $RpcwallGpo = Open-NetGPO -PolicyStore $PolicyStore
    $RpcwallStore = @{ GPOSession = $RpcwallGpo }
}

# Remove the rules of this policy, whichever run created them.
if ($PSCmdlet.ShouldProcess('rules of group rpcwall/block-wmi-between-workstations-a852b6f3', 'Remove-NetFirewallRule')) {
    Get-NetFirewallRule -Group 'rpcwall/block-wmi-between-workstations-a852b6f3' @RpcwallStore -ErrorAction SilentlyContinue | Remove-NetFirewallRule
}

if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('winmgmt', 'Return WMI to the shared host (winmgmt -sharedhost)')) {
    & winmgmt.exe -sharedhost
    if ($LASTEXITCODE -ne 0) { throw ('winmgmt -sharedhost failed with exit code ' + $LASTEXITCODE) }
    Restart-Service -Name winmgmt -Force
}

# A GPO: save the cached copy once; nothing reached the GPO before this line.
if ($PolicyStore -like '*\*' -and $PSCmdlet.ShouldProcess('the GPO named by -PolicyStore', 'Save-NetGPO (write back the cached copy)')) {
    Save-NetGPO -GPOSession $RpcwallGpo
    Write-Host ('rpcwall: saved to the GPO ' + $PolicyStore + '. Computers apply it at their next Group Policy refresh: by default every 90 minutes plus a random offset of up to 30 minutes, and at restart; gpupdate /force on a computer applies it now.')
}
