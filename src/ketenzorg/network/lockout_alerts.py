"""When an account is locked across addresses: the access log, the functioneel beheerders, the user.

`accounts.lockout` decides the lock but sits below the network and cannot know who holds
which role; it sends `account_locked` once per lock and this module answers it. Twenty
wrong passwords from several addresses is someone guessing, not a typing colleague: the
beheerders can lift the lock or reset the password, and the user learns that their account
is being tried (and to tell the beheerder if it was not them).

An unknown username is logged (the try is a fact) but mails nobody: there is no user to
tell, and a mail per made-up name would let anyone flood the beheerders.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext

from ketenzorg.access import door, rules
from ketenzorg.audit.models import Action
from ketenzorg.network.models import Professional

logger = logging.getLogger(__name__)


def _minutes(delta) -> int:
    return int(delta.total_seconds() // 60)


def _beheerder_addresses() -> list[str]:
    return sorted(
        set(
            Professional.objects.filter(
                is_active=True, role_assignments__role__in=rules.NETWORK_ADMIN_ROLES
            ).values_list("email", flat=True)
        )
        - {""}
    )


def _user_address(user) -> str:
    professional = Professional.objects.filter(user=user).only("email").first()
    return (professional.email if professional else "") or user.email


def _send(subject: str, body: str, to: list[str]) -> None:
    if not to:
        return
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    except Exception:  # the lock stands; a failing mail server is logged, not a 500
        logger.exception("accountblokkade niet gemeld")


def on_account_locked(sender, *, username: str, user, failures: int, addresses: int, **kwargs):
    window = _minutes(settings.KETENZORG_ACCOUNT_FAILURE_WINDOW)
    cooloff = _minutes(settings.AXES_COOLOFF_TIME)
    door.log_blocked(
        user,
        action=Action.LOGIN,
        object_type="accounts.User",
        reason=(
            f"account {cooloff} minuten geblokkeerd: {failures} mislukte inlogpogingen in "
            f"{window} minuten vanaf {addresses} adres(sen)"
            + ("" if user is not None else "; gebruikersnaam bestaat niet")
        ),
    )
    if user is None:
        return
    values = {
        "username": user.get_username(),
        "failures": failures,
        "window": window,
        "addresses": addresses,
        "cooloff": cooloff,
    }
    to_beheer = (
        gettext("ketenzorg: account %(username)s geblokkeerd") % values,
        gettext(
            "Voor het account %(username)s is %(failures)s keer een onjuist wachtwoord ingevuld "
            "binnen %(window)s minuten, vanaf %(addresses)s verschillende adressen. Het account is "
            "daarom %(cooloff)s minuten geblokkeerd, vanaf elk adres.\n\nDit kan erop wijzen dat "
            "iemand het wachtwoord probeert te raden. Neem contact op met de gebruiker; het "
            "toegangslog toont de pogingen."
        )
        % values,
    )
    to_user = (
        gettext("ketenzorg: uw account is tijdelijk geblokkeerd"),
        gettext(
            "Voor uw account %(username)s is %(failures)s keer een onjuist wachtwoord ingevuld "
            "binnen %(window)s minuten. Uw account is daarom %(cooloff)s minuten geblokkeerd.\n\n"
            "Was u dit niet? Neem dan contact op met de functioneel beheerder en kies daarna een "
            "nieuw wachtwoord."
        )
        % values,
    )
    beheerders = _beheerder_addresses()
    user_address = _user_address(user)

    def mail():
        _send(*to_beheer, beheerders)
        _send(*to_user, [user_address] if user_address else [])

    transaction.on_commit(mail)
