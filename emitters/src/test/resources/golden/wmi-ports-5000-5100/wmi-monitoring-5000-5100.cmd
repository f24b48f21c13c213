@echo off
rem rpcwall apply script for policy "WMI monitoring 5000-5100"
rem Source: "examples/wmi-ports-5000-5100.rpcwall"
rem Source SHA-256: "54d46626132706b68cce9ab3243f870689ed08775f85b8b70e4da8129ae2df36"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undo with wmi-monitoring-5000-5100-rollback.cmd from the same folder.
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
echo rpcwall: applying policy "WMI monitoring 5000-5100"

rem Remove the rules this policy owns, so that the script can run again. A rule that is
rem not there makes netsh fail; that is expected here and not checked.
netsh advfirewall firewall delete rule name="rpcwall/wmi-monitoring-5000-5100/allow-tcp-135,5000-5100" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/wmi-monitoring-5000-5100/block-tcp-135,5000-5100" >nul 2>&1

rem Add the rules (Windows Firewall: a matching block rule wins over any allow rule).
netsh advfirewall firewall add rule name="rpcwall/wmi-monitoring-5000-5100/allow-tcp-135,5000-5100" dir=in action=allow protocol=tcp localport=135,5000-5100 remoteip=10.20.30.40 profile=any description="Allowed by allow monitoring to wmi (line 13)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/wmi-monitoring-5000-5100/allow-tcp-135,5000-5100"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/wmi-monitoring-5000-5100/block-tcp-135,5000-5100" dir=in action=block protocol=tcp localport=135,5000-5100 remoteip=0.0.0.0-10.20.30.39,10.20.30.41-255.255.255.255,::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=any description="Blocked by block any to wmi (line 14)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/wmi-monitoring-5000-5100/block-tcp-135,5000-5100"& goto fail)

rem RPC dynamic port range (HKLM\SOFTWARE\Microsoft\Rpc\Internet, KB154596).
rem Save the settings found before the first run, for the rollback script; a
rem later run keeps that first copy.
if exist "%~dp0wmi-monitoring-5000-5100-rpc-backup.reg" goto rpc_saved
if exist "%~dp0wmi-monitoring-5000-5100-rpc-absent.txt" goto rpc_saved
reg query "HKLM\SOFTWARE\Microsoft\Rpc\Internet" >nul 2>&1
if errorlevel 1 goto rpc_absent
reg export "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "%~dp0wmi-monitoring-5000-5100-rpc-backup.reg" /y >nul
if errorlevel 1 (echo rpcwall: FAILED: reg export of the RPC settings to "%~dp0wmi-monitoring-5000-5100-rpc-backup.reg"& goto fail)
goto rpc_saved
:rpc_absent
echo The key HKLM\SOFTWARE\Microsoft\Rpc\Internet did not exist before.>"%~dp0wmi-monitoring-5000-5100-rpc-absent.txt"
if errorlevel 1 (echo rpcwall: FAILED: writing "%~dp0wmi-monitoring-5000-5100-rpc-absent.txt"& goto fail)
:rpc_saved
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v Ports /t REG_MULTI_SZ /d "5000-5100" /f
if errorlevel 1 (echo rpcwall: FAILED: reg add Ports& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v PortsInternetAvailable /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add PortsInternetAvailable& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v UseInternetPorts /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add UseInternetPorts& goto fail)

echo rpcwall: policy "WMI monitoring 5000-5100" applied: 2 rules.
echo rpcwall: restart the computer: the RPC dynamic port range takes effect only after a restart.
exit /b 0

:fail
echo rpcwall: stopped at the first failure; the host may be partly changed. Run wmi-monitoring-5000-5100-rollback.cmd to undo.
exit /b 1
