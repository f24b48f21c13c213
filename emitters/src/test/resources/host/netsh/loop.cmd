@echo off
set N=0
:again
netsh advfirewall firewall add rule name="Loop" dir=in action=allow protocol=tcp localport=7
goto again
