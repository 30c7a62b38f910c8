"""Pure rules about persons: BSN, ages, search input."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.nl import bsn as stdnum_bsn


def normalise_bsn(raw: str) -> str:
    return stdnum_bsn.compact(raw or "")


def bsn_error(raw: str) -> str:
    """A Dutch message explaining why `raw` (already compacted) is not a valid BSN, or "" if it is."""
    if not raw.isdigit():
        return gettext("Een BSN bestaat alleen uit cijfers.")
    if len(raw) not in (8, 9):
        return gettext("Een BSN heeft 9 cijfers (of 8, zonder de voorloopnul).")
    if int(raw) == 0:
        return gettext("Dit BSN klopt niet.")
    try:
        stdnum_bsn.validate(raw)
    except InvalidChecksum:
        return gettext("Dit BSN klopt niet (de elfproef faalt). Controleer de cijfers.")
    except (InvalidFormat, InvalidLength):
        return gettext("Dit BSN klopt niet.")
    return ""


def age_on(birthdate: date, today: date) -> int:
    years = today.year - birthdate.year
    if (today.month, today.day) < (birthdate.month, birthdate.day):
        years -= 1
    return years


def birthdate_error(birthdate: date, today: date) -> str:
    if birthdate > today:
        return gettext("De geboortedatum ligt in de toekomst.")
    if today.year - birthdate.year > 120:
        return gettext("De geboortedatum ligt meer dan 120 jaar terug.")
    return ""
