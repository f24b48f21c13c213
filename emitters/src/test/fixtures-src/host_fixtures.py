#!/usr/bin/env python3
"""Writes the registry and legacy IPsec fixtures of HostFixtureCorpusTest.

Each fixture is written here as lines; an expectation line may say {L} for the line number of
the next line that is not an expectation (the value it describes), and {C:text} for the column
where `text` starts on that line. Run from the repository root:
    python3 emitters/src/test/fixtures-src/host_fixtures.py
"""
import os
import re

ROOT = "emitters/src/test/resources/host"
LOCAL = r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy"
GPO = r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\WindowsFirewall"
RPC = r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Rpc\Internet"


def resolve(lines, is_expect):
    out = list(lines)
    for i, line in enumerate(out):
        if "{L}" not in line and "{C:" not in line:
            continue
        j = i + 1
        while j < len(out) and is_expect(out[j]):
            j += 1
        target = out[j] if j < len(out) else ""
        line = line.replace("{L}", str(j + 1))
        line = re.sub(r"\{C:([^}]*)\}", lambda m: str(target.index(m.group(1)) + 1), line)
        out[i] = line
    return out


def reg_expect(line):
    return line.lstrip().startswith("; @")


def hex_lines(name, kind, data, indent_width=80):
    """regedit's layout of a hex value: bytes comma-separated, wrapped with a trailing backslash."""
    head = '"%s"=hex(%s):' % (name, kind) if kind != "" else '"%s"=hex:' % name
    parts = ["%02x" % b for b in data]
    lines = []
    cur = head
    for k, p in enumerate(parts):
        piece = p + ("," if k < len(parts) - 1 else "")
        if len(cur) + len(piece) > indent_width - 1 and cur.strip():
            lines.append(cur + "\\")
            cur = "  "
        cur += piece
    lines.append(cur)
    return lines


def multi_sz(entries, enc):
    raw = "".join(e + "\0" for e in entries) + "\0"
    return raw.encode(enc)


def write(path, lines, encoding, newline, bom=b""):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = newline.join(lines) + newline
    with open(path, "wb") as f:
        f.write(bom + text.encode(encoding))


