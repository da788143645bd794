"""Emotional cues in customer messages: frustration, anger, disappointment, worry.

The empathy check needs to know *when* a customer showed a feeling, and the evaluation reports every
cue it found (contract ``cues``). Two sources, merged:

- a transparent lexicon (always): words and phrases by kind, each with a strength, plus shouting
  (several words in capitals, one stressed word such as "STILL", "!!!"), faces of annoyance or sadness
  (😤 🙄 😩 😞, and the 🙃 of sarcasm), stressing repeated failure or how long it has gone on ("third time", "still waiting", "broken once
  again", "been like this for the past 30 min", "even worse"), complaint idioms ("I can't stand this", "messed up
  again", "heard zero from you", "inadequate", "bricked"), starred-out swearing ("F*** it") and "???".
  Shouting for joy in a message of praise ("THANK YOU!!!") is not a cue, nor is a polite "I'm afraid"; but "!!!"
  in a message with a word of a problem is ("wow... an outage!!!!"), and so is "?!" ("you can't deliver my bag?!",
  while "Is there parking ?!" is surprise). Sarcasm ("thanks for nothing", "oh wait, you don't", "too bad", "so
  much for" but not "thank you so much for"), slang ("imma start trippin") and hashtags whose words run together
  (#ThanksForNothing, #EpicFail, #targetsucks, #sadness) are cues; "can't believe" and "oh great" only when the
  rest of the message is not praise ("Can't believe I'm leaving, had a wonderful time").
  A cue word under a negation in the same clause ("not angry", "no worries", "don't worry") is not a
  cue; "not happy" is listed as a cue on purpose.
- the emotion model of ``smilebox.nlp`` when the caller passes an analyzer: every customer sentence is
  scored, and a sentence the model flags adds a cue of the kind its strongest emotion maps to, so the
  evidence still points at exact characters.

One cue per message and kind is reported: the strongest, earliest on ties.

``is_praise`` tells a message that only praises or thanks from one that reports a problem; the
ownership, resolution and wow checks share it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from smilebox.qa.phrases import Phrases, body_end, body_start, compile_factored, factored_tagged, sentence_spans
from smilebox.qa.results import Cue

KINDS = ("frustration", "anger", "disappointment", "worry")

# (kind, strength, pattern). Patterns are word-bounded alternations; order does not matter. An optional apostrophe is
# written "['’]?": the typed one or the curly one phones put in ("I still haven’t received").
_LEXICON: tuple[tuple[str, float, str], ...] = (
    ("frustration", 0.9, r"frustrat\w*|fed up|sick (?:and tired )?of|tired of|had enough|at my wits['’]? end"),
    # "Absolute JOKE", "Worse experience", "fix your app it won't even open"
    ("frustration", 0.75, r"(?:absolute|total|complete|such a|what a) joke|worse (?:experience|service|customer service)|"
                          r"won['’]?t even (?:open|load|start|work|turn on|let me)"),
    ("frustration", 0.8, r"annoy\w*|irritat\w*|ridiculous\w*|useless|pointless|hopeless|a joke|joke of a|pathetic|"
                         r"waste of (?:my )?(?:time|money)|nightmare|fiasco|incompetent\w*|clueless|"
                         r"not cool|glitchy|complain\w*|what in (?:blazes|the world|the hell|god['’]?s name)|the hell|wth|"
                         r"look (?:at )?what (?:[@\w]+ ){0,2}(?:did|has done|have done|done) to|"
                         r"thinking (?:of|about) (?:leaving|switching|cancel\w*)|(?:i['’]?m|i am) done with|"
                         r"(?:out of service|not working|stopped working|down|broken|crashed|failed|happened|happening) again|unhelpful|no help|not helpful|run ?around|wasted|so difficult|too difficult|"
                         r"hate (?:that|the|how|when|this|it|you|your)|(?:does|do)(?:n['’]?t| not) (?:seem to )?care|"
                         r"(?:broken|down|out|failed|wrong|late) (?:once |yet )?again|once again|yet again|"
                         r"(?:always|constantly|keeps? (?:being|going)) (?:down|broken|late|crashing|failing|wrong)|"
                         # waiting on a reply that never came: "haven't heard from my case officer in weeks", "you
                         # still remain silent"
                         r"haven['’]?t heard (?:\w+ ){0,4}?in (?:days|weeks|months|ages)|remain(?:s|ed)? silent|"
                         r"without (?:internet|power|service|wifi|wi-fi|phone service|heat|hot water) for|"
                         r"no resolutions?|no response|losing (?:faith|patience|trust)|lost (?:all )?(?:faith|patience|trust)|no reply|no answer|no one (?:is )?(?:answering|responding)|"
                         r"nothing (?:has been|was|is|got) (?:updated|done|fixed|changed|resolved)|"
                         r"sucks?|stinks|garbage|trash|rubbish|a mess|bad (?:customer )?(?:service|reps?|experience)|"
                         r"really bad|very bad|so bad|very poor|poor (?:network|quality|signal|coverage|communication)|"
                         # sarcasm: "oh wait, you don't", "you guys call this chicken?", "why not try call backs"
                         r"oh wait[,.…]* (?:\w+ ){0,2}?(?:do|does|did|ca|wo|is|are|was|were)n['’]?t|"
                         r"(?:you|u|y['’]?all)(?: guys| people)? call (?:this|that)|why not (?:try|just)|"
                         r"why (?:don['’]?t|do not) you (?:just|try|actually)|"
                         # "maybe don't ask people to pay $8 for launch day arrival if you're not going to ship it"
                         r"maybe (?:don['’]?t|do not) (?:ask|charge|promise|advertise|sell|offer|claim|say)|"
                         r"why should i (?:pay|have to|bother|trust|stay|keep)|"
                         r"(?:does|do|did|would|will) (?:this|that|it) make any sense|(?:makes?|made) no sense|"
                         r"(?:does|do|did)n['’]?t make (?:any )?sense|the heck|the stinker|"
                         r"conflicting (?:answers|information|info|messages|advice|stories)|"
                         r"(?:ca|could)n['’]?t get (?:thr(?:u|ough)|hold of)|(?:cannot|unable to) get (?:thr(?:u|ough)|hold of)|"
                         r"(?:start|gonna|imma|going to|about to|bout to) (?:trippin['’]?|tripping|flip(?:ping)? out|lose it)|"
                         r"(?:you|u|y['’]?all)(?: guys?)? (?:do|does|clearly do)(?:n['’]?t| not) (?:want|care about|value|appreciate) "
                         r"(?:me|my|us|our|your customers|customers)|"
                         r"(?:do|does)(?:n['’]?t| not) (?:seem|look|feel) like (?:you|u|y['’]?all)(?: guys?)? (?:want|care|value)|"
                         # hashtags: the words run together (#ThanksForNothing, #CustomerServiceFail, #centurylinksucks)
                         r"#\w*(?:fail|sucks|fornothing|nothanks|doesntcare|dontcare|notcool|noresponse|neveragain|"
                         r"ohgreat|somuchfor|toobad\w*|woes|problems|probs|struggles?|badtiming|ripoff|disappoint\w*|"
                         r"frustrat\w*|unacceptable|notimpressed|nothappy|badservice|badexperience)|"
                         r"#(?:ihate|hate|neverfly|neverusing|nevershopping|neverbuying|youlost|lostacustomer|fuck|scam|lying|"
                         r"worst|fixyour|getsomereal|getittogether|dobetter|whypay|sortitout|sortyourselves)\w*|"
                         r"#(?:bs|gfy|fml|wtf|smh|ugh|joke|weak|worse|greed|gross|sadness|stupid|unlucky|pathetic)"),
    ("frustration", 0.75, r"still (?:waiting|no|not|nothing|haven['’]?t|hasn['’]?t|doesn['’]?t|don['’]?t|can['’]?t|won['’]?t|isn['’]?t|broken)|"
                          r"(?:second|third|fourth|fifth|2nd|3rd|4th|5th|\d+(?:th|rd|nd)) time|"
                          r"(?:for|over|in) (?:\d+(?:\.\d+)?|two|three|four|five|six|several|many) (?:hours|days|weeks|months)|"
                          r"for (?:hours|days|weeks|months)|again and again|over and over|"
                          r"(?:no ?one|nobody) (?:\w+ ){0,2}(?:help\w*|respond\w*|answer\w*|get back|got back|replied|called back)|"
                          r"(?:\d+|three|four|five|several|many|multiple|so many) times|"
                          r"(?:keeps?|kept) (?:on )?(?:crashing|happening|failing|dropping|freezing|declining|rejecting|disconnecting|"
                          r"buffering|cancel\w*)|"
                          # told as a story of being stonewalled: "it kept telling me to enter my address (even though...)";
                          # "it keeps telling me I'm locked out" is a plain report of the symptom
                          r"kept (?:on )?(?:telling|saying|asking|giving|showing|sending|charging|defaulting)|"
                          r"ugh+|smh|seriously\?+|come on|"
                          r"(?:pretty much|almost|nearly) every (?:day|night|time|week)|every single (?:day|time|night|week)|"
                          r"(?:on|put on) hold for|can['’]?t believe|unbelievable|"
                          # "c'mon", "This is crazy", "my battery life has become even worse", "Been like this for past
                          # 30 min!": complaint words and stressing how long it has gone on (the guide's "for weeks")
                          r"c['’]?mon|(?:this|that|it)(?:['’]s| is| was) (?:\w+ )?(?:crazy|insane|absurd|madness)|"
                          r"(?:even|getting|gets|got|gotten|only gotten) worse|"
                          r"(?:for|over) (?:the )?(?:past|last) (?:\d+|few|couple(?: of)?|several) ?(?:min\w*|hours?|hrs?|days|"
                          r"weeks|months)|(?:been|was|is) like (?:this|that) (?:for|since|all)|"
                          # "I can't stand this!", "UR team messed up again", "I've heard zero from Comcast!",
                          # "an inadequate response", "basically bricked my console"
                          r"(?:ca|could)n['’]?t stand|cannot stand|mess(?:ed|ing)? (?:it |this |that )?up|"
                          r"(?:heard|got|received|gotten) (?:nothing|zero|zilch|squat)(?: back)?|inadequate|bricked"),
    ("anger", 0.9, r"angry|furious|livid|outraged|outrageous|fuming|infuriat\w*|pissed(?: off)?|"
                   r"disgust\w*|disgrace\w*|appall\w*|shameful|shame on you|how dare|"
                   r"f+u+c+k\w*|shit\w*|bullshit|wtf|damn\w*|crap|bloody|scam\w*|rip ?off|rip(?:ped|ping) (?:me )?off|"
                   r"thie(?:f|ves)|liars?|lying|unacceptable|inexcusable|never again|worst|horrible|terrible|awful|"
                   r"atrocious|abysmal|horrifying|horrendous|thanks for nothing|never (?:\w+ ){1,3}?(?:again|back)|fraud\w*|"
                   r"lie|lies|lied|(?:do|did)n['’]?t lie to (?:me|us)|stop lying|screw(?:ed|ing)? (?:me|us|over|up)|theft|steal\w*|stole|dupe[ds]?|unethical|"
                   r"evil|idiots?|morons?|piss(?:es|ing)? (?:me )?off|fuc+\w*|effing|kill me|shady|robbery|robbed|extort\w*|"
                   # swearing with its letters starred out: "F*** it", "sh*t", "f**king"
                   r"f\w?\*+\w*|sh\*+\w*|s\*+t\w*"),
    ("disappointment", 0.85, r"disappoint\w*|let ?down|let me down|expected (?:better|more)|not happy|unhappy|"
                             r"not impressed|not satisfied|dissatisfied|gutted|bummed|heartbroken|upset|"
                             r"poor (?:service|experience|customer service)|(?<!you )(?<!thanks )(?<!thx )so much for|sad(?:ly|dened|ness)?|"
                             r"too bad|oh great|(?:do not|don['’]?t|wouldn['’]?t|would not|would never|will never|won['’]?t|"
                             r"can['’]?t|cannot) recommend|"
                             r"what a shame|such a shame|shame that|regret (?:buying|ordering|choosing)|"
                             r"alienated|betrayed|unfair|not fair|not ok(?:ay)?|not acceptable|not good enough|"
                             r":-?\(+|:['’]\("),  # the sad face typed as text, ":(" and ":'("
    ("worry", 0.85, r"worr(?:ied|ying|y)|anxious|anxiety|scared|(?<!i'm )(?<!i’m )(?<!i am )afraid(?! so)|frightened|nervous|(?:i['’]?m|i am|very|really|so|extremely) concerned|concerning|panic\w*|"
                    r"stress(?:ed|ful)?|desperate\w*|urgent\w*|asap|emergency|stranded|stuck (?:at|in|with)|stuck on (?:a |the |my |our |this )?(?:train|flight|plane|bus|tarmac|hold|runway|platform|road|motorway)|"
                    r"freaking out|losing my mind|no{3,}|oh no|need help (?:urgently|now|asap)|immediately|utmost importance|"
                    r"no other (?:ride|way|option|choice)|(?:i['’]?m|i am) afraid (?:of|that)|"
                    r"(?:hope|pray) (?:we|i|it) (?:have|get|will|works?|arrives?)"),
)
_NEGATION_SOURCE = (r"(?:\b(?:not|no|never|don'?t|doesn'?t|didn'?t|isn'?t|wasn'?t|aren'?t|won'?t|nothing|"
                    r"without|hardly)\b|n't)[^.!?,;]{0,12}$")
_NEGATION = compile_factored(_NEGATION_SOURCE, re.IGNORECASE)
_SELF_NEGATING = re.compile(r"^(?:not |no one|nobody|never |still )", re.IGNORECASE)
_STRESSED = ("NOT", "STILL", "NEVER", "NOTHING", "AGAIN", "ALWAYS", "EVER", "WORST", "WRONG", "INCORRECT", "THREE",
             "FOUR", "FIVE", "TWICE")
_SHOUT_SOURCE = (r"\b[A-Z]{3,}(?:[!?.,]*\s+[A-Z]{2,})*[!?.,]*\s+[A-Z]{3,}\b|[!?]*![!?]*![!?]*!+"
                 rf"|\b(?:{'|'.join(_STRESSED)})\b")
# ``_SHOUT_SOURCE`` written to start with one character class, so the search skips in C to capitals, "!" and "?" (three
# times faster; tests/test_qa_speed_patterns.py compares the two). The first character is taken, then each alternative
# checks it looking back: a run of capitals and a stressed word after no word character ("\b"), the "!!!" run in two
# cases, tried in the order of the original: the taken character inside the leading "[!?]*", then as the first "!".
_SHOUT = re.compile(
    r"[A-Z!?](?:(?<=[A-Z])(?<!\w.)(?:[A-Z]{2,}(?:[!?.,]*\s+[A-Z]{2,})*[!?.,]*\s+[A-Z]{3,}\b"
    rf"|(?:{'|'.join(f'(?<={w[0]}){w[1:]}' for w in _STRESSED)})\b)"
    r"|(?<=[!?])(?:[!?]*![!?]*![!?]*!+|(?<=!)[!?]*![!?]*!+))"
)
# Faces of annoyance, anger, exasperation and sadness: a cue in a tweet as much as the words are.
_EMOJI_CUES = {"😤": "anger", "😡": "anger", "😠": "anger", "🤬": "anger", "👎": "frustration", "🙄": "frustration",
               "😑": "frustration", "😒": "frustration", "😩": "frustration", "😫": "frustration", "🤦": "frustration",
               "😖": "frustration", "😣": "frustration", "💩": "anger", "😞": "disappointment", "😔": "disappointment",
               "🙃": "frustration",  # the upside-down face of sarcasm ("charge you nearly $40. Neat 🙃")
               "😕": "disappointment", "😢": "disappointment", "😭": "disappointment", "😟": "worry", "😰": "worry",
               "😨": "worry", "😱": "worry", "😓": "worry"}
_EMOJI_RE = re.compile("[" + "".join(_EMOJI_CUES) + "]")
# Every face above lies in this range: one range test (fast) before looking for the faces themselves.
_EMOJI_SPAN = re.compile(f"[{min(_EMOJI_CUES)}-{max(_EMOJI_CUES)}]")
_CAPS_RUN = re.compile(r"[A-Z][A-Z]{2}")  # "[A-Z]{3}" written to start with a class: the search skips to capitals
# Cue words that a happy customer says too ("Can't believe I'm about to leave, had a wonderful time", "oh great, thanks
# so much"): a cue only when the rest of the message is not praise.
_AMBIVALENT = re.compile(r"(?:can['’]?t|cannot) believe|unbelievable|oh great", re.IGNORECASE)
# "?!" is exasperation only with a word of a problem in the message ("you can't deliver my luggage?!"), not in
# surprise ("Is there parking at the venue ?!"); the same words stop "!!!" from passing for joy ("wow... an outage!!!!").
_INTERROBANG = re.compile(r"\?+!+[!?]*|!+\?+[!?]*")
_QUERIES = re.compile(r"\?\?\?+")
_NEGATIVE_SOURCE = (r"(?<![\w'’])(?:not|no|never|nothing|nobody|none|\w+n['’]t|didnt|dont|doesnt|cant|wont|isnt|wasnt|"
                    r"havent|hasnt|cannot|only|still|why|wrong|late|lost|missing|broken|broke|overcharg\w*|charg(?:e|ed|es|ing)|"
                    r"delay\w*|outages?|down|cancel\w*|crash\w*|fail\w*|errors?|stuck|problems?|issues?)(?![\w'’])")
_NEGATIVE = Phrases(_NEGATIVE_SOURCE)
_ACRONYMS = frozenset("USA UK NYC LAX JFK ATL DFW ORD SFO PS4 PS5 XBOX ISP DNS VPN USB HDMI DVR TV CEO ETA ASAP LOL OMG "
                      "UPS USPS DHL FEDEX TNT DPD EMS".split())  # carriers: "They said it was UPS. UPS says..."


class _Compiled:
    """The lexicon compiled once, at first use, as one pattern; ``meta[match.lastindex]`` is the entry matched.

    The entries' alternatives are factored together by first character (``phrases.factored_tagged``): the
    same matches as one alternation with a named group per entry, tried in the same order, a few times faster.
    """

    def __init__(self):
        before, after = r"(?<![\w'’])", r"(?![\w'’])"
        tagged = factored_tagged([((kind, strength), pattern) for kind, strength, pattern in _LEXICON], before, after)
        if tagged is not None:
            source, tags = tagged
            self.meta: dict[int, tuple[str, float]] = {i: tag for i, tag in enumerate(tags, 1)}
        else:
            source = before + "(?:" + "|".join(f"({pattern})" for _, _, pattern in _LEXICON) + ")" + after
            self.meta = {i: (kind, strength) for i, (kind, strength, _) in enumerate(_LEXICON, 1)}
        self.pattern = Phrases(source)


_compiled: _Compiled | None = None


def _lexicon() -> _Compiled:
    global _compiled
    if _compiled is None:
        _compiled = _Compiled()
    return _compiled


_cue_cache: dict[tuple[str, int, int], list[Cue]] = {}


def lexicon_cues(message_id: str, text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Cues the lexicon finds in ``text[start:end]``, one per kind (the strongest, earliest on ties).

    Several checks ask about the same customer message (empathy through the context, ownership, resolution
    and wow through ``is_praise``): the answer for the texts of the current conversation is remembered,
    keyed by the text itself and the span, as ``phrases.lowered`` is.
    """
    end = len(text) if end is None else end
    key = (text, start, end)
    hit = _cue_cache.get(key)
    if hit is not None:
        return [c if c.message_id == message_id else replace(c, message_id=message_id) for c in hit]
    if len(_cue_cache) > 256:
        _cue_cache.clear()
    found = _lexicon_cues(message_id, text, start, end)
    _cue_cache[key] = found
    return list(found)


