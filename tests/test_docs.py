"""Docs that must not drift: every setting and every command is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from smilebox.cli import build_app
from smilebox.settings import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_in_the_configuration_doc(name):
    text = (DOCS / "configuration.md").read_text()
    assert f"`{name}`" in text and f"`SMILEBOX_{name.upper()}`" in text


def _commands():
    import typer.main

    group = typer.main.get_command(build_app())
    for name, cmd in group.commands.items():
        yield name, cmd
        for sub, subcmd in getattr(cmd, "commands", {}).items():
            yield f"{name} {sub}", subcmd


@pytest.mark.parametrize("name, cmd", list(_commands()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_with_an_example(name, cmd):
    assert cmd.help, f"{name} has no help"
    if getattr(cmd, "commands", None):  # a group: its subcommands carry the examples
        return
    assert "Example:" in cmd.help, f"'smilebox {name}' help lacks an Example line"


def test_configuration_doc_is_current():
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen", DOCS.parent / "tools" / "gen_config_doc.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert (DOCS / "configuration.md").read_text() == gen.render(), "run: python tools/gen_config_doc.py"


def test_rubric_doc_is_current():
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_rubric", DOCS.parent / "tools" / "gen_rubric_doc.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert (DOCS / "rubrics.md").read_text() == gen.render(), "run: python tools/gen_rubric_doc.py"


def test_readme_links_resolve():
    import re

    root = DOCS.parent
    for target in re.findall(r"\]\(([^)#]+)\)", (root / "README.md").read_text()):
        if "://" not in target:
            assert (root / target).exists(), f"README links to {target}, which does not exist"
