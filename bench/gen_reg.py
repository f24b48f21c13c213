#!/usr/bin/env python3
"""Writes a registry export of N firewall rule strings, as `reg export` of the local
FirewallRules key writes it (REGEDIT5, UTF-16LE with a BOM, CRLF), for the lint benchmark.

Usage: bench/gen_reg.py OUT.reg [N]   (default N = 10000)

The rules are deterministic and of the shapes real exports hold (windows-semantics.md 3.3):
built-in style rules with App/Svc/EmbedCtxt, RPC and RPC-EPMap keywords, port ranges in
LPort2_10, IPv4 and IPv6 remote addresses and keywords, disabled rules (no Active token),
Block rules, outbound rules, ICMP rules, versions v2.10 to v2.33. The file also sets the
profile defaults and the RPC range (hex(7)), as an export of the FirewallPolicy key would.
"""
import sys

LOCAL = (r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters"
         r"\FirewallPolicy")


def rule(i):
    v = "v2.%d" % (10 + i % 24)
    shape = i % 10
    name = "Bench rule %d" % i
    if shape == 0:
        body = ("Action=Allow|Active=TRUE|Dir=In|Protocol=6|Profile=Domain|LPort=RPC-EPMap|"
                "App=%%SystemRoot%%\\system32\\svchost.exe|Svc=RPCSS|Name=%s|"
                "EmbedCtxt=@FirewallAPI.dll,-29502|" % name)
    elif shape == 1:
        body = ("Action=Allow|Active=TRUE|Dir=In|Protocol=6|Profile=Domain|Profile=Private|"
                "LPort=RPC|RA4=LocalSubnet|RA6=LocalSubnet|"
                "App=C:\\Program Files\\App%d\\srv.exe|Name=%s|" % (i, name))
    elif shape == 2:
        body = ("Action=Allow|Dir=In|Protocol=6|LPort2_10=%d-%d|RA4=10.%d.%d.0/255.255.255.0|"
                "Name=%s|" % (5000 + i % 1000, 5020 + i % 1000, (i >> 8) & 255, i & 255, name))
    elif shape == 3:
        body = ("Action=Block|Active=TRUE|Dir=In|Protocol=6|LPort=135|LPort=445|LPort=139|"
                "RA4=192.168.%d.%d-192.168.%d.%d|Profile=Public|Name=%s|"
                % ((i >> 8) & 255, 1, (i >> 8) & 255, 100 + i % 100, name))
    elif shape == 4:
        body = ("Action=Allow|Active=TRUE|Dir=In|Protocol=17|LPort=%d|RPort=%d|"
                "RA6=2001:db8:%x::/48|LA6=fe80::/64|Name=%s|" % (i % 65536, (i * 7) % 65536, i, name))
    elif shape == 5:
        body = ("Action=Allow|Active=TRUE|Dir=Out|Protocol=6|RPort=443|RPort2_10=8000-8100|"
                "App=C:\\Tools\\agent%d.exe|Name=%s|Desc=outbound agent %d|" % (i, name, i))
    elif shape == 6:
        body = ("Action=Allow|Active=TRUE|Dir=In|Protocol=1|ICMP4=8:*|Profile=Private|"
                "Name=%s|EmbedCtxt=@FirewallAPI.dll,-28502|" % name)
    elif shape == 7:
        body = ("Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=3389|RA42=IntErnet|"
                "RA4=172.16.%d.%d|Svc=TermService|IFType=Lan|Name=%s|" % ((i >> 8) & 255, i & 255, name))
    elif shape == 8:
        body = ("Action=Allow|Active=FALSE|Dir=In|Protocol=6|LPort=5985|LPort2_10=47001-47002|"
                "RA4=10.%d.0.0/16|Security=Authenticate|Name=%s|" % (i & 255, name))
    else:
        body = ("Action=Allow|Active=TRUE|Dir=In|Protocol=17|LPort2_20=Ply2Disc|RA42=Ply2Renders|"
                "App=System|Edge=TRUE|Defer=App|Platform=2:6:2|Platform2=GTEQ|Name=%s|" % name)
    return v + "|" + body


def reg_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    lines = ["Windows Registry Editor Version 5.00", "", "[%s\\FirewallRules]" % LOCAL]
    for i in range(n):
        lines.append("%s=%s" % (reg_string("{BENCH-%06d}" % i), reg_string(rule(i))))
    for key, inbound in (("DomainProfile", 1), ("StandardProfile", 1), ("PublicProfile", 1)):
        lines += ["", "[%s\\%s]" % (LOCAL, key), '"EnableFirewall"=dword:00000001',
                  '"DefaultInboundAction"=dword:%08x' % inbound]
    ports = "".join(e + "\0" for e in ("5001-5100",)) + "\0"
    data = ",".join("%02x" % b for b in ports.encode("utf-16-le"))
    lines += ["", r"[HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Rpc\Internet]",
              '"Ports"=hex(7):' + data, '"PortsInternetAvailable"="Y"', '"UseInternetPorts"="Y"']
    with open(out, "wb") as f:
        f.write(b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le"))


if __name__ == "__main__":
    main()
