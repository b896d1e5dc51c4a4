#!/usr/bin/env python3
"""The scale curve of BENCHMARKS.md: index time, peak RSS, index size and query latency at several corpus sizes.

Dependencies: Python 3.8+ standard library; GNU time at /usr/bin/time (Debian package `time`); a release build
of lede; corpora made by scripts/scale_corpus.py.

    python3 scripts/scale_curve.py --lede /work/target-bench/release/lede --work /tmp/lede-scale \
        --size 1=../shared/corpora/allsides --size 3=/tmp/lede-scale/x3 --no-entities --rounds 5

For each SIZE=DIR: `lede index DIR --index WORK/index-SIZE [--no-entities] --json` under `/usr/bin/time -v`
(a fresh index each time), then `lede bench --index … --queries data/queries.tsv --rounds N --json`.
Prints a Markdown table; raw figures go to WORK/scale.json (merged with earlier runs of other sizes).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fts5_compare import dir_size, timed  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lede", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--size", action="append", required=True, help="LABEL=DIR, e.g. 3=/tmp/lede-scale/x3")
    ap.add_argument("--queries", default="data/queries.tsv")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-entities", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the indexes")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    out_path = os.path.join(a.work, "scale.json")
    results = {}
    if os.path.exists(out_path):
        with open(out_path) as f:
            results = json.load(f)
    for spec in a.size:
        label, corpus = spec.split("=", 1)
        key = f"{label}{'' if a.no_entities else '+entities'}"
        index = os.path.join(a.work, f"index-{key}")
        shutil.rmtree(index, ignore_errors=True)
        load = open("/proc/loadavg").read().split()[:3]
        cmd = [a.lede, "index", corpus, "--index", index, "--json"] + (["--no-entities"] if a.no_entities else [])
        out, wall, rss = timed(cmd)
        summary = json.loads(out) if out.strip() else {}
        p = subprocess.run([a.lede, "bench", "--index", index, "--queries", a.queries, "--rounds", str(a.rounds),
                            "--json"], capture_output=True, text=True, check=True)
        b = json.loads(p.stdout)
        results[key] = {"corpus": corpus, "seconds": wall, "rss_mib": rss, "bytes": dir_size(index),
                        "articles": b.get("articles"), "bench": b, "summary": summary, "loadavg": load}
        if not a.keep:
            shutil.rmtree(index, ignore_errors=True)
        with open(out_path, "w") as f:
            json.dump(results, f, indent=1)
        r = results[key]
        print(f"{key}: {r['articles']} articles, {wall:.1f} s, {rss:.0f} MiB, load {' '.join(load)}", flush=True)
    print("| size | articles | index wall | articles/s | peak RSS | index size | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    for key, r in results.items():
        al = r["bench"]["all"]
        print(f"| {key}× | {r['articles']} | {r['seconds']:.0f} s | {r['articles'] / r['seconds']:.0f} "
              f"| {r['rss_mib']:.0f} MiB | {r['bytes'] / 2**20:.0f} MiB | {al['p50_ms']:.2f} | {al['p95_ms']:.2f} "
              f"| {al['p99_ms']:.2f} |")


if __name__ == "__main__":
    main()
