@echo off
rem rpcwall rollback script (ipsecpol, Windows 2000 (Resource Kit ipsecpol.exe)) for policy "WMI monitoring 5000-5100"
rem Description: "WMI only from the monitoring server, RPC range 5000-5100"
rem Source: "examples/wmi-ports-5000-5100.rpcwall"
rem Source SHA-256: "ef8f94bf7f414db44c5082a4846e7c8f6066d5065d14a32a1d22a13860afa1ad"
rem rpcwall version: "0.1.0"
rem IPv6: left out (--ipv4-only); legacy IPsec filters IPv4 only, so this script does not enforce the policy's IPv6 part.
rem Filters: 204 (102 BLOCK, 102 PASS), inbound, one port each, in the local IPsec policy "rpcwall-wmi-monitoring-5000-5100-bd1f7cea".
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undoes wmi-monitoring-5000-5100-ipsecpol.cmd: unassigns and deletes the local IPsec policies "rpcwall-wmi-monitoring-5000-5100-bd1f7cea"
rem and "rpcwall-wmi-monitoring-5000-5100-bd1f7cea-new", and no other.
setlocal EnableExtensions DisableDelayedExpansion

rem Only an administrator can write under HKLM\SOFTWARE, where this policy keeps its state.
reg add "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /f >nul 2>&1
if errorlevel 1 (echo rpcwall: cannot write HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea: run this script as Administrator; Windows 2000 needs reg.exe from the Support Tools.& exit /b 1)
echo rpcwall: rolling back policy "WMI monitoring 5000-5100"

rem -y unassigns the named policy only (UNCONFIRMED, docs/targets/ipsecpol.md): another policy
rem assigned since stays assigned. A policy that is not there, or not assigned, makes the tool
rem fail; that is expected here and not checked.
ipsecpol -w REG -p "rpcwall-wmi-monitoring-5000-5100-bd1f7cea" -y >nul 2>&1
ipsecpol -w REG -p "rpcwall-wmi-monitoring-5000-5100-bd1f7cea" -o >nul 2>&1
ipsecpol -w REG -p "rpcwall-wmi-monitoring-5000-5100-bd1f7cea-new" -y >nul 2>&1
ipsecpol -w REG -p "rpcwall-wmi-monitoring-5000-5100-bd1f7cea-new" -o >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v IpsecTemporaryAssigned /f >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v IpsecApplied /f >nul 2>&1

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
goto state_done
:rpc_done

rem Everything is undone: remove the state last, so that a failed rollback can run again.
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /f >nul 2>&1
:state_done

echo rpcwall: policy "WMI monitoring 5000-5100" rolled back.
echo rpcwall: restart the computer: the restored RPC port settings take effect only after a restart.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
