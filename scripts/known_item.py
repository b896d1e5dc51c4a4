#!/usr/bin/env python3
"""Known-item ranking on AllSides: which default operator finds the article a user half-remembers?

Each query is built from an article drawn at random (fixed seed) from the AllSides shards: its headline with a
third of the words dropped and two words of another article's headline mixed in (mode `headline`), or the first
12 words of its body treated the same way (mode `lead`). The right answer is that article. Exact pasted
headlines are too easy: every operator finds all of them first. For each `--operator` (auto, and, or) this prints MRR@10 and success@1/@10, overall and
for short (<= 3 words) and long headlines. Only the Python standard library is needed.

    python3 scripts/known_item.py --lede target/release/lede --index /tmp/allsides --corpus ../shared/corpora/allsides
"""
import argparse
import glob
import gzip
import json
import random
import subprocess
import os
OPERATORS = os.environ.get("KI_OPERATORS", "auto,and,or").split(",")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lede", default="target/release/lede")
    ap.add_argument("--index", required=True)
    ap.add_argument("--corpus", default="../shared/corpora/allsides")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mode", choices=["headline", "lead"], default="headline")
    args = ap.parse_args()

    records = []
    for shard in sorted(glob.glob(f"{args.corpus}/*.jsonl.gz")):
        with gzip.open(shard, "rt", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                title = (r.get("title") or "").strip()
                body = (r.get("content_original") or "").split()
                if r.get("ID") and title and len(body) >= 12:
                    records.append((r["ID"], title, " ".join(body[:12])))
    rng = random.Random(args.seed)
    sample = rng.sample(records, min(args.queries, len(records)))
    queries = []
    for article_id, title, lead in sample:
        words = (title if args.mode == "headline" else lead).split()
        keep = [w for w in words if rng.random() > 1 / 3] or words[:1]
        noise = rng.choice(records)[1].split()
        for w in rng.sample(noise, min(2, len(noise))):
            keep.insert(rng.randrange(len(keep) + 1), w)
        queries.append((article_id, " ".join(keep)))

    print(f"{len(queries)} {args.mode} queries drawn from {len(records)} articles (seed {args.seed})")
    print(f"{'operator':<9}{'group':<7}{'n':>5}{'MRR@10':>9}{'S@1':>7}{'S@10':>7}")
    for operator in OPERATORS:
        ranks = []
        for article_id, title in queries:
            out = subprocess.run(
                [args.lede, "search", title, "--index", args.index, "--json", "--limit", "10",
                 "--snippet-len", "0", "--operator", operator],
                capture_output=True, text=True,
            )
            ids = [json.loads(l)["id"] for l in out.stdout.splitlines() if l.strip()]
            rank = ids.index(article_id) + 1 if article_id in ids else None
            ranks.append((len(title.split()), rank))
        for group, keep in [("all", lambda n: True), ("<=3", lambda n: n <= 3), (">3", lambda n: n > 3)]:
            sel = [r for n, r in ranks if keep(n)]
            if not sel:
                continue
            mrr = sum(1 / r for r in sel if r) / len(sel)
            s1 = sum(1 for r in sel if r == 1) / len(sel)
            s10 = sum(1 for r in sel if r) / len(sel)
            print(f"{operator:<9}{group:<7}{len(sel):>5}{mrr:>9.3f}{s1:>7.3f}{s10:>7.3f}")


if __name__ == "__main__":
    main()
