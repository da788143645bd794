"""The ``smilebox`` command: one Typer app; each module in ``COMMAND_MODULES`` adds its commands.

Commands are thin: parse options, call one library function, print. User errors (``SmileboxError``)
become a one-line message on stderr and the exit code of contract section 5, never a traceback.
"""

from __future__ import annotations

import importlib
import sys

import typer

from smilebox.errors import SmileboxError

app = typer.Typer(
    name="smilebox",
    help="Score every support conversation with evidence, collect every smile, recover every unhappy customer.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: Each module defines ``register(app)``; listed here so every command has one obvious home.
COMMAND_MODULES: tuple[str, ...] = (
    "smilebox.cli.store_cmds",  # init, import, agents
    "smilebox.cli.qa_cmds",  # check, score, show
    "smilebox.cli.analyze_cmds",  # analyze, train
    "smilebox.cli.feedback_cmds",  # smiles, draw, prizehat, feedback
    "smilebox.cli.recovery_cmds",  # recovery
    "smilebox.cli.report_cmds",  # report
    "smilebox.cli.eval_cmds",  # eval
    "smilebox.cli.quickstart_cmds",  # quickstart
)

_registered = False


def build_app() -> typer.Typer:
    global _registered
    if not _registered:
        for module_name in COMMAND_MODULES:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:
                    continue
                raise
            module.register(app)
        _registered = True
    return app


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script. Returns the exit code."""
    from smilebox.cli.output import error

    build_app()
    try:
        rc = app(args=argv, standalone_mode=False)
    except SmileboxError as exc:
        error(str(exc))
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        error("aborted")
        return 1
    except KeyboardInterrupt:
        error("interrupted")
        return 130
    except Exception as exc:
        # usage errors of the (vendored) click parser carry their own message and exit code 2
        if hasattr(exc, "show") and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            return exc.exit_code
        raise
    return rc if isinstance(rc, int) else 0


def run() -> None:
    sys.exit(main())
