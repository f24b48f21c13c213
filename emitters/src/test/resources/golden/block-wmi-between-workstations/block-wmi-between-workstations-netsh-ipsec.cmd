@echo off
rem rpcwall netsh ipsec static apply script for policy "Block WMI between workstations"
rem Description: "WMI on 24158 only from admin servers and domain controllers"
rem For Windows Server 2003 (netsh ipsec static, windows-semantics.md 5.1).
rem Source: "examples/block-wmi-between-workstations.rpcwall"
rem Source SHA-256: "f660861138da2b8cbbdbc73f09f5b41e279d1fcb16cccb1104eeafb144a43c08"
rem rpcwall version: "0.1.0"
rem IPv6: left out (--ipv4-only); legacy IPsec filters IPv4 only, so this script does not enforce the policy's IPv6 part.
rem Filters: 6 (4 permit, 2 block), inbound to this computer, one port each, unmirrored; the most specific filter decides (windows-semantics.md 5.5).
rem Run as Administrator. Every command is checked; the first failure stops the script.
rem Undo with block-wmi-between-workstations-netsh-ipsec-rollback.cmd.
rem Usage: block-wmi-between-workstations-netsh-ipsec.cmd [/force]
setlocal EnableExtensions DisableDelayedExpansion

rem 'fltmc' succeeds only in an elevated prompt.
fltmc >nul 2>&1
if errorlevel 1 (echo rpcwall: run this script as Administrator.& exit /b 1)
set RPCWALL_FORCE=
if /i "%~1"=="/force" set RPCWALL_FORCE=1
echo rpcwall: applying policy "Block WMI between workstations" as IPsec policy "rpcwall/block-wmi-between-workstations-a852b6f3"

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
reg compare "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned" /v ActivePolicy >nul 2>&1
if not errorlevel 1 goto assigned_checked
echo rpcwall: another IPsec policy is assigned on this computer. Assigning this one would unassign it. Check: netsh ipsec static show policy name=all
if not defined RPCWALL_FORCE exit /b 2
echo rpcwall: WARNING: /force given: the assigned policy will be unassigned (not deleted); the rollback does not assign it again.
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-before" >nul 2>&1
if not errorlevel 1 goto assigned_checked
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-before" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-before& goto fail)
rem reg copy without /s copies the key's values only: ActivePolicy names the policy.
reg copy "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-before" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: saving the assigned policy's path in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-before& goto fail)
:assigned_checked

rem This policy's state on this host, under HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3 (Administrators and SYSTEM only):
rem   IpsecComplete      value: "rpcwall/block-wmi-between-workstations-a852b6f3" is complete (it may be assigned)
rem   IpsecTempAssigned  value: "rpcwall/block-wmi-between-workstations-a852b6f3~new" is complete and was assigned
rem   ipsec-assigned     the store's values after this policy's last assignment
rem   ipsec-before       the store's values when /force unassigned another policy
set RPCWALL_REAPPLY=
set RPCWALL_TEMP=
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecComplete >nul 2>&1 && set RPCWALL_REAPPLY=1
reg query "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecTempAssigned >nul 2>&1 && set RPCWALL_TEMP=1
if defined RPCWALL_TEMP goto rebuild
if defined RPCWALL_REAPPLY goto reapply

rem First apply: no complete version of this policy is on the host. Objects with its names
rem are what a failed first run left; none of them is assigned (the final policy is only
rem assigned after IpsecComplete is recorded), so they go first.
netsh ipsec static delete policy name="rpcwall/block-wmi-between-workstations-a852b6f3" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3/permit" >nul 2>&1
netsh ipsec static delete policy name="rpcwall/block-wmi-between-workstations-a852b6f3~new" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit" >nul 2>&1
netsh ipsec static add policy name="rpcwall/block-wmi-between-workstations-a852b6f3" description="rpcwall block-wmi-between-workstations-a852b6f3" activatedefaultrule=no assign=no
if errorlevel 1 (echo rpcwall: FAILED: add policy rpcwall/block-wmi-between-workstations-a852b6f3& goto fail)
netsh ipsec static add filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3/block" action=block
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/block-wmi-between-workstations-a852b6f3/block& goto fail)
netsh ipsec static add filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3/block-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/block-wmi-between-workstations-a852b6f3/block-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 135 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=24158 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 24158 from any& goto fail)
netsh ipsec static add rule name="rpcwall/block-wmi-between-workstations-a852b6f3/block-rule" policy="rpcwall/block-wmi-between-workstations-a852b6f3" filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/block-list" filteraction="rpcwall/block-wmi-between-workstations-a852b6f3/block" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/block-wmi-between-workstations-a852b6f3/block-rule& goto fail)
netsh ipsec static add filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3/permit" action=permit
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/block-wmi-between-workstations-a852b6f3/permit& goto fail)
netsh ipsec static add filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/block-wmi-between-workstations-a852b6f3/permit-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list" srcaddr=10.0.10.0 srcmask=255.255.255.240 dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 135 from 10.0.10.0/28& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list" srcaddr=10.0.0.10 srcmask=255.255.255.254 dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 135 from 10.0.0.10/31& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list" srcaddr=10.0.10.0 srcmask=255.255.255.240 dstaddr=me protocol=TCP srcport=0 dstport=24158 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 24158 from 10.0.10.0/28& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list" srcaddr=10.0.0.10 srcmask=255.255.255.254 dstaddr=me protocol=TCP srcport=0 dstport=24158 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 24158 from 10.0.0.10/31& goto fail)
netsh ipsec static add rule name="rpcwall/block-wmi-between-workstations-a852b6f3/permit-rule" policy="rpcwall/block-wmi-between-workstations-a852b6f3" filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list" filteraction="rpcwall/block-wmi-between-workstations-a852b6f3/permit" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/block-wmi-between-workstations-a852b6f3/permit-rule& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecComplete /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording IpsecComplete in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3& goto fail)
netsh ipsec static set policy name="rpcwall/block-wmi-between-workstations-a852b6f3" assign=yes
if errorlevel 1 (echo rpcwall: FAILED: set policy rpcwall/block-wmi-between-workstations-a852b6f3 assign=yes& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned& goto fail)
reg copy "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned" /f >nul 2>&1
goto applied

