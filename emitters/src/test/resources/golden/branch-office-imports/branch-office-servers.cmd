@echo off
rem rpcwall apply script for policy "Branch office servers"
rem Description: "Management from jump hosts and DCs; SMB for branch clients on the domain network"
rem Source: "examples/branch-office-imports.rpcwall"
rem Source SHA-256: "56ef55c57898ed3cb14e3bf993568018eb9a0f2a20a1fe4d73d83bf87f1d2137"
rem rpcwall version: "0.1.0"
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undo with branch-office-servers-rollback.cmd.
setlocal EnableExtensions DisableDelayedExpansion

rem 'net session' succeeds only in an elevated prompt.
net session >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
if not defined ProgramData (echo rpcwall: ProgramData is not set; the state of the policy is kept in %%ProgramData%%\rpcwall.& exit /b 1)
echo rpcwall: applying policy "Branch office servers"

rem This policy's state on this host, kept here and not next to the script, which may run
rem from a read-only share or a deployment cache:
rem   rules.txt       the names of the rules the last successful run created,
rem                   without the prefix rpcwall/branch-office-servers-b5df4991/
rem   rules.new       the names a run is creating; left behind only by a failed run
rem   rpc-backup.reg  the RPC settings found before the first run, for the rollback
rem   rpc-absent.txt  instead of the backup, when there were none
if exist "%ProgramData%\rpcwall\branch-office-servers-b5df4991" goto state_ready
mkdir "%ProgramData%\rpcwall\branch-office-servers-b5df4991" || (echo rpcwall: FAILED: creating "%ProgramData%\rpcwall\branch-office-servers-b5df4991"& goto fail)
icacls "%ProgramData%\rpcwall\branch-office-servers-b5df4991" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F >nul || (echo rpcwall: FAILED: restricting access to "%ProgramData%\rpcwall\branch-office-servers-b5df4991"& goto fail)
:state_ready

rem Remove the rules this policy created before: those its state lists (a changed policy
rem has other names) and those it creates now. A rule that is not there makes netsh fail;
rem that is expected here and not checked, and nothing below reads the errorlevel it leaves.
if exist "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.txt" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.txt") do netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/%%N" >nul 2>&1
if exist "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new" for /f "usebackq delims=" %%N in ("%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new") do netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/%%N" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/allow-tcp-135,5985-5986,50000-50199" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/block-tcp-135,5985-5986,50000-50199" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/allow-tcp-445/domain" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/allow-tcp-445/private,public" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/block-tcp-445/domain" >nul 2>&1
netsh advfirewall firewall delete rule name="rpcwall/branch-office-servers-b5df4991/block-tcp-445/private,public" >nul 2>&1

rem Record the names before adding, so that a failed run leaves them to the next run and
rem the rollback. A failed redirection does not set errorlevel, so '||' checks these.
>"%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new" echo allow-tcp-135,5985-5986,50000-50199|| (echo rpcwall: FAILED: writing "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new"& goto fail)
>>"%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new" echo block-tcp-135,5985-5986,50000-50199|| (echo rpcwall: FAILED: writing "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new"& goto fail)
>>"%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new" echo allow-tcp-445/domain|| (echo rpcwall: FAILED: writing "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new"& goto fail)
>>"%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new" echo allow-tcp-445/private,public|| (echo rpcwall: FAILED: writing "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new"& goto fail)
>>"%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new" echo block-tcp-445/domain|| (echo rpcwall: FAILED: writing "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new"& goto fail)
>>"%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new" echo block-tcp-445/private,public|| (echo rpcwall: FAILED: writing "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new"& goto fail)

