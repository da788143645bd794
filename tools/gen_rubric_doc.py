"""Rewrite docs/rubrics.md from the registered checks and the bundled rubric: python tools/gen_rubric_doc.py"""

from __future__ import annotations

from pathlib import Path

from smilebox.qa import load_rubric
from smilebox.qa.registry import registered_checks

HEAD = """# Rubrics and checks

A rubric is the team's QA form as a file: which checks run, what each is worth, which are critical, on
which channels, and each check's settings (phrase lists, thresholds, examples of passing text, the company
name, a template library). Smilebox ships one, `connect`; pass your own with `--rubric PATH` (or the
`rubric` setting).

## Writing your own

Copy the bundled file (`smilebox/qa/rubrics/connect.toml`), edit it, and bump `version`. Every evaluation
stores the rubric's name and version, so an edited rubric never rewrites past results: re-scoring adds a
new evaluation beside the old one.

```toml
[rubric]
name = "acme-support"
version = "3"
company_name = "Acme"            # optional; checks that mention the company use it

[checks.greeting]
points = 1
channels = ["email", "chat"]     # optional: where the check applies (email chat phone social sms other)
[checks.greeting.config]         # optional: any key below replaces that check's default
salutations = ["hi", "hello", "good morning"]

[checks.security]
points = 2
critical = true                  # a failed critical check makes the whole score 0

[checks.wow]
enabled = false                  # keep a check in the file but switch it off
```

The file is validated when it is loaded. A mistake is an error that names the file and the key:
an unknown check, an unknown setting of a check (the message lists the known ones), a negative number of
points, an unknown channel, a value of the wrong type. Smilebox never scores with a half-read rubric.

How a score is made: each check that applies returns pass, fail or na with its evidence. A pass earns
the check's points, a fail earns none and carries a coaching tip, na leaves the check out of the maximum.
The score is exactly the sum of the points earned; a failed critical check makes it 0; a bonus check
(`wow`) only ever adds.

## Adding a check

A check is a class (`smilebox.qa.check.Check`) with declared metadata and one method,
`evaluate(conversation, context) -> Outcome`, which returns data and renders nothing. Built-in checks are
listed in `smilebox/qa/registry.py`; a package adds its own through an entry point, by the same path:

```toml
# the other package's pyproject.toml
[project.entry-points."smilebox.checks"]
refund_policy = "acme_checks.refund:RefundPolicy"
```

Two checks with the same id are refused, so a plug-in cannot silently replace a built-in check.

## The checks

"""


def _setting(value: object) -> str:
    if isinstance(value, list):
        return f"list of {len(value)}" if value else "empty list"
    if isinstance(value, dict):
        return f"table of {len(value)}"
    return f"`{value!r}`"


def render() -> str:
    rubric = load_rubric("connect")
    in_connect = {check.id: check for check in rubric.checks}
    rows = ["| id | versioned name | what it judges | channels | points in `connect` | settings (default) |",
            "|---|---|---|---|---|---|"]
    for check_id, cls in registered_checks().items():
        used = in_connect.get(check_id)
        channels = used.applies_to if used is not None else cls.channels
        channel_text = ", ".join(sorted(channels)) if channels else "all"
        if used is None:
            points = "not used"
        else:
            points = f"{used.max_points:g}" + (" (critical)" if used.is_critical else "") + (" (bonus)" if cls.bonus else "")
        settings = "; ".join(f"`{k}`: {_setting(v)}" for k, v in sorted(cls.default_config.items())) or "none"
        rows.append(f"| `{check_id}` | `{cls.name}.v{cls.version}` | {cls.description} | {channel_text} | {points} | {settings} |")
    return HEAD + "\n".join(rows) + "\n\nEach check's module in `smilebox/qa/checks/` explains its rules and its defaults in full.\n"


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "docs" / "rubrics.md"
    out.write_text(render())
    print(f"wrote {out}")
