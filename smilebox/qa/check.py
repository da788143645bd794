"""The check contract: declared metadata and one method, conversation in, outcome out.

A check never renders anything and never touches the store. What it needs beyond the conversation
(corpus-wide template index, later contacts by the same customer, the emotion model) comes through
the ``EvaluationContext`` the engine passes in.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, ClassVar

from smilebox.errors import ConfigError
from smilebox.qa.results import Outcome

if TYPE_CHECKING:
    from smilebox.model import Conversation
    from smilebox.qa.engine import EvaluationContext


class Check:
    """Base class of every check. Subclasses set the class constants and implement ``evaluate``.

    Class constants are defaults; a rubric overrides points, critical, channels and any key of
    ``default_config`` per check.
    """

    id: ClassVar[str]  # short id used in rubrics and results: "greeting"
    name: ClassVar[str]  # versioned family name: "connect.greeting"
    version: ClassVar[int] = 1
    description: ClassVar[str] = ""
    reads: ClassVar[tuple[str, ...]] = ("agent_replies",)
    channels: ClassVar[frozenset[str] | None] = None  # None: every channel
    points: ClassVar[float] = 1.0
    critical: ClassVar[bool] = False
    bonus: ClassVar[bool] = False  # bonus checks can add points but never take any away
    default_config: ClassVar[dict[str, Any]] = {}

    def __init__(
        self,
        config: dict[str, Any] | None = None,
        *,
        points: float | None = None,
        critical: bool | None = None,
        channels: list[str] | None = None,
    ):
        merged = copy.deepcopy(self.default_config)
        for key, value in (config or {}).items():
            if key not in merged:
                known = ", ".join(sorted(merged)) or "none"
                raise ConfigError(f"check {self.id!r}: unknown setting {key!r} (known settings: {known})")
            merged[key] = value
        self.config = merged
        self.max_points = float(self.points if points is None else points)
        self.is_critical = bool(self.critical if critical is None else critical)
        self.applies_to = frozenset(channels) if channels is not None else self.channels
        self.setup()

    @property
    def qualified_name(self) -> str:
        return f"{self.name}.v{self.version}"

    def setup(self) -> None:
        """Compile phrase lists and patterns once, after the configuration is merged."""

    def applies(self, conversation: "Conversation") -> bool:
        return self.applies_to is None or conversation.channel in self.applies_to

    def evaluate(self, conversation: "Conversation", context: "EvaluationContext") -> Outcome:
        raise NotImplementedError
