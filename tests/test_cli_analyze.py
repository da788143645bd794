"""``smilebox analyze`` through the CLI, in-process, with the lexicon analyzer (no model needed)."""

from __future__ import annotations

import io

import pytest

from tests.helpers import run_cli, write_jsonl


@pytest.fixture(autouse=True)
def fresh_analyzers():
    import smilebox.nlp as nlp

    nlp.reset_cache()
    yield
    nlp.reset_cache()


@pytest.mark.parametrize(
    "task, keys",
    [
        ("sentiment", {"label", "scores"}),
        ("emotion", {"negative_cue", "cue_score", "emotions"}),
        ("empathy", {"empathy", "score"}),
    ],
)
def test_text_file_gives_one_object_per_line_in_order(tmp_path, capfd, task, keys):
    path = tmp_path / "in.txt"
    path.write_text("I am furious, this is unacceptable\n\nThank you so much, great help!\n", encoding="utf-8")
    run = run_cli(capfd, "analyze", task, path, "--json", "--models", "off")
    assert run.code == 0, run.err
    assert len(run.json_lines) == 2  # the blank line is not an input
    assert all(set(obj) == keys for obj in run.json_lines)


def test_sentiment_order_follows_the_input(tmp_path, capfd):
    path = tmp_path / "in.txt"
    path.write_text("Thank you so much, great help!\nThis is the worst, I hate it\nThe parcel is blue\n", encoding="utf-8")
    run = run_cli(capfd, "analyze", "sentiment", path, "--json", "--models", "off")
    assert [o["label"] for o in run.json_lines] == ["positive", "negative", "neutral"]


def test_jsonl_bad_lines_are_reported_skipped_and_exit_1(tmp_path, capfd):
    path = write_jsonl(
        tmp_path / "in.jsonl",
        [{"text": "I'm so sorry to hear that"}, b"{not json", {"body": "x"}, {"text": 5}, ["a"], {"text": "Your order ships today"}],
    )
    run = run_cli(capfd, "analyze", "empathy", path, "--json", "--models", "off")
    assert run.code == 1
    assert [o["empathy"] for o in run.json_lines] == [True, False]
    assert run.err.splitlines() == [
        f"{path}:2: not valid JSON: unexpected character, expected a string key",
        f"{path}:3: missing field 'text'",
        f"{path}:4: field 'text' must be a string, not int",
        f"{path}:5: expected a JSON object with a 'text' field",
    ]


def test_a_line_that_is_not_utf8_is_reported_and_the_good_lines_kept(tmp_path, capfd):
    path = tmp_path / "in.txt"
    path.write_bytes("\ufeffThank you so much, great help!\n".encode("utf-8") + b"caf\xe9 was awful\n"
                     + "This is the worst, I hate it\n".encode("utf-8"))
    run = run_cli(capfd, "analyze", "sentiment", path, "--json", "--models", "off")
    assert run.code == 1
    assert [o["label"] for o in run.json_lines] == ["positive", "negative"]
    assert run.err.splitlines() == [f"{path}:2: not valid UTF-8 (byte 4 of the line); save the file as UTF-8"]


def test_stdin_bytes_are_decoded_line_by_line(capfd, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"\xff\xfe\n" + '{"text": "Thanks, all sorted!"}\n'.encode("utf-8")))
    monkeypatch.setattr("sys.stdin", stdin)
    run = run_cli(capfd, "analyze", "sentiment", "--json", "--models", "off")
    assert run.code == 1
    assert [o["label"] for o in run.json_lines] == ["positive"]
    assert run.err.splitlines() == ["<stdin>:1: not valid UTF-8 (byte 1 of the line); save the file as UTF-8"]


def test_stdin_is_read_when_no_file_is_given(capfd, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"text": "I am so worried about my card"}\n'))
    run = run_cli(capfd, "analyze", "emotion", "--json", "--models", "off")
    assert run.code == 0
    [result] = run.json_lines
    assert result["negative_cue"] is True and result["emotions"]["fear"] > 0.5


@pytest.mark.parametrize(
    "args, message",
    [
        (["analyze", "mood", "x.txt"], "error: unknown task 'mood'; choose one of: sentiment, emotion, empathy"),
        (["analyze", "sentiment", "missing.txt"], "error: missing.txt: file not found"),
        (["analyze", "sentiment", "--models", "maybe"],
         "error: settings: models: Input should be 'auto', 'on' or 'off'"),
    ],
)
def test_usage_errors_exit_2_with_a_message(capfd, monkeypatch, args, message):
    monkeypatch.setattr("sys.stdin", io.StringIO("hello\n"))
    run = run_cli(capfd, *args)
    assert run.code == 2
    assert run.err.strip() == message
    assert run.out == ""


def test_models_on_without_the_extra_exits_1_with_the_install_hint(capfd, monkeypatch, tmp_path):
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *args: None)
    path = tmp_path / "in.txt"
    path.write_text("hello\n", encoding="utf-8")
    run = run_cli(capfd, "analyze", "sentiment", path, "--json", "--models", "on")
    assert run.code == 1
    assert run.err.strip() == (
        "error: the language models are not installed; install the language models with: pip install 'smilebox[models]'"
    )


def test_human_output_is_one_line_per_text(tmp_path, capfd):
    path = tmp_path / "in.txt"
    path.write_text("Thanks a lot!\nterrible, just terrible\n", encoding="utf-8")
    run = run_cli(capfd, "analyze", "sentiment", path, "--models", "off")
    assert [line.split()[0] for line in run.out.splitlines()] == ["positive", "negative"]


def test_a_byte_order_mark_does_not_hide_jsonl(tmp_path, capfd):
    path = tmp_path / "in.txt"
    path.write_bytes(b'\xef\xbb\xbf{"text": "Thanks a lot!"}\r\n{"text": "terrible, just terrible"}\r\n')
    run = run_cli(capfd, "analyze", "sentiment", path, "--json", "--models", "off")
    assert run.code == 0, run.err
    assert [o["label"] for o in run.json_lines] == ["positive", "negative"]
