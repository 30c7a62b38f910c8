"""The menu: which apps this user may reach. It names every app, so it lives at the site level."""

import functools
import inspect
from collections.abc import Callable

from django.db.models import Exists
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access import aanbod as aanbod_access
from ketenzorg.access import frontdoor as frontdoor_access
from ketenzorg.access import policy
from ketenzorg.core.prepared import PreparedQuery
from ketenzorg.network.models import Professional
from ketenzorg.signaal.menu import signal_function_flag
from ketenzorg.verwijzing.menu_inbox import shows_referral_inbox
from ketenzorg.verwijzing.menu_provider import shows_provider_referrals
from ketenzorg.werkproces.menu import my_consultations_flag
from ketenzorg.werkproces.menu_gkp import shows_gkp_overleg

Question = Callable[..., Exists]  # of nothing, or of now for a question that changes in time


@functools.cache
def _menu_query(questions: tuple[tuple[str, Question], ...]) -> tuple[PreparedQuery, bool]:
    """The menu's open questions for one row, compiled once per set of questions (an app's
    question is a module-level function, so the sets are few); and whether it takes now."""
    takes_now = {name: bool(inspect.signature(question).parameters) for name, question in questions}

    def build(professional_id, *now):
        return (
            Professional.objects.filter(pk=professional_id)
            .annotate(**{name: question(*now) if takes_now[name] else question()
                         for name, question in questions})
            .values(*takes_now)[:1]
        )  # fmt: skip

    return PreparedQuery(build, name="the menu's questions"), any(takes_now.values())


def _answered(professional, flags: dict[str, bool | Question]) -> dict[str, bool]:
    """The menu's questions about a professional's own rows, in one query on theirs.

    The menu is on every page: one round trip for all the apps that have to look,
    rather than one each.
    """
    pending = tuple((name, flag) for name, flag in flags.items() if not isinstance(flag, bool))
    answers = {}
    if pending:
        query, timed = _menu_query(pending)
        answers = query.first(professional.pk, *((timezone.now(),) if timed else ())) or {}
    return {name: bool(answers.get(name, flag)) for name, flag in flags.items()}


def navigation(request):
    """Which menu items this user sees; the pages themselves check again."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return {"nav_items": []}
    items = [("core:home", gettext("Werkplek"))]
    professional = policy.professional_of(user)
    flags = {}
    if professional is not None:
        flags = {
            "consultations": my_consultations_flag(professional),
            "signal": signal_function_flag(professional),
        }
    shown = _answered(professional, flags)
    if policy.client_professional_of(user) is not None:
        items.append(("coordination:dashboard", gettext("Casussen")))
        items.append(("families:list", gettext("Gezinnen")))
    if shown.get("consultations"):
        items.append(("werkproces:my_consultations", gettext("Mijn consultaties")))
    if shows_gkp_overleg(user):
        items.append(("werkproces:gkp_meetings", gettext("GKP-overleg")))
    provider, inbox = shows_provider_referrals(user), shows_referral_inbox(user)
    if provider:
        # Someone who is both AJH-verbinder and a provider's staff sees two lists: say which.
        label = gettext("Verwijzingen (aanbieder)") if inbox else gettext("Verwijzingen")
        items.append(("verwijzing:provider_list", label))
    if inbox:
        label = gettext("Verwijzingen (gebiedsknooppunt)") if provider else gettext("Verwijzingen")
        items.append(("verwijzing:inbox", label))
    if shown.get("signal"):
        items.append(("signaal:overview", gettext("Signaalfunctie")))
    if professional is not None:
        items.append(("network:directory", gettext("Sociale kaart")))
    if frontdoor_access.adviser_of(user) is not None:
        items.append(("frontdoor:queue", gettext("Informatie en advies")))
    if frontdoor_access.can_manage_frontdoor(user):
        items.append(("frontdoor:manage", gettext("Beheer informatie en advies")))
    if aanbod_access.can_maintain_catalogue(user):
        items.append(("aanbod_beheer:list", gettext("Aanbod beheren")))
    if policy.can_manage_network(user):
        items.append(("network:index", gettext("Netwerkbeheer")))
    if policy.can_read_access_log(user):
        items.append(("audit:index", gettext("Toegangslog")))
        items.append(("audit:emergency_list", gettext("Noodtoegang")))
    items.append(("glossary:index", gettext("Begrippen")))
    return {"nav_items": items}
