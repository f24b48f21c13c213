@echo off
rem rpcwall netsh ipsec static apply script for policy "WMI monitoring 5000-5100"
rem Description: "WMI only from the monitoring server, RPC range 5000-5100"
rem For Windows Server 2003 (netsh ipsec static, windows-semantics.md 5.1).
rem Source: "examples/wmi-ports-5000-5100.rpcwall"
rem Source SHA-256: "ef8f94bf7f414db44c5082a4846e7c8f6066d5065d14a32a1d22a13860afa1ad"
rem rpcwall version: "0.1.0"
rem IPv6: left out (--ipv4-only); legacy IPsec filters IPv4 only, so this script does not enforce the policy's IPv6 part.
rem Filters: 204 (102 permit, 102 block), inbound to this computer, one port each, unmirrored; the most specific filter decides (windows-semantics.md 5.5).
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undo with wmi-monitoring-5000-5100-netsh-ipsec-rollback.cmd.
rem Usage: wmi-monitoring-5000-5100-netsh-ipsec.cmd [/force]
setlocal EnableExtensions DisableDelayedExpansion

rem 'fltmc' succeeds only in an elevated prompt.
fltmc >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
set RPCWALL_FORCE=
if /i "%~1"=="/force" set RPCWALL_FORCE=1
echo rpcwall: applying policy "WMI monitoring 5000-5100" as IPsec policy "rpcwall/wmi-monitoring-5000-5100-bd1f7cea"

rem A domain IPsec policy overrides every local one (windows-semantics.md 5.1 rule 4):
rem this policy would not be enforced.
reg query "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\GPTIPSECPolicy" >nul 2>&1
if errorlevel 1 goto no_domain_policy
echo rpcwall: a domain IPsec policy applies to this computer and overrides local policies; this policy would not be enforced. Check: netsh ipsec static show gpoassignedpolicy
if not defined RPCWALL_FORCE exit /b 2
echo rpcwall: WARNING: /force given: going on although a domain policy applies.
:no_domain_policy
rem Only one local policy can be assigned; assigning this one unassigns any other
rem (windows-semantics.md 5.1 rule 3). An assigned policy other than this one, as its
rem state last recorded it, stops the script unless /force is given.
reg query "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" /v ActivePolicy >nul 2>&1
if errorlevel 1 goto assigned_checked
reg compare "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned" /v ActivePolicy >nul 2>&1
if not errorlevel 1 goto assigned_checked
echo rpcwall: another IPsec policy is assigned on this computer. Assigning this one would unassign it. Check: netsh ipsec static show policy name=all
if not defined RPCWALL_FORCE exit /b 2
echo rpcwall: WARNING: /force given: the assigned policy will be unassigned (not deleted); the rollback does not assign it again.
reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-before" >nul 2>&1
if not errorlevel 1 goto assigned_checked
reg add "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-before" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-before& goto fail)
rem reg copy without /s copies the key's values only: ActivePolicy names the policy.
reg copy "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-before" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: saving the assigned policy's path in HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-before& goto fail)
:assigned_checked

rem This policy's state on this host, under HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea (Administrators and SYSTEM only):
rem   IpsecComplete      value: "rpcwall/wmi-monitoring-5000-5100-bd1f7cea" is complete (it may be assigned)
rem   IpsecTempAssigned  value: "rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new" is complete and was assigned
rem   ipsec-assigned     the store's values after this policy's last assignment
rem   ipsec-before       the store's values when /force unassigned another policy
rem   rpc-backup      a copy of the RPC settings found before the first run
rem   RpcSaved        value: that copy was made
rem   RpcAbsent       value: instead, there were no RPC settings
set RPCWALL_REAPPLY=
set RPCWALL_TEMP=
reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v IpsecComplete >nul 2>&1 && set RPCWALL_REAPPLY=1
reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v IpsecTempAssigned >nul 2>&1 && set RPCWALL_TEMP=1
if defined RPCWALL_TEMP goto rebuild
if defined RPCWALL_REAPPLY goto reapply