def local_v5():
    L = [
        "Windows Registry Editor Version 5.00",
        "; @format reg",
        "; The local store of a member server as reg export writes it: UTF-16LE with a BOM, CRLF.",
        "; Written for rpcwall's tests.",
        "",
        "[%s\\FirewallRules]" % LOCAL,
        '; @rule LOCAL RemoteSvcAdmin-RPCSS-In-TCP name="Remote Service Management (RPC-EPMAP)" in allow proto=6 lport=RPC_EPMAP rport=any laddr=any raddr=any profiles=all on app=%SystemRoot%\\system32\\svchost.exe svc=RPCSS group=@FirewallAPI.dll,-29502 @{L}',
        '"RemoteSvcAdmin-RPCSS-In-TCP"="v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=RPC-EPMap|App=%SystemRoot%\\\\system32\\\\svchost.exe|Svc=RPCSS|Name=Remote Service Management (RPC-EPMAP)|Desc=Inbound rule for the RPCSS service|EmbedCtxt=@FirewallAPI.dll,-29502|"',
        '; @rule LOCAL RemoteSvcAdmin-In-TCP name="Remote Service Management (RPC)" in allow proto=6 lport=RPC rport=any laddr=any raddr=LOCAL_SUBNET profiles=domain,private on app=%SystemRoot%\\system32\\services.exe group=@FirewallAPI.dll,-29502 @{L}',
        '"RemoteSvcAdmin-In-TCP"="v2.26|Action=Allow|Active=TRUE|Dir=In|Protocol=6|Profile=Domain|Profile=Private|LPort=RPC|RA4=LocalSubnet|RA6=LocalSubnet|App=%SystemRoot%\\\\system32\\\\services.exe|Name=Remote Service Management (RPC)|EmbedCtxt=@FirewallAPI.dll,-29502|"',
        "; No Active token: the rule is disabled.",
        '; @rule LOCAL {6F1C2E4A-1B7D-4C3E-9A55-0D2B7E11A001} name="Old backup agent" in allow proto=6 lport=5001-5021,49152-65535 rport=any laddr=any raddr=10.20.0.0/16,192.168.7.10-192.168.7.20 profiles=domain off app=C:\\Program Files\\Backup Agent\\agent.exe @{L}',
        '"{6F1C2E4A-1B7D-4C3E-9A55-0D2B7E11A001}"="v2.30|Action=Allow|Dir=In|Protocol=6|Profile=Domain|LPort2_10=5001-5021|LPort2_10=49152-65535|RA4=10.20.0.0/255.255.0.0|RA4=192.168.7.10-192.168.7.20|App=C:\\\\Program Files\\\\Backup Agent\\\\agent.exe|Name=Old backup agent|"',
        "; @rule LOCAL SMB-In-v6 in block proto=6 lport=139,445 rport=any laddr=any raddr=2001:db8:10::/48,fe80::1-fe80::9 profiles=public on app=System @{L}",
        '"SMB-In-v6"="v2.33|Action=Block|Active=TRUE|Dir=In|Protocol=6|Profile=Public|LPort=445|LPort=139|RA6=2001:db8:10::/48|RA6=fe80::1-fe80::9|App=System|"',
        "; @rule LOCAL RDP-Internet in allow proto=6 lport=3389 rport=any laddr=192.0.2.10 raddr=INTERNET profiles=all on svc=TermService @{L}",
        '"RDP-Internet"="v2.31|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=3389|LA4=192.0.2.10|RA42=IntErnet|Svc=TermService|"',
        "",
        "[%s\\DomainProfile]" % LOCAL,
        "; @set state domain ENFORCING @{L}",
        '"EnableFirewall"=dword:00000001',
        "; @set default domain block @{L}",
        '"DefaultInboundAction"=dword:00000001',
        "",
        "; The local store names the private profile StandardProfile.",
        "[%s\\StandardProfile]" % LOCAL,
        "; @set default private allow @{L}",
        '"DefaultInboundAction"=dword:00000000',
        "",
        "[%s\\PublicProfile]" % LOCAL,
        "; @set state public FIREWALL_OFF @{L}",
        '"EnableFirewall"=dword:00000000',
        '"DisableNotifications"=dword:00000001',
        "",
        "[%s]" % RPC,
        "; @set rpc Ports REG_MULTI_SZ 5001-5021|5100 @{L}",
    ]
    L += hex_lines("Ports", "7", multi_sz(["5001-5021", "5100"], "utf-16-le"))
    L += [
        "; @set rpc PortsInternetAvailable REG_SZ Y @{L}",
        '"PortsInternetAvailable"="Y"',
        "; @set rpc UseInternetPorts REG_EXPAND_SZ Y @{L}",
    ]
    L += hex_lines("UseInternetPorts", "2", "Y\0".encode("utf-16-le"))
    write(ROOT + "/registry/local-v5-utf16-crlf.reg", resolve(L, reg_expect), "utf-16-le", "\r\n",
          b"\xff\xfe")


def gpo_v4():
    L = [
        "REGEDIT4",
        "; @format reg",
        "; Group Policy rules in a REGEDIT4 file, Windows-1252, LF. Written for rpcwall's tests.",
        "",
        "[%s\\FirewallRules]" % GPO,
        '; @rule GPO WMI-In name="Gestion à distance (WMI-In)" in allow proto=6 lport=any rport=any laddr=any raddr=10.1.0.0/16 profiles=domain on app=%SystemRoot%\\system32\\svchost.exe svc=winmgmt @{L}',
        '"WMI-In"="v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|Profile=Domain|RA4=10.1.0.0/16|App=%SystemRoot%\\\\system32\\\\svchost.exe|Svc=winmgmt|Name=Gestion à distance (WMI-In)|"',
        '"Temp-Rule"="v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=17|LPort=161|"',
        "; Temp-Rule is taken back.",
        '"Temp-Rule"=-',
        "; A later write of the same rule ID replaces the first.",
        '"Block-135"="v2.10|Action=Block|Active=TRUE|Dir=In|Protocol=6|LPort=135|"',
        "; @rule GPO Block-135 in block proto=6 lport=135 rport=any laddr=any raddr=any profiles=public on @{L}",
        '"Block-135"="v2.20|Action=Block|Active=TRUE|Dir=In|Protocol=6|Profile=Public|LPort=135|"',
        "",
        "[%s\\DomainProfile]" % GPO,
        "; @set state domain LOCAL_RULES_IGNORED @{L}",
        '"AllowLocalPolicyMerge"=dword:00000000',
        "; @set default domain block @{L}",
        '"DefaultInboundAction"=dword:00000001',
        "",
        "; StandardProfile applies to private and public: neither has a key of its own here.",
        "[%s\\StandardProfile]" % GPO,
        "; @set state private SHIELDED @{L}",
        "; @set state public SHIELDED @{L}",
        '"DoNotAllowExceptions"=dword:00000001',
        "",
        "[%s]" % RPC,
        "; Ports written as a string stays REG_SZ, for lint to say it is the wrong type.",
        "; @set rpc Ports REG_SZ 5000-5100 @{L}",
        '"Ports"="5000-5100"',
        "; hex(7) in a REGEDIT4 file is ANSI, one byte per char.",
        "; @set rpc PortsInternetAvailable REG_MULTI_SZ Y @{L}",
    ]
    L += hex_lines("PortsInternetAvailable", "7", multi_sz(["Y"], "cp1252"))
    L += ["", "[-%s\\Old]" % GPO]
    write(ROOT + "/registry/gpo-regedit4-cp1252-lf.reg", resolve(L, reg_expect), "cp1252", "\n")


