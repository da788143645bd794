"""Import speed of native conversation JSONL into SQLite, and peak memory.

    python benchmarks/bench_import_jsonl.py --size-mb 200
    python benchmarks/bench_import_jsonl.py --size-mb 1024      # the flat-memory check on a 1 GB file

Writes a synthetic file of realistic 6-10-message conversations (deterministic), then imports it into a
fresh SQLite store in a child process and reports MB/s, conversations/s and peak RSS (the importing
process, and the largest of its worker processes), and the CPU seconds of both (MB per CPU second is the
fairer figure on a busy shared machine). A second run of the same import (idempotent: every
conversation unchanged) is timed too. Targets: >= 20 MB/s first import; memory flat from 100 MB to 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

CUSTOMER = [
    "Hi, I was charged twice for order {n} and I'm really frustrated. Can you fix this?",
    "My internet has been dropping every evening since Tuesday. I work from home and this is a problem.",
    "Hello, I'd like to change the address on my account to 12 Elm Street.",
    "Still not working. I restarted the router like you said.",
    "That worked, thanks so much!",
]
AGENT = [
    "Hi {name},\n\nThanks for reaching out, and I'm sorry about the double charge. I've refunded order {n}; "
    "you'll see it in 3-5 business days.\n\nIs there anything else I can help with?\n\nBest,\nJuan",
    "Hello {name}, I'm sorry to hear the connection keeps dropping. I've run a line test and booked an "
    "engineer for Thursday morning. I'll keep an eye on it until then.",
    "Could you confirm the last four digits of the card on file so I can verify the account?",
    "Thanks {name}! Done. Have a great weekend.",
]


def conversation(rng: random.Random, i: int) -> dict:
    name = rng.choice(["Maria", "Tom", "Aisha", "Kenji", "Olu", "Priya"])
    n = rng.randint(1000, 99999)
    msgs = []
    for k in range(rng.randint(6, 10)):
        role = "customer" if k % 2 == 0 else "agent"
        text = rng.choice(CUSTOMER if role == "customer" else AGENT).format(name=name, n=n)
        msgs.append({"id": f"m{k + 1}", "role": role, "text": text, "created_at": f"2026-10-{1 + i % 28:02d}T10:{k:02d}:00Z"})
    msgs.append({"id": "note", "role": "agent", "internal": True, "text": f"Refunded dup charge, order {n}."})
    return {
        "id": f"bench-{i}",
        "channel": rng.choice(["email", "chat", "phone", "social"]),
        "subject": f"Order {n}",
        "status": "solved",
        "created_at": f"2026-10-{1 + i % 28:02d}T10:00:00Z",
        "tags": ["billing"],
        "customer": {"id": f"cu-{i % 5000}", "name": f"{name} Lopez", "email": f"cust{i % 5000}@example.com"},
        "assignee": {"id": f"ag-{i % 40}", "name": f"Agent {i % 40}"},
        "messages": msgs,
        "feedback": [{"id": "f1", "rating": rng.randint(1, 5), "scale": "csat5", "comment": "Thanks Juan!"}] if i % 4 == 0 else [],
    }


def write_file(path: Path, size_mb: int) -> int:
    rng = random.Random(11)
    target = size_mb * 1024 * 1024
    n = 0
    with open(path, "wb") as fh:
        while fh.tell() < target:
            fh.write(orjson.dumps(conversation(rng, n)) + b"\n")
            n += 1
    return n


CHILD = """
import sys, time, json, resource
from pathlib import Path
from smilebox.store import Store
from smilebox.ingest import import_paths
from smilebox.settings import Settings
store = Store(sys.argv[1]); store.init()
def cpu(who):
    u = resource.getrusage(who)
    return u.ru_utime + u.ru_stime
t, main_cpu, workers_cpu = time.perf_counter(), cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
s = import_paths(store, [Path(sys.argv[2])], "jsonl", Settings(database_url=sys.argv[1], batch_size=1000))
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "read": s.read, "inserted": s.counts.inserted, "unchanged": s.counts.unchanged,
                  "errors": len(s.errors), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "main_cpu": cpu(resource.RUSAGE_SELF) - main_cpu, "workers_cpu": cpu(resource.RUSAGE_CHILDREN) - workers_cpu}))
"""


def run_import(db_url: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, db_url, str(path)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=200)
    ap.add_argument("--workdir", type=Path, default=None, help="where to put the file and store (default: a temp dir)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        path = Path(tmp) / "conversations.jsonl"
        t = time.perf_counter()
        n = write_file(path, args.size_mb)
        size = path.stat().st_size / 1e6
        print(f"wrote {n:,} conversations, {size:,.0f} MB in {time.perf_counter() - t:.1f}s")
        db = f"sqlite:///{Path(tmp) / 'bench.db'}"
        first = run_import(db, path)
        print(f"first import : {size / first['seconds']:6.1f} MB/s  {first['inserted'] / first['seconds']:8,.0f} conv/s  "
              f"peak RSS {first['peak_rss_mb']:.0f} MB, each worker {first['worker_peak_rss_mb']:.0f} MB  ({first['seconds']:.1f}s; "
              f"{_cpu(first, size)})")
        again = run_import(db, path)
        print(f"re-import    : {size / again['seconds']:6.1f} MB/s  {again['unchanged'] / again['seconds']:8,.0f} conv/s  "
              f"peak RSS {again['peak_rss_mb']:.0f} MB, each worker {again['worker_peak_rss_mb']:.0f} MB  "
              f"(all {again['unchanged']:,} unchanged; {_cpu(again, size)})")
        # on a shared machine the wall clock includes time spent waiting for a CPU; CPU time does not
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def _cpu(run: dict, size: float) -> str:
    total = run["main_cpu"] + run["workers_cpu"]
    return f"CPU {run['main_cpu']:.1f}s main + {run['workers_cpu']:.1f}s workers = {size / total:.1f} MB per CPU second"


if __name__ == "__main__":
    main()
