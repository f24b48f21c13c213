# More forms: selection by group, -All, GPO sessions, registry types, colon syntax (LF, no BOM)
New-NetFirewallRule -Name G1 -DisplayName 'G one' -Group 'Remote Admin' -Protocol TCP -LocalPort 135
New-NetFirewallRule -Name G2 -DisplayName 'G two' -Group 'Remote Admin' -Protocol TCP -LocalPort 445 -Enabled:$false
Set-NetFirewallRule -Group 'Remote Admin' -RemoteAddress 10.2.0.0/16
Set-NetFirewallRule -DisplayGroup 'Remote*' -Enabled True -Profile Domain
$cfg = @{ Port = '5985'; Name = 'WinRM' }
New-NetFirewallRule -Name $cfg.Name -DisplayName "WinRM $cfg" -Protocol TCP -LocalPort $cfg.Port
New-NetFirewallRule -Name GP -DisplayName 'in a GPO' -GPOSession $session -Protocol UDP -LocalPort 500
if ($PSCmdlet.ShouldProcess('rules', 'Remove')) { Remove-NetFirewallRule -All -PolicyStore 'corp.example.com\GPO' }
Get-NetFirewallRule -PolicyStore ActiveStore -Name G2 | Remove-NetFirewallRule
Set-NetFirewallProfile -DefaultInbound Allow -Prof Public
Set-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name Extra -Value @('4000 - 4010')
Remove-Item -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Recurse
Set-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name UseInternetPorts -Value 'Y'
Set-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name Level -Value 2
New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet', 'HKLM:\SOFTWARE\Other' -Name PortsInternetAvailable -Value 'Y'
Set-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name Ports -Value '6000-6100', '7000'
winmgmt /standalonehost 2
winmgmt -sharedhost
winmgmt.exe /standalonehost
# expect rule 'G1' name='G one' LOCAL in allow tcp lport=135 raddr=10.2.0.0/16 profiles=domain group='Remote Admin' @5
# expect rule 'WinRM' LOCAL in allow tcp lport=5985 @7
# expect profile public inbound=allow @11
# expect reg Level REG_DWORD [2] @15
# expect reg Ports REG_MULTI_SZ [6000-6100, 7000] @17
# expect reg PortsInternetAvailable REG_SZ [Y] @16
# expect reg UseInternetPorts REG_SZ [Y] @14
# expect wmi 24158 @20
# expect note unreadable 7:37 the value of -DisplayName is not known ($cfg is not a string)
New-NetFirewallRule -Name X1 -DisplayName 'x' -Protocol TCP -LocalPort 139
Get-NetFirewallRule -DisplayName x | Set-NetFirewallRule -Enabled False
# expect rule 'X1' name='x' LOCAL in allow tcp lport=139 disabled @31
