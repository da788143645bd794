"""Nicknames and the names that are also everyday words.

``NICKNAMES`` maps a formal given name to the short forms people use for it. ``name_groups(name)``
gives the formal names a name may stand for, so "Bobby" and "Rob" both meet "Robert", and "Bobby"
meets an agent on the roster as "Bob". ``WORD_NAMES`` lists names that are also common words ("Will",
"Grace", "Frank"): they only count as names when capitalised in a name position.
"""

from __future__ import annotations

from functools import lru_cache

NICKNAMES: dict[str, tuple[str, ...]] = {
    "abigail": ("abby", "abbie", "gail"), "albert": ("al", "bert", "bertie"), "alexander": ("alex", "al", "sasha", "xander", "sandy"),
    "alexandra": ("alex", "alexa", "sasha", "sandra", "lexi"), "alfred": ("al", "alf", "fred", "freddie"),
    "andrew": ("andy", "drew"), "angela": ("angie",), "anthony": ("tony",), "antonio": ("tony", "toni"),
    "arthur": ("art", "artie"), "barbara": ("barb", "barbie", "babs"), "benjamin": ("ben", "benny", "benji"),
    "bernard": ("bernie",), "beatrice": ("bea", "trixie"), "catherine": ("cathy", "cat", "kate", "katie", "kitty"),
    "katherine": ("kathy", "kate", "katie", "kat", "kit", "kitty"), "kathleen": ("kathy", "kate"),
    "charles": ("charlie", "chuck", "chas", "chaz"), "charlotte": ("charlie", "lottie", "lotte"),
    "christina": ("chris", "tina", "christy"), "christine": ("chris", "tina", "christy"), "christopher": ("chris", "kit", "topher"),
    "cynthia": ("cindy",), "daniel": ("dan", "danny"), "danielle": ("dani", "ellie"), "david": ("dave", "davey"),
    "deborah": ("deb", "debbie", "debby"), "dennis": ("denny",), "donald": ("don", "donnie"), "dorothy": ("dot", "dottie", "dolly"),
    "douglas": ("doug",), "edward": ("ed", "eddie", "ted", "teddy", "ned"), "eleanor": ("ellie", "nell", "nora", "elle"),
    "elizabeth": ("liz", "lizzie", "beth", "betty", "betsy", "eliza", "libby", "lisa", "bess", "liza"),
    "emily": ("em", "emmy"), "eugene": ("gene",), "frances": ("fran", "frankie"), "francis": ("frank", "frankie", "fran"),
    "frederick": ("fred", "freddie", "freddy"), "gabriel": ("gabe",), "gabriella": ("gabby", "ella"), "gerald": ("gerry", "jerry"),
    "gregory": ("greg",), "harold": ("harry", "hal"), "henry": ("harry", "hank", "hal"), "isabella": ("bella", "izzy", "isa"),
    "jacob": ("jake", "jack"), "james": ("jim", "jimmy", "jamie", "jimbo"), "jennifer": ("jen", "jenny", "jenn"),
    "jessica": ("jess", "jessie"), "john": ("jack", "johnny", "jon"), "jonathan": ("jon", "jonny", "nate"),
    "joseph": ("joe", "joey", "jo"), "joshua": ("josh",), "judith": ("judy", "jude"), "kenneth": ("ken", "kenny"),
    "lawrence": ("larry", "laurie"), "leonard": ("leo", "len", "lenny"), "louis": ("lou", "louie"), "margaret":
    ("maggie", "meg", "peggy", "marge", "margie", "greta", "daisy"), "matthew": ("matt", "matty"), "michael": ("mike", "mikey", "mick", "micky"),
    "michelle": ("shelly", "michy"), "nathan": ("nate",), "nathaniel": ("nate", "nat"), "nicholas": ("nick", "nicky", "nico"),
    "nicole": ("nikki", "nicky", "cole"), "oliver": ("ollie",), "pamela": ("pam",), "patricia": ("pat", "patty", "trish", "tricia"),
    "patrick": ("pat", "paddy", "rick"), "peter": ("pete",), "philip": ("phil", "pip"), "rebecca": ("becky", "becca", "bex"),
    "richard": ("rich", "rick", "ricky", "dick", "richie"), "robert": ("bob", "bobby", "rob", "robbie", "bert", "robby"),
    "ronald": ("ron", "ronnie"), "samantha": ("sam", "sammy"), "samuel": ("sam", "sammy"), "sandra": ("sandy",),
    "stephanie": ("steph", "stevie"), "stephen": ("steve", "stevie"), "steven": ("steve", "stevie"), "susan": ("sue", "susie", "suzy"),
    "suzanne": ("sue", "suzy"), "theodore": ("ted", "teddy", "theo"), "thomas": ("tom", "tommy"), "timothy": ("tim", "timmy"),
    "valerie": ("val",), "victoria": ("vicky", "tori", "vic"), "vincent": ("vince", "vinny"), "walter": ("walt", "wally"),
    "william": ("bill", "billy", "will", "willy", "liam", "willie"), "zachary": ("zach", "zack"), "virginia": ("ginny", "ginger"),
    "alejandro": ("alex", "ale"), "francisco": ("paco", "pancho", "cisco"), "jose": ("pepe", "chepe"), "guillermo": ("memo", "guille"),
    "eduardo": ("lalo", "edu"), "enrique": ("kike", "quique"), "ignacio": ("nacho",), "manuel": ("manolo", "manny"),
    "roberto": ("beto", "rober"), "jesus": ("chuy",), "rosario": ("charo",), "dolores": ("lola",), "mercedes": ("meche",),
    "giuseppe": ("beppe", "pino"), "giovanni": ("gianni", "nino"), "johannes": ("hans", "jan"), "wolfgang": ("wolf",),
    "aleksandr": ("sasha", "sanya"), "dmitri": ("dima",), "ekaterina": ("katya",), "mikhail": ("misha",), "vladimir": ("vova", "volodya"),
    "natalia": ("natasha", "nata"), "yekaterina": ("katya",), "ivan": ("vanya",), "olga": ("olya",),
}

