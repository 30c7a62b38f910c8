from django import forms
from django.utils.translation import gettext_lazy as _

from ketenzorg.glossary.models import Source, Term


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek een begrip"),
        max_length=100,
        required=False,
        help_text=_(
            "Zoekt in begrippen, andere schrijfwijzen en betekenissen. Accenten maken niet uit."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class TermForm(forms.Form):
    """The beheerder's form. Checks only the shape of the input; the service decides what is allowed."""

    term = forms.CharField(
        label=_("Begrip"),
        max_length=120,
        help_text=_("Zoals het in de tekst staat, bijv. 'Zorgcoördinatie'."),
    )
    slug = forms.CharField(
        label=_("Slug (adres)"),
        max_length=120,
        required=False,
        help_text=_(
            "Het laatste deel van het adres, bijv. 'zorgcoordinatie'. Laat leeg om het uit het begrip te maken."
        ),
    )
    aliases = forms.CharField(
        label=_("Andere schrijfwijzen"),
        max_length=1000,
        required=False,
        help_text=_("Gescheiden door komma's, bijv. 'OKé-inloopspreekuur, inloopspreekuur'."),
    )
    definition = forms.CharField(
        label=_("Betekenis"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "In eigen woorden, voor ouders en professionals. Een lege regel begint een nieuwe alinea."
        ),
    )
    definition_en = forms.CharField(
        label=_("Betekenis in het Engels"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "en"}),
    )
    source = forms.ChoiceField(label=_("Bron"), choices=Source.choices)
    related = forms.ModelMultipleChoiceField(
        label=_("Verwante begrippen"),
        queryset=Term.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, entry: Term | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = Term.objects.only("pk", "slug", "term", "sort_key")
        if entry is not None:
            choices = choices.exclude(pk=entry.pk)
        self.fields["related"].queryset = choices

    @staticmethod
    def initial_for(entry: Term) -> dict:
        return {
            "term": entry.term,
            "slug": entry.slug,
            "aliases": entry.aliases,
            "definition": entry.definition,
            "definition_en": entry.definition_en,
            "source": entry.source,
            "related": [t.slug for t in entry.related.all()],
        }
