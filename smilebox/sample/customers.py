"""The customers of the sample company, drawn from name pools with the caller's ``random.Random``.

Names are unique (one identity per name), and so are emails, handles and phone numbers (fictional
555-01xx numbers), so a customer can be followed across channels. Some customers are missing a name in
the help desk record and only sign their messages; a quarter carry a detail from their life that a
great agent notices.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from smilebox.sample.people import ascii_fold

# fmt: off
FIRST_NAMES = (
    "Maria", "Tom", "Aisha", "Daniel", "Grace", "Mohammed", "Olivia", "Liam", "Sofia", "Ethan", "Hannah",
    "Carlos", "Fatima", "Noah", "Emily", "Wei", "Zoe", "Lucas", "Amara", "Jack", "Isabel", "Ravi",
    "Clara", "Owen", "Nadia", "Samuel", "Yuki", "Ben", "Leila", "Imran", "Ruth", "Diego", "Ingrid",
    "Kofi", "Paula", "Victor", "Helen", "Arjun", "Bridget", "Tariq", "Megan", "Pedro", "Joanne", "Stefan",
    "Linh", "Frank", "Esther", "Andre", "Rosa", "Declan",
)
LAST_NAMES = (
    "Lopez", "Becker", "Khan", "O'Neill", "Kim", "Nguyen", "Smith", "Garcia", "Müller", "Okoye", "Rossi",
    "Patel", "Johnson", "Silva", "Cohen", "Walsh", "Haddad", "Tanaka", "Brown", "Martinez", "Schmidt",
    "Novak", "Adeyemi", "Fischer", "Moreau", "Lindqvist", "Chen", "Reyes", "Murphy", "Douglas", "Ivanova",
    "Baptiste", "Hughes", "Sato", "Mendes", "Kowalczyk",
)
AREAS = (
    ("Riverside", "92501"),
    ("Lakeview", "98107"),
    ("Maple Heights", "44137"),
    ("Old Town", "22314"),
    ("Harbor Point", "02110"),
    ("Cedar Park", "78613"),
    ("Northgate", "98125"),
    ("Brookfield", "53005"),
)
AREA_CODES = ("206", "425", "312", "617", "503", "512", "303", "919")
GROUPS = (("residential", 0.7), ("small-business", 0.2), ("student", 0.1))
# A detail from the customer's life that a great agent notices (the "wow" check).
LIFE_DETAILS = (
    (
        "Sorry if this is rambling, the new puppy kept me up all night chewing cables.",
        "Hope the new puppy is settling in (and leaves the new cables alone)!",
    ),
    (
        "We just moved into our first house last week so everything is chaos.",
        "Congratulations on the first house! I hope the unpacking is going well.",
    ),
    (
        "I work from home and have a big presentation on Friday.",
        "Good luck with the presentation on Friday, I hope it goes brilliantly.",
    ),
    (
        "My daughter has her final exams this week and needs the internet to study.",
        "Best of luck to your daughter with her exams this week!",
    ),
    (
        "The grandkids are visiting this weekend and they live on their tablets.",
        "Enjoy the weekend with the grandkids!",
    ),
    (
        "It's my birthday tomorrow and I really wanted this sorted before then.",
        "And happy early birthday! I hope you have a lovely day tomorrow.",
    ),
    (
        "We have a newborn at home so I'm running on about two hours of sleep.",
        "Congratulations on the new baby, and I hope you get some sleep soon!",
    ),
    (
        "I'm training for the city marathon and I upload my runs every night.",
        "Good luck with the marathon training, hope the long runs are going well!",
    ),
)


# fmt: on


@dataclass
class Customer:
    id: str
    first: str
    last: str
    email: str
    phone: str
    handle: str
    group: str
    area: tuple[str, str]
    account: str
    name_in_record: bool
    signs_name: bool
    life: tuple[str, str] | None
    typo_rate: float
    history: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def phone_last4(self) -> str:
        return self.phone[-4:]

    def person(self, channel: str) -> dict:
        """What the help desk knows about the customer on this channel."""
        person: dict = {"id": self.id}
        if self.name_in_record and channel != "social":
            person["name"] = self.name
        if channel == "social":
            person["handle"] = self.handle
        elif channel in ("phone", "sms"):
            person["phone"] = self.phone
        else:
            person["email"] = self.email
        person["group"] = self.group
        return person


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _email(rng: random.Random, first: str, last: str, n: int) -> str:
    f, s = ascii_fold(first).lower(), ascii_fold(last).lower().replace("'", "")
    local = rng.choice((f"{f}.{s}", f"{f[0]}{s}", f"{f}{s[0]}{n % 100}", f"{f}_{s}", f"{s}.{f}"))
    return f"{local}@{rng.choice(('example.com', 'example.org', 'example.net'))}"


def _handle(rng: random.Random, first: str, last: str, n: int) -> str:
    f, s = ascii_fold(first).lower(), ascii_fold(last).lower().replace("'", "")
    return "@" + rng.choice(
        (f"{f}_{s[0]}", f"{f}{s}{n % 90 + 10}", f"the{f}{s[0]}", f"{f[0]}{s}_", f"{f}_{s}_")
    )


def make_customers(rng: random.Random, count: int) -> list[Customer]:
    customers: list[Customer] = []
    taken: set[str] = set()
    for n in range(1, count + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        while f"{first} {last}" in taken:  # one identity per name keeps the sample easy to follow
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        taken.add(f"{first} {last}")
        area = rng.choice(AREAS)
        phone = f"+1 {AREA_CODES[n // 100 % len(AREA_CODES)]} 555 01{n % 100:02d}"  # fictional 555-01xx
        in_record = rng.random() < 0.8
        email, handle = _email(rng, first, last, n), _handle(rng, first, last, n)
        if email in taken:
            email = email.replace("@", f"{n}@")
        if handle in taken:
            handle = f"{handle}{n}"
        taken.update((email, handle))
        customers.append(
            Customer(
                id=f"cu-{n:04d}",
                first=first,
                last=last,
                email=email,
                phone=phone,
                handle=handle,
                group=_weighted(rng, GROUPS),
                area=area,
                account=f"AC-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
                name_in_record=in_record,
                # customers missing from the record mostly sign their messages, so the name is still known
                signs_name=rng.random() < (0.55 if in_record else 0.8),
                life=rng.choice(LIFE_DETAILS) if rng.random() < 0.25 else None,
                typo_rate=rng.choice((0.0, 0.02, 0.04, 0.08)),
            )
        )
    return customers
