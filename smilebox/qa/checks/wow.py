"""connect.wow (bonus): a genuine personal touch beyond the script.

Passes for a personal remark about the customer's own situation - a good wish that picks up what the
customer told ("Enjoy the wedding!" after they mentioned the wedding; "Enjoy your dinner" after "Just sat down to
dinner"; "Happy birthday!"; "Happy Halloween!" to a customer celebrating it in words, hashtag or emoji; "Happy Bay2Breakers" to one who told of
registering for it), a
congratulation, a remark about their pet or family they mentioned - or a gesture beyond the process
("I've added a $10 credit as a thank you", "the upgrade is on us"). Stock wishes that echo nothing the
customer said ("Have a great day") do not count. Playful banter counts too: in a thread where the customer
only chats or praises, a reply with a joke's mark (":P", a wink or laughing face, "haha") that picks up a
word of the customer's own message. And in a warm thread - the customer praises or shares a moment (a photo, a
costume, a trip) with a friendly mark ("!", an emoji) and asks for nothing - a reply that answers in words of its own
beyond the stock thanks-for-sharing ("We'd rather give you treats than tricks, Sharon. Enjoy!", "We disagree, Dylan.
We're excited that you're choosing us, for all your sporting needs."), names the family member, pet or event the
customer told about ("this Sunday is Bring Your Grandma to McDonald's Day") or wishes them well by a name of their own
message ("Enjoy the flight (and your time in Tahoe)" to "#laketahoe"). A reply free of the support process (no DM,
order, refund, apology...) that plays on a word of the customer's own ("#pugstakedc" -> "a pugtastic time", "candy
corn" -> "a bit corny") or compliments what they shared ("the "love" symbol looks awesome!", "That flight looks LIT!",
"What a relaxing view!")
passes too (read in the first agent reply), unless a customer in the thread is angry or disappointed. Never a penalty: when nothing is found the
engine reports na.
"""

from __future__ import annotations

import re

from smilebox.qa.check import Check
from smilebox.qa.checks._common import not_applicable, passed, span
from smilebox.qa.checks.ownership import _asks
from smilebox.qa.checks.tailored import _GENERIC_WORDS, _PROPER_AND_LINKS, _TAKES_PRAISE, GENERIC
from smilebox.qa.cues import is_praise, is_praise_words, lexicon_cues
from smilebox.qa.phrases import STOPWORDS, Phrases, content_stems, lowered, phrase_pattern

# Marks of a joke: a tongue or wink, laughing faces, "haha"/"lol", a pun's groan.
_FACES = "😜😝😛😉😂🤣😆😄😁😎🙈🎃👻"
_FACE_SET = frozenset(_FACES)
_PLAYFUL = re.compile(r"[:;]-?[pP]\b|;-?\)|[😜😝😛😉😂🤣😆😄😁😎🙈🎃👻]|\b(?:haha\w*|hehe\w*|lol|lmao|ha ha)\b", re.IGNORECASE)
def _may_joke(text: str) -> bool:
    """A cheap literal test before ``_PLAYFUL``: most replies have no laughing face, no ":P" and no "haha"."""
    if not text.isascii() and not _FACE_SET.isdisjoint(text):
        return True
    low = lowered(text)
    return (":p" in low or ":-p" in low or ";p" in low or ";)" in low or ";-)" in low or "haha" in low or "hehe" in low
            or "lol" in low or "lmao" in low or "ha ha" in low)


_PROBLEM_HINT = re.compile(r"n't|\b(?:not|no|never|problem|issue|broken|refund|help|wrong|late|missing)\b")

TOUCHES = [
    "happy birthday", "happy anniversary", "congratulations", "congrats", "get well soon", "feel better soon",
    "re:(?:i|we)(?:'ve| have)? (?:\\w+ )?(?:added|sent|applied|included|popped|given you) (?:\\w+ ){0,3}(?:gift|voucher|"
    "credit|bonus|treat|goodwill|gesture|discount|complimentary|little something|freebie)",
    "re:(?:on us|on the house|as a (?:gesture|thank you|token|little treat|surprise))",
    "re:(?:went|gone|going) (?:ahead and )?(?:upgraded|upgrade) you",
]
# Every default touch holds one of these: a literal scan (fast; grouped by first letter) skips the replies that cannot
# hold one.
_TOUCH_HINT = re.compile(r"b(?:irthday|onus)|a(?:nniversary|s a )|c(?:ongrat|redit|omplimentary)|g(?:et well|ift|oodwill|"
                         r"esture)|f(?:eel better|reebie)|voucher|treat|discount|little something|on (?:us|the house)|upgrade")