def broken():
    L = [
        "Windows Registry Editor Version 5.00",
        "; @format reg",
        "; What a reader cannot use, each at its line and column. UTF-8 without BOM, CRLF.",
        "; Written for rpcwall's tests.",
        "; @note {L}:1 unreadable value 'Orphan' before any key line",
        '"Orphan"="x"',
        "[%s\\FirewallRules]" % LOCAL,
        "; A newer Windows' token: the rule is read, as depending on it.",
        "; @rule LOCAL Future-1 in allow proto=6 lport=135 rport=any laddr=any raddr=any profiles=all on other=[unknown condition Zone9=Corp] @{L}",
        "; @note {L}:{C:Zone9} unreadable rule 'Future-1': token 'Zone9' is not one this reader knows (the rule string is v2.40, newer than v2.33)",
        '"Future-1"="v2.40|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=135|Zone9=Corp|"',
        "; @note {L}:{C:135} invalid-rule rule 'Bad-Port': local port '135' on any protocol",
        '"Bad-Port"="v2.10|Action=Allow|Active=TRUE|Dir=In|LPort=135|"',
        "; Escapes before the bad port: the column is still the port's.",
        "; @note {L}:{C:70000} invalid-rule rule 'Esc': port '70000' is not a port 0-65535",
        '"Esc"="v2.10|App=C:\\\\Tools\\\\\\"x\\".exe|Action=Allow|Dir=In|Protocol=6|LPort=70000|"',
        '; @rule LOCAL Quoted name="Say "hi"" in allow proto=17 lport=any rport=53 laddr=any raddr=any profiles=all on @{L}',
        '"Quoted"="v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=17|RPort=53|Name=Say \\"hi\\"|"',
        "; @note {L}:1 invalid-rule firewall rule 'Dword-Rule' is written as REG_DWORD, not as a string",
        '"Dword-Rule"=dword:00000001',
        "; @note {L}:{C:\"v2} unreadable string data without a closing quote",
        '"Open"="v2.10|Action=Allow',
        "; @note {L}:1 unreadable not a key, a value or a comment: 'this is not registry text'",
        "this is not registry text",
        "; @note {L}:{C:v2.10} invalid-rule rule 'No-Dir': the rule string has no Dir",
        '"No-Dir"="v2.10|Action=Allow|Active=TRUE|"',
        "[%s]" % RPC,
        "; @note {L}:{C:hex} unreadable hex data of 'Ports' is not a comma-separated list",
        '"Ports"=hex(7):zz,00',
        "[-%s]" % RPC,
        "; @note {L}:1 unreadable value 'Ports' under a deleted key",
        '"Ports"="5000-5100"',
        "; @note {L}:1 unreadable key line without a closing ']'",
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Broken",
        "; @note {L}:1 unreadable value 'After' before any key line",
        '"After"="y"',
    ]
    write(ROOT + "/registry/broken-utf8-crlf.reg", resolve(L, reg_expect), "utf-8", "\r\n")


