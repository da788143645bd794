"""Speed and peak memory of the Zendesk importer on a generated export: parsing alone, and the whole
``smilebox import`` into a fresh SQLite store.

    python benchmarks/bench_import_zendesk.py                 # ~200 MB export, parse only
    python benchmarks/bench_import_zendesk.py --store         # ... and the whole import into SQLite, twice
    python benchmarks/bench_import_zendesk.py --size-mb 1024  # the flat-memory check on a 1 GB export

Writes a deterministic Zendesk-shaped JSON document: tickets with 4-12 embedded comments (plain and HTML
bodies, a quarter of agent replies HTML only, quoted history, internal notes, attachments), ratings on the
tickets and in a top-level list, and the ``users`` table *after* the tickets (the importer must find it
before streaming them). It then reads the file with ``ZendeskImporter`` in a child process and reports
MB/s, conversations/s and the child's peak RSS (``getrusage(RUSAGE_CHILDREN).ru_maxrss``), and MB per CPU
second, which is the fairer figure on a busy shared machine. With ``--store`` the import (worker processes
for a file this big) runs twice into the same store, the second time finding every ticket unchanged, and
the peak RSS of the importing process and of its largest worker are reported apart.
Targets: >= 20 MB/s end to end; peak RSS < 300 MB on 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

N_CUSTOMERS = 20_000
N_AGENTS = 60
CUSTOMER_TEXT = [
    "Hi, I was charged twice for order {n} and I'm really frustrated. Can you fix this?",
    "My internet has been dropping every evening since Tuesday. I work from home and this is a problem.",
    "Still not working.\n\nOn Mon, Oct 2, 2026 at 9:00 AM Acme Support <help@acme.test> wrote:\n> Please restart the router.\n> Acme",
    "That worked, thanks so much!\n\nSent from my iPhone",
]
AGENT_HTML = [
    "<p>Hi {name},</p><p>Thanks for reaching out &amp; sorry about the double charge. I&rsquo;ve refunded order {n}; "
    "you&rsquo;ll see it in 3&ndash;5 business days.</p><p>Best,<br>Juan</p>",
    "<div>Hello {name}, I've run a line test and booked an engineer for Thursday.</div>"
    '<div class="gmail_quote">On Tue, {name} wrote:<blockquote>old text</blockquote></div>',
]

AGENT_PLAIN = (
    "Hi {name},\n\nThanks for reaching out & sorry about the double charge. I've refunded order {n}; "
    "you'll see it in 3-5 business days.\n\nBest,\nJuan"
)


def ticket(rng: random.Random, i: int) -> dict:
    requester = 1_000_000 + rng.randrange(N_CUSTOMERS)
    agent = rng.randrange(1, N_AGENTS + 1)
    n = rng.randint(1000, 99999)
    comments = []
    for k in range(rng.randint(4, 12)):
        day = f"2026-10-{1 + i % 28:02d}T{8 + k % 12:02d}:{k:02d}:00Z"
        if k % 2 == 0:
            body = rng.choice(CUSTOMER_TEXT).format(n=n)
            comments.append(
                {
                    "id": i * 100 + k,
                    "type": "Comment",
                    "author_id": requester,
                    "public": True,
                    "body": body,
                    "html_body": f"<p>{body}</p>",
                    "plain_body": body,
                    "created_at": day,
                    "attachments": [
                        {
                            "file_name": "photo.jpg",
                            "content_type": "image/jpeg",
                            "content_url": f"https://acme.test/a/{i}",
                        }
                    ]
                    if k == 2
                    else [],
                    "via": {"channel": "email"},
                }
            )
        elif k % 5 == 3:
            comments.append(
                {
                    "id": i * 100 + k,
                    "type": "Comment",
                    "author_id": agent,
                    "public": False,
                    "body": f"Refunded dup charge, order {n}.",
                    "created_at": day,
                }
            )
        else:
            html = rng.choice(AGENT_HTML).format(name="Maria", n=n)
            comment = {
                "id": i * 100 + k,
                "type": "Comment",
                "author_id": agent,
                "public": True,
                "html_body": html,
                "created_at": day,
                "via": {"channel": "web"},
            }
            if k % 4 != 1:  # the API sends plain body too; some exports keep only html_body
                comment["body"] = comment["plain_body"] = AGENT_PLAIN.format(name="Maria", n=n)
            comments.append(comment)
    return {
        "id": i + 1,
        "subject": f"Order {n}",
        "status": rng.choice(["solved", "closed", "open", "pending"]),
        "tags": ["billing", "refund"] if i % 3 else ["network"],
        "via": {"channel": rng.choice(["email", "web", "chat"])},
        "requester_id": requester,
        "assignee_id": agent,
        "priority": "normal",
        "created_at": f"2026-10-{1 + i % 28:02d}T08:00:00Z",
        "updated_at": f"2026-10-{1 + i % 28:02d}T20:00:00Z",
        "satisfaction_rating": {"score": rng.choice(["good", "bad", "offered"]), "comment": "Thanks Juan!"}
        if i % 4 == 0
        else None,
        "comments": comments,
    }


def write_export(path: Path, size_mb: int) -> int:
    rng = random.Random(7)
    target = size_mb * 1024 * 1024
    n = 0
    with open(path, "wb") as fh:
        fh.write(b'{"tickets": [\n')
        while fh.tell() < target:
            fh.write((b",\n" if n else b"") + orjson.dumps(ticket(rng, n)))
            n += 1
        fh.write(b'\n],\n"satisfaction_ratings": [')
        fh.write(
            b",".join(
                orjson.dumps({"ticket_id": t, "score": "good", "comment": "great"}) for t in range(2, n, 50)
            )
        )
        fh.write(b'],\n"users": [\n')
        users = [
            {"id": a, "name": f"Agent {a}", "email": f"agent{a}@acme.test", "role": "agent"}
            for a in range(1, N_AGENTS + 1)
        ]
        users += [
            {"id": 1_000_000 + c, "name": f"Customer {c}", "email": f"c{c}@example.com", "role": "end-user"}
            for c in range(N_CUSTOMERS)
        ]
        fh.write(b",\n".join(orjson.dumps(u) for u in users))
        fh.write(b"\n]}\n")
    return n


CHILD = """
import sys, time, json
from pathlib import Path
from smilebox.importers.zendesk import ZendeskImporter
from smilebox.model import Conversation
t = time.perf_counter()
convs = errors = messages = 0
for item in ZendeskImporter().read(Path(sys.argv[1])):
    if isinstance(item, Conversation):
        convs += 1
        messages += len(item.messages)
    else:
        errors += 1
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "conversations": convs, "messages": messages, "errors": errors}))
"""


STORE_CHILD = """
import sys, time, json, resource
from pathlib import Path
from smilebox.store import Store
from smilebox.ingest import import_paths
from smilebox.settings import Settings
url = sys.argv[2]
store = Store(url); store.init()
def cpu(who):
    u = resource.getrusage(who)
    return u.ru_utime + u.ru_stime
