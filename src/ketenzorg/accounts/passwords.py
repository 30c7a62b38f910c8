"""Refuse passwords that are known from breaches, from a list shipped with the product.

A password that appeared in a breach is the first one an attacker tries, however long it
is; NIST SP 800-63B asks to refuse them. There is no online look-up (the product runs
where nothing outside may be reached, and a look-up would send a piece of every new
password's hash away): the list is `data/breached-passwords.txt.gz`, its sources and
licences in `data/README.md`, rebuilt by `data/rebuild.py`.

People lengthen a known password by typing digits or punctuation after it ("welkom2024!"),
and those variants are the next guesses of any cracking tool; so the password is also
refused when what remains after removing such an ending is on the list (at least
`MIN_STEM` characters, so that "abc" does not forbid every password that starts with it).
"""

from __future__ import annotations

import functools
import gzip
import string
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record

LIST_PATH = Path(__file__).resolve().parent / "data" / "breached-passwords.txt.gz"
MIN_STEM = 4
_ENDING = string.digits + string.punctuation + " "


@functools.cache
def breached_passwords() -> frozenset[str]:
    """The list, read once per process (about 50 000 entries, a few megabytes in memory)."""
    with gzip.open(LIST_PATH, "rt", encoding="utf-8") as handle:
        return frozenset(line.rstrip("\n") for line in handle if line.strip())


def _normalised(password: str) -> str:
    return password.strip().lower()


def is_breached(password: str) -> bool:
    """On the list, as typed or without an ending of digits and punctuation (case ignored)."""
    known = breached_passwords()
    candidate = _normalised(password)
    if candidate in known:
        return True
    stem = candidate.rstrip(_ENDING)
    return stem != candidate and len(stem) >= MIN_STEM and stem in known


class BreachedPasswordValidator:
    """For AUTH_PASSWORD_VALIDATORS: every form that sets a password chosen by a person."""

    def validate(self, password, user=None):
        if is_breached(password):
            raise ValidationError(
                _(
                    "Dit wachtwoord komt voor in een lijst van gelekte wachtwoorden (eventueel "
                    "met cijfers of leestekens erachter). Kies een ander wachtwoord."
                ),
                code="password_breached",
            )

    def get_help_text(self):
        return _("Uw wachtwoord mag niet voorkomen in een lijst van gelekte wachtwoorden.")


# Set at login when the password just accepted is on the list; the password page says why.
SESSION_BREACHED = "ketenzorg_password_breached"


def require_new_password_if_breached(*, user, password: str, request=None) -> bool:
    """After a login with a password on the list: the user must choose another first.

    The list grows after passwords were chosen; the login is the one moment the password is
    known in clear. The same flag as a one-time password, so the same wall holds (screens and
    API). Returns whether the flag was set.
    """
    if user.must_change_password or not is_breached(password):
        return False
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    audit_record(
        actor=user,
        action=Action.UPDATE,
        object_type="accounts.User",
        object_uuid=user.uuid,
        reason="wachtwoord staat op de lijst van gelekte wachtwoorden: nieuw wachtwoord verplicht",
    )
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_BREACHED] = True
    return True