def versions():
    rules = [
        # (id, rule string, expected rendering without the line)
        ("v2.0-dns-out", "v2.0|Action=Block|Active=TRUE|Dir=Out|Protocol=17|RPort=53|RA4=DNS|RA6=DNS|",
         "LOCAL v2.0-dns-out out block proto=17 lport=any rport=53 laddr=any raddr=DNS profiles=all on"),
        ("v2.1-ping", "v2.1|Action=Allow|Active=FALSE|Dir=In|Protocol=1|ICMP4=8:*|Profile=Private|",
         "LOCAL v2.1-ping in allow proto=1 lport=any rport=any laddr=any raddr=any profiles=private off other=[ICMP type ICMP4=8:*]"),
        ("v2.10-iphttps", "v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort2_10=IPTLSIn|LPort2_10=IPHTTPSIn|Edge=TRUE|Defer=App|Security2_9=An-NoEncap|Platform=2:6:2|Platform2=GTEQ|",
         "LOCAL v2.10-iphttps in allow proto=6 lport=IPHTTPS_IN rport=any laddr=any raddr=any profiles=all on other=[IPsec security Security2_9=An-NoEncap; OS version Platform=2:6:2; OS version Platform2=GTEQ]"),
        ("v2.10-enc", "v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=5985|Security=AuthenticateEncrypt|Security2=AnE-Nego|",
         "LOCAL v2.10-enc in allow proto=6 lport=5985 rport=any laddr=any raddr=any profiles=all on other=[IPsec security Security=AuthenticateEncrypt; IPsec security Security2=AnE-Nego]"),
        ("v2.20-playto", "v2.20|Action=Allow|Active=TRUE|Dir=In|Protocol=17|LPort2_20=Ply2Disc|RA42=Ply2Renders|RA62=RmtIntrAnet|AppPkgId=S-1-15-2-1|LUOwn=S-1-5-21-7|",
         "LOCAL v2.20-playto in allow proto=17 lport=PLAY_TO_DISCOVERY rport=any laddr=any raddr=PLAY_TO_DEVICE,REMOTE_INTRANET profiles=all on other=[application package AppPkgId=S-1-15-2-1; local user owner LUOwn=S-1-5-21-7]"),
        ("v2.22-if", "v2.22|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=80|IF={0D1E2F30-4A5B-6C7D-8E9F-A0B1C2D3E4F5}|IFType=Wireless|IFType=RemoteAccess|TTK=NotRequired|",
         "LOCAL v2.22-if in allow proto=6 lport=80 rport=any laddr=any raddr=any profiles=all on other=[interface IF={0D1E2F30-4A5B-6C7D-8E9F-A0B1C2D3E4F5}; interface type IFType=Wireless; interface type IFType=RemoteAccess]"),
        ("v2.24-luauth", "v2.24|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=8080|LUAuth2_24=O:LSD:(A;;CC;;;S-1-5-32-544)|",
         "LOCAL v2.24-luauth in allow proto=6 lport=8080 rport=any laddr=any raddr=any profiles=all on other=[authorized local users LUAuth2_24=O:LSD:(A;;CC;;;S-1-5-32-544)]"),
        ("v2.25-mdns", "v2.25|Action=Allow|Active=TRUE|Dir=In|Protocol=17|LPort2_20=mDNS|",
         "LOCAL v2.25-mdns in allow proto=17 lport=MDNS rport=any laddr=any raddr=any profiles=all on"),
        ("v2.26-svcstar", "v2.26|Action=Block|Active=TRUE|Dir=In|Protocol=6|LPort=RPC|App=%SystemRoot%\\\\system32\\\\svchost.exe|Svc=*|",
         "LOCAL v2.26-svcstar in block proto=6 lport=RPC rport=any laddr=any raddr=any profiles=all on app=%SystemRoot%\\system32\\svchost.exe svc=*"),
        ("v2.27-iphttps-out", "v2.27|Action=Allow|Active=TRUE|Dir=Out|Protocol=6|RPort2_10=IPTLSOut|RPort2_10=IPHTTPSOut|",
         "LOCAL v2.27-iphttps-out out allow proto=6 lport=any rport=IPHTTPS_OUT laddr=any raddr=any profiles=all on"),
        ("v2.28-cortana", "v2.28|Action=Allow|Active=TRUE|Dir=Out|Protocol=6|RPort2_20=CortanaOut|RPort=443|",
         "LOCAL v2.28-cortana out allow proto=6 lport=any rport=443,CORTANA_OUT laddr=any raddr=any profiles=all on"),
        ("v2.29-cdp", "v2.29|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort2_20=TcpCDPSvc|",
         "LOCAL v2.29-cdp in allow proto=6 lport=PROXIMAL_TCP_CDP rport=any laddr=any raddr=any profiles=all on"),
        ("v2.30-keywords", "v2.30|Action=Allow|Active=TRUE|Dir=In|Protocol=17|LPort=67|RA4=WINS|RA4=DHCP|RA4=DefaultGateway|RA42=CaptivePortal|",
         "LOCAL v2.30-keywords in allow proto=17 lport=67 rport=any laddr=any raddr=DHCP,WINS,DEFAULT_GATEWAY,CAPTIVE_PORTAL profiles=all on"),
        ("v2.31-flags", "v2.31|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=5986|PCross=TRUE|LSM=TRUE|LOM=TRUE|NNm=TRUE|SecurityRealmId=R1|SkipVer=2.10|",
         "LOCAL v2.31-flags in allow proto=6 lport=5986 rport=any laddr=any raddr=any profiles=all on"),
        ("v2.32-bypass", "v2.32|Action=ByPass|Active=TRUE|Dir=In|Protocol=6|LPort=445|Security=Authenticate|RMAuth=O:LSD:(A;;CC;;;S-1-5-21-9)|RUAuth=O:LSD:(A;;CC;;;S-1-5-21-8)|",
         "LOCAL v2.32-bypass in bypass proto=6 lport=445 rport=any laddr=any raddr=any profiles=all on other=[IPsec security Security=Authenticate; authorized remote computers RMAuth=O:LSD:(A;;CC;;;S-1-5-21-9); authorized remote users RUAuth=O:LSD:(A;;CC;;;S-1-5-21-8)]"),
        ("v2.33-v6", "v2.33|Action=Allow|Active=TRUE|Dir=In|Protocol=58|ICMP6=128:*|RA6=2001:db8::/32|LA6=fe80::/10|",
         "LOCAL v2.33-v6 in allow proto=58 lport=any rport=any laddr=fe80::/10 raddr=2001:db8::/32 profiles=all on other=[ICMP type ICMP6=128:*]"),
    ]
    L = [
        "Windows Registry Editor Version 5.00",
        "; @format reg",
        "; One rule per rule string version and field shape of windows-semantics.md 3.3.",
        "; UTF-16LE with a BOM, LF. Written for rpcwall's tests.",
        "",
        "[%s\\FirewallRules]" % LOCAL,
    ]
    for rid, text, expect in rules:
        L.append("; @rule " + expect + " @{L}")
        L.append('"%s"="%s"' % (rid, text))
    write(ROOT + "/registry/versions-v5-utf16-lf.reg", resolve(L, reg_expect), "utf-16-le", "\n",
          b"\xff\xfe")


