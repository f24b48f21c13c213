@echo off
rem rpcwall apply script (ipseccmd, Windows XP / Server 2003 (Support Tools ipseccmd.exe)) for policy "KB RPC 5001-5021"
rem Description: "Endpoint mapper and RPC 5001-5021 only from the admin subnet"
rem Source: "examples/kb-rpc-5001-5021.rpcwall"
rem Source SHA-256: "f405e6fc1e14413bebe95720cab6b3ab9d2cb0b19f9f5678ada26aff40ded098"
rem rpcwall version: "0.1.0"
rem IPv6: left out (--ipv4-only); legacy IPsec filters IPv4 only, so this script does not enforce the policy's IPv6 part.
rem Filters: 44 (22 BLOCK, 22 PASS), inbound, one port each, in the local IPsec policy "rpcwall-kb-rpc-5001-5021-10a0bf28".
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undo with kb-rpc-5001-5021-ipseccmd-rollback.cmd.
setlocal EnableExtensions DisableDelayedExpansion

rem Only an administrator can write under HKLM\SOFTWARE, where this policy keeps its state.
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /f >nul 2>&1
if errorlevel 1 (echo rpcwall: cannot write HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28: run this script as Administrator; Windows 2000 needs reg.exe from the Support Tools.& exit /b 1)

rem Only one local IPsec policy is assigned at a time: assigning this one (-x) unassigns
rem whatever policy is assigned now (windows-semantics.md 5.1 rule 3), and ipseccmd.exe
rem cannot tell which that is. The first run on a host therefore needs /replace-assigned.
reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v IpsecApplied >nul 2>&1
if not errorlevel 1 goto assign_ok
if /i "%~1"=="/replace-assigned" goto assign_ok
echo rpcwall: this script assigns the local IPsec policy "rpcwall-kb-rpc-5001-5021-10a0bf28", which unassigns
echo rpcwall: any other local IPsec policy assigned now; its filters then stop being enforced.
echo rpcwall: nothing was changed. Merge such a policy into the rpcwall policy, then run again
echo rpcwall: with /replace-assigned.
exit /b 2
:assign_ok
echo rpcwall: applying policy "KB RPC 5001-5021" with ipseccmd.exe

rem Re-apply never leaves the host without a complete version assigned: this version is
rem built under "rpcwall-kb-rpc-5001-5021-10a0bf28-new" and assigned (the earlier version stays assigned until
rem then), then "rpcwall-kb-rpc-5001-5021-10a0bf28" is rebuilt and assigned, then "rpcwall-kb-rpc-5001-5021-10a0bf28-new" goes.

rem 1. A run that stopped after assigning "rpcwall-kb-rpc-5001-5021-10a0bf28-new" recorded that in the state: that
rem policy is complete and stays assigned while the final one is rebuilt.
reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v IpsecTemporaryAssigned >nul 2>&1
if not errorlevel 1 goto final

