netsh advfirewall firewall add rule name="Any with port" dir=in action=allow protocol=any localport=135
netsh advfirewall firewall add rule name="No proto port" dir=in action=allow localport=135
netsh advfirewall firewall add rule name="Too high" dir=in action=allow protocol=tcp localport=65536
netsh advfirewall firewall add rule name="Reversed" dir=in action=allow protocol=tcp localport=200-100
netsh advfirewall firewall add rule name="No dir" action=allow protocol=tcp localport=80
netsh advfirewall firewall add rule dir=in action=allow protocol=tcp localport=80
netsh advfirewall firewall add rule name=all dir=in action=allow protocol=tcp localport=80
netsh advfirewall firewall add rule name="RPC udp" dir=in action=allow protocol=udp localport=RPC
netsh advfirewall firewall add rule name="Local kw" dir=in action=allow localip=localsubnet
netsh advfirewall firewall add rule name="Bad ip" dir=in action=allow remoteip=10.0.0.300
netsh advfirewall firewall add rule name="Typo" dir=in action=alow
netsh advfirewall firewall add rule name="Unknown key" dir=in action=allow colour=blue
netsh advfirewall firewall add rule name="Twice" dir=in dir=out action=allow
netsh advfirewall firewall add rule name="Edge out" dir=out action=allow edge=yes
netsh advfirewall firewall add rule name="Bypass" dir=in action=bypass
netsh advfirewall firewall add rule name="Groups" dir=in action=allow rmtcomputergrp=D:(A;;CC;;;DU)
netsh advfirewall firewall add rule name="Spaced list" dir=in action=allow protocol=tcp localport=135, 445
netsh advfirewall firewall delete rule dir=in
netsh advfirewall firewall set rule group="Remote Desktop" new action=allow
netsh advfirewall firewall add rule name="Good" dir=in action=allow protocol=tcp localport=0-65535
