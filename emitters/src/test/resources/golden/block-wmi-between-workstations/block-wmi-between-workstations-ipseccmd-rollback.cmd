@echo off
rem rpcwall rollback script (ipseccmd, Windows XP / Server 2003 (Support Tools ipseccmd.exe)) for policy "Block WMI between workstations"
rem Description: "WMI on 24158 only from admin servers and domain controllers"
rem Source: "examples/block-wmi-between-workstations.rpcwall"
rem Source SHA-256: "f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08"
rem rpcwall version: "0.1.0"
rem IPv6: left out (--ipv4-only); legacy IPsec filters IPv4 only, so this script does not enforce the policy's IPv6 part.
rem Filters: 6 (2 BLOCK, 4 PASS), inbound, one port each, in the local IPsec policy "rpcwall-block-wmi-between-workstations-a852b6f3".
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undoes block-wmi-between-workstations-ipseccmd.cmd: unassigns and deletes the local IPsec policies "rpcwall-block-wmi-between-workstations-a852b6f3"
rem and "rpcwall-block-wmi-between-workstations-a852b6f3-new", and no other.
setlocal EnableExtensions DisableDelayedExpansion

rem Only an administrator can write under HKLM\SOFTWARE, where this policy keeps its state.
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /f >nul 2>&1
if errorlevel 1 (echo rpcwall: cannot write HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3: run this script as Administrator; Windows 2000 needs reg.exe from the Support Tools.& exit /b 1)
echo rpcwall: rolling back policy "Block WMI between workstations"

rem -y unassigns the named policy only (UNCONFIRMED, docs/targets/ipsecpol.md): another policy
rem assigned since stays assigned. A policy that is not there, or not assigned, makes the tool
rem fail; that is expected here and not checked.
ipseccmd -w REG -p "rpcwall-block-wmi-between-workstations-a852b6f3" -y >nul 2>&1
ipseccmd -w REG -p "rpcwall-block-wmi-between-workstations-a852b6f3" -o >nul 2>&1
ipseccmd -w REG -p "rpcwall-block-wmi-between-workstations-a852b6f3-new" -y >nul 2>&1
ipseccmd -w REG -p "rpcwall-block-wmi-between-workstations-a852b6f3-new" -o >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecTemporaryAssigned /f >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecApplied /f >nul 2>&1

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
rem The RPC backup of an earlier version stays, for that version's rollback.
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v RpcSaved >nul 2>&1 || reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v RpcAbsent >nul 2>&1 || reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /f >nul 2>&1

echo rpcwall: policy "Block WMI between workstations" rolled back.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
