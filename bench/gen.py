#!/usr/bin/env python3
"""Writes benchmark policies: N networks as one network list, or as one rule per network.

Usage: bench/gen.py OUTDIR [N ...]   (default sizes 10 1000 10000 100000)
Addresses are deterministic and pairwise disjoint (so no rule shadows another): hosts in
10.0.0.0/8, /24 subnets from 11.0.0.0 up, every tenth an IPv6 /64.
Also kb-N: the KB example's shape (tcp 135 and the range 5001-5021, 22 ports) with N IPv4
networks allowed, for the legacy IPsec targets (docs/targets/ipsec.md).
"""
import os
import sys


def networks(n):
    out = []
    for i in range(n):
        if i % 10 == 9:
            out.append("2001:db8:%x:%x::/64" % (i >> 16, i & 0xFFFF))
        elif i % 3 == 0:
            out.append("%d.%d.%d.0/24" % (11 + (i >> 16), (i >> 8) & 0xFF, i & 0xFF))
        else:
            out.append("10.%d.%d.%d" % ((i >> 16) & 0xFF, (i >> 8) & 0xFF, i & 0xFF))
    return out


HEADER = """policy "bench {shape} {n}"
description "benchmark: {n} networks as {shape}"

rpc {{
  dynamic ports 5001-5100
}}

"""


KB = """policy "bench kb {n}"
description "benchmark: the KB's 22 ports from {n} IPv4 networks"

rpc {{
  dynamic ports 5001-5021
}}

network admins = {nets}

allow admins to endpoint-mapper, rpc-dynamic
block any to endpoint-mapper, rpc-dynamic
"""


def v4_networks(n):
    """N IPv4 networks of the same kinds as networks(), pairwise disjoint."""
    every = networks(n + n // 9 + 1)
    return [net for i, net in enumerate(every) if i % 10 != 9][:n]


def main():
    outdir = sys.argv[1]
    sizes = [int(a) for a in sys.argv[2:]] or [10, 1000, 10000, 100000]
    os.makedirs(outdir, exist_ok=True)
    for n in sizes:
        nets = networks(n)
        with open(os.path.join(outdir, "list-%d.rpcwall" % n), "w") as f:
            f.write(HEADER.format(shape="list", n=n))
            f.write("network admins = " + ",\n  ".join(nets) + "\n\n")
            f.write("allow admins to endpoint-mapper, rpc-dynamic\n")
            f.write("block any to endpoint-mapper, rpc-dynamic\n")
        with open(os.path.join(outdir, "rules-%d.rpcwall" % n), "w") as f:
            f.write(HEADER.format(shape="rules", n=n))
            for i, net in enumerate(nets):
                verb = "block" if i % 50 == 49 else "allow"
                f.write("%s %s to endpoint-mapper, rpc-dynamic\n" % (verb, net))
            f.write("block any to endpoint-mapper, rpc-dynamic\n")
        with open(os.path.join(outdir, "kb-%d.rpcwall" % n), "w") as f:
            f.write(KB.format(n=n, nets=",\n  ".join(v4_networks(n))))


if __name__ == "__main__":
    main()
