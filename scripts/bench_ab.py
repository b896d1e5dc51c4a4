#!/usr/bin/env python3
"""Interleaved A/B runs of `lede bench`: each configuration's bench runs once per repetition, in turn, so that a
machine's drift over the minutes of a measurement falls on all of them alike.

    python3 scripts/bench_ab.py --index IDX --queries data/queries.tsv --rounds 5 --reps 3 \
        before=/tmp/lede-before after=target/release/lede [--env after:LEDE_SEARCH_THREADS=1] [--mode facets]

Prints, per configuration, the lowest and median (over the repetitions) of the bench's p50 and mean, and the
median p99, in milliseconds.

`--each CLASS` benches the queries of that class one by one (each its own class; with `--range FROM..TO` each under
that range of days) and prints, per configuration, the sum over the queries of their p50 (the median over the
repetitions), the measure of the slow questions:

    python3 scripts/bench_ab.py --index IDX --queries data/queries.tsv --each natural --range 2012-01-01..2019-12-31 \
        --rounds 8 --reps 8 before=/tmp/lede-before after=target/release/lede
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--mode", default="search")
    parser.add_argument("--each", help="bench the queries of this class one by one, and sum their p50s")
    parser.add_argument("--range", help="FROM..TO: with --each, every query under this range of days")
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

    queries = args.queries
    if args.each:
        lines = [line.rstrip("\n").split("\t") for line in open(args.queries, encoding="utf-8")]
        chosen = [fields[1] for fields in lines if len(fields) >= 2 and fields[0] == args.each]
        if not chosen:
            parser.error(f"no query of class {args.each!r} in {args.queries}")
        dates = args.range.split("..", 1) if args.range else []
        each = tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8")
        for i, query in enumerate(chosen):
            each.write("\t".join([f"q{i:03}", query, *dates]) + "\n")
        each.close()
        queries = each.name

    results = {label: [] for label, _ in configs}
    classes = {label: [] for label, _ in configs}
    for _ in range(args.reps):
        for label, binary in configs:
            command = [binary, "bench", "--index", args.index, "--queries", queries, "--rounds", str(args.rounds), "--json"]
            if args.mode != "search":
                command += ["--mode", args.mode]
            run = subprocess.run(command, env=envs[label], capture_output=True, text=True)
            if run.returncode != 0:
                sys.stderr.write(run.stderr)
                return 1
            report = json.loads(run.stdout)
            overall = report["all"]
            results[label].append((overall["p50_ms"], overall["mean_ms"], overall["p99_ms"]))
            classes[label].append({name: c["p50_ms"] for name, c in report["classes"].items() if name != "all"})
    for label, runs in results.items():
        p50 = [r[0] for r in runs]
        mean = [r[1] for r in runs]
        p99 = [r[2] for r in runs]
        print(
            f"{label:12} p50 min {min(p50):.3f} med {statistics.median(p50):.3f} | "
            f"mean min {min(mean):.3f} med {statistics.median(mean):.3f} | p99 med {statistics.median(p99):.3f}"
        )
    if args.each:
        for label, runs in classes.items():
            total = sum(statistics.median(run[name] for run in runs) for name in runs[0])
            print(f"{label:12} sum over the {len(runs[0])} queries of their p50 median: {total:.2f} ms")
        os.unlink(queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
