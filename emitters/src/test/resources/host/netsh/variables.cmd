@echo off
setlocal
set ADMINS=10.1.1.0/24
set "PORTS=135,5001-5021"
set RULE="RPC from admins"
set OPTS=dir=in action=allow protocol=tcp
netsh advfirewall firewall add rule name=%RULE% %OPTS% localport=%PORTS% remoteip=%ADMINS%
netsh advfirewall firewall add rule name="Mgmt" dir=in action=allow protocol=tcp localport=%MGMT_PORT% remoteip=%ADMINS%
netsh advfirewall firewall add rule name="App %SITE%" dir=in action=allow program="%ProgramFiles%\App\app.exe"
call :open "Web server" 80
call :open HTTPS 443 public
set ADMINS=
netsh advfirewall firewall add rule name="Late" dir=in action=allow protocol=tcp localport=22 remoteip=%ADMINS%
set /p ANSWER=Port? 
netsh advfirewall firewall add rule name="Asked" dir=in action=allow protocol=tcp localport=%ANSWER%
goto :eof

:open
rem %1 name, %2 port, %3 profile (optional)
set PROFILE=any
if not "%~3"=="" set PROFILE=%~3
netsh advfirewall firewall add rule name=%1 dir=in action=allow protocol=tcp localport=%2 profile=%PROFILE%
shift
netsh advfirewall firewall add rule name="%~1 again" dir=in action=block protocol=tcp localport=%1
goto :eof