def _lexicon_cues(message_id: str, text: str, start: int, end: int) -> list[Cue]:
    lex = _lexicon()
    best: dict[str, Cue] = {}
    for m in lex.pattern.finditer(text, start, end):
        kind, strength = lex.meta[m.lastindex]
        if not _SELF_NEGATING.match(m.group(0)):
            clause_start = max(start, m.start() - 40)
            if _NEGATION.search(text, clause_start, m.start()):
                continue
        quote = text[m.start() : m.end()]
        if _AMBIVALENT.fullmatch(quote) and _praise_besides(text, start, end, m.start(), m.end()):
            continue
        _keep(best, Cue(message_id, kind, strength, m.start(), m.end(), quote))
    # emoji: the trailing ones sit after the body's end, so the whole message after its handles is read
    if not text.isascii() and _EMOJI_SPAN.search(text, start):
        for m in _EMOJI_RE.finditer(text, start):
            ch = m.group(0)
            _keep(best, Cue(message_id, _EMOJI_CUES[ch], 0.75, m.start(), m.end(), ch))
    bangs = text.count("!", start, end) if "!" in text else 0
    interrobang = None
    if bangs and ("?!" in text or "!?" in text):
        m = _INTERROBANG.search(text, start, end)
        if m and _NEGATIVE.search(text, start, end):
            interrobang = Cue(message_id, "frustration", 0.7, m.start(), m.end(), m.group(0))
    # "So???": a run of three question marks is exasperation, as "!!!" is ("?" and "??" still ask calmly)
    if interrobang is None and "???" in text:
        m = _QUERIES.search(text, start, end)
        if m:
            interrobang = Cue(message_id, "frustration", 0.7, m.start(), m.end(), m.group(0))
    # every shout holds three capitals in a row or three "!": without them there is none, and the praise test below
    # could only turn no cue into no cue
    if bangs < 3 and (text.islower() or not _CAPS_RUN.search(text, start, end)):
        if interrobang is not None:
            _keep_first(best, interrobang)
        return sorted(best.values(), key=_START) if best else []
    # "THANK YOU!!! YOU ARE A REAL MVP!!!": shouting for joy is not a cue. Praise matters only when the shouting is
    # all there is, so the (slower) praise test waits until some shouting is found.
    praise_decides = not best
    for m in _SHOUT.finditer(text, start, end):
        quote = m.group(0).strip()
        if quote[:1].isalpha() and all(w.strip("!?.,") in _ACRONYMS for w in quote.split()):
            continue
        # a run of capitals is shouting (anger); one stressed word ("STILL") or "!!!" is exasperation
        kind = "anger" if quote[:1].isalpha() and " " in quote else "frustration"
        s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        _keep(best, Cue(message_id, kind, 0.7, s, s + len(quote), quote))
    if interrobang is not None:
        _keep_first(best, interrobang)
    if not best or (praise_decides and is_praise_words(text, start, end) and not _NEGATIVE.search(text, start, end)):
        return []
    return sorted(best.values(), key=_START)


