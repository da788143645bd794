"""The bundled sample data: deterministic, valid, and varied enough to exercise every check."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta

import pytest

from smilebox.errors import SmileboxError
from smilebox.model import CHANNELS, ROLES, Conversation, FeedbackRecord
from smilebox.sample import COMPANY_NAME, DEFAULT_SEED, SAMPLE_FILES, generate, generator, sample_paths
from smilebox.sample import phrases as P
from smilebox.sample.customers import LIFE_DETAILS
from smilebox.sample.people import AGENTS
from smilebox.sample.phrases import GRIPES

CHECK_IDS = (
    "greeting",
    "closing",
    "signature",
    "customer_name",
    "gratitude",
    "empathy",
    "ownership",
    "tailored",
    "security",
    "documentation",
    "resolution",
    "wow",
)
SAMPLE_CHANNELS = tuple(c for c in CHANNELS if c != "other")
CARD_RUN = re.compile(r"\b(?:\d[ -]?){13,19}\b")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("sample-a"), DEFAULT_SEED)


@pytest.fixture(scope="module")
def raw_conversations(fresh) -> list[dict]:
    return [json.loads(line) for line in fresh["conversations"].read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def conversations(raw_conversations) -> list[Conversation]:
    return [Conversation.model_validate(c) for c in raw_conversations]


@pytest.fixture(scope="module")
def records(fresh) -> list[FeedbackRecord]:
    return [
        FeedbackRecord.model_validate_json(line) for line in fresh["feedback"].read_text("utf-8").splitlines()
    ]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def full_card_numbers(text: str) -> list[str]:
    found = []
    for match in CARD_RUN.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            found.append(digits)
    return found


# --- determinism and bundling ------------------------------------------------------------------
def test_same_seed_gives_byte_identical_files(fresh, tmp_path):
    again = generate(tmp_path / "sample-b", DEFAULT_SEED)
    assert set(again) == set(SAMPLE_FILES)
    for kind, path in fresh.items():
        assert path.read_bytes() == again[kind].read_bytes(), kind


def test_another_seed_gives_another_sample(fresh, tmp_path):
    other = generate(tmp_path, DEFAULT_SEED + 1)
    assert other["conversations"].read_bytes() != fresh["conversations"].read_bytes()
    assert other["agents"].read_bytes() == fresh["agents"].read_bytes()  # the roster is fixed


@pytest.mark.parametrize("kind", sorted(SAMPLE_FILES))
def test_bundled_file_equals_a_fresh_generation(fresh, kind):
    bundled = sample_paths()[kind]
    assert bundled.read_bytes() == fresh[kind].read_bytes(), (
        f"{bundled} is stale: run python -m smilebox.sample.generator --out smilebox/sample/data --seed 7"
    )


def test_sample_paths_says_how_to_regenerate_when_files_are_missing(monkeypatch, tmp_path):
    (tmp_path / "data").mkdir()
    monkeypatch.setattr("smilebox.sample.resources.files", lambda package: tmp_path)
    with pytest.raises(SmileboxError) as err:
        sample_paths()
    missing = ", ".join(str(tmp_path / "data" / name) for name in SAMPLE_FILES.values())
    assert str(err.value) == (
        f"the bundled sample data is missing ({missing}); regenerate it with "
        "'python -m smilebox.sample.generator --out smilebox/sample/data --seed 7'"
    )


def test_command_line_writes_every_file(tmp_path, capsys):
    assert generator.main(["--out", str(tmp_path / "out"), "--seed", "3"]) == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(SAMPLE_FILES.values())
    assert "conversations.jsonl" in capsys.readouterr().err


def test_total_size_stays_small(fresh):
    assert sum(p.stat().st_size for p in fresh.values()) < 3_000_000


def test_readme_says_fictional_and_how_to_regenerate(fresh):
    text = fresh["readme"].read_text("utf-8")
    assert COMPANY_NAME in text and "fictional" in text
    assert "python -m smilebox.sample.generator --out smilebox/sample/data --seed 7" in text


# --- shape --------------------------------------------------------------------------------------
def test_at_least_300_conversations_with_unique_ids(conversations):
    ids = [c.id for c in conversations]
    assert len(ids) >= 300
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("channel", SAMPLE_CHANNELS)
def test_every_channel_is_present(conversations, channel):
    assert sum(c.channel == channel for c in conversations) >= 10


@pytest.mark.parametrize("role", ROLES)
def test_every_role_is_present(conversations, role):
    assert any(m.role == role for c in conversations for m in c.messages)


def test_conversations_span_august_to_october_2026(conversations):
    months = Counter(c.created_at.strftime("%Y-%m") for c in conversations)
    assert sorted(months) == ["2026-08", "2026-09", "2026-10"]
    newest = max(m.created_at for c in conversations for m in c.messages)
    assert newest.strftime("%Y-%m") == "2026-10"


def test_feedback_records_are_valid_unique_and_linked(records, conversations):
    ids = [r.id for r in records]
    assert len(set(ids)) == len(ids)
    known = {c.id for c in conversations}
    linked = [r.conversation_id for r in records if r.conversation_id]
    assert linked and set(linked) <= known


@pytest.mark.parametrize("scale", ["csat5", "nps", "goodbad"])
def test_every_rating_scale_is_present_in_both_files(conversations, records, scale):
    assert any(f.scale == scale for c in conversations for f in c.feedback)
    assert any(r.scale == scale for r in records)


@pytest.mark.parametrize(("kind", "least"), [("customer", 100), ("colleague", 25)])
def test_feedback_kinds(records, kind, least):
    assert sum(r.kind == kind for r in records) >= least


def test_feedback_runs_from_furious_to_glowing(conversations):
    csat = Counter(f.rating for c in conversations for f in c.feedback if f.scale == "csat5")
    assert set(csat) == {1, 2, 3, 4, 5}
    comments = [f.comment for c in conversations for f in c.feedback if f.comment]
    assert any("cancel" in t.lower() for t in comments)
    assert any(f.comment is None for c in conversations for f in c.feedback)


@pytest.mark.parametrize("agent", AGENTS, ids=lambda a: a.key)
def test_every_agent_is_named_in_feedback_in_several_forms(conversations, records, agent):
    texts = [f.comment or "" for c in conversations for f in c.feedback] + [r.comment or "" for r in records]
    candidates = {
        agent.first,
        agent.called,
        agent.name,
        f"{agent.called} {agent.last[0]}.",
        agent.called.upper(),
        *agent.misspellings,
    }
    forms = {
        form for form in candidates if any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", t) for t in texts)
    }
    assert len(forms) >= 2, forms


@pytest.mark.parametrize(
    "pattern", [r"\bJaun\b", r"\b[A-Z]{3,}!!", r"\w's patience", r"Thanks to \w+ for OWNING"]
)
def test_feedback_names_agents_the_way_people_write(conversations, records, pattern):
    texts = [f.comment or "" for c in conversations for f in c.feedback] + [r.comment or "" for r in records]
    assert any(re.search(pattern, t) for t in texts), pattern


# --- roster and customer events ------------------------------------------------------------------
def test_roster_parses_with_teams_leads_and_aliases(fresh, conversations):
    rows = list(csv.DictReader(fresh["agents"].read_text("utf-8").splitlines()))
    assert list(rows[0]) == ["key", "name", "email", "team", "lead", "aliases"]
    assert 12 <= len(rows) <= 16
    names = {r["name"] for r in rows}
    assert len({r["team"] for r in rows}) == 3
    assert all(r["lead"] in names for r in rows if r["lead"])
    aliases = {a for r in rows for a in r["aliases"].split(";")}
    assert {"Bob", "Liz", "Nick", "^PR", "-JM"} <= aliases
    assert {c.assignee.id for c in conversations} <= {r["key"] for r in rows}


def test_customer_events_cover_every_kind(fresh):
    rows = list(csv.DictReader(fresh["customer_events"].read_text("utf-8").splitlines()))
    assert list(rows[0]) == [
        "customer_email",
        "kind",
        "occurred_at",
        "customer_group",
        "revenue",
        "cost",
        "reason",
        "referred_by",
    ]
    assert {r["kind"] for r in rows} == {"new", "renewed", "lost", "referral", "revenue"}
    assert all(r["referred_by"] for r in rows if r["kind"] == "referral")
    assert all(r["reason"] for r in rows if r["kind"] == "lost")
    assert all(float(r["revenue"]) >= 0 and float(r["cost"]) >= 0 for r in rows)
    assert all(datetime.fromisoformat(r["occurred_at"]).year == 2026 for r in rows)


# --- channel texture -----------------------------------------------------------------------------
def test_email_html_has_paragraphs_entities_and_quoted_history(raw_conversations):
    bodies = [
        m["html"] for c in raw_conversations if c["channel"] == "email" for m in c["messages"] if "html" in m
    ]
    for needle in ("<p>", "<br>", "&rsquo;", "&amp;", "&lt;", 'class="gmail_quote"', "<blockquote"):
        assert any(needle in b for b in bodies), needle


def test_quoted_history_is_not_part_of_the_reply_text(conversations):
    replies = [(c, m) for c in conversations if c.channel == "email" for m in c.agent_replies]
    for conv, reply in replies:
        opening = conv.messages[0].text.splitlines()[-1]
        assert " wrote:" not in reply.text
        assert opening not in reply.text or len(opening) < 12


def test_phone_calls_are_speaker_labelled_and_greet_by_name(raw_conversations):
    calls = [c for c in raw_conversations if c["channel"] == "phone"]
    assert all(
        m.get("speaker") for c in calls for m in c["messages"] if not m["internal"] and m["role"] != "system"
    )
    assert any(
        m["text"].startswith("Thank you for calling Acme, this is ") for c in calls for m in c["messages"]
    )


def test_social_replies_use_handles_and_initials(raw_conversations):
    public = [
        m["text"]
        for c in raw_conversations
        if c["channel"] == "social"
        for m in c["messages"]
        if m["role"] == "agent" and m.get("visibility") == "public"
    ]
    assert all(t.startswith("@") for t in public)
    assert any(re.search(r"\s\^[A-Z]{2}$", t) for t in public)
    assert any(re.search(r"\s-[A-Z]{2}$", t) for t in public)


# --- every check passes and fails somewhere ------------------------------------------------------
@pytest.mark.parametrize("check", CHECK_IDS)
def test_each_check_has_pass_and_fail_examples(raw_conversations, check):
    outcomes = Counter(c["generator_intent"].get(check) for c in raw_conversations)
    assert outcomes["pass"] >= 10 and outcomes["fail"] >= 10, outcomes


SALUTATIONS = (
    "Hi",
    "Hello",
    "Hey",
    "Dear",
    "Good morning",
    "Good afternoon",
    "Thank you for calling",
    "Thanks for calling",
)


def test_greeting_labels_match_the_first_reply(conversations, raw_conversations):
    for conv, raw in zip(conversations, raw_conversations):
        first = re.sub(r"^@\w+\s+", "", conv.agent_replies[0].text)
        greets = first.startswith(SALUTATIONS)
        assert raw["generator_intent"]["greeting"] == ("pass" if greets else "fail"), (conv.id, first[:40])


def test_closing_gratitude_and_empathy_labels_match_the_replies(conversations, raw_conversations):
    thanks = (*P.GRATITUDE, "Thank you for calling", "Thanks for calling")
    for conv, raw in zip(conversations, raw_conversations):
        intent = raw["generator_intent"]
        written = " ".join(m.text for m in conv.agent_replies).replace("\u2019", "'")  # &rsquo; in HTML mail
        last = conv.agent_replies[-1].text.replace("\u2019", "'")
        closes = any(c in last for c in (*P.CLOSINGS, *P.PHONE_CLOSINGS))
        assert intent["closing"] == ("pass" if closes else "fail"), conv.id
        assert intent["gratitude"] == ("pass" if any(t in written for t in thanks) else "fail"), conv.id
        said = " ".join(m.text for m in conv.customer_messages).replace("\u2019", "'").lower()
        cue = any(c.rstrip(".").lower() in said for pool in P.CUES.values() for c in pool)
        empathic = any(e in written for pool in P.EMPATHY.values() for e in pool)
        assert intent["empathy"] == ("na" if not cue else "pass" if empathic else "fail"), conv.id


@pytest.mark.parametrize(("channels", "right"), [(("email", "chat", "sms"), {1}), (("phone",), {2, 3})])
def test_customer_name_labels_match_how_often_the_name_is_used(
    conversations, raw_conversations, channels, right
):
    checked = 0
    for conv, raw in zip(conversations, raw_conversations):
        if conv.channel not in channels or not conv.customer.name:
            continue
        written = " ".join(m.text for m in conv.agent_replies)
        uses = len(re.findall(rf"\b{re.escape(conv.customer.first_name)}\b", written))
        assert raw["generator_intent"]["customer_name"] == ("pass" if uses in right else "fail"), (
            conv.id,
            uses,
        )
        checked += 1
    assert checked >= 50


def test_signature_labels_match_the_email_sign_off(conversations, raw_conversations):
    agents = {a.key: a for a in AGENTS}
    emails = [(c, r) for c, r in zip(conversations, raw_conversations) if c.channel == "email"]
    for conv, raw in emails:
        agent = agents[conv.assignee.id]
        tail = conv.agent_replies[-1].text.splitlines()[-3:]
        signed = any(
            line in (agent.name, agent.called, f"{agent.called} {agent.last}")
            or line == f"{agent.called} {agent.last[0]}."
            for line in tail
        )
        assert raw["generator_intent"]["signature"] == ("pass" if signed else "fail"), conv.id
    assert any(any(f in c.agent_replies[-1].text for f in P.FACELESS) for c, _ in emails)


def test_documentation_labels_match_the_notes(conversations, raw_conversations):
    for conv, raw in zip(conversations, raw_conversations):
        notes = [m.text for m in conv.internal_notes]
        good = bool(notes) and len(notes[0]) <= 140 and not any(g in notes[0] for g in GRIPES)
        assert raw["generator_intent"]["documentation"] == ("pass" if good else "fail"), conv.id
    kinds = Counter(
        "missing"
        if not c.internal_notes
        else "long"
        if len(c.internal_notes[0].text) > 140
        else "gripe"
        if any(g in c.internal_notes[0].text for g in GRIPES)
        else "good"
        for c in conversations
    )
    assert all(kinds[k] >= 5 for k in ("missing", "long", "gripe", "good")), kinds


def test_security_failures_and_passes_are_what_they_say(conversations, raw_conversations):
    leaks = 0
    for conv, raw in zip(conversations, raw_conversations):
        written = " ".join(m.text for m in conv.messages if m.role == "agent")
        cards = full_card_numbers(written)
        if raw["generator_intent"].get("security") == "pass":
            assert not cards and "password is" not in written and "SSN" not in written, conv.id
        leaks += bool(cards)
    assert leaks >= 5
    assert any(
        "4111111111111111" in full_card_numbers(" ".join(m.text for m in c.messages)) for c in conversations
    )


def test_repeat_contacts_within_seven_days_fail_resolution(conversations, raw_conversations):
    by_customer = defaultdict(list)
    for conv, raw in zip(conversations, raw_conversations):
        by_customer[conv.customer.id].append((conv, raw))
    repeats = 0
    for contacts in by_customer.values():
        for (first, first_raw), (later, _later_raw) in zip(contacts, contacts[1:]):
            same_issue = first.tags[0] == later.tags[0] and "repeat-contact" in later.tags
            if same_issue and later.created_at - first.created_at <= timedelta(days=7):
                repeats += 1
                assert first_raw["generator_intent"]["resolution"] == "fail", first.id
    assert repeats >= 15


def test_some_customers_confirm_the_fix(conversations):
    confirmed = [c for c in conversations if "that worked" in c.customer_messages[-1].text.lower()]
    assert len(confirmed) >= 5


def test_customer_names_come_from_record_or_signature(raw_conversations):
    unnamed = [c for c in raw_conversations if not c["customer"].get("name")]
    assert unnamed
    signed = [
        c
        for c in unnamed
        if re.search(
            r"(Thanks,|Cheers,|this is|- )\s?[A-Z][a-z]+",
            c["messages"][0].get("text") or c["messages"][0].get("html") or "",
        )
    ]
    assert signed


def test_wow_moments_pick_up_what_the_customer_said(conversations, raw_conversations):
    touches = {reply for _said, reply in LIFE_DETAILS}
    for conv, raw in zip(conversations, raw_conversations):
        written = " ".join(m.text for m in conv.agent_replies).replace("\u2019", "'")
        assert (raw["generator_intent"]["wow"] == "pass") == any(t in written for t in touches), conv.id


@pytest.mark.parametrize("template", P.CANNED, ids=lambda t: t.split("\n\n")[1][:20])
def test_canned_templates_repeat_across_conversations(conversations, raw_conversations, template):
    body = template.split("\n\n", 1)[1]
    users = [
        (c, r)
        for c, r in zip(conversations, raw_conversations)
        if body in c.agent_replies[0].text.replace("\u2019", "'")
    ]
    assert len(users) >= 3
    assert all(r["generator_intent"]["tailored"] == "fail" for _, r in users)
