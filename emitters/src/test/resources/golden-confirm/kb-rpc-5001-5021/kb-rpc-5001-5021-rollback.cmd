@echo off
rem rpcwall rollback script for policy "KB RPC 5001-5021"
rem Description: "Endpoint mapper and RPC 5001-5021 only from the admin subnet"
rem Source: "examples/kb-rpc-5001-5021.rpcwall"
rem Source SHA-256: "f405e6fc1e14413bebe95720cab6b3ab9d2cb0b19f9f5678ada26aff40ded098"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem A hand-made Allow rule cannot override this policy's Block rules: Windows Firewall
rem applies a matching Block rule before any Allow rule, whatever their order.
rem Emergency exception: run kb-rpc-5001-5021-rollback.cmd (it removes the whole policy),
rem or change the policy (an allow statement for the exception, placed before the block),
rem then compile and apply it again: rpcwall leaves that traffic out of its Block rules.
rem Undoes kb-rpc-5001-5021.cmd, with the state it keeps in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28.
setlocal EnableExtensions DisableDelayedExpansion

rem 'fltmc' succeeds only in an elevated prompt.
fltmc >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
echo rpcwall: rolling back policy "KB RPC 5001-5021"

if exist "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28" echo rpcwall: NOTE: "%%ProgramData%%\rpcwall\kb-rpc-5001-5021-10a0bf28" was written by an earlier rpcwall; it is not read. Check and remove it.

rem Remove the rules of this policy: those its state lists (the last successful run's, and
rem a failed run's) and those this version of the policy creates. A rule that is not there
rem makes netsh fail; that is expected here and not checked.
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules" 2^>nul ^| findstr /c:" REG_SZ "') do netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/%%B" >nul 2>&1
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" 2^>nul ^| findstr /c:" REG_SZ "') do netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/%%B" >nul 2>&1
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" 2^>nul ^| findstr /c:" REG_SZ "') do netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/%%B" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/allow-tcp-135,5001-5021" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/block-tcp-135,5001-5021" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-tcp-135,5001-5021" >nul 2>&1

rem Put WMI back where it was before this policy moved it to its fixed port, while it
rem still runs there and no other policy still sets the fixed port (a failed rollback
rem that already dropped this policy's record finds the hand-over in HKLM\SOFTWARE\rpcwall).
reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v WmiSaved >nul 2>&1
if not errorlevel 1 goto wmi_own
reg query "HKLM\SOFTWARE\rpcwall" /v WmiShared >nul 2>&1
if errorlevel 1 goto wmi_done
goto wmi_check
:wmi_own
set "RPCWALL_WMI_WAS="
for /f "delims=" %%L in ('reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v WmiSaved 2^>nul ^| findstr /i /r /c:"REG_SZ  *shared"') do set "RPCWALL_WMI_WAS=1"
if not defined RPCWALL_WMI_WAS goto wmi_forget
reg add "HKLM\SOFTWARE\rpcwall" /v WmiShared /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording WmiShared& goto fail)
:wmi_forget
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v WmiSaved /f >nul
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

rem Restore the RPC port settings the apply script saved in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup,
rem but only while the three values are still those it wrote (HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-written):
rem the key is host-global, and another policy or an admin may have set it since.
reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v RpcSaved >nul 2>&1
if not errorlevel 1 goto rpc_check
reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v RpcAbsent >nul 2>&1
if not errorlevel 1 goto rpc_check
echo rpcwall: HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28 holds no saved RPC settings; they were not changed.
goto fail
:rpc_check
reg compare "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-written" /v Ports >nul 2>&1
if errorlevel 1 goto rpc_not_ours
reg compare "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-written" /v PortsInternetAvailable >nul 2>&1
if errorlevel 1 goto rpc_not_ours
reg compare "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-written" /v UseInternetPorts >nul 2>&1
if errorlevel 1 goto rpc_not_ours
reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v RpcSaved >nul 2>&1
if errorlevel 1 goto rpc_delete
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
reg copy "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup" "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /s /f >nul
if errorlevel 1 (echo rpcwall: FAILED: copying HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup back to HKLM\SOFTWARE\Microsoft\Rpc\Internet& goto fail)
goto rpc_done
:rpc_delete
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
goto rpc_done
:rpc_not_ours
echo rpcwall: WARNING: the RPC port settings in HKLM\SOFTWARE\Microsoft\Rpc\Internet are no longer those this policy wrote; they are left as they are, and so is the saved copy in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup.

rem Everything else is undone: remove the rule lists, keep the RPC backup.
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules" /f >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" /f >nul 2>&1
goto state_done
:rpc_done

rem Everything is undone: remove the state last, so that a failed rollback can run again.
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /f >nul 2>&1
:state_done

rem Confirmed apply: the rollback is done, so a pending rollback task is not needed;
rem it is deleted last, so that a rollback that failed is tried again at the task's next
rem run. A task that is not there is not an error.
schtasks /delete /tn "rpcwall\kb-rpc-5001-5021-10a0bf28-revert" /f >nul 2>&1

echo rpcwall: policy "KB RPC 5001-5021" rolled back.
echo rpcwall: restart the computer: the restored RPC port settings take effect only after a restart.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