rem First apply: no complete version of this policy is on the host. Objects with its names
rem are what a failed first run left; none of them is assigned (the final policy is only
rem assigned after IpsecComplete is recorded), so they go first.
netsh ipsec static delete policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit" >nul 2>&1
netsh ipsec static delete policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit" >nul 2>&1
netsh ipsec static add policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea" description="rpcwall wmi-monitoring-5000-5100-bd1f7cea" activatedefaultrule=no assign=no
if errorlevel 1 (echo rpcwall: FAILED: add policy rpcwall/wmi-monitoring-5000-5100-bd1f7cea& goto fail)
netsh ipsec static add filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block" action=block
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block& goto fail)
netsh ipsec static add filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 135 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5000 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5000 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5001 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5001 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5002 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5002 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5003 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5003 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5004 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5004 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5005 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5005 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5006 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5006 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5007 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5007 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5008 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5008 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5009 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5009 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5010 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5010 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5011 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5011 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5012 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5012 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5013 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5013 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5014 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5014 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5015 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5015 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5016 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5016 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5017 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5017 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5018 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5018 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5019 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5019 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5020 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5020 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5021 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5021 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5022 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5022 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5023 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5023 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5024 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5024 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5025 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5025 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5026 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5026 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5027 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5027 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5028 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5028 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5029 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5029 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5030 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5030 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5031 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5031 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5032 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5032 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5033 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5033 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5034 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5034 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5035 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5035 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5036 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5036 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5037 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5037 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5038 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5038 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5039 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5039 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5040 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5040 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5041 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5041 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5042 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5042 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5043 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5043 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5044 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5044 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5045 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5045 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5046 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5046 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5047 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5047 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5048 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5048 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5049 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5049 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5050 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5050 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5051 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5051 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5052 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5052 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5053 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5053 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5054 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5054 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5055 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5055 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5056 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5056 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5057 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5057 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5058 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5058 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5059 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5059 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5060 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5060 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5061 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5061 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5062 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5062 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5063 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5063 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5064 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5064 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5065 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5065 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5066 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5066 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5067 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5067 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5068 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5068 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5069 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5069 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5070 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5070 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5071 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5071 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5072 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5072 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5073 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5073 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5074 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5074 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5075 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5075 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5076 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5076 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5077 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5077 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5078 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5078 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5079 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5079 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5080 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5080 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5081 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5081 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5082 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5082 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5083 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5083 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5084 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5084 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5085 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5085 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5086 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5086 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5087 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5087 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5088 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5088 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5089 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5089 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5090 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5090 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5091 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5091 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5092 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5092 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5093 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5093 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5094 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5094 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5095 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5095 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5096 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5096 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5097 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5097 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5098 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5098 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5099 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5099 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5100 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5100 from any& goto fail)
netsh ipsec static add rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-rule" policy="rpcwall/wmi-monitoring-5000-5100-bd1f7cea" filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" filteraction="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-rule& goto fail)
netsh ipsec static add filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit" action=permit
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit& goto fail)
netsh ipsec static add filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 135 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5000 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5000 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5001 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5001 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5002 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5002 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5003 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5003 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5004 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5004 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5005 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5005 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5006 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5006 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5007 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5007 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5008 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5008 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5009 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5009 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5010 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5010 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5011 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5011 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5012 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5012 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5013 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5013 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5014 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5014 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5015 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5015 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5016 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5016 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5017 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5017 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5018 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5018 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5019 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5019 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5020 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5020 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5021 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5021 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5022 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5022 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5023 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5023 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5024 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5024 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5025 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5025 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5026 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5026 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5027 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5027 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5028 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5028 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5029 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5029 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5030 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5030 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5031 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5031 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5032 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5032 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5033 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5033 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5034 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5034 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5035 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5035 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5036 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5036 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5037 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5037 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5038 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5038 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5039 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5039 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5040 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5040 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5041 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5041 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5042 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5042 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5043 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5043 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5044 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5044 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5045 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5045 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5046 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5046 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5047 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5047 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5048 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5048 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5049 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5049 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5050 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5050 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5051 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5051 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5052 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5052 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5053 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5053 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5054 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5054 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5055 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5055 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5056 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5056 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5057 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5057 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5058 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5058 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5059 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5059 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5060 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5060 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5061 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5061 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5062 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5062 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5063 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5063 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5064 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5064 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5065 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5065 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5066 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5066 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5067 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5067 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5068 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5068 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5069 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5069 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5070 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5070 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5071 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5071 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5072 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5072 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5073 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5073 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5074 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5074 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5075 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5075 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5076 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5076 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5077 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5077 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5078 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5078 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5079 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5079 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5080 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5080 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5081 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5081 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5082 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5082 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5083 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5083 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5084 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5084 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5085 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5085 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5086 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5086 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5087 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5087 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5088 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5088 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5089 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5089 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5090 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5090 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5091 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5091 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5092 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5092 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5093 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5093 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5094 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5094 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5095 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5095 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5096 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5096 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5097 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5097 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5098 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5098 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5099 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5099 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5100 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5100 from 10.20.30.40& goto fail)
netsh ipsec static add rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-rule" policy="rpcwall/wmi-monitoring-5000-5100-bd1f7cea" filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" filteraction="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-rule& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v IpsecComplete /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording IpsecComplete in HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea& goto fail)
netsh ipsec static set policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea" assign=yes
if errorlevel 1 (echo rpcwall: FAILED: set policy rpcwall/wmi-monitoring-5000-5100-bd1f7cea assign=yes& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned& goto fail)
reg copy "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned" /f >nul 2>&1
goto applied