#: Given names that are also everyday English words; credited only when capitalised in a name position.
WORD_NAMES = frozenset("""
will bill grace joy hope faith frank mark may june april august summer autumn dawn rose lily daisy ivy iris holly
amber ruby pearl crystal penny sandy rich rob drew chase hunter ray guy pat sue art sky river angel destiny chance
miles max don dean gene cash bob jack jim sunny honey cherry robin wren jay sterling king prince earl duke baron
major bishop cliff dale glen heath forest wood stone page lane price cook baker hall long young white brown green
black gray grey little best love early bell rush hill marsh gay patience prudence constance charity mercy harmony
melody sage rain storm star sun victory trinity unity bliss felicity bud buck rusty dusty sonny skip chip colt
buddy ace lucky happy cole nick kit kat tina em jo al ed ted lou cat nat bert hal val
""".split())


@lru_cache(maxsize=None)
def _by_short() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for formal, shorts in NICKNAMES.items():
        table.setdefault(formal, set()).add(formal)
        for short in shorts:
            table.setdefault(short, set()).add(formal)
    return {k: frozenset(v) for k, v in table.items()}


def name_groups(name: str) -> frozenset[str]:
    """The formal names ``name`` may stand for (itself when it is in no group)."""
    key = name.casefold()
    return _by_short().get(key, frozenset({key}))


def known_given_names() -> frozenset[str]:
    """Every name the nickname table knows, formal or short: a name the text uses that is not an agent's."""
    return frozenset(_by_short())


def is_word_name(name: str) -> bool:
    return name.casefold() in WORD_NAMES


#: Other common given names: a word in the text that is one of these, and no agent's, is someone else,
#: never a misspelling of an agent's name ("Jean" is not "Juan").
OTHER_GIVEN_NAMES = frozenset("""
aaron adam adrian aidan alan alice alicia alison amanda amy ana andrea anna anne annie ashley austin barry
brandon brenda brian bruce bryan carl carla carlos carmen carol caroline chad cheryl claire colin craig dana
darren dean denise derek diana diane diego donna dylan eileen elena ellen emma eric erica erin ethan evan
fiona gary gavin george gina glenn gloria grant hannah heather helen holly ian irene jacqueline jade jane janet
jason jean jeff jeffrey jenna jeremy joan joanna joel jordan jorge juan juana julia julie justin karen karl
kayla keith kelly kevin kim kyle laura lauren leah lee leslie linda lisa logan lucas lucy luis luke lynn
marco maria marie mario marion martha martin mary megan melissa mia miguel monica morgan nadia nancy neil
nina noah norma olivia omar oscar paul paula pedro phillip rachel ralph raul regina rene ricardo rita roger
rosa ross roy russell ruth ryan sara sarah scott sean sergio seth shane shannon sharon shawn sofia sophia
stacy stuart tanya tara teresa terry tiffany todd tracy travis troy tyler vanessa vera wayne wendy yolanda
""".split())
