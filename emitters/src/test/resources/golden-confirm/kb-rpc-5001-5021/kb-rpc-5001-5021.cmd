@echo off
rem rpcwall apply script for policy "KB RPC 5001-5021"
rem Description: "Endpoint mapper and RPC 5001-5021 only from the admin subnet"
rem Source: "examples/kb-rpc-5001-5021.rpcwall"
rem Source SHA-256: "f405e6fc1e14413bebe95720cab6b3ab9d2cb0b19f9f5678ada26aff40ded098"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem A hand-made Allow rule cannot override this policy's Block rules: Windows Firewall
rem applies a matching Block rule before any Allow rule, whatever their order.
rem Emergency exception: run kb-rpc-5001-5021-rollback.cmd (it removes the whole policy),
rem or change the policy (an allow statement for the exception, placed before the block),
rem then compile and apply it again: rpcwall leaves that traffic out of its Block rules.
rem Undo with kb-rpc-5001-5021-rollback.cmd.
rem Dry run: kb-rpc-5001-5021.cmd /whatif prints every change and changes nothing.
setlocal EnableExtensions DisableDelayedExpansion

rem 'fltmc' succeeds only in an elevated prompt.
fltmc >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
if /i "%~1"=="/whatif" goto whatif
echo rpcwall: applying policy "KB RPC 5001-5021"

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

rem Confirmed apply (--confirm-within 15): before the first change, register the task
rem rpcwall\kb-rpc-5001-5021-10a0bf28-revert, run as SYSTEM. It runs a copy of the rollback script
rem in 15 minutes, and again at that interval until a rollback succeeds, unless
rem kb-rpc-5001-5021-confirm.cmd deletes it first. The copy lives in
rem %ProgramFiles%\rpcwall\kb-rpc-5001-5021-10a0bf28, which only SYSTEM and Administrators can change.
rem A task of an earlier run of this policy is replaced (/f). See docs/deploy/confirmed-apply.md.
if defined PROCESSOR_ARCHITEW6432 (echo rpcwall: run this script from the 64-bit cmd.exe: the rollback task looks for its copy below the 64-bit Program Files folder; nothing was changed.& exit /b 1)
mkdir "%ProgramFiles%\rpcwall\kb-rpc-5001-5021-10a0bf28" >nul 2>&1
icacls "%ProgramFiles%\rpcwall\kb-rpc-5001-5021-10a0bf28" /setowner *S-1-5-32-544 >nul
if errorlevel 1 (echo rpcwall: FAILED: making Administrators the owner of %ProgramFiles%\rpcwall\kb-rpc-5001-5021-10a0bf28& goto fail)
icacls "%ProgramFiles%\rpcwall\kb-rpc-5001-5021-10a0bf28" /inheritance:r /grant:r "*S-1-5-18:(OI)(CI)F" "*S-1-5-32-544:(OI)(CI)F" >nul
if errorlevel 1 (echo rpcwall: FAILED: restricting %ProgramFiles%\rpcwall\kb-rpc-5001-5021-10a0bf28 to SYSTEM and Administrators& goto fail)
copy /y "%~dp0kb-rpc-5001-5021-rollback.cmd" "%ProgramFiles%\rpcwall\kb-rpc-5001-5021-10a0bf28\kb-rpc-5001-5021-rollback.cmd" >nul
if errorlevel 1 (echo rpcwall: FAILED: copying kb-rpc-5001-5021-rollback.cmd to %ProgramFiles%\rpcwall\kb-rpc-5001-5021-10a0bf28& goto fail)
schtasks /create /tn "rpcwall\kb-rpc-5001-5021-10a0bf28-revert" /tr %%ProgramFiles%%\rpcwall\kb-rpc-5001-5021-10a0bf28\kb-rpc-5001-5021-rollback.cmd /ru SYSTEM /sc minute /mo 15 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: registering the task rpcwall\kb-rpc-5001-5021-10a0bf28-revert; the Task Scheduler service must be running; nothing was changed& goto fail)

rem This policy's state on this host is kept under HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28,
rem which only Administrators and SYSTEM can write; it is never read from a file:
rem   rules           the names of the rules the last successful run created,
rem                   without the prefix rpcwall/kb-rpc-5001-5021-10a0bf28/
rem   rules.new       the names a run is creating; left behind only by a failed run
rem   rpc-backup      a copy of the RPC settings found before the first run
rem   RpcSaved        value: that copy was made
rem   RpcAbsent       value: instead, there were no RPC settings
if exist "%ProgramData%\rpcwall\kb-rpc-5001-5021-10a0bf28" echo rpcwall: NOTE: "%%ProgramData%%\rpcwall\kb-rpc-5001-5021-10a0bf28" was written by an earlier rpcwall; it is not read. Check and remove it.

rem The order keeps closed what both the earlier and this version block, whichever
rem command fails: this version's block rules go in first, under a temporary name, then
rem the earlier rules go, then the block rules get their names and the allow rules come
rem (a matching block rule wins over any allow rule). Deleting a rule that is not there
rem makes netsh fail; that is expected for the deletes and not checked.

rem 1. What a failed run left: the rules it listed and its temporary rules.
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" 2^>nul ^| findstr /c:" REG_SZ "') do netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/%%B" >nul 2>&1
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" 2^>nul ^| findstr /c:" REG_SZ "') do netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/%%B" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-tcp-135,5001-5021" >nul 2>&1