def _praise_besides(text: str, start: int, end: int, cue_start: int, cue_end: int) -> bool:
    """``is_praise_words`` of the message, not counting the problem words inside the cue itself ("can't")."""
    positive = _PRAISE.count(text, start, end)
    if positive == 0:
        return False
    problems = _PROBLEM.count(text, start, cue_start) + _PROBLEM.count(text, cue_end, end)
    return problems < positive


def _START(cue: Cue) -> int:
    return cue.start


def _keep(best: dict[str, Cue], cue: Cue) -> None:
    current = best.get(cue.kind)
    if current is None or cue.score > current.score:
        best[cue.kind] = cue


def _keep_first(best: dict[str, Cue], cue: Cue) -> None:
    """``_keep`` for a cue found out of order: on a tie of strength the earlier one stays."""
    current = best.get(cue.kind)
    if current is None or cue.score > current.score or (cue.score == current.score and cue.start < current.start):
        best[cue.kind] = cue


# How the model's emotion labels map onto the cue kinds the rubric speaks of.
_EMOTION_KIND = {"anger": "anger", "annoyance": "frustration", "disappointment": "disappointment",
                 "sadness": "disappointment", "fear": "worry", "nervousness": "worry"}


def model_cues(analyzer: Any, message_id: str, text: str, start: int, end: int) -> list[Cue]:
    """Cues the emotion model flags, one per sentence it calls a negative cue."""
    spans = sentence_spans(text, start, end)
    if not spans:
        return []
    scored = analyzer.emotion([text[s:e] for s, e in spans])
    out = []
    for (s, e), result in zip(spans, scored):
        if not result.get("negative_cue"):
            continue
        emotions = {k: v for k, v in (result.get("emotions") or {}).items() if k in _EMOTION_KIND}
        kind = _EMOTION_KIND[max(emotions, key=emotions.get)] if emotions else "frustration"
        out.append(Cue(message_id, kind, float(result.get("cue_score", 0.5)), s, e, text[s:e]))
    return out


