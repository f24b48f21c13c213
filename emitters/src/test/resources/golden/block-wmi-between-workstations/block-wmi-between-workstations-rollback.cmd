@echo off
rem rpcwall rollback script for policy "Block WMI between workstations"
rem Source: "examples/block-wmi-between-workstations.rpcwall"
rem Source SHA-256: "f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undoes block-wmi-between-workstations.cmd from the same folder.
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
echo rpcwall: rolling back policy "Block WMI between workstations"

rem Remove exactly the rules the apply script adds. A rule that is not there makes netsh
rem fail; that is expected here and not checked.
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations/allow-tcp-135,24158" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations/block-tcp-135,24158" >nul 2>&1

rem Move WMI back into the shared service host (windows-semantics.md 6.3 rule 1).
winmgmt -sharedhost
if errorlevel 1 (echo rpcwall: FAILED: winmgmt -sharedhost& goto fail)
net stop winmgmt /y
if errorlevel 1 (echo rpcwall: FAILED: net stop winmgmt& goto fail)
net start winmgmt
if errorlevel 1 (echo rpcwall: FAILED: net start winmgmt& goto fail)

echo rpcwall: policy "Block WMI between workstations" rolled back.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
