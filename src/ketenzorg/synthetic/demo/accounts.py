"""The demo accounts' published secrets, and the table `ketenzorg demo` prints of them."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenzorg.network.models import Role
from ketenzorg.synthetic.demo.city import ACCOUNTS, CITY_NAME, DEMO_DEVICE_NAME, DEMO_PASSWORD


def totp_key_for(username: str) -> str:
    """A fixed 20-byte TOTP key per demo user, so the secret printed on every run stays valid."""
    return hashlib.sha256(f"ketenzorg-demo-totp:{username}".encode()).hexdigest()[:40]


def base32_secret(hex_key: str) -> str:
    """The form an authenticator app asks for."""
    return base64.b32encode(bytes.fromhex(hex_key)).decode("ascii").rstrip("=")


def may_load_demo() -> bool:
    """Never on a real deployment: the demo accounts' password and second factor are public."""
    from ketenzorg import settings as base_settings

    return settings.SECRET_KEY == base_settings.DEMO_SECRET_KEY


@dataclass
class AccountRow:
    role_label: str
    username: str
    password: str
    secret: str


def account_rows() -> list[AccountRow]:
    """What the table shows, read from the database so it says what really is there."""
    labels = {value: str(label) for value, label in Role.choices}
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[a.username for a in ACCOUNTS])
    }
    devices = {
        d.user_id: d
        for d in TOTPDevice.objects.filter(
            user__in=users.values(), name=DEMO_DEVICE_NAME, confirmed=True
        )
    }
    rows = []
    for account in ACCOUNTS:
        user = users.get(account.username)
        device = devices.get(user.pk) if user else None
        rows.append(
            AccountRow(
                role_label=labels[account.role],
                username=account.username if user else f"{account.username} (ontbreekt)",
                password=DEMO_PASSWORD if user else "",
                secret=base32_secret(device.key) if device else "",
            )
        )
    return rows


def accounts_table() -> str:
    rows = account_rows()
    headers = ("rol", "gebruikersnaam", "wachtwoord", "TOTP-geheim (base32)")
    cells = [(r.role_label, r.username, r.password, r.secret) for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]

    def line(values):
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [
        f"Demo-accounts van {CITY_NAME} (één per rol; alle gegevens zijn verzonnen):",
        "",
        line(headers),
        line(["-" * w for w in widths]),
        *(line(c) for c in cells),
        "",
        "Tweede factor: voer het TOTP-geheim in een authenticator-app in, of toon de huidige",
        "code van zes cijfers met:  .venv/bin/ketenzorg totp_code <gebruikersnaam>",
        "Ouders en jongeren hebben geen account nodig: de openbare pagina's staan op /.",
    ]
    return "\n".join(out)
