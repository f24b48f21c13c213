#!/usr/bin/env python3
"""Generates host inputs in netsh's forms for the lint benchmark (issue 7 point 7).

  show-rule   the output of 'netsh advfirewall firewall show rule name=all verbose'
              (layout: windows-semantics.md 1.4), English labels, CRLF, as Windows prints it.

Usage: python3 bench/gen_host_netsh.py show-rule [--rules 5000] [--seed 7] [-o FILE]
The output is deterministic for a given --rules and --seed.
"""
import argparse
import random
import sys

LABEL = 38  # the label field is padded to 38 characters (1.4 rule 1)


def line(label, value):
    return (label + ":").ljust(LABEL) + value


def addresses(rnd):
    kind = rnd.randrange(8)
    if kind == 0:
        return "Any"
    if kind == 1:
        return "LocalSubnet"
    if kind == 2:
        return "10.%d.%d.0/255.255.255.0" % (rnd.randrange(256), rnd.randrange(256))
    if kind == 3:
        n = rnd.randrange(2, 30)
        return ",".join("10.%d.%d.%d/255.255.255.255" % (rnd.randrange(256), rnd.randrange(256),
                                                      rnd.randrange(1, 255)) for _ in range(n))
    if kind == 4:
        a = rnd.randrange(1, 200)
        return "192.168.%d.1-192.168.%d.254" % (a, a)
    if kind == 5:
        return "LocalSubnet,fe80::/64,ff02::2-ff02::2"
    if kind == 6:
        return "172.16.0.0/255.240.0.0,2001:db8:%x::/48" % rnd.randrange(65536)
    return "Intranet"


def local_addresses(rnd):
    """No keywords on the local side (windows-semantics.md 1.1)."""
    while True:
        a = addresses(rnd)
        if not any(k in a for k in ("Any", "LocalSubnet", "Intranet")):
            return a


def ports(rnd, local):
    kind = rnd.randrange(7)
    if kind == 0:
        return "Any"
    if kind == 1 and local:
        return rnd.choice(["RPC", "RPC-EPMap", "IPHTTPS", "Teredo"])
    if kind == 2:
        lo = rnd.randrange(1024, 60000)
        return "%d-%d" % (lo, lo + rnd.randrange(1, 500))
    if kind == 3:
        return ",".join(str(rnd.randrange(1, 65536)) for _ in range(rnd.randrange(2, 8)))
    return str(rnd.choice([135, 139, 445, 3389, 5985, 5986, 80, 443, 53, 88, 389, 636, 24158,
                           rnd.randrange(1, 65536)]))


GROUPS = ["", "", "Core Networking", "Remote Desktop", "Windows Management Instrumentation (WMI)",
          "File and Printer Sharing", "Remote Event Log Management", "Windows Remote Management",
          "Remote Service Management", "Network Discovery", "Contoso Baseline"]
PROGRAMS = ["Any", "System", "%SystemRoot%\\system32\\svchost.exe",
            "%SystemRoot%\\system32\\wbem\\unsecapp.exe", "C:\\Program Files\\Contoso\\agent.exe",
            "%SystemRoot%\\system32\\lsass.exe"]
SERVICES = ["Any", "Any", "RpcSs", "winmgmt", "TermService", "WinRM", "Dnscache", "eventlog"]


def rule(rnd, i):
    out = []
    proto = rnd.choice(["TCP", "TCP", "TCP", "UDP", "UDP", "ICMPv4", "ICMPv6", "Any", "47"])
    direction = rnd.choice(["In", "In", "In", "Out"])
    group = rnd.choice(GROUPS)
    name = "%s rule %d (%s-%s)" % (group or "Custom", i, proto, direction)
    out.append(line("Rule Name", name))
    out.append("-" * 70)
    out.append(line("Description", "Generated rule %d for the lint benchmark" % i))
    out.append(line("Enabled", rnd.choice(["Yes", "Yes", "Yes", "No"])))
    out.append(line("Direction", direction))
    out.append(line("Profiles", rnd.choice(["Domain,Private,Public", "Domain", "Private,Public",
                                            "Public", "Domain,Private"])))
    out.append(line("Grouping", group))
    out.append(line("LocalIP", "Any" if rnd.randrange(4) else local_addresses(rnd)))
    out.append(line("RemoteIP", addresses(rnd)))
    out.append(line("Protocol", proto))
    if proto.startswith("ICMP"):
        out.append(" " * LABEL + "Type    Code")
        out.append(" " * LABEL + rnd.choice(["Any     Any", "8       Any", "3       4"]))
    if proto in ("TCP", "UDP"):
        local = ports(rnd, direction == "In" and proto == "TCP")
        out.append(line("LocalPort", local))
        out.append(line("RemotePort", ports(rnd, False) if rnd.randrange(4) == 0 else "Any"))
    out.append(line("Edge traversal", "No" if direction == "Out" or rnd.randrange(10) else "Yes"))
    out.append(line("Program", rnd.choice(PROGRAMS)))
    out.append(line("Service", rnd.choice(SERVICES)))
    out.append(line("InterfaceTypes", "Any" if rnd.randrange(10) else "Wireless,Lan"))
    out.append(line("Security", "NotRequired" if rnd.randrange(20) else "Authenticate"))
    out.append(line("Rule source", "Local Setting" if rnd.randrange(5) else "Contoso Baseline GPO"))
    out.append(line("Action", rnd.choice(["Allow", "Allow", "Allow", "Block"])))
    return out


def show_rule(rules, seed):
    rnd = random.Random(seed)
    lines = [""]
    for i in range(rules):
        lines.extend(rule(rnd, i))
        lines.append("")
    lines.append("Ok.")
    lines.append("")
    return "\r\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("show-rule", help="a 'show rule name=all verbose' dump")
    s.add_argument("--rules", type=int, default=5000)
    s.add_argument("--seed", type=int, default=7)
    s.add_argument("-o", "--output")
    a = p.parse_args()
    text = show_rule(a.rules, a.seed)
    data = text.encode("utf-8")
    if a.output:
        with open(a.output, "wb") as f:
            f.write(data)
    else:
        sys.stdout.buffer.write(data)


if __name__ == "__main__":
    main()
