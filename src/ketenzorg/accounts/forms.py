from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.accounts.api_keys import DEFAULT_LIFETIME, LIFETIMES
from ketenzorg.accounts.passwords import require_new_password_if_breached


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Deze combinatie van gebruikersnaam en wachtwoord klopt niet. Na vijf pogingen wordt het account tijdelijk geblokkeerd."
        ),
        "inactive": _("Dit account is niet actief."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")

    def clean(self):
        cleaned = super().clean()  # raises when a given password is wrong
        user = self.get_user()  # None when a field was left empty (its own error says so)
        if user is not None:
            require_new_password_if_breached(
                user=user, password=cleaned.get("password") or "", request=self.request
            )
        return cleaned


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit de authenticator-app"),
        max_length=8,
        help_text=_("Zes cijfers."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )


def _lifetimes():
    # A callable, so the labels are translated per request, not once at import.
    return [(days, gettext("%(days)s dagen") % {"days": days}) for days in LIFETIMES]


class ApiKeyForm(forms.Form):
    label = forms.CharField(
        label=_("Naam van de sleutel"),
        max_length=100,
        help_text=_("Waarvoor u hem gebruikt, bijvoorbeeld het koppelscript van uw team."),
    )
    lifetime = forms.TypedChoiceField(
        label=_("Geldig voor"),
        coerce=int,
        choices=_lifetimes,
        initial=DEFAULT_LIFETIME,
    )
    read_only = forms.BooleanField(
        label=_("Alleen lezen"),
        required=False,
        help_text=_("Met deze sleutel kan niets worden gewijzigd; zoeken en inzien mag wel."),
    )
