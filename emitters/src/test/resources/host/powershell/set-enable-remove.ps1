# Changing, enabling, disabling and removing rules (CRLF, no BOM)
New-NetFirewallRule -Name WMI-1 -DisplayName 'WMI (DCOM-In)' -Group 'Remote WMI' -Protocol TCP -LocalPort 135
New-NetFirewallRule -Name WMI-2 -DisplayName 'WMI (WMI-In)' -Group 'Remote WMI' -Protocol TCP -LocalPort RPC -Service winmgmt
New-NetFirewallRule -Name RDP -DisplayName 'Remote Desktop' -Protocol TCP -LocalPort 3389 -Enabled False
New-NetFirewallRule -Name Old -DisplayName 'Old rule' -Protocol UDP -LocalPort 161
Set-NetFirewallRule -Name RDP -RemoteAddress 10.1.1.0/24 -Enabled True
Disable-NetFirewallRule -DisplayGroup 'Remote WMI'
Enable-NetFirewallRule -DisplayName 'WMI (WMI*'
Get-NetFirewallRule -DisplayName 'Old rule' | Remove-NetFirewallRule
Get-NetFirewallRule -Group 'Remote WMI' | Set-NetFirewallRule -RemoteAddress LocalSubnet
Set-NetFirewallRule WMI-1 -NewDisplayName 'WMI endpoint mapper'
Set-NetFirewallRule -Name RDP -Protocol ICMPv4
Remove-NetFirewallRule -DisplayName 'Not here'
Get-NetFirewallRule | Where-Object Enabled -eq True | Disable-NetFirewallRule
Enable-NetFirewallRule -DisplayGroup 'Windows Management Instrumentation (WMI)'
# expect rule 'WMI-1' name='WMI endpoint mapper' LOCAL in allow tcp lport=135 raddr=LOCAL_SUBNET disabled group='Remote WMI' @11
# expect rule 'WMI-2' name='WMI (WMI-In)' LOCAL in allow tcp lport=RPC raddr=LOCAL_SUBNET service='winmgmt' group='Remote WMI' @10
# expect rule 'RDP' name='Remote Desktop' LOCAL in allow tcp lport=3389 raddr=10.1.1.0/24 @6
# expect note invalid-rule 12:1 ports need -Protocol TCP or UDP; Windows refuses a rule with ports and protocol 1
# expect note unreadable 13:1 Remove-NetFirewallRule -DisplayName Not here matches no rule read so far
# expect note unreadable 14:23 the rules a Where-Object filter keeps are not known
# expect note unreadable 15:1 Enable-NetFirewallRule -DisplayGroup Windows Management Instrumentation (WMI) matches no rule read so far
