# Hand-written rules as found on a file server: any case, abbreviations, backticks, lists.
New-NetFirewallRule -Name 'EPM-Admins' -DisplayName 'RPC endpoint mapper (admins)' -Direction Inbound -Action Allow -Protocol TCP -LocalPort RPCEPMap -RemoteAddress 10.1.1.0/24 -Program '%SystemRoot%\system32\svchost.exe' -Service RpcSs
# expect rule 'EPM-Admins' name='RPC endpoint mapper (admins)' LOCAL in allow tcp lport=RPC_EPMAP raddr=10.1.1.0/24 program='%SystemRoot%\system32\svchost.exe' service='RpcSs' @2
new-netfirewallrule -name smb-block -displayname 'Block SMB' -dir outbound -act block -proto tcp -remotep 445 -prof domain,private -enabled false
# expect rule 'smb-block' name='Block SMB' LOCAL out block tcp rport=445 profiles=domain,private disabled @4
New-NetFirewallRule -Name "WinRM-HTTP" `
    -DisplayName "WinRM over HTTP" `
    -Protocol TCP `
    -LocalPort 5985 `
    -RemoteAddress LocalSubnet, '192.168.10.0/24', 10.0.0.1-10.0.0.9 `
    -Profile Any `
    -InterfaceType Wired
# expect rule 'WinRM-HTTP' name='WinRM over HTTP' LOCAL in allow tcp lport=5985 raddr=10.0.0.1-10.0.0.9,192.168.10.0/24,LOCAL_SUBNET other='-InterfaceType Wired' @6
New-NetFirewallRule -DisplayName 'DCOM dynamic' -Protocol TCP -LocalPort RPC -Program "C:\Program Files\App\app.exe" -Profile 'Domain, Public' -Authentication Required
# expect rule '(no -Name, new-rules.ps1 line 14 #1)' name='DCOM dynamic' LOCAL in allow tcp lport=RPC profiles=domain,public program='C:\Program Files\App\app.exe' other='-Authentication Required' @14
New-NetFirewallRule -DisplayName 'ports with any protocol' -Protocol Any -LocalPort 135
New-NetFirewallRule -DisplayName 'port too big' -Protocol TCP -LocalPort 65536
New-NetFirewallRule -DisplayName 'bad action' -Action Deny -Protocol TCP -LocalPort 135
New-NetFirewallRule -Name 'no display name' -Protocol TCP -LocalPort 135
New-NetFirewallRule -DisplayName 'ambiguous' -P TCP
New-NetFirewallRule -DisplayName 'unknown parameter' -Colour Red
New-NetFirewallRule -DisplayName 'rpc over udp' -Protocol UDP -LocalPort RPC
New-NetFirewallRule -Name EPM-Admins -DisplayName 'again' -Protocol TCP -LocalPort 135
New-NetFirewallRule -DisplayName 'host bits' -Protocol TCP -LocalPort 135 -RemoteAddress 10.1.1.1/24
New-NetFirewallRule -DisplayName 'range backwards' -Protocol UDP -LocalPort 5100-5000
New-NetFirewallRule -DisplayName 'icmp' -Protocol ICMPv4 -IcmpType 8 -RemoteAddress 10.0.0.0/8 -WhatIf
NetSecurity\New-NetFirewallRule -DisplayName 'qualified' -Protocol 6 -LocalPort 1-1024 -Direction Inbound
# expect rule '(no -Name, new-rules.ps1 line 27 #2)' name='qualified' LOCAL in allow tcp lport=1-1024 @27
# expect note invalid-rule 16:1 ports need -Protocol TCP or UDP; Windows refuses a rule with ports and protocol Any
# expect note invalid-rule 17:63 '65536' is not a port 0-65535
# expect note invalid-rule 18:47 'Deny' is not a value of -Action
# expect note invalid-rule 19:1 New-NetFirewallRule needs -DisplayName
# expect note invalid-rule 20:46 PowerShell refuses parameter -P, which is ambiguous (Profile, Platform, Protocol, Program, Package, PolicyStore, PolicyAppId, ProgressAction, PipelineVariable)
# expect note invalid-rule 21:54 PowerShell refuses parameter -Colour, which it does not have
# expect note invalid-rule 22:1 the RPC port keywords need -Protocol TCP and -Direction Inbound
# expect note invalid-rule 23:1 a rule named 'EPM-Admins' already exists in this store (new-rules.ps1:2:1)
# expect note invalid-rule 24:75 '10.1.1.1/24': host bits are set below the prefix
# expect note invalid-rule 25:66 '5100-5000' is not a port 0-65535
