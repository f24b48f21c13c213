@echo off
rem rpcwall rollback script for policy "DCOM from the admin subnet"
rem Description: "DCOM (endpoint mapper and RPC range 5100-5299) only from admins and, on the domain network, the helpdesk"
rem Source: "examples/dcom-admin-subnet.yaml"
rem Source SHA-256: "644297b89062f6ac9907989ca7cb2a6ba09ca55e97b4fc92b8b59c45d1fbe92b"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undoes dcom-from-the-admin-subnet-ab543471.cmd, with the state it keeps in "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471".
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
if not defined ProgramData (echo rpcwall: ProgramData is not set; the state of the policy is kept in %%ProgramData%%\rpcwall.& exit /b 1)
echo rpcwall: rolling back policy "DCOM from the admin subnet"

rem Remove the rules of this policy: those its state lists (the last successful run's, and
rem a failed run's) and those this version of the policy creates. A rule that is not there
rem makes netsh fail; that is expected here and not checked.
if exist "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rules.txt" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rules.txt") do netsh advfirewall firewall delete rule name="rpcwall/dcom-from-the-admin-subnet-ab543471/%%N" >nul 2>&1
if exist "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rules.new" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rules.new") do netsh advfirewall firewall delete rule name="rpcwall/dcom-from-the-admin-subnet-ab543471/%%N" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/dcom-from-the-admin-subnet-ab543471/allow-tcp-135,5100-5299/domain" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/dcom-from-the-admin-subnet-ab543471/allow-tcp-135,5100-5299/private,public" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/dcom-from-the-admin-subnet-ab543471/block-tcp-135,5100-5299/domain" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/dcom-from-the-admin-subnet-ab543471/block-tcp-135,5100-5299/private,public" >nul 2>&1

rem Restore the RPC port settings saved by the apply script.
if exist "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rpc-backup.reg" goto rpc_restore
if exist "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rpc-absent.txt" goto rpc_delete
echo rpcwall: found neither "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rpc-backup.reg" nor "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rpc-absent.txt"; the RPC port settings were not changed.
goto fail
:rpc_restore
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
reg import "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rpc-backup.reg"
if errorlevel 1 (echo rpcwall: FAILED: reg import "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rpc-backup.reg"& goto fail)
goto rpc_done
:rpc_delete
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
:rpc_done

rem Everything is undone: remove the state last, so that a failed rollback can run again.
rem rmdir removes only empty folders; other policies' state stays.
del "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rules.txt" >nul 2>&1
del "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rules.new" >nul 2>&1
del "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rpc-backup.reg" >nul 2>&1
del "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471\rpc-absent.txt" >nul 2>&1
rmdir "%ProgramData%\rpcwall\dcom-from-the-admin-subnet-ab543471" >nul 2>&1
rmdir "%ProgramData%\rpcwall" >nul 2>&1

echo rpcwall: policy "DCOM from the admin subnet" rolled back.
echo rpcwall: restart the computer: the restored RPC port settings take effect only after a restart.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
