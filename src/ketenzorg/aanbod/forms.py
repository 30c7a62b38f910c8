"""The public search form: its fields are the page's query parameters (words and filters, never
anything about a person)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenzorg.aanbod import rules


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
    onderwerp = forms.ChoiceField(label=_("Onderwerp"), required=False)
    gebied = forms.ChoiceField(
        label=_("Waar woont u?"), required=False, help_text=_("Stadsdeel of wijk.")
    )
    pagina = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, topics, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderwerp"].choices = [("", _("Alle onderwerpen"))] + [
            (str(t.uuid), t.name) for t in topics
        ]
        groups = [
            (stadsdeel.name, [(str(stadsdeel.uuid), _("Heel %(name)s") % {"name": stadsdeel.name})]
             + [(str(g.uuid), g.name) for g in gebieden])
            for stadsdeel, gebieden in districts
        ]  # fmt: skip
        self.fields["gebied"].choices = [("", _("De hele stad"))] + groups

    def params(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data.get("q") or "",
            "age": data.get("leeftijd"),
            "topic_uuid": data.get("onderwerp") or None,
            "district_uuid": data.get("gebied") or None,
            "page": data.get("pagina") or 1,
        }