:reapply
rem Re-apply: the earlier version stays assigned while this one is built under the
rem temporary name; assigning that unassigns the earlier version in the same step
rem (windows-semantics.md 5.1 rule 3), so a complete version is enforced throughout.
rem Objects with the temporary names are a failed run's, not assigned: they go first.
netsh ipsec static delete policy name="rpcwall/block-wmi-between-workstations-a852b6f3~new" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit" >nul 2>&1
netsh ipsec static add policy name="rpcwall/block-wmi-between-workstations-a852b6f3~new" description="rpcwall block-wmi-between-workstations-a852b6f3" activatedefaultrule=no assign=no
if errorlevel 1 (echo rpcwall: FAILED: add policy rpcwall/block-wmi-between-workstations-a852b6f3~new& goto fail)
netsh ipsec static add filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block" action=block
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/block-wmi-between-workstations-a852b6f3~new/block& goto fail)
netsh ipsec static add filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/block-wmi-between-workstations-a852b6f3~new/block-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 135 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3~new/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=24158 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 24158 from any& goto fail)
netsh ipsec static add rule name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block-rule" policy="rpcwall/block-wmi-between-workstations-a852b6f3~new" filterlist="rpcwall/block-wmi-between-workstations-a852b6f3~new/block-list" filteraction="rpcwall/block-wmi-between-workstations-a852b6f3~new/block" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/block-wmi-between-workstations-a852b6f3~new/block-rule& goto fail)
netsh ipsec static add filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit" action=permit
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/block-wmi-between-workstations-a852b6f3~new/permit& goto fail)
netsh ipsec static add filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/block-wmi-between-workstations-a852b6f3~new/permit-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit-list" srcaddr=10.0.10.0 srcmask=255.255.255.240 dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 135 from 10.0.10.0/28& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit-list" srcaddr=10.0.0.10 srcmask=255.255.255.254 dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 135 from 10.0.0.10/31& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit-list" srcaddr=10.0.10.0 srcmask=255.255.255.240 dstaddr=me protocol=TCP srcport=0 dstport=24158 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 24158 from 10.0.10.0/28& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit-list" srcaddr=10.0.0.10 srcmask=255.255.255.254 dstaddr=me protocol=TCP srcport=0 dstport=24158 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 24158 from 10.0.0.10/31& goto fail)
netsh ipsec static add rule name="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit-rule" policy="rpcwall/block-wmi-between-workstations-a852b6f3~new" filterlist="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit-list" filteraction="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/block-wmi-between-workstations-a852b6f3~new/permit-rule& goto fail)
netsh ipsec static set policy name="rpcwall/block-wmi-between-workstations-a852b6f3~new" assign=yes
if errorlevel 1 (echo rpcwall: FAILED: set policy rpcwall/block-wmi-between-workstations-a852b6f3~new assign=yes& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned& goto fail)
reg copy "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecTempAssigned /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording IpsecTempAssigned in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3& goto fail)

