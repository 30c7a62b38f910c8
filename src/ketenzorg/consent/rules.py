"""Who must consent, and whether a set of givers is enough: the Jeugdwet/WGBO age rules, pure.

Under 12 the parents with authority decide; from 12 to 16 the child and the parents with
authority together; from 16 the youth alone. A parent without authority never consents
for the child. The rule is asked at the moment of sharing, not only when consent was
recorded: on the 12th birthday the child gets a say of their own, so consent the parents
gave alone no longer covers a share; on the 16th the youth decides alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_noop

from ketenzorg.families.rules import age_on

CHILD_SAYS_FROM = 12
ALONE_FROM = 16


@dataclass(frozen=True)
class Parent:
    person_id: int
    has_authority: bool


@dataclass(frozen=True)
class Requirement:
    """Everyone listed must consent: the child themselves (`child`) and these parents."""

    child: bool
    parents: frozenset[int]

    @property
    def possible(self) -> bool:
        """Nobody can consent (a young child without a parent with authority): a court matter."""
        return self.child or bool(self.parents)


def who_must_consent(
    child_birthdate: date, parents: Iterable[Parent], on_date: date
) -> Requirement:
    age = age_on(child_birthdate, on_date)
    with_authority = frozenset(p.person_id for p in parents if p.has_authority)
    if age >= ALONE_FROM:
        return Requirement(child=True, parents=frozenset())
    if age >= CHILD_SAYS_FROM:
        return Requirement(child=True, parents=with_authority)
    return Requirement(child=False, parents=with_authority)


def satisfied(
    requirement: Requirement, *, child_consented: bool, parent_ids: Iterable[int]
) -> bool:
    if not requirement.possible:
        return False
    if requirement.child and not child_consented:
        return False
    return requirement.parents <= frozenset(parent_ids)


MISSING_CHILD = gettext_noop("Vanaf 12 jaar geeft het kind zelf ook toestemming.")
MISSING_PARENTS = gettext_noop(
    "Alle ouders met gezag geven toestemming (voor een kind onder de 16)."
)
NO_ONE = gettext_noop(
    "Voor dit kind kan niemand in het gezin toestemming geven: er is geen ouder met gezag."
)
CHILD_TOO_YOUNG = gettext_noop(
    "Een kind onder de 12 geeft zelf geen toestemming; de ouders met gezag wel."
)
NO_AUTHORITY = gettext_noop("Een ouder zonder gezag kan geen toestemming geven voor het kind.")
YOUTH_ALONE = gettext_noop(
    "Vanaf 16 jaar beslist de jongere alleen; de ouders geven geen toestemming."
)


def givers_problem(
    requirement: Requirement,
    *,
    child_consented: bool,
    parent_ids: Iterable[int],
    parents_without_authority: Iterable[int] = (),
) -> str | None:
    """Why these givers are not the right ones (a Dutch msgid), or None when they are."""
    given = frozenset(parent_ids)
    if not requirement.possible:
        return NO_ONE
    if given & frozenset(parents_without_authority):
        return NO_AUTHORITY
    if child_consented and not requirement.child:
        return CHILD_TOO_YOUNG
    if given and not requirement.parents and requirement.child:
        return YOUTH_ALONE
    if requirement.child and not child_consented:
        return MISSING_CHILD
    if not requirement.parents <= given:
        return MISSING_PARENTS
    return None


def parts_covered(consented: Iterable[str], requested: Iterable[str]) -> bool:
    """A share may use only parts the consent names; an empty request shares nothing."""
    return frozenset(requested) <= frozenset(consented)