def detect_cues(conversation: Any, analyzer: Any = None, view: Any = None) -> list[Cue]:
    """Every cue in the customer's public messages, in message order.

    ``view`` (a ``ConversationView`` of the same conversation) saves finding the message bodies again.
    """
    cues: list[Cue] = []
    if view is not None:
        bodies = [(r.message, r.start, r.end) for r in view.customer]
    else:
        bodies = []
        for msg in conversation.messages:
            if msg.role == "customer" and not msg.internal and msg.text:
                start = body_start(msg.text)
                bodies.append((msg, start, body_end(msg.text, start)))
    for msg, start, end in bodies:
        text = msg.text or ""
        if analyzer is None:  # one cue per kind, in order of start already
            cues.extend(lexicon_cues(msg.id, text, start, end))
            continue
        found = {c.kind: c for c in lexicon_cues(msg.id, text, start, end)}
        for cue in model_cues(analyzer, msg.id, text, start, end):
            _keep(found, cue)
        cues.extend(sorted(found.values(), key=lambda c: c.start))
    return cues


def cue_messages(cues: list[Cue]) -> list[str]:
    """The ids of the messages that carry a cue, in order, each once."""
    seen: dict[str, None] = {}
    for c in cues:
        seen.setdefault(c.message_id, None)
    return list(seen)


