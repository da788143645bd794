"""Service recovery: every piece of bad feedback opens a case that is followed until it is closed.

- ``cases``: open (idempotent), find, advance through the playbook, close with outcome and Boost.
- ``playbooks``: the five-step and L.A.M.B. playbooks.
- ``routing``: who owns a case (the agent's lead, a rule, the default owner).
- ``reminders``: due and overdue cases, emailed to their owners over SMTP.
- ``insights``: recurring root causes by period.
"""
