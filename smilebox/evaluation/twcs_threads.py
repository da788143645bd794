"""A private, minimal reader of the Twitter support sample, used by the QA accuracy evaluation.

The product's own ``twcs`` importer (``smilebox.importers.twcs``) is the proper way to read this file;
this module exists so the evaluation and the labelling helper can run before that importer lands, and so
the dev set's thread selection can be re-derived from the raw CSV alone. It follows the convention the
importer shares: a thread is the reply tree under a customer tweet that answers nothing, flattened in
``created_at`` order, and its id is the root tweet's ``tweet_id`` as a string.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

TWCS_TIME_FORMAT = "%a %b %d %H:%M:%S %z %Y"


@dataclass(slots=True)
class Tweet:
    tweet_id: str
    author_id: str
    inbound: bool
    created_at: datetime
    text: str
    in_response_to: str | None


@dataclass(slots=True)
class Thread:
    """One root customer tweet and every reply under it, oldest first."""

    id: str
    tweets: list[Tweet] = field(default_factory=list)

    @property
    def brand(self) -> str | None:
        """The first agent (outbound) author, i.e. the brand's support handle."""
        return next((t.author_id for t in self.tweets if not t.inbound), None)

    @property
    def has_agent_reply(self) -> bool:
        return any(not t.inbound for t in self.tweets)

    @property
    def brands(self) -> set[str]:
        return {t.author_id for t in self.tweets if not t.inbound}


def _parse_row(row: dict[str, str]) -> Tweet | None:
    """A tweet, or None for a malformed row (the original data set has some; they are skipped)."""
    tweet_id = (row.get("tweet_id") or "").strip()
    inbound = (row.get("inbound") or "").strip()
    if not tweet_id.isdigit() or inbound not in ("True", "False") or row.get("text") is None:
        return None
    try:
        created = datetime.strptime((row.get("created_at") or "").strip(), TWCS_TIME_FORMAT)
    except ValueError:
        return None
    parent = (row.get("in_response_to_tweet_id") or "").strip()
    if parent.endswith(".0"):  # pandas wrote the column as float
        parent = parent[:-2]
    return Tweet(tweet_id, (row.get("author_id") or "").strip(), inbound == "True", created, row["text"],
                 parent if parent.isdigit() else None)


def read_tweets(path: Path) -> Iterator[Tweet]:
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            tweet = _parse_row(row)
            if tweet is not None:
                yield tweet


def fallback_read_twcs_threads(path: Path) -> list[Thread]:
    """Build threads from the raw CSV without the product importer (see the module docstring)."""
    tweets = {t.tweet_id: t for t in read_tweets(path)}
    children: dict[str, list[str]] = defaultdict(list)
    for t in tweets.values():
        if t.in_response_to is not None:
            children[t.in_response_to].append(t.tweet_id)
    threads = []
    for t in tweets.values():
        if not t.inbound or t.in_response_to is not None:
            continue
        members, stack = [], [t.tweet_id]
        while stack:
            current = stack.pop()
            if current in tweets:
                members.append(tweets[current])
            stack.extend(children.get(current, ()))
        members.sort(key=lambda m: (m.created_at, int(m.tweet_id)))
        threads.append(Thread(t.tweet_id, members))
    threads.sort(key=lambda th: int(th.id))
    return threads


DEV_SEED = 20261122
TEST_SEED = 20261201
HOLDOUT_SEED = 20261203
FINAL_SEED = 20261204
DEV2_SEED = 20261205
FINAL2_SEED = 20261206
FINAL3_SEED = 20261207


def select_dev_threads(threads: list[Thread], n: int = 150, seed: int = DEV_SEED) -> list[Thread]:
    """Stratified, seeded choice of the dev set: round-robin over brands.

    Eligible threads have at least one agent reply (so two or more messages: the customer's root and the
    reply) and are answered by exactly one brand (a few roots are brand banter where several companies
    reply to each other: not a support conversation). Within each brand the threads are shuffled with
    the seed; brands are visited in a seeded random order, taking one thread per brand per round until
    ``n`` are chosen, so the set spreads over as many brands as possible and no brand dominates.
    """
    return _round_robin(threads, n, seed, exclude=frozenset())


