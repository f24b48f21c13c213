@echo off
rem rpcwall confirm script for policy "KB RPC 5001-5021"
rem Source: "examples/kb-rpc-5001-5021.rpcwall"
rem Source SHA-256: "f405e6fc1e14413bebe95720cab6b3ab9d2cb0b19f9f5678ada26aff40ded098"
rem rpcwall version: "0.1.0"
rem Run it as Administrator once you have checked, from a new session, that you can
rem still reach this computer after kb-rpc-5001-5021.cmd: it deletes the task
rem rpcwall\kb-rpc-5001-5021-10a0bf28-revert, and the policy stays. It fails when there is no such task:
rem the rollback has run already, or there was nothing to confirm.
setlocal EnableExtensions DisableDelayedExpansion

rem 'fltmc' succeeds only in an elevated prompt.
fltmc >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
schtasks /query /tn "rpcwall\kb-rpc-5001-5021-10a0bf28-revert" >nul 2>&1
if errorlevel 1 (echo rpcwall: there is no pending task rpcwall\kb-rpc-5001-5021-10a0bf28-revert: it has run already and the policy may be rolled back, or the policy was confirmed or rolled back before. Check the firewall rules.& goto fail)
schtasks /delete /tn "rpcwall\kb-rpc-5001-5021-10a0bf28-revert" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: deleting the task rpcwall\kb-rpc-5001-5021-10a0bf28-revert; it still rolls the policy back at the deadline& goto fail)
echo rpcwall: policy "KB RPC 5001-5021" confirmed: the task rpcwall\kb-rpc-5001-5021-10a0bf28-revert was deleted; the policy stays.
exit /b 0

:fail
echo rpcwall: not confirmed.
exit /b 1
