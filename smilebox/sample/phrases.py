"""Alternative wordings for every move an agent or customer makes, good and bad.

Pools are split by what they do for the quality checks, and kept apart on purpose: closings and
signatures never say "thanks" (so a reply without the gratitude phrase really lacks it), name-overuse
fragments never greet, canned templates never mention the customer's issue. ``typo`` adds the
slips real people make without touching names, numbers or handles.
"""

from __future__ import annotations

import random
import re

GREET_NAMED = (
    "Hi {name},",
    "Hello {name},",
    "Good morning {name},",
    "Hey {name}!",
    "Dear {name},",
    "Hi {name}!",
    "Good afternoon {name},",
)
GREET_SHORT = ("Hi {name},", "Hello {name},", "Hey {name}!", "Hi {name}!")
GREET_ANON = ("Hello,", "Hi there,", "Good afternoon,", "Hello there,")
GREET_AGAIN = ("Hi again,", "Hello again,", "Hi,")
PHONE_GREET = (
    "Thank you for calling Acme, this is {agent}. Who do I have the pleasure of speaking with?",
    "Thanks for calling Acme Home Internet, you're speaking with {agent}. Can I get your name?",
    "Thank you for calling Acme, my name is {agent}. May I have your name please?",
)
PHONE_GREET_PLAIN = (  # no thank-you: used when the agent skips gratitude altogether
    "Good morning, Acme Home Internet, {agent} speaking. Who am I talking to today?",
    "Hello, Acme Home Internet, this is {agent}. Can I get your name?",
)
PHONE_NO_GREET = ("Yeah, go ahead.", "Account number?", "What's the issue?", "Acme. What do you need?")
CHAT_GREET_NAMED = (
    "Hi {name}! I'm {agent} and I'll be helping you today.",
    "Hello {name}, my name is {agent}, I'm taking over from our assistant.",
    "Hi {name} :) {agent} here, I've read through what you told Ace.",
)
CHAT_GREET_ANON = ("Hi there! I'm {agent}, I'll be helping you today.", "Hello! {agent} here.")
GRATITUDE = (
    "Thanks for reaching out about this.",
    "Thank you for contacting us about this.",
    "Thanks so much for being an Acme customer.",
    "Thank you for letting us know.",
    "Thanks for getting in touch, and for your patience while I looked into it.",
    "Thank you for your business, we really appreciate it.",
)
# Customer lines carrying an emotional cue, by the feeling they show.
CUES = {
    "frustration": (
        "I'm really frustrated with all of this.",
        "This is absolutely unacceptable.",
        "Seriously?? This is ridiculous.",
    ),
    "anger": ("I'm fed up and honestly furious.", "I'm getting really angry about this."),
    "disappointment": (
        "Honestly I'm so disappointed with Acme right now.",
        "I'm upset, I've been a loyal customer for years.",
    ),
    "worry": ("I'm worried, I work from home and can't afford any more trouble.",),
}
# The agent's acknowledgement (with ownership) for each feeling.
EMPATHY = {
    "frustration": (
        "I'm sorry to hear that you're frustrated. I'm here to get this solved for you.",
        "I completely understand how frustrating that is, and I'm going to make sure it's sorted today.",
    ),
    "anger": (
        "I'm really sorry, I understand why you're angry, and I'm going to put this right myself.",
        "I'm so sorry you've been dealing with this. I'll personally see it through.",
    ),
    "disappointment": (
        "I can hear how disappointed you are, and you have every right to be. I'll take it from here.",
        "I'm sorry we've let you down. I'll own this until it's fixed.",
    ),
    "worry": (
        "I understand how worrying that is, and I'm going to take care of it for you right now.",
        "That sounds really stressful, I'm sorry. Let me take care of this for you.",
    ),
}
LEAD_INS = (
    "I've had a look at this for you.",
    "I've gone through your account history.",
    "Here's what I found.",
    "I checked this with the team.",
)
OWNERSHIP = (
    "I'll keep an eye on it myself over the next 24 hours.",
    "I've set a reminder to check back with you tomorrow.",
    "If it happens again, reply to this and it comes straight back to me.",
)
CLOSINGS = (
    "Is there anything else I can help with?",
    "Let me know if there's anything else I can do for you.",
    "Is there anything else I can help you with today?",
    "If anything else comes up, just reply here and I'll pick it up. Have a lovely evening!",
    "Take care, and don't hesitate to get back in touch.",
    "Have a great weekend!",
)
PHONE_CLOSINGS = (
    "Is there anything else I can help with today? ... Alright, have a great day!",
    "Anything else I can do for you? No? Okay, take care now, bye!",
)
SIGN_OFFS = ("Best,", "Kind regards,", "Cheers,", "Warm regards,", "All the best,")
FACELESS = ("The Support Team", "Acme Customer Care", "Acme Home Internet Support", "Customer Service Team")
PHONE_ABRUPT = ("Okay. Bye.", "That's it then.", "")
ABRUPT = ("Ticket closed.", "Please refer to the help centre for more information.", "")
NAME_OVERUSE = (
    "{name}, I've looked into this for you.",
    "Just so you know, {name}, this is a priority for us.",
    "{name}, you're in good hands.",
    "Okay {name}, here's what I found.",
)
CANNED = (
    # generic templates pasted into many conversations whatever the customer wrote
    "Dear Customer,\n\nWe have received your request and it has been forwarded to the appropriate "
    "department. "
    "Please allow 3-5 business days for a response. For faster service, visit our Help Centre.",
    "Dear Customer,\n\nWe apologize for any inconvenience. Please power cycle your modem by "
    "unplugging it for "
    "30 seconds, then plug it back in. If the issue persists, please reply to this message.",
    "Hello,\n\nYour feedback is important to us and has been noted. Please check our FAQ for answers to the "
    "most common questions.",
)
# (question, answers that fit it): the customer answers what was asked
VERIFY = (
    (
        "Before I open the account, could you confirm the postcode and the last four digits of the "
        "phone number "
        "on it?",
        ("Sure, it's {postcode} and {last4}.", "postcode {postcode}, last four {last4}"),
    ),
    (
        "For security, can you confirm the account holder's full name and the postcode on the account?",
        ("{full}, postcode {postcode}.", "It's {full}, {postcode}."),
    ),
    (
        "I just need to verify your identity first: what's the postcode and the last 4 of the phone on file?",
        ("{postcode} and {last4}", "Sure: {postcode}, {last4}."),
    ),
)
SOCIAL_VERIFY = (
    (
        "Could you send us a DM with your account number and postcode so we can take a look?",
        ("Hi, it's {account}, postcode {postcode}.",),
    ),
    (
        "Please DM us your postcode and the account holder's name and we'll check it out.",
        ("{full}, {postcode}",),
    ),
)
VERIFY_OK = ("That all matches.", "Perfect, you're verified.", "Great, that checks out.")
TEST_CARDS = ("4111 1111 1111 1111", "5555 5555 5555 4444", "4242 4242 4242 4242", "4111111111111111")
PASSWORDS = ("Welcome2026!", "Acme1234", "Summer-26x", "Temp#4821")
CARD_SLIP_REPLY = (
    "I've updated autopay to the card {card} (exp 09/29), so the failed payment will go through."
)
CARD_SLIP_NOTE = "Cust read out new card {card} exp 09/29, updated autopay."
PASSWORD_SLIP = "I've reset it for you: your new password is {password} and you can change it once you're in."
SSN_SLIP_NOTE = "Verified with SSN 078-05-1120 for credit check, ok."
MASKED_CARD = "The new card ending {last4} is saved and the failed payment will retry tonight."
LONG_NOTE = (
    "Customer contacted us about {issue}. I checked the account history and the line status, went through "
    "the troubleshooting steps with them one by one, explained what we found and what happens next, and "
    "confirmed the contact details on file before closing."
)
GRIPES = (
    "customer was rude and annoying, kept interrupting.",
    "cust yelling the whole call, total nightmare.",
    "this guy is clueless, explained it 3 times.",
    "very demanding customer, wasted 40 mins of my time.",
    "customer is a pain, complains every month.",
)
WOW_GENERIC = (
    "P.S. I noticed you've been with us since 2015. Thank you for sticking with us all these years!",
)
CUSTOMER_SIGN = (
    "Thanks,\n{first}",
    "Thanks, {first}",
    "Cheers,\n{first}",
    "Regards,\n{full}",
    "- {first}",
    "thx\n{first}",
)
CUSTOMER_SIGN_SHORT = ("- {first}", "~{first}", "Thanks, {first}!", "cheers {first}!")
CHAT_INTRO = ("Hi, this is {first}.", "hey it's {first} here.", "Hello, my name is {first}.")
CUSTOMER_HELLO = ("Hi,", "Hello,", "Hi there,", "Hey,", "", "", "To whom it may concern,")
INTRO_PHONE = (
    "Hi, yeah, this is {first}, {full}.",
    "Hi, this is {first}.",
    "Hello, my name is {full}.",
    "Yeah hi, {first} here.",
)
NO_NAME_PHONE = ("Hi, um, I'm calling about my internet.", "Yeah hello.")

