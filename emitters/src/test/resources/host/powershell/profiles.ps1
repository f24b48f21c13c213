# Firewall profiles (CRLF, UTF-8 with BOM)
Set-NetFirewallProfile -Profile Domain,Private -DefaultInboundAction Allow -Enabled False
Set-NetFirewallProfile -Name Public -AllowInboundRules False
Set-NetFirewallProfile -Profile Private -Enabled True -AllowLocalFirewallRules False -PolicyStore 'corp.example.com\Baseline'
set-netfirewallprofile -all -DefaultInboundAction Block -AllowInboundRules NotConfigured
Set-NetFirewallProfile -Profile Domain -DefaultInboundAction Deny
Set-NetFirewallProfile -Profile Office -Enabled False
Set-NetFirewallProfile -Enabled $state
# expect profile domain inbound=block @5 state=FIREWALL_OFF @2
# expect profile private inbound=block @5 state=LOCAL_RULES_IGNORED @4
# expect profile public inbound=block @5 state=SHIELDED @3
# expect note invalid-rule 6:40 'Deny' is not a value of -DefaultInboundAction
# expect note invalid-rule 7:24 'Office' is not a profile
# expect note unreadable 8:24 the value of -Enabled is not known ($state is not assigned in the script)
Set-NetFirewallProfile -Profile Public -AllowLocalFirewallRules False
# expect note unreadable 15:40 -AllowLocalFirewallRules outside a GPO has no effect