runs = []
for _ in range(2):  # the first import, then the same file again (idempotent: every ticket unchanged)
    t, main_cpu, workers_cpu = time.perf_counter(), cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
    s = import_paths(store, [Path(sys.argv[1])], "zendesk", Settings(database_url=url))
    runs.append({"seconds": time.perf_counter() - t, "inserted": s.counts.inserted, "unchanged": s.counts.unchanged,
                 "errors": len(s.errors), "main_cpu": cpu(resource.RUSAGE_SELF) - main_cpu,
                 "workers_cpu": cpu(resource.RUSAGE_CHILDREN) - workers_cpu})
print(json.dumps({"runs": runs, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def run_child(path: Path, code: str = CHILD, *args: str) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([sys.executable, "-c", code, str(path), *args], check=True, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    result.setdefault("peak_rss_mb", usage.ru_maxrss / 1024)  # KiB on Linux; the largest child so far
    # includes interpreter start-up (~0.3 s)
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=200)
    ap.add_argument("--store", action="store_true", help="also time the whole import into a fresh SQLite store, and again")
    ap.add_argument(
        "--workdir", type=Path, default=None, help="where to write the export (default: a temp dir)"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        path = Path(tmp) / "zendesk-export.json"
        t = time.perf_counter()
        n = write_export(path, args.size_mb)
        size = path.stat().st_size / 1e6
        print(f"wrote {n:,} tickets, {size:,.0f} MB in {time.perf_counter() - t:.1f}s")
        r = run_child(path)
        print(
            f"zendesk parse: {size / r['seconds']:6.1f} MB/s  {r['conversations'] / r['seconds']:8,.0f} conv/s  "
            f"{r['messages']:,} messages  peak RSS {r['peak_rss_mb']:.0f} MB  ({r['seconds']:.1f}s wall, "
            f"{r['conversations']:,} conversations, {r['errors']} errors)"
        )
        # on a shared machine the wall clock includes time spent waiting for a CPU; CPU time does not
        print(
            f"per CPU second: {size / r['cpu_seconds']:6.1f} MB/s  ({r['cpu_seconds']:.1f}s CPU, "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
        )
        if args.store:
            r = run_child(path, STORE_CHILD, f"sqlite:///{Path(tmp) / 'bench.db'}")
            for label, run in zip(("first import", "re-import"), r["runs"]):
                done = run["inserted"] or run["unchanged"]
                print(
                    f"zendesk {label:12} into SQLite: {size / run['seconds']:6.1f} MB/s  "
                    f"{done / run['seconds']:8,.0f} conv/s  ({run['seconds']:.1f}s wall; CPU {run['main_cpu']:.1f}s "
                    f"main + {run['workers_cpu']:.1f}s workers = {size / (run['main_cpu'] + run['workers_cpu']):.1f} "
                    f"MB per CPU second; {run['inserted']:,} inserted, {run['unchanged']:,} unchanged, "
                    f"{run['errors']} errors)"
                )
            print(
                f"peak RSS: main {r['peak_rss_mb']:.0f} MB, largest worker {r['worker_peak_rss_mb']:.0f} MB  "
                f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
            )

if __name__ == "__main__":
    main()
