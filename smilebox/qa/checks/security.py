"""connect.security (critical): protect the customer's identity and secrets.

Fails, pointing at the offending characters, when:

- an agent reply or internal note writes a full card number (13-19 digits, Luhn-valid, spaces or
  dashes allowed), a national id (US SSN ``123-45-6789``, or nine digits after "SSN"), or a password
  or PIN ("your temporary password is X7f!");
- a public agent reply asks the customer to write one ("send us your full card number", "what is
  your password") - asking for the last four digits, an order number or a postcode is fine;
- account details are disclosed ("the address on file is...", "your balance is...") or changed ("I've
  updated your email") before the customer's identity is verified. Verification is an agent or note
  saying so ("thanks for verifying", "ID verified", "passed security"), or the customer answering a
  verification question ("can you confirm your date of birth?"). A public social reply that discloses
  account details fails whatever came before: the whole internet reads it (a message whose extra
  ``visibility`` is "dm" or "private" is not public).
"""

from __future__ import annotations

import re

from smilebox.qa.check import Check
from smilebox.qa.checks._common import failed, not_applicable, opening, passed, span
from smilebox.qa.phrases import Phrases, compile_factored, lowered, luhn_valid, phrase_pattern

# Patterns that start with a digit let the regex engine skip ahead to digits (no leading lookbehind).
_CARD = re.compile(r"\d(?:[ -]?\d){12,18}(?![\d-])")
# ("\d{3}-\d{2}-\d{4}" written to start with one class: the search skips to digits)
_SSN_DIGITS = re.compile(r"\d\d\d-\d\d-\d\d\d\d(?![\d-])")
_SSN_INVALID = re.compile(r"000|666|9|\d{3}-00|\d{3}-\d{2}-0000")
_SSN = Phrases(r"\b(?:ssn|social security(?: number| no\.?)?|sin|national (?:id|insurance)(?: number)?)\b"
                  r"[\s:#is]{1,6}[a-z]{0,2}\d[\d -]{6,10}\d")
_SECRET = Phrases(r"\b(?:password|passcode|passwd|pin(?: code| number)?)\b(?: is| was| has been (?:reset|set|changed) to|:|=| to)"
                     r"\s*['\"“]?([^\s'\"”]{4,})")
ASKING = [
    "re:(?:send|dm|tell|give|provide|share|reply with|confirm|type|post|include|need)(?: us| me)? (?:\\w+ ){0,3}(?:full |complete |long )?"
    "(?:card number|credit card number|debit card number|card details|password|passcode|pin\\b|pin number|"
    "social security|ssn|national insurance number|security code|cvv|cvc)",
    "re:what(?:'s| is) (?:your|the) (?:password|pin|card number|social security number|ssn|cvv)",
]
_LAST_FOUR = re.compile(r"last (?:4|four) digits|never (?:ask|share|send)|do not (?:share|send)|don't (?:share|send)",
                        re.IGNORECASE)
DISCLOSURE = [
    "re:(?:your|the) (?:\\w+ )?(?:address|email(?: address)?|phone number|date of birth|balance|account number|"
    "routing number|card number) (?:on (?:file|the account|your account|record)|we have|registered|listed)?(?: for you)? ?(?:is|was|reads|shows)\\b",
    "re:(?:your|the) (?:current |available |outstanding )?balance (?:is|stands at|of)",
    "re:(?:i've|we've|i have|we have|i|we) (?:\\w+ )?(?:updated|changed|reset|removed|added|switched|set) (?:your|the) "
    "(?:\\w+ )?(?:address|email|phone|password|pin|billing|card|payment method|account (?:holder|owner|details|name)|name)",
    "re:(?:the|your) account (?:is )?(?:registered|listed) (?:to|under|at)",
    "re:card (?:ending|ends)(?: in)? \\d{4}", "re:paid (?:up )?(?:to|until) the", "re:(?:you're|you are) on (?:\\w+ ){1,3}at \\$",
    "re:(?:looking at|i can see on|i've pulled up|i have pulled up|pulled up) (?:your )?(?:account )?[a-z]{1,3}-\\d[\\w-]*",
    # "The login on AC-51-9096 is jack@example.com", "The service address on AC-46-2952 is 77 Ridge Road": a detail
    # of a named account read out
    "re:(?:the|your) (?:\\w+ )?(?:address|email(?: address)?|e-mail|login|username|user name|phone(?: number)?|"
    "number|balance|card|plan|date of birth) (?:on|for|of) (?:the |your )?(?:account |acct )?(?:[a-z]{1,4}-?\\d[\\w-]*|"
    "#\\s?\\d[\\w-]*) (?:is|was|reads|shows)",
    "re:(?:the )?card on (?:file|the account|your account|record) (?:ends|ending|is)",
]
VERIFIED = [
    "re:thanks? (?:you )?for (?:verifying|confirming (?:your|that|those|these) (?:details|identity|information|info|dob|"
    "date of birth|security))", "re:(?:id|identity|caller|customer|account holder)(?: has been| is| was)? verified",
    "re:verified (?:the )?(?:customer|caller|identity|account holder|id)", "re:passed (?:security|verification|id ?& ?v|idv)",
    "re:(?:i've|we've|i have|we have) verified", "re:verification (?:complete|completed|passed|successful)",
    "re:(?:that|it|everything) (?:all )?(?:matches|checks out)", "re:you(?:'re| are|'ve been| have been) verified",
]
_NOT_PAYMENT = re.compile(r"\b(?:nectar|loyalty|rewards?|membership|member|club ?card|gift|library|boarding|"
                          r"skymiles|frequent flyer|aadvantage|advantage|points|student|id) card", re.IGNORECASE)
