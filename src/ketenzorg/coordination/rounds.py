"""The worker's round as an event other apps can join without coordination knowing them.

`coordination_tick` runs the case's passes, then sends `round_finished`; an app above
coordination (the signal function computes its figures ahead) connects a receiver in its
AppConfig. A receiver returns a short text for the round's log line, or "" when it did nothing.
"""

from django.dispatch import Signal

round_finished = Signal()  # keyword arguments: today (a date, or None for today)
