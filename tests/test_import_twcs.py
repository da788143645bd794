"""TWCS: tweets threaded by reply into conversations keyed by the root tweet id; bad rows reported."""

from __future__ import annotations

import pytest

from smilebox.errors import InputError
from smilebox.importers import detect_format
from smilebox.importers.twcs import TwcsImporter
from smilebox.model import Conversation

HEADER = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
ROWS = [
    "2,AcmeHelp,False,Tue Oct 31 10:05:00 +0000 2017,@115 Sorry about that! DM us your order number. ^CB,3,1\n",
    "1,115,True,Tue Oct 31 10:00:00 +0000 2017,@AcmeHelp my parcel is lost,2,\n",
    '3,115,True,Tue Oct 31 10:09:00 +0000 2017,"@AcmeHelp done, thanks\nagain",4,2\n',
    None,  # a row broken off the line above, as in the original data set
    "4,AcmeHelp,False,Tue Oct 31 10:12:00 +0000 2017,@115 Got it - refund sent. -KC,,3\n",
    "10,222,True,Tue Oct 31 11:00:00 +0000 2017,@AcmeHelp app crashes,11,\n",
    "11,AcmeHelp,False,Wednesday,@222 Which version?,,10\n",
    "2,AcmeHelp,False,Tue Oct 31 10:05:00 +0000 2017,duplicate,,1\n",
    "12,333,True,Tue Oct 31 12:00:00 +0000 2017,orphan reply,,999\n",
]


@pytest.fixture
def result(tmp_path):
    path = tmp_path / "twcs.csv"
    body = "".join(f"{i},{row}" if row else "broken piece of text,9,,,,,,\n" for i, row in enumerate(ROWS))
    path.write_text(
        "," + HEADER + body, encoding="utf-8"
    )  # with pandas' unnamed index column, like the data set
    items = list(TwcsImporter().read(path))
    return (
        path,
        {i.id: i for i in items if isinstance(i, Conversation)},
        [str(i) for i in items if isinstance(i, InputError)],
    )


def test_threads_are_keyed_by_root_tweet_and_ordered_in_time(result):
    _, convs, _ = result
    assert sorted(convs) == ["1", "10", "12"]
    conv = convs["1"]
    assert [(m.id, m.role) for m in conv.messages] == [
        ("1", "customer"),
        ("2", "agent"),
        ("3", "customer"),
        ("4", "agent"),
    ]
    assert (conv.source, conv.channel, conv.customer.handle, conv.extra["brand"]) == (
        "twcs",
        "social",
        "115",
        "AcmeHelp",
    )
    assert conv.messages[2].text == "@AcmeHelp done, thanks\nagain"


def test_agent_sign_off_initials_become_the_author(result):
    conv = result[1]["1"]
    assert [m.author.name for m in conv.messages if m.role == "agent"] == ["CB", "KC"]
    assert conv.messages[1].author.group == "AcmeHelp"


def test_bad_rows_are_reported_with_their_line(result):
    path, convs, errors = result
    assert errors == [
        f"{path}:6: inbound is '' (expected True or False); the row may be a broken-off piece of the line above",
        f"{path}:9: created_at 'Wednesday' is not a date like 'Tue Oct 31 22:14:37 +0000 2017'",
        f"{path}:10: tweet_id 2 appears again (first at line 2); this row is skipped",
    ]
    assert [m.id for m in convs["10"].messages] == ["10"]  # the bad reply is skipped, the thread kept


def test_wrong_header_is_one_clear_error(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("id,text\n1,hi\n", encoding="utf-8")
    assert [str(e) for e in TwcsImporter().read(path)] == [
        f"{path}:1: the header is not the TWCS columns (tweet_id, author_id, inbound, created_at, text, "
        "response_tweet_id, in_response_to_tweet_id); found: id, text"
    ]


def test_shared_sample_gives_about_a_thousand_threads(shared_data):
    path = shared_data / "twcs_sample" / "twcs_sample.csv"
    if not path.exists():
        pytest.skip("twcs_sample is absent")
    items = list(TwcsImporter().read(path))
    convs = [i for i in items if isinstance(i, Conversation)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert 950 <= len(convs) <= 1100
    assert errors and all(isinstance(e.location, int) for e in errors)
    assert detect_format(path) == "twcs"
    # every root id is a tweet of its own thread, and is its earliest reply-chain ancestor
    assert all(c.id in {m.id for m in c.messages} for c in convs)
    assert sum(len(c.messages) for c in convs) + len(errors) >= 4190
