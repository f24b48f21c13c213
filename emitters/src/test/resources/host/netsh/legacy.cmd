rem Windows XP era script, still found on servers.
netsh firewall add portopening TCP 24158 WMIFixedPort
netsh firewall add portopening protocol=UDP port=161 name=SNMP mode=ENABLE scope=SUBNET profile=DOMAIN
netsh firewall add portopening ALL 5000 Mixed ENABLE CUSTOM 10.0.0.0/255.0.0.0,LocalSubnet STANDARD
netsh firewall add allowedprogram program="C:\Tools\agent.exe" name="Agent" mode=DISABLE
netsh firewall set portopening protocol=TCP port=24158 scope=CUSTOM addresses=10.1.1.5
netsh firewall delete portopening UDP 161
netsh firewall add portopening TCP 70000 TooHigh
netsh firewall add portopening TCP 8080
netsh firewall set opmode mode=ENABLE exceptions=DISABLE profile=DOMAIN
netsh firewall set opmode DISABLE
netsh firewall set service type=fileandprint mode=enable
netsh firewall set service REMOTEADMIN ENABLE SUBNET
netsh firewall set service type=fileandprint mode=disable
netsh firewall set icmpsetting 8
netsh firewall show state
