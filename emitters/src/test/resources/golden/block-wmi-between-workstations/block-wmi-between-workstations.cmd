@echo off
rem rpcwall apply script for policy "Block WMI between workstations"
rem Source: "examples/block-wmi-between-workstations.rpcwall"
rem Source SHA-256: "f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undo with block-wmi-between-workstations-rollback.cmd from the same folder.
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
echo rpcwall: applying policy "Block WMI between workstations"

rem Remove the rules this policy owns, so that the script can run again. A rule that is
rem not there makes netsh fail; that is expected here and not checked.
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations/allow-tcp-135,24158" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations/block-tcp-135,24158" >nul 2>&1

rem Add the rules (Windows Firewall: a matching block rule wins over any allow rule).
netsh advfirewall firewall add rule name="rpcwall/block-wmi-between-workstations/allow-tcp-135,24158" dir=in action=allow protocol=tcp localport=135,24158 remoteip=10.0.0.10/31,10.0.10.0/28,2001:db8::10,2001:db8:10::/64 profile=any description="Allowed by allow admin-servers, domain-controllers to wmi (line 16)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/block-wmi-between-workstations/allow-tcp-135,24158"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/block-wmi-between-workstations/block-tcp-135,24158" dir=in action=block protocol=tcp localport=135,24158 remoteip=0.0.0.0-10.0.0.9,10.0.0.12-10.0.9.255,10.0.10.16-255.255.255.255,::-2001:db8::f,2001:db8::11-2001:db8:f:ffff:ffff:ffff:ffff:ffff,2001:db8:10:1::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=any description="Blocked by block workstations to wmi (line 17)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/block-wmi-between-workstations/block-tcp-135,24158"& goto fail)

rem WMI on its fixed port TCP 24158: own service host, then restart the service (windows-semantics.md 6.3).
winmgmt -standalonehost
if errorlevel 1 (echo rpcwall: FAILED: winmgmt -standalonehost& goto fail)
net stop winmgmt /y
if errorlevel 1 (echo rpcwall: FAILED: net stop winmgmt& goto fail)
net start winmgmt
if errorlevel 1 (echo rpcwall: FAILED: net start winmgmt& goto fail)

echo rpcwall: policy "Block WMI between workstations" applied: 2 rules.
exit /b 0

:fail
echo rpcwall: stopped at the first failure; the host may be partly changed. Run block-wmi-between-workstations-rollback.cmd to undo.
exit /b 1
