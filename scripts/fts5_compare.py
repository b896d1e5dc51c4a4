#!/usr/bin/env python3
"""lede beside SQLite FTS5 on the same corpus and the same queries (BENCHMARKS.md).

Dependencies
------------
- Python 3.8+ standard library only; its `sqlite3` module must have FTS5 (Debian/Ubuntu python3 does: check with
  `python3 scripts/fts5_compare.py check`). If yours lacks FTS5, `pip install pysqlite3-binary`: the script
  then imports `pysqlite3` instead.
- The `sqlite3` shell for the whole-process timing (`apt-get install -y sqlite3`); optional.
- `/usr/bin/time` (GNU time, Debian package `time`) for peak RSS of the index builds.
- `hyperfine` (`apt-get install -y hyperfine`) for the whole-process timing; without it a loop of runs is timed
  here and the median reported.
- A release build of lede: `CARGO_TARGET_DIR=/work/target-bench cargo build --release`.

Subcommands
-----------
    fts5_compare.py check
    fts5_compare.py build --corpus DIR --db FILE            # FTS5 index; prints JSON (seconds, bytes, articles)
    fts5_compare.py bench --db FILE --queries TSV [--rounds N] [--json]
    fts5_compare.py translate --queries TSV                  # show each query in FTS5 MATCH syntax
    fts5_compare.py compare --lede BIN --corpus DIR --work DIR [--queries TSV] [--rounds N] [--repeat N]

`compare` does everything: `lede index` and the FTS5 build under `/usr/bin/time -v` (wall time, peak RSS),
index sizes, `lede bench --json` and the FTS5 bench (same query file, same warm-up and rounds, same percentile
definition), whole-process `lede search` against the `sqlite3` shell, and prints one Markdown table. Each
measurement runs --repeat times and the best is kept (the machine may be shared). Raw figures go to
WORK/compare.json.

FTS5 setup: one table `articles(headline, body, date UNINDEXED, source UNINDEXED, url UNINDEXED,
authors UNINDEXED)`, tokenizer `porter unicode61`, ranked by `bm25(articles, 2.5, 1.0)` (lede's headline and
body boosts), top 10 with `snippet(articles, 1, ...)` (about 200 bytes, like lede) and the stored columns.

Query translation (data/queries.tsv classes):
  term     word                 -> word
  and      +a +b                -> a AND b
  phrase   "a b"                -> "a b"
  date     words + since/until  -> words AND-ed (lede requires up to three words) + `date BETWEEN since AND until`
  entity   person:"A B" words   -> body:"a b" AND words   (FTS5 has no entities: the name's words as a body phrase)
  natural  a question           -> its words minus lede's stop words, OR-ed (lede needs half of them; FTS5 ranks
                                   any match, so it does more work here than lede's minimum-match)
FTS5 does not count all matches (lede does, in the same pass); no COUNT(*) is run.
"""

import argparse
import glob
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

try:
    import sqlite3

    sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(a)")
except Exception:  # pragma: no cover - only where the system sqlite lacks FTS5
    try:
        import pysqlite3 as sqlite3  # pip install pysqlite3-binary
    except ImportError:
        sys.exit("fts5_compare: this Python's sqlite3 has no FTS5; run `pip install pysqlite3-binary`")

# lede's stop words for long inputs (crates/query/src/build.rs).
STOPWORDS = set(
    """a about after all also an and are as at be been but by can could did do does for from had has have he her
    his how i if in into is it its may more not of on or over s she so than that the their them there they this
    to was we were what when where which who why will with would you""".split()
)
WORD = re.compile(r"[^\W_]+", re.UNICODE)
SNIPPET_TOKENS = 32  # about 200 bytes of English, lede's default snippet length
SQL = (
    "SELECT rowid, headline, date, source, url, authors, "
    "snippet(articles, 1, '**', '**', '…', {tokens}) "
    "FROM articles WHERE articles MATCH ? {date} ORDER BY bm25(articles, 2.5, 1.0) LIMIT 10"
)


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def quote(w):
    return '"' + w.replace('"', '""') + '"'