:reapply
rem Re-apply: the earlier version stays assigned while this one is built under the
rem temporary name; assigning that unassigns the earlier version in the same step
rem (windows-semantics.md 5.1 rule 3), so a complete version is enforced throughout.
rem Objects with the temporary names are a failed run's, not assigned: they go first.
netsh ipsec static delete policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit" >nul 2>&1
netsh ipsec static add policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new" description="rpcwall wmi-monitoring-5000-5100-bd1f7cea" activatedefaultrule=no assign=no
if errorlevel 1 (echo rpcwall: FAILED: add policy rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new& goto fail)
netsh ipsec static add filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block" action=block
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block& goto fail)
netsh ipsec static add filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 135 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5000 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5000 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5001 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5001 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5002 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5002 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5003 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5003 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5004 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5004 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5005 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5005 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5006 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5006 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5007 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5007 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5008 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5008 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5009 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5009 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5010 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5010 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5011 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5011 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5012 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5012 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5013 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5013 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5014 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5014 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5015 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5015 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5016 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5016 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5017 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5017 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5018 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5018 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5019 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5019 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5020 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5020 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5021 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5021 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5022 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5022 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5023 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5023 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5024 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5024 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5025 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5025 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5026 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5026 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5027 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5027 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5028 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5028 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5029 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5029 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5030 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5030 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5031 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5031 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5032 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5032 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5033 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5033 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5034 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5034 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5035 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5035 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5036 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5036 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5037 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5037 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5038 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5038 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5039 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5039 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5040 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5040 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5041 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5041 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5042 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5042 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5043 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5043 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5044 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5044 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5045 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5045 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5046 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5046 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5047 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5047 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5048 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5048 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5049 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5049 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5050 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5050 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5051 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5051 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5052 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5052 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5053 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5053 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5054 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5054 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5055 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5055 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5056 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5056 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5057 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5057 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5058 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5058 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5059 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5059 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5060 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5060 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5061 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5061 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5062 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5062 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5063 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5063 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5064 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5064 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5065 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5065 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5066 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5066 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5067 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5067 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5068 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5068 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5069 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5069 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5070 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5070 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5071 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5071 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5072 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5072 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5073 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5073 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5074 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5074 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5075 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5075 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5076 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5076 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5077 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5077 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5078 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5078 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5079 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5079 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5080 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5080 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5081 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5081 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5082 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5082 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5083 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5083 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5084 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5084 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5085 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5085 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5086 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5086 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5087 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5087 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5088 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5088 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5089 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5089 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5090 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5090 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5091 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5091 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5092 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5092 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5093 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5093 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5094 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5094 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5095 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5095 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5096 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5096 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5097 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5097 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5098 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5098 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5099 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5099 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5100 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5100 from any& goto fail)
netsh ipsec static add rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-rule" policy="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new" filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" filteraction="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-rule& goto fail)
netsh ipsec static add filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit" action=permit
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit& goto fail)
netsh ipsec static add filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 135 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5000 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5000 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5001 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5001 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5002 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5002 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5003 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5003 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5004 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5004 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5005 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5005 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5006 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5006 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5007 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5007 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5008 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5008 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5009 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5009 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5010 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5010 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5011 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5011 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5012 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5012 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5013 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5013 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5014 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5014 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5015 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5015 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5016 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5016 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5017 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5017 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5018 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5018 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5019 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5019 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5020 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5020 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5021 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5021 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5022 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5022 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5023 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5023 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5024 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5024 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5025 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5025 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5026 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5026 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5027 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5027 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5028 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5028 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5029 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5029 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5030 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5030 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5031 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5031 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5032 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5032 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5033 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5033 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5034 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5034 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5035 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5035 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5036 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5036 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5037 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5037 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5038 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5038 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5039 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5039 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5040 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5040 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5041 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5041 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5042 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5042 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5043 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5043 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5044 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5044 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5045 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5045 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5046 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5046 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5047 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5047 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5048 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5048 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5049 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5049 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5050 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5050 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5051 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5051 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5052 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5052 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5053 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5053 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5054 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5054 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5055 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5055 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5056 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5056 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5057 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5057 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5058 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5058 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5059 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5059 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5060 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5060 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5061 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5061 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5062 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5062 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5063 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5063 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5064 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5064 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5065 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5065 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5066 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5066 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5067 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5067 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5068 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5068 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5069 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5069 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5070 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5070 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5071 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5071 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5072 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5072 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5073 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5073 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5074 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5074 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5075 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5075 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5076 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5076 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5077 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5077 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5078 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5078 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5079 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5079 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5080 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5080 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5081 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5081 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5082 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5082 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5083 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5083 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5084 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5084 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5085 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5085 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5086 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5086 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5087 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5087 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5088 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5088 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5089 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5089 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5090 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5090 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5091 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5091 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5092 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5092 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5093 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5093 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5094 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5094 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5095 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5095 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5096 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5096 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5097 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5097 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5098 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5098 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5099 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5099 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5100 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5100 from 10.20.30.40& goto fail)
netsh ipsec static add rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-rule" policy="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new" filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" filteraction="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-rule& goto fail)
netsh ipsec static set policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new" assign=yes
if errorlevel 1 (echo rpcwall: FAILED: set policy rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new assign=yes& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned& goto fail)
reg copy "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v IpsecTempAssigned /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording IpsecTempAssigned in HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea& goto fail)

