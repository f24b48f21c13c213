@echo off
rem rpcwall apply script for policy "Block WMI between workstations"
rem Description: "WMI on 24158 only from admin servers and domain controllers"
rem Source: "examples/block-wmi-between-workstations.rpcwall"
rem Source SHA-256: "f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem A hand-made Allow rule cannot override this policy's Block rules: Windows Firewall
rem applies a matching Block rule before any Allow rule, whatever their order.
rem Emergency exception: run block-wmi-between-workstations-rollback.cmd (it removes the whole policy),
rem or change the policy (an allow statement for the exception, placed before the block),
rem then compile and apply it again: rpcwall leaves that traffic out of its Block rules.
rem Undo with block-wmi-between-workstations-rollback.cmd.
rem Dry run: block-wmi-between-workstations.cmd /whatif prints every change and changes nothing.
setlocal EnableExtensions DisableDelayedExpansion

rem 'fltmc' succeeds only in an elevated prompt.
fltmc >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
if /i "%~1"=="/whatif" goto whatif
echo rpcwall: applying policy "Block WMI between workstations"

rem Profile checks before applying (docs/targets/netsh.md, "Profile checks"): for each
rem profile the rules use, whether Windows would enforce them there. Stops unless the
rem script runs with /force.
set "RPCWALL_PROFILE_STOP="
set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\DomainProfile"
set "RPCWALL_FW=%RPCWALL_GP%"
reg query "%RPCWALL_GP%" /v EnableFirewall >nul 2>&1 || set "RPCWALL_FW=HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\DomainProfile"
for /f "delims=" %%L in ('reg query "%RPCWALL_FW%" /v EnableFirewall 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x0"') do (echo rpcwall: before applying: profile Domain: the firewall is off, EnableFirewall=0 in %RPCWALL_FW%, so nothing is blocked.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "%RPCWALL_GP%" /v DoNotAllowExceptions 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x[1-9a-f]"') do (echo rpcwall: before applying: profile Domain: shielded, DoNotAllowExceptions is set in %RPCWALL_GP%, so every inbound allow rule is ignored.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\DomainProfile" /v DoNotAllowExceptions 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x[1-9a-f]"') do (echo rpcwall: before applying: profile Domain: shielded, DoNotAllowExceptions is set in HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\DomainProfile - blockinboundalways, so every inbound allow rule is ignored.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\DomainProfile" /v AllowLocalPolicyMerge 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x0"') do (echo rpcwall: before applying: profile Domain: a GPO sets AllowLocalPolicyMerge=0 in HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\DomainProfile, so the rules of this computer, these included, are ignored.& set "RPCWALL_PROFILE_STOP=1")
set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\StandardProfile"
reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PrivateProfile" >nul 2>&1 && set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PrivateProfile"
reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PublicProfile" >nul 2>&1 && set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PrivateProfile"
set "RPCWALL_FW=%RPCWALL_GP%"
reg query "%RPCWALL_GP%" /v EnableFirewall >nul 2>&1 || set "RPCWALL_FW=HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\StandardProfile"
for /f "delims=" %%L in ('reg query "%RPCWALL_FW%" /v EnableFirewall 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x0"') do (echo rpcwall: before applying: profile Private: the firewall is off, EnableFirewall=0 in %RPCWALL_FW%, so nothing is blocked.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "%RPCWALL_GP%" /v DoNotAllowExceptions 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x[1-9a-f]"') do (echo rpcwall: before applying: profile Private: shielded, DoNotAllowExceptions is set in %RPCWALL_GP%, so every inbound allow rule is ignored.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\StandardProfile" /v DoNotAllowExceptions 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x[1-9a-f]"') do (echo rpcwall: before applying: profile Private: shielded, DoNotAllowExceptions is set in HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\StandardProfile - blockinboundalways, so every inbound allow rule is ignored.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PrivateProfile" /v AllowLocalPolicyMerge 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x0"') do (echo rpcwall: before applying: profile Private: a GPO sets AllowLocalPolicyMerge=0 in HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PrivateProfile, so the rules of this computer, these included, are ignored.& set "RPCWALL_PROFILE_STOP=1")
set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\StandardProfile"
reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PrivateProfile" >nul 2>&1 && set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PublicProfile"
reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PublicProfile" >nul 2>&1 && set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PublicProfile"
set "RPCWALL_FW=%RPCWALL_GP%"
reg query "%RPCWALL_GP%" /v EnableFirewall >nul 2>&1 || set "RPCWALL_FW=HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\PublicProfile"
for /f "delims=" %%L in ('reg query "%RPCWALL_FW%" /v EnableFirewall 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x0"') do (echo rpcwall: before applying: profile Public: the firewall is off, EnableFirewall=0 in %RPCWALL_FW%, so nothing is blocked.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "%RPCWALL_GP%" /v DoNotAllowExceptions 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x[1-9a-f]"') do (echo rpcwall: before applying: profile Public: shielded, DoNotAllowExceptions is set in %RPCWALL_GP%, so every inbound allow rule is ignored.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\PublicProfile" /v DoNotAllowExceptions 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x[1-9a-f]"') do (echo rpcwall: before applying: profile Public: shielded, DoNotAllowExceptions is set in HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\PublicProfile - blockinboundalways, so every inbound allow rule is ignored.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PublicProfile" /v AllowLocalPolicyMerge 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x0"') do (echo rpcwall: before applying: profile Public: a GPO sets AllowLocalPolicyMerge=0 in HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PublicProfile, so the rules of this computer, these included, are ignored.& set "RPCWALL_PROFILE_STOP=1")
if defined RPCWALL_PROFILE_STOP (if /i "%~1"=="/force" (echo rpcwall: going on because of /force; the policy is not enforced in the profiles named above.) else (echo rpcwall: the policy would not be enforced in the profiles named above; nothing was changed. Fix the profile settings or run again with /force.& exit /b 2))

rem This policy's state on this host is kept under HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3,
rem which only Administrators and SYSTEM can write; it is never read from a file:
rem   rules           the names of the rules the last successful run created,
rem                   without the prefix rpcwall/block-wmi-between-workstations-a852b6f3/
rem   rules.new       the names a run is creating; left behind only by a failed run
if exist "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3" echo rpcwall: NOTE: "%%ProgramData%%\rpcwall\block-wmi-between-workstations-a852b6f3" was written by an earlier rpcwall; it is not read. Check and remove it.

rem The order keeps closed what both the earlier and this version block, whichever
rem command fails: this version's block rules go in first, under a temporary name, then
rem the earlier rules go, then the block rules get their names and the allow rules come
rem (a matching block rule wins over any allow rule). Deleting a rule that is not there
rem makes netsh fail; that is expected for the deletes and not checked.

rem 1. What a failed run left: the rules it listed and its temporary rules.
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" 2^>nul ^| findstr /c:" REG_SZ "') do netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/%%B" >nul 2>&1
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" 2^>nul ^| findstr /c:" REG_SZ "') do netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3~new/%%B" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block-tcp-135,24158" >nul 2>&1

rem 2. Record the names before adding, so that a failed run leaves them to the next run and
rem the rollback.
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" /v r0001 /t REG_SZ /d "allow-tcp-135,24158" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording r0001 in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" /v r0002 /t REG_SZ /d "block-tcp-135,24158" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording r0002 in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new& goto fail)

rem 3. This version's block rules, under temporary names.
netsh advfirewall firewall add rule name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block-tcp-135,24158" dir=in action=block protocol=tcp localport=135,24158 remoteip=0.0.0.0-10.0.0.9,10.0.0.12-10.0.9.255,10.0.10.16-126.255.255.255,128.0.0.0/1,::2-2001:db8::f,2001:db8::11-2001:db8:f:ffff:ffff:ffff:ffff:ffff,2001:db8:10:1::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=any description="Blocked by block workstations to wmi (line 17); block any to wmi (line 18)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/block-wmi-between-workstations-a852b6f3~new/block-tcp-135,24158"& goto fail)

rem 4. The rules of the earlier version: those the state lists and those of this version's
rem names.
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules" 2^>nul ^| findstr /c:" REG_SZ "') do netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/%%B" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158" >nul 2>&1

rem 5. The block rules get their names; then the allow rules.
netsh advfirewall firewall set rule name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block-tcp-135,24158" new name="rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158"
if errorlevel 1 (echo rpcwall: FAILED: netsh set rule "rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158" dir=in action=allow protocol=tcp localport=135,24158 remoteip=10.0.0.10/31,10.0.10.0/28,2001:db8::10,2001:db8:10::/64 profile=any description="Allowed by allow admin-servers, domain-controllers to wmi (line 16)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158"& goto fail)

rem 6. Every rule is in place: the names become the list the next run and the rollback read.
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules" /f >nul 2>&1
reg copy "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules" /s /f >nul
if errorlevel 1 (echo rpcwall: FAILED: copying HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new to HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: deleting HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new& goto fail)

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

rem Profile checks after applying (docs/targets/netsh.md, "Profile checks"): for each
rem profile the rules use, whether Windows would enforce them there. Stops unless the
rem script runs with /force.
set "RPCWALL_PROFILE_STOP="
set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\DomainProfile"
set "RPCWALL_FW=%RPCWALL_GP%"
reg query "%RPCWALL_GP%" /v EnableFirewall >nul 2>&1 || set "RPCWALL_FW=HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\DomainProfile"
for /f "delims=" %%L in ('reg query "%RPCWALL_FW%" /v EnableFirewall 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x0"') do (echo rpcwall: after applying: profile Domain: the firewall is off, EnableFirewall=0 in %RPCWALL_FW%, so nothing is blocked.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "%RPCWALL_GP%" /v DoNotAllowExceptions 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x[1-9a-f]"') do (echo rpcwall: after applying: profile Domain: shielded, DoNotAllowExceptions is set in %RPCWALL_GP%, so every inbound allow rule is ignored.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\DomainProfile" /v DoNotAllowExceptions 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x[1-9a-f]"') do (echo rpcwall: after applying: profile Domain: shielded, DoNotAllowExceptions is set in HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\DomainProfile - blockinboundalways, so every inbound allow rule is ignored.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\DomainProfile" /v AllowLocalPolicyMerge 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x0"') do (echo rpcwall: after applying: profile Domain: a GPO sets AllowLocalPolicyMerge=0 in HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\DomainProfile, so the rules of this computer, these included, are ignored.& set "RPCWALL_PROFILE_STOP=1")
set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\StandardProfile"
reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PrivateProfile" >nul 2>&1 && set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PrivateProfile"
reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PublicProfile" >nul 2>&1 && set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PrivateProfile"
set "RPCWALL_FW=%RPCWALL_GP%"
reg query "%RPCWALL_GP%" /v EnableFirewall >nul 2>&1 || set "RPCWALL_FW=HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\StandardProfile"
for /f "delims=" %%L in ('reg query "%RPCWALL_FW%" /v EnableFirewall 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x0"') do (echo rpcwall: after applying: profile Private: the firewall is off, EnableFirewall=0 in %RPCWALL_FW%, so nothing is blocked.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "%RPCWALL_GP%" /v DoNotAllowExceptions 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x[1-9a-f]"') do (echo rpcwall: after applying: profile Private: shielded, DoNotAllowExceptions is set in %RPCWALL_GP%, so every inbound allow rule is ignored.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\StandardProfile" /v DoNotAllowExceptions 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x[1-9a-f]"') do (echo rpcwall: after applying: profile Private: shielded, DoNotAllowExceptions is set in HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\StandardProfile - blockinboundalways, so every inbound allow rule is ignored.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PrivateProfile" /v AllowLocalPolicyMerge 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x0"') do (echo rpcwall: after applying: profile Private: a GPO sets AllowLocalPolicyMerge=0 in HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PrivateProfile, so the rules of this computer, these included, are ignored.& set "RPCWALL_PROFILE_STOP=1")
set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\StandardProfile"
reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PrivateProfile" >nul 2>&1 && set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PublicProfile"
reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PublicProfile" >nul 2>&1 && set "RPCWALL_GP=HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PublicProfile"
set "RPCWALL_FW=%RPCWALL_GP%"
reg query "%RPCWALL_GP%" /v EnableFirewall >nul 2>&1 || set "RPCWALL_FW=HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\PublicProfile"
for /f "delims=" %%L in ('reg query "%RPCWALL_FW%" /v EnableFirewall 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x0"') do (echo rpcwall: after applying: profile Public: the firewall is off, EnableFirewall=0 in %RPCWALL_FW%, so nothing is blocked.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "%RPCWALL_GP%" /v DoNotAllowExceptions 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x[1-9a-f]"') do (echo rpcwall: after applying: profile Public: shielded, DoNotAllowExceptions is set in %RPCWALL_GP%, so every inbound allow rule is ignored.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\PublicProfile" /v DoNotAllowExceptions 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x[1-9a-f]"') do (echo rpcwall: after applying: profile Public: shielded, DoNotAllowExceptions is set in HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\PublicProfile - blockinboundalways, so every inbound allow rule is ignored.& set "RPCWALL_PROFILE_STOP=1")
for /f "delims=" %%L in ('reg query "HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PublicProfile" /v AllowLocalPolicyMerge 2^>nul ^| findstr /i /r /c:"REG_DWORD  *0x0"') do (echo rpcwall: after applying: profile Public: a GPO sets AllowLocalPolicyMerge=0 in HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\PublicProfile, so the rules of this computer, these included, are ignored.& set "RPCWALL_PROFILE_STOP=1")
if defined RPCWALL_PROFILE_STOP (if /i "%~1"=="/force" (echo rpcwall: /force: the rules are in place but not enforced in the profiles named above.) else (echo rpcwall: the rules are in place but not enforced in the profiles named above. Fix the profile settings.& exit /b 2))

echo rpcwall: policy "Block WMI between workstations" applied: 2 rules.
echo rpcwall: 'net stop winmgmt /y' also stopped the services that depend on WMI; this script does not start them again.
echo rpcwall: restart the computer to start them.
exit /b 0

:fail
echo rpcwall: stopped at the first failure; the host may be partly changed. Run block-wmi-between-workstations-rollback.cmd to undo.
exit /b 1

rem Dry run (/whatif): print the changes, make none.
:whatif
echo rpcwall: /whatif: the changes a run would make to this computer; nothing is changed.
echo rpcwall: /whatif: delete the rules the last run of this policy created, listed in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules:
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules" 2^>nul ^| findstr /c:" REG_SZ "') do echo netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/%%B"
echo rpcwall: /whatif: delete the rules a failed run left, listed in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new:
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" 2^>nul ^| findstr /c:" REG_SZ "') do echo netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/%%B"
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" 2^>nul ^| findstr /c:" REG_SZ "') do echo netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3~new/%%B"
echo rpcwall: /whatif: delete the rules of this version's names, where they exist, and add its rules:
echo netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158"
echo netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158"
echo netsh advfirewall firewall add rule name="rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158" dir=in action=block protocol=tcp localport=135,24158 remoteip=0.0.0.0-10.0.0.9,10.0.0.12-10.0.9.255,10.0.10.16-126.255.255.255,128.0.0.0/1,::2-2001:db8::f,2001:db8::11-2001:db8:f:ffff:ffff:ffff:ffff:ffff,2001:db8:10:1::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=any description="Blocked by block workstations to wmi (line 17); block any to wmi (line 18)" enable=yes
echo netsh advfirewall firewall add rule name="rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158" dir=in action=allow protocol=tcp localport=135,24158 remoteip=10.0.0.10/31,10.0.10.0/28,2001:db8::10,2001:db8:10::/64 profile=any description="Allowed by allow admin-servers, domain-controllers to wmi (line 16)" enable=yes
echo rpcwall: /whatif: put back the RPC port settings an earlier version saved in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rpc-backup, if any, while they are still those it wrote.
echo rpcwall: /whatif: record the host WMI runs in now in WmiSaved (first run only), then:
echo winmgmt -standalonehost
echo net stop winmgmt /y
echo net start winmgmt
echo rpcwall: /whatif: record the 2 rule names in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\rules.
exit /b 0