_MISSPELLINGS = {
    "receive": "recieve",
    "definitely": "definately",
    "because": "becuase",
    "internet": "internt",
    "which": "wich",
    "really": "realy",
    "again": "agian",
    "their": "thier",
    "until": "untill",
    "separate": "seperate",
    "the": "teh",
    "since": "sinse",
    "working": "wokring",
    "account": "acount",
    "connection": "conection",
    "tomorrow": "tommorow",
    "payment": "paymnet",
}
_WORD = re.compile(r"[A-Za-z]+")


def typo(rng: random.Random, text: str, rate: float) -> str:
    """Misspell about ``rate`` of the plain lower-case words (names, numbers and handles are left alone)."""
    if rate <= 0:
        return text

    def swap(match: re.Match) -> str:
        word = match.group(0)
        start = match.start()
        if word[0].isupper() or (start and text[start - 1] in "@#$-_.'/") or rng.random() >= rate:
            return word
        if word in _MISSPELLINGS:
            return _MISSPELLINGS[word]
        if len(word) > 4:
            i = rng.randint(1, len(word) - 3)
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        return word

    return _WORD.sub(swap, text)


def casual(rng: random.Random, text: str) -> str:
    """Chat and SMS customers often drop capitals and the final full stop."""
    if rng.random() < 0.5:
        text = text[:1].lower() + text[1:]
    if text.endswith(".") and rng.random() < 0.6:
        text = text[:-1]
    return text
