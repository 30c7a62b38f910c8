"""Forms of the front door. They parse and label; the meaning is checked in `services`.

The public question form sets no `maxlength` on the question: a browser would silently
cut off a pasted text. The service says it is too long and the text stays in the field.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketenzorg.core.choice_fields import ChoiceByUuid
from ketenzorg.families.forms import BaseMemberFormSet, DateInput, MemberForm
from ketenzorg.families.models import MemberRole
from ketenzorg.frontdoor import rules
from ketenzorg.frontdoor.models import (
    AgeGroup,
    AskerKind,
    Channel,
    ContactOutcome,
    Location,
    LocationKind,
    Topic,
)
from ketenzorg.frontdoor.selectors import active_topics
from ketenzorg.frontdoor.services import (
    ContactInput,
    LocationInput,
    QuestionInput,
    SlotInput,
    advisers_for_handover,
)
from ketenzorg.frontdoor.templatetags.frontdoor import topic_name
from ketenzorg.network.models import District, DistrictKind


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AdviserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


# --- public ----------------------------------------------------------------------------------


class LocationSearchForm(forms.Form):
    stadsdeel = DistrictChoiceField(
        label=_("Stadsdeel"), queryset=District.objects.none(), required=False, to_field_name="uuid",
        empty_label=_("Alle stadsdelen"),
    )  # fmt: skip
    postcode = forms.CharField(
        label=_("Uw postcode"), required=False, max_length=7,
        help_text=_("Bijvoorbeeld 9911 AB. Wij bewaren uw postcode niet."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "text"}),
    )  # fmt: skip

    def __init__(self, *args, stadsdelen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stadsdeel"].queryset = (
            stadsdelen if stadsdelen is not None else District.objects.none()
        )

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        if value and rules.postcode_digits(value) is None:
            raise forms.ValidationError(_("Een postcode begint met vier cijfers, bijv. 9911 AB."))
        return value


class QuestionForm(forms.Form):
    asker_kind = forms.ChoiceField(
        label=_("Ik ben"),
        choices=AskerKind.choices,
        widget=forms.RadioSelect,
        initial=AskerKind.PARENT,
    )
    topic = ChoiceByUuid(
        active_topics,
        label=_("Onderwerp"),
        empty_label=_("Kies een onderwerp"),
    )
    text = forms.CharField(
        label=_("Uw vraag"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Hooguit 2000 tekens. Noem liever geen namen of adressen; dat is voor een eerste advies niet nodig."
        ),
    )
    child_age = forms.IntegerField(
        label=_("Leeftijd van het kind (in jaren)"),
        min_value=0,
        max_value=rules.CHILD_MAX_AGE,
        help_text=_(
            "Bent u zelf de jongere? Vul dan uw eigen leeftijd in. Jonger dan 1 jaar: vul 0 in."
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    name = forms.CharField(
        label=_("Uw voornaam (niet verplicht)"), required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )  # fmt: skip
    email = forms.EmailField(
        label=_("Uw e-mailadres (niet verplicht)"),
        required=False,
        max_length=254,
        help_text=_(
            "Alleen als u het antwoord per e-mail wilt. Zonder e-mailadres kunt u ons bellen met uw kenmerk."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef toestemming om mijn vraag en gegevens te gebruiken om mij te antwoorden, zoals beschreven in de privacyverklaring."
        ),
        required=False,
    )
    # The honeypot: hidden from people (see the template), filled in by form-filling robots.
    website = forms.CharField(
        label=_("Laat dit veld leeg"), required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].label_from_instance = topic_name

    def to_input(self) -> QuestionInput:
        data = self.cleaned_data
        return QuestionInput(
            topic=data.get("topic"),
            text=data.get("text", ""),
            child_age=data.get("child_age"),
            consent=bool(data.get("consent")),
            email=data.get("email", ""),
            name=data.get("name", ""),
            asker_kind=data.get("asker_kind", AskerKind.PARENT),
            honeypot=data.get("website", ""),
        )


# --- the advisers ---------------------------------------------------------------------------


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Antwoord"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Wordt opgeslagen en, als de vraagsteller een e-mailadres gaf, per e-mail verstuurd. "
            "Zet er geen namen of andere persoonsgegevens in."
        ),
    )


class HandOverForm(forms.Form):
    to = AdviserChoiceField(
        label=_("Overdragen aan"),
        queryset=None,
        to_field_name="uuid",
        empty_label=_("Kies een collega"),
    )
    note = forms.CharField(
        label=_("Notitie voor uw collega (niet verplicht)"), required=False, max_length=500
    )

    def __init__(self, *args, me=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = advisers_for_handover(exclude=me)


class MoreHelpForm(forms.Form):
    family_name = forms.CharField(
        label=_("Gezinsnaam"),
        max_length=200,
        help_text=_("Zoals het gezin zichzelf noemt, bijv. 'Gezin Proefmans'."),
    )
    postcode = forms.CharField(label=_("Postcode (niet verplicht)"), max_length=7, required=False)
    house_number = forms.CharField(
        label=_("Huisnummer (niet verplicht)"), max_length=10, required=False
    )
    reason = forms.CharField(
        label=_("Waarom is meer hulp nodig?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Voor de collega die de casus oppakt. 10 tot 1000 tekens."),
    )

    def clean_postcode(self):
        value = rules.normalise_postcode(self.cleaned_data["postcode"])
        if value and not rules.postcode_valid(value):
            raise forms.ValidationError(
                _("Een postcode is vier cijfers en twee letters, bijv. 9911 AB.")
            )
        return value


class MemberHelpForm(MemberForm):
    """A family member; the role starts empty so that unused rows stay unchanged (and ignored)."""

    role = forms.ChoiceField(label=_("Rol in het gezin"), choices=[("", "—"), *MemberRole.choices])


MemberHelpFormSet = forms.formset_factory(
    MemberHelpForm, formset=BaseMemberFormSet, extra=3, max_num=12, validate_max=True
)


class ContactForm(forms.Form):
    """Built for speed: sensible defaults, radio buttons (arrow keys), one column."""

    channel = forms.ChoiceField(
        label=_("Kanaal"),
        choices=Channel.choices,
        widget=forms.RadioSelect,
        initial=Channel.WALK_IN,
    )
    location = forms.ModelChoiceField(
        label=_("Inloopspreekuur"), queryset=Location.objects.none(), to_field_name="uuid", required=False,
        empty_label=_("(geen: telefoon of online)"),
    )  # fmt: skip
    topics = forms.ModelMultipleChoiceField(
        label=_("Onderwerpen"),
        queryset=Topic.objects.none(),
        to_field_name="uuid",
        widget=forms.CheckboxSelectMultiple,
    )
    age_group = forms.ChoiceField(
        label=_("Leeftijd kind"),
        choices=AgeGroup.choices,
        widget=forms.RadioSelect,
        initial=AgeGroup.UNKNOWN,
    )
    advice = forms.CharField(
        label=_("Gegeven advies"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[
            (ContactOutcome.ADVICE, ContactOutcome.ADVICE.label),
            (ContactOutcome.FOLLOW_UP, ContactOutcome.FOLLOW_UP.label),
        ],
        widget=forms.RadioSelect,
        initial=ContactOutcome.ADVICE,
        help_text=_("Meer hulp nodig? Sla eerst op; kies daarna 'Meer hulp regelen'."),
    )
    visitor_name = forms.CharField(
        label=_("Naam ouder of jongere (niet verplicht)"), required=False, max_length=150,
        help_text=_("Een ouder hoeft geen naam te geven voor advies."),
    )  # fmt: skip
    adviser = AdviserChoiceField(
        label=_("Opvoedadviseur"),
        queryset=None,
        to_field_name="uuid",
        required=False,
        empty_label=None,
    )
    occurred_at = forms.DateTimeField(
        label=_("Moment"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args, me=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(
            kind=LocationKind.WALK_IN, is_active=True
        ).order_by("name")
        self.fields["topics"].queryset = active_topics()
        self.fields["topics"].label_from_instance = topic_name
        self.fields["adviser"].queryset = advisers_for_handover()
        if me is not None and not self.is_bound:
            self.initial.setdefault("adviser", me.uuid)
        if not self.is_bound:
            self.initial.setdefault(
                "occurred_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def to_input(self) -> ContactInput:
        data = self.cleaned_data
        return ContactInput(
            channel=data["channel"],
            topics=list(data["topics"]),
            age_group=data["age_group"],
            outcome=data["outcome"],
            advice=data.get("advice", ""),
            location=data.get("location") if data["channel"] == Channel.WALK_IN else None,
            adviser=data.get("adviser"),
            occurred_at=data.get("occurred_at"),
            visitor_name=data.get("visitor_name", ""),
        )


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[])
    mine = forms.BooleanField(label=_("Alleen mijn vragen"), required=False)


# --- beheer ---------------------------------------------------------------------------------


class LocationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=LocationKind.choices)
    name = forms.CharField(label=_("Naam"), max_length=200)
    health_centre = forms.CharField(label=_("Gezondheidscentrum"), max_length=200, required=False)
    street = forms.CharField(label=_("Straat en huisnummer"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    city = forms.CharField(label=_("Plaats"), max_length=100, required=False)
    district = DistrictChoiceField(
        label=_("Stadsdeel"), queryset=District.objects.filter(kind=DistrictKind.STADSDEEL).order_by("name"),
        required=False, to_field_name="uuid", empty_label=_("(geen)"),
    )  # fmt: skip
    phone_number = forms.CharField(label=_("Telefoonnummer"), max_length=32, required=False)
    directions = forms.CharField(label=_("Bereikbaarheid"), max_length=300, required=False)
    closed_on_holidays = forms.BooleanField(
        label=_("Dicht op feestdagen"), required=False, initial=True
    )
    is_active = forms.BooleanField(
        label=_("Actief (zichtbaar op de openbare site)"), required=False, initial=True
    )

    @staticmethod
    def initial_for(location: Location) -> dict:
        return {
            "kind": location.kind, "name": location.name, "health_centre": location.health_centre,
            "street": location.street, "postcode": location.postcode, "city": location.city,
            "district": location.district.uuid if location.district_id else None,
            "phone_number": location.phone_number, "directions": location.directions,
            "closed_on_holidays": location.closed_on_holidays, "is_active": location.is_active,
        }  # fmt: skip

    def to_input(self) -> LocationInput:
        return LocationInput(**self.cleaned_data)


class SlotForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Dag"),
        coerce=int,
        choices=[("", "—")] + [(i, n) for i, n in enumerate(rules.WEEKDAY_NAMES)],
        required=False,
    )
    opens = forms.TimeField(label=_("Van"), widget=TimeInput(), required=False)
    closes = forms.TimeField(label=_("Tot"), widget=TimeInput(), required=False)
    adviser = AdviserChoiceField(
        label=_("Opvoedadviseur"),
        queryset=None,
        to_field_name="uuid",
        required=False,
        empty_label=_("(nog niemand)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers_for_handover()

    def clean(self):
        data = super().clean()
        filled = [
            data.get("weekday") not in (None, ""),
            data.get("opens") is not None,
            data.get("closes") is not None,
        ]
        if any(filled) and not all(filled):
            raise forms.ValidationError(
                _("Vul dag, begin- en eindtijd in, of laat de regel helemaal leeg.")
            )
        return data

    def to_input(self) -> SlotInput | None:
        data = self.cleaned_data
        if data.get("weekday") in (None, ""):
            return None
        return SlotInput(
            weekday=data["weekday"],
            opens=data["opens"],
            closes=data["closes"],
            adviser=data.get("adviser"),
        )


SlotFormSet = forms.formset_factory(SlotForm, extra=3, max_num=30, validate_max=True)


class ExceptionForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    is_closed = forms.BooleanField(label=_("Gesloten"), required=False, initial=True)
    opens = forms.TimeField(label=_("Afwijkend open van"), widget=TimeInput(), required=False)
    closes = forms.TimeField(label=_("tot"), widget=TimeInput(), required=False)
    reason = forms.CharField(label=_("Reden (openbaar)"), max_length=200, required=False)


class TopicForm(forms.Form):
    name = forms.CharField(label=_("Onderwerp"), max_length=100)
    description = forms.CharField(label=_("Omschrijving"), max_length=300, required=False)
    sort_order = forms.IntegerField(label=_("Volgorde"), min_value=0, max_value=1000, initial=100)
    is_active = forms.BooleanField(label=_("Actief"), required=False, initial=True)


class HandProgrammeForm(forms.Form):
    """How the adviser hands the chosen programme: a printed page, or the public page mailed."""

    way = forms.ChoiceField(
        label=_("Hoe geeft u het mee?"),
        choices=[("afdruk", _("Afdrukken (op papier meegeven)")), ("mail", _("Mailen naar de ouder"))],
        widget=forms.RadioSelect,
    )  # fmt: skip
    email = forms.CharField(
        label=_("E-mailadres van de ouder"),
        required=False,
        max_length=254,
        help_text=_("Alleen bij mailen. Het adres wordt voor deze ene mail gebruikt en niet bewaard."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )  # fmt: skip