rem 2. Record the names before adding, so that a failed run leaves them to the next run and
rem the rollback.
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" /v r0001 /t REG_SZ /d "allow-tcp-135,5001-5021" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording r0001 in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" /v r0002 /t REG_SZ /d "block-tcp-135,5001-5021" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording r0002 in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new& goto fail)

rem 3. This version's block rules, under temporary names.
netsh advfirewall firewall add rule name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-tcp-135,5001-5021" dir=in action=block protocol=tcp localport=135,5001-5021 remoteip=0.0.0.0-10.1.0.255,10.1.2.0-126.255.255.255,128.0.0.0/1,::2-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=any description="Blocked by block any to endpoint-mapper, rpc-dynamic (line 16)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-tcp-135,5001-5021"& goto fail)

rem 4. The rules of the earlier version: those the state lists and those of this version's
rem names.
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules" 2^>nul ^| findstr /c:" REG_SZ "') do netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/%%B" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/allow-tcp-135,5001-5021" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/block-tcp-135,5001-5021" >nul 2>&1

rem 5. The block rules get their names; then the allow rules.
netsh advfirewall firewall set rule name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-tcp-135,5001-5021" new name="rpcwall/kb-rpc-5001-5021-10a0bf28/block-tcp-135,5001-5021"
if errorlevel 1 (echo rpcwall: FAILED: netsh set rule "rpcwall/kb-rpc-5001-5021-10a0bf28/block-tcp-135,5001-5021"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/allow-tcp-135,5001-5021" dir=in action=allow protocol=tcp localport=135,5001-5021 remoteip=10.1.1.0/24 profile=any description="Allowed by allow admins to endpoint-mapper, rpc-dynamic (line 15)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/kb-rpc-5001-5021-10a0bf28/allow-tcp-135,5001-5021"& goto fail)

rem 6. Every rule is in place: the names become the list the next run and the rollback read.
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules" /f >nul 2>&1
reg copy "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules" /s /f >nul
if errorlevel 1 (echo rpcwall: FAILED: copying HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new to HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: deleting HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new& goto fail)

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

echo rpcwall: policy "KB RPC 5001-5021" applied: 2 rules.
echo rpcwall: restart the computer: the RPC dynamic port range takes effect only after a restart.
echo rpcwall: CONFIRM within 15 minutes: check that you can still reach this computer, then run kb-rpc-5001-5021-confirm.cmd. Until then the task rpcwall\kb-rpc-5001-5021-10a0bf28-revert rolls this policy back at the deadline.
exit /b 0

:fail
echo rpcwall: stopped at the first failure; the host may be partly changed. Run kb-rpc-5001-5021-rollback.cmd to undo. The rollback task, once registered, also runs at the deadline.
exit /b 1

rem Dry run (/whatif): print the changes, make none.
:whatif
echo rpcwall: /whatif: the changes a run would make to this computer; nothing is changed.
echo rpcwall: /whatif: delete the rules the last run of this policy created, listed in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules:
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules" 2^>nul ^| findstr /c:" REG_SZ "') do echo netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/%%B"
echo rpcwall: /whatif: delete the rules a failed run left, listed in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new:
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" 2^>nul ^| findstr /c:" REG_SZ "') do echo netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/%%B"
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.new" 2^>nul ^| findstr /c:" REG_SZ "') do echo netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/%%B"
echo rpcwall: /whatif: delete the rules of this version's names, where they exist, and add its rules:
echo netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/allow-tcp-135,5001-5021"
echo netsh advfirewall firewall delete rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/block-tcp-135,5001-5021"
echo netsh advfirewall firewall add rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/block-tcp-135,5001-5021" dir=in action=block protocol=tcp localport=135,5001-5021 remoteip=0.0.0.0-10.1.0.255,10.1.2.0-126.255.255.255,128.0.0.0/1,::2-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=any description="Blocked by block any to endpoint-mapper, rpc-dynamic (line 16)" enable=yes
echo netsh advfirewall firewall add rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/allow-tcp-135,5001-5021" dir=in action=allow protocol=tcp localport=135,5001-5021 remoteip=10.1.1.0/24 profile=any description="Allowed by allow admins to endpoint-mapper, rpc-dynamic (line 15)" enable=yes
echo rpcwall: /whatif: save the RPC port settings found before the first run in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-backup (first run only), then set:
echo reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v Ports /t REG_MULTI_SZ /d "5001-5021" /f
echo reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v PortsInternetAvailable /t REG_SZ /d Y /f
echo reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v UseInternetPorts /t REG_SZ /d Y /f
echo rpcwall: /whatif: record the values written in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rpc-written.
echo rpcwall: /whatif: restart the computer afterwards: the RPC port range takes effect only after a restart.
echo rpcwall: /whatif: put WMI back in the host an earlier version recorded in WmiSaved, if any, unless another policy still sets the fixed port.
echo rpcwall: /whatif: first, register the task rpcwall\kb-rpc-5001-5021-10a0bf28-revert (as SYSTEM) that runs the rollback in 15 minutes unless kb-rpc-5001-5021-confirm.cmd deletes it.
echo rpcwall: /whatif: record the 2 rule names in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\rules.
exit /b 0
