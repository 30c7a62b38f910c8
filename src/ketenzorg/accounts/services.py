"""Second-factor enrolment and verification (TOTP via django-otp)."""

from __future__ import annotations

import base64
import time

from django.db import transaction
from django.utils.translation import gettext, gettext_lazy
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenzorg.audit.models import Action, Outcome
from ketenzorg.audit.services import audit_record

DEVICE_NAME = "authenticator-app"


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (one per user, made on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


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


def mfa_enrol_confirm(*, request, token: str) -> tuple[bool, str]:
    """Confirm the new device with its first code; returns (ok, Dutch message)."""
    user = request.user
    device = pending_device(user)
    throttled = not device.verify_is_allowed()[0]
    ok = _verify(device, token)
    audit_record(actor=user, action=Action.MFA, outcome=Outcome.SUCCESS if ok else Outcome.FAILURE, reason="inschrijven")
    if not ok:
        return False, str(THROTTLED) if throttled else gettext(
            "Deze code klopt niet. Scan de QR-code opnieuw of typ de sleutel over, en probeer de nieuwe code."
        )
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
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


def password_changed(*, user) -> None:
    """The user chose their own password: the one-time password no longer applies."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    audit_record(actor=user, action=Action.UPDATE, object_type="accounts.User", object_uuid=user.uuid, reason="wachtwoord gewijzigd")
