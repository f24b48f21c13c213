@echo off
rem rpcwall apply script for policy "Block WMI between workstations"
rem Description: "WMI on 24158 only from admin servers and domain controllers"
rem Source: "examples/block-wmi-between-workstations.rpcwall"
rem Source SHA-256: "f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undo with block-wmi-between-workstations-rollback.cmd.
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
if not defined ProgramData (echo rpcwall: ProgramData is not set; the state of the policy is kept in %%ProgramData%%\rpcwall.& exit /b 1)
echo rpcwall: applying policy "Block WMI between workstations"

rem This policy's state on this host, kept here and not next to the script, which may run
rem from a read-only share or a deployment cache:
rem   rules.txt       the names of the rules the last successful run created,
rem                   without the prefix rpcwall/block-wmi-between-workstations-a852b6f3/
rem   rules.new       the names a run is creating; left behind only by a failed run
if exist "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3" goto state_ready
mkdir "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3" || (echo rpcwall: FAILED: creating "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3"& goto fail)
icacls "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F >nul || (echo rpcwall: FAILED: restricting access to "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3"& goto fail)
:state_ready

rem Remove the rules this policy created before: those its state lists (a changed policy
rem has other names) and those it creates now. A rule that is not there makes netsh fail;
rem that is expected here and not checked, and nothing below reads the errorlevel it leaves.
if exist "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.txt" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.txt") do netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/%%N" >nul 2>&1
if exist "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new") do netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/%%N" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158" >nul 2>&1

rem Record the names before adding, so that a failed run leaves them to the next run and
rem the rollback. A failed redirection does not set errorlevel, so '||' checks these.
>"%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" echo allow-tcp-135,24158|| (echo rpcwall: FAILED: writing "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new"& goto fail)
>>"%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" echo block-tcp-135,24158|| (echo rpcwall: FAILED: writing "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new"& goto fail)

rem Add the rules (Windows Firewall: a matching block rule wins over any allow rule).
netsh advfirewall firewall add rule name="rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158" dir=in action=allow protocol=tcp localport=135,24158 remoteip=10.0.0.10/31,10.0.10.0/28,2001:db8::10,2001:db8:10::/64 profile=any description="Allowed by allow admin-servers, domain-controllers to wmi (line 16)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/block-wmi-between-workstations-a852b6f3/allow-tcp-135,24158"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158" dir=in action=block protocol=tcp localport=135,24158 remoteip=0.0.0.0-10.0.0.9,10.0.0.12-10.0.9.255,10.0.10.16-126.255.255.255,128.0.0.0/1,::2-2001:db8::f,2001:db8::11-2001:db8:f:ffff:ffff:ffff:ffff:ffff,2001:db8:10:1::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=any description="Blocked by block workstations to wmi (line 17)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/block-wmi-between-workstations-a852b6f3/block-tcp-135,24158"& goto fail)

rem Every rule is in place: the names become the list the next run and the rollback read.
move /y "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.txt" >nul || (echo rpcwall: FAILED: moving "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.new" to "%ProgramData%\rpcwall\block-wmi-between-workstations-a852b6f3\rules.txt"& goto fail)

rem WMI on its fixed port TCP 24158: own service host, then restart the service (windows-semantics.md 6.3).
winmgmt -standalonehost
if errorlevel 1 (echo rpcwall: FAILED: winmgmt -standalonehost& goto fail)
net stop winmgmt /y
if errorlevel 1 (echo rpcwall: FAILED: net stop winmgmt& goto fail)
net start winmgmt
if errorlevel 1 (echo rpcwall: FAILED: net start winmgmt& goto fail)

echo rpcwall: policy "Block WMI between workstations" applied: 2 rules.
echo rpcwall: 'net stop winmgmt /y' also stopped the services that depend on WMI; this script does not start them again.
echo rpcwall: restart the computer to start them.
exit /b 0

:fail
echo rpcwall: stopped at the first failure; the host may be partly changed. Run block-wmi-between-workstations-rollback.cmd to undo.
exit /b 1
