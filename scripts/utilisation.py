#!/usr/bin/env python3
"""Runs a command and shows how many cores it kept busy, second by second, and which threads used the CPU.

    python3 scripts/utilisation.py -- target/release/lede index ../shared/corpora/allsides --index /tmp/u --json

Samples /proc/PID/task/*/stat every 0.2 s (Linux only). Prints one line per second: cores busy in that second
(user + system CPU seconds / wall seconds) as a number and a bar; then CPU seconds by thread name (tantivy
names its threads `thrd-tantivy-index0`, `merge_thread_0`, ...; lede's own threads are unnamed and show as the
program's name); then the share of the wall time with both cores (or all of them) at least 90 % busy.
"""

import argparse
import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def threads(pid):
    """{tid: (name, cpu seconds)} for the live threads of pid."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        out[tid] = (name, (int(fields[11]) + int(fields[12])) / TICK)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--interval", type=float, default=0.2)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not cmd:
        ap.error("no command")
    cores = os.cpu_count() or 1
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    last = {}
    per_second = {}
    by_name = {}
    while p.poll() is None:
        now = threads(p.pid)
        t = time.monotonic() - start
        delta = 0.0
        for tid, (name, cpu) in now.items():
            before = last.get(tid, (name, 0.0))[1]
            delta += cpu - before
            by_name[(tid, name)] = cpu
        last.update(now)
        per_second[int(t)] = per_second.get(int(t), 0.0) + delta
        time.sleep(a.interval)
    wall = time.monotonic() - start
    if p.returncode != 0:
        sys.exit(f"utilisation: {' '.join(cmd)} exited with {p.returncode}")
    busy = 0
    for s in range(int(wall) + 1):
        used = per_second.get(s, 0.0)
        span = min(1.0, wall - s)
        load = used / span if span > 0 else 0.0
        busy += load >= 0.9 * cores
        print(f"{s:4d} s  {load:4.2f} cores  {'#' * round(load * 20)}")
    names = {}
    for (_, name), cpu in by_name.items():
        key = name.rstrip("0123456789")
        names[key] = names.get(key, 0.0) + cpu
    total = sum(names.values())
    print(f"\nwall {wall:.1f} s, CPU seen {total:.1f} s ({total / wall:.2f} cores on average of {cores})")
    for name, cpu in sorted(names.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28s} {cpu:6.1f} s")
    print(f"seconds with all {cores} cores at least 90 % busy: {busy} of {int(wall) + 1}")


if __name__ == "__main__":
    main()
