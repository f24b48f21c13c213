@echo off
rem Hand-written: RPC (135 and the KB range 5001-5021) for the admin subnet only.
netsh advfirewall firewall add rule name="Allow admins RPC" dir=in action=allow protocol=TCP localport=135,5001-5021 remoteip=10.1.1.0/24
netsh advfirewall firewall add rule name="Block RPC" dir=in action=block protocol=TCP localport=135,5001-5021
