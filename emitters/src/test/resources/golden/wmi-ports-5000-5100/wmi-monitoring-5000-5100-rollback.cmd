@echo off
rem rpcwall rollback script for policy "WMI monitoring 5000-5100"
rem Description: "WMI only from the monitoring server, RPC range 5000-5100"
rem Source: "examples/wmi-ports-5000-5100.rpcwall"
rem Source SHA-256: "ef8f94bf7f414db44c5082a4846e7c8f6066d5065d14a32a1d22a13860afa1ad"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undoes wmi-monitoring-5000-5100.cmd, with the state it keeps in "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea".
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
if not defined ProgramData (echo rpcwall: ProgramData is not set; the state of the policy is kept in %%ProgramData%%\rpcwall.& exit /b 1)
echo rpcwall: rolling back policy "WMI monitoring 5000-5100"

rem Remove the rules of this policy: those its state lists (the last successful run's, and
rem a failed run's) and those this version of the policy creates. A rule that is not there
rem makes netsh fail; that is expected here and not checked.
if exist "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.txt" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.txt") do netsh advfirewall firewall delete rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/%%N" >nul 2>&1
if exist "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.new" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.new") do netsh advfirewall firewall delete rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/%%N" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/allow-tcp-135,5000-5100" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-tcp-135,5000-5100" >nul 2>&1

rem Restore the RPC port settings saved by the apply script.
if exist "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup.reg" goto rpc_restore
if exist "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-absent.txt" goto rpc_delete
echo rpcwall: found neither "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup.reg" nor "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-absent.txt"; the RPC port settings were not changed.
goto fail
:rpc_restore
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
reg import "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup.reg"
if errorlevel 1 (echo rpcwall: FAILED: reg import "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup.reg"& goto fail)
goto rpc_done
:rpc_delete
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
:rpc_done

rem Everything is undone: remove the state last, so that a failed rollback can run again.
rem rmdir removes only empty folders; other policies' state stays.
del "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.txt" >nul 2>&1
del "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.new" >nul 2>&1
del "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup.reg" >nul 2>&1
del "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-absent.txt" >nul 2>&1
rmdir "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" >nul 2>&1
rmdir "%ProgramData%\rpcwall" >nul 2>&1

echo rpcwall: policy "WMI monitoring 5000-5100" rolled back.
echo rpcwall: restart the computer: the restored RPC port settings take effect only after a restart.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
