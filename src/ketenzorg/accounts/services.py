"""Second-factor enrolment and verification (TOTP via django-otp)."""

from __future__ import annotations

import base64

from django.db import transaction
from django.utils.translation import gettext, gettext_lazy
from django_otp import login as otp_login
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


def _verify(device: TOTPDevice, token: str) -> bool:
    token = (token or "").strip().replace(" ", "")
    if not token.isdigit() or len(token) != 6:
        return False
    allowed, _ = device.verify_is_allowed()
    return bool(allowed) and device.verify_token(token)


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
    otp_login(request, device)
    return True, ""


def mfa_verify(*, request, token: str) -> tuple[bool, str]:
    """Check a code against the user's confirmed devices; returns (ok, Dutch message)."""
    user = request.user
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    throttled = bool(devices) and all(not d.verify_is_allowed()[0] for d in devices)
    for device in devices:
        allowed, info = device.verify_is_allowed()
        if not allowed:
            continue
        if _verify(device, token):
            otp_login(request, device)
            audit_record(actor=user, action=Action.MFA, reason="verificatie")
            return True, ""
    audit_record(actor=user, action=Action.MFA, outcome=Outcome.FAILURE, reason="verificatie")
    if throttled:
        return False, str(THROTTLED)
    return False, gettext(
        "Deze code klopt niet. Controleer de zes cijfers in uw authenticator-app; de code verandert elke 30 seconden."
    )


def password_changed(*, user) -> None:
    """The user chose their own password: the one-time password no longer applies."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    audit_record(actor=user, action=Action.UPDATE, object_type="accounts.User", object_uuid=user.uuid, reason="wachtwoord gewijzigd")
