@echo off
rem rpcwall rollback script for policy "KB RPC 5001-5021"
rem Source: "examples/kb-rpc-5001-5021.rpcwall"
rem Source SHA-256: "f405e6fc1e14413bebe95720cab6b3ab9d2cb0b19f9f5678ada26aff40ded098"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undoes kb-rpc-5001-5021.cmd from the same folder.
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
echo rpcwall: rolling back policy "KB RPC 5001-5021"

rem Remove exactly the rules the apply script adds. A rule that is not there makes netsh
rem fail; that is expected here and not checked.
netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021/allow-tcp-135,5001-5021" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021/block-tcp-135,5001-5021" >nul 2>&1

rem Restore the RPC port settings saved by the apply script.
if exist "%~dp0kb-rpc-5001-5021-rpc-backup.reg" goto rpc_restore
if exist "%~dp0kb-rpc-5001-5021-rpc-absent.txt" goto rpc_delete
echo rpcwall: found neither kb-rpc-5001-5021-rpc-backup.reg nor kb-rpc-5001-5021-rpc-absent.txt next to this script; the RPC port settings were not changed.
goto fail
:rpc_restore
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
reg import "%~dp0kb-rpc-5001-5021-rpc-backup.reg"
if errorlevel 1 (echo rpcwall: FAILED: reg import "%~dp0kb-rpc-5001-5021-rpc-backup.reg"& goto fail)
del "%~dp0kb-rpc-5001-5021-rpc-backup.reg"
goto rpc_done
:rpc_delete
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
del "%~dp0kb-rpc-5001-5021-rpc-absent.txt"
:rpc_done

echo rpcwall: policy "KB RPC 5001-5021" rolled back.
echo rpcwall: restart the computer: the restored RPC port settings take effect only after a restart.
exit /b 0

:fail
echo rpcwall: rollback stopped at the first failure.
exit /b 1
