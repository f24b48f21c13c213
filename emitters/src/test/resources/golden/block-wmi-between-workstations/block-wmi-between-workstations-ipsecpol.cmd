@echo off
rem rpcwall apply script (ipsecpol, Windows 2000 (Resource Kit ipsecpol.exe)) for policy "Block WMI between workstations"
rem Description: "WMI on 24158 only from admin servers and domain controllers"
rem Source: "examples/block-wmi-between-workstations.rpcwall"
rem Source SHA-256: "f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08"
rem rpcwall version: "0.1.0"
rem IPv6: left out (--ipv4-only); legacy IPsec filters IPv4 only, so this script does not enforce the policy's IPv6 part.
rem Filters: 6 (2 BLOCK, 4 PASS), inbound, one port each, in the local IPsec policy "rpcwall-block-wmi-between-workstations-a852b6f3".
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undo with block-wmi-between-workstations-ipsecpol-rollback.cmd.
setlocal EnableExtensions DisableDelayedExpansion

rem Only an administrator can write under HKLM\SOFTWARE, where this policy keeps its state.
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /f >nul 2>&1
if errorlevel 1 (echo rpcwall: cannot write HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3: run this script as Administrator; Windows 2000 needs reg.exe from the Support Tools.& exit /b 1)

rem Only one local IPsec policy is assigned at a time: assigning this one (-x) unassigns
rem whatever policy is assigned now (windows-semantics.md 5.1 rule 3), and ipsecpol.exe
rem cannot tell which that is. The first run on a host therefore needs /replace-assigned.
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecApplied >nul 2>&1
if not errorlevel 1 goto assign_ok
if /i "%~1"=="/replace-assigned" goto assign_ok
echo rpcwall: this script assigns the local IPsec policy "rpcwall-block-wmi-between-workstations-a852b6f3", which unassigns
echo rpcwall: any other local IPsec policy assigned now; its filters then stop being enforced.
echo rpcwall: nothing was changed. Merge such a policy into the rpcwall policy, then run again
echo rpcwall: with /replace-assigned.
exit /b 2
:assign_ok
echo rpcwall: applying policy "Block WMI between workstations" with ipsecpol.exe

rem Re-apply never leaves the host without a complete version assigned: this version is
rem built under "rpcwall-block-wmi-between-workstations-a852b6f3-new" and assigned (the earlier version stays assigned until
rem then), then "rpcwall-block-wmi-between-workstations-a852b6f3" is rebuilt and assigned, then "rpcwall-block-wmi-between-workstations-a852b6f3-new" goes.

rem 1. A run that stopped after assigning "rpcwall-block-wmi-between-workstations-a852b6f3-new" recorded that in the state: that
rem policy is complete and stays assigned while the final one is rebuilt.
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecTemporaryAssigned >nul 2>&1
if not errorlevel 1 goto final

rem 2. This version under the temporary name. What a failed run left there is not assigned;
rem deleting a policy that is not there fails, which is expected and not checked.
ipsecpol -w REG -p "rpcwall-block-wmi-between-workstations-a852b6f3-new" -o >nul 2>&1
ipsecpol -w REG -p "rpcwall-block-wmi-between-workstations-a852b6f3-new" -r "Block inbound TCP" -f *=0:135:TCP *=0:24158:TCP -n BLOCK
if errorlevel 1 (echo rpcwall: FAILED: ipsecpol rule "Block inbound TCP" of "rpcwall-block-wmi-between-workstations-a852b6f3-new", is ipsecpol.exe on the PATH?& goto fail)
ipsecpol -w REG -p "rpcwall-block-wmi-between-workstations-a852b6f3-new" -r "Pass inbound TCP" -f 10.0.10.0/255.255.255.240=0:135:TCP 10.0.0.10/255.255.255.254=0:135:TCP 10.0.10.0/255.255.255.240=0:24158:TCP 10.0.0.10/255.255.255.254=0:24158:TCP -n PASS
if errorlevel 1 (echo rpcwall: FAILED: ipsecpol rule "Pass inbound TCP" of "rpcwall-block-wmi-between-workstations-a852b6f3-new", is ipsecpol.exe on the PATH?& goto fail)

rem 3. Assign it: the earlier version (or the policy assigned before) is unassigned.
ipsecpol -w REG -p "rpcwall-block-wmi-between-workstations-a852b6f3-new" -x
if errorlevel 1 (echo rpcwall: FAILED: assigning "rpcwall-block-wmi-between-workstations-a852b6f3-new"& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecTemporaryAssigned /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording IpsecTemporaryAssigned in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3& goto fail)