rem 2. This version under the temporary name. What a failed run left there is not assigned;
rem deleting a policy that is not there fails, which is expected and not checked.
ipseccmd -w REG -p "rpcwall-kb-rpc-5001-5021-10a0bf28-new" -o >nul 2>&1
ipseccmd -w REG -p "rpcwall-kb-rpc-5001-5021-10a0bf28-new" -r "Block inbound TCP" -f *=0:135:TCP *=0:5001:TCP *=0:5002:TCP *=0:5003:TCP *=0:5004:TCP *=0:5005:TCP *=0:5006:TCP *=0:5007:TCP *=0:5008:TCP *=0:5009:TCP *=0:5010:TCP *=0:5011:TCP *=0:5012:TCP *=0:5013:TCP *=0:5014:TCP *=0:5015:TCP *=0:5016:TCP *=0:5017:TCP *=0:5018:TCP *=0:5019:TCP *=0:5020:TCP *=0:5021:TCP -n BLOCK
if errorlevel 1 (echo rpcwall: FAILED: ipseccmd rule "Block inbound TCP" of "rpcwall-kb-rpc-5001-5021-10a0bf28-new", is ipseccmd.exe on the PATH?& goto fail)
ipseccmd -w REG -p "rpcwall-kb-rpc-5001-5021-10a0bf28-new" -r "Pass inbound TCP" -f 10.1.1.0/255.255.255.0=0:135:TCP 10.1.1.0/255.255.255.0=0:5001:TCP 10.1.1.0/255.255.255.0=0:5002:TCP 10.1.1.0/255.255.255.0=0:5003:TCP 10.1.1.0/255.255.255.0=0:5004:TCP 10.1.1.0/255.255.255.0=0:5005:TCP 10.1.1.0/255.255.255.0=0:5006:TCP 10.1.1.0/255.255.255.0=0:5007:TCP 10.1.1.0/255.255.255.0=0:5008:TCP 10.1.1.0/255.255.255.0=0:5009:TCP 10.1.1.0/255.255.255.0=0:5010:TCP 10.1.1.0/255.255.255.0=0:5011:TCP 10.1.1.0/255.255.255.0=0:5012:TCP 10.1.1.0/255.255.255.0=0:5013:TCP 10.1.1.0/255.255.255.0=0:5014:TCP 10.1.1.0/255.255.255.0=0:5015:TCP 10.1.1.0/255.255.255.0=0:5016:TCP 10.1.1.0/255.255.255.0=0:5017:TCP 10.1.1.0/255.255.255.0=0:5018:TCP 10.1.1.0/255.255.255.0=0:5019:TCP 10.1.1.0/255.255.255.0=0:5020:TCP 10.1.1.0/255.255.255.0=0:5021:TCP -n PASS
if errorlevel 1 (echo rpcwall: FAILED: ipseccmd rule "Pass inbound TCP" of "rpcwall-kb-rpc-5001-5021-10a0bf28-new", is ipseccmd.exe on the PATH?& goto fail)

rem 3. Assign it: the earlier version (or the policy assigned before) is unassigned.
ipseccmd -w REG -p "rpcwall-kb-rpc-5001-5021-10a0bf28-new" -x
if errorlevel 1 (echo rpcwall: FAILED: assigning "rpcwall-kb-rpc-5001-5021-10a0bf28-new"& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v IpsecTemporaryAssigned /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording IpsecTemporaryAssigned in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28& goto fail)

:final
rem 4. The final name, rebuilt while the temporary policy is assigned, then assigned.
ipseccmd -w REG -p "rpcwall-kb-rpc-5001-5021-10a0bf28" -o >nul 2>&1
ipseccmd -w REG -p "rpcwall-kb-rpc-5001-5021-10a0bf28" -r "Block inbound TCP" -f *=0:135:TCP *=0:5001:TCP *=0:5002:TCP *=0:5003:TCP *=0:5004:TCP *=0:5005:TCP *=0:5006:TCP *=0:5007:TCP *=0:5008:TCP *=0:5009:TCP *=0:5010:TCP *=0:5011:TCP *=0:5012:TCP *=0:5013:TCP *=0:5014:TCP *=0:5015:TCP *=0:5016:TCP *=0:5017:TCP *=0:5018:TCP *=0:5019:TCP *=0:5020:TCP *=0:5021:TCP -n BLOCK
if errorlevel 1 (echo rpcwall: FAILED: ipseccmd rule "Block inbound TCP" of "rpcwall-kb-rpc-5001-5021-10a0bf28", is ipseccmd.exe on the PATH?& goto fail)
ipseccmd -w REG -p "rpcwall-kb-rpc-5001-5021-10a0bf28" -r "Pass inbound TCP" -f 10.1.1.0/255.255.255.0=0:135:TCP 10.1.1.0/255.255.255.0=0:5001:TCP 10.1.1.0/255.255.255.0=0:5002:TCP 10.1.1.0/255.255.255.0=0:5003:TCP 10.1.1.0/255.255.255.0=0:5004:TCP 10.1.1.0/255.255.255.0=0:5005:TCP 10.1.1.0/255.255.255.0=0:5006:TCP 10.1.1.0/255.255.255.0=0:5007:TCP 10.1.1.0/255.255.255.0=0:5008:TCP 10.1.1.0/255.255.255.0=0:5009:TCP 10.1.1.0/255.255.255.0=0:5010:TCP 10.1.1.0/255.255.255.0=0:5011:TCP 10.1.1.0/255.255.255.0=0:5012:TCP 10.1.1.0/255.255.255.0=0:5013:TCP 10.1.1.0/255.255.255.0=0:5014:TCP 10.1.1.0/255.255.255.0=0:5015:TCP 10.1.1.0/255.255.255.0=0:5016:TCP 10.1.1.0/255.255.255.0=0:5017:TCP 10.1.1.0/255.255.255.0=0:5018:TCP 10.1.1.0/255.255.255.0=0:5019:TCP 10.1.1.0/255.255.255.0=0:5020:TCP 10.1.1.0/255.255.255.0=0:5021:TCP -n PASS
if errorlevel 1 (echo rpcwall: FAILED: ipseccmd rule "Pass inbound TCP" of "rpcwall-kb-rpc-5001-5021-10a0bf28", is ipseccmd.exe on the PATH?& goto fail)
ipseccmd -w REG -p "rpcwall-kb-rpc-5001-5021-10a0bf28" -x
if errorlevel 1 (echo rpcwall: FAILED: assigning "rpcwall-kb-rpc-5001-5021-10a0bf28"& goto fail)

