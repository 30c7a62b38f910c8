"""The network's forms: labels (Dutch msgids, translated) and pickers. What the input means is checked by services.

Pickers post UUIDs, never database ids, like every URL and API field.
"""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.network import imports, rules, selectors
from ketenzorg.network.models import DistrictKind, Domain, InstitutionKind, OrganisationKind, Role
from ketenzorg.network.services import (
    AvailabilityInput,
    DistrictInput,
    InstitutionInput,
    OrganisationInput,
    ProfessionalInput,
    TeamInput,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


STATUS_CHOICES = [
    (selectors.ACTIVE, _("actief")),
    (selectors.INACTIVE, _("gedeactiveerd")),
    (selectors.ALL, _("alle")),
]


def district_path(district) -> str:
    names = []
    while district is not None:
        names.append(district.name)
        district = district.parent
    return " › ".join(reversed(names))


class DistrictChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", selectors.district_choices())
        super().__init__(to_field_name="uuid", **kwargs)

    def label_from_instance(self, obj):
        return f"{district_path(obj)} ({obj.get_kind_display()})"


class DistrictMultipleChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=selectors.district_choices(), to_field_name="uuid", **kwargs)

    def label_from_instance(self, obj):
        return district_path(obj)


class ProfessionalChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(to_field_name="uuid", **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.organisation.name})"


def _choices_with_all(choices, label):
    return [("", label), *choices]


class DistrictForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120)
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=DistrictKind.choices,
        help_text=_("Een stadsdeel valt onder een stad, een gebied onder een stadsdeel."),
    )
    parent = DistrictChoiceField(
        queryset=selectors.district_choices().exclude(kind=DistrictKind.GEBIED),
        label=_("Valt onder"),
        required=False,
        empty_label=_("(niets: dit is een stad)"),
    )
    postcode_prefixes = forms.CharField(
        label=_("Postcodegebieden"),
        max_length=200,
        required=False,
        help_text=_("Vier cijfers, gescheiden door komma's (bijv. 1315, 1316)."),
    )

    def __init__(self, *args, district=None, **kwargs):
        super().__init__(*args, **kwargs)
        if district is not None:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=district.pk)

    def to_input(self) -> DistrictInput:
        return DistrictInput(**self.cleaned_data)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    kind = forms.ChoiceField(label=_("Soort organisatie"), choices=OrganisationKind.choices)
    domains = forms.MultipleChoiceField(
        label=_("Domeinen"),
        choices=Domain.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Het OKé-netwerk werkt in vier domeinen; kies er ten minste één."),
        error_messages={"required": _("Kies ten minste één domein.")},
    )
    district = DistrictChoiceField(
        label=_("Werkgebied"), required=False, empty_label=_("(hele stad of onbekend)")
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=32, required=False)

    def to_input(self) -> OrganisationInput:
        return OrganisationInput(**self.cleaned_data)


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Naam van het team"), max_length=200)
    district = DistrictChoiceField(
        label=_("Werkgebied"), required=False, empty_label=_("(geen eigen werkgebied)")
    )

    def to_input(self) -> TeamInput:
        return TeamInput(**self.cleaned_data)


