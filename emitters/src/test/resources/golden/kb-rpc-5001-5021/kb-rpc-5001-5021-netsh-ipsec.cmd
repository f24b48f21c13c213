@echo off
rem rpcwall netsh ipsec static apply script for policy "KB RPC 5001-5021"
rem Description: "Endpoint mapper and RPC 5001-5021 only from the admin subnet"
rem For Windows Server 2003 (netsh ipsec static, windows-semantics.md 5.1).
rem Source: "examples/kb-rpc-5001-5021.rpcwall"
rem Source SHA-256: "f405e6fc1e14413bebe95720cab6b3ab9d2cb0b19f9f5678ada26aff40ded098"
rem rpcwall version: "0.1.0"
rem IPv6: left out (--ipv4-only); legacy IPsec filters IPv4 only, so this script does not enforce the policy's IPv6 part.
rem Filters: 44 (22 permit, 22 block), inbound to this computer, one port each, unmirrored; the most specific filter decides (windows-semantics.md 5.5).
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undo with kb-rpc-5001-5021-netsh-ipsec-rollback.cmd.
rem Usage: kb-rpc-5001-5021-netsh-ipsec.cmd [/force]
setlocal EnableExtensions DisableDelayedExpansion

rem 'fltmc' succeeds only in an elevated prompt.
fltmc >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
set RPCWALL_FORCE=
if /i "%~1"=="/force" set RPCWALL_FORCE=1
echo rpcwall: applying policy "KB RPC 5001-5021" as IPsec policy "rpcwall/kb-rpc-5001-5021-10a0bf28"

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
reg compare "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-assigned" /v ActivePolicy >nul 2>&1
if not errorlevel 1 goto assigned_checked
echo rpcwall: another IPsec policy is assigned on this computer. Assigning this one would unassign it. Check: netsh ipsec static show policy name=all
if not defined RPCWALL_FORCE exit /b 2
echo rpcwall: WARNING: /force given: the assigned policy will be unassigned (not deleted); the rollback does not assign it again.
reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-before" >nul 2>&1
if not errorlevel 1 goto assigned_checked
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-before" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-before& goto fail)
rem reg copy without /s copies the key's values only: ActivePolicy names the policy.
reg copy "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-before" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: saving the assigned policy's path in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-before& goto fail)
:assigned_checked

rem This policy's state on this host, under HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28 (Administrators and SYSTEM only):
rem   IpsecComplete      value: "rpcwall/kb-rpc-5001-5021-10a0bf28" is complete (it may be assigned)
rem   IpsecTempAssigned  value: "rpcwall/kb-rpc-5001-5021-10a0bf28~new" is complete and was assigned
rem   ipsec-assigned     the store's values after this policy's last assignment
rem   ipsec-before       the store's values when /force unassigned another policy
rem   rpc-backup      a copy of the RPC settings found before the first run
rem   RpcSaved        value: that copy was made
rem   RpcAbsent       value: instead, there were no RPC settings
set RPCWALL_REAPPLY=
set RPCWALL_TEMP=
reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v IpsecComplete >nul 2>&1 && set RPCWALL_REAPPLY=1
reg query "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v IpsecTempAssigned >nul 2>&1 && set RPCWALL_TEMP=1
if defined RPCWALL_TEMP goto rebuild
if defined RPCWALL_REAPPLY goto reapply

