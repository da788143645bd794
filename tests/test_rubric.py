"""Rubric files: the default "connect" rubric, validation errors that say what and where."""

import pytest

from smilebox.errors import ConfigError
from smilebox.qa import load_rubric
from smilebox.qa.rubric import rubric_from_dict

CONTRACT_IDS = ["greeting", "closing", "signature", "customer_name", "gratitude", "empathy", "ownership", "tailored",
                "security", "documentation", "resolution", "wow"]


def test_connect_has_the_twelve_contract_checks_in_order():
    rubric = load_rubric("connect")
    assert (rubric.name, rubric.version) == ("connect", "1")
    assert rubric.check_ids == CONTRACT_IDS
    for check in rubric.checks:
        assert check.name == f"connect.{check.id}"
        assert check.version == 1
        assert check.qualified_name == f"connect.{check.id}.v1"
        assert check.max_points == 1.0


def test_connect_flags():
    checks = {c.id: c for c in load_rubric("connect").checks}
    assert [i for i, c in checks.items() if c.is_critical] == ["security"]
    assert [i for i, c in checks.items() if c.bonus] == ["wow"]
    assert "phone" not in checks["signature"].applies_to
    assert checks["greeting"].applies_to is None


def test_rubric_file_overrides_points_channels_and_config(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[rubric]\nname = "mine"\nversion = "3"\ncompany_name = "Acme"\n'
        '[checks.greeting]\npoints = 2\nchannels = ["email"]\n[checks.greeting.config]\nsalutations = ["yo"]\n'
        '[checks.security]\ncritical = false\n[checks.wow]\nenabled = false\n',
        encoding="utf-8",
    )
    rubric = load_rubric(path)
    assert (rubric.name, rubric.version, rubric.company_name) == ("mine", "3", "Acme")
    assert rubric.check_ids == ["greeting", "security"]
    greeting, security = rubric.checks
    assert greeting.max_points == 2.0
    assert greeting.applies_to == frozenset({"email"})
    assert greeting.config["salutations"] == ["yo"]
    assert security.is_critical is False


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"rubric": {"name": "x", "version": "1"}, "checks": {"greting": {}}},
         "<rubric>: checks.greting: no such check (available: "),
        ({"rubric": {"name": "x", "version": "1"}, "checks": {"greeting": {"channels": ["fax"]}}},
         "<rubric>: checks.greeting.channels: unknown channel 'fax' (use email, chat, phone, social, sms, other)"),
        ({"rubric": {"name": "x", "version": "1"}, "checks": {"closing": {"config": {"phrase": ["bye"]}}}},
         "<rubric>: checks.closing.config: check 'closing': unknown setting 'phrase' (known settings: phrases)"),
        ({"rubric": {"name": "x", "version": "1"}, "checks": {"greeting": {"points": -1}}},
         "<rubric>: checks.greeting.points: Input should be greater than or equal to 0"),
    ],
)
def test_rubric_errors_say_what_and_where(raw, message):
    with pytest.raises(ConfigError) as err:
        rubric_from_dict(raw)
    assert str(err.value).startswith(message)


def test_unknown_rubric_name():
    with pytest.raises(ConfigError) as err:
        load_rubric("nope")
    assert str(err.value) == "rubric 'nope' not found: give a built-in name (connect) or a path to a .toml file"
