"""Print dev-, test-, holdout- or final-set threads of the Twitter support sample to label by hand.

It never runs a Smilebox check: the labels in ``evaluation/labels/twcs_dev.jsonl``,
``evaluation/labels/twcs_test.jsonl``, ``evaluation/labels/twcs_holdout.jsonl`` and
``evaluation/labels/twcs_final.jsonl`` must be an
independent human judgement. Usage::

    python tools/label_helper.py --data ../shared/data --start 0 --count 15   # print threads 0-14
    python tools/label_helper.py --data ../shared/data --ids                  # the 150 dev ids, in order
    python tools/label_helper.py --data ../shared/data --set test --ids       # the 100 test ids
    python tools/label_helper.py --data ../shared/data --set holdout --ids    # the 100 holdout ids
    python tools/label_helper.py --data ../shared/data --set final --ids      # the 100 final ids
    python tools/label_helper.py --data ../shared/data --set dev2 --ids       # the 100 second-dev ids
    python tools/label_helper.py --data ../shared/data --set final2 --ids     # the 100 second-final ids
    python tools/label_helper.py --data ../shared/data --set final3 --ids     # the 100 third-final ids
"""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from smilebox.evaluation.twcs_threads import (
    fallback_read_twcs_threads,
    select_dev2_threads,
    select_dev_threads,
    select_final2_threads,
    select_final3_threads,
    select_final_threads,
    select_holdout_threads,
    select_test_threads,
)

SELECTORS = {"dev": select_dev_threads, "test": select_test_threads, "holdout": select_holdout_threads,
             "final": select_final_threads, "dev2": select_dev2_threads,
             "final2": select_final2_threads, "final3": select_final3_threads}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--count", type=int, default=15)
    parser.add_argument("--ids", action="store_true", help="print the chosen ids and brands only")
    parser.add_argument("--set", choices=sorted(SELECTORS), default="dev",
                        help="dev: the 150 tuning threads; test: 100 threads measured blind once, then "
                             "tuned on; holdout: 100 threads measured blind once, then tuned on; "
                             "final: 100 threads never tuned on; dev2: 100 threads drawn after the final set, "
                             "measured blind once, then tuned on; final2: 100 threads drawn after that tuning, "
                             "measured blind once, then tuned on; final3: 100 threads drawn before the tuning on final2, "
                             "never tuned on (all seven disjoint)")
    args = parser.parse_args()
    all_threads = fallback_read_twcs_threads(args.data / "twcs_sample" / "twcs_sample.csv")
    threads = SELECTORS[args.set](all_threads)
    if args.ids:
        for i, th in enumerate(threads):
            print(i, th.id, th.brand, len(th.tweets))
        return
    for i, th in enumerate(threads[args.start : args.start + args.count], start=args.start):
        print(f"=== #{i} id={th.id} brand={th.brand} ({len(th.tweets)} tweets)")
        for t in th.tweets:
            who = "AGENT" if not t.inbound else "CUST "
            body = textwrap.fill(t.text, 150, subsequent_indent="        ")
            print(f"  {who} {t.created_at:%m-%d %H:%M} {body}")
        print()


if __name__ == "__main__":
    main()
