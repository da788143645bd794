"""Speed and memory of ``smilebox analyze``: model load time, texts/s per task, peak RSS.

    python benchmarks/bench_analyze.py [--data ../shared/data] [--n 3000] [--threads 2] [--backend NAME ...]

Each backend (default: the default ``embedding_backend``; repeat ``--backend`` to compare) is first
loaded once in a child of its own, which reports the first-use load (a backend that derives a model
file, such as the cut ``minilm-int8-l3``, makes and caches it then). Each task then runs in a fresh child process with a fresh analyzer, so no task profits from another's
embedding cache and the peak RSS is that of one real ``analyze`` run. Texts are distinct airline tweets
(feedback-sized) when the data is present, else distinct synthetic support sentences. Throughput is
the steady state: each child first analyzes 200 made-up sentences (not in the measured set) and clears
its embedding cache, so onnxruntime has met the input shapes; the load time is reported separately. Targets (issue 4):
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
import tempfile
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
analyzer = get_analyzer("on", {backend!r})
backend = analyzer.backend
analyzer.head(task)
load = time.perf_counter() - started
# steady state: onnxruntime sizes its buffers for each new input shape on first sight, so a run first
# sees 200 made-up sentences of 3 to 60 words (none of them in the measured set), then forgets them
words = "please my order was late again and nobody called back thanks for the quick refund".split()
analyzer.sentiment([" ".join(words[(i + j) % len(words)] for j in range(3 + i % 58)) + f" {{i}}" for i in range(200)])
analyzer._cache.clear()
started = time.perf_counter()
n = sum(1 for _ in analyze_texts(analyzer, task, texts))
elapsed = time.perf_counter() - started
print(json.dumps({{"task": task, "n": n, "seconds": round(elapsed, 3), "texts_per_s": round(n / elapsed, 1),
                  "load_s": round(load, 3), "backend_load_s": round(backend.load_seconds, 3),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}}))
"""

FIRST_USE = r"""
import json, sys, time
sys.path.insert(0, {repo!r})
from smilebox.nlp.backends import load_backend
started = time.perf_counter()
load_backend({backend!r})
print(json.dumps({{"load_s": round(time.perf_counter() - started, 3)}}))
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
    parser.add_argument("--backend", action="append", help="embedding backend (repeatable; default: the settings' default)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from smilebox.nlp import default_backend

    backends = args.backend or [default_backend()]
    texts, what = load_texts(args.data, args.n)
    texts_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"smilebox-bench-analyze-{os.getpid()}.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    cores = list(range(min(args.threads, os.cpu_count() or 1)))
    print(f"texts: {what}; cores: {len(cores)}", flush=True)
    results = []
    # a fresh model cache, so the first-use figure includes deriving any model file
    cache = tempfile.TemporaryDirectory(prefix="smilebox-bench-models-")
    env = os.environ | {"SMILEBOX_MODEL_CACHE_DIR": cache.name}
    pin = ["taskset", "-c", ",".join(map(str, cores)), sys.executable, "-c"]
    try:
        for backend in backends:
            code = FIRST_USE.format(repo=str(REPO), backend=backend)
            first = json.loads(subprocess.run(pin + [code], capture_output=True, text=True, check=True, env=env).stdout)
            print(f"{backend}: first use (empty model cache): load {first['load_s']:.2f} s", flush=True)
            for task in ("sentiment", "emotion", "empathy"):
                code = CHILD.format(repo=str(REPO), texts=str(texts_file), task=task, backend=backend)
                out = subprocess.run(pin + [code], capture_output=True, text=True, check=True, env=env).stdout
                result = json.loads(out.strip().splitlines()[-1]) | {"backend": backend, "first_load_s": first["load_s"]}
                results.append(result)
                print(f"  {task:<9} {result['texts_per_s']:>7.1f} texts/s  load {result['load_s']:.2f} s "
                      f"(backend {result['backend_load_s']:.2f} s)  peak RSS {result['peak_rss_mb']:.0f} MB", flush=True)
    finally:
        texts_file.unlink(missing_ok=True)
        cache.cleanup()
    print(json.dumps({"texts": what, "cores": len(cores), "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
