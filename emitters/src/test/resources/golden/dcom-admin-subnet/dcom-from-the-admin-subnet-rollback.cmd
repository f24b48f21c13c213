@echo off
rem rpcwall rollback script for policy "DCOM from the admin subnet"
rem Source: "examples/dcom-admin-subnet.yaml"
rem Source SHA-256: "644297b89062f6ac9907989ca7cb2a6ba09ca55e97b4fc92b8b59c45d1fbe92b"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undoes dcom-from-the-admin-subnet.cmd from the same folder.
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
echo rpcwall: rolling back policy "DCOM from the admin subnet"

rem Remove exactly the rules the apply script adds. A rule that is not there makes netsh
rem fail; that is expected here and not checked.
netsh advfirewall firewall delete rule name="rpcwall/dcom-from-the-admin-subnet/allow-tcp-135,5100-5299/domain" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/dcom-from-the-admin-subnet/allow-tcp-135,5100-5299/private,public" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/dcom-from-the-admin-subnet/block-tcp-135,5100-5299/domain" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/dcom-from-the-admin-subnet/block-tcp-135,5100-5299/private,public" >nul 2>&1

rem Restore the RPC port settings saved by the apply script.
if exist "%~dp0dcom-from-the-admin-subnet-rpc-backup.reg" goto rpc_restore
if exist "%~dp0dcom-from-the-admin-subnet-rpc-absent.txt" goto rpc_delete
echo rpcwall: found neither dcom-from-the-admin-subnet-rpc-backup.reg nor dcom-from-the-admin-subnet-rpc-absent.txt next to this script; the RPC port settings were not changed.
goto fail
:rpc_restore
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
reg import "%~dp0dcom-from-the-admin-subnet-rpc-backup.reg"
if errorlevel 1 (echo rpcwall: FAILED: reg import "%~dp0dcom-from-the-admin-subnet-rpc-backup.reg"& goto fail)
del "%~dp0dcom-from-the-admin-subnet-rpc-backup.reg"
goto rpc_done
:rpc_delete
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
del "%~dp0dcom-from-the-admin-subnet-rpc-absent.txt"
:rpc_done

echo rpcwall: policy "DCOM from the admin subnet" rolled back.
echo rpcwall: restart the computer: the restored RPC port settings take effect only after a restart.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
