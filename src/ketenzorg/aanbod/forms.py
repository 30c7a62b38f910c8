"""The public search form: its fields are the page's query parameters (words and filters, never
anything about a person)."""

from __future__ import annotations

import functools

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ketenzorg.aanbod import rules
from ketenzorg.aanbod.models import AccessRoute, Audience, IjwCategory, ProgrammeStatus
from ketenzorg.aanbod.services.programmes import ProgrammeInput
from ketenzorg.core.forms import WrittenChoices, WrittenSelect


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoekwoorden"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld: slapen, pesten, scheiding."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    leeftijd = forms.IntegerField(
        label=_("Leeftijd van uw kind (jaren)"),
        required=False,
        min_value=0,
        max_value=rules.CHILD_MAX_AGE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    onderwerp = forms.ChoiceField(label=_("Onderwerp"), required=False, widget=WrittenSelect)
    gebied = forms.ChoiceField(
        label=_("Waar woont u?"), required=False, help_text=_("Stadsdeel of wijk."),
        widget=WrittenSelect,
    )  # fmt: skip
    pagina = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def chooses(self) -> bool:
        """Whether a topic or an area was chosen: only then are the choices needed to check
        the input (an empty choice is valid without them), so the page can read them later,
        together with the search."""
        return self.is_bound and any(self.data.get(name) for name in ("onderwerp", "gebied"))

    def offer(self, topics, districts) -> None:
        """The topics and the stadsdelen with their gebieden to choose from."""
        topic_choices, district_choices = _search_choices(
            tuple(topics),
            tuple((stadsdeel, tuple(gebieden)) for stadsdeel, gebieden in districts),
            get_language(),
        )
        self.fields["onderwerp"].choices = topic_choices
        self.fields["gebied"].choices = district_choices

    def params(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data.get("q") or "",
            "age": data.get("leeftijd"),
            "topic_uuid": data.get("onderwerp") or None,
            "district_uuid": data.get("gebied") or None,
            "page": data.get("pagina") or 1,
        }


@functools.lru_cache(maxsize=16)
def _search_choices(topics: tuple, districts: tuple, language: str):
    """The search's topic and area choices, normalised and written once per language for the
    topics and districts as read (the same on nearly every request: `WrittenChoices`)."""
    topic_choices = [("", _("Alle onderwerpen"))] + [(str(uuid), name) for uuid, name in topics]
    groups = [
        (stadsdeel.name, [(str(stadsdeel.uuid), _("Heel %(name)s") % {"name": stadsdeel.name})]
         + [(str(g.uuid), g.name) for g in gebieden])
        for stadsdeel, gebieden in districts
    ]  # fmt: skip
    return (
        WrittenChoices(topic_choices),
        WrittenChoices([("", _("De hele stad")), *groups]),
    )


# --- maintenance (providers and the beheerder) -----------------------------------------------

PUBLIC_FORM_FIELDS = (
    "name", "description", "audience", "min_age", "max_age", "topics", "districts", "location",
    "schedule", "access_route", "costs", "languages", "contact_phone", "contact_email", "website",
    "ijw_category", "status",
)  # fmt: skip
INTERNAL_FORM_FIELDS = (
    "waiting_weeks", "waiting_confirmed_on", "capacity", "internal_notes", "internal_contact",
)  # fmt: skip


class ProgrammeForm(forms.Form):
    """A programme as its provider or the beheerder writes it. The field names are the model's,
    so the service's errors land on the field that was typed in."""

    provider = forms.ChoiceField(label=_("Aanbieder"))
    name = forms.CharField(label=_("Naam"), max_length=200)
    description = forms.CharField(
        label=_("Wat het is"), help_text=_("In gewone taal, voor ouders."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )  # fmt: skip
    audience = forms.ChoiceField(label=_("Voor wie"), choices=Audience.choices)
    min_age = forms.IntegerField(
        label=_("Leeftijd kind vanaf (jaar)"), min_value=0, max_value=rules.CHILD_MAX_AGE
    )
    max_age = forms.IntegerField(
        label=_("Leeftijd kind tot en met (jaar)"), min_value=0, max_value=rules.CHILD_MAX_AGE
    )
    topics = forms.MultipleChoiceField(
        label=_("Onderwerpen"), required=False, widget=forms.CheckboxSelectMultiple
    )
    districts = forms.MultipleChoiceField(
        label=_("Gebieden"), required=False, help_text=_("Geen gebied gekozen: de hele stad."),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    location = forms.CharField(label=_("Waar"), max_length=300, required=False)
    schedule = forms.CharField(label=_("Wanneer"), max_length=300, required=False)
    access_route = forms.ChoiceField(
        label=_("Hoe kom je erin"), choices=AccessRoute.choices, widget=forms.RadioSelect
    )
    costs = forms.CharField(label=_("Kosten"), max_length=200, required=False)
    languages = forms.CharField(label=_("Talen"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("Telefoon"), max_length=32, required=False)
    contact_email = forms.EmailField(label=_("E-mailadres"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    ijw_category = forms.ChoiceField(
        label=_("iJw-productcategorie"),
        choices=[("", _("geen (geen aanvullende jeugdhulp)")), *IjwCategory.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ProgrammeStatus.choices,
        help_text=_("Publiceren en wijzigingen van gepubliceerd aanbod gaan live na goedkeuring door een functioneel beheerder."),
    )  # fmt: skip
    waiting_weeks = forms.IntegerField(
        label=_("Wachttijd (weken)"), min_value=0, max_value=104, required=False
    )
    waiting_confirmed_on = forms.DateField(
        label=_("Wachttijd bevestigd op"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip
    capacity = forms.CharField(label=_("Capaciteit"), max_length=200, required=False)
    internal_notes = forms.CharField(
        label=_("Interne notities"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    internal_contact = forms.CharField(
        label=_("Wie bel je"), max_length=200, required=False,
        help_text=_("Een team of balie met telefoonnummer, geen naam van een persoon."),
    )  # fmt: skip

    def __init__(self, *args, organisations, topics, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self._organisations = {str(o.uuid): o for o in organisations}
        self._topics = {str(t.uuid): t for t in topics}
        self._districts = {str(d.uuid): d for d in districts}
        self.fields["provider"].choices = [(k, o.name) for k, o in self._organisations.items()]
        self.fields["topics"].choices = [(k, t.name) for k, t in self._topics.items()]
        self.fields["districts"].choices = [(k, d.name) for k, d in self._districts.items()]

    def public_fields(self):
        return [self[name] for name in PUBLIC_FORM_FIELDS]

    def internal_fields(self):
        return [self[name] for name in INTERNAL_FORM_FIELDS]

    @staticmethod
    def initial_of(programme, proposed: dict | None = None) -> dict:
        """The form's values: the programme, with a pending proposal's values on top."""
        initial = {"provider": str(programme.provider.uuid)}
        for name in (*PUBLIC_FORM_FIELDS, *INTERNAL_FORM_FIELDS):
            if name in ("topics", "districts"):
                initial[name] = [str(o.uuid) for o in getattr(programme, name).all()]
            else:
                initial[name] = getattr(programme, name)
        initial.update(proposed or {})
        return initial

    def to_input(self) -> ProgrammeInput:
        data = dict(self.cleaned_data)
        data["provider"] = self._organisations[data["provider"]]
        data["topics"] = [self._topics[k] for k in data["topics"]]
        data["districts"] = [self._districts[k] for k in data["districts"]]
        for name in ("location", "schedule", "costs", "languages", "contact_phone",
                     "contact_email", "website", "capacity", "internal_notes",
                     "internal_contact", "ijw_category"):  # fmt: skip
            data[name] = data.get(name) or ""
        return ProgrammeInput(**data)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom wijst u dit voorstel af?"),
        help_text=_("De aanbieder leest dit bij het aanbod."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ProgrammeImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_("UTF-8, komma's of puntkomma's; de eerste regel noemt de kolommen."),
    )
