#!/usr/bin/env python3
"""Cold benchmarks: wall time and peak RSS of whole `./rpcwall` runs (JVM start included).

Usage: bench/cold.py [--runs R] [--sizes 10,1000,10000,100000] [--commands check,netsh,powershell,ipsecpol,...] [--shapes list,rules,kb]
Writes policies with bench/gen.py into target/bench/, runs each command R times (after one
untimed run so the jar and its class-data archive exist) and prints a Markdown table of the
median wall time and the largest peak RSS.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def measure(cmd):
    """Runs cmd in a fresh child python so RUSAGE_CHILDREN covers exactly this one run."""
    probe = (
        "import resource,subprocess,sys,time\n"
        "t=time.perf_counter()\n"
        "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)\n"
        "w=time.perf_counter()-t\n"
        "print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe] + cmd, capture_output=True, text=True, check=True)
    wall, rss_kib, rc = out.stdout.split()
    return float(wall), int(rss_kib) / 1024.0, int(rc)


# Targets that need --ipv4-only for gen.py's policies (docs/targets/ipsec.md).
LEGACY_IPSEC = ("ipsecpol", "ipseccmd", "netsh-ipsec")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="10,1000,10000,100000")
    ap.add_argument("--commands", default="check,netsh,powershell")
    ap.add_argument("--shapes", default="list,rules", help="list, rules, kb (gen.py)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    commands = args.commands.split(",")
    work = os.path.join(ROOT, "target", "bench")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen.py"), work] + [str(s) for s in sizes], check=True)
    launcher = os.path.join(ROOT, "rpcwall")
    out_dir = os.path.join(work, "out")
    print("| command | shape | networks | wall median (s) | wall min (s) | peak RSS (MiB) | exit |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for command in commands:
        for shape in args.shapes.split(","):
            for n in sizes:
                policy = os.path.join(work, "%s-%d.rpcwall" % (shape, n))
                if command == "check":
                    cmd = [launcher, "check", policy]
                else:
                    cmd = [launcher, "compile", policy, "--target", command, "-o", out_dir]
                    if command in LEGACY_IPSEC:
                        # The legacy agent filters IPv4 only; gen.py's policies have IPv6 networks.
                        cmd.append("--ipv4-only")
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                walls, rss, rcs = [], [], set()
                for _ in range(args.runs):
                    w, m, rc = measure(cmd)
                    walls.append(w)
                    rss.append(m)
                    rcs.add(rc)
                print("| %s | %s | %d | %.3f | %.3f | %.0f | %s |" % (
                    command, shape, n, statistics.median(walls), min(walls), max(rss),
                    ",".join(str(c) for c in sorted(rcs))))
                sys.stdout.flush()


if __name__ == "__main__":
    main()
