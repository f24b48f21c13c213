@echo off
rem rpcwall apply script for policy "Branch office servers"
rem Source: "examples/branch-office-imports.rpcwall"
rem Source SHA-256: "56ef55c57898ed3cb14e3bf993568018eb9a0f2a20a1fe4d73d83bf87f1d2137"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undo with branch-office-servers-rollback.cmd from the same folder.
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
echo rpcwall: applying policy "Branch office servers"

rem Remove the rules this policy owns, so that the script can run again. A rule that is
rem not there makes netsh fail; that is expected here and not checked.
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers/allow-tcp-135,5985-5986,50000-50199" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers/block-tcp-135,5985-5986,50000-50199" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers/allow-tcp-445/domain" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers/allow-tcp-445/private,public" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers/block-tcp-445/domain" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers/block-tcp-445/private,public" >nul 2>&1

rem Add the rules (Windows Firewall: a matching block rule wins over any allow rule).
netsh advfirewall firewall add rule name="rpcwall/branch-office-servers/allow-tcp-135,5985-5986,50000-50199" dir=in action=allow protocol=tcp localport=135,5985-5986,50000-50199 remoteip=10.0.0.10/31,10.0.10.5-10.0.10.6,2001:db8::10/127 profile=any description="Allowed by allow management to endpoint-mapper, rpc-dynamic, winrm, smb (line 17)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/branch-office-servers/allow-tcp-135,5985-5986,50000-50199"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/branch-office-servers/block-tcp-135,5985-5986,50000-50199" dir=in action=block protocol=tcp localport=135,5985-5986,50000-50199 remoteip=0.0.0.0-10.0.0.9,10.0.0.12-10.0.10.4,10.0.10.7-255.255.255.255,::-2001:db8::f,2001:db8::12-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=any description="Blocked by block any to endpoint-mapper, rpc-dynamic, winrm, smb (line 19)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/branch-office-servers/block-tcp-135,5985-5986,50000-50199"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/branch-office-servers/allow-tcp-445/domain" dir=in action=allow protocol=tcp localport=445 remoteip=10.0.0.10/31,10.0.10.5-10.0.10.6,10.60.0.0/16,2001:db8::10/127,2001:db8:60::/48 profile=domain description="Allowed by allow management to endpoint-mapper, rpc-dynamic, winrm, smb (line 17)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/branch-office-servers/allow-tcp-445/domain"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/branch-office-servers/allow-tcp-445/private,public" dir=in action=allow protocol=tcp localport=445 remoteip=10.0.0.10/31,10.0.10.5-10.0.10.6,2001:db8::10/127 profile=private,public description="Allowed by allow management to endpoint-mapper, rpc-dynamic, winrm, smb (line 17)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/branch-office-servers/allow-tcp-445/private,public"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/branch-office-servers/block-tcp-445/domain" dir=in action=block protocol=tcp localport=445 remoteip=0.0.0.0-10.0.0.9,10.0.0.12-10.0.10.4,10.0.10.7-10.59.255.255,10.61.0.0-255.255.255.255,::-2001:db8::f,2001:db8::12-2001:db8:5f:ffff:ffff:ffff:ffff:ffff,2001:db8:61::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=domain description="Blocked by block any to endpoint-mapper, rpc-dynamic, winrm, smb (line 19)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/branch-office-servers/block-tcp-445/domain"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/branch-office-servers/block-tcp-445/private,public" dir=in action=block protocol=tcp localport=445 remoteip=0.0.0.0-10.0.0.9,10.0.0.12-10.0.10.4,10.0.10.7-255.255.255.255,::-2001:db8::f,2001:db8::12-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=private,public description="Blocked by block any to endpoint-mapper, rpc-dynamic, winrm, smb (line 19)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/branch-office-servers/block-tcp-445/private,public"& goto fail)

rem RPC dynamic port range (HKLM\SOFTWARE\Microsoft\Rpc\Internet, KB154596).
rem Save the settings found before the first run, for the rollback script; a
rem later run keeps that first copy.
if exist "%~dp0branch-office-servers-rpc-backup.reg" goto rpc_saved
if exist "%~dp0branch-office-servers-rpc-absent.txt" goto rpc_saved
reg query "HKLM\SOFTWARE\Microsoft\Rpc\Internet" >nul 2>&1
if errorlevel 1 goto rpc_absent
reg export "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "%~dp0branch-office-servers-rpc-backup.reg" /y >nul
if errorlevel 1 (echo rpcwall: FAILED: reg export of the RPC settings to "%~dp0branch-office-servers-rpc-backup.reg"& goto fail)
goto rpc_saved
:rpc_absent
echo The key HKLM\SOFTWARE\Microsoft\Rpc\Internet did not exist before.>"%~dp0branch-office-servers-rpc-absent.txt"
if errorlevel 1 (echo rpcwall: FAILED: writing "%~dp0branch-office-servers-rpc-absent.txt"& goto fail)
:rpc_saved
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v Ports /t REG_MULTI_SZ /d "50000-50199" /f
if errorlevel 1 (echo rpcwall: FAILED: reg add Ports& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v PortsInternetAvailable /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add PortsInternetAvailable& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v UseInternetPorts /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add UseInternetPorts& goto fail)

echo rpcwall: policy "Branch office servers" applied: 6 rules.
echo rpcwall: restart the computer: the RPC dynamic port range takes effect only after a restart.
exit /b 0

:fail
echo rpcwall: stopped at the first failure; the host may be partly changed. Run branch-office-servers-rollback.cmd to undo.
exit /b 1
