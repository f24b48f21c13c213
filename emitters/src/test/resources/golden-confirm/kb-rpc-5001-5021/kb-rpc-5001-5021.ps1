# rpcwall apply script for policy 'KB RPC 5001-5021'
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
#   .\kb-rpc-5001-5021.ps1 -WhatIf     shows every change without making it
#   .\kb-rpc-5001-5021.ps1             applies it to this computer
#   .\kb-rpc-5001-5021.ps1 -PolicyStore 'example.com\GPO name'
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
# State (the RPC values from before rpcwall) is kept in HKLM:\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28,
# which only SYSTEM and Administrators can change; it is checked before it is read.
# Roll back with .\kb-rpc-5001-5021-rollback.ps1 (same -PolicyStore).

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

function Get-RpcwallRegistry {
    # The RPC values as they are now, as JSON text (kept in memory for the undo).
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
    # puts back exactly those. On the first run it also records, in the state key, the
    # values from before rpcwall (RpcSaved=1 and a copy in rpc-backup, or RpcAbsent=1
    # when the RPC key did not exist); a later run keeps that first record.
    param([string] $State)
    $before = Get-RpcwallRegistry
    Add-RpcwallUndo -Kind 'registry' -Item $before
    New-RpcwallStateKey -Path 'HKLM:\SOFTWARE\rpcwall'
    New-RpcwallStateKey -Path $State
    $backup = $State + '\rpc-backup'
    $names = (Get-Item -LiteralPath $State).GetValueNames()
    if ($names -contains 'RpcSaved' -or $names -contains 'RpcAbsent') {
        if (Test-Path -LiteralPath $backup) { Assert-RpcwallStateKey -Path $backup }
        return
    }
    $key = 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet'
    if (-not (Test-Path -LiteralPath $key)) {
        $null = New-ItemProperty -LiteralPath $State -Name 'RpcAbsent' -PropertyType DWord -Value 1 -Force
        Add-RpcwallUndo -Kind 'unset' -Item $State -Other 'RpcAbsent'
        return
    }
    # A copy left by a failed run without the record is not trusted: it is made again.
    if (Test-Path -LiteralPath $backup) { Remove-Item -LiteralPath $backup -Recurse }
    New-RpcwallStateKey -Path $backup
    Add-RpcwallUndo -Kind 'tree' -Item $backup
    $item = Get-Item -LiteralPath $key
    foreach ($name in $item.GetValueNames()) {
        $null = New-ItemProperty -LiteralPath $backup -Name $name -PropertyType $item.GetValueKind($name).ToString() -Value $item.GetValue($name, $null, 'DoNotExpandEnvironmentNames') -Force
    }
    $null = New-ItemProperty -LiteralPath $State -Name 'RpcSaved' -PropertyType DWord -Value 1 -Force
    Add-RpcwallUndo -Kind 'unset' -Item $State -Other 'RpcSaved'
}