rem First apply: no complete version of this policy is on the host. Objects with its names
rem are what a failed first run left; none of them is assigned (the final policy is only
rem assigned after IpsecComplete is recorded), so they go first.
netsh ipsec static delete policy name="rpcwall/kb-rpc-5001-5021-10a0bf28" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28/permit" >nul 2>&1
netsh ipsec static delete policy name="rpcwall/kb-rpc-5001-5021-10a0bf28~new" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit" >nul 2>&1
netsh ipsec static add policy name="rpcwall/kb-rpc-5001-5021-10a0bf28" description="rpcwall kb-rpc-5001-5021-10a0bf28" activatedefaultrule=no assign=no
if errorlevel 1 (echo rpcwall: FAILED: add policy rpcwall/kb-rpc-5001-5021-10a0bf28& goto fail)
netsh ipsec static add filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28/block" action=block
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/kb-rpc-5001-5021-10a0bf28/block& goto fail)
netsh ipsec static add filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/kb-rpc-5001-5021-10a0bf28/block-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 135 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5001 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5001 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5002 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5002 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5003 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5003 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5004 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5004 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5005 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5005 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5006 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5006 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5007 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5007 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5008 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5008 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5009 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5009 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5010 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5010 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5011 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5011 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5012 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5012 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5013 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5013 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5014 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5014 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5015 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5015 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5016 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5016 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5017 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5017 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5018 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5018 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5019 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5019 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5020 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5020 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5021 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5021 from any& goto fail)
netsh ipsec static add rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/block-rule" policy="rpcwall/kb-rpc-5001-5021-10a0bf28" filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" filteraction="rpcwall/kb-rpc-5001-5021-10a0bf28/block" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/kb-rpc-5001-5021-10a0bf28/block-rule& goto fail)
netsh ipsec static add filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28/permit" action=permit
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/kb-rpc-5001-5021-10a0bf28/permit& goto fail)
netsh ipsec static add filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 135 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5001 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5001 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5002 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5002 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5003 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5003 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5004 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5004 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5005 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5005 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5006 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5006 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5007 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5007 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5008 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5008 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5009 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5009 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5010 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5010 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5011 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5011 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5012 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5012 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5013 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5013 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5014 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5014 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5015 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5015 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5016 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5016 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5017 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5017 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5018 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5018 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5019 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5019 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5020 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5020 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5021 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5021 from 10.1.1.0/24& goto fail)
netsh ipsec static add rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-rule" policy="rpcwall/kb-rpc-5001-5021-10a0bf28" filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" filteraction="rpcwall/kb-rpc-5001-5021-10a0bf28/permit" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/kb-rpc-5001-5021-10a0bf28/permit-rule& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v IpsecComplete /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording IpsecComplete in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28& goto fail)
netsh ipsec static set policy name="rpcwall/kb-rpc-5001-5021-10a0bf28" assign=yes
if errorlevel 1 (echo rpcwall: FAILED: set policy rpcwall/kb-rpc-5001-5021-10a0bf28 assign=yes& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-assigned" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-assigned" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-assigned& goto fail)
reg copy "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-assigned" /f >nul 2>&1
goto applied

:reapply
rem Re-apply: the earlier version stays assigned while this one is built under the
rem temporary name; assigning that unassigns the earlier version in the same step
rem (windows-semantics.md 5.1 rule 3), so a complete version is enforced throughout.
rem Objects with the temporary names are a failed run's, not assigned: they go first.
netsh ipsec static delete policy name="rpcwall/kb-rpc-5001-5021-10a0bf28~new" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit" >nul 2>&1
netsh ipsec static add policy name="rpcwall/kb-rpc-5001-5021-10a0bf28~new" description="rpcwall kb-rpc-5001-5021-10a0bf28" activatedefaultrule=no assign=no
if errorlevel 1 (echo rpcwall: FAILED: add policy rpcwall/kb-rpc-5001-5021-10a0bf28~new& goto fail)
netsh ipsec static add filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block" action=block
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/kb-rpc-5001-5021-10a0bf28~new/block& goto fail)
netsh ipsec static add filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 135 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5001 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5001 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5002 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5002 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5003 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5003 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5004 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5004 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5005 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5005 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5006 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5006 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5007 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5007 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5008 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5008 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5009 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5009 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5010 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5010 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5011 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5011 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5012 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5012 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5013 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5013 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5014 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5014 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5015 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5015 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5016 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5016 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5017 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5017 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5018 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5018 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5019 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5019 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5020 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5020 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5021 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5021 from any& goto fail)
netsh ipsec static add rule name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-rule" policy="rpcwall/kb-rpc-5001-5021-10a0bf28~new" filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" filteraction="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-rule& goto fail)
netsh ipsec static add filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit" action=permit
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit& goto fail)
netsh ipsec static add filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 135 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5001 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5001 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5002 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5002 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5003 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5003 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5004 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5004 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5005 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5005 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5006 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5006 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5007 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5007 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5008 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5008 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5009 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5009 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5010 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5010 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5011 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5011 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5012 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5012 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5013 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5013 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5014 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5014 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5015 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5015 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5016 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5016 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5017 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5017 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5018 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5018 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5019 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5019 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5020 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5020 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5021 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5021 from 10.1.1.0/24& goto fail)
netsh ipsec static add rule name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-rule" policy="rpcwall/kb-rpc-5001-5021-10a0bf28~new" filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" filteraction="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-rule& goto fail)
netsh ipsec static set policy name="rpcwall/kb-rpc-5001-5021-10a0bf28~new" assign=yes
if errorlevel 1 (echo rpcwall: FAILED: set policy rpcwall/kb-rpc-5001-5021-10a0bf28~new assign=yes& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-assigned" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-assigned" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-assigned& goto fail)
reg copy "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-assigned" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v IpsecTempAssigned /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording IpsecTempAssigned in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28& goto fail)

