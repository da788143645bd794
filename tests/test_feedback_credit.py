"""Agent credit: names in the text against the roster, with nicknames, misspellings and guards."""

import pytest

from smilebox.feedback.credit import Roster, RosterEntry
from smilebox.feedback.nicknames import NICKNAMES

ROSTER = Roster.build([
    RosterEntry(1, "Juan Perez"), RosterEntry(2, "Derrick Smith"), RosterEntry(3, "Robert Jones"),
    RosterEntry(4, "William Frank"), RosterEntry(5, "Grace Lee", ("Gracie",)), RosterEntry(6, "Maria Garcia"),
    RosterEntry(7, "Mary Brown"), RosterEntry(8, "Elizabeth Chen"), RosterEntry(9, "Joy Adams"),
    RosterEntry(10, "Carl Olsen", ("^CO",)),
])


@pytest.mark.parametrize("text, expected", [
    ("Thanks to Juan for OWNING THE CUSTOMERS and helping them solve issues — always!", [(1, "Juan", "first-name")]),
    ("Derrick was very helpful and polite. I used his services twice today.", [(2, "Derrick", "first-name")]),
    ("Bobby was great", [(3, "Bobby", "nickname")]),
    ("Jaun fixed it in minutes", [(1, "Jaun", "fuzzy")]),
    ("Thanks, Mary and Dereck!", [(7, "Mary", "first-name"), (2, "Dereck", "fuzzy")]),
    ("JUAN'S help was AMAZING", [(1, "JUAN", "first-name")]),
    ("Juan's patience saved my day", [(1, "Juan", "first-name")]),
    ("Many thanks to Juan Perez and Derrick", [(1, "Juan Perez", "exact"), (2, "Derrick", "first-name")]),
    ("Thanks Will!", [(4, "Will", "nickname")]),
    ("I spoke to Grace and then Liz helped too", [(5, "Grace", "first-name"), (8, "Liz", "nickname")]),
    ("Gracie rocks", [(5, "Gracie", "alias")]),
    ("Ms Smith sorted it out", [(2, "Smith", "last-name")]),
    ("thanks ^CO for the quick reply", [(10, "CO", "alias")]),
])
def test_names_credit_agents(text, expected):
    found = [(c.agent_id, c.matched, c.method) for c in ROSTER.find(text)]
    assert found == expected


@pytest.mark.parametrize("text", [
    "Will you call me back?",
    "I will be back next week",
    "By the grace of god it works",
    "It was a joy to deal with you",
    "Frank feedback: the app is slow",
    "I hope you frank people fix this",
    "Many customers complain about this",
    "Jean was nice",
    "Make it faster please",
])
def test_words_and_other_people_are_not_agents(text):
    assert ROSTER.find(text) == []


def test_the_customers_own_name_is_never_credited():
    assert ROSTER.find("Maria was great, thanks!", exclude=["Maria Lopez"]) == []
    assert [c.agent_id for c in ROSTER.find("Maria Garcia was great", exclude=["Maria Lopez"])] == [6]


def test_a_shared_first_name_goes_to_who_worked_the_conversation():
    roster = Roster.build([RosterEntry(1, "Juan Perez"), RosterEntry(2, "Juan Diaz")])
    assert roster.find("Juan was great") == []
    assert [c.agent_id for c in roster.find("Juan was great", prefer={2})] == [2]


def test_lookup_resolves_a_source_agent_name_or_alias():
    assert ROSTER.lookup("juan perez") == 1
    assert ROSTER.lookup("Gracie") == 5
    assert ROSTER.lookup("Nobody Here") is None


def test_the_nickname_table_is_large_enough():
    assert sum(len(v) for v in NICKNAMES.values()) >= 60
    assert "robert" in NICKNAMES and "bob" in NICKNAMES["robert"]
