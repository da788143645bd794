"""Train the language heads of ``smilebox.nlp`` from the public data, reproducibly.

    python tools/train_heads.py --data ../shared/data [--backend minilm-int8] [--out smilebox/nlp/weights]

What it trains (logistic regression on sentence embeddings, exported as numpy weights):

* ``sentiment``: 3 classes on the airline tweets; a seeded, stratified 20 % of them is held out and
  used only for the reported test accuracy.
* ``emotion``: one yes/no output per emotion (anger, annoyance, disappointment, sadness, fear, gratitude,
  joy) plus ``negative_cue`` (any of the first five), trained on GoEmotions train, reported on dev.
  Disgust, nervousness and grief were tried as extra cue labels; they lowered F1 against the contract's
  five-emotion definition on the train folds, so the cue keeps exactly the contract's five.
* ``empathy``: yes/no on the phrases in ``smilebox/nlp/empathy_phrases.py``; EPITOME is evaluation only.

Tuning for generalisation: the regularisation strength C is chosen by stratified cross-validation on
the training part only, and each yes/no threshold is chosen on out-of-fold predictions of the training
part (never on dev or test). The threshold is folded into the bias so "yes" is always score >= 0.5.
Every head gets a JSON sidecar with the data files' sha256 and sizes, the parameters and the metrics.
Embeddings are cached (``--cache``) by a hash of backend and texts, so re-runs take seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from smilebox.nlp import datasets  # noqa: E402
from smilebox.nlp.backends import load_backend, sha256_of  # noqa: E402
from smilebox.nlp.empathy_phrases import EMPATHIC, NOT_EMPATHIC  # noqa: E402
from smilebox.nlp.heads import LinearHead, logit, save_head  # noqa: E402
from smilebox.nlp.textprep import clean, sentences  # noqa: E402

SEED = 20260301
C_GRID = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
THRESHOLDS = np.round(np.arange(0.10, 0.91, 0.01), 2)


def embed_cached(backend, texts: list[str], cache_dir: Path) -> np.ndarray:
    """Embeddings of ``texts``, read from ``cache_dir`` when this backend embedded exactly these texts before."""
    key = hashlib.sha256("\x00".join([backend.name, *texts]).encode("utf-8")).hexdigest()[:24]
    path = Path(cache_dir) / f"{backend.name}-{key}.npy"
    if path.is_file():
        return np.load(path)
    vectors = backend.embed(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def describe_files(files: list[Path], data_dir: Path) -> list[dict]:
    return [
        {"path": str(f.relative_to(data_dir)), "sha256": sha256_of(f), "bytes": f.stat().st_size} for f in files
    ]


def choose_c(X: np.ndarray, y: np.ndarray, folds: int, scoring) -> tuple[float, dict[str, float]]:
    """The C with the best mean cross-validated score on the training data."""
    cv = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    results = {}
    for C in C_GRID:
        model = LogisticRegression(C=C, max_iter=3000)
        predicted = cross_val_predict(model, X, y, cv=cv, method="predict_proba")
        results[C] = scoring(y, predicted)
    best = max(results, key=results.get)
    return best, {str(c): round(s, 4) for c, s in results.items()}


def best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    scores = [(f1_score(y, p >= t), t) for t in THRESHOLDS]
    f1, t = max(scores)
    return float(t), float(f1)


def binary_output(X, y, folds):
    """Fit one yes/no output: C by CV, threshold on out-of-fold probabilities, threshold folded into bias."""
    C, cv_scores = choose_c(X, y, folds, lambda yy, pp: best_threshold(yy, pp[:, 1])[1])
    cv = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    oof = cross_val_predict(LogisticRegression(C=C, max_iter=3000), X, y, cv=cv, method="predict_proba")[:, 1]
    threshold, cv_f1 = best_threshold(y, oof)
    model = LogisticRegression(C=C, max_iter=3000).fit(X, y)
    w, b = model.coef_[0], float(model.intercept_[0]) - logit(threshold)
    params = {"C": C, "cv_folds": folds, "C_grid_scores": cv_scores, "threshold": threshold}
    return w, b, params, round(cv_f1, 4)


def binary_metrics(y, yes) -> dict[str, float]:
    return {
        "f1": round(f1_score(y, yes), 4),
        "precision": round(precision_score(y, yes, zero_division=0), 4),
        "recall": round(recall_score(y, yes), 4),
        "positives": int(np.sum(y)),
        "n": int(len(y)),
    }


def common_meta(backend, data_files, data_dir) -> dict:
    return {
        "backend": backend.name,
        "backend_model_sha256": getattr(backend, "model_sha256", None),
        "trainer": "tools/train_heads.py",
        "scikit_learn": sklearn.__version__,
        "seed": SEED,
        "data": describe_files(data_files, data_dir),
    }


def train_sentiment(backend, data_dir: Path, cache: Path, out: Path) -> dict:
    data = datasets.airline_tweets(data_dir)
    X = embed_cached(backend, [clean(t) for t in data.texts], cache)
    y = np.array([datasets.SENTIMENT_LABELS.index(label) for label in data.labels])
    train, test = datasets.airline_split(data)
    C, cv_scores = choose_c(X[train], y[train], 5, lambda yy, pp: accuracy_score(yy, pp.argmax(1)))
    model = LogisticRegression(C=C, max_iter=3000).fit(X[train], y[train])
    predicted = model.predict(X[test])
    metrics = {
        "test_accuracy": round(accuracy_score(y[test], predicted), 4),
        "test_macro_f1": round(f1_score(y[test], predicted, average="macro"), 4),
        "cv_accuracy": cv_scores[str(C)],
        "train_n": len(train),
        "test_n": len(test),
    }
    meta = common_meta(backend, data.files, data_dir) | {
        "params": {"C": C, "cv_folds": 5, "C_grid_scores": cv_scores, "test_share": datasets.AIRLINE_TEST_SHARE,
                   "split_seed": datasets.AIRLINE_SPLIT_SEED},
        "metrics": metrics,
    }
    head = LinearHead("sentiment", "softmax", model.coef_.T.copy(), model.intercept_.copy(),
                      datasets.SENTIMENT_LABELS, meta)
    save_head(head, out)
    return metrics


def train_emotion(backend, data_dir: Path, cache: Path, out: Path) -> dict:
    train, dev = datasets.goemotions(data_dir, "train"), datasets.goemotions(data_dir, "dev")
    X = embed_cached(backend, [clean(t) for t in train.texts], cache)
    X_dev = embed_cached(backend, [clean(t) for t in dev.texts], cache)
    outputs = ("negative_cue", *datasets.EMOTIONS)

    def target(labels, name):
        return np.array([datasets.negative_cue(s) if name == "negative_cue" else name in s for s in labels], dtype=int)

    W, b, params, metrics = [], [], {}, {}
    for name in outputs:
        started = time.perf_counter()
        w, bias, p, cv_f1 = binary_output(X, target(train.labels, name), folds=3)
        W.append(w)
        b.append(bias)
        params[name] = p
        yes = (X_dev @ w + bias) >= 0
        metrics[name] = binary_metrics(target(dev.labels, name), yes) | {"cv_f1": cv_f1}
        print(f"  emotion {name}: C={p['C']} t={p['threshold']} dev F1={metrics[name]['f1']} "
              f"({time.perf_counter() - started:.0f}s)", flush=True)
    meta = common_meta(backend, train.files + dev.files[:1], data_dir) | {
        "negative_cue_emotions": list(datasets.NEGATIVE_CUE_EMOTIONS),
        "params": params,
        "metrics": {"dev": metrics},
    }
    head = LinearHead("emotion", "sigmoid", np.stack(W, axis=1), np.array(b), outputs, meta)
    save_head(head, out)
    return {name: m["f1"] for name, m in metrics.items()}


def train_empathy(backend, data_dir: Path, cache: Path, out: Path) -> dict:
    texts = list(EMPATHIC) + list(NOT_EMPATHIC)
    y = np.array([1] * len(EMPATHIC) + [0] * len(NOT_EMPATHIC))
    X = embed_cached(backend, [clean(t) for t in texts], cache)
    w, bias, params, cv_f1 = binary_output(X, y, folds=5)
    metrics = {"cv_f1": cv_f1, "train_n": len(texts)}
    try:
        ep = datasets.epitome(data_dir)
    except FileNotFoundError:
        ep = None
    if ep is not None:
        metrics["epitome"] = epitome_metrics(backend, ep, w, bias, cache)
    meta = common_meta(backend, list(ep.files) if ep else [], data_dir) | {
        "training_data": "smilebox/nlp/empathy_phrases.py (written and labelled by the project)",
        "training_data_sha256": sha256_of(REPO / "smilebox" / "nlp" / "empathy_phrases.py"),
        "data_use": "files under 'data' are evaluation only (EPITOME licence); never trained on",
        "params": params,
        "metrics": metrics,
    }
    head = LinearHead("empathy", "sigmoid", w[:, None], np.array([bias]), ("empathy",), meta)
    save_head(head, out)
    return metrics


def epitome_metrics(backend, ep, w, bias, cache) -> dict:
    """Score each response by its most empathic sentence, as the analyzer does."""
    split = [sentences(clean(t)) for t in ep.texts]
    flat = [s for parts in split for s in parts]
    scores = embed_cached(backend, flat, cache) @ w + bias
    best, pos = [], 0
    for parts in split:
        best.append(scores[pos : pos + len(parts)].max())
        pos += len(parts)
    return binary_metrics(np.array(ep.labels, dtype=int), np.array(best) >= 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="public data folder")
    parser.add_argument("--backend", default="minilm-int8", help="embedding backend name")
    parser.add_argument("--out", type=Path, default=REPO / "smilebox" / "nlp" / "weights", help="weights folder")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "smilebox" / "embeddings",
                        help="embedding cache folder")
    parser.add_argument("--only", choices=("sentiment", "emotion", "empathy"), action="append",
                        help="train only these heads (repeatable)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"{args.data}: data folder not found")
    backend = load_backend(args.backend)
    trainers = {"sentiment": train_sentiment, "emotion": train_emotion, "empathy": train_empathy}
    for name in args.only or trainers:
        started = time.perf_counter()
        print(f"training {name} ...", flush=True)
        result = trainers[name](backend, args.data, args.cache, args.out)
        print(f"{name}: {result} ({time.perf_counter() - started:.0f}s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
