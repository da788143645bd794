"""Speed and memory of ``smilebox analyze``: model load time, texts/s per task, peak RSS.

    python benchmarks/bench_analyze.py [--data ../shared/data] [--n 3000] [--threads 2]

Each task runs in a fresh child process with a fresh analyzer, so no task profits from another's
embedding cache and the peak RSS is that of one real ``analyze`` run. Texts are distinct airline tweets
(feedback-sized) when the data is present, else distinct synthetic support sentences. Targets (issue 4):
>= 500 texts/s on 2 cores, model load < 1 s, peak RSS < 600 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, {repo!r})
from smilebox.nlp import get_analyzer
from smilebox.nlp.tasks import analyze_texts
texts = json.load(open({texts!r}))
task = {task!r}
started = time.perf_counter()
analyzer = get_analyzer("on", "minilm-int8")
backend = analyzer.backend
analyzer.head(task)
load = time.perf_counter() - started
analyzer.sentiment(["warm-up"])
analyzer._cache.clear()
started = time.perf_counter()
n = sum(1 for _ in analyze_texts(analyzer, task, texts))
elapsed = time.perf_counter() - started
print(json.dumps({{"task": task, "n": n, "seconds": round(elapsed, 3), "texts_per_s": round(n / elapsed, 1),
                  "load_s": round(load, 3), "backend_load_s": round(backend.load_seconds, 3),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}}))
"""


def load_texts(data: Path, n: int) -> tuple[list[str], str]:
    path = data / "airline_tweets" / "tweets.csv"
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as fh:
            texts = list(dict.fromkeys(row["text"] for row in csv.DictReader(fh)))
        random.Random(7).shuffle(texts)
        return texts[:n], f"{min(n, len(texts))} distinct airline tweets"
    rng = random.Random(7)
    words = "order refund charged twice late parcel router account password thanks great terrible help".split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(6, 30))) + f" #{i}" for i in range(n)]
    return texts, f"{n} synthetic sentences"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--n", type=int, default=3000, help="texts per task")
    parser.add_argument("--threads", type=int, default=2, help="CPU cores the child may use")
    args = parser.parse_args()
    texts, what = load_texts(args.data, args.n)
    texts_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"smilebox-bench-analyze-{os.getpid()}.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    cores = list(range(min(args.threads, os.cpu_count() or 1)))
    print(f"texts: {what}; cores: {len(cores)}", flush=True)
    results = []
    try:
        for task in ("sentiment", "emotion", "empathy"):
            code = CHILD.format(repo=str(REPO), texts=str(texts_file), task=task)
            command = ["taskset", "-c", ",".join(map(str, cores)), sys.executable, "-c", code]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            result = json.loads(out.strip().splitlines()[-1])
            results.append(result)
            print(f"{task:<9} {result['texts_per_s']:>7.1f} texts/s  load {result['load_s']:.2f} s "
                  f"(backend {result['backend_load_s']:.2f} s)  peak RSS {result['peak_rss_mb']:.0f} MB", flush=True)
    finally:
        texts_file.unlink(missing_ok=True)
    print(json.dumps({"texts": what, "cores": len(cores), "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
