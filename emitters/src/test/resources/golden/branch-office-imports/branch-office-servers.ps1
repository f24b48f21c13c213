# rpcwall apply script for policy 'Branch office servers'
# Source:  examples/branch-office-imports.rpcwall
# SHA-256: 56ef55c57898ed3cb14e3bf993568018eb9a0f2a20a1fe4d73d83bf87f1d2137
# Tool:    rpcwall 0.1.0
# Rules:   6, group 'rpcwall: Branch office servers'
#
# Run as administrator in Windows PowerShell 5.1 or later:
#   .\branch-office-servers.ps1 -WhatIf     shows every change without making it
#   .\branch-office-servers.ps1             applies it to this computer
#   .\branch-office-servers.ps1 -PolicyStore 'example.com\GPO name' -SkipHostSettings
#                                 writes the rules into a GPO and leaves this computer alone
# Running it again is safe: it removes the rules of its group, then creates them.
# If a step fails, it undoes what this run changed and stops with the error.
# Roll back with .\branch-office-servers-rollback.ps1 (same -PolicyStore).

#Requires -RunAsAdministrator

[CmdletBinding(SupportsShouldProcess)]
param(
    # 'PersistentStore' is this computer; a GPO is written as 'domain\GPO name'.
    [string] $PolicyStore = 'PersistentStore',
    # Leaves the RPC registry values and WMI alone (for example when writing a GPO).
    [switch] $SkipHostSettings
)

$ErrorActionPreference = 'Stop'
$RpcwallBackup = Join-Path -Path $PSScriptRoot -ChildPath 'branch-office-servers-rpc-backup.json'

function Add-RpcwallUndo {
    # Journal of the changes this run made, undone in reverse order on failure.
    param([string] $Kind, [string] $Item)
    $script:RpcwallUndo += , @($Kind, $Item)
}

function Undo-RpcwallChanges {
    param([string] $PolicyStore)
    if ($null -eq $script:RpcwallUndo) { return }
    $steps = @($script:RpcwallUndo)
    [array]::Reverse($steps)
    foreach ($step in $steps) {
        try {
            switch ($step[0]) {
                'rule' { Remove-NetFirewallRule -Name $step[1] -PolicyStore $PolicyStore }
                'registry' { Restore-RpcwallRegistry -Backup $step[1] }
                'winmgmt' {
                    & winmgmt.exe -sharedhost | Out-Null
                    Restart-Service -Name winmgmt -Force
                }
            }
        } catch {
            Write-Warning ('rpcwall: could not undo ' + $step[0] + ' ' + $step[1] + ': ' + $_)
        }
    }
}

function Save-RpcwallRegistry {
    # Saves the RPC values as they were before rpcwall changed them; a backup left by an
    # earlier run already holds those, so it is kept.
    param([string] $Backup)
    if (Test-Path -LiteralPath $Backup) { return }
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
    ConvertTo-Json -InputObject $state -Depth 4 | Set-Content -LiteralPath $Backup -Encoding UTF8
}

function Restore-RpcwallRegistry {
    # Puts back the values Save-RpcwallRegistry saved, then deletes the backup.
    param([string] $Backup)
    if (-not (Test-Path -LiteralPath $Backup)) {
        Write-Warning ('rpcwall: no backup at ' + $Backup + '; RPC registry values left as they are')
        return
    }
    $state = Get-Content -LiteralPath $Backup -Raw | ConvertFrom-Json
    $key = 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet'
    if (-not $state.KeyExisted) {
        if (Test-Path -LiteralPath $key) { Remove-Item -LiteralPath $key -Recurse }
    } else {
        foreach ($name in @('Ports', 'PortsInternetAvailable', 'UseInternetPorts')) {
            $saved = $state.Values.$name
            if ($null -eq $saved) {
                Remove-ItemProperty -LiteralPath $key -Name $name -ErrorAction SilentlyContinue
            } elseif ($saved.Kind -eq 'MultiString') {
                $null = New-ItemProperty -LiteralPath $key -Name $name -PropertyType MultiString -Value ([string[]] $saved.Data) -Force
            } else {
                $null = New-ItemProperty -LiteralPath $key -Name $name -PropertyType $saved.Kind -Value $saved.Data[0] -Force
            }
        }
    }
    Remove-Item -LiteralPath $Backup
}