_ECHO = Phrases(
    r"\b(?:enjoy|hope|have (?:a|an)|good luck with|best of luck with|congrats on|congratulations on|love|adorable|cute|"
    r"lovely|sorry about|wish)\b[^.!?\n]{0,40}?\b(?:your|the|that|this|his|her)\s+((?:\w+\s+)?\w+)"
)
def _may_touch(low: str) -> bool:
    """``_TOUCH_HINT`` as substring tests (faster than the regular expression over a short reply)."""
    return ("birthday" in low or "bonus" in low or "anniversary" in low or "as a " in low or "congrat" in low
            or "credit" in low or "complimentary" in low or "get well" in low or "gift" in low or "goodwill" in low
            or "gesture" in low or "feel better" in low or "freebie" in low or "voucher" in low or "treat" in low
            or "discount" in low or "little something" in low or "on us" in low or "on the house" in low
            or "upgrade" in low)


def _may_echo(low: str) -> bool:
    """``_ECHO_HINT`` as substring tests."""
    return ("enjoy" in low or "hope" in low or "have a" in low or "luck" in low or "congrat" in low or "love" in low
            or "adorable" in low or "cute" in low or "sorry about" in low or "wish" in low)


# A literal scan (fast) for the words every personal remark starts with, before the full pattern.
_ECHO_HINT = re.compile(r"enjoy|hope|have a|luck|congrat|love|adorable|cute|sorry about|wish")
_LIFE = frozenset("""
wedding honeymoon birthday anniversary vacation holiday holidays trip concert show game match party graduation
baby son daughter kids kid dog puppy pup cat kitten pet wife husband mum mom dad family mother father
grandma grandmother grandpa grandfather new home house move exam exams interview surgery recovery festival
christmas thanksgiving halloween weekend getaway visit reunion race marathon tour flight cruise first
""".split())


# The warm thread: the customer praises or chats with a friendly mark, and asks for nothing. Tested by literal scans
# (a regular expression over these emoji reads every character of the message slowly).
_FACES_WARM = frozenset("😉😂🤣😆😄😁😊☺😍🥰😘😋😜😝😛💛❤💕💗")
_MARKS_WARM = _FACES_WARM | frozenset("👍👌🙌🎃👻🐶✨🎉")
_SMILEY = re.compile(r"[:;]-? ?[)D]")
_LAUGH = re.compile(r"\b(?:lol|haha\w*|xx+)\b")


def _friendly(text: str, start: int, marks: frozenset, bang: bool) -> bool:
    """Whether the message, from ``start`` to its very end (trailing emoji count), carries a friendly mark: one of
    ``marks``, a "!" when ``bang``, "lol", "haha" or kisses ("xx")."""
    tail = text[start:]
    if bang and "!" in tail:
        return True
    if not tail.isascii() and not marks.isdisjoint(tail):
        return True
    # a smiley typed as text (":)", ":-)", ":D") is as friendly as its emoji
    if (":" in tail or ";" in tail) and (")" in tail or "D" in tail) and _SMILEY.search(tail):
        return True
    low = lowered(text)
    if ("lol" in low or "haha" in low or "xx" in low) and _LAUGH.search(low, start):
        return True
    return False


# A reply about a problem or a process is not a personal touch, however many words of its own it has.
# (a set of words, tested against the reply's words: faster than one long alternation over every reply)
_PROCESS_WORDS = frozenset("""
sorry dm dms details detail account accounts refund refunds refunded refunding order orders help helps helped helping
helpful assist assists assisted assisting assistance issue issues trouble problem problems inconvenience booking
bookings payment payments transaction transactions number numbers expired expire expires case cases ticket tickets
reservation reservations feedback suggestion suggestions apologise apologize apologies apology apologised apologized
apologising apologizing update updates updated updating fix fixes fixed fixing bug bugs install installs installed
installing installation settings restart restarts restarted restarting reset resets resetting troubleshoot
troubleshooting
""".split())
_TOKENS = re.compile(r"[a-z]+")


