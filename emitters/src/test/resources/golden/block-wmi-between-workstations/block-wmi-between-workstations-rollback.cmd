@echo off
rem rpcwall rollback script for policy "Block WMI between workstations"
rem Description: "WMI on 24158 only from admin servers and domain controllers"
rem Source: "examples/block-wmi-between-workstations.rpcwall"
rem Source SHA-256: "f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem A hand-made Allow rule cannot override this policy's Block rules: Windows Firewall
rem applies a matching Block rule before any Allow rule, whatever their order.
rem Emergency exception: run block-wmi-between-workstations-rollback.cmd (it removes the whole policy),
rem or change the policy (an allow statement for the exception, placed before the block),
rem then compile and apply it again: rpcwall leaves that traffic out of its Block rules.
rem Undoes block-wmi-between-workstations.cmd, with the state it keeps in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3.
setlocal EnableExtensions DisableDelayedExpansion

rem 'fltmc' succeeds only in an elevated prompt.
fltmc >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
echo rpcwall: rolling back policy "Block WMI between workstations"

if exist "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3" echo rpcwall: NOTE: "%%ProgramData%%\rpcwall\block-wmi-between-workstations-a852b6f3" was written by an earlier rpcwall; it is not read. Check and remove it.

rem Remove the rules of this policy: those its state lists (the last successful run's, and
rem a failed run's) and those this version of the policy creates. A rule that is not there
rem makes netsh fail; that is expected here and not checked.
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules" 2^>nul ^| findstr /c:" REG_SZ "') do netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/%%B" >nul 2>&1
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" 2^>nul ^| findstr /c:" REG_SZ "') do netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/%%B" >nul 2>&1
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" 2^>nul ^| findstr /c:" REG_SZ "') do netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3~new/%%B" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block-tcp-135,24158" >nul 2>&1

rem Put WMI back where it was before this policy moved it to its fixed port, while it
rem still runs there and no other policy still sets the fixed port (a failed rollback
rem that already dropped this policy's record finds the hand-over in HKLM\SOFTWARE\rpcwall).
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v WmiSaved >nul 2>&1
if not errorlevel 1 goto wmi_own
reg query "HKLM\SOFTWARE\rpcwall" /v WmiShared >nul 2>&1
if errorlevel 1 goto wmi_done
goto wmi_check
:wmi_own
set "RPCWALL_WMI_WAS="
for /f "delims=" %%L in ('reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v WmiSaved 2^>nul ^| findstr /i /r /c:"REG_SZ  *shared"') do set "RPCWALL_WMI_WAS=1"
if not defined RPCWALL_WMI_WAS goto wmi_forget
reg add "HKLM\SOFTWARE\rpcwall" /v WmiShared /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording WmiShared& goto fail)
:wmi_forget
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v WmiSaved /f >nul
if errorlevel 1 (echo rpcwall: FAILED: deleting WmiSaved& goto fail)
:wmi_check
set "RPCWALL_WMI_HELD="
for /f "delims=" %%L in ('reg query "HKLM\SOFTWARE\rpcwall" /s /v WmiSaved 2^>nul ^| findstr /r /c:"REG_SZ"') do set "RPCWALL_WMI_HELD=1"
if defined RPCWALL_WMI_HELD goto wmi_held
set "RPCWALL_WMI_OWN="
for /f "delims=" %%L in ('reg query "HKLM\SYSTEM\CurrentControlSet\Services\Winmgmt" /v Type 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x10"') do set "RPCWALL_WMI_OWN=1"
if not defined RPCWALL_WMI_OWN goto wmi_not_ours
reg query "HKLM\SOFTWARE\rpcwall" /v WmiShared >nul 2>&1
if errorlevel 1 goto wmi_done
winmgmt -sharedhost
if errorlevel 1 (echo rpcwall: FAILED: winmgmt -sharedhost& goto fail)
net stop winmgmt /y
if errorlevel 1 (echo rpcwall: FAILED: net stop winmgmt& goto fail)
net start winmgmt
if errorlevel 1 (echo rpcwall: FAILED: net start winmgmt& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall" /v WmiShared /f >nul 2>&1
echo rpcwall: WMI is back in the shared service host.
echo rpcwall: 'net stop winmgmt /y' also stopped the services that depend on WMI; this script does not start them again.
echo rpcwall: restart the computer to start them.
goto wmi_done
:wmi_not_ours
echo rpcwall: WARNING: WMI no longer runs in its own service host, which rpcwall set; it is left as it is.
reg delete "HKLM\SOFTWARE\rpcwall" /v WmiShared /f >nul 2>&1
goto wmi_done
:wmi_held
echo rpcwall: NOTE: another rpcwall policy on this host still sets WMI's fixed port; WMI stays in its own service host.
:wmi_done

rem Everything is undone: remove the state last, so that a failed rollback can run again.
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules" /f >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" /f >nul 2>&1
rem The RPC backup of an earlier version stays, for that version's rollback.
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v RpcSaved >nul 2>&1 || reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v RpcAbsent >nul 2>&1 || reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /f >nul 2>&1

echo rpcwall: policy "Block WMI between workstations" rolled back.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
