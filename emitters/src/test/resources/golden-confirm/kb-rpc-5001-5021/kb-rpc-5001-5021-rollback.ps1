# rpcwall rollback script for policy 'KB RPC 5001-5021'
# Description: 'Endpoint mapper and RPC 5001-5021 only from the admin subnet'
# Source:  examples/kb-rpc-5001-5021.rpcwall
# SHA-256: f405e6fc1e14413bebe95720cab6b3ab9d2cb0b19f9f5678ada26aff40ded098
# Tool:    rpcwall 0.1.0
# Rules:   2, group 'rpcwall/kb-rpc-5001-5021-10a0bf28'
#
# A hand-made Allow rule cannot override this policy's Block rules: Windows Firewall
# applies a matching Block rule before any Allow rule, whatever their order.
# Emergency exception: run .\kb-rpc-5001-5021-rollback.ps1 (it removes the whole policy),
# or change the policy (an allow statement for the exception, placed before the block),
# then compile and apply it again: rpcwall leaves that traffic out of its Block rules.
# Signed copies run under the AllSigned execution policy: sign the file as it was
# written (Set-AuthenticodeSignature, docs/targets/powershell.md "Signing"); nothing in it
# changes when it runs, and it never rewrites itself.
#
# Run as administrator in Windows PowerShell 5.1 or later:
#   .\kb-rpc-5001-5021-rollback.ps1 -WhatIf     shows every change without making it
#   .\kb-rpc-5001-5021-rollback.ps1             removes the policy from this computer
# It removes every rule of the group, puts back the RPC registry values the apply script
# saved in HKLM:\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup
# (after checking that only SYSTEM and Administrators can change that key, and only while
# the values are still the ones this policy wrote), and, when a version of the policy set
# the WMI fixed port, puts WMI back in the host it ran in before (unless another policy
# still sets the fixed port).

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
$RpcwallState = 'HKLM:\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28'

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
        if ($rule.PropagationFlags -band [System.Security.AccessControl.PropagationFlags]::InheritOnly) { continue }
        if ($rule.AccessControlType -eq 'Allow' -and ($rule.RegistryRights -band $write) -and $trusted -notcontains $rule.IdentityReference.Value) {
            throw ('rpcwall: refusing the state key ' + $Path + ': ' + $rule.IdentityReference.Value + ' may change it (' + $rule.RegistryRights + '), so it may have been planted. Nothing was read from it. Check it, delete it, and run the script again.')
        }
    }
}