class ProfessionalForm(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("Uniek per professional; ook het adres van het inlogaccount."),
    )
    phone = forms.CharField(label=_("Telefoon"), max_length=32, required=False)
    organisation = forms.ModelChoiceField(
        queryset=None,
        to_field_name="uuid",
        label=_("Organisatie"),
        empty_label=_("(kies een organisatie)"),
    )
    team = forms.ModelChoiceField(
        queryset=None,
        to_field_name="uuid",
        label=_("Team"),
        required=False,
        empty_label=_("(geen team)"),
        help_text=_("Het team moet bij de gekozen organisatie horen."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één rol.")},
    )
    expertise = forms.ModelMultipleChoiceField(
        queryset=None,
        to_field_name="uuid",
        label=_("Expertise"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_expertise = forms.CharField(
        label=_("Nieuwe expertise"),
        max_length=500,
        required=False,
        help_text=_(
            "Staat een expertise er nog niet bij? Typ ze hier, gescheiden door komma's (bijv. autisme, schulden)."
        ),
    )
    areas = DistrictMultipleChoiceField(label=_("Werkgebieden"), required=False)
    available_for_consultation = forms.BooleanField(
        label=_("Beschikbaar voor meedenken en meedoen"), required=False
    )
    availability_note = forms.CharField(
        label=_("Beschikbaarheid"),
        max_length=200,
        required=False,
        help_text=_("Kort, bijvoorbeeld: di en do ochtend, vanaf januari."),
    )
    available_from = forms.DateField(
        label=_("Beschikbaar vanaf"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg: nu al."),
    )

    def __init__(self, *args, professional=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = professional.organisation if professional is not None else None
        self.fields["organisation"].queryset = selectors.organisation_choices(include=current)
        self.fields["team"].queryset = selectors.team_choices()
        self.fields["expertise"].queryset = selectors.expertise_choices()

    def to_input(self) -> ProfessionalInput:
        data = self.cleaned_data
        names = [tag.name for tag in data["expertise"]] + rules.split_list(
            data["new_expertise"], ","
        )
        return ProfessionalInput(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            organisation=data["organisation"],
            team=data["team"],
            roles=data["roles"],
            expertise=names,
            areas=list(data["areas"]),
            available_for_consultation=data["available_for_consultation"],
            availability_note=data["availability_note"],
            available_from=data["available_from"],
        )


class ProfessionalCreateForm(ProfessionalForm):
    username = forms.CharField(
        label=_("Gebruikersnaam voor het inlogaccount"),
        max_length=150,
        required=False,
        help_text=_(
            "Laat leeg als deze persoon (nog) niet inlogt. Met een gebruikersnaam maakt ketenzorg een "
            "eenmalig wachtwoord dat u één keer te zien krijgt; bij de eerste keer inloggen stelt de "
            "persoon de tweede factor in."
        ),
    )


class AccountForm(forms.Form):
    username = forms.CharField(label=_("Gebruikersnaam"), max_length=150)


class InstitutionForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    kind = forms.ChoiceField(label=_("Soort"), choices=InstitutionKind.choices)
    district = DistrictChoiceField(label=_("Gebied"), required=False, empty_label=_("(onbekend)"))
    address = forms.CharField(label=_("Adres"), max_length=200, required=False)
    jgz_contact = ProfessionalChoiceField(
        queryset=None,
        label=_("Vaste contactpersoon JGZ"),
        required=False,
        empty_label=_("(nog niet toegewezen)"),
        help_text=_(
            "Een actieve JGZ-professional of zorgcoördinator, of iemand van een JGZ-organisatie."
        ),
    )

    def __init__(self, *args, institution=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = institution.jgz_contact if institution is not None else None
        self.fields["jgz_contact"].queryset = selectors.jgz_contact_candidates(include=current)

    def to_input(self) -> InstitutionInput:
        return InstitutionInput(**self.cleaned_data)


class GovernanceBodyForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    composition = forms.CharField(
        label=_("Samenstelling"),
        max_length=200,
        required=False,
        help_text=_("Wie zitten erin, bijv. bestuurders."),
    )
    tasks = forms.CharField(
        label=_("Taken"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


class GovernanceMemberForm(forms.Form):
    professional = ProfessionalChoiceField(queryset=None, label=_("Professional"))
    function = forms.CharField(
        label=_("Functie in het overleg"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld voorzitter of secretaris."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = selectors.professional_choices()


IMPORT_ORGANISATIONS, IMPORT_PROFESSIONALS = "organisaties", "professionals"


def _import_file_help() -> str:
    return gettext(
        "UTF-8, gescheiden door komma's of puntkomma's; hoogstens %(megabytes)s MB en %(rows)s regels."
    ) % {"megabytes": imports.MAX_MEGABYTES, "rows": imports.max_rows_text()}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat importeert u?"),
        choices=[
            (IMPORT_ORGANISATIONS, _("Organisaties")),
            (IMPORT_PROFESSIONALS, _("Professionals")),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=lazy(_import_file_help, str)(),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": _("Kies een CSV-bestand."), "empty": _("Het bestand is leeg.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_BYTES:
            raise forms.ValidationError(imports.too_big())
        return upload


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Naam"), required=False, max_length=100)
    soort = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=_choices_with_all(OrganisationKind.choices, _("(alle soorten)")),
    )
    domein = forms.ChoiceField(
        label=_("Domein"),
        required=False,
        choices=_choices_with_all(Domain.choices, _("(alle domeinen)")),
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)


class ProfessionalFilterForm(forms.Form):
    q = forms.CharField(label=_("Naam of e-mail"), required=False, max_length=100)
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=None,
        to_field_name="uuid",
        required=False,
        empty_label=_("(alle organisaties)"),
    )
    rol = forms.ChoiceField(
        label=_("Rol"), required=False, choices=_choices_with_all(Role.choices, _("(alle rollen)"))
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = selectors.organisation_all()


class DirectoryForm(forms.Form):
    gebied = DistrictChoiceField(
        label=_("Gebied"), required=False, empty_label=_("(alle gebieden)")
    )
    expertise = forms.ModelChoiceField(
        label=_("Expertise"),
        queryset=None,
        to_field_name="uuid",
        required=False,
        empty_label=_("(alle expertise)"),
    )
    rol = forms.ChoiceField(
        label=_("Rol"), required=False, choices=_choices_with_all(Role.choices, _("(alle rollen)"))
    )
    q = forms.CharField(label=_("Naam, organisatie of expertise"), required=False, max_length=100)
    beschikbaar = forms.BooleanField(label=_("Alleen beschikbaar voor meedenken"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].queryset = selectors.expertise_choices()


class AvailabilityForm(forms.Form):
    """The professional's own entry in the expertise directory (not roles or organisation)."""

    available_for_consultation = forms.BooleanField(
        label=_("Ik ben beschikbaar voor meedenken en meedoen"), required=False
    )
    availability_note = forms.CharField(
        label=_("Wanneer"),
        max_length=200,
        required=False,
        help_text=_("Kort, bijvoorbeeld: di en do ochtend, vanaf januari."),
    )
    available_from = forms.DateField(
        label=_("Beschikbaar vanaf"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg: nu al."),
    )
    expertise = forms.ModelMultipleChoiceField(
        queryset=None,
        to_field_name="uuid",
        label=_("Mijn expertise"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_expertise = forms.CharField(
        label=_("Nieuwe expertise"),
        max_length=500,
        required=False,
        help_text=_("Gescheiden door komma's (bijv. autisme, schulden)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].queryset = selectors.expertise_choices()

    def to_input(self) -> AvailabilityInput:
        data = self.cleaned_data
        return AvailabilityInput(
            available_for_consultation=data["available_for_consultation"],
            availability_note=data["availability_note"],
            available_from=data["available_from"],
            expertise=[tag.name for tag in data["expertise"]]
            + rules.split_list(data["new_expertise"], ","),
        )


class InstitutionFilterForm(forms.Form):
    q = forms.CharField(label=_("Naam"), required=False, max_length=100)
    soort = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=_choices_with_all(InstitutionKind.choices, _("(alle soorten)")),
    )
