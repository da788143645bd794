"""Call transcripts: turns merged per speaker, roles given (Contact Lens) or inferred with confidence."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from smilebox.errors import InputError
from smilebox.importers import detect_format, get_importer
from smilebox.importers._speakers import guess_agent, merge_turns
from smilebox.importers.base import ImportOptions
from smilebox.model import Conversation

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"


def read(fmt: str, path: Path, **options) -> list:
    return list(get_importer(fmt)(ImportOptions(**options)).read(path))


@pytest.mark.parametrize(
    "fmt, name, cid, turns",
    [
        (
            "aws-transcribe",
            "aws_transcribe.json",
            "call-0001",
            [
                ("customer", "Hi, I'm calling about my bill."),
                ("agent", "Thank you for calling Acme, my name is Juan. How can I help?"),
                ("customer", "It is too high."),
                ("agent", "Can you confirm your date of birth?"),
            ],
        ),
        (
            "contact-lens",
            "contact_lens.json",
            "a1b2c3d4-0000-4000-8000-000000000001",
            [
                ("agent", "Thanks for calling Acme, this is Juan."),
                ("customer", "Hi Juan, my router keeps dropping. Every evening since Tuesday."),
                ("agent", "I'm sorry to hear that, let me run a line test."),
            ],
        ),
        (
            "deepgram",
            "deepgram.json",
            "dg-req-7",
            [
                ("customer", "Yeah hi, I have a problem with my order."),
                ("agent", "Welcome to Acme support, my name is Priya. How may I assist you today?"),
                ("customer", "It arrived broken."),
            ],
        ),
        (
            "whisper",
            "whisperx.json",
            "whisperx",
            [
                ("agent", "Thank you for calling Acme, how can I help?"),
                ("customer", "I'm calling because my card was declined. It happened twice."),
                ("agent", "I can check that. Could you confirm the last four digits?"),
            ],
        ),
    ],
)
def test_turns_and_roles(fmt, name, cid, turns):
    [conv] = read(fmt, FIXTURES / name, company_name="Acme")
    assert (conv.id, conv.source, conv.channel) == (cid, fmt, "phone")
    assert [(m.role, m.text) for m in conv.messages] == turns
    assert detect_format(FIXTURES / name) == fmt


@pytest.mark.parametrize(
    "fmt, name, agent",
    [
        ("aws-transcribe", "aws_transcribe.json", "spk_0"),
        ("deepgram", "deepgram.json", "speaker_1"),
        ("whisper", "whisperx.json", "SPEAKER_01"),
    ],
)
def test_inferred_roles_record_speaker_confidence_and_signals(fmt, name, agent):
    [conv] = read(fmt, FIXTURES / name)
    guess = conv.extra["role_inference"]
    assert guess["agent_speaker"] == agent
    assert guess["confidence"] > 0.9
    assert f"{agent}: offers_help" in guess["signals"]


def test_given_roles_are_not_guessed():
    [conv] = read("contact-lens", FIXTURES / "contact_lens.json")
    assert "role_inference" not in conv.extra
    assert conv.messages[1].extra["start"] == 2.3 and conv.messages[1].extra["end"] == 6.5


def test_plain_whisper_has_one_speaker_and_says_so():
    [conv] = read("whisper", FIXTURES / "whisper.json")
    assert [m.text for m in conv.messages] == ["Hello there. Goodbye."]
    assert conv.extra["role_inference"] == {
        "agent_speaker": "SPEAKER_00",
        "confidence": 0.0,
        "signals": ["single speaker: no diarisation, roles cannot be told apart"],
    }
    assert detect_format(FIXTURES / "whisper.json") == "whisper"


@pytest.mark.parametrize(
    "turns, agent, low_confidence",
    [
        (
            [
                ("a", "Hello?"),
                ("b", "Hi, I'm calling about my bill."),
                ("a", "Sure, can you confirm your account number?"),
            ],
            "a",
            False,
        ),
        (
            [("a", "I have a problem with my order"), ("b", "You're speaking with Sam, how may I help?")],
            "b",
            False,
        ),
        ([("a", "ok"), ("b", "fine")], "a", True),
    ],
)
def test_guess_agent(turns, agent, low_confidence):
    guess = guess_agent(turns)
    assert guess.agent_speaker == agent
    assert (guess.confidence < 0.7) == low_confidence


def test_roster_name_helps():
    turns = [("x", "Hi, this is Maria."), ("y", "Hi, this is Tom.")]
    assert guess_agent(turns, agent_names=["Tom Jones"]).agent_speaker == "y"


def test_merge_turns_joins_same_speaker_and_drops_blanks():
    pieces = [
        ("a", "one", 0.0, 1.0),
        ("a", " two ", 1.0, 2.0),
        ("b", "  ", 2.0, 2.5),
        ("b", "three", 3.0, 4.0),
    ]
    assert merge_turns(pieces) == [("a", "one two", 0.0, 2.0), ("b", "three", 3.0, 4.0)]


@pytest.mark.parametrize(
    "fmt, content, problem",
    [
        ("whisper", b'{"segments": [', "not valid JSON: unexpected end of data (column 15)"),
        ("whisper", b"[]", "expected a JSON object, got list"),
        (
            "whisper",
            b'{"segments": []}',
            "no segments: save Whisper's verbose JSON output (segments with start, end, text)",
        ),
        (
            "contact-lens",
            b'{"Transcript": [{"Content": "hi"}]}',
            "Transcript[0] needs ParticipantId (or ParticipantRole) and Content",
        ),
        (
            "deepgram",
            b'{"results": {"channels": []}}',
            "results has neither utterances nor words: request utterances=true&diarize=true",
        ),
        (
            "aws-transcribe",
            b'{"results": {"items": [], "transcripts": []}}',
            "results.items is empty and results.transcripts has no text: export the finished job's transcript JSON",
        ),
        (
            "whisper",
            b'{"segments": [{"text": "  "}]}',
            "the transcript has no words (was the audio silent, or the job not finished?)",
        ),
        (
            "whisper",
            b'{"segments": [{"text": "caf\xe9"}]}',
            "not valid UTF-8 (byte 0xe9 at column 28); re-save the file as UTF-8",
        ),
    ],
)
def test_broken_transcripts_are_reported(tmp_path, fmt, content, problem):
    path = tmp_path / "t.json"
    path.write_bytes(content)
    items = read(fmt, path)
    assert [str(i) for i in items if isinstance(i, InputError)] == [f"{path}:1: {problem}"]
    assert not [i for i in items if isinstance(i, Conversation)]


def test_deepgram_words_without_utterances(tmp_path):
    words = [
        {"word": w, "punctuated_word": p, "start": i, "end": i + 0.5, "speaker": s}
        for i, (w, p, s) in enumerate(
            [("thanks", "Thanks", 0), ("for", "for", 0), ("calling", "calling.", 0), ("hi", "Hi.", 1)]
        )
    ]
    path = tmp_path / "dg.json"
    path.write_bytes(
        orjson.dumps({"results": {"channels": [{"alternatives": [{"transcript": "", "words": words}]}]}})
    )
    [conv] = read("deepgram", path)
    assert [(m.role, m.text) for m in conv.messages] == [
        ("agent", "Thanks for calling."),
        ("customer", "Hi."),
    ]
