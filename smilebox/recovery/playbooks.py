"""Service-recovery playbooks: the ordered steps an owner works through with an unhappy customer.

Two are built in. ``five-steps`` is the long form (thank the customer for the feedback, apologise,
listen, explain what went wrong, share the solution); ``lamb`` is the short form (Listen, Acknowledge,
Move, Boost). Boost is the step that makes recovery worth more than one customer: it records the root
cause and the change that stops it happening again, so a playbook says which step demands them.
"""

from __future__ import annotations

from dataclasses import dataclass

from smilebox.errors import ConfigError

#: ``RecoveryCase.step`` once every playbook step is recorded, and once the case is closed.
DONE = "done"
CLOSED = "closed"


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    guidance: str


@dataclass(frozen=True)
class Playbook:
    name: str
    title: str
    steps: tuple[Step, ...]
    #: the step that must record the root cause and the change made; None: they are asked for at close
    boost_step: str | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.steps)

    def first(self) -> str:
        return self.steps[0].key

    def index(self, key: str) -> int:
        """Position of a step; the pseudo-steps ``done`` and ``closed`` sit after the last one."""
        if key in (DONE, CLOSED):
            return len(self.steps)
        try:
            return self.keys.index(key)
        except ValueError:
            raise ConfigError(
                f"step {key!r} is not in the {self.name} playbook; its steps are: {', '.join(self.keys)}"
            ) from None

    def after(self, key: str) -> str:
        i = self.index(key) + 1
        return self.steps[i].key if i < len(self.steps) else DONE

    def step(self, key: str) -> Step:
        return self.steps[self.index(key)]


FIVE_STEPS = Playbook(
    name="five-steps",
    title="Five steps of service recovery",
    steps=(
        Step("thank", "Thank", "Thank the customer for telling you: bad feedback is a gift."),
        Step("apologise", "Apologise", "Apologise sincerely for the experience, without excuses."),
        Step("listen", "Listen", "Let the customer tell the whole story; ask what would put it right."),
        Step("explain", "Explain", "Explain what went wrong, plainly and honestly."),
        Step("solution", "Share the solution", "Share what you did for them and what changes so it won't recur."),
    ),
)

LAMB = Playbook(
    name="lamb",
    title="L.A.M.B.",
    steps=(
        Step("listen", "Listen", "Listen to the whole complaint without interrupting or defending."),
        Step("acknowledge", "Acknowledge", "Acknowledge the feeling and the problem; take ownership."),
        Step("move", "Move", "Move to fix it for this customer, quickly."),
        Step("boost", "Boost", "Find the root cause and change something so it doesn't happen again."),
    ),
    boost_step="boost",
)

PLAYBOOKS: dict[str, Playbook] = {p.name: p for p in (FIVE_STEPS, LAMB)}


def get_playbook(name: str) -> Playbook:
    try:
        return PLAYBOOKS[name]
    except KeyError:
        raise ConfigError(
            f"unknown recovery playbook {name!r}; set recovery_playbook to one of: {', '.join(PLAYBOOKS)}"
        ) from None
