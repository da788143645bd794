"""What customers of a home-internet provider contact support about, in many wordings.

Each topic holds alternative fragments for every turn of a conversation (opening, detail, the
agent's answer, the internal note, the customer's confirmation, the "it's still broken" repeat
contact). Slots in braces (``{amount}``, ``{router}``...) are filled per conversation by
``fill_slots`` so two conversations on the same topic rarely read the same.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Refusal:
    """Something the customer asks for that the agent cannot simply do."""

    ask: tuple[str, ...]
    flat: tuple[str, ...]  # "no" with nothing else: fails the ownership check
    alternative: tuple[str, ...]  # "I can't do X, but I can do Y": passes it


@dataclass(frozen=True)
class Topic:
    key: str
    tags: tuple[str, ...]
    subjects: tuple[str, ...]
    openings: tuple[str, ...]
    details: tuple[str, ...]
    answers: tuple[str, ...]
    notes: tuple[str, ...]  # short, factual internal notes (<= 140 characters once filled)
    confirms: tuple[str, ...]
    repeats: tuple[str, ...]  # the customer coming back because it is not fixed
    account: bool = False  # needs the account opened: identity must be verified first
    disclosure: tuple[str, ...] = ()  # account details the agent reads out
    refusal: Refusal | None = None


_CONFIRM = (
    "That worked, thanks!",
    "ok that did it, all good now. thank you",
    "Perfect, it's working again. Thanks so much.",
    "Yep, sorted. Appreciate it!",
    "It's fixed! thank you thank you",
    "Just checked and everything looks right now, thanks for your help.",
)

TOPICS: tuple[Topic, ...] = (
    Topic(
        "outage",
        ("outage", "connectivity"),
        ("Internet down", "No internet since this morning", "Outage in {area}?", "connection dead"),
        (
            "My internet has been completely down since {time} this morning.",
            "no internet at all since last night, all the lights on the {router} are red",
            "Is there an outage in {area}? Nothing has worked since {time}.",
            "Our connection dropped at {time} and hasn't come back.",
        ),
        (
            "I've already restarted the router twice.",
            "Neighbours say theirs is out too.",
            "The status page says everything is fine but it clearly isn't.",
            "I tried a different cable, same thing.",
        ),
        (
            "I can see an outage affecting {area} (incident {incident}). Our engineers are on site "
            "and expect "
            "service back by {eta}. Your router will reconnect on its own once it's fixed.",
            "There's a fibre cut near {area} that's knocking out service for a few streets (incident "
            "{incident}). "
            "The repair crew estimate {eta}; I've added your account to the incident so you get a text when "
            "it's restored.",
        ),
        (
            "Outage {area}, incident {incident}. Acct added to SMS alerts. ETA {eta}.",
            "Area outage {incident}; cust informed of ETA {eta}.",
            "No service: linked to outage {incident}, no truck needed.",
        ),
        _CONFIRM + ("It's back up, thanks for keeping me posted.",),
        (
            "I contacted you on {prev_day} about the outage and it's STILL down.",
            "Still no internet. I was told it would be back by {eta} and nothing.",
            "Following up on my ticket from {prev_day}: the connection is still dropping every hour.",
        ),
        refusal=Refusal(
            ("Will I get money back for the days without internet?", "I want a credit for this."),
            ("Sorry, I can't help you with that.", "We don't give credits for outages."),
            (
                "I can't add the credit while the outage is still open, but I've flagged your "
                "account so it's "
                "applied automatically once it closes; you'll see it on your next bill.",
            ),
        ),
    ),
    Topic(
        "slow_speed",
        ("speed", "connectivity"),
        ("Slow speeds", "Paying for {paid}, getting {got}", "speed test results terrible"),
        (
            "I pay for {paid} but speed tests show {got} at best.",
            "internet is crawling, {got} on a wired connection when the plan is {paid}",
            "Streaming keeps buffering and the speed test says {got}.",
        ),
        (
            "It's worst in the evening, around 8pm.",
            "Tested on my laptop with an ethernet cable, same result.",
            "This has been going on for about a week.",
        ),
        (
            "I ran a line test and your {router} is still on old firmware, which caps the speed. "
            "I've pushed the "
            "update remotely; after it restarts (about five minutes) you should see close to {paid}.",
            "The line looks healthy, but your router is on the crowded 2.4 GHz band. I've switched "
            "it to 5 GHz "
            "and reset the channel; please run the speed test again in a few minutes.",
        ),
        (
            "Slow speed ({got} vs {paid}): pushed firmware to {router}, line test OK.",
            "Slow wifi: moved router to 5GHz, channel reset. Line clean.",
            "Slow speed: firmware update sent to {router}, cust to retest.",
        ),
        _CONFIRM + ("Just ran the test, {paid}ish now. Great!",),
        (
            "Speeds are back down to {got} again, same as when I wrote on {prev_day}.",
            "the firmware thing didn't last, still slow. this is my second time contacting you",
        ),
        refusal=Refusal(
            ("I want a refund for the months I've been getting half the speed.",),
            ("Unfortunately that's not possible.", "Sorry, I can't help you with that."),
            (
                "I can't refund past months from here, but I've sent a speed-guarantee claim to "
                "billing with your "
                "test results; they'll reply within 2 days and I'll check it's done.",
            ),
        ),
    ),
    Topic(
        "wifi_drops",
        ("wifi", "connectivity"),
        ("WiFi keeps dropping", "wifi disconnects every few minutes", "Unstable connection"),
        (
            "The wifi drops every 20 minutes or so and I have to reconnect all my devices.",
            "my wifi keeps cutting out during video calls",
            "Connection is really unstable upstairs, it drops all the time.",
        ),
        (
            "The router is in the basement, if that matters.",
            "It happens on every device, phones and laptops.",
            "Started after the power cut last week.",
        ),
        (
            "Your {router} has been restarting itself because it's overheating. I've scheduled a "
            "free replacement "
            "that ships today (order {order}); in the meantime keeping it somewhere open and "
            "ventilated will help.",
            "The logs show interference on your channel. I've set the router to pick the least busy channel "
            "automatically and enabled band steering, which should stop the drops.",
        ),
        (
            "Router overheating, replacement {order} shipped.",
            "WiFi drops from interference: set auto-channel + band steering.",
            "Drops from reboot loop. Replacement {order}.",
        ),
        _CONFIRM,
        (
            "The wifi is dropping again, I spoke to someone on {prev_day} about this.",
            "Still disconnecting every few minutes even after the changes you made.",
        ),
    ),
    Topic(
        "double_charge",
        ("billing", "refund"),
        ("Charged twice", "Double charge on my card", "Billing error - {amount} twice"),
        (
            "I was charged {amount} twice this month.",
            "my bank shows two payments of {amount} to Acme on the {date}",
            "Why was I billed twice? Two charges of {amount} went out.",
        ),
        (
            "I need that money back, it's put me into my overdraft.",
            "I've attached a screenshot of the statement.",
            "This has happened before too.",
        ),
        (
            "I can see the duplicate payment of {amount} from the {date}; it was a glitch in the "
            "autopay retry. "
            "I've refunded it, and it should be back on your card within 3-5 business days "
            "(reference {ref}).",
            "You're right, the autopay ran twice on the {date}. The second charge of {amount} is refunded "
            "(reference {ref}) and I've added a note so it doesn't retry again.",
        ),
        (
            "Dup autopay {amount} on {date}, refunded ref {ref}.",
            "Refunded double charge {amount}, ref {ref}.",
            "Autopay retry bug; refund {ref} issued.",
        ),
        _CONFIRM + ("I can see the refund pending, thanks.",),
        (
            "The refund you promised on {prev_day} hasn't arrived.",
            "Still waiting on the refund for the double charge, it's been days.",
        ),
        account=True,
        disclosure=(
            "Your account {account} shows two payments of {amount} on the {date}, both from the Visa ending "
            "{last4}, and your billing address is {street}.",
            "I've pulled up {account}: the card on file ends in {last4} and I can see both {amount} charges.",
        ),
        refusal=Refusal(
            ("Can you also knock something off next month's bill for the trouble?",),
            ("Sorry, I can't help you with that.", "No, we don't do that."),
            (
                "I can't add a goodwill credit myself, but I've asked my team lead to review it and "
                "I'll email you "
                "the answer by Friday.",
            ),
        ),
    ),
    Topic(
        "price_increase",
        ("billing", "pricing"),
        ("Bill went up", "Why did my price go up?", "Price increase - not happy"),
        (
            "My bill went up from {old_price} to {amount} without any warning.",
            "why is my bill {amount} now?? it was {old_price} last month",
            "I just noticed the monthly price jumped to {amount}.",
        ),
        (
            "I've been a customer for six years.",
            "Nobody told me about this.",
            "I'm on a tight budget this year.",
        ),
        (
            "Your promotional rate ended on the {date}, which moved the plan to the standard price "
            "of {amount}. "
            "I'm sorry the reminder email didn't reach you.",
            "The change is the end of your 12-month introductory discount. The notice went out in "
            "July, but I "
            "understand it's easy to miss.",
        ),
        (
            "Promo ended {date}; explained standard rate {amount}.",
            "Price q: intro discount expired. Explained.",
            "Price query: promo expired {date}, now {amount}. Explained.",
        ),
        (
            "OK, that makes sense. Thanks for explaining.",
            "Fine, I'll take the loyalty plan. thanks",
            "Thanks, the new plan works for me.",
        ),
        ("I asked about my bill on {prev_day} and it's still showing {amount}.",),
        account=True,
        disclosure=(
            "Looking at {account}, you're on Fibre 500 at {amount} a month since the {date}, paid by "
            "autopay from "
            "the card ending {last4}.",
        ),
        refusal=Refusal(
            ("Can you just put it back to {old_price}?", "Just remove the increase please."),
            (
                "Sorry, I can't help you with that.",
                "Unfortunately that's not possible.",
                "No, prices are set by head office.",
            ),
            (
                "I can't undo the increase itself, but I can move you to our Loyalty 300 plan at "
                "{old_price}, which "
                "is plenty for streaming and working from home. Would you like me to switch you?",
            ),
        ),
    ),
    Topic(
        "autopay_card",
        ("billing", "payment"),
        ("Update card for autopay", "New card", "Payment failed"),
        (
            "My card expired and the autopay payment failed. How do I update it?",
            "got a new bank card, need to change the one on autopay",
            "I got an email saying my payment of {amount} failed.",
        ),
        (
            "I don't want my service cut off.",
            "The old card was cancelled after fraud.",
            "Can I do it over the phone?",
        ),
        (
            "I've sent a secure payment link to the email on your account; once you enter the new "
            "card there, "
            "the failed {amount} will be retried automatically.",
            "The easiest way is the Billing page in the app: Payment methods, then Add card. The "
            "failed payment "
            "retries within 24 hours and there's no late fee.",
        ),
        (
            "Sent secure pay link; failed pmt {amount} to retry.",
            "Card expired; cust to update via app. No late fee.",
            "Autopay card updated via secure link.",
        ),
        _CONFIRM + ("Done, new card added. thanks",),
        ("The payment link from {prev_day} expired before I could use it.",),
        account=True,
        disclosure=(
            "I can see on {account} that the card ending {last4} was declined for {amount} on the {date}.",
        ),
    ),
    Topic(
        "password_reset",
        ("account", "login"),
        ("Can't log in", "Password reset not working", "Locked out of my account"),
        (
            "I can't log into my account, the reset email never arrives.",
            "locked out of the app after too many tries",
            "I forgot my password and the reset link says it's expired.",
        ),
        (
            "I've checked the spam folder.",
            "I need to download my invoices for my accountant.",
            "Tried three times.",
        ),
        (
            "Your account was locked after five failed attempts; I've unlocked it and sent a fresh "
            "reset link to "
            "the email on file. It's valid for 30 minutes.",
            "The reset emails were going to an old address. I've updated it and sent a new reset link.",
        ),
        (
            "Acct unlocked, reset link resent.",
            "Reset emails to old address; updated, link resent.",
            "Login lockout cleared.",
        ),
        _CONFIRM + ("Got in, thanks!",),
        ("Still can't log in, the link you sent on {prev_day} didn't work.",),
        account=True,
        disclosure=(
            "The login on {account} is {email}, and the last sign-in was from an iPhone on the {date}.",
        ),
    ),
    Topic(
        "technician",
        ("appointment", "installation"),
        ("Technician didn't show", "Missed appointment", "Where is the engineer?"),
        (
            "I took the day off for the installation and the technician never turned up.",
            "tech was supposed to come between 8 and 12 on the {date}, nobody came",
            "We waited all morning for the engineer. No call, nothing.",
        ),
        (
            "Nobody called to say they were running late.",
            "I can't keep taking days off work.",
            "This is the second appointment.",
        ),
        (
            "The job was marked as rescheduled by mistake. I've booked the first slot available, "
            "{appt}, flagged "
            "it as priority, and the technician will call 30 minutes before arriving.",
            "I've confirmed with dispatch: your visit is now {appt}, and I've put a note on it so it "
            "can't be "
            "moved without calling you first.",
        ),
        (
            "Missed appt. Rebooked {appt}, priority flag.",
            "Tech no-show; rebooked {appt}, call-ahead on.",
            "Dispatch error. New appt {appt}.",
        ),
        (
            "Great, the technician came and we're all set up. Thanks!",
            "Thanks, see you on the new date.",
            "The engineer came today and it's working, thank you.",
        ),
        ("The rebooked appointment from {prev_day} was missed AGAIN.", "Nobody came again today."),
        refusal=Refusal(
            ("Can someone come tonight?",),
            ("No, that's not possible.", "Sorry, I can't help you with that."),
            (
                "I can't get a technician out tonight, but I've booked the earliest slot tomorrow "
                "and added a "
                "month's credit for the missed visit.",
            ),
        ),
    ),
    Topic(
        "moving",
        ("move", "account"),
        ("Moving house", "Transfer service to new address", "Moving on the {soon}"),
        (
            "We're moving on the {soon}, can I take my internet with me?",
            "need to transfer my service to a new address",
            "I'm moving to {area} next month and want to keep my plan.",
        ),
        (
            "The new place is a flat on the second floor.",
            "We need it working from day one, I work from home.",
            "Do I need a new router?",
        ),
        (
            "Good news: fibre is available at the new address. I've set the transfer for {appt}; your router "
            "comes with you, and there's no fee for the move.",
            "I've booked the move for {appt}. Service at the old address stays on until the end of "
            "that day, so "
            "you won't be without internet.",
        ),
        (
            "Move booked {appt}, fibre avail new addr, no fee.",
            "Transfer svc to new address {appt}.",
            "Move order {order} created.",
        ),
        ("Thanks, that's one less thing to worry about!", "Perfect, see you at the new place."),
        ("I moved on {prev_day} and the internet at the new place isn't working.",),
        account=True,
        disclosure=("The service address on {account} is {street}, and the plan is Fibre 500 at {amount}.",),
    ),
    Topic(
        "cancel",
        ("cancellation", "retention"),
        ("Cancel my service", "I want to cancel", "Cancellation request"),
        (
            "Please cancel my internet service at the end of this month.",
            "i want to cancel. done with the outages",
            "How do I cancel? I'm switching providers.",
        ),
        (
            "Three outages in a month is too much.",
            "The price is too high now.",
            "I'm moving in with my partner.",
        ),
        (
            "I've scheduled the cancellation for the end of your billing cycle; you'll get a prepaid "
            "box to return "
            "the router. There's no early termination fee on your plan.",
            "I've processed it; your last day of service is the {soon}. I've also credited the outage days.",
        ),
        (
            "Cancel eff. {soon}, return box sent. Reason: outages.",
            "Cancellation; offered loyalty, declined.",
            "Cancel scheduled, no ETF.",
        ),
        ("Thanks for making it easy.", "ok thank you"),
        ("I asked to cancel on {prev_day} and I've just been billed again!",),
        account=True,
        disclosure=("{account} is paid up to the {soon}, on Fibre 500 at {amount}, card ending {last4}.",),
        refusal=Refusal(
            ("Can you waive the last month's bill?",),
            ("Sorry, I can't help you with that.", "No, the last month is always billed."),
            (
                "I can't waive the last month, but I can end service on the {soon} so you're only "
                "charged for the "
                "days you use.",
            ),
        ),
    ),
    Topic(
        "upgrade",
        ("sales", "plan"),
        ("Upgrade plan", "Faster plan?", "Gig speeds available?"),
        (
            "Can I upgrade to the 1 gig plan?",
            "what faster plans do you have at {area}?",
            "We need more speed now the kids are gaming.",
        ),
        ("How much is it per month?", "Will I need new equipment?", "Is there a contract?"),
        (
            "Fibre 1000 is available at your address for {amount} a month, no contract. Your "
            "{router} supports "
            "it, so it's just a switch on our side; I can do it today.",
            "You can go to Fibre 1000 for {amount}. It'll be active within the hour and the first month is "
            "half price.",
        ),
        ("Upgraded to F1000 @ {amount}.", "Plan upgrade, active today.", "Upsell F1000, router OK."),
        ("Upgraded and it's fast! Thanks.", "Great, let's do it. Thanks!"),
        ("I upgraded on {prev_day} but speeds are the same.",),
    ),
)


STREETS = (
    "14 Birch Lane",
    "221 Harbor Way",
    "9 Elm Court",
    "77 Ridge Road",
    "3 Orchard Close",
    "56 Mill Street",
)
ROUTERS = ("AX3000 gateway", "Acme Hub 2", "XR500 router", "Acme Fibre Box")
TIMES = ("6am", "7:30", "about 9", "midnight", "5 o'clock", "noon")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def fill_slots(rng: random.Random, customer, day) -> dict[str, str]:
    """Concrete values for one conversation's slots (amounts, dates, references...)."""
    price = rng.choice((59.99, 64.99, 69.99, 79.99, 84.5, 99.0))
    past = day - timedelta(days=rng.randint(1, 12))
    soon = day + timedelta(days=rng.randint(4, 20))
    appt = day + timedelta(days=rng.randint(1, 5))
    return {
        "amount": f"${price:.2f}",
        "old_price": f"${price - rng.choice((10, 15, 20)):.2f}",
        "date": f"{_ordinal(past.day)} of {past.strftime('%B')}",
        "soon": f"{_ordinal(soon.day)} of {soon.strftime('%B')}",
        "area": customer.area[0],
        "time": rng.choice(TIMES),
        "router": rng.choice(ROUTERS),
        "paid": rng.choice(("300 Mbps", "500 Mbps", "1 Gbps")),
        "got": f"{rng.randint(4, 60)} Mbps",
        "incident": f"INC-{rng.randint(20000, 29999)}",
        "eta": rng.choice(("4pm today", "this evening", "tomorrow morning", "around 2pm")),
        "order": f"ORD-{rng.randint(40000, 49999)}",
        "ref": f"RF{rng.randint(100000, 999999)}",
        "appt": f"{appt.strftime('%B')} {appt.day}, {rng.choice(('8am-12pm', '12-4pm', '8-10am'))}",
        "account": customer.account,
        "last4": rng.choice(("4242", "1881", "0005", "5100", "7731")),
        "new4": rng.choice(("3184", "9052", "6610", "2277")),
        "street": rng.choice(STREETS),
        "email": customer.email,
    }


def fill(text: str, slots: dict[str, str]) -> str:
    return text.format(**slots)