VERIFY_QUESTION = Phrases(
    r"\b(?:confirm|verify|provide|tell me|what(?:'s| is)|dm us|dm me|send us|send me)\b[^.?!]{0,40}\b(?:date of birth|dob|postcode|post code|zip|"
    r"security (?:question|answer|word)|last (?:4|four) digits|billing address|mother's maiden|account pin|passphrase|"
    r"full name and (?:address|email))")


class Security(Check):
    id = "security"
    name = "connect.security"
    version = 1
    description = "Identity verified before account details are shared or changed; no card numbers, passwords or ids in writing."
    reads = ("agent_replies", "internal_notes", "customer_messages")
    critical = True
    default_config = {"asking": ASKING, "disclosure": DISCLOSURE, "verified": VERIFIED,
                      "public_disclosure_channels": ["social"]}

    def setup(self) -> None:
        self._asking = phrase_pattern(self.config["asking"])
        self._disclosure = phrase_pattern(self.config["disclosure"])
        self._verified = phrase_pattern(self.config["verified"])
        self._disclosure_hint = _DISCLOSURE_HINT if self.config["disclosure"] == DISCLOSURE else None
        self._asking_hint = _ASKING_HINT if self.config["asking"] == ASKING else None
        self._verified_hinted = self.config["verified"] == VERIFIED

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        # (the replies are in message order already: sorting matters only when internal notes join them)
        written = sorted(view.agent + view.notes, key=lambda r: r.index) if view.notes else view.agent
        if not written:
            return not_applicable("No agent reply or note to judge.")
        for r in written:
            leak = _leak(r)
            if leak:
                kind, s, e = leak
                return failed(f"A {kind} is written in {'an internal note' if r.message.internal else 'a reply'}.",
                              [span(r, s, e)],
                              tip=f"Never write a {kind}: mask it (last four digits at most) and send secrets through "
                                  "the secure channel.")
        for r in view.agent:
            if self._asking_hint is not None and r.text.isascii():  # the words asked for, in the body
                asks = self._asking_hint.search(r.low, r.start, r.end)
            else:
                asks = _SECRET_TOPIC.search(r.low)
            m = self._asking.search(r.text, r.start, r.end) if asks else None
            if m and not _LAST_FOUR.search(r.text, r.start, r.end) and not _NOT_PAYMENT.search(m.group(0)):
                return failed("A reply asks the customer to write a card number, password or national id.",
                              [span(r, m.start(), m.end())],
                              tip="Ask only for what verification needs (the last four digits, the postcode), never "
                                  "for full card numbers, passwords or ids.")
        verified_at = -1  # found lazily: only a disclosure needs it
        for r in view.agent:
            if self._disclosure_hint is not None and not self._disclosure_hint.search(r.low, r.start, r.end):
                continue
            m = self._disclosure.search(r.text, r.start, r.end)
            if not m:
                continue
            visibility = str((r.message.model_extra or {}).get("visibility", "public")).lower()
            public = view.channel in self.config["public_disclosure_channels"] and visibility not in _PRIVATE
            if verified_at == -1:
                verified_at = self._verified_at(view)
            if public or verified_at is None or r.index < verified_at:
                where = "in a public reply" if public else "before the customer's identity was verified"
                return failed(f"Account details are disclosed or changed {where}.", [span(r, m.start(), m.end())],
                              tip="Verify the customer's identity first (e.g. date of birth and postcode), and never "
                                  "disclose account details in public.")
        first = written[0]
        return passed("No card number, password or id written; no account detail shared before verification.",
                      [opening(first, 40)])

    def _verified_at(self, view) -> int | None:
        """Index of the first message from which the customer's identity counts as verified."""
        asked = None
        for i, m in enumerate(view.conversation.messages):
            text = m.text or ""
            if m.role in ("agent", "system") and (not self._verified_hinted or _may_say_verified(text)) \
                    and self._verified.search(text):
                return i
            if m.role == "agent" and not m.internal and VERIFY_QUESTION.search(text):
                asked = i
            elif m.role == "customer" and asked is not None:
                return i
        return None


