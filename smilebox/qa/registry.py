"""Where checks are registered: the built-in list below, then entry points, by one path.

Third-party packages add checks with an entry point in the ``smilebox.checks`` group pointing at a
``Check`` subclass. A second check with the same id is refused, whoever registers it.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from importlib.metadata import entry_points

from smilebox.errors import ConfigError
from smilebox.qa.check import Check

ENTRY_POINT_GROUP = "smilebox.checks"

#: The built-in checks, "module:Class", in the order the default rubric lists them.
BUILTIN_CHECKS: tuple[str, ...] = (
    "smilebox.qa.checks.greeting:Greeting",
    "smilebox.qa.checks.closing:Closing",
    "smilebox.qa.checks.signature:Signature",
    "smilebox.qa.checks.customer_name:CustomerName",
    "smilebox.qa.checks.gratitude:Gratitude",
    "smilebox.qa.checks.empathy:Empathy",
    "smilebox.qa.checks.ownership:Ownership",
    "smilebox.qa.checks.tailored:Tailored",
    "smilebox.qa.checks.security:Security",
    "smilebox.qa.checks.documentation:Documentation",
    "smilebox.qa.checks.resolution:Resolution",
    "smilebox.qa.checks.wow:Wow",
)


def _load(target: str) -> type[Check]:
    module_name, _, attr = target.partition(":")
    cls = getattr(importlib.import_module(module_name), attr)
    if not (isinstance(cls, type) and issubclass(cls, Check)):
        raise ConfigError(f"{target} is not a smilebox Check subclass")
    return cls


def register(registry: dict[str, type[Check]], cls: type[Check], origin: str) -> None:
    if cls.id in registry:
        other = registry[cls.id]
        raise ConfigError(
            f"check id {cls.id!r} from {origin} is already registered by "
            f"{other.__module__}.{other.__qualname__}; rename one of them"
        )
    registry[cls.id] = cls


@lru_cache(maxsize=1)
def registered_checks() -> dict[str, type[Check]]:
    """Every available check by id: built-ins first, then plugins."""
    registry: dict[str, type[Check]] = {}
    for target in BUILTIN_CHECKS:
        try:
            cls = _load(target)
        except ModuleNotFoundError as exc:  # a built-in not written yet must not break the rest
            if exc.name and exc.name.startswith("smilebox.qa.checks"):
                continue
            raise
        register(registry, cls, target)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        register(registry, ep.load(), f"entry point {ep.name!r} ({ep.value})")
    return registry