rem Add the rules (Windows Firewall: a matching block rule wins over any allow rule).
netsh advfirewall firewall add rule name="rpcwall/branch-office-servers-b5df4991/allow-tcp-135,5985-5986,50000-50199" dir=in action=allow protocol=tcp localport=135,5985-5986,50000-50199 remoteip=10.0.0.10/31,10.0.10.5-10.0.10.6,2001:db8::10/127 profile=any description="Allowed by allow management to endpoint-mapper, rpc-dynamic, winrm, smb (line 17)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/branch-office-servers-b5df4991/allow-tcp-135,5985-5986,50000-50199"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/branch-office-servers-b5df4991/block-tcp-135,5985-5986,50000-50199" dir=in action=block protocol=tcp localport=135,5985-5986,50000-50199 remoteip=0.0.0.0-10.0.0.9,10.0.0.12-10.0.10.4,10.0.10.7-126.255.255.255,128.0.0.0/1,::2-2001:db8::f,2001:db8::12-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=any description="Blocked by block any to endpoint-mapper, rpc-dynamic, winrm, smb (line 19)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/branch-office-servers-b5df4991/block-tcp-135,5985-5986,50000-50199"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/branch-office-servers-b5df4991/allow-tcp-445/domain" dir=in action=allow protocol=tcp localport=445 remoteip=10.0.0.10/31,10.0.10.5-10.0.10.6,10.60.0.0/16,2001:db8::10/127,2001:db8:60::/48 profile=domain description="Allowed by allow management to endpoint-mapper, rpc-dynamic, winrm, smb (line 17)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/branch-office-servers-b5df4991/allow-tcp-445/domain"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/branch-office-servers-b5df4991/allow-tcp-445/private,public" dir=in action=allow protocol=tcp localport=445 remoteip=10.0.0.10/31,10.0.10.5-10.0.10.6,2001:db8::10/127 profile=private,public description="Allowed by allow management to endpoint-mapper, rpc-dynamic, winrm, smb (line 17)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/branch-office-servers-b5df4991/allow-tcp-445/private,public"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/branch-office-servers-b5df4991/block-tcp-445/domain" dir=in action=block protocol=tcp localport=445 remoteip=0.0.0.0-10.0.0.9,10.0.0.12-10.0.10.4,10.0.10.7-10.59.255.255,10.61.0.0-126.255.255.255,128.0.0.0/1,::2-2001:db8::f,2001:db8::12-2001:db8:5f:ffff:ffff:ffff:ffff:ffff,2001:db8:61::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=domain description="Blocked by block any to endpoint-mapper, rpc-dynamic, winrm, smb (line 19)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/branch-office-servers-b5df4991/block-tcp-445/domain"& goto fail)
netsh advfirewall firewall add rule name="rpcwall/branch-office-servers-b5df4991/block-tcp-445/private,public" dir=in action=block protocol=tcp localport=445 remoteip=0.0.0.0-10.0.0.9,10.0.0.12-10.0.10.4,10.0.10.7-126.255.255.255,128.0.0.0/1,::2-2001:db8::f,2001:db8::12-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff profile=private,public description="Blocked by block any to endpoint-mapper, rpc-dynamic, winrm, smb (line 19)" enable=yes
if errorlevel 1 (echo rpcwall: FAILED: netsh add rule "rpcwall/branch-office-servers-b5df4991/block-tcp-445/private,public"& goto fail)

rem Every rule is in place: the names become the list the next run and the rollback read.
move /y "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new" "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.txt" >nul || (echo rpcwall: FAILED: moving "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.new" to "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rules.txt"& goto fail)

rem RPC dynamic port range (HKLM\SOFTWARE\Microsoft\Rpc\Internet, KB154596).
rem Save the settings found before the first run, for the rollback script; a
rem later run keeps that first copy.
if exist "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-backup.reg" goto rpc_saved
if exist "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-absent.txt" goto rpc_saved
reg query "HKLM\SOFTWARE\Microsoft\Rpc\Internet" >nul 2>&1
if errorlevel 1 goto rpc_absent
reg export "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-backup.reg" /y >nul
if errorlevel 1 (echo rpcwall: FAILED: reg export of the RPC settings to "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-backup.reg"& goto fail)
goto rpc_saved
:rpc_absent
>"%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-absent.txt" echo The key HKLM\SOFTWARE\Microsoft\Rpc\Internet did not exist before.|| (echo rpcwall: FAILED: writing "%ProgramData%\rpcwall\branch-office-servers-b5df4991\rpc-absent.txt"& goto fail)
:rpc_saved
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v Ports /t REG_MULTI_SZ /d "50000-50199" /f
if errorlevel 1 (echo rpcwall: FAILED: reg add Ports& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v PortsInternetAvailable /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add PortsInternetAvailable& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v UseInternetPorts /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add UseInternetPorts& goto fail)

echo rpcwall: policy "Branch office servers" applied: 6 rules.
echo rpcwall: restart the computer: the RPC dynamic port range takes effect only after a restart.
exit /b 0

:fail
echo rpcwall: stopped at the first failure; the host may be partly changed. Run branch-office-servers-rollback.cmd to undo.
exit /b 1
