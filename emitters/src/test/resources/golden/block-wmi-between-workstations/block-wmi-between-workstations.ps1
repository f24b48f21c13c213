# rpcwall apply script for policy 'Block WMI between workstations'
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
#   .\block-wmi-between-workstations.ps1 -WhatIf     shows every change without making it
#   .\block-wmi-between-workstations.ps1             applies it to this computer
#   .\block-wmi-between-workstations.ps1 -PolicyStore 'example.com\GPO name'
#                                 writes the rules into a GPO and leaves this computer alone:
#                                 one Open-NetGPO, one Save-NetGPO at the end; computers
#                                 apply it at their next Group Policy refresh (by default
#                                 every 90 minutes plus up to 30 minutes, and at restart)
# It first checks that every profile of this computer would enforce the policy (firewall
# on, inbound rules allowed, local rules merged) and stops if not, unless -Force is given.
# Running it again is safe: it renames the rules of its group aside (they go on
# enforcing), creates the new rules, and removes the renamed ones only when every step
# succeeded. If a step fails, it undoes what this run changed (the earlier rules get
# their names back) and stops with the error.
# State (the RPC values from before rpcwall) is kept in HKLM:\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3,
# which only SYSTEM and Administrators can change; it is checked before it is read.
# Roll back with .\block-wmi-between-workstations-rollback.ps1 (same -PolicyStore).

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

function Add-RpcwallUndo {
    # Journal of the changes this run made, undone in reverse order on failure.
    param([string] $Kind, [string] $Item, [string] $Other)
    $script:RpcwallUndo += , @($Kind, $Item, $Other)
}

