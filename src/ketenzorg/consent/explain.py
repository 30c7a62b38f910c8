"""Who must consent today, per child, in plain Dutch: the age rules of `consent.rules` told
to the professional before they ask the family, so nobody has to remember the ages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext

from ketenzorg.consent import rules
from ketenzorg.consent.selectors import CHILD_ROLES
from ketenzorg.families.models import Family, Person
from ketenzorg.families.rules import age_on


@dataclass(frozen=True)
class ChildRule:
    child: Person
    age: int
    text: str


def _names(people) -> str:
    return ", ".join(p.full_name for p in people)


def who_must_consent_today(family: Family, members: list[Person], today: date) -> list[ChildRule]:
    """One sentence per child of the family (`members` as the guarded selector gave them)."""
    parents = [m for m in members if m.role not in CHILD_ROLES]
    by_id = {p.pk: p for p in parents}
    found = []
    for child in (m for m in members if m.role in CHILD_ROLES):
        age = age_on(child.birthdate, today)
        requirement = rules.who_must_consent(
            child.birthdate, [rules.Parent(p.pk, p.has_parental_authority) for p in parents], today
        )
        deciders = [by_id[pk] for pk in sorted(requirement.parents)]
        values = {"child": child.given_name, "parents": _names(deciders)}
        if not requirement.possible:
            text = gettext(
                "Niemand in het gezin kan toestemming geven: er is geen ouder met gezag."
            )
        elif age >= rules.ALONE_FROM:
            text = (
                gettext(
                    "%(child)s is 16 of ouder en beslist zelf; de ouders geven geen toestemming."
                )
                % values
            )
        elif age >= rules.CHILD_SAYS_FROM and not deciders:
            text = (
                gettext(
                    "%(child)s is 12 of ouder en geeft zelf toestemming; er is geen ouder met gezag."
                )
                % values
            )
        elif age >= rules.CHILD_SAYS_FROM:
            text = (
                gettext(
                    "%(child)s is 12 of ouder: %(child)s geeft zelf toestemming, en ook de ouders "
                    "met gezag (%(parents)s)."
                )
                % values
            )
        else:
            text = (
                gettext(
                    "%(child)s is jonger dan 12: de ouders met gezag geven toestemming (%(parents)s)."
                )
                % values
            )
        found.append(ChildRule(child=child, age=age, text=text))
    return found


def without_authority(members: list[Person]) -> list[Person]:
    """Parents and carers who cannot consent for a child: they have no parental authority."""
    return [m for m in members if m.role not in CHILD_ROLES and not m.has_parental_authority]
