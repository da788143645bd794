"""Train the language heads of ``smilebox.nlp`` from the public data, reproducibly.

    python tools/train_heads.py --data ../shared/data [--backend minilm-int8-l3] [--out FOLDER]

The heads go to the backend's folder, ``smilebox/nlp/weights/BACKEND/``, unless ``--out`` says otherwise.

What it trains (logistic regression on sentence embeddings, exported as numpy weights):

* ``sentiment``: 3 classes on the airline tweets; a seeded, stratified 20 % of them is held out and
  used only for the reported test accuracy. GoEmotions train comments with one clear polarity (its
  ``sentiment_group`` regrouping) are added with a small total weight (``GOEMOTIONS_SENTIMENT_WEIGHT``
  of the airline weight): customers do not all write like airline tweets, and this keeps the head from
  reading praise such as "Brilliant." or "went above and beyond" as neutral or negative. It costs
  nothing on the airline test and lifts GoEmotions dev (never trained on) from about 0.48 to 0.67.
* ``emotion``: one yes/no output per emotion (anger, annoyance, disappointment, sadness, fear, gratitude,
  joy) plus ``negative_cue``, trained on GoEmotions train, reported on dev. The cue is GoEmotions'
  "negative" sentiment group (the contract's five plus disapproval, disgust, embarrassment, grief,
  nervousness, remorse; see ``smilebox.nlp.datasets.NEGATIVE_CUE_EMOTIONS`` for why).
  Every output gets the hashed n-gram term (it gains the cue about 4 F1 points); only the cue may also
  get the VADER term (the seven per-emotion outputs skip that search, which keeps training to minutes).
* ``empathy``: yes/no on the phrases in ``smilebox/nlp/empathy_phrases.py``; EPITOME is evaluation only.

Tuning for generalisation: the regularisation strength C, the n-gram weight and whether to add VADER's
scores as features (``smilebox.nlp.features.lexicon_features``) are chosen by stratified cross-validation
on the training part only, and each yes/no threshold is chosen on out-of-fold predictions of the training
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

from smilebox.nlp import datasets, default_backend  # noqa: E402
from smilebox.nlp.backends import load_backend, sha256_of  # noqa: E402
from smilebox.nlp.empathy_phrases import EMPATHIC, NOT_EMPATHIC  # noqa: E402
from smilebox.nlp.features import DEFAULT_DIM, LEXICON_FEATURES, lexicon_features, ngram_matrix  # noqa: E402
from smilebox.nlp.heads import LinearHead, head_dir, logit, save_head  # noqa: E402
from smilebox.nlp.textprep import clean, clean_sentences  # noqa: E402

SEED = 20260301
# "lexicon": whether the head adds VADER's four scores as features (features.lexicon_features); like C and
# the n-gram weight it is chosen by cross-validation on the training part
SENTIMENT_GRID = {"C": (1.0, 2.0, 4.0), "ngram_scale": (1.0, 2.0), "lexicon": (False, True)}
CUE_GRID = {"C": (0.5, 1.0), "ngram_scale": (1.0,), "lexicon": (False, True)}
EMOTION_GRID = {"C": (1.0, 2.0), "ngram_scale": (1.0,), "lexicon": (False,)}
EMPATHY_GRID = {"C": (0.25, 0.5, 1.0, 2.0, 4.0, 8.0), "ngram_scale": (None,), "lexicon": (False,)}
THRESHOLDS = np.round(np.arange(0.10, 0.91, 0.01), 2)
#: total weight of the GoEmotions rows in the sentiment head, as a share of the airline rows' weight
GOEMOTIONS_SENTIMENT_WEIGHT = 0.2


def embed_cached(backend, texts: list[str], cache_dir: Path) -> np.ndarray:
    """Embeddings of ``texts``, read from ``cache_dir`` when this backend (and its patch, if any) embedded exactly
    these texts before."""
    patch = getattr(backend, "patch", None)  # a retrained layer must not reuse the old layer's vectors
    fingerprint = f"{backend.name}:{sha256_of(patch) if patch is not None else ''}"
    key = hashlib.sha256("\x00".join([fingerprint, *texts]).encode("utf-8")).hexdigest()[:24]
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


_LEXICON_ROWS: dict[str, np.ndarray] = {}


def lexicon_rows(texts: list[str]) -> np.ndarray:
    """``lexicon_features`` of the texts, each distinct text scored once per run (VADER is slow-ish)."""
    missing = [t for t in dict.fromkeys(texts) if t not in _LEXICON_ROWS]
    _LEXICON_ROWS.update(zip(missing, lexicon_features(missing)))
    return np.stack([_LEXICON_ROWS[t] for t in texts]) if texts else np.zeros((0, len(LEXICON_FEATURES)))


def design(X: np.ndarray, texts: list[str], scale: float | None, lexicon: bool = False):
    """The training matrix: embeddings, then VADER's scores when ``lexicon``, then hashed n-grams weighted
    by ``scale`` (None: none). ``split_coef`` takes the fitted weights apart in the same order."""
    blocks = [X] + ([lexicon_rows(texts)] if lexicon else [])
    dense = np.hstack(blocks) if len(blocks) > 1 else X
    if scale is None:
        return dense
    from scipy import sparse

    return sparse.hstack([sparse.csr_matrix(dense), ngram_matrix(texts, DEFAULT_DIM, scale)]).tocsr()


def split_coef(coef: np.ndarray, dimension: int, scale: float | None, lexicon: bool = False):
    """Embedding, lexicon (or None) and n-gram (or None) weights, each as (features x outputs)."""
    coef = np.asarray(coef).T
    lex_end = dimension + (len(LEXICON_FEATURES) if lexicon else 0)
    return (coef[:dimension].copy(), coef[dimension:lex_end].copy() if lexicon else None,
            coef[lex_end:].copy() if scale is not None else None)


def choose_params(X, texts, y, folds: int, scoring, grid):
    """The (C, n-gram scale, lexicon) with the best mean cross-validated score on the training data.

    Returns the choice, every grid point's score, and the out-of-fold probabilities of the choice
    (used to pick thresholds without touching dev or test data).
    """
    cv = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    results, oof = {}, {}
    for lexicon in grid["lexicon"]:
        for scale in grid["ngram_scale"]:
            F = design(X, texts, scale, lexicon)
            for C in grid["C"]:
                model = LogisticRegression(C=C, max_iter=3000)
                oof[(C, scale, lexicon)] = cross_val_predict(model, F, y, cv=cv, method="predict_proba")
                results[(C, scale, lexicon)] = scoring(y, oof[(C, scale, lexicon)])
    best = max(results, key=results.get)
    scores = {f"C={c} ngram_scale={s} lexicon={lex}": round(v, 4) for (c, s, lex), v in results.items()}
    return best, scores, oof[best]


def best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    scores = [(f1_score(y, p >= t), t) for t in THRESHOLDS]
    f1, t = max(scores)
    return float(t), float(f1)


def binary_output(X, texts, y, folds, grid):
    """Fit one yes/no output: C by CV, threshold on out-of-fold probabilities, threshold folded into bias."""
    (C, scale, lexicon), cv_scores, oof = choose_params(
        X, texts, y, folds, lambda yy, pp: best_threshold(yy, pp[:, 1])[1], grid
    )
    threshold, cv_f1 = best_threshold(y, oof[:, 1])
    model = LogisticRegression(C=C, max_iter=3000).fit(design(X, texts, scale, lexicon), y)
    w, lex_w, ngram_w = split_coef(model.coef_, X.shape[1], scale, lexicon)
    b = float(model.intercept_[0]) - logit(threshold)
    params = {"C": C, "ngram_scale": scale, "lexicon": lexicon, "cv_folds": folds, "grid_scores": cv_scores,
              "threshold": threshold}
    column = {"W": w[:, 0], "lexicon_W": None if lex_w is None else lex_w[:, 0],
              "ngram_W": None if ngram_w is None else ngram_w[:, 0]}
    return column, b, params, round(cv_f1, 4)


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
    texts = [clean(t) for t in data.texts]
    X = embed_cached(backend, texts, cache)
    y = np.array([datasets.SENTIMENT_LABELS.index(label) for label in data.labels])
    train, test = datasets.airline_split(data)
    tr_texts, te_texts = [texts[i] for i in train], [texts[i] for i in test]
    (C, scale, lexicon), cv_scores, _ = choose_params(
        X[train], tr_texts, y[train], 5, lambda yy, pp: accuracy_score(yy, pp.argmax(1)), SENTIMENT_GRID
    )
    # the final fit adds GoEmotions' clear-polarity comments, lightly weighted (see the module doc)
    extra = datasets.goemotions_sentiment(data_dir, "train")
    ex_texts = [clean(t) for t in extra.texts]
    EX = embed_cached(backend, ex_texts, cache)
    ey = np.array([datasets.SENTIMENT_LABELS.index(label) for label in extra.labels])
    weights = np.concatenate([np.ones(len(train)),
                              np.full(len(ex_texts), GOEMOTIONS_SENTIMENT_WEIGHT * len(train) / len(ex_texts))])
    model = LogisticRegression(C=C, max_iter=3000).fit(
        design(np.vstack([X[train], EX]), tr_texts + ex_texts, scale, lexicon), np.concatenate([y[train], ey]),
        sample_weight=weights,
    )
    predicted = model.predict(design(X[test], te_texts, scale, lexicon))
    ge_dev = datasets.goemotions_sentiment(data_dir, "dev")
    dev_texts = [clean(t) for t in ge_dev.texts]
    dev_y = np.array([datasets.SENTIMENT_LABELS.index(label) for label in ge_dev.labels])
    dev_predicted = model.predict(design(embed_cached(backend, dev_texts, cache), dev_texts, scale, lexicon))
    metrics = {
        "test_accuracy": round(accuracy_score(y[test], predicted), 4),
        "test_macro_f1": round(f1_score(y[test], predicted, average="macro"), 4),
        "cv_accuracy": max(cv_scores.values()),
        "goemotions_dev_accuracy": round(accuracy_score(dev_y, dev_predicted), 4),
        "train_n": len(train),
        "goemotions_train_n": len(ex_texts),
        "test_n": len(test),
    }
    meta = common_meta(backend, data.files + extra.files + ge_dev.files[:1], data_dir) | {
        "params": {"C": C, "ngram_scale": scale, "lexicon": lexicon, "lexicon_features": list(LEXICON_FEATURES),
                   "ngram_dim": DEFAULT_DIM, "cv_folds": 5, "grid_scores": cv_scores,
                   "test_share": datasets.AIRLINE_TEST_SHARE, "split_seed": datasets.AIRLINE_SPLIT_SEED,
                   "goemotions_weight": GOEMOTIONS_SENTIMENT_WEIGHT},
        "metrics": metrics,
    }
    W, lexicon_W, ngram_W = split_coef(model.coef_, X.shape[1], scale, lexicon)
    head = LinearHead("sentiment", "softmax", W, model.intercept_.copy(), datasets.SENTIMENT_LABELS, meta,
                      ngram_W, scale or 1.0, lexicon_W)
    save_head(head, out)
    return metrics


def train_emotion(backend, data_dir: Path, cache: Path, out: Path) -> dict:
    train, dev = datasets.goemotions(data_dir, "train"), datasets.goemotions(data_dir, "dev")
    texts, dev_texts = [clean(t) for t in train.texts], [clean(t) for t in dev.texts]
    X, X_dev = embed_cached(backend, texts, cache), embed_cached(backend, dev_texts, cache)
    outputs = ("negative_cue", *datasets.EMOTIONS)

    def target(labels, name):
        return np.array([datasets.negative_cue(s) if name == "negative_cue" else name in s for s in labels], dtype=int)

    W, NW, LW, b, params, metrics = [], [], [], [], {}, {}
    scale = CUE_GRID["ngram_scale"][0]
    for name in outputs:
        started = time.perf_counter()
        grid = CUE_GRID if name == "negative_cue" else EMOTION_GRID
        column, bias, p, cv_f1 = binary_output(X, texts, target(train.labels, name), 3, grid)
        nw, lw = column["ngram_W"], column["lexicon_W"]
        if nw is not None and p["ngram_scale"] != scale:  # one shared scale per head file
            nw = nw * (p["ngram_scale"] / scale)
        # one head file holds every output: an output without a term gets zero weights in it
        nw = np.zeros(DEFAULT_DIM) if nw is None else nw
        lw = np.zeros(len(LEXICON_FEATURES)) if lw is None else lw
        W.append(column["W"])
        NW.append(nw)
        LW.append(lw)
        b.append(bias)
        params[name] = p
        partial = LinearHead(name, "sigmoid", column["W"][:, None], np.array([bias]), (name,), {}, nw[:, None], scale,
                             lw[:, None])
        yes = partial.logits(X_dev, dev_texts)[:, 0] >= 0
        metrics[name] = binary_metrics(target(dev.labels, name), yes) | {"cv_f1": cv_f1}
        print(f"  emotion {name}: C={p['C']} lexicon={p['lexicon']} t={p['threshold']} dev F1={metrics[name]['f1']} "
              f"({time.perf_counter() - started:.0f}s)", flush=True)
    meta = common_meta(backend, train.files + dev.files[:1], data_dir) | {
        "negative_cue_emotions": list(datasets.NEGATIVE_CUE_EMOTIONS),
        "params": params | {"ngram_dim": DEFAULT_DIM, "lexicon_features": list(LEXICON_FEATURES)},
        "metrics": {"dev": metrics},
    }
    lexicon_W = np.stack(LW, axis=1) if any(p["lexicon"] for p in params.values() if isinstance(p, dict)) else None
    head = LinearHead("emotion", "sigmoid", np.stack(W, axis=1), np.array(b), outputs, meta, np.stack(NW, axis=1), scale,
                      lexicon_W)
    save_head(head, out)
    return {name: m["f1"] for name, m in metrics.items()}


def train_empathy(backend, data_dir: Path, cache: Path, out: Path) -> dict:
    texts = list(EMPATHIC) + list(NOT_EMPATHIC)
    y = np.array([1] * len(EMPATHIC) + [0] * len(NOT_EMPATHIC))
    texts = [clean(t) for t in texts]
    X = embed_cached(backend, texts, cache)
    column, bias, params, cv_f1 = binary_output(X, texts, y, 5, EMPATHY_GRID)
    w = column["W"]  # the empathy grid has no n-gram or lexicon term
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
    split = [clean_sentences(t) for t in ep.texts]
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
    parser.add_argument("--backend", default=default_backend(), help="embedding backend name")
    parser.add_argument("--out", type=Path, help="weights folder (default: smilebox/nlp/weights/BACKEND)")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "smilebox" / "embeddings",
                        help="embedding cache folder")
    parser.add_argument("--only", choices=("sentiment", "emotion", "empathy"), action="append",
                        help="train only these heads (repeatable)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"{args.data}: data folder not found")
    backend = load_backend(args.backend)
    args.out = args.out or head_dir(backend.name)
    trainers = {"sentiment": train_sentiment, "emotion": train_emotion, "empathy": train_empathy}
    for name in args.only or trainers:
        started = time.perf_counter()
        print(f"training {name} ...", flush=True)
        result = trainers[name](backend, args.data, args.cache, args.out)
        print(f"{name}: {result} ({time.perf_counter() - started:.0f}s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
