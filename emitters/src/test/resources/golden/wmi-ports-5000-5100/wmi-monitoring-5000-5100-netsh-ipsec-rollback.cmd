@echo off
rem rpcwall netsh ipsec static rollback script for policy "WMI monitoring 5000-5100"
rem Description: "WMI only from the monitoring server, RPC range 5000-5100"
rem For Windows Server 2003 (netsh ipsec static, windows-semantics.md 5.1).
rem Source: "examples/wmi-ports-5000-5100.rpcwall"
rem Source SHA-256: "ef8f94bf7f414db44c5082a4846e7c8f6066d5065d14a32a1d22a13860afa1ad"
rem rpcwall version: "0.1.0"
rem IPv6: left out (--ipv4-only); legacy IPsec filters IPv4 only, so this script does not enforce the policy's IPv6 part.
rem Filters: 204 (102 permit, 102 block), inbound to this computer, one port each, unmirrored; the most specific filter decides (windows-semantics.md 5.5).
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undoes wmi-monitoring-5000-5100-netsh-ipsec.cmd, with the state it keeps in HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea.
setlocal EnableExtensions DisableDelayedExpansion

rem 'fltmc' succeeds only in an elevated prompt.
fltmc >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
echo rpcwall: rolling back IPsec policy "rpcwall/wmi-monitoring-5000-5100-bd1f7cea"

rem This policy's objects under both its name sets, and no other: the names come from the
rem policy's slug, which no other policy shares. A policy assigned since by someone else
rem stays assigned. Unassigning first means a deleted policy was never the assigned one.
rem A missing object makes netsh fail; that is expected here and not checked.
netsh ipsec static set policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea" assign=no >nul 2>&1
netsh ipsec static delete policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit" >nul 2>&1
netsh ipsec static set policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new" assign=no >nul 2>&1
netsh ipsec static delete policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit" >nul 2>&1

rem A policy that /force unassigned is not assigned again: its name is not known to this
rem script, and it may have changed since. Say where its path was saved.
reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-before" >nul 2>&1
if errorlevel 1 goto before_done
echo rpcwall: NOTE: the apply script was run with /force and unassigned another IPsec policy; it is not assigned again. Its path: reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-before" /v ActivePolicy; assign it with netsh ipsec static set policy name=... assign=yes
:before_done

rem The IPsec objects are gone: their markers go; the host settings and the state key follow.
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v IpsecComplete /f >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v IpsecTempAssigned /f >nul 2>&1

rem Put WMI back where it was before this policy moved it to its fixed port, while it
rem still runs there and no other policy still sets the fixed port (a failed rollback
rem that already dropped this policy's record finds the hand-over in HKLM\SOFTWARE\rpcwall).
reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v WmiSaved >nul 2>&1
if not errorlevel 1 goto wmi_own
reg query "HKLM\SOFTWARE\rpcwall" /v WmiShared >nul 2>&1
if errorlevel 1 goto wmi_done
goto wmi_check
:wmi_own
set "RPCWALL_WMI_WAS="
for /f "delims=" %%L in ('reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v WmiSaved 2^>nul ^| findstr /i /r /c:"REG_SZ  *shared"') do set "RPCWALL_WMI_WAS=1"
if not defined RPCWALL_WMI_WAS goto wmi_forget
reg add "HKLM\SOFTWARE\rpcwall" /v WmiShared /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording WmiShared& goto fail)
:wmi_forget
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v WmiSaved /f >nul
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

rem Restore the RPC port settings the apply script saved in HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup,
rem but only while the three values are still those it wrote (HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-written):
rem the key is host-global, and another policy or an admin may have set it since.
reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v RpcSaved >nul 2>&1
if not errorlevel 1 goto rpc_check
reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v RpcAbsent >nul 2>&1
if not errorlevel 1 goto rpc_check
echo rpcwall: HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea holds no saved RPC settings; they were not changed.
goto fail
:rpc_check
reg compare "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-written" /v Ports >nul 2>&1
if errorlevel 1 goto rpc_not_ours
reg compare "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-written" /v PortsInternetAvailable >nul 2>&1
if errorlevel 1 goto rpc_not_ours
reg compare "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-written" /v UseInternetPorts >nul 2>&1
if errorlevel 1 goto rpc_not_ours
reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v RpcSaved >nul 2>&1
if errorlevel 1 goto rpc_delete
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
reg copy "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup" "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /s /f >nul
if errorlevel 1 (echo rpcwall: FAILED: copying HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup back to HKLM\SOFTWARE\Microsoft\Rpc\Internet& goto fail)
goto rpc_done
:rpc_delete
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
goto rpc_done
:rpc_not_ours
echo rpcwall: WARNING: the RPC port settings in HKLM\SOFTWARE\Microsoft\Rpc\Internet are no longer those this policy wrote; they are left as they are, and so is the saved copy in HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup.

rem Everything else is undone: remove the rule lists, keep the RPC backup.
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned" /f >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-before" /f >nul 2>&1
goto state_done
:rpc_done

rem Everything is undone: remove the state last, so that a failed rollback can run again.
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /f >nul 2>&1
:state_done

echo rpcwall: IPsec policy "rpcwall/wmi-monitoring-5000-5100-bd1f7cea" rolled back.
echo rpcwall: restart the computer: the restored RPC port settings take effect only after a restart.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