def translate(cls, query):
    """lede query -> (FTS5 MATCH expression, note)."""
    q = query.strip()
    if cls == "term":
        return " AND ".join(quote(w) for w in words(q)), ""
    if cls == "and":
        return " AND ".join(quote(w) for w in words(q.replace("+", " "))), ""
    if cls == "phrase":
        return quote(" ".join(words(q))), ""
    if cls == "date":
        return " AND ".join(quote(w) for w in words(q)), "date BETWEEN"
    if cls == "entity":
        m = re.match(r'\s*(person|org|place):("([^"]*)"|(\S+))\s*(.*)$', q)
        if not m:
            return " AND ".join(quote(w) for w in words(q)), ""
        name = m.group(3) if m.group(3) is not None else m.group(4)
        rest = words(m.group(5))
        parts = ["body : " + quote(" ".join(words(name)))] + [quote(w) for w in rest]
        return " AND ".join(parts), "name as body phrase"
    # natural (and anything else): content words OR-ed.
    ws = [w for w in words(q) if w not in STOPWORDS] or words(q)
    seen = []
    for w in ws:
        if w not in seen:
            seen.append(w)
    return " OR ".join(quote(w) for w in seen), ""


def read_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            since = parts[2].strip() if len(parts) > 2 and parts[2].strip() else None
            until = parts[3].strip() if len(parts) > 3 and parts[3].strip() else None
            out.append((parts[0].strip(), parts[1], since, until))
    return out


def latency(samples):
    """Same percentile definition as lede (crates/query/src/bench.rs)."""
    if not samples:
        return {"p50_ms": 0, "p95_ms": 0, "p99_ms": 0, "mean_ms": 0, "queries": 0}
    s = sorted(samples)
    n = len(s)

    def at(p):
        import math

        return s[min(max(math.ceil(n * p), 1), n) - 1]

    return {"p50_ms": at(0.5), "p95_ms": at(0.95), "p99_ms": at(0.99), "mean_ms": sum(s) / n, "queries": n}


# ---------------------------------------------------------------------------------------------------------------
# FTS5 build and bench


def iter_articles(corpus):
    paths = sorted(glob.glob(os.path.join(corpus, "**", "*.jsonl.gz"), recursive=True))
    paths += sorted(glob.glob(os.path.join(corpus, "**", "*.jsonl"), recursive=True))
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    a = json.loads(line)
                except ValueError:
                    continue
                authors = a.get("authors")
                if isinstance(authors, list):
                    authors = ", ".join(map(str, authors))
                yield (
                    a.get("title") or "",
                    a.get("content_original") or "",
                    (a.get("date") or "")[:10] or None,
                    a.get("source"),
                    a.get("url"),
                    authors,
                )


def build(corpus, db):
    if os.path.exists(db):
        os.remove(db)
    started = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute(
        "CREATE VIRTUAL TABLE articles USING fts5(headline, body, date UNINDEXED, source UNINDEXED, "
        "url UNINDEXED, authors UNINDEXED, tokenize='porter unicode61')"
    )
    n = 0
    batch = []
    for row in iter_articles(corpus):
        batch.append(row)
        if len(batch) >= 2000:
            con.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?)", batch)
            n += len(batch)
            batch = []
    if batch:
        con.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?)", batch)
        n += len(batch)
    con.commit()
    loaded = time.perf_counter() - started
    # Merge the b-tree segments into one, as a finished tantivy index is a few merged segments.
    con.execute("INSERT INTO articles(articles) VALUES('optimize')")
    con.commit()
    con.close()
    seconds = time.perf_counter() - started
    return {"articles": n, "seconds": seconds, "seconds_before_optimize": loaded, "bytes": os.path.getsize(db)}


def bench(db, queries, rounds):
    con = sqlite3.connect(db)
    prepared = []
    for cls, q, since, until in queries:
        match, _ = translate(cls, q)
        date_sql, params = "", [match]
        if since or until:
            date_sql = "AND date BETWEEN ? AND ?"
            params += [since or "0000-00-00", until or "9999-99-99"]
        prepared.append((cls, SQL.format(tokens=SNIPPET_TOKENS, date=date_sql), params))
    hits = 0
    for _, sql, params in prepared:  # warm-up
        hits += len(con.execute(sql, params).fetchall())
    by_class, every = {}, []
    started = time.perf_counter()
    for _ in range(max(1, rounds)):
        for cls, sql, params in prepared:
            t = time.perf_counter()
            rows = con.execute(sql, params).fetchall()
            ms = (time.perf_counter() - t) * 1000.0
            del rows
            by_class.setdefault(cls, []).append(ms)
            every.append(ms)
    elapsed = time.perf_counter() - started
    con.close()
    return {
        "classes": {k: latency(v) for k, v in sorted(by_class.items())},
        "all": latency(every),
        "qps": len(every) / max(elapsed, 1e-9),
        "mean_top_hits": hits / max(1, len(prepared)),
    }


# ---------------------------------------------------------------------------------------------------------------
# compare: both engines


