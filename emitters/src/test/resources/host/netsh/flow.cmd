@echo off
if /i "%~1"=="/whatif" goto whatif
netsh advfirewall firewall add rule name="A" dir=in action=allow protocol=tcp localport=1 || goto fail
if errorlevel 1 goto fail
if exist C:\marker.txt (
  netsh advfirewall firewall add rule name="B" dir=in action=allow protocol=tcp localport=2
) else (
  netsh advfirewall firewall add rule name="C" dir=in action=allow protocol=tcp localport=3
  goto skip
)
netsh advfirewall firewall add rule name="D" dir=in action=allow protocol=tcp localport=4
:skip
for /f "delims=" %%N in (names.txt) do netsh advfirewall firewall delete rule name="%%N"
netsh -r server2 advfirewall firewall add rule name="Remote" dir=in action=allow
netsh advfirewall firewall add rule name="E" dir=in action=allow protocol=tcp localport=5 & netsh advfirewall firewall add rule name="F" dir=in action=block protocol=tcp localport=5
call :sub
call other.cmd
netsh advfirewall firewall delete rule name=all dir=out
exit /b 0
:sub
netsh advfirewall firewall add rule name="G" dir=out action=allow protocol=udp remoteport=123
goto :eof
:whatif
netsh advfirewall firewall add rule name="Never" dir=in action=allow
exit /b 0
:fail
netsh advfirewall set allprofiles state off
exit /b 1