:rebuild
rem The temporary version is assigned: the final names are free to be built again.
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v IpsecComplete /f >nul 2>&1
netsh ipsec static delete policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit" >nul 2>&1
netsh ipsec static add policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea" description="rpcwall wmi-monitoring-5000-5100-bd1f7cea" activatedefaultrule=no assign=no
if errorlevel 1 (echo rpcwall: FAILED: add policy rpcwall/wmi-monitoring-5000-5100-bd1f7cea& goto fail)
netsh ipsec static add filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block" action=block
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block& goto fail)
netsh ipsec static add filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 135 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5000 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5000 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5001 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5001 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5002 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5002 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5003 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5003 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5004 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5004 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5005 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5005 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5006 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5006 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5007 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5007 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5008 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5008 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5009 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5009 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5010 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5010 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5011 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5011 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5012 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5012 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5013 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5013 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5014 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5014 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5015 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5015 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5016 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5016 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5017 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5017 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5018 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5018 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5019 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5019 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5020 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5020 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5021 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5021 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5022 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5022 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5023 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5023 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5024 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5024 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5025 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5025 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5026 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5026 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5027 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5027 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5028 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5028 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5029 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5029 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5030 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5030 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5031 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5031 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5032 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5032 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5033 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5033 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5034 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5034 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5035 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5035 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5036 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5036 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5037 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5037 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5038 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5038 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5039 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5039 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5040 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5040 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5041 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5041 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5042 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5042 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5043 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5043 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5044 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5044 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5045 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5045 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5046 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5046 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5047 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5047 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5048 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5048 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5049 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5049 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5050 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5050 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5051 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5051 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5052 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5052 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5053 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5053 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5054 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5054 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5055 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5055 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5056 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5056 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5057 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5057 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5058 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5058 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5059 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5059 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5060 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5060 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5061 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5061 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5062 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5062 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5063 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5063 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5064 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5064 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5065 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5065 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5066 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5066 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5067 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5067 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5068 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5068 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5069 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5069 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5070 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5070 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5071 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5071 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5072 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5072 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5073 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5073 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5074 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5074 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5075 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5075 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5076 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5076 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5077 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5077 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5078 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5078 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5079 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5079 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5080 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5080 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5081 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5081 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5082 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5082 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5083 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5083 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5084 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5084 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5085 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5085 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5086 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5086 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5087 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5087 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5088 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5088 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5089 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5089 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5090 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5090 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5091 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5091 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5092 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5092 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5093 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5093 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5094 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5094 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5095 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5095 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5096 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5096 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5097 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5097 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5098 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5098 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5099 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5099 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5100 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5100 from any& goto fail)
netsh ipsec static add rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-rule" policy="rpcwall/wmi-monitoring-5000-5100-bd1f7cea" filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-list" filteraction="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/wmi-monitoring-5000-5100-bd1f7cea/block-rule& goto fail)
netsh ipsec static add filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit" action=permit
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit& goto fail)
netsh ipsec static add filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 135 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5000 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5000 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5001 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5001 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5002 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5002 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5003 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5003 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5004 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5004 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5005 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5005 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5006 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5006 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5007 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5007 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5008 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5008 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5009 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5009 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5010 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5010 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5011 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5011 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5012 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5012 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5013 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5013 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5014 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5014 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5015 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5015 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5016 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5016 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5017 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5017 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5018 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5018 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5019 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5019 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5020 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5020 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5021 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5021 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5022 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5022 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5023 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5023 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5024 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5024 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5025 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5025 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5026 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5026 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5027 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5027 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5028 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5028 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5029 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5029 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5030 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5030 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5031 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5031 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5032 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5032 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5033 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5033 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5034 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5034 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5035 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5035 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5036 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5036 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5037 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5037 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5038 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5038 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5039 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5039 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5040 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5040 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5041 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5041 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5042 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5042 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5043 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5043 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5044 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5044 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5045 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5045 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5046 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5046 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5047 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5047 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5048 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5048 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5049 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5049 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5050 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5050 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5051 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5051 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5052 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5052 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5053 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5053 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5054 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5054 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5055 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5055 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5056 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5056 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5057 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5057 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5058 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5058 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5059 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5059 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5060 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5060 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5061 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5061 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5062 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5062 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5063 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5063 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5064 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5064 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5065 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5065 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5066 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5066 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5067 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5067 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5068 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5068 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5069 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5069 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5070 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5070 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5071 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5071 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5072 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5072 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5073 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5073 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5074 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5074 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5075 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5075 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5076 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5076 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5077 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5077 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5078 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5078 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5079 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5079 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5080 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5080 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5081 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5081 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5082 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5082 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5083 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5083 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5084 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5084 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5085 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5085 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5086 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5086 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5087 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5087 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5088 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5088 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5089 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5089 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5090 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5090 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5091 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5091 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5092 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5092 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5093 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5093 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5094 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5094 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5095 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5095 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5096 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5096 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5097 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5097 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5098 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5098 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5099 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5099 from 10.20.30.40& goto fail)
netsh ipsec static add filter filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" srcaddr=10.20.30.40 srcmask=255.255.255.255 dstaddr=me protocol=TCP srcport=0 dstport=5100 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5100 from 10.20.30.40& goto fail)
netsh ipsec static add rule name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-rule" policy="rpcwall/wmi-monitoring-5000-5100-bd1f7cea" filterlist="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-list" filteraction="rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/wmi-monitoring-5000-5100-bd1f7cea/permit-rule& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v IpsecComplete /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording IpsecComplete in HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea& goto fail)
netsh ipsec static set policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea" assign=yes
if errorlevel 1 (echo rpcwall: FAILED: set policy rpcwall/wmi-monitoring-5000-5100-bd1f7cea assign=yes& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned& goto fail)
reg copy "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\ipsec-assigned" /f >nul 2>&1
rem The final version is assigned: the temporary one is no longer needed.
netsh ipsec static delete policy name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new" >nul
if errorlevel 1 (echo rpcwall: FAILED: delete policy rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new& goto fail)
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/wmi-monitoring-5000-5100-bd1f7cea~new/permit" >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v IpsecTempAssigned /f >nul
if errorlevel 1 (echo rpcwall: FAILED: deleting IpsecTempAssigned in HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea& goto fail)