:rebuild
rem The temporary version is assigned: the final names are free to be built again.
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v IpsecComplete /f >nul 2>&1
netsh ipsec static delete policy name="rpcwall/kb-rpc-5001-5021-10a0bf28" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28/permit" >nul 2>&1
netsh ipsec static add policy name="rpcwall/kb-rpc-5001-5021-10a0bf28" description="rpcwall kb-rpc-5001-5021-10a0bf28" activatedefaultrule=no assign=no
if errorlevel 1 (echo rpcwall: FAILED: add policy rpcwall/kb-rpc-5001-5021-10a0bf28& goto fail)
netsh ipsec static add filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28/block" action=block
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/kb-rpc-5001-5021-10a0bf28/block& goto fail)
netsh ipsec static add filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/kb-rpc-5001-5021-10a0bf28/block-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 135 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5001 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5001 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5002 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5002 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5003 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5003 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5004 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5004 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5005 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5005 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5006 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5006 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5007 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5007 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5008 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5008 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5009 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5009 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5010 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5010 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5011 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5011 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5012 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5012 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5013 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5013 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5014 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5014 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5015 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5015 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5016 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5016 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5017 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5017 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5018 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5018 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5019 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5019 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5020 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5020 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=5021 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 5021 from any& goto fail)
netsh ipsec static add rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/block-rule" policy="rpcwall/kb-rpc-5001-5021-10a0bf28" filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/block-list" filteraction="rpcwall/kb-rpc-5001-5021-10a0bf28/block" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/kb-rpc-5001-5021-10a0bf28/block-rule& goto fail)
netsh ipsec static add filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28/permit" action=permit
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/kb-rpc-5001-5021-10a0bf28/permit& goto fail)
netsh ipsec static add filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 135 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5001 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5001 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5002 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5002 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5003 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5003 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5004 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5004 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5005 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5005 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5006 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5006 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5007 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5007 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5008 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5008 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5009 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5009 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5010 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5010 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5011 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5011 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5012 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5012 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5013 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5013 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5014 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5014 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5015 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5015 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5016 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5016 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5017 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5017 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5018 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5018 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5019 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5019 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5020 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5020 from 10.1.1.0/24& goto fail)
netsh ipsec static add filter filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" srcaddr=10.1.1.0 srcmask=255.255.255.0 dstaddr=me protocol=TCP srcport=0 dstport=5021 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 5021 from 10.1.1.0/24& goto fail)
netsh ipsec static add rule name="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-rule" policy="rpcwall/kb-rpc-5001-5021-10a0bf28" filterlist="rpcwall/kb-rpc-5001-5021-10a0bf28/permit-list" filteraction="rpcwall/kb-rpc-5001-5021-10a0bf28/permit" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/kb-rpc-5001-5021-10a0bf28/permit-rule& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v IpsecComplete /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording IpsecComplete in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28& goto fail)
netsh ipsec static set policy name="rpcwall/kb-rpc-5001-5021-10a0bf28" assign=yes
if errorlevel 1 (echo rpcwall: FAILED: set policy rpcwall/kb-rpc-5001-5021-10a0bf28 assign=yes& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-assigned" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-assigned" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-assigned& goto fail)
reg copy "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28\ipsec-assigned" /f >nul 2>&1
rem The final version is assigned: the temporary one is no longer needed.
netsh ipsec static delete policy name="rpcwall/kb-rpc-5001-5021-10a0bf28~new" >nul
if errorlevel 1 (echo rpcwall: FAILED: delete policy rpcwall/kb-rpc-5001-5021-10a0bf28~new& goto fail)
netsh ipsec static delete filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/kb-rpc-5001-5021-10a0bf28~new/permit" >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28" /v IpsecTempAssigned /f >nul
if errorlevel 1 (echo rpcwall: FAILED: deleting IpsecTempAssigned in HKLM\SOFTWARE\rpcwall\kb-rpc-5001-5021-10a0bf28& goto fail)

:applied

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

echo rpcwall: IPsec policy "rpcwall/kb-rpc-5001-5021-10a0bf28" assigned: 44 filters.
echo rpcwall: restart the computer: the RPC dynamic port range takes effect only after a restart.
exit /b 0

:fail
echo rpcwall: stopped at the first failure; the host may be partly changed. Run this script again to finish, or kb-rpc-5001-5021-netsh-ipsec-rollback.cmd to undo.
exit /b 1
