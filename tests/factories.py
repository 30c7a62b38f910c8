"""Test data built the way the product builds it: real models, real services."""

from __future__ import annotations

import itertools
from datetime import date

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenzorg.accounts import sessions
from ketenzorg.families import services as family_services
from ketenzorg.families.services import MemberInput
from ketenzorg.network.models import (
    District,
    DistrictKind,
    Organisation,
    OrganisationKind,
    Professional,
    RoleAssignment,
)

_counter = itertools.count(1)
PASSWORD = "proef-wachtwoord-2026!"


def make_district(name=None, kind=DistrictKind.STADSDEEL, parent=None) -> District:
    return District.objects.create(
        name=name or f"Proefwijk {next(_counter)}", kind=kind, parent=parent
    )


def make_organisation(name=None, kind=OrganisationKind.OKT, domains=("zorg",)) -> Organisation:
    return Organisation.objects.create(
        name=name or f"Proeforganisatie {next(_counter)}", kind=kind, domains=list(domains)
    )


def make_user(username=None, *, password=PASSWORD, with_device=True, **extra):
    n = next(_counter)
    user = get_user_model().objects.create_user(
        username=username or f"proefgebruiker{n}",
        password=password,
        first_name="Proef",
        last_name=f"Gebruiker{n}",
        **extra,
    )
    if with_device:
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


def make_professional(*roles, organisation=None, username=None, user=True) -> Professional:
    n = next(_counter)
    account = make_user(username) if user else None
    professional = Professional.objects.create(
        user=account,
        first_name="Proef",
        last_name=f"Professional{n}",
        email=f"proef{n}@voorbeeld.invalid",
        organisation=organisation or make_organisation(),
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(professional=professional, role=r) for r in roles
    )
    return professional


def member(
    given="Kim", family="Proefmans", born=date(2015, 5, 1), role="kind", bsn="", authority=False
) -> MemberInput:
    return MemberInput(
        given_name=given,
        family_name=family,
        birthdate=born,
        role=role,
        bsn=bsn,
        has_parental_authority=authority,
    )


def register_family(professional: Professional, name="Gezin Proefmans", members=None, **kwargs):
    """Register through the real service, so the professional becomes involved."""
    return family_services.family_register(
        actor=professional.user,
        name=name,
        members=members
        or [member(), member("Sam", role="ouder", born=date(1985, 3, 2), authority=True)],
        **kwargs,
    )


def make_api_key(user, *, read_only=False, lifetime_days=90, label="proefsleutel") -> str:
    """A key made through the real service; returns the whole key, as the page shows it once."""
    from ketenzorg.accounts.api_keys import api_key_create

    return api_key_create(
        actor=user, label=label, lifetime_days=lifetime_days, read_only=read_only
    ).secret


def verified_login(client, user):
    """Log in and pass the second factor, as a real session would after TOTP."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(
        user=user, confirmed=True
    ).first() or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session[sessions.RENEWED_KEY] = sessions._now()  # as the middleware leaves a fresh login
    session[sessions.STARTED_KEY], session[sessions.STARTED_FOR_KEY] = sessions._now(), user.pk
    session.save()
    return client