def timed(cmd, **kw):
    """Runs cmd under GNU time -v; returns (stdout, wall seconds, peak RSS MiB)."""
    full = ["/usr/bin/time", "-v"] + cmd
    p = subprocess.run(full, capture_output=True, text=True, **kw)
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr)
        raise SystemExit(f"fts5_compare: {' '.join(cmd)} failed ({p.returncode})")
    wall = rss = None
    for line in p.stderr.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            t = line.rsplit(" ", 1)[1].split(":")
            wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(t)))
        elif line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[1]) / 1024.0
    return p.stdout, wall, rss


def dir_size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(path) for f in fs)


def whole_process(cmds, runs):
    """Median wall ms of each command (stdout to /dev/null), via hyperfine when installed."""
    out = {}
    hf = shutil.which("hyperfine")
    for name, cmd in cmds.items():
        if hf:
            tmp = "/tmp/fts5_compare_hf.json"
            subprocess.run(
                [hf, "-N", "--warmup", "2", "--runs", str(runs), "--export-json", tmp, "-i",
                 " ".join(sh_quote(c) for c in cmd)],
                capture_output=True, text=True, check=True,
            )
            with open(tmp) as f:
                r = json.load(f)["results"][0]
            out[name] = r["median"] * 1000.0
        else:
            samples = []
            for i in range(runs + 2):
                t = time.perf_counter()
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                if i >= 2:
                    samples.append((time.perf_counter() - t) * 1000.0)
            out[name] = statistics.median(samples)
    return out


def sh_quote(s):
    if re.fullmatch(r"[A-Za-z0-9_./=:-]+", s):
        return s
    return "'" + s.replace("'", "'\"'\"'") + "'"


