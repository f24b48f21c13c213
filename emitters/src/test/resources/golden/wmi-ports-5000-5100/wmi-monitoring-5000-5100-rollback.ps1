# rpcwall rollback script for policy 'WMI monitoring 5000-5100'
# Description: 'WMI only from the monitoring server, RPC range 5000-5100'
# Source:  examples/wmi-ports-5000-5100.rpcwall
# SHA-256: ef8f94bf7f414db44c5082a4846e7c8f6066d5065d14a32a1d22a13860afa1ad
# Tool:    rpcwall 0.1.0
# Rules:   2, group 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea'
#
# A hand-made Allow rule cannot override this policy's Block rules: Windows Firewall
# applies a matching Block rule before any Allow rule, whatever their order.
# Emergency exception: run .\wmi-monitoring-5000-5100-rollback.ps1 (it removes the whole policy),
# or change the policy (an allow statement for the exception, placed before the block),
# then compile and apply it again: rpcwall leaves that traffic out of its Block rules.
# Signed copies run under the AllSigned execution policy: sign the file as it was
# written (Set-AuthenticodeSignature, docs/targets/powershell.md "Signing"); nothing in it
# changes when it runs, and it never rewrites itself.
#
# Run as administrator in Windows PowerShell 5.1 or later:
#   .\wmi-monitoring-5000-5100-rollback.ps1 -WhatIf     shows every change without making it
#   .\wmi-monitoring-5000-5100-rollback.ps1             removes the policy from this computer
# It removes every rule of the group, puts back the RPC registry values the apply script
# saved in HKLM:\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup
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
$RpcwallState = 'HKLM:\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea'

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

function Assert-RpcwallStateKey {
    # Refuses a state key that anyone but SYSTEM and Administrators could have written:
    # its owner and every rule that grants a write right must be one of those two.
    param([string] $Path)
    if (-not (Test-Path -LiteralPath $Path)) { return }
    $trusted = @('S-1-5-18', 'S-1-5-32-544')
    $acl = Get-Acl -LiteralPath $Path
    $owner = $acl.GetOwner([System.Security.Principal.SecurityIdentifier]).Value
    if ($trusted -notcontains $owner) {
        throw ('rpcwall: refusing the state key ' + $Path + ': its owner is ' + $owner + ', not SYSTEM or Administrators, so it may have been planted. Nothing was read from it. Check it, delete it, and run the script again.')
    }
    $write = [System.Security.AccessControl.RegistryRights] 'SetValue, CreateSubKey, CreateLink, Delete, ChangePermissions, TakeOwnership'
    foreach ($rule in $acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])) {
        if ($rule.AccessControlType -eq 'Allow' -and ($rule.RegistryRights -band $write) -and $trusted -notcontains $rule.IdentityReference.Value) {
            throw ('rpcwall: refusing the state key ' + $Path + ': ' + $rule.IdentityReference.Value + ' may change it (' + $rule.RegistryRights + '), so it may have been planted. Nothing was read from it. Check it, delete it, and run the script again.')
        }
    }
}

function Restore-RpcwallBackup {
    # Puts back the RPC values from before rpcwall, from the backup key, once the state
    # keys are proven to be SYSTEM's and Administrators' alone, and only while the RPC
    # values are still the ones this policy wrote; then deletes the backup.
    param([string] $State)
    Assert-RpcwallStateKey -Path 'HKLM:\SOFTWARE\rpcwall'
    Assert-RpcwallStateKey -Path $State
    $backup = $State + '\rpc-backup'
    if (-not (Test-Path -LiteralPath $backup)) {
        Write-Warning ('rpcwall: no backup at ' + $backup + '; RPC registry values left as they are')
        return
    }
    Assert-RpcwallStateKey -Path $backup
    $saved = Get-Item -LiteralPath $backup
    $key = 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet'
    $now = $null
    if (Test-Path -LiteralPath $key) { $now = Get-Item -LiteralPath $key }
    $written = @($saved.GetValue('WrittenPorts', $null))
    $ours = $null -ne $now -and $saved.GetValueNames() -contains 'WrittenPorts'
    if ($ours) {
        $ports = @($now.GetValue('Ports', $null))
        $ours = $now.GetValueNames() -contains 'Ports' -and $now.GetValueKind('Ports') -eq 'MultiString' -and ($ports -join ',') -ceq ($written -join ',') -and 'Y' -eq $now.GetValue('PortsInternetAvailable', $null) -and 'Y' -eq $now.GetValue('UseInternetPorts', $null)
    }
    if (-not $ours) {
        Write-Warning ('rpcwall: the RPC values in ' + $key + ' are no longer the ones this policy wrote (another policy or an administrator changed them); they are left as they are, and the values from before rpcwall stay in ' + $backup)
        return
    }
    if ($saved.GetValueNames() -contains 'KeyMissing') {
        Remove-Item -LiteralPath $key -Recurse
    } else {
        foreach ($name in @('Ports', 'PortsInternetAvailable', 'UseInternetPorts')) {
            if ($saved.GetValueNames() -contains $name) {
                $null = New-ItemProperty -LiteralPath $key -Name $name -PropertyType $saved.GetValueKind($name).ToString() -Value $saved.GetValue($name, $null, 'DoNotExpandEnvironmentNames') -Force
            } else {
                Remove-ItemProperty -LiteralPath $key -Name $name -ErrorAction SilentlyContinue
            }
        }
    }
    Remove-Item -LiteralPath $backup -Recurse
    foreach ($path in @($State, 'HKLM:\SOFTWARE\rpcwall')) {
        $item = Get-Item -LiteralPath $path
        if ($item.SubKeyCount -eq 0 -and $item.ValueCount -eq 0) { Remove-Item -LiteralPath $path }
    }
}

# Remove the rules of this policy, whichever run created them.
if ($PSCmdlet.ShouldProcess('rules of group rpcwall/wmi-monitoring-5000-5100-bd1f7cea', 'Remove-NetFirewallRule')) {
    Get-NetFirewallRule -Group 'rpcwall/wmi-monitoring-5000-5100-bd1f7cea' @RpcwallStore -ErrorAction SilentlyContinue | Remove-NetFirewallRule
}

if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('HKLM:\SOFTWARE\Microsoft\Rpc\Internet', 'Restore the RPC values saved by the apply script')) {
    Restore-RpcwallBackup -State $RpcwallState
    Write-Warning 'rpcwall: the RPC port range change takes effect after the computer restarts.'
}

# A GPO: save the cached copy once; nothing reached the GPO before this line.
if ($PolicyStore -like '*\*' -and $PSCmdlet.ShouldProcess('the GPO named by -PolicyStore', 'Save-NetGPO (write back the cached copy)')) {
    Save-NetGPO -GPOSession $RpcwallGpo
    Write-Host ('rpcwall: saved to the GPO ' + $PolicyStore + '. Computers apply it at their next Group Policy refresh: by default every 90 minutes plus a random offset of up to 30 minutes, and at restart; gpupdate /force on a computer applies it now.')
}
