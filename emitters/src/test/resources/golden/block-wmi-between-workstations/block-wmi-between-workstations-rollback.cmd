@echo off
rem rpcwall rollback script for policy "Block WMI between workstations"
rem Description: "WMI on 24158 only from admin servers and domain controllers"
rem Source: "examples/block-wmi-between-workstations.rpcwall"
rem Source SHA-256: "f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undoes block-wmi-between-workstations.cmd, with the state it keeps in "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3".
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
if not defined ProgramData (echo rpcwall: ProgramData is not set; the state of the policy is kept in %%ProgramData%%\rpcwall.& exit /b 1)
echo rpcwall: rolling back policy "Block WMI between workstations"

rem Remove the rules of this policy: those its state lists (the last successful run's, and
rem a failed run's) and those this version of the policy creates. A rule that is not there
rem makes netsh fail; that is expected here and not checked.
if exist "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.txt" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.txt") do netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/%%N" >nul 2>&1
if exist "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new") do netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/%%N" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158" >nul 2>&1

rem Move WMI back into the shared service host (windows-semantics.md 6.3 rule 1).
winmgmt -sharedhost
if errorlevel 1 (echo rpcwall: FAILED: winmgmt -sharedhost& goto fail)
net stop winmgmt /y
if errorlevel 1 (echo rpcwall: FAILED: net stop winmgmt& goto fail)
net start winmgmt
if errorlevel 1 (echo rpcwall: FAILED: net start winmgmt& goto fail)

rem Everything is undone: remove the state last, so that a failed rollback can run again.
rem rmdir removes only empty folders; other policies' state stays.
del "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.txt" >nul 2>&1
del "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" >nul 2>&1
rmdir "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3" >nul 2>&1
rmdir "%ProgramData%\rpcwall" >nul 2>&1

echo rpcwall: policy "Block WMI between workstations" rolled back.
echo rpcwall: 'net stop winmgmt /y' also stopped the services that depend on WMI; this script does not start them again.
echo rpcwall: restart the computer to start them.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
