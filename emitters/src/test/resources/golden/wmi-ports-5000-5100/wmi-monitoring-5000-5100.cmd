@echo off
rem rpcwall apply script for policy "WMI monitoring 5000-5100"
rem Description: "WMI only from the monitoring server, RPC range 5000-5100"
rem Source: "examples/wmi-ports-5000-5100.rpcwall"
rem Source SHA-256: "ef8f94bf7f414db44c5082a4846e7c8f6066d5065d14a32a1d22a13860afa1ad"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undo with wmi-monitoring-5000-5100-rollback.cmd.
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
if not defined ProgramData (echo rpcwall: ProgramData is not set; the state of the policy is kept in %%ProgramData%%\rpcwall.& exit /b 1)
echo rpcwall: applying policy "WMI monitoring 5000-5100"

rem This policy's state on this host, kept here and not next to the script, which may run
rem from a read-only share or a deployment cache:
rem   rules.txt       the names of the rules the last successful run created,
rem                   without the prefix rpcwall/wmi-monitoring-5000-5100-bd1f7cea/
rem   rules.new       the names a run is creating; left behind only by a failed run
rem   rpc-backup.reg  the RPC settings found before the first run, for the rollback
rem   rpc-absent.txt  instead of the backup, when there were none
if exist "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" goto state_ready
mkdir "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" || (echo rpcwall: FAILED: creating "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea"& goto fail)
icacls "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F >nul || (echo rpcwall: FAILED: restricting access to "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea"& goto fail)
:state_ready

rem Remove the rules this policy created before: those its state lists (a changed policy
rem has other names) and those it creates now. A rule that is not there makes netsh fail;
rem that is expected here and not checked, and nothing below reads the errorlevel it leaves.
if exist "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.txt" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.txt") do netsh advfirewall firewall delete rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/%%N" >nul 2>&1
if exist "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.new" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.new") do netsh advfirewall firewall delete rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/%%N" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/allow-tcp-135,5000-5100" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-tcp-135,5000-5100" >nul 2>&1

rem Record the names before adding, so that a failed run leaves them to the next run and
rem the rollback. A failed redirection does not set errorlevel, so '||' checks these.
>"%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.new" echo allow-tcp-135,5000-5100|| (echo rpcwall: FAILED: writing "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.new"& goto fail)
>>"%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.new" echo block-tcp-135,5000-5100|| (echo rpcwall: FAILED: writing "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.new"& goto fail)

rem Add the rules (Windows Firewall: a matching block rule wins over any allow rule).
netsh advfirewall firewall add rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/allow-tcp-135,5000-5100" dir=in action=allow protocol=tcp localport=135,5000-5100 remoteip=10.20.30.40 profile=any description="Allowed by allow monitoring to wmi (line 14)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/wmi-monitoring-5000-5100-bd1f7cea/allow-tcp-135,5000-5100"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-tcp-135,5000-5100" dir=in action=block protocol=tcp localport=135,5000-5100 remoteip=0.0.0.0-10.20.30.39,10.20.30.41-126.255.255.255,128.0.0.0/1,::2-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=any description="Blocked by block any to wmi (line 15)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-tcp-135,5000-5100"& goto fail)

rem Every rule is in place: the names become the list the next run and the rollback read.
move /y "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.new" "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.txt" >nul || (echo rpcwall: FAILED: moving "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.new" to "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rules.txt"& goto fail)

rem RPC dynamic port range (HKLM\SOFTWARE\Microsoft\Rpc\Internet, KB154596).
rem Save the settings found before the first run, for the rollback script; a
rem later run keeps that first copy.
if exist "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup.reg" goto rpc_saved
if exist "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-absent.txt" goto rpc_saved
reg query "HKLM\SOFTWARE\Microsoft\Rpc\Internet" >nul 2>&1
if errorlevel 1 goto rpc_absent
reg export "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup.reg" /y >nul
if errorlevel 1 (echo rpcwall: FAILED: reg export of the RPC settings to "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup.reg"& goto fail)
goto rpc_saved
:rpc_absent
>"%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-absent.txt" echo The key HKLM\SOFTWARE\Microsoft\Rpc\Internet did not exist before.|| (echo rpcwall: FAILED: writing "%ProgramData%\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-absent.txt"& goto fail)
:rpc_saved
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v Ports /t REG_MULTI_SZ /d "5000-5100" /f
if errorlevel 1 (echo rpcwall: FAILED: reg add Ports& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v PortsInternetAvailable /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add PortsInternetAvailable& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v UseInternetPorts /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add UseInternetPorts& goto fail)

echo rpcwall: policy "WMI monitoring 5000-5100" applied: 2 rules.
echo rpcwall: restart the computer: the RPC dynamic port range takes effect only after a restart.
exit /b 0

:fail
echo rpcwall: stopped at the first failure; the host may be partly changed. Run wmi-monitoring-5000-5100-rollback.cmd to undo.
exit /b 1
