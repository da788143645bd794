"""Speed of the whole "connect" rubric against VADER over the same messages, on one core.

    python benchmarks/bench_checks.py                 # bundled sample conversations, 6-10 messages
    python benchmarks/bench_checks.py --seconds 5

Loads the bundled sample conversations (``smilebox/sample/data/conversations.jsonl``: email, chat,
phone, social), keeps those with 6 to 10 messages, and measures, in the same process:

- the rubric: ``Engine(load_rubric("connect")).evaluate(conversation)`` with no analyzer and no corpus
  index (the default), cues included; conversations per second (target >= 5,000);
- VADER: ``SentimentIntensityAnalyzer().polarity_scores(text)`` over every message of the same
  conversations; conversations per second.

It prints both and the ratio rubric cost / VADER cost (target <= 1). The two sides run in alternating
rounds and each reports its best round, so a busy machine does not favour either. Pydantic parsing is
outside the timed loops for both.
"""

from __future__ import annotations

import argparse
import time
from importlib import resources
from pathlib import Path

import orjson

from smilebox.model import Conversation
from smilebox.qa import Engine, load_rubric


def load_conversations(low: int = 6, high: int = 10) -> list[Conversation]:
    path = resources.files("smilebox.sample") / "data" / "conversations.jsonl"
    convs = [Conversation.model_validate(orjson.loads(line)) for line in path.read_bytes().splitlines() if line]
    typical = [c for c in convs if low <= len(c.messages) <= high]
    return typical or convs


def twcs_conversations(data: Path, low: int = 6, high: int = 10) -> list[Conversation]:
    """Real Twitter support threads of 6-10 tweets from the shared data, when it is there."""
    from smilebox.evaluation.twcs_threads import fallback_read_twcs_threads

    path = data / "twcs_sample" / "twcs_sample.csv"
    if not path.is_file():
        return []
    out = []
    for th in fallback_read_twcs_threads(path):
        if th.has_agent_reply and low <= len(th.tweets) <= high:
            out.append(Conversation.model_validate({
                "id": th.id, "source": "twcs", "channel": "social",
                "messages": [{"id": t.tweet_id, "role": "customer" if t.inbound else "agent", "text": t.text}
                             for t in th.tweets]}))
    return out


def one_round(fn, items: list) -> float:
    """Items per second of one pass of ``fn`` over ``items``."""
    start = time.perf_counter()
    for item in items:
        fn(item)
    return len(items) / (time.perf_counter() - start)


def compare(first, first_items: list, second, second_items: list, seconds: float) -> tuple[float, float]:
    """Best rate of each side over alternating rounds: a busy machine slows both sides alike."""
    for fn, items in ((first, first_items), (second, second_items)):
        for item in items[:50]:  # warm caches and compiled patterns
            fn(item)
    rates_a, rates_b = [], []
    deadline = time.perf_counter() + 2 * seconds
    while time.perf_counter() < deadline or len(rates_a) < 5:
        rates_a.append(one_round(first, first_items))
        rates_b.append(one_round(second, second_items))
    return max(rates_a), max(rates_b)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time each side at least this long")
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data",
                        help="public data folder; its Twitter threads are measured too when present")
    args = parser.parse_args(argv)
    results = {}
    for label, convs in (("sample (email/chat/phone/social)", load_conversations()),
                         ("twcs (real Twitter threads)", twcs_conversations(args.data))):
        if convs:
            results[label] = measure(label, convs, args.seconds)
    return results


def measure(label: str, convs: list[Conversation], seconds: float) -> dict[str, float]:

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    engine = Engine(load_rubric("connect"))
    vader = SentimentIntensityAnalyzer()
    texts = [[m.text or "" for m in c.messages] for c in convs]
    messages = sum(len(t) for t in texts)

    def vader_conversation(conv_texts: list[str]) -> None:
        for text in conv_texts:
            vader.polarity_scores(text)

    rubric_rate, vader_rate = compare(engine.evaluate, convs, vader_conversation, texts, seconds)
    ratio = vader_rate / rubric_rate
    chars = sum(len(t) for conv_texts in texts for t in conv_texts) / messages
    print(f"{label}: {len(convs)} conversations, {messages / len(convs):.1f} messages each, {chars:.0f} chars/message")
    print(f"rubric 'connect' (12 checks + cues, no analyzer): {rubric_rate:,.0f} conversations/s "
          f"({1e6 / rubric_rate:.0f} us each; target >= 5,000/s)")
    print(f"VADER polarity_scores over the same messages:     {vader_rate:,.0f} conversations/s "
          f"({1e6 / vader_rate:.0f} us each)")
    print(f"rubric cost / VADER cost: {ratio:.2f} (target <= 1.00)\n")
    return {"rubric_per_s": rubric_rate, "vader_per_s": vader_rate, "ratio": ratio}


if __name__ == "__main__":
    main()
