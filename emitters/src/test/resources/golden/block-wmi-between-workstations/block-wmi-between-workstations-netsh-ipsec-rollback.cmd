@echo off
rem rpcwall netsh ipsec static rollback script for policy "Block WMI between workstations"
rem Description: "WMI on 24158 only from admin servers and domain controllers"
rem For Windows Server 2003 (netsh ipsec static, windows-semantics.md 5.1).
rem Source: "examples/block-wmi-between-workstations.rpcwall"
rem Source SHA-256: "f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08"
rem rpcwall version: "0.1.0"
rem IPv6: left out (--ipv4-only); legacy IPsec filters IPv4 only, so this script does not enforce the policy's IPv6 part.
rem Filters: 6 (4 permit, 2 block), inbound to this computer, one port each, unmirrored; the most specific filter decides (windows-semantics.md 5.5).
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undoes block-wmi-between-workstations-netsh-ipsec.cmd, with the state it keeps in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3.
setlocal EnableExtensions DisableDelayedExpansion

rem 'fltmc' succeeds only in an elevated prompt.
fltmc >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
echo rpcwall: rolling back IPsec policy "rpcwall/block-wmi-between-workstations-a852b6f3"

rem This policy's objects under both its name sets, and no other: the names come from the
rem policy's slug, which no other policy shares. A policy assigned since by someone else
rem stays assigned. Unassigning first means a deleted policy was never the assigned one.
rem A missing object makes netsh fail; that is expected here and not checked.
netsh ipsec static set policy name="rpcwall/block-wmi-between-workstations-a852b6f3" assign=no >nul 2>&1
netsh ipsec static delete policy name="rpcwall/block-wmi-between-workstations-a852b6f3" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3/permit" >nul 2>&1
netsh ipsec static set policy name="rpcwall/block-wmi-between-workstations-a852b6f3~new" assign=no >nul 2>&1
netsh ipsec static delete policy name="rpcwall/block-wmi-between-workstations-a852b6f3~new" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit" >nul 2>&1

rem A policy that /force unassigned is not assigned again: its name is not known to this
rem script, and it may have changed since. Say where its path was saved.
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-before" >nul 2>&1
if errorlevel 1 goto before_done
echo rpcwall: NOTE: the apply script was run with /force and unassigned another IPsec policy; it is not assigned again. Its path: reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-before" /v ActivePolicy; assign it with netsh ipsec static set policy name=... assign=yes
:before_done

rem The IPsec objects are gone: their markers go; the host settings and the state key follow.
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecComplete /f >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecTempAssigned /f >nul 2>&1

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
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned" /f >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-before" /f >nul 2>&1
rem The RPC backup of an earlier version stays, for that version's rollback.
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v RpcSaved >nul 2>&1 || reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v RpcAbsent >nul 2>&1 || reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /f >nul 2>&1

echo rpcwall: IPsec policy "rpcwall/block-wmi-between-workstations-a852b6f3" rolled back.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