try {

    # Remove the rules of this policy, whichever run created them.
    if ($PSCmdlet.ShouldProcess('rules of group rpcwall: Branch office servers', 'Remove-NetFirewallRule')) {
        Get-NetFirewallRule -Group 'rpcwall: Branch office servers' -PolicyStore $PolicyStore -ErrorAction SilentlyContinue | Remove-NetFirewallRule
    }

    # Rule 1 of 6, from policy line 17
    if ($PSCmdlet.ShouldProcess('rule rpcwall/branch-office-servers/allow-tcp-135,5985-5986,50000-50199', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/branch-office-servers/allow-tcp-135,5985-5986,50000-50199' `
            -DisplayName 'rpcwall/branch-office-servers/allow-tcp-135,5985-5986,50000-50199' `
            -Group 'rpcwall: Branch office servers' `
            -Description 'Allowed by allow management to endpoint-mapper, rpc-dynamic, winrm, smb (line 17)' `
            -Direction Inbound -Action Allow -Enabled True `
            -Protocol TCP -LocalPort '135', '5985-5986', '50000-50199' `
            -RemoteAddress '10.0.0.10/31', '10.0.10.5-10.0.10.6', '2001:db8::10/127' `
            -Profile Any `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/branch-office-servers/allow-tcp-135,5985-5986,50000-50199'
    }

    # Rule 2 of 6, from policy line 19
    if ($PSCmdlet.ShouldProcess('rule rpcwall/branch-office-servers/block-tcp-135,5985-5986,50000-50199', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/branch-office-servers/block-tcp-135,5985-5986,50000-50199' `
            -DisplayName 'rpcwall/branch-office-servers/block-tcp-135,5985-5986,50000-50199' `
            -Group 'rpcwall: Branch office servers' `
            -Description 'Blocked by block any to endpoint-mapper, rpc-dynamic, winrm, smb (line 19)' `
            -Direction Inbound -Action Block -Enabled True `
            -Protocol TCP -LocalPort '135', '5985-5986', '50000-50199' `
            -RemoteAddress '0.0.0.0-10.0.0.9', '10.0.0.12-10.0.10.4', '10.0.10.7-255.255.255.255', '::-2001:db8::f', '2001:db8::12-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' `
            -Profile Any `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/branch-office-servers/block-tcp-135,5985-5986,50000-50199'
    }

    # Rule 3 of 6, from policy line 17
    if ($PSCmdlet.ShouldProcess('rule rpcwall/branch-office-servers/allow-tcp-445/domain', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/branch-office-servers/allow-tcp-445/domain' `
            -DisplayName 'rpcwall/branch-office-servers/allow-tcp-445/domain' `
            -Group 'rpcwall: Branch office servers' `
            -Description 'Allowed by allow management to endpoint-mapper, rpc-dynamic, winrm, smb (line 17)' `
            -Direction Inbound -Action Allow -Enabled True `
            -Protocol TCP -LocalPort '445' `
            -RemoteAddress '10.0.0.10/31', '10.0.10.5-10.0.10.6', '10.60.0.0/16', '2001:db8::10/127', '2001:db8:60::/48' `
            -Profile Domain `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/branch-office-servers/allow-tcp-445/domain'
    }

    # Rule 4 of 6, from policy line 17
    if ($PSCmdlet.ShouldProcess('rule rpcwall/branch-office-servers/allow-tcp-445/private,public', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/branch-office-servers/allow-tcp-445/private,public' `
            -DisplayName 'rpcwall/branch-office-servers/allow-tcp-445/private,public' `
            -Group 'rpcwall: Branch office servers' `
            -Description 'Allowed by allow management to endpoint-mapper, rpc-dynamic, winrm, smb (line 17)' `
            -Direction Inbound -Action Allow -Enabled True `
            -Protocol TCP -LocalPort '445' `
            -RemoteAddress '10.0.0.10/31', '10.0.10.5-10.0.10.6', '2001:db8::10/127' `
            -Profile Private,Public `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/branch-office-servers/allow-tcp-445/private,public'
    }

    # Rule 5 of 6, from policy line 19
    if ($PSCmdlet.ShouldProcess('rule rpcwall/branch-office-servers/block-tcp-445/domain', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/branch-office-servers/block-tcp-445/domain' `
            -DisplayName 'rpcwall/branch-office-servers/block-tcp-445/domain' `
            -Group 'rpcwall: Branch office servers' `
            -Description 'Blocked by block any to endpoint-mapper, rpc-dynamic, winrm, smb (line 19)' `
            -Direction Inbound -Action Block -Enabled True `
            -Protocol TCP -LocalPort '445' `
            -RemoteAddress '0.0.0.0-10.0.0.9', '10.0.0.12-10.0.10.4', '10.0.10.7-10.59.255.255', '10.61.0.0-255.255.255.255', '::-2001:db8::f', '2001:db8::12-2001:db8:5f:ffff:ffff:ffff:ffff:ffff', '2001:db8:61::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' `
            -Profile Domain `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/branch-office-servers/block-tcp-445/domain'
    }

    # Rule 6 of 6, from policy line 19
    if ($PSCmdlet.ShouldProcess('rule rpcwall/branch-office-servers/block-tcp-445/private,public', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/branch-office-servers/block-tcp-445/private,public' `
            -DisplayName 'rpcwall/branch-office-servers/block-tcp-445/private,public' `
            -Group 'rpcwall: Branch office servers' `
            -Description 'Blocked by block any to endpoint-mapper, rpc-dynamic, winrm, smb (line 19)' `
            -Direction Inbound -Action Block -Enabled True `
            -Protocol TCP -LocalPort '445' `
            -RemoteAddress '0.0.0.0-10.0.0.9', '10.0.0.12-10.0.10.4', '10.0.10.7-255.255.255.255', '::-2001:db8::f', '2001:db8::12-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' `
            -Profile Private,Public `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/branch-office-servers/block-tcp-445/private,public'
    }

    # RPC dynamic port range (HKLM\SOFTWARE\Microsoft\Rpc\Internet).
    if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('HKLM:\SOFTWARE\Microsoft\Rpc\Internet', 'Restrict RPC dynamic ports to 50000-50199')) {
        Save-RpcwallRegistry -Backup $RpcwallBackup
        Add-RpcwallUndo -Kind 'registry' -Item $RpcwallBackup
        if (-not (Test-Path -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet')) {
            $null = New-Item -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet'
        }
        $null = New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name 'Ports' -PropertyType MultiString -Value @('50000-50199') -Force
        $null = New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name 'PortsInternetAvailable' -PropertyType String -Value 'Y' -Force
        $null = New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name 'UseInternetPorts' -PropertyType String -Value 'Y' -Force
        Write-Warning 'rpcwall: restart the computer for the RPC port range to take effect.'
    }
} catch {
    Write-Warning 'rpcwall: a step failed; undoing the changes of this run'
    Undo-RpcwallChanges -PolicyStore $PolicyStore
    throw
}
