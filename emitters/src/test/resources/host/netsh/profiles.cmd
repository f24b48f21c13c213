:: Baseline: block inbound, shields up on Public, Domain off (lab); line 7 lacks the outbound half, which netsh refuses.
netsh advfirewall set allprofiles firewallpolicy blockinbound,allowoutbound
netsh advfirewall set publicprofile firewallpolicy blockinboundalways,allowoutbound
netsh advfirewall set domainprofile state off
netsh advfirewall set privateprofile firewallpolicy allowinbound,allowoutbound
netsh advfirewall set privateprofile state on
netsh advfirewall set allprofiles firewallpolicy blockinbound
netsh advfirewall set currentprofile logging droppedconnections enable
netsh advfirewall set domainprofile state maybe
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v Ports /t REG_MULTI_SZ /d "5001-5021\05100 - 5200\0" /f
reg add HKLM\SOFTWARE\Microsoft\Rpc\Internet /v PortsInternetAvailable /t REG_SZ /d Y /f
reg add "HKEY_LOCAL_MACHINE\Software\Microsoft\Rpc\Internet" /v UseInternetPorts /d N /f
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v Spare /t REG_DWORD /d 0x10 /f
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v Spare /f
reg add "HKLM\SOFTWARE\Contoso" /v Ports /t REG_SZ /d 1 /f
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v Ports2 /t REG_MULTI_SZ /s , /d "6000-6100,6200" /f
winmgmt /standalonehost 4
reg import rpc.reg
