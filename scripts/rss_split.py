#!/usr/bin/env python3
"""Peak anonymous vs file-backed resident memory of a command (Linux /proc), sampled every 0.2 s.

GNU time's "Maximum resident set size" counts file-backed pages too: tantivy mmaps its segment files, so pages
of the index read during merges show up as RSS although the kernel can drop them at any time. This splits the
peak into RssAnon (heap: writer budget, buffers, tagger) and RssFile (mapped files). Standard library only.

    python3 scripts/rss_split.py -- lede index DIR --index /tmp/x --no-entities --json
"""
import json
import subprocess
import sys
import time

cmd = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else sys.argv[1:]
started = time.time()
p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
peak = {"RssAnon": 0, "RssFile": 0, "VmRSS": 0}
while p.poll() is None:
    try:
        with open(f"/proc/{p.pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in peak:
                    peak[k] = max(peak[k], int(v.split()[0]))
    except OSError:
        pass
    time.sleep(0.2)
print(json.dumps({"seconds": round(time.time() - started, 1), "rc": p.returncode,
                  **{f"peak_{k}_mib": round(v / 1024) for k, v in peak.items()}}))