# Every default disclosure phrase holds one of these words: a fast literal scan before the full pattern.
_DISCLOSURE_HINT = compile_factored(r"address|email|phone|birth|balance|account|routing|card|paid|you're on|you are on|login|"
                              r"username|user name|number|plan|"
                              r"looking at|see on|pulled up|updated|changed|reset|removed|added|switched|set ")
_PRIVATE = frozenset({"dm", "private", "direct", "direct_message"})


def _may_say_verified(text: str) -> bool:
    """Whether ``text`` may hold a default ``VERIFIED`` phrase: each holds one of these literals (substring tests in C,
    before the phrase pattern). The phrase pattern reads the lowercased copy only when lowercasing keeps the length;
    otherwise it matches the original text case-insensitively, where a literal test could miss ("PAſſED"), so it
    always runs."""
    low = lowered(text)
    return len(low) != len(text) or "verif" in low or "confirming" in low or "passed" in low or "matches" in low \
        or "checks out" in low
# Every default asking phrase names one of these: in ASCII text a fast scan of the body before the full pattern.
_ASKING_HINT = compile_factored(r"card number|card details|password|passcode|pin|social security|ssn|insurance number|"
                                r"security code|cvv|cvc")
_SECRET_TOPIC = compile_factored(r"card|pass|pin|ssn|social security|insurance|cvv|cvc|security code")
_THREE_DIGITS = re.compile(r"\d\d\d")
_ASCII_DIGIT_BYTES = b"0123456789"


def _leak(r) -> tuple[str, int, int] | None:
    """The first card number, national id or password written in ``r``, as (kind, start, end)."""
    text = r.text
    if not _THREE_DIGITS.search(text):
        return _secret(text)
    # a card number has 13 digits or more, an SSN a dash: most texts with digits (handles, prices) have neither.
    # (ASCII digits counted as the bytes a translation deletes: one pass in C, where ten ``str.count`` calls were the
    # slowest line of the check; an ASCII text encodes to the same characters, one byte each, so the count is the same)
    if not text.isascii() or len(text) - len(text.encode().translate(None, _ASCII_DIGIT_BYTES)) >= 13:
        for m in _CARD.finditer(text):
            if m.start() and text[m.start() - 1] in "0123456789-":
                continue
            digits = re.sub(r"\D", "", m.group(0))
            if 13 <= len(digits) <= 19 and digits[0] in "3456" and luhn_valid(digits):
                return "full card number", m.start(), m.end()
    if "-" in text:
        for m in _SSN_DIGITS.finditer(text):
            if not (m.start() and text[m.start() - 1] in "0123456789-") and not _SSN_INVALID.match(m.group(0)):
                return "national id number", m.start(), m.end()
    low = lowered(text)
    if "ss" in low or "sin" in low or "national" in low or "social" in low:
        m = _SSN.search(text)
        if m:
            return "national id number", m.start(), m.end()
    return _secret(text, low)


def _secret(text: str, low: str | None = None) -> tuple[str, int, int] | None:
    low = lowered(text) if low is None else low
    if "pass" not in low and "pin" not in low:
        return None
    for m in _SECRET.finditer(text):
        value = m.group(1)
        if any(not ch.isalpha() for ch in value.rstrip(".,!?")):
            return "password or PIN", m.start(), m.end()
    return None
