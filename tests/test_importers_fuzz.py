"""Every importer fed broken input: random bytes, truncated files, fields of the wrong type.

What must hold: ``read()`` never raises; it yields only conversations, feedback and ``InputError``s; and
a broken record in the middle of a JSONL file costs only that record, never its neighbours.
"""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smilebox.errors import InputError
from smilebox.importers import get_importer
from smilebox.model import Conversation, FeedbackRecord

FIXTURES = Path(__file__).parent / "fixtures"
FILES = {
    "zendesk": FIXTURES / "zendesk" / "export.json",
    "zendesk-chat": FIXTURES / "zendesk_chat" / "chats.json",
    "helpscout": FIXTURES / "helpscout" / "conversations.json",
    "freshdesk": FIXTURES / "freshdesk" / "tickets.json",
    "intercom": FIXTURES / "intercom" / "conversations.jsonl",
    "front": FIXTURES / "front" / "conversations.json",
    "aws-transcribe": FIXTURES / "transcripts" / "aws_transcribe.json",
    "contact-lens": FIXTURES / "transcripts" / "contact_lens.json",
    "deepgram": FIXTURES / "transcripts" / "deepgram.json",
    "whisper": FIXTURES / "transcripts" / "whisperx.json",
}
#: one good record per line-capable format (taken from its fixture)
GOOD = {
    "zendesk": lambda: orjson.loads(FILES["zendesk"].read_bytes())["tickets"][0],
    "zendesk-chat": lambda: orjson.loads(FILES["zendesk-chat"].read_bytes())["chats"][0],
    "helpscout": lambda: orjson.loads(FILES["helpscout"].read_bytes())["_embedded"]["conversations"][0],
    "freshdesk": lambda: orjson.loads(FILES["freshdesk"].read_bytes())["tickets"][0],
    "intercom": lambda: orjson.loads(FILES["intercom"].read_bytes().splitlines()[0]),
    "front": lambda: orjson.loads(FILES["front"].read_bytes())["_results"][0],
}
TWCS = (
    "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
    "1,5,True,Tue Oct 31 10:00:00 +0000 2017,help,2,\n"
    "2,Acme,False,Tue Oct 31 10:05:00 +0000 2017,ok ^AB,,1\n"
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def run(fmt: str, path: Path) -> list:
    items = list(get_importer(fmt)().read(path))  # must not raise
    assert all(isinstance(i, (Conversation, FeedbackRecord, InputError)) for i in items)
    return items


def _paths(value, prefix=()):
    """Every (path) to a value inside a JSON record, for picking one to break."""
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


def _replace(record, path, new):
    if not path:
        return new
    out = copy.deepcopy(record)
    target = out
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return out


@pytest.mark.parametrize("fmt", [*FILES, "twcs"])
@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes(tmp_path, fmt, data):
    path = tmp_path / "junk.json"
    path.write_bytes(data)
    run(fmt, path)


@pytest.mark.parametrize("fmt", list(FILES))
@FUZZ
@given(cut=st.floats(0, 1))
def test_truncated_files(tmp_path, fmt, cut):
    raw = FILES[fmt].read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(raw[: int(len(raw) * cut)])
    run(fmt, path)


@pytest.mark.parametrize("fmt", list(GOOD))
@FUZZ
@given(data=st.data())
def test_a_broken_record_costs_only_itself(tmp_path, fmt, data):
    good = GOOD[fmt]()
    first, last = {**good, "id": "good-1"}, {**good, "id": "good-2"}
    paths = list(_paths(good))
    where = data.draw(st.sampled_from(paths))
    broken = (
        _replace({**good, "id": "bad"}, where, data.draw(json_values)) if where else data.draw(json_values)
    )
    path = tmp_path / "records.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(r) for r in (first, broken, last)) + b"\n")
    items = run(fmt, path)
    ids = [i.id for i in items if isinstance(i, Conversation)]
    assert ids[0] == "good-1" and ids[-1] == "good-2"


@pytest.mark.parametrize("fmt", ["aws-transcribe", "contact-lens", "deepgram", "whisper"])
@FUZZ
@given(data=st.data())
def test_transcript_fields_of_the_wrong_type(tmp_path, fmt, data):
    doc = orjson.loads(FILES[fmt].read_bytes())
    where = data.draw(st.sampled_from(list(_paths(doc))[1:]))
    path = tmp_path / "t.json"
    path.write_bytes(orjson.dumps(_replace(doc, where, data.draw(json_values))))
    run(fmt, path)


@FUZZ
@given(row=st.lists(st.text(max_size=15), min_size=1, max_size=9), raw=st.binary(max_size=40))
def test_twcs_bad_rows_cost_only_themselves(tmp_path, row, raw):
    buf = io.StringIO()
    csv.writer(buf).writerow(row)
    junk = raw.translate(None, b'"\r\n')  # an open quote would (rightly) swallow the rest of the file
    lines = TWCS.encode().splitlines(keepends=True)
    path = tmp_path / "twcs.csv"
    path.write_bytes(b"".join(lines[:2]) + buf.getvalue().encode() + junk + b"\n" + lines[2])
    convs = {i.id: i for i in run("twcs", path) if isinstance(i, Conversation)}
    assert {"1", "2"} <= {m.id for m in convs["1"].messages}


@pytest.mark.parametrize("fmt", list(FILES))
def test_only_one_importer_claims_each_fixture(fmt):
    """``--format auto`` asks the importers in order: vendor formats must not steal each other's files
    (the generic native formats come last in the registry, so they may also match)."""
    from smilebox.importers import SNIFF_BYTES, available_importers, detect_format

    path = FILES[fmt]
    head = path.read_bytes()[:SNIFF_BYTES]
    vendors = [*FILES, "twcs"]
    claims = [
        name for name, cls in available_importers().items() if name in vendors and cls.sniff(path, head)
    ]
    assert claims == [fmt]
    assert detect_format(path) == fmt
