@echo off
rem rpcwall rollback script for policy "Branch office servers"
rem Description: "Management from jump hosts and DCs; SMB for branch clients on the domain network"
rem Source: "examples/branch-office-imports.rpcwall"
rem Source SHA-256: "56ef55c57898ed3cb14e3bf993568018eb9a0f2a20a1fe4d73d83bf87f1d2137"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undoes branch-office-servers-b5df4991.cmd, with the state it keeps in "%ProgramData%\rpcwall\branch-office-servers-b5df4991".
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
if not defined ProgramData (echo rpcwall: ProgramData is not set; the state of the policy is kept in %%ProgramData%%\rpcwall.& exit /b 1)
echo rpcwall: rolling back policy "Branch office servers"

rem Remove the rules of this policy: those its state lists (the last successful run's, and
rem a failed run's) and those this version of the policy creates. A rule that is not there
rem makes netsh fail; that is expected here and not checked.
if exist "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.txt" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.txt") do netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/%%N" >nul 2>&1
if exist "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new") do netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/%%N" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/allow-tcp-135,5985-5986,50000-50199" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/block-tcp-135,5985-5986,50000-50199" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/allow-tcp-445/domain" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/allow-tcp-445/private,public" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/block-tcp-445/domain" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/block-tcp-445/private,public" >nul 2>&1

rem Restore the RPC port settings saved by the apply script.
if exist "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-backup.reg" goto rpc_restore
if exist "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-absent.txt" goto rpc_delete
echo rpcwall: found neither "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-backup.reg" nor "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-absent.txt"; the RPC port settings were not changed.
goto fail
:rpc_restore
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
reg import "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-backup.reg"
if errorlevel 1 (echo rpcwall: FAILED: reg import "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-backup.reg"& goto fail)
goto rpc_done
:rpc_delete
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
:rpc_done

rem Everything is undone: remove the state last, so that a failed rollback can run again.
rem rmdir removes only empty folders; other policies' state stays.
del "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.txt" >nul 2>&1
del "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new" >nul 2>&1
del "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-backup.reg" >nul 2>&1
del "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-absent.txt" >nul 2>&1
rmdir "%ProgramData%\rpcwall\branch-office-servers-b5df4991" >nul 2>&1
rmdir "%ProgramData%\rpcwall" >nul 2>&1

echo rpcwall: policy "Branch office servers" rolled back.
echo rpcwall: restart the computer: the restored RPC port settings take effect only after a restart.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