def _is_process(r) -> bool:
    """Whether a reply deals with a problem or a process: a question, or one of the words of the support process."""
    low = lowered(r.text)[r.start:r.end]
    if "?" in low or "direct message" in low or "reach out" in low or "reaching out" in low:
        return True
    if "help" in low and ("glad" in low or "happy" in low or "pleased" in low or "delighted" in low):
        # "Glad we could help with some good ol karaoke!" takes praise in (the guide's "Glad we could help you out!")
        low = _GLAD_HELPED.sub(" ", low)
    return not _PROCESS_WORDS.isdisjoint(_TOKENS.findall(low))


_GLAD_HELPED = re.compile(r"\b(?:glad|happy|pleased|delighted) (?:we|i) (?:could|were able to|was able to|got to) "
                          r"help\b")


_ENGLISH = Phrases(r"\b(?:you|your|we|the|to|is|it|that|our|us|i|i'm|my|and|of|this|for|with|have|has|be)\b")
_HASHTAGS = re.compile(r"#\w+")
# The stock words of taking praise in and saying goodbye, and the indefinite pronouns (function words, like the
# "anything something someone" of _GENERIC_WORDS): sharing them is no personal touch.
_STOCK = frozenset("""
great love glad happy awesome thanks thank sharing shout shoutout kind words comments lovely pass feedback hear see enjoy
appreciate appreciated wonderful fantastic amazing nice day week evening night travels travel flying fly flight choosing
choose welcome pleasure means world onboard aboard soon again guest guests crew team employees staff hope proud
recognizing recognising
nothing everyone everything everybody anyone anybody nobody somebody
""".split())
# The people, pets and occasions of the customer's life: naming the one they told about is personal wherever it stands.
_KIN = frozenset("""
wedding honeymoon birthday anniversary graduation baby son daughter kids kid dog puppy pup cat kitten pet wife husband
mum mom dad mother father grandma granny grandmother grandpa grandfather nan nana sister brother
""".split())
_WISH = re.compile(r"\b(?:enjoy|have (?:a|an)|good luck|best of luck|congrat\w*|safe travels|happy)\b[^.!?\n]*", re.IGNORECASE)
# "Happy Halloween" is said to everyone that day: a season's name is no name of the customer's own message for a good
# wish (a greeting for the occasion the customer is celebrating is judged by ``_greets_their_occasion``)
_SEASONS = frozenset("halloween christmas xmas thanksgiving easter hanukkah diwali eid weekend holidays".split())
# The occasions a customer celebrates, by their names (the first five letters are compared: "HalloWN", "Hallow's Eve")
# and emoji.
_OCCASIONS = (
    (("halloween", "hallow"), "🎃👻"), (("christmas", "xmas"), "🎄🎅"), (("thanksgiving",), "🦃"), (("easter",), "🐣"),
    (("hanukkah", "chanukah"), "🕎"), (("diwali",), "🪔"), (("new year",), "🎆"),
)
_HAPPY_OCCASION = re.compile(r"\bhappy (hallo\w*|christmas|xmas|thanksgiving|easter|hanukkah|chanukah|diwali|new year)")
# "Happy <Event>", written capitalised ("happy to" and "happy with" stay out), and the letters its name starts with
_HAPPY_EVENT = re.compile(r"\b[Hh]appy[ \t]+(?!To\b|With\b|Friday\b|Monday\b|Weekend\b|Holidays\b)([A-Z][\w'’&-]*)")
_ALPHA_START = re.compile(r"[A-Za-z]*")
_GOOD_WISH = re.compile(r"enjoy|good luck|best of luck|congrat|hope (?:you|u) (?:enjoy|have)")
_PROPER = re.compile(r"(?<=[\w,;:&(] )[A-Z][a-z]{3,}")


