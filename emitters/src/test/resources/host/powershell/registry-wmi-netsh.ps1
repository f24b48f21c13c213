# RPC port range, WMI fixed port, netsh lines (LF, no BOM)
$key = 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet'
New-Item -Path $key -Force | Out-Null
New-ItemProperty -Path $key -Name 'Ports' -PropertyType MultiString -Value @('5000 - 5100', '6000') -Force
New-ItemProperty -Path $key -Name PortsInternetAvailable -PropertyType String -Value 'Y' -Force
Set-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Rpc\Internet' -Name UseInternetPorts -Value Y
Set-ItemProperty -Path Registry::HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Rpc\Internet -Name Ports -Value '5001-5021'
Set-ItemProperty HKLM:\SOFTWARE\Microsoft\Rpc\Internet Extra 1 -Type DWord
Remove-ItemProperty -Path $key -Name Extra
Set-ItemProperty -Path 'HKCU:\Software\Other' -Name Ports -Value 1
New-ItemProperty -Path $key -Name Bad -PropertyType Text -Value 1
winmgmt /standalonehost
netsh advfirewall firewall add rule name="WMI fixed" dir=in action=allow protocol=TCP localport=24158
$p = 135
& netsh.exe advfirewall firewall add rule name=EPM dir=in action=allow protocol=TCP localport=$p | Out-Null
# expect reg Ports REG_MULTI_SZ [5001-5021] @7
# expect reg PortsInternetAvailable REG_SZ [Y] @5
# expect reg UseInternetPorts REG_SZ [Y] @6
# expect wmi 24158 @12
# expect netsh netsh advfirewall firewall add rule name="WMI fixed" dir=in action=allow protocol=TCP localport=24158 @13
# expect netsh netsh.exe advfirewall firewall add rule name=EPM dir=in action=allow protocol=TCP localport=135 @15
# expect note invalid-rule 11:39 'Text' is not a value of -PropertyType
netsh advfirewall firewall add rule name=Cont dir=in `
    action=allow protocol=TCP localport=$p remoteip=$unknown # a comment
# expect netsh netsh advfirewall firewall add rule name=Cont dir=in      action=allow protocol=TCP localport=135 remoteip=$unknown @23
# expect note unreadable 24:53 $unknown in this command line is not known ($unknown is not assigned in the script); it is passed on as written