# Praise and thanks: what a customer says when nothing is wrong ("Great service today, thank you!").
_PRAISE = Phrases(
    r"(?<![\w'’])(?:thanks?|thank you|thankyou|thx|love[ds]?|loving|great|excellent|amazing|awesome|best|fantastic|"
    r"wonderful|brilliant|perfect|superb|outstanding|impressed|happy|glad|excited|congrat\w*|enjoy\w*|kudos|"
    r"shout ?out|mvp|cheers|appreciate\w*|props|well done|good job|great job|stand out|delicious|yummy|"
    r"beautiful|lovely|favou?rite|recommend\w*|hats off|a star|legends?|you rock|you guys rock|smiles?|hilarious|"
    r"funny|lol|haha\w*|fab|fabulous|nice|cool|yay|woo+|wow)(?![\w'’])"
)
# Words of a problem or a request that praise does not carry.
_PROBLEM = Phrases(
    r"(?<![\w'’])(?:not|n't|no|never|broken|error|refund|cancel\w*|wrong|late|delay\w*|missing|still|fix|"
    r"\w+n't|cannot|fail\w*|crash\w*|stuck|lost|waiting|charged|complain\w*|help me|please help|need help|"
    r"how do i|how can i|why|want to know|wondering|questions?|can you|could you|would you|please|i need|without|"
    r"would like|i'd like|looking for|stopped|broke|faulty|damaged)(?![\w'’])"
)


def is_praise_words(text: str, start: int = 0, end: int | None = None) -> bool:
    """More positive words than words of an open problem (the word test of ``is_praise``, without the cues)."""
    end = len(text) if end is None else end
    positive = _PRAISE.count(text, start, end)
    return positive > 0 and _PROBLEM.count(text, start, end) < positive


def is_praise(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether a customer message praises or thanks: no question, no cue, more positive words than problem words.

    "Thank you @AlaskaAir for helping when I had an issue today" still counts: a problem word in the same
    message as thanks for having been helped is the story of a solved problem, so only the words of an
    open problem ("still", "not", "refund", "why"...) and emotional cues rule praise out.
    """
    end = len(text) if end is None else end
    if "?" in text[start:end]:
        return False
    positive = _PRAISE.count(text, start, end)
    if positive == 0 or _PROBLEM.count(text, start, end) >= positive:
        return False
    return not any(c.kind != "worry" or c.score >= 0.85 for c in lexicon_cues("", text, start, end)
                   if not c.quote.startswith("!"))
