#!/usr/bin/env python3
"""Index builds side by side, in one run: lede with entities, lede --no-entities, plain tantivy, SQLite FTS5.

    cargo build --release --bin lede
    cargo build --release -p lede-indexer --example plain_tantivy
    python3 scripts/index_compare.py --corpus ../shared/corpora/allsides --work /tmp/index-compare --repeat 2

Each round builds the four indexes from scratch one after the other (A, B, C, D, A, B, C, D, ...), so load
from other work on the machine falls on all of them alike. For each build it records:

- wall seconds, and CPU seconds (user + sys, from the kernel's rusage of the process, what GNU time reports):
  on a shared machine CPU seconds are the steadier figure;
- peak RSS as GNU time reports it (`ru_maxrss`), and, sampled from /proc/PID/status every 0.1 s, the peak of
  RssAnon (heap: what the process needs) and of RssFile (mapped index files, page cache the kernel may drop);
- the 1-minute load average before it started;
- the index size on disk.

Ratios are taken within a round (lede with entities / FTS5, lede --no-entities / plain tantivy), then the
median over rounds is printed with the runs. Raw figures go to WORK/index_compare.json.

The builds: `lede index CORPUS --index WORK/lede [--no-entities] --json` (so with the corpus-level alias
resolution), `target/release/examples/plain_tantivy CORPUS WORK/plain` (crates/indexer/examples/plain_tantivy.rs:
headline, body, source, date; one IndexWriter, 2 threads, merged to one segment), and
`scripts/fts5_compare.py build` (porter unicode61, optimize at the end). Standard library only.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def load():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def measure(cmd):
    """Runs cmd; returns its stdout, wall and CPU seconds and peak memory figures (MiB)."""
    peak = {"RssAnon": 0, "RssFile": 0, "VmRSS": 0}
    before = load()
    started = time.perf_counter()
    out_path = "/tmp/index_compare.stdout"
    with open(out_path, "w") as out:
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        status = None
        while status is None:
            try:
                with open(f"/proc/{p.pid}/status") as f:
                    for line in f:
                        k, _, v = line.partition(":")
                        if k in peak:
                            peak[k] = max(peak[k], int(v.split()[0]))
            except OSError:
                pass
            pid, code, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                status = (code, usage)
            else:
                time.sleep(0.1)
    wall = time.perf_counter() - started
    code, usage = status
    stderr = p.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(code) != 0:
        sys.stderr.write(stderr)
        raise SystemExit(f"index_compare: {' '.join(cmd)} failed")
    with open(out_path) as f:
        stdout = f.read()
    return stdout, {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "user": usage.ru_utime,
        "sys": usage.ru_stime,
        "max_rss_mib": usage.ru_maxrss / 1024.0,
        "peak_anon_mib": peak["RssAnon"] / 1024.0,
        "peak_file_mib": peak["RssFile"] / 1024.0,
        "load_before": before,
    }


def dir_size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(path) for f in fs)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lede", default="target/release/lede")
    ap.add_argument("--plain", default="target/release/examples/plain_tantivy")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--only", default="lede,lede-no-entities,plain-tantivy,fts5",
                    help="comma-separated subset of the four builds")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    builds = {
        "lede": (os.path.join(a.work, "lede"),
                 lambda d: [a.lede, "index", a.corpus, "--index", d, "--json"]),
        "lede-no-entities": (os.path.join(a.work, "lede-noent"),
                             lambda d: [a.lede, "index", a.corpus, "--index", d, "--json", "--no-entities"]),
        "plain-tantivy": (os.path.join(a.work, "plain"), lambda d: [a.plain, a.corpus, d]),
        "fts5": (os.path.join(a.work, "fts5.db"),
                 lambda d: [sys.executable, os.path.join(HERE, "fts5_compare.py"), "build", "--corpus", a.corpus,
                            "--db", d]),
    }
    chosen = [b for b in a.only.split(",") if b]
    for b in chosen:
        if b not in builds:
            raise SystemExit(f"index_compare: unknown build `{b}`; known: {', '.join(builds)}")
    rounds = []
    for r in range(a.repeat):
        row = {}
        for name in chosen:
            path, cmd = builds[name]
            if os.path.isdir(path):
                shutil.rmtree(path)
            elif os.path.exists(path):
                os.remove(path)
            stdout, figures = measure(cmd(path))
            figures["bytes"] = dir_size(path)
            try:
                figures["output"] = json.loads(stdout.strip().splitlines()[-1])
            except (ValueError, IndexError):
                figures["output"] = None
            row[name] = figures
            print(f"round {r + 1} {name:17} wall {figures['wall']:6.1f} s  cpu {figures['cpu']:6.1f} s  "
                  f"rss {figures['max_rss_mib']:5.0f} MiB (anon {figures['peak_anon_mib']:4.0f}, file "
                  f"{figures['peak_file_mib']:4.0f})  load {figures['load_before']:.1f}", file=sys.stderr)
        rounds.append(row)
    with open(os.path.join(a.work, "index_compare.json"), "w") as f:
        json.dump({"rounds": rounds}, f, indent=1)
    print(table(rounds, chosen))


def table(rounds, chosen):
    runs = lambda name, key: [r[name][key] for r in rounds]
    fmt = lambda xs, f: " / ".join(f.format(x) for x in xs)
    lines = ["| build | wall s | CPU s (user+sys) | peak RSS MiB | peak heap (RssAnon) MiB | peak mapped (RssFile) MiB "
             "| size MiB | load before |", "|---|---|---|---|---|---|---|---|"]
    for name in chosen:
        lines.append(
            f"| {name} | {fmt(runs(name, 'wall'), '{:.1f}')} | {fmt(runs(name, 'cpu'), '{:.1f}')} "
            f"| {fmt(runs(name, 'max_rss_mib'), '{:.0f}')} | {fmt(runs(name, 'peak_anon_mib'), '{:.0f}')} "
            f"| {fmt(runs(name, 'peak_file_mib'), '{:.0f}')} | {runs(name, 'bytes')[-1] / 2**20:.0f} "
            f"| {fmt(runs(name, 'load_before'), '{:.1f}')} |"
        )
    lines.append("")
    for a, b in [("lede", "fts5"), ("lede-no-entities", "plain-tantivy"), ("lede", "lede-no-entities"),
                 ("plain-tantivy", "fts5")]:
        if a in chosen and b in chosen:
            for key in ("wall", "cpu"):
                ratios = [r[a][key] / r[b][key] for r in rounds]
                lines.append(f"- {a} / {b}, {key}: {statistics.median(ratios):.2f}x "
                             f"(rounds: {fmt(ratios, '{:.2f}')})")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
