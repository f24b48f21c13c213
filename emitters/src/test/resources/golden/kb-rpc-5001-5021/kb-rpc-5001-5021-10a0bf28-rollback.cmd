@echo off
rem rpcwall rollback script for policy "KB RPC 5001-5021"
rem Description: "Endpoint mapper and RPC 5001-5021 only from the admin subnet"
rem Source: "examples/kb-rpc-5001-5021.rpcwall"
rem Source SHA-256: "f405e6fc1e14413bebe95720cab6b3ab9d2cb0b19f9f5678ada26aff40ded098"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undoes kb-rpc-5001-5021-10a0bf28.cmd, with the state it keeps in "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28".
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
if not defined ProgramData (echo rpcwall: ProgramData is not set; the state of the policy is kept in %%ProgramData%%\rpcwall.& exit /b 1)
echo rpcwall: rolling back policy "KB RPC 5001-5021"

rem Remove the rules of this policy: those its state lists (the last successful run's, and
rem a failed run's) and those this version of the policy creates. A rule that is not there
rem makes netsh fail; that is expected here and not checked.
if exist "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.txt" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.txt") do netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/%%N" >nul 2>&1
if exist "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new") do netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/%%N" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/allow-tcp-135,5001-5021" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/block-tcp-135,5001-5021" >nul 2>&1

rem Restore the RPC port settings saved by the apply script.
if exist "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup.reg" goto rpc_restore
if exist "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-absent.txt" goto rpc_delete
echo rpcwall: found neither "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup.reg" nor "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-absent.txt"; the RPC port settings were not changed.
goto fail
:rpc_restore
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
reg import "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup.reg"
if errorlevel 1 (echo rpcwall: FAILED: reg import "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup.reg"& goto fail)
goto rpc_done
:rpc_delete
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
:rpc_done

rem Everything is undone: remove the state last, so that a failed rollback can run again.
rem rmdir removes only empty folders; other policies' state stays.
del "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.txt" >nul 2>&1
del "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" >nul 2>&1
del "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup.reg" >nul 2>&1
del "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-absent.txt" >nul 2>&1
rmdir "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28" >nul 2>&1
rmdir "%ProgramData%\rpcwall" >nul 2>&1

echo rpcwall: policy "KB RPC 5001-5021" rolled back.
echo rpcwall: restart the computer: the restored RPC port settings take effect only after a restart.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
