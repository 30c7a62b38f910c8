from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

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
        cleaned = super().clean()  # raises unless the password was right
        require_new_password_if_breached(
            user=self.get_user(), password=cleaned.get("password") or "", request=self.request
        )
        return cleaned


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit de authenticator-app"),
        max_length=8,
        help_text=_("Zes cijfers."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}),
    )