:applied

rem RPC dynamic port range (HKLM\SOFTWARE\Microsoft\Rpc\Internet, KB154596).
rem Save the settings found before the first run, for the rollback script; a
rem later run keeps that first copy. The copy stays in the registry, so the
rem rollback never imports a file.
reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v RpcSaved >nul 2>&1
if not errorlevel 1 goto rpc_saved
reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v RpcAbsent >nul 2>&1
if not errorlevel 1 goto rpc_saved
reg query "HKLM\SOFTWARE\Microsoft\Rpc\Internet" >nul 2>&1
if errorlevel 1 goto rpc_absent
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup& goto fail)
reg copy "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup" /s /f >nul
if errorlevel 1 (echo rpcwall: FAILED: copying the RPC settings to HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-backup& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v RpcSaved /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording RpcSaved& goto fail)
goto rpc_saved
:rpc_absent
reg add "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v RpcAbsent /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording RpcAbsent& goto fail)
:rpc_saved
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v Ports /t REG_MULTI_SZ /d "5000-5100" /f
if errorlevel 1 (echo rpcwall: FAILED: reg add Ports& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v PortsInternetAvailable /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add PortsInternetAvailable& goto fail)
reg add "HKLM\SOFTWARE\Microsoft\Rpc\Internet" /v UseInternetPorts /t REG_SZ /d Y /f
if errorlevel 1 (echo rpcwall: FAILED: reg add UseInternetPorts& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-written" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-written" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-written& goto fail)
reg copy "HKLM\SOFTWARE\Microsoft\Rpc\Internet" "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-written" /s /f >nul
if errorlevel 1 (echo rpcwall: FAILED: copying the RPC settings to HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea\rpc-written& goto fail)

rem This version does not set WMI's fixed port: put WMI back where it was before an
rem earlier version moved it, unless another policy still sets the fixed port.
reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v WmiSaved >nul 2>&1
if errorlevel 1 goto wmi_done
set "RPCWALL_WMI_WAS="
for /f "delims=" %%L in ('reg query "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v WmiSaved 2^>nul ^| findstr /i /r /c:"REG_SZ  *shared"') do set "RPCWALL_WMI_WAS=1"
if not defined RPCWALL_WMI_WAS goto wmi_forget
reg add "HKLM\SOFTWARE\rpcwall" /v WmiShared /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording WmiShared& goto fail)
:wmi_forget
reg delete "HKLM\SOFTWARE\rpcwall\wmi-monitoring-5000-5100-bd1f7cea" /v WmiSaved /f >nul
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

echo rpcwall: IPsec policy "rpcwall/wmi-monitoring-5000-5100-bd1f7cea" assigned: 204 filters.
echo rpcwall: restart the computer: the RPC dynamic port range takes effect only after a restart.
exit /b 0

:fail
echo rpcwall: stopped at the first failure; the host may be partly changed. Run this script again to finish, or wmi-monitoring-5000-5100-netsh-ipsec-rollback.cmd to undo.
exit /b 1