:rebuild
rem The temporary version is assigned: the final names are free to be built again.
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecComplete /f >nul 2>&1
netsh ipsec static delete policy name="rpcwall/block-wmi-between-workstations-a852b6f3" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3/permit" >nul 2>&1
netsh ipsec static add policy name="rpcwall/block-wmi-between-workstations-a852b6f3" description="rpcwall block-wmi-between-workstations-a852b6f3" activatedefaultrule=no assign=no
if errorlevel 1 (echo rpcwall: FAILED: add policy rpcwall/block-wmi-between-workstations-a852b6f3& goto fail)
netsh ipsec static add filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3/block" action=block
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/block-wmi-between-workstations-a852b6f3/block& goto fail)
netsh ipsec static add filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3/block-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/block-wmi-between-workstations-a852b6f3/block-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 135 from any& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/block-list" srcaddr=any dstaddr=me protocol=TCP srcport=0 dstport=24158 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter block TCP port 24158 from any& goto fail)
netsh ipsec static add rule name="rpcwall/block-wmi-between-workstations-a852b6f3/block-rule" policy="rpcwall/block-wmi-between-workstations-a852b6f3" filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/block-list" filteraction="rpcwall/block-wmi-between-workstations-a852b6f3/block" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/block-wmi-between-workstations-a852b6f3/block-rule& goto fail)
netsh ipsec static add filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3/permit" action=permit
if errorlevel 1 (echo rpcwall: FAILED: add filteraction rpcwall/block-wmi-between-workstations-a852b6f3/permit& goto fail)
netsh ipsec static add filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list"
if errorlevel 1 (echo rpcwall: FAILED: add filterlist rpcwall/block-wmi-between-workstations-a852b6f3/permit-list& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list" srcaddr=10.0.10.0 srcmask=255.255.255.240 dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 135 from 10.0.10.0/28& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list" srcaddr=10.0.0.10 srcmask=255.255.255.254 dstaddr=me protocol=TCP srcport=0 dstport=135 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 135 from 10.0.0.10/31& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list" srcaddr=10.0.10.0 srcmask=255.255.255.240 dstaddr=me protocol=TCP srcport=0 dstport=24158 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 24158 from 10.0.10.0/28& goto fail)
netsh ipsec static add filter filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list" srcaddr=10.0.0.10 srcmask=255.255.255.254 dstaddr=me protocol=TCP srcport=0 dstport=24158 mirrored=no
if errorlevel 1 (echo rpcwall: FAILED: add filter permit TCP port 24158 from 10.0.0.10/31& goto fail)
netsh ipsec static add rule name="rpcwall/block-wmi-between-workstations-a852b6f3/permit-rule" policy="rpcwall/block-wmi-between-workstations-a852b6f3" filterlist="rpcwall/block-wmi-between-workstations-a852b6f3/permit-list" filteraction="rpcwall/block-wmi-between-workstations-a852b6f3/permit" conntype=all activate=yes
if errorlevel 1 (echo rpcwall: FAILED: add rule rpcwall/block-wmi-between-workstations-a852b6f3/permit-rule& goto fail)
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecComplete /t REG_DWORD /d 1 /f >nul
if errorlevel 1 (echo rpcwall: FAILED: recording IpsecComplete in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3& goto fail)
netsh ipsec static set policy name="rpcwall/block-wmi-between-workstations-a852b6f3" assign=yes
if errorlevel 1 (echo rpcwall: FAILED: set policy rpcwall/block-wmi-between-workstations-a852b6f3 assign=yes& goto fail)
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned" /f >nul 2>&1
reg add "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned" /f >nul
if errorlevel 1 (echo rpcwall: FAILED: creating HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned& goto fail)
reg copy "HKLM\SOFTWARE\Policies\Microsoft\Windows\IPSec\Policy\Local" "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3\ipsec-assigned" /f >nul 2>&1
rem The final version is assigned: the temporary one is no longer needed.
netsh ipsec static delete policy name="rpcwall/block-wmi-between-workstations-a852b6f3~new" >nul
if errorlevel 1 (echo rpcwall: FAILED: delete policy rpcwall/block-wmi-between-workstations-a852b6f3~new& goto fail)
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3~new/block" >nul 2>&1
netsh ipsec static delete filterlist name="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit-list" >nul 2>&1
netsh ipsec static delete filteraction name="rpcwall/block-wmi-between-workstations-a852b6f3~new/permit" >nul 2>&1
reg delete "HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3" /v IpsecTempAssigned /f >nul
if errorlevel 1 (echo rpcwall: FAILED: deleting IpsecTempAssigned in HKLM\SOFTWARE\rpcwall\block-wmi-between-workstations-a852b6f3& goto fail)

:applied

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

echo rpcwall: IPsec policy "rpcwall/block-wmi-between-workstations-a852b6f3" assigned: 6 filters.
echo rpcwall: 'net stop winmgmt /y' also stopped the services that depend on WMI; this script does not start them again.
echo rpcwall: restart the computer to start them.
exit /b 0

:fail
echo rpcwall: stopped at the first failure; the host may be partly changed. Run this script again to finish, or block-wmi-between-workstations-netsh-ipsec-rollback.cmd to undo.
exit /b 1
