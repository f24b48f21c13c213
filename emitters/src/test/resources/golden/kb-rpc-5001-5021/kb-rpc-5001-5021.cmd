@echo off
rem rpcwall apply script for policy "KB RPC 5001-5021"
rem Source: "examples/kb-rpc-5001-5021.rpcwall"
rem Source SHA-256: "f405e6fc1e14413bebe95720cab6b3ab9d2cb0b19f9f5678ada26aff40ded098"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undo with kb-rpc-5001-5021-rollback.cmd from the same folder.
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
echo rpcwall: applying policy "KB RPC 5001-5021"

rem Remove the rules this policy owns, so that the script can run again. A rule that is
rem not there makes netsh fail; that is expected here and not checked.
netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021/allow-tcp-135,5001-5021" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021/block-tcp-135,5001-5021" >nul 2>&1

rem Add the rules (Windows Firewall: a matching block rule wins over any allow rule).
netsh advfirewall firewall add rule name="rpcwall/kb-rpc-5001-5021/allow-tcp-135,5001-5021" dir=in action=allow protocol=tcp localport=135,5001-5021 remoteip=10.1.1.0/24 profile=any description="Allowed by allow admins to endpoint-mapper, rpc-dynamic (line 15)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/kb-rpc-5001-5021/allow-tcp-135,5001-5021"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/kb-rpc-5001-5021/block-tcp-135,5001-5021" dir=in action=block protocol=tcp localport=135,5001-5021 remoteip=0.0.0.0-10.1.0.255,10.1.2.0-255.255.255.255,::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=any description="Blocked by block any to endpoint-mapper, rpc-dynamic (line 16)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/kb-rpc-5001-5021/block-tcp-135,5001-5021"& goto fail)

rem RPC dynamic port range (HKLM\SOFTWARE\Microsoft\Rpc\Internet, KB154596).
rem Save the settings found before the first run, for the rollback script; a
rem later run keeps that first copy.
if exist "%~dp0kb-rpc-5001-5021-rpc-backup.reg" goto rpc_saved
if exist "%~dp0kb-rpc-5001-5021-rpc-absent.txt" goto rpc_saved
reg query "HKLM\SOFTWARE\Microsoft\Rpc\Internet" >nul 2>&1
if errorlevel 1 goto rpc_absent
reg export "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "%~dp0kb-rpc-5001-5021-rpc-backup.reg" /y >nul
if errorlevel 1 (echo rpcwall: FAILED: reg export of the RPC settings to "%~dp0kb-rpc-5001-5021-rpc-backup.reg"& goto fail)
goto rpc_saved
:rpc_absent
echo The key HKLM\SOFTWARE\Microsoft\Rpc\Internet did not exist before.>"%~dp0kb-rpc-5001-5021-rpc-absent.txt"
if errorlevel 1 (echo rpcwall: FAILED: writing "%~dp0kb-rpc-5001-5021-rpc-absent.txt"& goto fail)
:rpc_saved
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v Ports /t REG_MULTI_SZ /d "5001-5021" /f
if errorlevel 1 (echo rpcwall: FAILED: reg add Ports& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v PortsInternetAvailable /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add PortsInternetAvailable& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v UseInternetPorts /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add UseInternetPorts& goto fail)

echo rpcwall: policy "KB RPC 5001-5021" applied: 2 rules.
echo rpcwall: restart the computer: the RPC dynamic port range takes effect only after a restart.
exit /b 0

:fail
echo rpcwall: stopped at the first failure; the host may be partly changed. Run kb-rpc-5001-5021-rollback.cmd to undo.
exit /b 1
