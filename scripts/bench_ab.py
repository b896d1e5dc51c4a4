#!/usr/bin/env python3
"""Interleaved A/B runs of `lede bench`: each configuration's bench runs once per repetition, in turn, so that a
machine's drift over the minutes of a measurement falls on all of them alike.

    python3 scripts/bench_ab.py --index IDX --queries data/queries.tsv --rounds 5 --reps 3 \
        before=/tmp/lede-before after=target/release/lede [--env after:LEDE_SEARCH_THREADS=1] [--mode facets]

Prints, per configuration, the lowest and median (over the repetitions) of the bench's p50 and mean, and the
median p99, in milliseconds.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--mode", default="search")
    parser.add_argument("--env", action="append", default=[], help="LABEL:NAME=VALUE, an environment variable for one configuration")
    parser.add_argument("configs", nargs="+", help="LABEL=BINARY")
    args = parser.parse_args()

    configs = []
    for config in args.configs:
        label, sep, binary = config.partition("=")
        if not sep:
            parser.error(f"expected LABEL=BINARY, got {config!r}")
        configs.append((label, binary))
    envs = {label: dict(os.environ) for label, _ in configs}
    for item in args.env:
        label, _, assignment = item.partition(":")
        name, _, value = assignment.partition("=")
        if label not in envs or not name:
            parser.error(f"bad --env {item!r}")
        envs[label][name] = value

    results = {label: [] for label, _ in configs}
    for _ in range(args.reps):
        for label, binary in configs:
            command = [binary, "bench", "--index", args.index, "--queries", args.queries, "--rounds", str(args.rounds), "--json"]
            if args.mode != "search":
                command += ["--mode", args.mode]
            run = subprocess.run(command, env=envs[label], capture_output=True, text=True)
            if run.returncode != 0:
                sys.stderr.write(run.stderr)
                return 1
            overall = json.loads(run.stdout)["all"]
            results[label].append((overall["p50_ms"], overall["mean_ms"], overall["p99_ms"]))
    for label, runs in results.items():
        p50 = [r[0] for r in runs]
        mean = [r[1] for r in runs]
        p99 = [r[2] for r in runs]
        print(
            f"{label:12} p50 min {min(p50):.3f} med {statistics.median(p50):.3f} | "
            f"mean min {min(mean):.3f} med {statistics.median(mean):.3f} | p99 med {statistics.median(p99):.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
