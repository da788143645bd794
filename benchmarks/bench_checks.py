"""Speed of the whole "connect" rubric against VADER over the same messages, on one core.

    python benchmarks/bench_checks.py                 # bundled sample conversations, 6-10 messages
    python benchmarks/bench_checks.py --seconds 5

Loads the bundled sample conversations (``smilebox/sample/data/conversations.jsonl``: email, chat,
phone, social), keeps those with 6 to 10 messages, and measures, in the same process:

- the rubric: ``Engine(load_rubric("connect")).evaluate(conversation)`` with no analyzer and no corpus
  index (the default), cues included; conversations per second (target >= 5,000);
- VADER: ``SentimentIntensityAnalyzer().polarity_scores(text)`` over every message of the same
  conversations; conversations per second.

It prints both and the ratio rubric cost / VADER cost (target <= 1). Pydantic parsing is outside the
timed loops for both.
"""

from __future__ import annotations

import argparse
import time
from importlib import resources

import orjson

from smilebox.model import Conversation
from smilebox.qa import Engine, load_rubric


def load_conversations(low: int = 6, high: int = 10) -> list[Conversation]:
    path = resources.files("smilebox.sample") / "data" / "conversations.jsonl"
    convs = [Conversation.model_validate(orjson.loads(line)) for line in path.read_bytes().splitlines() if line]
    typical = [c for c in convs if low <= len(c.messages) <= high]
    return typical or convs


def rate(fn, items: list, seconds: float) -> float:
    """Items per second of ``fn`` over ``items``, repeated until ``seconds`` have passed."""
    for item in items[:50]:  # warm caches and compiled patterns
        fn(item)
    done, start = 0, time.perf_counter()
    while True:
        for item in items:
            fn(item)
        done += len(items)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time each side at least this long")
    args = parser.parse_args(argv)

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    convs = load_conversations()
    engine = Engine(load_rubric("connect"))
    vader = SentimentIntensityAnalyzer()
    texts = [[m.text or "" for m in c.messages] for c in convs]
    messages = sum(len(t) for t in texts)

    rubric_rate = rate(engine.evaluate, convs, args.seconds)

    def vader_conversation(conv_texts: list[str]) -> None:
        for text in conv_texts:
            vader.polarity_scores(text)

    vader_rate = rate(vader_conversation, texts, args.seconds)
    ratio = vader_rate / rubric_rate
    print(f"conversations: {len(convs)} ({messages / len(convs):.1f} messages each, 6-10 message ones)")
    print(f"rubric 'connect' (12 checks + cues, no analyzer): {rubric_rate:,.0f} conversations/s "
          f"({1e6 / rubric_rate:.0f} us each; target >= 5,000/s)")
    print(f"VADER polarity_scores over the same messages:     {vader_rate:,.0f} conversations/s "
          f"({1e6 / vader_rate:.0f} us each)")
    print(f"rubric cost / VADER cost: {ratio:.2f} (target <= 1.00)")
    return {"rubric_per_s": rubric_rate, "vader_per_s": vader_rate, "ratio": ratio}


if __name__ == "__main__":
    main()