def reg_query():
    q = [
        "",
        RPC,
        "    Ports    REG_MULTI_SZ    5001-5021\\05100-5200",
        "    PortsInternetAvailable    REG_SZ    Y",
        "    UseInternetPorts    REG_SZ    Y",
        "",
        LOCAL + "\\FirewallRules",
        "    WMI-RPCSS-In-TCP    REG_SZ    v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|Profile=Domain|LPort=135|App=%SystemRoot%\\system32\\svchost.exe|Svc=RPCSS|Name=@FirewallAPI.dll,-34254|EmbedCtxt=@FirewallAPI.dll,-34251|",
        "    Admin Tool In    REG_SZ    v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=RPC|",
        "    Broken    REG_SZ    v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=17|LPort=RPC|",
        "",
        LOCAL + "\\PublicProfile",
        "    EnableFirewall    REG_DWORD    0x1",
        "    DefaultInboundAction    REG_DWORD    0x0",
        "    DoNotAllowExceptions    REG_DWORD    0x1",
        "this line was pasted by mistake",
        "",
        "End of search: 9 match(es) found.",
    ]
    write(ROOT + "/registry/query-s.txt", q, "utf-8", "\r\n")
    e = [
        "# @format reg-query",
        "# @set rpc Ports REG_MULTI_SZ 5001-5021|5100-5200 @3",
        "# @set rpc PortsInternetAvailable REG_SZ Y @4",
        "# @set rpc UseInternetPorts REG_SZ Y @5",
        "# @rule LOCAL WMI-RPCSS-In-TCP name=\"@FirewallAPI.dll,-34254\" in allow proto=6 lport=135 rport=any laddr=any raddr=any profiles=domain on app=%SystemRoot%\\system32\\svchost.exe svc=RPCSS group=@FirewallAPI.dll,-34251 @8",
        "# @rule LOCAL Admin Tool In in allow proto=6 lport=RPC rport=any laddr=any raddr=any profiles=all on @9",
        "# @note 10:%d invalid-rule rule 'Broken': local port keyword RPC needs Protocol=6" % (
            len("    Broken    REG_SZ    ") + 1),
        "# @set state public SHIELDED @15",
        "# @set default public allow @14",
        "# @note 16:1 unreadable not a key or value line of reg query output",
    ]
    with open(ROOT + "/registry/query-s.txt.expect", "w") as f:
        f.write("\n".join(e) + "\n")