function Set-RpcwallWritten {
    # Records in rpc-written the three values this policy wrote, so that a rollback can
    # tell whether they are still its own; journals the earlier record.
    param([string] $State, [string[]] $Ports)
    $written = $State + '\rpc-written'
    $old = ''
    if (Test-Path -LiteralPath $written) {
        Assert-RpcwallStateKey -Path $written
        $old = @((Get-Item -LiteralPath $written).GetValue('Ports', $null)) -join ','
    } else {
        New-RpcwallStateKey -Path $written
    }
    Add-RpcwallUndo -Kind 'written' -Item $State -Other $old
    $null = New-ItemProperty -LiteralPath $written -Name 'Ports' -PropertyType MultiString -Value $Ports -Force
    $null = New-ItemProperty -LiteralPath $written -Name 'PortsInternetAvailable' -PropertyType String -Value 'Y' -Force
    $null = New-ItemProperty -LiteralPath $written -Name 'UseInternetPorts' -PropertyType String -Value 'Y' -Force
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

function Register-RpcwallRevert {
    # Before the first change: a task run as SYSTEM that runs a copy of the rollback script
    # after $Minutes minutes (and again at that interval until a rollback succeeds), unless
    # the confirm script deletes it. A pending task of this policy is replaced.
    param([string] $Slug, [string] $Rollback, [int] $Minutes)
    if ($PolicyStore -ne 'PersistentStore') {
        throw 'rpcwall: a confirmed apply changes this computer only; run it without -PolicyStore'
    }
    $service = Get-Service -Name 'Schedule'
    if ($service.Status -ne 'Running') {
        throw ('rpcwall: the Task Scheduler service is ' + $service.Status + ', so nothing could roll this policy back; nothing was changed')
    }
    $dir = Join-Path $env:ProgramFiles ('rpcwall\' + $Slug)
    $null = New-Item -ItemType Directory -Path $dir -Force
    $system = New-Object System.Security.Principal.SecurityIdentifier 'S-1-5-18'
    $admins = New-Object System.Security.Principal.SecurityIdentifier 'S-1-5-32-544'
    $acl = New-Object System.Security.AccessControl.DirectorySecurity
    $acl.SetOwner($admins)
    $acl.SetAccessRuleProtection($true, $false)
    foreach ($sid in @($system, $admins)) {
        $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule($sid, 'FullControl', 'ContainerInherit, ObjectInherit', 'None', 'Allow')))
    }
    Set-Acl -LiteralPath $dir -AclObject $acl
    $check = Get-Acl -LiteralPath $dir
    if ($check.GetOwner([System.Security.Principal.SecurityIdentifier]).Value -ne 'S-1-5-32-544') {
        throw ('rpcwall: ' + $dir + ' is not owned by Administrators; nothing was changed')
    }
    foreach ($rule in $check.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])) {
        if ($rule.IdentityReference.Value -notin @('S-1-5-18', 'S-1-5-32-544')) {
            throw ('rpcwall: ' + $dir + ' grants ' + $rule.IdentityReference.Value + ' access; nothing was changed')
        }
    }
    $copy = Join-Path $dir $Rollback
    Copy-Item -LiteralPath (Join-Path $PSScriptRoot $Rollback) -Destination $copy -Force
    $shell = Join-Path $env:SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe'
    $action = New-ScheduledTaskAction -Execute $shell -Argument ('-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "' + $copy + '"')
    $trigger = New-ScheduledTaskTrigger -Once -At ((Get-Date).AddMinutes($Minutes)) -RepetitionInterval (New-TimeSpan -Minutes $Minutes) -RepetitionDuration (New-TimeSpan -Days 7)
    $principal = New-ScheduledTaskPrincipal -UserId 'S-1-5-18' -LogonType ServiceAccount -RunLevel Highest
    $settings = New-ScheduledTaskSettingsSet -StartWhenAvailable
    $null = Register-ScheduledTask -TaskName ($Slug + '-revert') -TaskPath '\rpcwall\' -Action $action -Trigger $trigger -Principal $principal -Settings $settings -Force
}

# Would each profile enforce the policy? (stops unless -Force)
Assert-RpcwallProfiles -Profiles 'Domain', 'Private', 'Public' -PolicyStore $PolicyStore -Stage 'before applying' -DefaultBlock

# Confirmed apply (--confirm-within 15): before the first change, register the task
# \rpcwall\kb-rpc-5001-5021-10a0bf28-revert, run as SYSTEM. It runs a copy of the rollback script
# in 15 minutes, and again at that interval until a rollback succeeds, unless
# .\kb-rpc-5001-5021-confirm.ps1 deletes it first. See docs/deploy/confirmed-apply.md.
if ($PSCmdlet.ShouldProcess('scheduled task \rpcwall\kb-rpc-5001-5021-10a0bf28-revert', 'Register-ScheduledTask (rolls the policy back unless confirmed)')) {
    Register-RpcwallRevert -Slug 'kb-rpc-5001-5021-10a0bf28' -Rollback 'kb-rpc-5001-5021-rollback.ps1' -Minutes 15
}