def select_test_threads(threads: list[Thread], n: int = 100, seed: int = TEST_SEED,
                        dev_seed: int = DEV_SEED, dev_n: int = 150) -> list[Thread]:
    """The test set: the dev set's procedure, with another seed, over the threads not in dev.

    The dev threads are re-derived with ``select_dev_threads(threads, dev_n, dev_seed)`` and excluded
    before the draw, so the two sets are disjoint by construction and both follow from the raw CSV alone.
    It was the held-out set until, after its first blind measurement, it was used for tuning; the
    held-out set became ``select_holdout_threads`` and, after that one's blind measurement,
    ``select_final_threads``.
    """
    return select_after(threads, [lambda ths: select_dev_threads(ths, dev_n, dev_seed)], n, seed)


def select_holdout_threads(threads: list[Thread], n: int = 100, seed: int = HOLDOUT_SEED) -> list[Thread]:
    """The holdout set: the same procedure, with its own seed, over the threads in neither dev nor test.

    Both earlier sets are re-derived from ``threads`` with their own seeds and sizes (150 dev, 100 test)
    and excluded before the draw, so the three sets are disjoint by construction. It was measured blind
    once; its disagreements were then used for tuning, so the set nobody tunes on is now
    ``select_final_threads``.
    """
    return select_after(threads, [select_dev_threads, select_test_threads], n, seed)


def select_final_threads(threads: list[Thread], n: int = 100, seed: int = FINAL_SEED) -> list[Thread]:
    """The final set: the same procedure, with its own seed, over the threads in none of the earlier sets.

    Dev, test and holdout are re-derived from ``threads`` with their own seeds and sizes and excluded
    before the draw, so the four sets are disjoint by construction. Nobody tunes on it.
    """
    return select_after(threads, [select_dev_threads, select_test_threads, select_holdout_threads], n, seed)


def select_dev2_threads(threads: list[Thread], n: int = 100, seed: int = DEV2_SEED) -> list[Thread]:
    """The second dev set: drawn after the final set was fixed, from the threads in none of the four sets.

    It exists so the checks can be tuned on threads they have not seen without touching the final set:
    measured blind once, then used for tuning like dev, test and holdout.
    """
    return select_after(threads, [select_dev_threads, select_test_threads, select_holdout_threads,
                                  select_final_threads], n, seed)


def select_final2_threads(threads: list[Thread], n: int = 100, seed: int = FINAL2_SEED) -> list[Thread]:
    """The second final set: drawn after the tuning on dev2, from the threads in none of the five earlier sets.

    The first final set had been measured after several rounds of tuning on other sets; this one was labelled
    blind and measured once, with checks that were never changed after it was drawn. Nobody tunes on it.
    """
    return select_after(threads, [select_dev_threads, select_test_threads, select_holdout_threads,
                                  select_final_threads, select_dev2_threads], n, seed)


def select_final3_threads(threads: list[Thread], n: int = 100, seed: int = FINAL3_SEED) -> list[Thread]:
    """The third final set: drawn when the second final set, measured once, became a tuning set.

    Drawn from the threads in none of the six earlier sets and labelled blind before the tuning on final2
    began, then measured once with the checks as that tuning left them. Nobody tunes on it.
    """
    return select_after(threads, [select_dev_threads, select_test_threads, select_holdout_threads,
                                  select_final_threads, select_dev2_threads, select_final2_threads], n, seed)


def select_after(threads: list[Thread], earlier: list[Callable[[list[Thread]], list[Thread]]], n: int,
                 seed: int) -> list[Thread]:
    """A new set drawn like the dev set, with ``seed``, from the threads none of the ``earlier`` selectors
    choose (each called with its own default size and seed). A shorter draw is a prefix of a longer one."""
    excluded: frozenset[str] = frozenset()
    for select in earlier:
        excluded |= _ids(select(threads))
    return _round_robin(threads, n, seed, exclude=excluded)


def _ids(threads: list[Thread]) -> frozenset[str]:
    return frozenset(th.id for th in threads)


def _round_robin(threads: list[Thread], n: int, seed: int, exclude: frozenset[str]) -> list[Thread]:
    """Eligible threads not in ``exclude``, shuffled per brand, taken one per brand per round."""
    rng = random.Random(seed)
    by_brand: dict[str, list[Thread]] = defaultdict(list)
    for th in threads:
        if th.has_agent_reply and len(th.brands) == 1 and th.id not in exclude:
            by_brand[th.brand or "?"].append(th)
    queues = {}
    for brand in sorted(by_brand):
        pool = sorted(by_brand[brand], key=lambda th: int(th.id))
        rng.shuffle(pool)
        queues[brand] = pool
    order = sorted(queues)
    rng.shuffle(order)
    chosen: list[Thread] = []
    while len(chosen) < n and any(queues.values()):
        for brand in order:
            if queues[brand] and len(chosen) < n:
                chosen.append(queues[brand].pop(0))
    return chosen
