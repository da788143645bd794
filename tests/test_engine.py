"""The engine: scores are the sum of the evidence; na leaves a check out; critical zeroes; cues reported."""

import pytest

from smilebox.qa import Engine, EvaluationContext, load_rubric
from tests.conftest import conversation
from smilebox.model import Conversation
from tests.qa_conversations import conv


@pytest.fixture(scope="module")
def engine():
    return Engine(load_rubric("connect"))


def test_contract_example_conversation(engine):
    ev = engine.evaluate(Conversation.model_validate(conversation()))
    out = ev.to_dict()
    assert out["rubric"] == "connect" and out["rubric_version"] == "1"
    assert [c["id"] for c in out["checks"]] == load_rubric("connect").check_ids
    counted = [c for c in out["checks"] if c["result"] != "na"]
    assert out["possible"] == sum(c["max_points"] for c in counted)
    assert out["earned"] == sum(c["points"] for c in counted)
    assert out["score"] == round(out["earned"] / out["possible"], 4)
    assert {c["id"]: c["result"] for c in out["checks"]} == {
        "greeting": "pass", "closing": "pass", "signature": "pass", "customer_name": "pass", "gratitude": "pass",
        "empathy": "na", "ownership": "pass", "tailored": "pass", "security": "pass", "documentation": "pass",
        "resolution": "na", "wow": "na"}


CHANNEL_CASES = {
    "email": conv(("customer", "I'm really frustrated, I was charged twice for order 4411."),
                  ("agent", "Hi Maria,\n\nI'm sorry to hear that you're frustrated. I'm here to get this solved for you: "
                            "I've refunded order 4411.\n\nLet me know if there's anything else.\n\nBest,\nJuan"),
                  ("note", "Refunded dup charge, order 4411.")),
    "phone": conv(("agent", "Thank you for calling Acme, this is Sam. Who am I speaking with?"),
                  ("customer", "Hi, this is Maria. My internet is down again, I'm fed up."),
                  ("agent", "I'm sorry, Maria, I can hear how frustrating that is. Let me run a line test."),
                  ("agent", "All fixed, Maria. Anything else I can do for you? Take care!"),
                  ("note", "Line reset, internet restored."), channel="phone"),
    "social": conv(("customer", "@AcmeHelp parcel late AGAIN, this is ridiculous"),
                   ("agent", "@115716 Hi, sorry your parcel is late again! Please DM us the order number and we'll chase "
                             "it. ^CB"), channel="social", customer=None, source="twcs"),
    "chat": conv(("customer", "How do I change my plan?"), ("agent", "Hello! Settings > Plan > Change. Thanks for asking!"),
                 channel="chat"),
}


@pytest.mark.parametrize("channel", sorted(CHANNEL_CASES))
def test_every_result_explains_itself(engine, channel):
    c = CHANNEL_CASES[channel]
    ev = engine.evaluate(c)
    for check in ev.checks:
        assert check.reason
        assert (check.tip is not None) == (check.result == "fail")
        if check.result != "na":
            assert check.evidence, check.id
        for e in check.evidence:
            assert c.message(e.message_id).text[e.start : e.end] == e.quote
    for cue in ev.cues:
        assert c.message(cue.message_id).text[cue.start : cue.end] == cue.quote


def test_cues_are_reported(engine):
    ev = engine.evaluate(CHANNEL_CASES["phone"])
    assert [(c.message_id, c.kind, c.quote) for c in ev.cues] == [("m2", "frustration", "fed up")]


def test_phone_conversation_scores(engine):
    ev = engine.evaluate(CHANNEL_CASES["phone"])
    results = {c.id: c.result for c in ev.checks}
    assert results["signature"] == "na"
    assert results["greeting"] == results["empathy"] == results["customer_name"] == "pass"


def test_context_caches_per_conversation_object_not_id():
    ctx = EvaluationContext()
    a = conv(("customer", "I'm furious"), ("agent", "Hi"), cid="same")
    b = conv(("customer", "All fine"), ("agent", "Hi"), cid="same")
    assert [c.kind for c in ctx.cues(a)] == ["anger"]
    assert ctx.cues(b) == []
    assert ctx.view(a).conversation is a and ctx.view(b).conversation is b


def test_engine_never_mutates_between_conversations(engine):
    first = engine.evaluate(CHANNEL_CASES["email"]).to_dict()
    engine.evaluate(CHANNEL_CASES["social"])
    assert engine.evaluate(CHANNEL_CASES["email"]).to_dict() == first


def test_sample_conversations_all_have_exact_evidence(engine):
    from importlib import resources

    import orjson

    path = resources.files("smilebox.sample") / "data" / "conversations.jsonl"
    if not path.is_file():
        pytest.skip("sample data not generated")
    for line in path.read_bytes().splitlines()[:120]:
        c = Conversation.model_validate(orjson.loads(line))
        ev = engine.evaluate(c)
        for check in ev.checks:
            for e in check.evidence:
                assert c.message(e.message_id).text[e.start : e.end] == e.quote, (c.id, check.id)
            assert check.result == "na" or check.evidence, (c.id, check.id)


def test_real_twitter_threads_have_exact_evidence(engine, shared_data):
    from smilebox.evaluation.twcs_threads import fallback_read_twcs_threads

    threads = [t for t in fallback_read_twcs_threads(shared_data / "twcs_sample" / "twcs_sample.csv") if t.has_agent_reply]
    assert threads
    for th in threads[:300]:
        c = Conversation.model_validate({
            "id": th.id, "source": "twcs", "channel": "social",
            "messages": [{"id": t.tweet_id, "role": "customer" if t.inbound else "agent", "text": t.text}
                         for t in th.tweets]})
        ev = engine.evaluate(c)
        assert ev.check("documentation").result == "na"
        for check in ev.checks:
            for e in check.evidence:
                assert c.message(e.message_id).text[e.start : e.end] == e.quote, (c.id, check.id)
