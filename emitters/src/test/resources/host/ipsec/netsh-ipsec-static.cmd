@echo off
rem @format netsh-ipsec
rem netsh ipsec static on Server 2003: block SQL browser. Written for rpcwall's tests.
netsh ipsec static add policy name="Lock SQL" assign=no
netsh ipsec static add filteraction name=Block action=block
netsh ipsec static add filter filterlist=L srcaddr=any dstaddr=me protocol=UDP dstport=1434
rem @note 8:7 unreadable 'netsh ipsec static add frobnicate' is not read
netsh ipsec static add frobnicate name=x
netsh ipsec static add rule name=r policy="Lock SQL" filterlist=L filteraction=Block
rem @ipsec any <-> me:1434 proto=17 block @11
netsh ipsec static set policy name="Lock SQL" assign=yes