def wfw():
    # A hive header as netsh advfirewall export writes it: the signature, then binary fields.
    data = b"regf" + bytes([0x9a, 0x01, 0, 0, 0x9a, 0x01, 0, 0, 0xff, 0xfe, 0x00, 0x80]) + bytes(range(256)) * 4
    with open(ROOT + "/registry/policy.wfw", "wb") as f:
        f.write(data)
    with open(ROOT + "/registry/policy.wfw.expect", "w") as f:
        f.write("# @format wfw\n# @note 1:1 unreadable this is a binary firewall policy export\n")


def rem_expect(line):
    return line.lstrip().lower().startswith("rem @")


def ipsec():
    a = [
        "rem @format ipsecpol",
        "rem Dynamic ipsecpol filters typed on a Windows 2000 host. Written for rpcwall's tests.",
        "rem @ipsec any -> me:135 proto=6 block @{L}",
        "ipsecpol -f [*=0:135:TCP]",
        "rem @ipsec 10.1.1.0/24 -> me:135 proto=6 pass @{L}",
        "ipsecpol -f (10.1.1.0/255.255.255.0=0:135:TCP)",
        "rem @note {L}:{C:99999} unreadable '99999' is not a port 0-65535",
        "ipsecpol -f [*=0:99999:TCP]",
        "rem @ipsec any -> me:445 proto=6 block @{L}",
        "ipsecpol -f [*=0:445:TCP]",
    ]
    write(ROOT + "/ipsec/ipsecpol-list.txt", resolve(a, rem_expect), "utf-8", "\n")
    b = [
        "@echo off",
        "rem @format ipseccmd",
        "rem Lock down RPC on an XP host with a static policy. Written for rpcwall's tests.",
        'ipseccmd -w REG -p "Lock RPC" -r "Block 135" -f *=0:135:TCP -n BLOCK',
        'ipseccmd -w REG -p "Lock RPC" -r "Admins 135" -f 10.1.1.0/255.255.255.0=0:135:TCP -n PASS',
        "rem @note {L}:{C:GRE} unreadable 'GRE' is not a protocol",
        'ipseccmd -w REG -p "Lock RPC" -r "Tunnel" -f *=0:135:GRE -n PASS',
        "rem The filters come in force where the policy is assigned.",
        "rem @ipsec any -> me:135 proto=6 block @{L}",
        "rem @ipsec 10.1.1.0/24 -> me:135 proto=6 pass @{L}",
        'ipseccmd -w REG -p "Lock RPC" -x',
    ]
    write(ROOT + "/ipsec/ipseccmd-static.cmd", resolve(b, rem_expect), "utf-8", "\r\n")
    c = [
        "@echo off",
        "rem @format netsh-ipsec",
        "rem netsh ipsec static on Server 2003: block SQL browser. Written for rpcwall's tests.",
        'netsh ipsec static add policy name="Lock SQL" assign=no',
        "netsh ipsec static add filteraction name=Block action=block",
        "netsh ipsec static add filter filterlist=L srcaddr=any dstaddr=me protocol=UDP dstport=1434",
        "rem @note {L}:{C:ipsec} unreadable 'netsh ipsec static add frobnicate' is not read",
        "netsh ipsec static add frobnicate name=x",
        'netsh ipsec static add rule name=r policy="Lock SQL" filterlist=L filteraction=Block',
        "rem @ipsec any <-> me:1434 proto=17 block @{L}",
        'netsh ipsec static set policy name="Lock SQL" assign=yes',
    ]
    write(ROOT + "/ipsec/netsh-ipsec-static.cmd", resolve(c, rem_expect), "utf-8", "\r\n")


if __name__ == "__main__":
    local_v5()
    gpo_v4()
    broken()
    versions()
    reg_query()
    wfw()
    ipsec()
