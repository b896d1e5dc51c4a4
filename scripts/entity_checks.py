#!/usr/bin/env python3
"""The checks of issue 14 on an index: top-100 people and organisations, the rows among them that are a short,
initialled or initials form of another row, filter agreement and coverage of the two most named people.

    python3 scripts/entity_checks.py --lede target/release/lede --index /tmp/allsides

Prints the two top lists (name and articles), the flagged rows, the totals of `--person pelosi`, `Pelosi` and
`"Nancy Pelosi"` and of `org:GOP`, and for Barack Obama and Donald Trump the share of the articles naming them in
any form (any person name with the surname, other family members left out) that their own row counts. Only the
Python standard library is needed.
"""
import argparse
import json
import re
import subprocess


def run(args, cmd):
    out = subprocess.run([args.lede, *cmd, "--index", args.index], capture_output=True, text=True, check=True)
    return out


def top(args, kind):
    out = run(args, ["entities", "", "--kind", kind, "--limit", "100", "--json"]).stdout
    return [(e["name"], e["articles"]) for e in map(json.loads, out.splitlines()) if "name" in e]


def total(args, cmd):
    err = run(args, ["search", *cmd, "--limit", "1", "--json"]).stderr
    for line in err.splitlines():
        try:
            summary = json.loads(line)
        except json.JSONDecodeError:
            continue
        for key in ("total", "articles", "hits"):
            if key in summary:
                return summary[key]
    return None


def initials(name):
    return "".join(w[0] for w in name.split() if w[0].isupper() and w.lower() not in {"of", "the", "for", "and"})


def flags(rows):
    """Rows that are a surname, middle-initial or initials form of a longer row in the same list."""
    names = [n for n, _ in rows]
    out = []
    for name, n in rows:
        words = name.split()
        for other in names:
            if other == name:
                continue
            ow = other.split()
            stripped = [w for w in ow if not re.fullmatch(r"([A-Z]\.)+", w)]
            if len(words) < len(ow) and ow[-len(words):] == words:
                out.append((name, n, other))
                break
            if len(ow) > len(stripped) and stripped == words:
                out.append((name, n, other))
                break
            if name.isupper() and len(name) >= 2 and initials(other) == name:
                out.append((name, n, other))
                break
    return out


def coverage(args, full, family):
    surname = full.split()[-1]
    own = any_form = 0
    out = run(args, ["export", "--format", "ndjson"]).stdout
    for line in out.splitlines():
        doc = json.loads(line)
        if "index" in doc:
            continue
        people = doc.get("person") or doc.get("entities", {}).get("person") or []
        if full in people:
            own += 1
        if any(surname in p.split() and not any(f in p for f in family) for p in people):
            any_form += 1
    return own, any_form


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lede", default="target/release/lede")
    ap.add_argument("--index", required=True)
    args = ap.parse_args()
    for kind in ("person", "organization"):
        rows = top(args, kind)
        print(f"## top 100 {kind}")
        print("; ".join(f"{n} {c}" for n, c in rows))
        print(f"flagged ({kind}):", flags(rows))
    for q in (["--person", "pelosi"], ["--person", "Pelosi"], ["--person", "Nancy Pelosi"], ["org:GOP"]):
        print(" ".join(q), total(args, [""] + q if q[0].startswith("--") else q))
    for full, family in (("Barack Obama", ["Michelle", "Malia", "Sasha"]), ("Donald Trump", ["Ivanka", "Melania", "Jr", "Eric", "Lara", "Tiffany", "Barron", "Fred", "Tower"])):
        own, any_form = coverage(args, full, family)
        print(f"{full}: {own} of {any_form} articles ({100 * own / max(any_form, 1):.1f} %)")


if __name__ == "__main__":
    main()
