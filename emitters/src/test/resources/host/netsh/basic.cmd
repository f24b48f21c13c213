@echo off
rem Hand-written hardening script: the forms admins use.
netsh advfirewall firewall add rule name="RDP admins" dir=in action=allow protocol=TCP localport=3389 remoteip=10.1.1.0/24 profile=domain,private
NETSH AdvFirewall Firewall ADD RULE Name="Block SMB" Dir=IN Action=BLOCK Protocol=tcp LocalPort=445
netsh advfirewall firewall add rule name = "WinRM" dir = in action= allow protocol =tcp localport=5985,5986 remoteip=10.1.1.0/24,LocalSubnet
netsh advfirewall firewall add rule name="RPC EPM" dir=in action=allow ^
  protocol=tcp localport=RPC-EPMap ^
  service=rpcss
netsh advf firewall add rule name="Out web" dir=out action=allow protocol=udp remoteport=53 remoteip=192.168.1.10-192.168.1.12
netsh advfirewall firewall add rule name="Temp" dir=in action=allow protocol=tcp localport=8080
netsh advfirewall firewall delete rule name="Temp"
netsh advfirewall firewall set rule name="WinRM" new remoteip=10.1.1.0/24 enable=no
netsh advfirewall firewall add rule name="Ping" dir=in action=allow protocol=icmpv4:8,any interfacetype=lan
netsh advfirewall firewall add rule name="App" dir=in action=allow program="C:\Program Files\App\app.exe" security=authenticate
netsh advfirewall firewall set rule name="Out web" dir=in new enable=no
netsh advfirewall firewall show rule name=all >nul
netsh advfirewall firewall delete rule name="Block SMB" dir=in protocol=udp
netsh advfirewall firewall add rule name="Dup" dir=in action=allow protocol=tcp localport=1
netsh advfirewall firewall add rule name="Dup" dir=out action=allow protocol=tcp localport=2
netsh advfirewall firewall delete rule name="dup" dir=out
copy a.txt b.txt
some-tool.exe /install
