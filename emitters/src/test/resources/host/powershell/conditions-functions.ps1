# Script parameters, if/else, try/catch and functions (LF, UTF-8 with BOM)
param(
    [string] $Store = 'PersistentStore',
    [switch] $SkipRpc,
    [string[]] $Admins
)
if ($Store -eq 'PersistentStore') {
    New-NetFirewallRule -Name A -DisplayName A -Protocol TCP -LocalPort 135 -PolicyStore $Store
} else {
    New-NetFirewallRule -Name B -DisplayName B -Protocol TCP -LocalPort 136
}
if (-not $SkipRpc) {
    Set-ItemProperty -Path HKLM:\SOFTWARE\Microsoft\Rpc\Internet -Name Ports -Value @('5001-5021') -Type MultiString
}
if ((Get-Service winmgmt).Status -eq 'Running') {
    New-NetFirewallRule -Name C -DisplayName C -Protocol TCP -LocalPort 24158
}
try {
    New-NetFirewallRule -Name D -DisplayName D -Protocol TCP -LocalPort 445 -RemoteAddress $Admins
} catch {
    New-NetFirewallRule -Name E -DisplayName E
}
function Open-Port($n) { New-NetFirewallRule -DisplayName "Port $n" -Protocol TCP -LocalPort $n }
Open-Port 8080
# expect rule 'A' LOCAL in allow tcp lport=135 @8
# expect rule 'C' LOCAL in allow tcp lport=24158 @16
# expect rule 'D' LOCAL in allow tcp lport=445 other='-RemoteAddress unknown: the script parameter $Admins has no default value' @19
# expect reg Ports REG_MULTI_SZ [5001-5021] @13
# expect note unreadable 15:1 the condition of this 'if' is not evaluated; its block is read as if it runs
# expect note unreadable 19:77 the value of -RemoteAddress is not known (the script parameter $Admins has no default value)
# expect note unreadable 24:1 'Open-Port' is a function of this script
