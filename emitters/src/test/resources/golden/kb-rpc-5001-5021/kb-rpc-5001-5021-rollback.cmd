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

echo rpcwall: policy "KB RPC 5001-5021" rolled back.
echo rpcwall: restart the computer: the restored RPC port settings take effect only after a restart.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
