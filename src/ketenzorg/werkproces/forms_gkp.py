"""Forms of the GKP-overleg screens: shapes and labels; the services check the meaning and
answer with these field names, so their Dutch errors land on the right field."""

from __future__ import annotations

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from ketenzorg.consent.models import DossierPart
from ketenzorg.families.forms import DateInput
from ketenzorg.werkproces import rules_gkp
from ketenzorg.werkproces.models import AjhKind

ANONYMOUS, IDENTIFIED = "anoniem", "op_naam"


def _textarea(rows=4):
    return forms.Textarea(attrs={"rows": rows})


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def meeting_label(meeting) -> str:
    when = formats.date_format(timezone.localtime(meeting.starts_at), "l j F Y, H:i")
    return f"{meeting.stadsdeel.name}: {when} — {meeting.location}"


class StadsdeelForm(forms.Form):
    """For a family without a district: which stadsdeel's overleg (a GET, a uuid only)."""

    stadsdeel = forms.ModelChoiceField(
        label=_("Stadsdeel van het overleg"),
        queryset=None,
        to_field_name="uuid",
        empty_label=_("kies een stadsdeel"),
        error_messages={
            "required": _("Kies het stadsdeel."),
            "invalid_choice": _("Kies het stadsdeel."),
        },
    )

    def __init__(self, *args, stadsdelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stadsdeel"].queryset = stadsdelen


class PlanForm(StadsdeelForm):
    first = forms.DateField(
        label=_("Datum van het eerste overleg"), widget=DateInput(), required=False
    )
    at = forms.TimeField(label=_("Tijdstip"), widget=TimeInput(), required=False)
    every_weeks = forms.TypedChoiceField(
        label=_("Hoe vaak"),
        coerce=int,
        choices=[
            (1, _("elke week")),
            (2, _("om de week")),
            (3, _("om de drie weken")),
            (4, _("om de vier weken")),
        ],
        initial=2,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe vaak het overleg is.")},
    )
    count = forms.IntegerField(
        label=_("Aantal overleggen"),
        min_value=1,
        max_value=rules_gkp.MAX_SERIES,
        initial=6,
        error_messages={
            "required": _("Vul in hoeveel overleggen u plant."),
            "min_value": _("Plan 1 tot en met 26 overleggen tegelijk."),
            "max_value": _("Plan 1 tot en met 26 overleggen tegelijk."),
            "invalid": _("Vul een getal in."),
        },
    )
    location = forms.CharField(label=_("Locatie"), max_length=200, required=False)

    def service_input(self) -> dict:
        data = self.cleaned_data
        return {
            "stadsdeel": data["stadsdeel"],
            "first": data["first"],
            "at": data["at"],
            "every_weeks": data["every_weeks"],
            "count": data["count"],
            "location": data["location"],
        }


class ItemForm(forms.Form):
    meeting = forms.ChoiceField(
        label=_("GKP-overleg"), choices=(), widget=forms.RadioSelect, required=False
    )
    question = forms.CharField(
        label=_("De vraag aan het overleg"), widget=_textarea(), required=False
    )
    summary = forms.CharField(
        label=_("Samenvatting zonder herkenbare gegevens"),
        help_text=_(
            "Geen namen, adressen, geboortedata of school: het overleg kent het gezin niet."
        ),
        widget=_textarea(),
        required=False,
    )
    identified = forms.ChoiceField(
        label=_("Anoniem of op naam"),
        choices=[
            (ANONYMOUS, _("Anoniem: alleen de vraag en de samenvatting")),
            (IDENTIFIED, _("Op naam: met toestemming van het gezin voor het GKP-overleg")),
        ],
        widget=forms.RadioSelect,
        initial=ANONYMOUS,
        error_messages={"required": _("Kies anoniem of op naam.")},
    )
    shared_parts = forms.MultipleChoiceField(
        label=_("Gedeelde delen van het dossier (alleen op naam)"),
        help_text=_("Alleen met toestemming van het gezin voor het GKP-overleg voor deze delen."),
        choices=DossierPart.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {str(m.uuid): m for m in meetings}
        self.fields["meeting"].choices = [(k, meeting_label(m)) for k, m in self.meetings.items()]

    def service_input(self) -> dict:
        data = self.cleaned_data
        return {
            "meeting": self.meetings.get(data["meeting"]),
            "question": data["question"],
            "summary": data["summary"],
            "identified": data["identified"] == IDENTIFIED,
            "shared_parts": data["shared_parts"],
        }


class OutcomeForm(forms.Form):
    advice = forms.CharField(label=_("Advies van het overleg"), widget=_textarea(), required=False)
    ajh_kind = forms.ChoiceField(
        label=_("Welke aanvullende jeugdhulp"),
        choices=AjhKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies welke aanvullende jeugdhulp het overleg adviseert.")},
    )
    follow_up_by = forms.ChoiceField(
        label=_("Wie pakt het op"), choices=(), widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args, follow_ups, **kwargs):
        super().__init__(*args, **kwargs)
        self.follow_ups = {str(p.uuid): p for p in follow_ups}
        self.fields["follow_up_by"].choices = [
            (k, f"{p.full_name}, {p.organisation.name}") for k, p in self.follow_ups.items()
        ]

    def service_input(self) -> dict:
        data = self.cleaned_data
        return {
            "advice": data["advice"],
            "ajh_kind": data["ajh_kind"],
            "follow_up_by": self.follow_ups.get(data["follow_up_by"]),
        }


class CorrectionForm(OutcomeForm):
    reason = forms.CharField(
        label=_("Waarom corrigeert u de uitkomst?"), widget=_textarea(2), required=False
    )

    def service_input(self) -> dict:
        return {**super().service_input(), "reason": self.cleaned_data["reason"]}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom haalt u de vraag van de agenda?"), widget=_textarea(2), required=False
    )