rem 5. The temporary policy is no longer assigned: record that first, then delete it.
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v IpsecTemporaryAssigned /f >nul
if errorlevel 1 (echo rpcwall: FAILED: removing IpsecTemporaryAssigned from HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28& goto fail)
ipseccmd -w REG -p "rpcwall-kb-rpc-5001-5021-10a0bf28-new" -o
if errorlevel 1 (echo rpcwall: FAILED: deleting "rpcwall-kb-rpc-5001-5021-10a0bf28-new"& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v IpsecApplied /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording IpsecApplied in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28& goto fail)

rem RPC dynamic port range (HKLM\SOFTWARE\Microsoft\Rpc\Internet, KB154596).
rem Save the settings found before the first run, for the rollback script; a
rem later run keeps that first copy. The copy stays in the registry, so the
rem rollback never imports a file.
reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v RpcSaved >nul 2>&1
if not errorlevel 1 goto rpc_saved
reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v RpcAbsent >nul 2>&1
if not errorlevel 1 goto rpc_saved
reg query "HKLM\SOFTWARE\Microsoft\Rpc\Internet" >nul 2>&1
if errorlevel 1 goto rpc_absent
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup& goto fail)
reg copy "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup" /s /f >nul
if errorlevel 1 (echo rpcwall: FAILED: copying the RPC settings to HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v RpcSaved /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording RpcSaved& goto fail)
goto rpc_saved
:rpc_absent
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v RpcAbsent /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording RpcAbsent& goto fail)
:rpc_saved
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v Ports /t REG_MULTI_SZ /d "5001-5021" /f
if errorlevel 1 (echo rpcwall: FAILED: reg add Ports& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v PortsInternetAvailable /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add PortsInternetAvailable& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v UseInternetPorts /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add UseInternetPorts& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-written" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-written" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-written& goto fail)
reg copy "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-written" /s /f >nul
if errorlevel 1 (echo rpcwall: FAILED: copying the RPC settings to HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-written& goto fail)

rem This version does not set WMI's fixed port: put WMI back where it was before an
rem earlier version moved it, unless another policy still sets the fixed port.
reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v WmiSaved >nul 2>&1
if errorlevel 1 goto wmi_done
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

rem KB908472's own step, when rpccfg.exe is here; its switches are not documented, so the
rem documented values are written again after it.
where rpccfg.exe >nul 2>&1
if errorlevel 1 goto kb_rpccfg_done
rpccfg.exe -pe 5001-5021 -d 0
if errorlevel 1 (echo rpcwall: FAILED: rpccfg.exe -pe 5001-5021 -d 0& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v Ports /t REG_MULTI_SZ /d "5001-5021" /f
if errorlevel 1 (echo rpcwall: FAILED: reg add Ports& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v PortsInternetAvailable /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add PortsInternetAvailable& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v UseInternetPorts /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add UseInternetPorts& goto fail)
:kb_rpccfg_done

echo rpcwall: policy "KB RPC 5001-5021" applied: 44 filters in the assigned IPsec policy "rpcwall-kb-rpc-5001-5021-10a0bf28".
echo rpcwall: restart the computer: the RPC dynamic port range takes effect only after a restart.
exit /b 0

:fail
echo rpcwall: stopped at the first failure. The IPsec policy assigned before this run, or this
echo rpcwall: version complete under "rpcwall-kb-rpc-5001-5021-10a0bf28-new", is still the assigned one. Run this script
echo rpcwall: again, or kb-rpc-5001-5021-ipseccmd-rollback.cmd to undo.
exit /b 1