def compare(args):
    os.makedirs(args.work, exist_ok=True)
    lede_index = os.path.join(args.work, "lede-index")
    fts_db = os.path.join(args.work, "fts5.db")
    queries = read_queries(args.queries)
    res = {"uptime_before": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()}

    runs = []
    for _ in range(args.repeat):
        shutil.rmtree(lede_index, ignore_errors=True)
        cmd = [args.lede, "index", args.corpus, "--index", lede_index, "--json"]
        if args.no_entities:
            cmd.append("--no-entities")
        out, wall, rss = timed(cmd)
        runs.append({"seconds": wall, "rss_mib": rss, "summary": json.loads(out) if out.strip() else None})
    res["lede_index"] = min(runs, key=lambda r: r["seconds"])
    res["lede_index_runs"] = [(r["seconds"], r["rss_mib"]) for r in runs]
    res["lede_bytes"] = dir_size(lede_index)

    runs = []
    for _ in range(args.repeat):
        out, wall, rss = timed([sys.executable, os.path.abspath(__file__), "build", "--corpus", args.corpus,
                                "--db", fts_db])
        r = json.loads(out)
        r.update({"wall": wall, "rss_mib": rss})
        runs.append(r)
    res["fts5_build"] = min(runs, key=lambda r: r["wall"])
    res["fts5_build_runs"] = [(r["wall"], r["rss_mib"]) for r in runs]
    res["fts5_bytes"] = os.path.getsize(fts_db)

    lede_runs, fts_runs = [], []
    for _ in range(args.repeat):
        p = subprocess.run([args.lede, "bench", "--index", lede_index, "--queries", args.queries, "--rounds",
                            str(args.rounds), "--json"], capture_output=True, text=True, check=True)
        lede_runs.append(json.loads(p.stdout))
        fts_runs.append(bench(fts_db, queries, args.rounds))
    res["lede_bench_runs"] = lede_runs
    res["fts5_bench_runs"] = fts_runs
    res["lede_bench"] = min(lede_runs, key=lambda r: r["all"]["p50_ms"])
    res["fts5_bench"] = min(fts_runs, key=lambda r: r["all"]["p50_ms"])

    # Whole process: one query per class.
    first = {}
    for cls, q, since, until in queries:
        first.setdefault(cls, (q, since, until))
    cmds = {}
    for cls, (q, since, until) in first.items():
        lcmd = [args.lede, "search", q, "--index", lede_index, "--color", "never"]
        if since:
            lcmd += ["--since", since]
        if until:
            lcmd += ["--until", until]
        match, _ = translate(cls, q)
        date_sql = f" AND date BETWEEN '{since}' AND '{until}'" if since else ""
        sql = SQL.format(tokens=SNIPPET_TOKENS, date=date_sql.replace("'", "''").replace("''", "'")).replace(
            "?", "'" + match.replace("'", "''") + "'"
        )
        scmd = ["sqlite3", fts_db, sql]
        cmds[f"lede:{cls}"] = lcmd
        cmds[f"sqlite3:{cls}"] = scmd
    best = {}
    for _ in range(args.repeat):
        for k, v in whole_process(cmds, args.cli_runs).items():
            best[k] = min(best.get(k, float("inf")), v)
    res["cli_ms"] = best
    res["cli_queries"] = {cls: q for cls, (q, _, _) in first.items()}
    res["uptime_after"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    with open(os.path.join(args.work, "compare.json"), "w") as f:
        json.dump(res, f, indent=1)
    print(table(res))


def table(res):
    lb, fb = res["lede_bench"], res["fts5_bench"]
    li, fi = res["lede_index"], res["fts5_build"]
    mib = lambda b: f"{b / 2**20:.0f} MiB"
    rows = [
        "| | lede (tantivy 0.27) | SQLite FTS5 |",
        "|---|---|---|",
        f"| articles | {lb.get('articles', '')} | {fi['articles']} |",
        f"| index build, wall | {li['seconds']:.1f} s | {fi['wall']:.1f} s |",
        f"| index build, peak RSS | {li['rss_mib']:.0f} MiB | {fi['rss_mib']:.0f} MiB |",
        f"| index size on disk | {mib(res['lede_bytes'])} | {mib(res['fts5_bytes'])} |",
    ]
    classes = sorted(set(lb["classes"]) | set(fb["classes"]))
    for cls in classes + ["all"]:
        a = lb["all"] if cls == "all" else lb["classes"].get(cls)
        b = fb["all"] if cls == "all" else fb["classes"].get(cls)
        f = lambda x: f"{x['p50_ms']:.2f} / {x['p95_ms']:.2f} / {x['p99_ms']:.2f}" if x else "-"
        rows.append(f"| query `{cls}` p50 / p95 / p99 ms | {f(a)} | {f(b)} |")
    rows.append(f"| queries per second (one thread) | {lb['qps']:.0f} | {fb['qps']:.0f} |")
    for cls, q in res.get("cli_queries", {}).items():
        rows.append(
            f"| whole process `{cls}` ({q[:40]}), median ms | {res['cli_ms'][f'lede:{cls}']:.1f} "
            f"| {res['cli_ms'][f'sqlite3:{cls}']:.1f} |"
        )
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("check")
    b = sub.add_parser("build")
    b.add_argument("--corpus", required=True)
    b.add_argument("--db", required=True)
    q = sub.add_parser("bench")
    q.add_argument("--db", required=True)
    q.add_argument("--queries", default="data/queries.tsv")
    q.add_argument("--rounds", type=int, default=20)
    q.add_argument("--json", action="store_true")
    t = sub.add_parser("translate")
    t.add_argument("--queries", default="data/queries.tsv")
    c = sub.add_parser("compare")
    c.add_argument("--lede", required=True)
    c.add_argument("--corpus", required=True)
    c.add_argument("--work", required=True)
    c.add_argument("--queries", default="data/queries.tsv")
    c.add_argument("--rounds", type=int, default=20)
    c.add_argument("--repeat", type=int, default=2)
    c.add_argument("--cli-runs", type=int, default=20)
    c.add_argument("--no-entities", action="store_true")
    c.add_argument("--table-only", action="store_true", help="print the table of WORK/compare.json")
    a = ap.parse_args()
    if a.cmd == "check":
        print(f"sqlite {sqlite3.sqlite_version}: FTS5 available")
    elif a.cmd == "build":
        print(json.dumps(build(a.corpus, a.db)))
    elif a.cmd == "bench":
        r = bench(a.db, read_queries(a.queries), a.rounds)
        if a.json:
            print(json.dumps(r))
        else:
            for cls, l in list(r["classes"].items()) + [("all", r["all"])]:
                print(f"{cls:8} p50 {l['p50_ms']:7.3f} ms  p95 {l['p95_ms']:7.3f}  p99 {l['p99_ms']:7.3f}  "
                      f"mean {l['mean_ms']:7.3f}  n={l['queries']}")
            print(f"qps {r['qps']:.0f}")
    elif a.cmd == "translate":
        for cls, q, since, until in read_queries(a.queries):
            m, note = translate(cls, q)
            extra = f"  [date BETWEEN {since} AND {until}]" if since else ""
            print(f"{cls}\t{q}\t=> {m}{extra}{'  (' + note + ')' if note and note != 'date BETWEEN' else ''}")
    elif a.cmd == "compare":
        if a.table_only:
            with open(os.path.join(a.work, "compare.json")) as f:
                print(table(json.load(f)))
        else:
            compare(a)


if __name__ == "__main__":
    main()