# Wordplay on the customer's own words: a word of theirs (or the start of their hashtag) with a playful ending
# ("#pugstakedc" -> "a pugtastic time", "candy corn" -> "a bit corny").
_PUN = re.compile(r"\b([a-z]{3,}?)(tastic|tacular|licious|errific|rrific|tabulous|y)\b")
# A compliment on what the customer shared: "the "love" symbol looks awesome!", "That flight looks LIT!", "Sounds like
# a double win!"
_COMPLIMENT = re.compile(
    r"\b(?:looks?|looked|sounds?|sounded)\b(?: like)?(?: (?:a|an|such a|so|really|very|totally|pretty))? ?(?:\w+ )?"
    r"(?:awesome|amazing|fantastic|lit|incredible|delicious|beautiful|gorgeous|impressive|adorable|cute|epic|win|fab|"
    r"fabulous|stunning|spooky|tasty|yummy|brilliant|wonderful)\b"
    # the exclamation over what they shared: "What a relaxing view, Susan!"
    r"|\bwhat (?:a|an) (?:awesome|amazing|beautiful|gorgeous|lovely|relaxing|great|fantastic|stunning|cute|adorable|"
    r"fun|"
    r"cool|sweet|wonderful|brilliant|perfect|epic|delicious|spooky) \w+", re.IGNORECASE)


_PUN_HINTS = ("tastic", "tacular", "licious", "rrific", "tabulous")
# a word of five letters or more ending in "y" (written to start with the literal "y", so the search skips to it)
_Y_WORD = re.compile(r"y(?<=[a-z]{5})\b")
# words that end in "y" whatever the customer wrote ("ever" -> "every")
_PLAIN_Y = frozenset("every party early only really body city ready many story sorry happy busy money reply delay "
                     "holiday family anyway already likely lovely".split())


def _uncommon_y_word(text: str, start: int, end: int) -> bool:
    """Whether the text holds a word of five letters or more ending in "y" that is not one of ``_PLAIN_Y`` nor of the
    common endings "-ly", "-ry", "-ty", "-ay", "-ey", "-oy", "-dy" ("quickly", "delivery", "quality", "today")."""
    for m in _Y_WORD.finditer(text, start, end):
        i = j = m.start()
        if text[i - 1] in "lrtaeod":
            continue
        while j > start and text[j - 1].isalpha():
            j -= 1
        if text[j:i + 1] not in _PLAIN_Y:
            return True
    return False


def _not_process(r) -> bool:
    """No word of the support process in the reply (a question about what the customer shared is allowed)."""
    low = lowered(r.text)[r.start:r.end]
    return "direct message" not in low and "reach out" not in low and _PROCESS_WORDS.isdisjoint(_TOKENS.findall(low))