function Restore-RpcwallWmi {
    # This policy no longer sets WMI's fixed port: its record goes (a 'shared' one is
    # handed over to the root key); while another policy still records one, WMI stays;
    # the last one puts WMI back in the shared host when any of them found it there, and
    # only while WMI still runs in its own process. -OrHandOver also runs it when only a
    # hand-over is left (a rollback that failed after dropping the record).
    param([string] $State, [switch] $OrHandOver)
    $root = 'HKLM:\SOFTWARE\rpcwall'
    Assert-RpcwallStateKey -Path $root
    Assert-RpcwallStateKey -Path $State
    $own = (Test-Path -LiteralPath $State) -and (Get-Item -LiteralPath $State).GetValueNames() -contains 'WmiSaved'
    $handed = (Test-Path -LiteralPath $root) -and (Get-Item -LiteralPath $root).GetValueNames() -contains 'WmiShared'
    if (-not $own -and -not ($OrHandOver -and $handed)) { return }
    if ($own) {
        if ([string] (Get-Item -LiteralPath $State).GetValue('WmiSaved', $null) -eq 'shared') {
            $null = New-ItemProperty -LiteralPath $root -Name 'WmiShared' -PropertyType DWord -Value 1 -Force
        }
        Remove-ItemProperty -LiteralPath $State -Name 'WmiSaved'
    }
    $held = @(Get-ChildItem -LiteralPath $root | Where-Object { $_.GetValueNames() -contains 'WmiSaved' }).Count -gt 0
    $type = (Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\Winmgmt' -Name 'Type' -ErrorAction SilentlyContinue).Type
    if ($held) {
        Write-Warning 'rpcwall: another rpcwall policy on this computer still sets the WMI fixed port; WMI stays in its own service host'
    } else {
        if ($type -ne 16) {
            Write-Warning 'rpcwall: WMI no longer runs in its own service host, which rpcwall set; it is left as it is'
        } elseif ((Get-Item -LiteralPath $root).GetValueNames() -contains 'WmiShared') {
            & winmgmt.exe -sharedhost
            if ($LASTEXITCODE -ne 0) { throw ('winmgmt -sharedhost failed with exit code ' + $LASTEXITCODE) }
            Restart-Service -Name winmgmt -Force
        }
        Remove-ItemProperty -LiteralPath $root -Name 'WmiShared' -ErrorAction SilentlyContinue
    }
    foreach ($path in @($State, $root)) {
        $item = Get-Item -LiteralPath $path -ErrorAction SilentlyContinue
        if ($null -ne $item -and $item.SubKeyCount -eq 0 -and $item.ValueCount -eq 0) { Remove-Item -LiteralPath $path }
    }
}

function Restore-RpcwallBackup {
    # Puts back the RPC values from before rpcwall, once the state keys are proven to be
    # SYSTEM's and Administrators' alone, and only while the three RPC values are still
    # the ones this policy recorded in rpc-written; then deletes the record.
    param([string] $State)
    Assert-RpcwallStateKey -Path 'HKLM:\SOFTWARE\rpcwall'
    Assert-RpcwallStateKey -Path $State
    $backup = $State + '\rpc-backup'
    $written = $State + '\rpc-written'
    $names = @()
    if (Test-Path -LiteralPath $State) { $names = (Get-Item -LiteralPath $State).GetValueNames() }
    if ($names -notcontains 'RpcSaved' -and $names -notcontains 'RpcAbsent') {
        Write-Warning ('rpcwall: no saved RPC values in ' + $State + '; RPC registry values left as they are')
        return
    }
    if (Test-Path -LiteralPath $backup) { Assert-RpcwallStateKey -Path $backup }
    if (Test-Path -LiteralPath $written) { Assert-RpcwallStateKey -Path $written }
    $key = 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet'
    $ours = (Test-Path -LiteralPath $key) -and (Test-Path -LiteralPath $written)
    if ($ours) {
        $now = Get-Item -LiteralPath $key
        $mine = Get-Item -LiteralPath $written
        foreach ($name in @('Ports', 'PortsInternetAvailable', 'UseInternetPorts')) {
            if ($now.GetValueNames() -notcontains $name -or $mine.GetValueNames() -notcontains $name -or $now.GetValueKind($name) -ne $mine.GetValueKind($name) -or (@($now.GetValue($name, $null)) -join ',') -cne (@($mine.GetValue($name, $null)) -join ',')) { $ours = $false }
        }
    }
    if (-not $ours) {
        Write-Warning ('rpcwall: the RPC values in ' + $key + ' are no longer the ones this policy wrote (another policy or an administrator changed them); they are left as they are, and the values from before rpcwall stay in ' + $State)
        return
    }
    Remove-Item -LiteralPath $key -Recurse
    if ($names -contains 'RpcSaved') {
        $null = New-Item -Path $key
        $saved = Get-Item -LiteralPath $backup
        foreach ($name in $saved.GetValueNames()) {
            $null = New-ItemProperty -LiteralPath $key -Name $name -PropertyType $saved.GetValueKind($name).ToString() -Value $saved.GetValue($name, $null, 'DoNotExpandEnvironmentNames') -Force
        }
    }
    foreach ($path in @($backup, $written)) {
        if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path -Recurse }
    }
    Remove-ItemProperty -LiteralPath $State -Name 'RpcSaved', 'RpcAbsent' -ErrorAction SilentlyContinue
    foreach ($path in @($State, 'HKLM:\SOFTWARE\rpcwall')) {
        $item = Get-Item -LiteralPath $path
        if ($item.SubKeyCount -eq 0 -and $item.ValueCount -eq 0) { Remove-Item -LiteralPath $path }
    }
}

function Unregister-RpcwallRevert {
    # Deletes this policy's pending rollback task. -Missing 'ignore': a task that is not there
    # is not an error (the rollback); 'fail': it is (the confirm script: too late, or nothing
    # to confirm).
    param([string] $Slug, [string] $Missing)
    $task = Get-ScheduledTask -TaskName ($Slug + '-revert') -TaskPath '\rpcwall\' -ErrorAction SilentlyContinue
    if ($null -eq $task) {
        if ($Missing -eq 'fail') {
            throw ('rpcwall: there is no pending task \rpcwall\' + $Slug + '-revert: it has run already and the policy may be rolled back, or the policy was confirmed or rolled back before. Check the firewall rules.')
        }
        return
    }
    Unregister-ScheduledTask -TaskName ($Slug + '-revert') -TaskPath '\rpcwall\' -Confirm:$false
    Write-Host ('rpcwall: deleted the task \rpcwall\' + $Slug + '-revert')
}

# Remove the rules of this policy, whichever run created them.
if ($PSCmdlet.ShouldProcess('rules of group rpcwall/kb-rpc-5001-5021-10a0bf28', 'Remove-NetFirewallRule')) {
    Get-NetFirewallRule -Group 'rpcwall/kb-rpc-5001-5021-10a0bf28' @RpcwallStore -ErrorAction SilentlyContinue | Remove-NetFirewallRule
}

if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('winmgmt', 'Put WMI back in the host it ran in before this policy')) {
    Restore-RpcwallWmi -State $RpcwallState -OrHandOver
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

# Confirmed apply: the rollback is done; a pending rollback task is no longer needed.
if ($PSCmdlet.ShouldProcess('scheduled task \rpcwall\kb-rpc-5001-5021-10a0bf28-revert', 'Unregister-ScheduledTask')) {
    Unregister-RpcwallRevert -Slug 'kb-rpc-5001-5021-10a0bf28' -Missing 'ignore'
}
