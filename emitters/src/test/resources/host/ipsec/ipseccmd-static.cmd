@echo off
rem @format ipseccmd
rem Lock down RPC on an XP host with a static policy. Written for rpcwall's tests.
ipseccmd -w REG -p "Lock RPC" -r "Block 135" -f *=0:135:TCP -n BLOCK
ipseccmd -w REG -p "Lock RPC" -r "Admins 135" -f 10.1.1.0/255.255.255.0=0:135:TCP -n PASS
rem @note 7:54 unreadable 'GRE' is not a protocol
ipseccmd -w REG -p "Lock RPC" -r "Tunnel" -f *=0:135:GRE -n PASS
rem The filters come in force where the policy is assigned.
rem @ipsec any -> me:135 proto=6 block @11
rem @ipsec 10.1.1.0/24 -> me:135 proto=6 pass @11
ipseccmd -w REG -p "Lock RPC" -x
