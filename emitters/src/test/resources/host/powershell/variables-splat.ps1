# Variables, splatting and expandable strings (CRLF, UTF-8 with BOM).
$ports = '135', '445'
$admins = @('10.1.1.0/24', '10.1.2.0/24')
$suffix = 'Admins'
$common = @{
    Direction = 'Inbound'
    Protocol  = 'TCP'
    Action    = 'Allow'
}
New-NetFirewallRule -Name "RPC-$suffix" -DisplayName "RPC and SMB ($suffix)" -LocalPort $ports -RemoteAddress $admins @common
# expect rule 'RPC-Admins' name='RPC and SMB (Admins)' LOCAL in allow tcp lport=135,445 raddr=10.1.1.0-10.1.2.255 @10
$params = @{ Name = 'WMI-In'; DisplayName = 'WMI (DCOM-In)'; Protocol = 'TCP'; LocalPort = 135; Program = "$env:SystemRoot\system32\svchost.exe"; Service = 'winmgmt' }
New-NetFirewallRule @params
# expect rule 'WMI-In' name='WMI (DCOM-In)' LOCAL in allow tcp lport=135 service='winmgmt' other='-Program unknown: $env:SystemRoot is an environment variable of the host' @13
New-NetFirewallRule -DisplayName 'Dynamic RPC' -Protocol TCP -LocalPort $rpcPorts -RemoteAddress Any
# expect rule '(no -Name, variables-splat.ps1 line 15 #1)' name='Dynamic RPC' LOCAL in allow tcp other='-LocalPort unknown: $rpcPorts is not assigned in the script' @15
New-NetFirewallRule -DisplayName 'From splat' @missing -Protocol UDP -LocalPort 137
# expect rule '(no -Name, variables-splat.ps1 line 17 #2)' name='From splat' LOCAL in allow udp lport=137 @17
$gpoName = 'corp.example.com\Servers'
$enabled = $false
New-NetFirewallRule -DisplayName 'GPO rule' -PolicyStore $gpoName -Protocol TCP -LocalPort 3389 -RemoteAddress 10.1.1.5 -Enabled $enabled
# expect rule '(no -Name, variables-splat.ps1 line 21 #3)' name='GPO rule' GPO in allow tcp lport=3389 raddr=10.1.1.5 disabled @21
# expect note unreadable 12:97 the value of -Program is not known ($env:SystemRoot is an environment variable of the host)
# expect note unreadable 15:62 the value of -LocalPort is not known ($rpcPorts is not assigned in the script)
# expect note unreadable 17:47 the parameters splatted from @missing are not known ($missing is not assigned in the script)
