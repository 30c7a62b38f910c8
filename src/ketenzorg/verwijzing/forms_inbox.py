"""Forms of the gebiedsknooppunt's screens: shapes and labels. The service checks the meaning
and answers with these field names (`programme`, `note`), so its errors land on the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

CHOOSE_PROGRAMME = _("Kies een aanbod uit de catalogus.")


class StadsdeelFilterForm(forms.Form):
    """Which stadsdeel's referrals (a GET with a uuid: never personal data in the URL).

    The choices are the verbinder's stadsdelen as the page already read them: a model choice
    field asked the database again to render them and again to check the choice."""

    stadsdeel = forms.ChoiceField(
        label=_("Stadsdeel"),
        required=False,
        error_messages={"invalid_choice": _("Kies een stadsdeel waarvoor u werkt.")},
    )

    def __init__(self, *args, stadsdelen: list, **kwargs):
        super().__init__(*args, **kwargs)
        self._by_uuid = {str(d.uuid): d for d in stadsdelen}
        self.fields["stadsdeel"].choices = [
            ("", _("alle stadsdelen")),
            *((key, str(d)) for key, d in self._by_uuid.items()),
        ]

    def clean_stadsdeel(self):
        """The chosen District, or None for all of them."""
        return self._by_uuid.get(self.cleaned_data["stadsdeel"])


class VersionForm(forms.Form):
    """The version the page showed: a step on an older version is refused (409)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class MatchForm(VersionForm):
    programme = forms.ChoiceField(
        label=_("Aanbod"),
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_PROGRAMME, "invalid_choice": CHOOSE_PROGRAMME},
    )
    note = forms.CharField(
        label=_("Terugmelding aan de professional"),
        help_text=_("Wat de aanbieder kan bieden en wanneer; de professional leest dit terug."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={
            "required": _("Schrijf de professional wat de aanbieder kan bieden en wanneer.")
        },
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self._programmes = {str(p.uuid): p for p in programmes}
        self.fields["programme"].choices = [
            (key, f"{p.name} — {p.provider.name}") for key, p in self._programmes.items()
        ]

    def service_input(self) -> dict:
        data = self.cleaned_data
        return {
            "programme": self._programmes[data["programme"]],
            "note": data["note"],
            "version": data["version"],
        }
