# Policy stores and GPO sessions (LF, UTF-8 with BOM)
New-NetFirewallRule -Name Local1 -DisplayName 'Local one' -PolicyStore PersistentStore -Protocol TCP -LocalPort 135
New-NetFirewallRule -Name Local2 -DisplayName 'Local two' -PolicyStore localhost -Protocol TCP -LocalPort 445
New-NetFirewallRule -Name Gpo1 -DisplayName 'GPO one' -PolicyStore 'corp.example.com\Firewall Baseline' -Protocol TCP -LocalPort 135 -Action Block
$gpo = Open-NetGPO -PolicyStore 'corp.example.com\Firewall Baseline'
New-NetFirewallRule -Name Local1 -DisplayName 'Same name in the GPO' -GPOSession $gpo -Protocol TCP -LocalPort 5985
Save-NetGPO -GPOSession $gpo
Remove-NetFirewallRule -Name Local2 -GPOSession $gpo
Disable-NetFirewallRule -Name Gpo1 -PolicyStore 'corp.example.com\Firewall Baseline'
New-NetFirewallRule -Name Rsop -DisplayName 'cannot' -PolicyStore RSOP
Remove-NetFirewallRule -Name Local1
# expect rule 'Local2' name='Local two' LOCAL in allow tcp lport=445 @3
# expect rule 'Gpo1' name='GPO one' GPO in block tcp lport=135 disabled @9
# expect rule 'Local1' name='Same name in the GPO' GPO in allow tcp lport=5985 @6
# expect note unreadable 8:1 Remove-NetFirewallRule -Name Local2 matches no rule read so far
# expect note invalid-rule 10:54 the RSOP store is read-only
