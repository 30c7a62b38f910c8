"""For the tests that pin a page's queries (issue 17): what one access-log entry costs here.

The chain head is locked and read first (the entry's hash needs the last one); then on
PostgreSQL the entry, its subjects and the head's step are one statement, on SQLite three.
The savepoint and its release around them are counted by the pages' own numbers.
"""

from __future__ import annotations

from django.db import connection

LOG_ENTRY = 2 if connection.vendor == "postgresql" else 4
# An entry that names no person (a figure of the signal function): SQLite has no subjects
# to insert.
LOG_ENTRY_WITHOUT_SUBJECTS = 2 if connection.vendor == "postgresql" else 3
