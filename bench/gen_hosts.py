#!/usr/bin/env python3
"""Host exports for benchmarking `rpcwall lint` (issue 7 point 7).

Usage: bench/gen_hosts.py OUT_DIR [--reg N] [--show N]
Writes OUT_DIR/reg-N.reg: a regedit export (REGEDIT5, UTF-16LE with BOM, CRLF, as regedit writes)
of the local FirewallRules key with N rule strings in the grammar of windows-semantics.md 3.2-3.3;
and OUT_DIR/show-N.txt: the output of `netsh advfirewall firewall show rule name=all verbose` with
N rules in the layout of windows-semantics.md 1.4. Deterministic: the same N gives the same bytes.
The rules mix what real hosts carry: TCP and UDP, single ports, ranges, the RPC keywords,
address lists, Block rules, programs and services, disabled rules.
"""
import argparse
import os
import random

RULES_KEY = ("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters"
             "\\FirewallPolicy\\FirewallRules")


def rule_facts(i, rnd):
    proto = 6 if i % 4 else 17
    action = "Block" if i % 23 == 0 else "Allow"
    active = i % 17 != 0
    kind = i % 5
    if kind == 0:
        lport = [str(1024 + (i * 7) % 60000)]
    elif kind == 1:
        a = 2000 + (i * 13) % 50000
        lport = ["%d-%d" % (a, a + 20)]
    elif kind == 2 and proto == 6:
        lport = ["RPC"] if i % 2 else ["RPC-EPMap"]
    elif kind == 3:
        lport = [str(p) for p in (135, 445, 5985, 3389)[: 1 + i % 4]]
    else:
        lport = []
    if i % 3 == 0:
        ra = []
    else:
        ra = ["10.%d.%d.0/24" % ((i >> 8) % 256, i % 256)]
        if i % 7 == 0:
            ra.append("2001:db8:%x::/64" % (i % 65536))
        if i % 11 == 0:
            ra.append("LocalSubnet")
    program = "%%SystemRoot%%\\system32\\svc%d.exe" % (i % 97) if i % 6 == 0 else None
    service = "svc%d" % (i % 89) if i % 9 == 0 else None
    profiles = [["Domain"], ["Private"], ["Public"], ["Domain", "Private"], []][i % 5]
    return dict(name="Bench rule %d" % i, group="Bench group %d" % (i % 40), proto=proto,
                action=action, active=active, lport=lport, ra=ra, program=program,
                service=service, profiles=profiles)


def reg_string(f):
    parts = ["v2.30", "Action=" + f["action"]]
    if f["active"]:
        parts.append("Active=TRUE")
    parts += ["Dir=In", "Protocol=%d" % f["proto"]]
    for p in f["profiles"]:
        parts.append("Profile=" + p)
    for p in f["lport"]:
        parts.append(("LPort2_10=" if "-" in p and p[0].isdigit() else "LPort=") + p)
    for a in f["ra"]:
        parts.append(("RA6=" if ":" in a else "RA4=") + a)
    if f["program"]:
        parts.append("App=" + f["program"])
    if f["service"]:
        parts.append("Svc=" + f["service"])
    parts += ["Name=" + f["name"], "EmbedCtxt=" + f["group"]]
    return "|".join(parts) + "|"


def write_reg(path, n):
    rnd = random.Random(n)
    lines = ["Windows Registry Editor Version 5.00", "", "[" + RULES_KEY + "]"]
    for i in range(n):
        guid = "{%08X-%04X-%04X-%04X-%012X}" % (
            rnd.getrandbits(32), rnd.getrandbits(16), rnd.getrandbits(16), rnd.getrandbits(16), rnd.getrandbits(48))
        value = reg_string(rule_facts(i, rnd)).replace("\\", "\\\\")
        lines.append('"%s"="%s"' % (guid, value))
    text = "\r\n".join(lines) + "\r\n\r\n"
    with open(path, "wb") as out:
        out.write(b"\xff\xfe" + text.encode("utf-16-le"))


def row(label, value):
    return (label + ":").ljust(38) + value


def write_show(path, n):
    rnd = random.Random(n)
    out = []
    for i in range(n):
        f = rule_facts(i, rnd)
        out.append(row("Rule Name", f["name"]))
        out.append("-" * 70)
        out.append(row("Description", "generated for the lint benchmark"))
        out.append(row("Enabled", "Yes" if f["active"] else "No"))
        out.append(row("Direction", "In"))
        out.append(row("Profiles", ",".join(f["profiles"]) or "Domain,Private,Public"))
        out.append(row("Grouping", f["group"]))
        out.append(row("LocalIP", "Any"))
        out.append(row("RemoteIP", ",".join(f["ra"]) or "Any"))
        out.append(row("Protocol", "TCP" if f["proto"] == 6 else "UDP"))
        out.append(row("LocalPort", ",".join(f["lport"]) or "Any"))
        out.append(row("RemotePort", "Any"))
        out.append(row("Edge traversal", "No"))
        out.append(row("Program", f["program"] or "Any"))
        out.append(row("Service", f["service"] or "Any"))
        out.append(row("InterfaceTypes", "Any"))
        out.append(row("Security", "NotRequired"))
        out.append(row("Rule source", "Local Setting"))
        out.append(row("Action", f["action"]))
        out.append("")
    out.append("Ok.")
    out.append("")
    with open(path, "w", newline="\r\n", encoding="utf-8") as fh:
        fh.write("\n" + "\n".join(out))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--reg", type=int, default=10000)
    ap.add_argument("--show", type=int, default=5000)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.reg:
        write_reg(os.path.join(args.out, "reg-%d.reg" % args.reg), args.reg)
    if args.show:
        write_show(os.path.join(args.out, "show-%d.txt" % args.show), args.show)


if __name__ == "__main__":
    main()
