"""Forms of the provider's steps: shapes and labels. The services check the meaning (the
state, the party, the dates) and answer with these field names, so their Dutch errors land on
the field that was typed. Each form carries the referral's version: a form posted against an
older state loses (409) instead of overwriting what someone else did meanwhile."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketenzorg import ijw
from ketenzorg.families.forms import DateInput
from ketenzorg.verwijzing import ijw_export
from ketenzorg.verwijzing.models import DocumentKind
from ketenzorg.werkproces.forms_gkp import TimeInput

REQUESTABLE = [
    (DocumentKind.PLAN.value, _("het definitieve perspectiefplan")),
    (DocumentKind.PROVISION.value, _("de definitieve voorziening")),
]


def _textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class StepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def service_input(self) -> dict:
        return {"version": self.cleaned_data.get("version")}


class AcceptForm(StepForm):
    pass


class DeclineForm(StepForm):
    reason = forms.CharField(
        label=_("Waarom wijst u de verwijzing af?"),
        help_text=_(
            "De verwijzing gaat terug naar het gebiedsknooppunt, dat een andere aanbieder zoekt."
        ),
        widget=_textarea(),
        max_length=5000,
        required=False,
    )

    def service_input(self) -> dict:
        return {**super().service_input(), "reason": self.cleaned_data["reason"]}


class DocumentsForm(StepForm):
    kinds = forms.MultipleChoiceField(
        label=_("Welke documenten vraagt u op?"),
        choices=REQUESTABLE,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies het perspectiefplan, de voorziening of beide."),
            "invalid_choice": _("Kies het perspectiefplan, de voorziening of beide."),
        },
    )

    def service_input(self) -> dict:
        return {"kinds": self.cleaned_data["kinds"]}


class FirstContactForm(StepForm):
    contact_date = forms.DateField(
        label=_("Datum van het eerste contact"),
        widget=DateInput(),
        error_messages={
            "required": _("Vul de datum van het contact in."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    contact_time = forms.TimeField(
        label=_("Tijdstip"),
        widget=TimeInput(),
        error_messages={
            "required": _("Vul het tijdstip van het contact in."),
            "invalid": _("Vul een geldig tijdstip in (uu:mm)."),
        },
    )
    note = forms.CharField(
        label=_("Korte notitie over het contact"),
        widget=_textarea(2),
        max_length=5000,
        required=False,
    )

    def service_input(self) -> dict:
        data = self.cleaned_data
        moment = timezone.make_aware(datetime.combine(data["contact_date"], data["contact_time"]))
        return {**super().service_input(), "contacted_at": moment, "note": data["note"]}


# The services name the field of a date problem "on", the first contact's "contacted_at" and a
# missing note "reason": where each lands on these forms.
FIRST_CONTACT_FIELDS = {"contacted_at": "contact_date", "reason": "note"}


class StartCareForm(StepForm):
    on = forms.DateField(
        label=_("Datum waarop de hulp begon"),
        widget=DateInput(),
        error_messages={
            "required": _("Vul de datum in waarop de hulp begon."),
            "invalid": _("Vul een geldige datum in."),
        },
    )

    def service_input(self) -> dict:
        return {**super().service_input(), "on": self.cleaned_data["on"]}


class EndCareForm(StepForm):
    on = forms.DateField(
        label=_("Datum waarop de hulp eindigde"),
        widget=DateInput(),
        error_messages={
            "required": _("Vul de datum in waarop de hulp eindigde."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    stop_reason = forms.ChoiceField(
        label=_("Reden van beëindiging"),
        choices=(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de reden van beëindiging."),
            "invalid_choice": _("Kies de reden van beëindiging."),
        },
    )
    note = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        widget=_textarea(2),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stop_reason"].choices = [(r.value, r.label) for r in ijw.StopReason]

    def service_input(self) -> dict:
        data = self.cleaned_data
        return {
            **super().service_input(),
            "on": data["on"],
            "reason": ijw_export.stop_reason_text(data["stop_reason"], data["note"]),
        }


END_CARE_FIELDS = {"reason": "stop_reason"}
