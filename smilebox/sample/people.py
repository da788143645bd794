"""The agents of the sample company: a fixed roster in three teams, each team with its lead.

The roster is fixed (not random) so that documentation, tests and demos can name agents ("Juan",
"Liz", "^PR") and find them in every generation. Each agent carries a ``skill``: the probability
that a given quality behaviour is done right, so scorecards differ between agents the way they do
in a real team. The customers live in ``smilebox.sample.customers``.
"""

from __future__ import annotations

from dataclasses import dataclass

from smilebox.sample.company import EMAIL_DOMAIN, SOCIAL_HANDLE


@dataclass(frozen=True)
class Agent:
    key: str
    name: str
    team: str
    lead: str
    skill: float
    channels: tuple[str, ...]
    nickname: str | None = None
    misspellings: tuple[str, ...] = ()
    is_lead: bool = False

    @property
    def first(self) -> str:
        return self.name.split()[0]

    @property
    def last(self) -> str:
        return self.name.split()[-1]

    @property
    def called(self) -> str:
        """The name the agent goes by day to day: the nickname when there is one."""
        return self.nickname or self.first

    @property
    def initials(self) -> str:
        return (self.first[0] + self.last[0]).upper()

    @property
    def email(self) -> str:
        return f"{self.key}@{EMAIL_DOMAIN}"

    @property
    def handle(self) -> str:
        return f"{SOCIAL_HANDLE}_{''.join(ch for ch in ascii_fold(self.called) if ch.isalnum())}"

    @property
    def social_signoff(self) -> str:
        """Twitter-style sign-off: ``^PR`` for most, ``-JM`` for the agents who prefer a dash."""
        return f"-{self.initials}" if self.key in _DASH_SIGNERS else f"^{self.initials}"

    @property
    def aliases(self) -> list[str]:
        names = [self.first, self.called, f"{self.called} {self.last}", self.social_signoff, self.handle]
        plain = ascii_fold(self.name)
        if plain != self.name:
            names.append(plain)
        out: list[str] = []
        for alias in names:
            if alias != self.name and alias not in out:
                out.append(alias)
        return out

    def person(self) -> dict:
        return {"id": self.key, "name": self.name, "email": self.email}


_DASH_SIGNERS = frozenset({"jamal.mitchell", "nikolai.petrov"})
_ASCII = str.maketrans("áéíóúñüçÁÉÍÓÚÑ", "aeiounucAEIOUN")


def ascii_fold(text: str) -> str:
    """Accents dropped: how names appear in email addresses and hurried typing."""
    return text.translate(_ASCII)


HOME, BILLING, SOCIAL = "Home Support", "Billing & Accounts", "Social & Chat"
_LEADS = {HOME: "Erica Nguyen", BILLING: "Marcus Bell", SOCIAL: "Dana Whitfield"}

# fmt: off
AGENTS: tuple[Agent, ...] = (
    Agent("erica.nguyen", "Erica Nguyen", HOME, "", 0.9, ("email", "phone"), is_lead=True,
          misspellings=("Erika",)),
    Agent("juan.perez", "Juan Pérez", HOME, _LEADS[HOME], 0.93, ("phone", "email", "chat"),
          misspellings=("Jaun", "Juan Perez")),
    Agent("derrick.owens", "Derrick Owens", HOME, _LEADS[HOME], 0.88, ("phone", "chat", "email"),
          misspellings=("Derek", "Dereck")),
    Agent("priya.raman", "Priya Raman", HOME, _LEADS[HOME], 0.84, ("phone", "email", "social"),
          misspellings=("Pryia", "Pria")),
    Agent("robert.kowalski", "Robert Kowalski", HOME, _LEADS[HOME], 0.6, ("phone", "email", "chat"),
          nickname="Bob", misspellings=("Rob", "Bobby")),
    Agent("marcus.bell", "Marcus Bell", BILLING, "", 0.82, ("email", "phone"), is_lead=True,
          misspellings=("Markus",)),
    Agent("elizabeth.hartley", "Elizabeth Hartley", BILLING, _LEADS[BILLING], 0.91,
          ("email", "phone", "chat"), nickname="Liz", misspellings=("Elizabth", "Lizz")),
    Agent("jamal.mitchell", "Jamal Mitchell", BILLING, _LEADS[BILLING], 0.72, ("email", "phone", "social"),
          misspellings=("Jamaal", "Jamel")),
    Agent("gary.pruitt", "Gary Pruitt", BILLING, _LEADS[BILLING], 0.38, ("email", "phone", "chat"),
          misspellings=("Garry",)),
    Agent("kenji.watanabe", "Kenji Watanabe", BILLING, _LEADS[BILLING], 0.5, ("email", "chat", "sms"),
          misspellings=("Kenjy",)),
    Agent("dana.whitfield", "Dana Whitfield", SOCIAL, "", 0.86, ("social", "chat"), is_lead=True,
          misspellings=("Danna",)),
    Agent("alejandro.ramos", "Alejandro Ramos", SOCIAL, _LEADS[SOCIAL], 0.8, ("social", "chat", "sms"),
          nickname="Alex", misspellings=("Alejandero", "Alehandro")),
    Agent("chloe.dubois", "Chloé Dubois", SOCIAL, _LEADS[SOCIAL], 0.74, ("chat", "social", "email"),
          misspellings=("Cloe", "Chloe")),
    Agent("meilin.chen", "Mei-Lin Chen", SOCIAL, _LEADS[SOCIAL], 0.83, ("social", "chat", "sms"),
          misspellings=("Meilin", "May Lin")),
    Agent("nikolai.petrov", "Nikolai Petrov", SOCIAL, _LEADS[SOCIAL], 0.52, ("social", "chat", "sms"),
          nickname="Nick", misspellings=("Nicolai", "Nik")),
)
# fmt: on


def agents_for(channel: str) -> list[Agent]:
    """Agents who work a channel; leads take fewer contacts, so they appear once, others twice."""
    pool: list[Agent] = []
    for agent in AGENTS:
        if channel in agent.channels:
            pool.extend([agent] if agent.is_lead else [agent, agent])
    return pool
