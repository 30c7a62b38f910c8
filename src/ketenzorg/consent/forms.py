"""Forms of the consent screens: shapes and labels only; the age rules are checked by the service."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.consent.models import DossierPart, Method, Purpose
from ketenzorg.consent.selectors import CHILD_ROLES
from ketenzorg.consent.services import MAX_NOTE
from ketenzorg.families.forms import DateInput
from ketenzorg.families.rules import age_on
from ketenzorg.network.models import Organisation, Role


class MemberChoice(forms.ModelMultipleChoiceField):
    """Members by uuid (never a database id), labelled so the age and authority are in view."""

    def label_from_instance(self, person):
        if person.role in CHILD_ROLES:
            age = age_on(person.birthdate, timezone.localdate())
            return gettext("%(name)s (%(role)s, %(age)s jaar)") % {
                "name": person.full_name,
                "role": person.get_role_display(),
                "age": age,
            }
        if person.has_parental_authority:
            return gettext("%(name)s (%(role)s, met gezag)") % {
                "name": person.full_name,
                "role": person.get_role_display(),
            }
        return gettext("%(name)s (%(role)s, zonder gezag)") % {
            "name": person.full_name,
            "role": person.get_role_display(),
        }


class WithdrawerChoice(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return f"{person.full_name} ({person.get_role_display()})"


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Waarvoor is de toestemming?"), choices=Purpose.choices, widget=forms.RadioSelect
    )
    recipient_organisation = forms.ModelChoiceField(
        label=_("Ontvangende organisatie"),
        queryset=Organisation.objects.order_by("name"),
        to_field_name="uuid",
        required=False,
        empty_label=_("— geen organisatie, maar een rol —"),
    )
    recipient_role = forms.ChoiceField(
        label=_("Of: ontvangende rol"),
        choices=[("", _("— geen rol, maar een organisatie —")), *Role.choices],
        required=False,
        help_text=_("Kies één ontvanger: een organisatie of een rol, niet allebei."),
    )
    parts = forms.MultipleChoiceField(
        label=_("Welke delen van het dossier mogen gedeeld worden?"),
        choices=DossierPart.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    children = MemberChoice(
        label=_("Voor welk kind of welke kinderen?"),
        queryset=None,
        to_field_name="uuid",
        widget=forms.CheckboxSelectMultiple,
    )
    givers = MemberChoice(
        label=_("Wie gaf de toestemming?"),
        queryset=None,
        to_field_name="uuid",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Onder 12: de ouders met gezag. Van 12 tot 16: het kind en de ouders met gezag. "
            "Vanaf 16: de jongere alleen. Een ouder zonder gezag kan geen toestemming geven."
        ),
    )
    method = forms.ChoiceField(
        label=_("Hoe is de toestemming gegeven?"), choices=Method.choices, widget=forms.RadioSelect
    )
    given_on = forms.DateField(label=_("Gegeven op"), widget=DateInput())

    def __init__(self, *args, family, **kwargs):
        kwargs.setdefault("initial", {"given_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        members = family.members.order_by("birthdate", "pk")
        self.fields["children"].queryset = members.filter(role__in=CHILD_ROLES)
        self.fields["givers"].queryset = members


class WithdrawForm(forms.Form):
    withdrawn_by = WithdrawerChoice(
        label=_("Wie in het gezin trekt de toestemming in?"),
        queryset=None,
        to_field_name="uuid",
        widget=forms.RadioSelect,
        empty_label=None,
    )
    note = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_by"].queryset = family.members.order_by("birthdate", "pk")
