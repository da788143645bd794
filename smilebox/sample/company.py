"""The fictional company behind the sample data, in one place so text, rosters and tests agree."""

COMPANY_NAME = "Acme Home Internet"
SHORT_NAME = "Acme"
EMAIL_DOMAIN = "acmehome.test"
SUPPORT_EMAIL = f"help@{EMAIL_DOMAIN}"
SOCIAL_HANDLE = "@AcmeHomeHelp"
BOT_NAME = "Ace"