try {

    # Rename the rules of the earlier run aside; they are removed at the end.
    if ($PSCmdlet.ShouldProcess('rules of group rpcwall/kb-rpc-5001-5021-10a0bf28', 'Rename-NetFirewallRule (moved aside until the new rules exist)')) {
        Move-RpcwallRulesAside -Group 'rpcwall/kb-rpc-5001-5021-10a0bf28' -Store $RpcwallStore
    }

    # Rule 1 of 2, from policy line 15
    if ($PSCmdlet.ShouldProcess('rule rpcwall/kb-rpc-5001-5021-10a0bf28/allow-tcp-135,5001-5021', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/kb-rpc-5001-5021-10a0bf28/allow-tcp-135,5001-5021' `
            -DisplayName 'rpcwall/kb-rpc-5001-5021-10a0bf28/allow-tcp-135,5001-5021' `
            -Group 'rpcwall/kb-rpc-5001-5021-10a0bf28' `
            -Description 'Allowed by allow admins to endpoint-mapper, rpc-dynamic (line 15)' `
            -Direction Inbound -Action Allow -Enabled True `
            -Protocol TCP -LocalPort '135', '5001-5021' `
            -RemoteAddress '10.1.1.0/24' `
            -Profile Any `
            @RpcwallStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/kb-rpc-5001-5021-10a0bf28/allow-tcp-135,5001-5021'
    }

    # Rule 2 of 2, from policy line 16
    if ($PSCmdlet.ShouldProcess('rule rpcwall/kb-rpc-5001-5021-10a0bf28/block-tcp-135,5001-5021', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/kb-rpc-5001-5021-10a0bf28/block-tcp-135,5001-5021' `
            -DisplayName 'rpcwall/kb-rpc-5001-5021-10a0bf28/block-tcp-135,5001-5021' `
            -Group 'rpcwall/kb-rpc-5001-5021-10a0bf28' `
            -Description 'Blocked by block any to endpoint-mapper, rpc-dynamic (line 16)' `
            -Direction Inbound -Action Block -Enabled True `
            -Protocol TCP -LocalPort '135', '5001-5021' `
            -RemoteAddress '0.0.0.0-10.1.0.255', '10.1.2.0-126.255.255.255', '128.0.0.0/1', '::2-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' `
            -Profile Any `
            @RpcwallStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/kb-rpc-5001-5021-10a0bf28/block-tcp-135,5001-5021'
    }

    # RPC dynamic port range (HKLM\SOFTWARE\Microsoft\Rpc\Internet).
    if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('HKLM:\SOFTWARE\Microsoft\Rpc\Internet', 'Restrict RPC dynamic ports to 5001-5021')) {
        Save-RpcwallRegistry -State $RpcwallState
        if (-not (Test-Path -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet')) {
            $null = New-Item -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet'
        }
        $null = New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name 'Ports' -PropertyType MultiString -Value @('5001-5021') -Force
        $null = New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name 'PortsInternetAvailable' -PropertyType String -Value 'Y' -Force
        $null = New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name 'UseInternetPorts' -PropertyType String -Value 'Y' -Force
        Set-RpcwallWritten -State $RpcwallState -Ports @('5001-5021')
        Write-Warning 'rpcwall: restart the computer for the RPC port range to take effect.'
    }
} catch {
    Write-Warning 'rpcwall: a step failed; undoing the changes of this run'
    Undo-RpcwallChanges -Store $RpcwallStore
    throw
}

# Every step succeeded: the rules of the earlier run are no longer needed.
if ($PSCmdlet.ShouldProcess('rules of group rpcwall/kb-rpc-5001-5021-10a0bf28 moved aside by this run', 'Remove-NetFirewallRule')) {
    Remove-RpcwallMovedRules -Group 'rpcwall/kb-rpc-5001-5021-10a0bf28' -Store $RpcwallStore
}

# This version does not set WMI's fixed port: put WMI back where an earlier version found it.
if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('winmgmt', 'Put WMI back in the host an earlier version of this policy found it in')) {
    Restore-RpcwallWmi -State $RpcwallState
}

# A GPO: save the cached copy once; nothing reached the GPO before this line.
if ($PolicyStore -like '*\*' -and $PSCmdlet.ShouldProcess('the GPO named by -PolicyStore', 'Save-NetGPO (write back the cached copy)')) {
    Save-NetGPO -GPOSession $RpcwallGpo
    Write-Host ('rpcwall: saved to the GPO ' + $PolicyStore + '. Computers apply it at their next Group Policy refresh: by default every 90 minutes plus a random offset of up to 30 minutes, and at restart; gpupdate /force on a computer applies it now.')
}

# Would each profile enforce the policy? (stops unless -Force)
Assert-RpcwallProfiles -Profiles 'Domain', 'Private', 'Public' -PolicyStore $PolicyStore -Stage 'after applying' -DefaultBlock

Write-Host 'rpcwall: CONFIRM within 15 minutes (unless this was a -WhatIf run): check that you can still reach this computer, then run .\kb-rpc-5001-5021-confirm.ps1. Until then the task \rpcwall\kb-rpc-5001-5021-10a0bf28-revert rolls this policy back at the deadline.'