:final
rem 4. The final name, rebuilt while the temporary policy is assigned, then assigned.
ipsecpol -w REG -p "rpcwall-block-wmi-between-workstations-a852b6f3" -o >nul 2>&1
ipsecpol -w REG -p "rpcwall-block-wmi-between-workstations-a852b6f3" -r "Block inbound TCP" -f *=0:135:TCP *=0:24158:TCP -n BLOCK
if errorlevel 1 (echo rpcwall: FAILED: ipsecpol rule "Block inbound TCP" of "rpcwall-block-wmi-between-workstations-a852b6f3", is ipsecpol.exe on the PATH?& goto fail)
ipsecpol -w REG -p "rpcwall-block-wmi-between-workstations-a852b6f3" -r "Pass inbound TCP" -f 10.0.10.0/255.255.255.240=0:135:TCP 10.0.0.10/255.255.255.254=0:135:TCP 10.0.10.0/255.255.255.240=0:24158:TCP 10.0.0.10/255.255.255.254=0:24158:TCP -n PASS
if errorlevel 1 (echo rpcwall: FAILED: ipsecpol rule "Pass inbound TCP" of "rpcwall-block-wmi-between-workstations-a852b6f3", is ipsecpol.exe on the PATH?& goto fail)
ipsecpol -w REG -p "rpcwall-block-wmi-between-workstations-a852b6f3" -x
if errorlevel 1 (echo rpcwall: FAILED: assigning "rpcwall-block-wmi-between-workstations-a852b6f3"& goto fail)

rem 5. The temporary policy is no longer assigned: record that first, then delete it.
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecTemporaryAssigned /f >nul
if errorlevel 1 (echo rpcwall: FAILED: removing IpsecTemporaryAssigned from HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3& goto fail)
ipsecpol -w REG -p "rpcwall-block-wmi-between-workstations-a852b6f3-new" -o
if errorlevel 1 (echo rpcwall: FAILED: deleting "rpcwall-block-wmi-between-workstations-a852b6f3-new"& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecApplied /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording IpsecApplied in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3& goto fail)

rem This version sets no RPC port range: put back the settings an earlier version saved,
rem while the values are still those it wrote.
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v RpcSaved >nul 2>&1
if not errorlevel 1 goto rpc_check
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v RpcAbsent >nul 2>&1
if errorlevel 1 goto rpc_done
:rpc_check
reg compare "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rpc-written" /v Ports >nul 2>&1
if errorlevel 1 goto rpc_not_ours
reg compare "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rpc-written" /v PortsInternetAvailable >nul 2>&1
if errorlevel 1 goto rpc_not_ours
reg compare "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rpc-written" /v UseInternetPorts >nul 2>&1
if errorlevel 1 goto rpc_not_ours
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v RpcSaved >nul 2>&1
if errorlevel 1 goto rpc_delete
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
reg copy "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rpc-backup" "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /s /f >nul
if errorlevel 1 (echo rpcwall: FAILED: copying HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rpc-backup back to HKLM\SOFTWARE\Microsoft\Rpc\Internet& goto fail)
goto rpc_restored
:rpc_delete
reg delete "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /f >nul 2>&1
:rpc_restored
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rpc-backup" /f >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rpc-written" /f >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v RpcSaved /f >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v RpcAbsent /f >nul 2>&1
echo rpcwall: the RPC port settings were put back; they take effect after a restart.
goto rpc_done
:rpc_not_ours
echo rpcwall: WARNING: the RPC port settings in HKLM\SOFTWARE\Microsoft\Rpc\Internet are no longer those rpcwall wrote; they are left as they are, and so is the saved copy in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rpc-backup.
:rpc_done

rem WMI on its fixed port TCP 24158: own service host, then restart the service (windows-semantics.md 6.3).
rem Record the host WMI runs in now, unless an earlier run did (the first record holds
rem what the host had before rpcwall).
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v WmiSaved >nul 2>&1
if not errorlevel 1 goto wmi_saved
set "RPCWALL_WMI_OWN="
for /f "delims=" %%L in ('reg query "HKLM\SYSTEM\CurrentControlSet\Services\Winmgmt" /v Type 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x10"') do set "RPCWALL_WMI_OWN=1"
if defined RPCWALL_WMI_OWN goto wmi_was_own
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v WmiSaved /t REG_SZ /d shared /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording WmiSaved& goto fail)
goto wmi_saved
:wmi_was_own
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v WmiSaved /t REG_SZ /d standalone /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording WmiSaved& goto fail)
:wmi_saved
winmgmt -standalonehost
if errorlevel 1 (echo rpcwall: FAILED: winmgmt -standalonehost& goto fail)
net stop winmgmt /y
if errorlevel 1 (echo rpcwall: FAILED: net stop winmgmt& goto fail)
net start winmgmt
if errorlevel 1 (echo rpcwall: FAILED: net start winmgmt& goto fail)

echo rpcwall: policy "Block WMI between workstations" applied: 6 filters in the assigned IPsec policy "rpcwall-block-wmi-between-workstations-a852b6f3".
echo rpcwall: 'net stop winmgmt /y' also stopped the services that depend on WMI; this script does not start them again.
echo rpcwall: restart the computer to start them.
exit /b 0

:fail
echo rpcwall: stopped at the first failure. The IPsec policy assigned before this run, or this
echo rpcwall: version complete under "rpcwall-block-wmi-between-workstations-a852b6f3-new", is still the assigned one. Run this script
echo rpcwall: again, or block-wmi-between-workstations-ipsecpol-rollback.cmd to undo.
exit /b 1
