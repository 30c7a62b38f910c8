"""Second-factor enrolment and verification (TOTP via django-otp)."""

from __future__ import annotations

import base64
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from ketenzorg.accounts.api_keys import api_keys_revoke_all
from ketenzorg.accounts.models import RevokedReason
from ketenzorg.audit.models import Action, Outcome
from ketenzorg.audit.services import audit_record

DEVICE_NAME = "authenticator-app"


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


ENROLMENT_SESSION_KEY = "mfa_enrolment"


def enrolment_device(request) -> TOTPDevice:
    """The device being enrolled in this session, unsaved: its secret lives in the session.

    A secret stored with the user would be the same in every session until confirmed, so a
    beheerder who knows the one-time password could open the page first and learn it. Kept
    in the session, each login gets its own secret, and a code from one session's secret
    confirms nothing in another. Only a confirmed device is saved.
    """
    state = request.session.get(ENROLMENT_SESSION_KEY)
    if not state or state.get("user") != request.user.pk:
        state = {"user": request.user.pk, "key": random_hex(20), "failures": 0, "failed_at": None}
        request.session[ENROLMENT_SESSION_KEY] = state
    return TOTPDevice(user=request.user, name=DEVICE_NAME, key=state["key"], confirmed=False)


def device_secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


THROTTLED = gettext_lazy(
    "Te veel onjuiste codes achter elkaar. Wacht een paar seconden en probeer het daarna opnieuw."
)


def _normalised(token: str) -> str | None:
    token = (token or "").strip().replace(" ", "")
    return token if token.isdigit() and len(token) == 6 else None


def _verify(device: TOTPDevice, token: str) -> bool:
    token = _normalised(token)
    if token is None:
        return False
    allowed, _ = device.verify_is_allowed()
    return bool(allowed) and device.verify_token(token)


def _already_used(device: TOTPDevice, token: str) -> bool:
    """The right code, refused because it was accepted before.

    django-otp accepts each time step once (`last_t`): someone who logs in again
    within the same 30 seconds types a correct code and would otherwise be told it
    is wrong. Called only after `_verify` refused, so a match here lies at or before
    `last_t`.
    """
    token = _normalised(token)
    if token is None or device.last_t < 0:
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return totp.verify(int(token), device.tolerance)


def _second_factor_passed(request, device) -> None:
    """A new session id once the second factor is passed, not only after the password: an id
    that someone saw (or planted) before the code was typed opens nothing afterwards."""
    request.session.cycle_key()
    otp_login(request, device)


def _enrolment_throttled(state: dict) -> bool:
    """django-otp's throttle (1, 2, 4, 8 … seconds after each wrong code), kept in the session
    beside the secret it protects: the device it would live on is not saved yet, and a new
    session brings a new secret, so guessing cannot carry over from one session to another."""
    failures, failed_at = state.get("failures", 0), state.get("failed_at")
    if not failures or failed_at is None:
        return False
    factor = getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)
    return time.time() - failed_at < min(factor * 2 ** (failures - 1), 365 * 24 * 3600)


def _matching_step(device: TOTPDevice, token: str) -> int | None:
    """The time step the code belongs to, None if it does not match."""
    token = _normalised(token)
    if token is None:
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return totp.t() if totp.verify(int(token), device.tolerance) else None


def mfa_enrol_confirm(*, request, token: str) -> tuple[bool, str]:
    """Confirm this session's new device with its first code; returns (ok, Dutch message)."""
    user = request.user
    device = enrolment_device(request)
    state = request.session[ENROLMENT_SESSION_KEY]
    throttled = _enrolment_throttled(state)
    step = None if throttled else _matching_step(device, token)
    audit_record(
        actor=user,
        action=Action.MFA,
        outcome=Outcome.SUCCESS if step is not None else Outcome.FAILURE,
        reason="inschrijven",
    )
    if step is None:
        if not throttled:
            state["failures"], state["failed_at"] = state.get("failures", 0) + 1, time.time()
            request.session.modified = True
        return False, str(THROTTLED) if throttled else gettext(
            "Deze code klopt niet. Scan de QR-code opnieuw of typ de sleutel over, en probeer de nieuwe code."
        )
    with transaction.atomic():
        # Two sessions confirming at once would leave two devices: the second one waits here.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if has_confirmed_device(user):
            return False, gettext(
                "Er is intussen al een tweede factor ingesteld voor dit account. Log opnieuw in."
            )
        device.confirmed, device.last_t = True, step
        device.save()
        # Unconfirmed devices of the time the secret was kept with the user.
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    del request.session[ENROLMENT_SESSION_KEY]
    _second_factor_passed(request, device)
    return True, ""


def mfa_verify(*, request, token: str) -> tuple[bool, str]:
    """Check a code against the user's confirmed devices; returns (ok, Dutch message)."""
    user = request.user
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    throttled = bool(devices) and all(not d.verify_is_allowed()[0] for d in devices)
    used = False
    for device in devices:
        allowed, info = device.verify_is_allowed()
        if not allowed:
            continue
        if _verify(device, token):
            _second_factor_passed(request, device)
            audit_record(actor=user, action=Action.MFA, reason="verificatie")
            return True, ""
        used = used or _already_used(device, token)
    audit_record(actor=user, action=Action.MFA, outcome=Outcome.FAILURE, reason="verificatie")
    if throttled:
        return False, str(THROTTLED)
    if used:
        return False, gettext(
            "Deze code is al gebruikt. Een code geldt maar één keer: wacht op de volgende code in uw "
            "authenticator-app (die verschijnt binnen 30 seconden)."
        )
    return False, gettext(
        "Deze code klopt niet. Controleer de zes cijfers in uw authenticator-app; de code verandert elke 30 seconden."
    )


@transaction.atomic
def password_changed(*, user) -> None:
    """The user chose their own password: the one-time password no longer applies, and no API
    key made under the old password keeps working (whoever knew it may have made one)."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    audit_record(
        actor=user,
        action=Action.UPDATE,
        object_type="accounts.User",
        object_uuid=user.uuid,
        reason="wachtwoord gewijzigd",
    )
    api_keys_revoke_all(user=user, actor=user, reason=RevokedReason.PASSWORD_CHANGED)