class Wow(Check):
    id = "wow"
    name = "connect.wow"
    version = 1
    description = "A genuine personal touch beyond the script (bonus: never a penalty)."
    reads = ("agent_replies", "customer_messages")
    bonus = True
    default_config = {"touches": TOUCHES, "own_words": 3}

    def setup(self) -> None:
        self._touches = phrase_pattern(self.config["touches"])
        self._touch_hint = _TOUCH_HINT if self.config["touches"] == TOUCHES else None

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        if not view.agent:
            return not_applicable("No agent reply to judge.")
        told = None
        for r in view.agent:
            m = None
            low = r.low
            # literal scans of the whole text (a superset of the body's: the full patterns below decide)
            if self._touch_hint is None or _may_touch(low):
                m = self._touches.search(r.text, r.start, r.end)
            if m:
                return passed("A personal touch beyond the script.", [span(r, m.start(), m.end())])
            if not _may_echo(low):
                continue
            for e in _ECHO.finditer(r.text, r.start, r.end):
                if told is None:
                    told = " ".join(c.body.lower() for c in view.customer)
                wish = _GOOD_WISH.match(e.group(0).lower()) is not None
                for word in e.group(1).lower().split():
                    word = word.strip("(),;:'’\"&")
                    # a good wish for the thing the customer told about ("Enjoy your dinner" to "Just sat down to
                    # dinner") is as personal as one for their wedding; stock objects ("your flight") are not
                    if (word in _LIFE or (wish and len(word) >= 4 and word not in STOPWORDS and word not in _OWN_STOP
                                          and word not in _PROCESS_WORDS)) \
                            and re.search(rf"\b{re.escape(word)}\b", told):
                        return passed(f"A personal remark about the customer's {word}.", [span(r, e.start(), e.end())])
        occasion = self._greets_their_occasion(view)
        if occasion is not None:
            return occasion
        shared = self._wordplay_or_compliment(view, context)
        if shared is not None:
            return shared
        banter = self._playful_reply_to_banter(view)
        if banter is not None:
            return passed("Playful banter that picks up what the customer said.", [banter])
        warm = self._personal_reply_in_warm_thread(view, context)
        if warm is not None:
            return warm
        return not_applicable("No personal touch beyond the script (bonus: no penalty).")

    @staticmethod
    def _greets_their_occasion(view):
        """A reply wishing the customer a happy occasion ("Happy Halloween, Harry!", "Happy HalloWN!") that the
        customer's message just before it celebrates, in words, a hashtag or its emoji ("Celebrated Halloween on a
        flight", "#HappyHalloween17", "🎃"): it picks up their own moment, not a greeting said to everyone."""
        for r in view.agent:
            low = r.low
            if "happy " not in low:
                continue
            m = _HAPPY_OCCASION.search(low, r.start, r.end)
            before = [c for c in view.customer if c.index < r.index]
            if not before:
                continue
            last = before[-1]
            if m is None:
                # "Happy Bay2Breakers" to "I just registered for Alaska Airlines Bay To Breakers!": the event they named
                event = _HAPPY_EVENT.search(r.text, r.start, r.end)
                if event is not None:
                    stem = _ALPHA_START.match(event.group(1)).group(0).lower()[:5]
                    told = lowered(last.text)[last.start:last.end]
                    if len(stem) >= 3 and re.search(rf"(?<![\w#@]){re.escape(stem)}", told):
                        return passed(f"A good wish for the {event.group(1)} the customer told about.",
                                      [span(r, event.start(), event.end())])
                continue
            stem = m.group(1)[:5]
            names, marks = next(((n, k) for n, k in _OCCASIONS if any(w.startswith(stem) or stem.startswith(w[:5])
                                                                     for w in n)), ((), ""))
            told = lowered(last.text)
            if any(w in told for w in names) or any(ch in last.text for ch in marks):
                return passed(f"A good wish for the {m.group(1)} the customer is celebrating.",
                              [span(r, m.start(), m.end())])
        return None

    def _personal_reply_in_warm_thread(self, view, context):
        """A reply of the agent's own words, or naming the customer's people or places, to a customer who praises or
        shares a moment with a friendly mark and asks for nothing (the opening, and the message before the reply),
        in a thread the agent did not take as a support case from the first reply. The cheap tests run first: most
        threads ask for something."""
        if not view.customer:
            return None
        opening, first = view.customer[0], view.agent[0]
        if "?" in opening.body or _is_process(first):
            return None
        # the friendly mark is often the trailing emoji, past the end of the message's body
        praise = None
        if not _friendly(opening.text, opening.start, _MARKS_WARM, True):
            praise = is_praise(opening.text, opening.start, opening.end)
            if not praise:
                return None
        cued = {q.message_id for q in context.cues(view.conversation) if not q.quote.startswith("!")}

        def quiet(c, praised=None) -> bool:
            """Asks for nothing: no question, no problem word (unless a friendly face shows it is banter: "don't know
            who won yet 😄"), and no cue unless the message praises."""
            if "?" in c.body or (_asks(c.text, c.start, c.end) and not _friendly(c.text, c.start, _FACES_WARM, False)
                                 and not is_praise(c.text, c.start, c.end)):
                return False  # (praise that mentions a "late Saturday night" in passing still asks for nothing)
            if c.id not in cued:
                return True
            return is_praise(c.text, c.start, c.end) if praised is None else praised

        if not quiet(opening, praise):
            return None
        for r in view.agent:
            if r.index < opening.index or _is_process(r) or not _ENGLISH.search(r.text, r.start, r.end):
                continue
            before = [c for c in view.customer if c.index < r.index]
            if before[-1] is not opening and not quiet(before[-1]):
                continue
            low = " ".join(c.body for c in before).lower()
            kin = next((w for w in re.findall(r"[a-z]+", r.body.lower()) if w in _KIN and re.search(rf"\b{w}\b", low)),
                       None)
            if kin is not None:
                return passed(f"A personal remark about the customer's {kin}.", [span(r, r.start, r.end)])
            for wish in _WISH.finditer(r.text, r.start, r.end):
                name = next((m.group(0) for m in _PROPER.finditer(wish.group(0))
                             if m.group(0).lower() in low and m.group(0).lower() not in _SEASONS), None)
                if name is not None:
                    return passed(f"A good wish that picks up the customer's {name}.", [span(r, wish.start(), wish.end())])
            left = _TAKES_PRAISE.sub(" ", _GENERIC.sub(" ", _PROPER_AND_LINKS.sub(" ", _HASHTAGS.sub(" ", r.body))))
            if len(content_stems(left, _OWN_STOP)) >= self.config["own_words"]:
                return passed("A reply in words of its own to a customer sharing a moment.", [span(r, r.start, r.end)])
        return None

    @staticmethod
    def _wordplay_or_compliment(view, context):
        """A reply free of the support process that plays on a word of the customer's own ("a pugtastic time") or
        compliments what they shared ("the "love" symbol looks awesome!"), in a thread with no angry customer. Only the
        first agent reply is read: it is the one that answers what the customer shared."""
        if not view.customer:
            return None
        for r in view.agent[:1]:
            low = lowered(r.text)
            # literal scans first (fast): most replies hold no compliment verb, pun ending or uncommon "-y" word
            compliment = (("look" in low or "sound" in low or "what a" in low)
                          and _COMPLIMENT.search(r.text, r.start, r.end))
            if not compliment and "tastic" not in low and "tacular" not in low and "licious" not in low \
                    and "rrific" not in low and "tabulous" not in low and not _uncommon_y_word(low, r.start, r.end):
                continue
            before = [c for c in view.customer if c.index < r.index]
            if not before or not _not_process(r):
                continue
            if any(q.kind in ("anger", "frustration", "disappointment") and q.score >= 0.75
                   for q in context.cues(view.conversation)):
                return None
            told = " ".join(c.body for c in before).lower()
            for m in _PUN.finditer(low, r.start, r.end):
                stem, word = m.group(1), m.group(0)
                # a "-y" pun plays on a whole word of the customer's ("corn" -> "corny"), not on the start of one
                if m.group(2) == "y" and (len(stem) < 4 or word in _PLAIN_Y or not re.search(rf"\b{re.escape(stem)}\b", told)):
                    continue
                if re.search(rf"(?:^|[\s#@\"'(]){re.escape(stem)}", told) and not re.search(rf"\b{re.escape(word)}\b", told):
                    return passed("Wordplay on the customer's own words.", [span(r, m.start(), m.end())])
            if compliment:
                return passed("A compliment on what the customer shared.", [span(r, compliment.start(), compliment.end())])
        return None

    @staticmethod
    def _playful_reply_to_banter(view):
        """In a thread where the customer only chats or praises (asks for nothing, no complaint), an agent reply
        that jokes along: a playful mark (":P", a laughing or winking face, "haha") together with a word of the
        customer's own message beyond the stock vocabulary of support replies."""
        first = view.customer[0] if view.customer else None
        # (``"?" in c.body`` without copying the body out: ``find`` looks within the same bounds)
        if first is None or any(c.text.find("?", c.start, c.end) >= 0 for c in view.customer):
            return None  # the cheapest test first: a customer who asks is no banter
        marked = [(r, m) for r in view.agent if _may_joke(r.text)
                  for m in [_PLAYFUL.search(r.text, r.start, len(r.text))] if m]
        if not marked or any(lexicon_cues("", c.text, c.start, c.end) for c in view.customer):
            return None
        if not is_praise_words(first.text, first.start, first.end) and _PROBLEM_HINT.search(first.body.lower()):
            return None
        told = content_stems(" ".join(c.body for c in view.customer), _GENERIC_WORDS)
        for r, mark in marked:
            if content_stems(r.body, _GENERIC_WORDS) & told:
                return span(r, mark.start(), mark.end())
        return None


_GENERIC = phrase_pattern(GENERIC)
_OWN_STOP = _GENERIC_WORDS | _STOCK