function Undo-RpcwallChanges {
    # Newest change first: the new rules are removed before the rules they replaced get
    # their names back.
    param([hashtable] $Store)
    if ($null -eq $script:RpcwallUndo) { return }
    $steps = @($script:RpcwallUndo)
    [array]::Reverse($steps)
    foreach ($step in $steps) {
        try {
            switch ($step[0]) {
                'rule' { Remove-NetFirewallRule -Name $step[1] @Store }
                'moved' { Rename-NetFirewallRule -Name $step[2] -NewName $step[1] @Store }
                'registry' { Restore-RpcwallRegistry -State $step[1] }
                'tree' { if (Test-Path -LiteralPath $step[1]) { Remove-Item -LiteralPath $step[1] -Recurse } }
                'unset' { Remove-ItemProperty -LiteralPath $step[1] -Name $step[2] -ErrorAction SilentlyContinue }
                'written' {
                    $written = $step[1] + '\rpc-written'
                    if ([string]::IsNullOrEmpty($step[2])) {
                        if (Test-Path -LiteralPath $written) { Remove-Item -LiteralPath $written -Recurse }
                    } else {
                        $null = New-ItemProperty -LiteralPath $written -Name 'Ports' -PropertyType MultiString -Value ([string[]] ($step[2] -split ',')) -Force
                    }
                }
                'key' {
                    $item = Get-Item -LiteralPath $step[1] -ErrorAction SilentlyContinue
                    if ($null -ne $item -and $item.SubKeyCount -eq 0 -and $item.ValueCount -eq 0) { Remove-Item -LiteralPath $step[1] }
                }
                'winmgmt' {
                    if ($step[1] -eq 'shared') {
                        & winmgmt.exe -sharedhost | Out-Null
                        Restart-Service -Name winmgmt -Force
                    }
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
    param([string] $Group, [hashtable] $Store)
    $found = @(Get-NetFirewallRule -Group $Group @Store -ErrorAction SilentlyContinue)
    foreach ($rule in $found) {
        $aside = $rule.Name + '~rpcwall-old-' + [guid]::NewGuid().ToString('N')
        Rename-NetFirewallRule -Name $rule.Name -NewName $aside @Store
        Add-RpcwallUndo -Kind 'moved' -Item $rule.Name -Other $aside
        $script:RpcwallMoved += , @($Group, $aside)
    }
}

function Remove-RpcwallMovedRules {
    # Removes the rules moved aside from the group, once every step of the run succeeded.
    # One that cannot be removed stays in the group, where the next run or the rollback
    # removes it; the run still fails, so that the error is seen.
    param([string] $Group, [hashtable] $Store)
    if ($null -eq $script:RpcwallMoved) { return }
    $failed = @()
    foreach ($moved in @($script:RpcwallMoved)) {
        if ($moved[0] -ne $Group) { continue }
        try {
            Remove-NetFirewallRule -Name $moved[1] @Store
        } catch {
            $failed += $moved[1]
        }
    }
    if ($failed.Count -gt 0) {
        throw ('rpcwall: the new rules are in place, but these rules of the earlier run could not be removed: ' + ($failed -join ', ') + '. Run the script again to remove them.')
    }
}

function Assert-RpcwallProfiles {
    # Names each profile of the policy that would not enforce it, and stops unless the
    # script runs with -Force.
    param([string[]] $Profiles, [string] $PolicyStore, [string] $Stage, [switch] $DefaultBlock)
    $problems = @()
    foreach ($p in @(Get-NetFirewallProfile -PolicyStore ActiveStore)) {
        $name = [string] $p.Name
        if ($Profiles -notcontains $name) { continue }
        if ([string] $p.Enabled -ne 'True') { $problems += ($name + ': the firewall is off, so nothing is blocked') }
        if ([string] $p.AllowInboundRules -eq 'False') { $problems += ($name + ': AllowInboundRules is False (shields up), so every inbound rule, allow rules included, is ignored') }
        if ($PolicyStore -eq 'PersistentStore' -and [string] $p.AllowLocalFirewallRules -eq 'False') { $problems += ($name + ': a GPO sets AllowLocalFirewallRules False, so the rules of this computer are ignored') }
        if ($DefaultBlock -and [string] $p.DefaultInboundAction -eq 'Allow') { $problems += ($name + ': DefaultInboundAction is Allow, so traffic no rule matches is let in although the policy blocks it') }
    }
    if ($problems.Count -eq 0) { return }
    foreach ($problem in $problems) { Write-Warning ('rpcwall (' + $Stage + '): profile ' + $problem) }
    if ($script:Force) {
        Write-Warning 'rpcwall: going on because of -Force; the policy is not enforced in the profiles named above'
    } else {
        throw ('rpcwall (' + $Stage + '): the policy would not be enforced in the profiles named above; fix the profile settings or run again with -Force')
    }
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

function New-RpcwallStateKey {
    # Creates a state key owned by Administrators that only SYSTEM and Administrators may
    # change (no inherited rules), or checks the one that exists.
    param([string] $Path)
    if (-not (Test-Path -LiteralPath $Path)) {
        $null = New-Item -Path $Path
        $acl = New-Object -TypeName System.Security.AccessControl.RegistrySecurity
        $acl.SetAccessRuleProtection($true, $false)
        foreach ($sid in @('S-1-5-18', 'S-1-5-32-544')) {
            $id = New-Object -TypeName System.Security.Principal.SecurityIdentifier -ArgumentList $sid
            $acl.AddAccessRule((New-Object -TypeName System.Security.AccessControl.RegistryAccessRule -ArgumentList $id, 'FullControl', 'ContainerInherit', 'None', 'Allow'))
        }
        $acl.SetOwner((New-Object -TypeName System.Security.Principal.SecurityIdentifier -ArgumentList 'S-1-5-32-544'))
        Set-Acl -LiteralPath $Path -AclObject $acl
        Add-RpcwallUndo -Kind 'key' -Item $Path
    }
    Assert-RpcwallStateKey -Path $Path
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

function Save-RpcwallWmi {
    # Journals the host WMI runs in now, so a failed run puts it back there, and records
    # it in the state key on the first run that sets the fixed port.
    param([string] $State)
    $type = (Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\Winmgmt' -Name 'Type' -ErrorAction SilentlyContinue).Type
    $mode = 'shared'
    if ($type -eq 16) { $mode = 'standalone' }
    Add-RpcwallUndo -Kind 'winmgmt' -Item $mode
    New-RpcwallStateKey -Path 'HKLM:\SOFTWARE\rpcwall'
    New-RpcwallStateKey -Path $State
    if ((Get-Item -LiteralPath $State).GetValueNames() -notcontains 'WmiSaved') {
        $null = New-ItemProperty -LiteralPath $State -Name 'WmiSaved' -PropertyType String -Value $mode -Force
        Add-RpcwallUndo -Kind 'unset' -Item $State -Other 'WmiSaved'
    }
}

# Would each profile enforce the policy? (stops unless -Force)
Assert-RpcwallProfiles -Profiles 'Domain', 'Private', 'Public' -PolicyStore $PolicyStore -Stage 'before applying' -DefaultBlock

try {

    # Rename the rules of the earlier run aside; they are removed at the end.
    if ($PSCmdlet.ShouldProcess('rules of group rpcwall/block-wmi-between-workstations-a852b6f3', 'Rename-NetFirewallRule (moved aside until the new rules exist)')) {
        Move-RpcwallRulesAside -Group 'rpcwall/block-wmi-between-workstations-a852b6f3' -Store $RpcwallStore
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
            @RpcwallStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158'
    }

    # Rule 2 of 2, from policy line 17
    if ($PSCmdlet.ShouldProcess('rule rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158' `
            -DisplayName 'rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158' `
            -Group 'rpcwall/block-wmi-between-workstations-a852b6f3' `
            -Description 'Blocked by block workstations to wmi (line 17); block any to wmi (line 18)' `
            -Direction Inbound -Action Block -Enabled True `
            -Protocol TCP -LocalPort '135', '24158' `
            -RemoteAddress '0.0.0.0-10.0.0.9', '10.0.0.12-10.0.9.255', '10.0.10.16-126.255.255.255', '128.0.0.0/1', '::2-2001:db8::f', '2001:db8::11-2001:db8:f:ffff:ffff:ffff:ffff:ffff', '2001:db8:10:1::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' `
            -Profile Any `
            @RpcwallStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158'
    }

    # WMI on its fixed port TCP 24158 (winmgmt -standalonehost).
    if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('winmgmt', 'Move WMI to its own host on TCP 24158 (winmgmt -standalonehost)')) {
        Save-RpcwallWmi -State $RpcwallState
        & winmgmt.exe -standalonehost
        if ($LASTEXITCODE -ne 0) { throw ('winmgmt -standalonehost failed with exit code ' + $LASTEXITCODE) }
        Restart-Service -Name winmgmt -Force
    }
} catch {
    Write-Warning 'rpcwall: a step failed; undoing the changes of this run'
    Undo-RpcwallChanges -Store $RpcwallStore
    throw
}

# Every step succeeded: the rules of the earlier run are no longer needed.
if ($PSCmdlet.ShouldProcess('rules of group rpcwall/block-wmi-between-workstations-a852b6f3 moved aside by this run', 'Remove-NetFirewallRule')) {
    Remove-RpcwallMovedRules -Group 'rpcwall/block-wmi-between-workstations-a852b6f3' -Store $RpcwallStore
}

# This version sets no RPC port range: put back the values an earlier version saved.
if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('HKLM:\SOFTWARE\Microsoft\Rpc\Internet', 'Restore the RPC values saved by an earlier version of this policy')) {
    Restore-RpcwallBackup -State $RpcwallState
}

# A GPO: save the cached copy once; nothing reached the GPO before this line.
if ($PolicyStore -like '*\*' -and $PSCmdlet.ShouldProcess('the GPO named by -PolicyStore', 'Save-NetGPO (write back the cached copy)')) {
    Save-NetGPO -GPOSession $RpcwallGpo
    Write-Host ('rpcwall: saved to the GPO ' + $PolicyStore + '. Computers apply it at their next Group Policy refresh: by default every 90 minutes plus a random offset of up to 30 minutes, and at restart; gpupdate /force on a computer applies it now.')
}

# Would each profile enforce the policy? (stops unless -Force)
Assert-RpcwallProfiles -Profiles 'Domain', 'Private', 'Public' -PolicyStore $PolicyStore -Stage 'after applying' -DefaultBlock
