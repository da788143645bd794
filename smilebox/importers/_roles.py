"""How each help desk names its channels, statuses and authors, mapped onto Smilebox's few words.

Kept in one table per vendor so a reviewer can compare them side by side and a new value is a one-line
change. Unknown channels become "other" and unknown statuses None (kept out of status reports rather
than guessed).
"""

from __future__ import annotations

# Zendesk ``via.channel`` (tickets and comments) -----------------------------------------------------
ZENDESK_CHANNELS = {
    "email": "email",
    "web": "email",
    "web_form": "email",
    "mobile_sdk": "chat",
    "mobile": "chat",
    "api": "other",
    "rule": "other",
    "system": "other",
    "sample_ticket": "other",
    "chat": "chat",
    "native_messaging": "chat",
    "messaging": "chat",
    "chat_transcript": "chat",
    "voice": "phone",
    "phone": "phone",
    "phone_call_inbound": "phone",
    "phone_call_outbound": "phone",
    "twitter": "social",
    "facebook": "social",
    "instagram_dm": "social",
    "whatsapp": "sms",
    "sms": "sms",
    "any_channel": "other",
    "line": "chat",
    "wechat": "chat",
    "telegram": "chat",
}
ZENDESK_STATUSES = {s: s for s in ("new", "open", "pending", "hold", "solved", "closed")} | {
    "deleted": "closed"
}
#: users[].role -> message role
ZENDESK_USER_ROLES = {"end-user": "customer", "end_user": "customer", "agent": "agent", "admin": "agent"}

# Help Scout --------------------------------------------------------------------------------------
HELPSCOUT_CHANNELS = {"email": "email", "chat": "chat", "phone": "phone", "messaging": "chat", "sms": "sms"}
HELPSCOUT_STATUSES = {
    "active": "open",
    "open": "open",
    "pending": "pending",
    "closed": "closed",
    "spam": "closed",
}
#: thread type -> (role, internal); chat and phone threads take their role from ``createdBy.type``
HELPSCOUT_THREADS = {
    "customer": ("customer", False),
    "message": ("agent", False),
    "reply": ("agent", False),
    "note": ("agent", True),
    "lineitem": ("system", True),
    "forwardparent": ("agent", True),
    "forwardchild": ("agent", True),
    "beaconchat": ("customer", False),
}

# Freshdesk (integers in API v2) ----------------------------------------------------------------
FRESHDESK_STATUSES = {2: "open", 3: "pending", 4: "solved", 5: "closed", 6: "hold", 7: "hold"}
FRESHDESK_SOURCES = {
    1: "email",
    2: "email",
    3: "phone",
    5: "social",
    6: "social",
    7: "chat",
    8: "chat",
    9: "email",
    10: "email",
    11: "other",
    12: "chat",
    13: "chat",
}

# Intercom --------------------------------------------------------------------------------------
INTERCOM_AUTHORS = {
    "user": "customer",
    "lead": "customer",
    "contact": "customer",
    "admin": "agent",
    "team": "agent",
    "bot": "bot",
    "operator": "bot",
}
INTERCOM_STATES = {"open": "open", "closed": "closed", "snoozed": "pending"}
INTERCOM_CHANNELS = {
    "conversation": "chat",
    "chat": "chat",
    "email": "email",
    "push": "other",
    "facebook": "social",
    "twitter": "social",
    "instagram": "social",
    "whatsapp": "sms",
    "sms": "sms",
    "phone_call": "phone",
    "phone": "phone",
}

# Front -----------------------------------------------------------------------------------------
FRONT_STATUSES = {
    "archived": "closed",
    "deleted": "closed",
    "unassigned": "open",
    "assigned": "open",
    "open": "open",
    "waiting": "pending",
    "resolved": "solved",
}
FRONT_CHANNELS = {
    "email": "email",
    "custom": "other",
    "sms": "sms",
    "whatsapp": "sms",
    "front_chat": "chat",
    "intercom": "chat",
    "smooch": "chat",
    "call": "phone",
    "tweet": "social",
    "twitter": "social",
    "facebook": "social",
    "instagram": "social",
    "googleplay": "social",
}
