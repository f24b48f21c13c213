# rpcwall apply script for policy 'DCOM from the admin subnet'
# Source:  examples/dcom-admin-subnet.yaml
# SHA-256: 644297b89062f6ac9907989ca7cb2a6ba09ca55e97b4fc92b8b59c45d1fbe92b
# Tool:    rpcwall 0.1.0
# Rules:   4, group 'rpcwall: DCOM from the admin subnet'
#
# Run as administrator in Windows PowerShell 5.1 or later:
#   .\dcom-from-the-admin-subnet.ps1 -WhatIf     shows every change without making it
#   .\dcom-from-the-admin-subnet.ps1             applies it to this computer
#   .\dcom-from-the-admin-subnet.ps1 -PolicyStore 'example.com\GPO name' -SkipHostSettings
#                                 writes the rules into a GPO and leaves this computer alone
# Running it again is safe: it removes the rules of its group, then creates them.
# If a step fails, it undoes what this run changed and stops with the error.
# Roll back with .\dcom-from-the-admin-subnet-rollback.ps1 (same -PolicyStore).

#Requires -RunAsAdministrator

[CmdletBinding(SupportsShouldProcess)]
param(
    # 'PersistentStore' is this computer; a GPO is written as 'domain\GPO name'.
    [string] $PolicyStore = 'PersistentStore',
    # Leaves the RPC registry values and WMI alone (for example when writing a GPO).
    [switch] $SkipHostSettings
)

$ErrorActionPreference = 'Stop'
$RpcwallBackup = Join-Path -Path $PSScriptRoot -ChildPath 'dcom-from-the-admin-subnet-rpc-backup.json'

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
    if ($PSCmdlet.ShouldProcess('rules of group rpcwall: DCOM from the admin subnet', 'Remove-NetFirewallRule')) {
        Get-NetFirewallRule -Group 'rpcwall: DCOM from the admin subnet' -PolicyStore $PolicyStore -ErrorAction SilentlyContinue | Remove-NetFirewallRule
    }

    # Rule 1 of 4, from policy line 13
    if ($PSCmdlet.ShouldProcess('rule rpcwall/dcom-from-the-admin-subnet/allow-tcp-135,5100-5299/domain', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/dcom-from-the-admin-subnet/allow-tcp-135,5100-5299/domain' `
            -DisplayName 'rpcwall/dcom-from-the-admin-subnet/allow-tcp-135,5100-5299/domain' `
            -Group 'rpcwall: DCOM from the admin subnet' `
            -Description 'Allowed by allow admins to endpoint-mapper, rpc-dynamic (line 13)' `
            -Direction Inbound -Action Allow -Enabled True `
            -Protocol TCP -LocalPort '135', '5100-5299' `
            -RemoteAddress '10.1.1.0-10.1.2.127', '2001:db8:1::/64' `
            -Profile Domain `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/dcom-from-the-admin-subnet/allow-tcp-135,5100-5299/domain'
    }

    # Rule 2 of 4, from policy line 13
    if ($PSCmdlet.ShouldProcess('rule rpcwall/dcom-from-the-admin-subnet/allow-tcp-135,5100-5299/private,public', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/dcom-from-the-admin-subnet/allow-tcp-135,5100-5299/private,public' `
            -DisplayName 'rpcwall/dcom-from-the-admin-subnet/allow-tcp-135,5100-5299/private,public' `
            -Group 'rpcwall: DCOM from the admin subnet' `
            -Description 'Allowed by allow admins to endpoint-mapper, rpc-dynamic (line 13)' `
            -Direction Inbound -Action Allow -Enabled True `
            -Protocol TCP -LocalPort '135', '5100-5299' `
            -RemoteAddress '10.1.1.0/24', '2001:db8:1::/64' `
            -Profile Private,Public `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/dcom-from-the-admin-subnet/allow-tcp-135,5100-5299/private,public'
    }

    # Rule 3 of 4, from policy line 18
    if ($PSCmdlet.ShouldProcess('rule rpcwall/dcom-from-the-admin-subnet/block-tcp-135,5100-5299/domain', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/dcom-from-the-admin-subnet/block-tcp-135,5100-5299/domain' `
            -DisplayName 'rpcwall/dcom-from-the-admin-subnet/block-tcp-135,5100-5299/domain' `
            -Group 'rpcwall: DCOM from the admin subnet' `
            -Description 'Blocked by block any to endpoint-mapper, rpc-dynamic (line 18)' `
            -Direction Inbound -Action Block -Enabled True `
            -Protocol TCP -LocalPort '135', '5100-5299' `
            -RemoteAddress '0.0.0.0-10.1.0.255', '10.1.2.128-255.255.255.255', '::-2001:db8:0:ffff:ffff:ffff:ffff:ffff', '2001:db8:1:1::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' `
            -Profile Domain `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/dcom-from-the-admin-subnet/block-tcp-135,5100-5299/domain'
    }

    # Rule 4 of 4, from policy line 18
    if ($PSCmdlet.ShouldProcess('rule rpcwall/dcom-from-the-admin-subnet/block-tcp-135,5100-5299/private,public', 'New-NetFirewallRule')) {
        $null = New-NetFirewallRule -Name 'rpcwall/dcom-from-the-admin-subnet/block-tcp-135,5100-5299/private,public' `
            -DisplayName 'rpcwall/dcom-from-the-admin-subnet/block-tcp-135,5100-5299/private,public' `
            -Group 'rpcwall: DCOM from the admin subnet' `
            -Description 'Blocked by block any to endpoint-mapper, rpc-dynamic (line 18)' `
            -Direction Inbound -Action Block -Enabled True `
            -Protocol TCP -LocalPort '135', '5100-5299' `
            -RemoteAddress '0.0.0.0-10.1.0.255', '10.1.2.0-255.255.255.255', '::-2001:db8:0:ffff:ffff:ffff:ffff:ffff', '2001:db8:1:1::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' `
            -Profile Private,Public `
            -PolicyStore $PolicyStore
        Add-RpcwallUndo -Kind 'rule' -Item 'rpcwall/dcom-from-the-admin-subnet/block-tcp-135,5100-5299/private,public'
    }

    # RPC dynamic port range (HKLM\SOFTWARE\Microsoft\Rpc\Internet).
    if (-not $SkipHostSettings -and $PSCmdlet.ShouldProcess('HKLM:\SOFTWARE\Microsoft\Rpc\Internet', 'Restrict RPC dynamic ports to 5100-5299')) {
        Save-RpcwallRegistry -Backup $RpcwallBackup
        Add-RpcwallUndo -Kind 'registry' -Item $RpcwallBackup
        if (-not (Test-Path -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet')) {
            $null = New-Item -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet'
        }
        $null = New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name 'Ports' -PropertyType MultiString -Value @('5100-5299') -Force
        $null = New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name 'PortsInternetAvailable' -PropertyType String -Value 'Y' -Force
        $null = New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name 'UseInternetPorts' -PropertyType String -Value 'Y' -Force
        Write-Warning 'rpcwall: restart the computer for the RPC port range to take effect.'
    }
} catch {
    Write-Warning 'rpcwall: a step failed; undoing the changes of this run'
    Undo-RpcwallChanges -PolicyStore $PolicyStore
    throw
}
