#!/usr/bin/env python3
"""Cold benchmarks: wall time and peak RSS of whole `./rpcwall` runs (JVM start included).

Usage: bench/cold.py [--runs R] [--sizes 10,1000,10000,100000] [--commands check,netsh,powershell,ipsecpol,...] [--shapes list,rules,kb]
       bench/cold.py --commands lint [--runs R] [--lint-files FILE,FILE...]
Writes policies with bench/gen.py into target/bench/, runs each command R times (after one
untimed run so the jar and its class-data archive exist) and prints a Markdown table of the
median wall time and the largest peak RSS.

`lint` times `./rpcwall lint FILE --format json` on each host export on its own: the files of
--lint-files (e.g. the 10,000-rule registry export and the 5,000-rule `show rule verbose` dump of
issue 7), or by default the ones bench/gen_hosts.py writes (reg-10000.reg, show-5000.txt). The
table says which format lint read each file as and how many rules it found (from the untimed
run), so a file read as "unknown" is not mistaken for a fast run.
"""
import json
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
    ap.add_argument("--lint-files", default="", help="host exports for the lint command (comma-separated)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    commands = args.commands.split(",")
    work = os.path.join(ROOT, "target", "bench")
    if "lint" in commands:
        bench_lint(args, work)
        commands = [c for c in commands if c != "lint"]
        if not commands:
            return
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


def bench_lint(args, work):
    launcher = os.path.join(ROOT, "rpcwall")
    if args.lint_files:
        files = [f for f in args.lint_files.split(",") if f]
    else:
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_hosts.py"), work,
                        "--reg", "10000", "--show", "5000"], check=True)
        files = [os.path.join(work, "reg-10000.reg"), os.path.join(work, "show-5000.txt")]
    print("| lint input | bytes | read as | rules | findings | wall median (s) | wall min (s) | peak RSS (MiB) | exit |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for f in files:
        cmd = [launcher, "lint", f, "--format", "json"]
        # Untimed: builds the jar if needed, and says what lint made of the file.
        first = subprocess.run(cmd, capture_output=True, text=True)
        try:
            doc = json.loads(first.stdout)
            fmt = doc["files"][0]["format"]
            rules = doc["files"][0]["rules"]
            findings = len(doc["findings"])
        except (ValueError, KeyError, IndexError):
            fmt, rules, findings = "?", -1, -1
        walls, rss, rcs = [], [], set()
        for _ in range(args.runs):
            w, m, rc = measure(cmd)
            walls.append(w)
            rss.append(m)
            rcs.add(rc)
        print("| %s | %d | %s | %d | %d | %.3f | %.3f | %.0f | %s |" % (
            os.path.basename(f), os.path.getsize(f), fmt, rules, findings, statistics.median(walls),
            min(walls), max(rss), ",".join(str(c) for c in sorted(rcs))))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
