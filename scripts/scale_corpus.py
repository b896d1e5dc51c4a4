#!/usr/bin/env python3
"""Make a larger, realistic corpus from AllSides for the scale curve of BENCHMARKS.md.

Dependencies: Python 3.8+ standard library only (json, gzip, random).

    python3 scripts/scale_corpus.py --factor 3 --out /tmp/lede-scale/x3
    python3 scripts/scale_corpus.py --factor 10 --out /tmp/lede-scale/x10

The output holds the original corpus once, unchanged (copy 0), plus `factor - 1` synthetic copies. A synthetic
article keeps the topic, outlet, authors and headline of a base article, gets a fresh id and URL, a date moved
by up to +/- 2 years (never after --max-date), and a body of the same number of paragraphs drawn at random from
articles of the same AllSides topic (the base article's own paragraphs are about a third of them). So the
vocabulary, term statistics, paragraph and article lengths, and the share of near-duplicates stay realistic,
while postings lists, the doc store and the date range grow with the factor.

Output is gzip JSON Lines (`title`, `content_original`, `date`, `source`, `url`, `authors`, `topic`, `ID`), in
shards of --shard-size articles, the same record format as the input. Write it to /tmp, never into the repo.
Deterministic for a given --seed.
"""

import argparse
import datetime as dt
import glob
import gzip
import json
import os
import random
import sys
import time


def load(corpus):
    articles = []
    for path in sorted(glob.glob(os.path.join(corpus, "*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                try:
                    articles.append(json.loads(line))
                except ValueError:
                    continue
    return articles


def shift_date(date, rng, max_date):
    try:
        d = dt.date.fromisoformat((date or "")[:10])
    except ValueError:
        return date
    if not dt.date(1990, 1, 1) <= d <= max_date:
        return date
    d = d + dt.timedelta(days=rng.randint(-730, 730))
    if d > max_date:
        d = max_date - dt.timedelta(days=rng.randint(0, 365))
    return d.isoformat()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "../../shared/corpora/allsides"))
    ap.add_argument("--factor", type=int, required=True, help="size as a multiple of the corpus (1 = a copy)")
    ap.add_argument("--out", required=True, help="output directory (created; must be outside the repo)")
    ap.add_argument("--shard-size", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--max-date", default="2022-12-31")
    ap.add_argument("--compresslevel", type=int, default=1)
    args = ap.parse_args()

    repo = os.path.realpath(os.path.join(os.path.dirname(__file__), ".."))
    out = os.path.realpath(args.out)
    if out == repo or out.startswith(repo + os.sep):
        sys.exit("scale_corpus: write outside the repository (e.g. /tmp/lede-scale)")
    os.makedirs(out, exist_ok=True)
    max_date = dt.date.fromisoformat(args.max_date)
    rng = random.Random(args.seed)
    started = time.time()
    base = load(args.corpus)
    if not base:
        sys.exit(f"scale_corpus: no *.jsonl.gz articles under {args.corpus}")

    # Paragraph pools per topic.
    paras = [[p for p in (a.get("content_original") or "").split("\n\n") if p.strip()] for a in base]
    by_topic = {}
    for i, a in enumerate(base):
        by_topic.setdefault(a.get("topic") or "", []).append(i)

    shard, count, written = None, 0, 0

    def emit(record):
        nonlocal shard, count, written
        if shard is None or count >= args.shard_size:
            if shard is not None:
                shard.close()
            name = os.path.join(out, f"scale-{written // args.shard_size:04d}.jsonl.gz")
            shard = gzip.open(name, "wt", encoding="utf-8", compresslevel=args.compresslevel)
            count = 0
        shard.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
        written += 1

    for copy in range(args.factor):
        for i, a in enumerate(base):
            if copy == 0:
                emit(a)
                continue
            own = paras[i]
            peers = by_topic[a.get("topic") or ""]
            n = max(1, len(own))
            body = []
            for k in range(n):
                if own and (k < len(own) and rng.random() < 0.34):
                    body.append(own[k])
                else:
                    j = peers[rng.randrange(len(peers))]
                    if paras[j]:
                        body.append(paras[j][rng.randrange(len(paras[j]))])
            r = dict(a)
            r["ID"] = f"{a.get('ID', i)}-s{copy}"
            url = a.get("url") or f"https://example.invalid/{i}"
            r["url"] = f"{url}{'&' if '?' in url else '?'}lede_scale={copy}"
            r["date"] = shift_date(a.get("date"), rng, max_date)
            r["content_original"] = "\n\n".join(body)
            emit(r)
    if shard is not None:
        shard.close()
    size = sum(os.path.getsize(p) for p in glob.glob(os.path.join(out, "*.jsonl.gz")))
    print(
        json.dumps(
            {"factor": args.factor, "articles": written, "out": out, "bytes_gz": size,
             "seconds": round(time.time() - started, 1)}
        )
    )


if __name__ == "__main__":
    main()
