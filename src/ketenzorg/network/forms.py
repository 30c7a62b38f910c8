"""The network's forms: Dutch labels and pickers. What the input means is checked by services.

Pickers post UUIDs, never database ids, like every URL and API field.
"""

from django import forms

from ketenzorg.network import imports, rules, selectors
from ketenzorg.network.models import DistrictKind, Domain, InstitutionKind, OrganisationKind, Role
from ketenzorg.network.services import (
    DistrictInput,
    InstitutionInput,
    OrganisationInput,
    ProfessionalInput,
    TeamInput,
)

STATUS_CHOICES = [
    (selectors.ACTIVE, "actief"),
    (selectors.INACTIVE, "gedeactiveerd"),
    (selectors.ALL, "alle"),
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
    name = forms.CharField(label="Naam", max_length=120)
    kind = forms.ChoiceField(
        label="Soort",
        choices=DistrictKind.choices,
        help_text="Een stadsdeel valt onder een stad, een gebied onder een stadsdeel.",
    )
    parent = DistrictChoiceField(
        queryset=selectors.district_choices().exclude(kind=DistrictKind.GEBIED),
        label="Valt onder",
        required=False,
        empty_label="(niets: dit is een stad)",
    )
    postcode_prefixes = forms.CharField(
        label="Postcodegebieden",
        max_length=200,
        required=False,
        help_text="Vier cijfers, gescheiden door komma's (bijv. 1315, 1316).",
    )

    def __init__(self, *args, district=None, **kwargs):
        super().__init__(*args, **kwargs)
        if district is not None:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=district.pk)

    def to_input(self) -> DistrictInput:
        return DistrictInput(**self.cleaned_data)


class OrganisationForm(forms.Form):
    name = forms.CharField(label="Naam", max_length=200)
    kind = forms.ChoiceField(label="Soort organisatie", choices=OrganisationKind.choices)
    domains = forms.MultipleChoiceField(
        label="Domeinen",
        choices=Domain.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Het OKé-netwerk werkt in vier domeinen; kies er ten minste één.",
        error_messages={"required": "Kies ten minste één domein."},
    )
    district = DistrictChoiceField(
        label="Werkgebied", required=False, empty_label="(hele stad of onbekend)"
    )
    email = forms.EmailField(label="E-mailadres", required=False)
    phone = forms.CharField(label="Telefoon", max_length=32, required=False)

    def to_input(self) -> OrganisationInput:
        return OrganisationInput(**self.cleaned_data)


class TeamForm(forms.Form):
    name = forms.CharField(label="Naam van het team", max_length=200)
    district = DistrictChoiceField(
        label="Werkgebied", required=False, empty_label="(geen eigen werkgebied)"
    )

    def to_input(self) -> TeamInput:
        return TeamInput(**self.cleaned_data)


class ProfessionalForm(forms.Form):
    first_name = forms.CharField(label="Voornaam", max_length=100)
    last_name = forms.CharField(label="Achternaam", max_length=150)
    email = forms.EmailField(
        label="E-mailadres", help_text="Uniek per professional; ook het adres van het inlogaccount."
    )
    phone = forms.CharField(label="Telefoon", max_length=32, required=False)
    organisation = forms.ModelChoiceField(
        queryset=None,
        to_field_name="uuid",
        label="Organisatie",
        empty_label="(kies een organisatie)",
    )
    team = forms.ModelChoiceField(
        queryset=None,
        to_field_name="uuid",
        label="Team",
        required=False,
        empty_label="(geen team)",
        help_text="Het team moet bij de gekozen organisatie horen.",
    )
    roles = forms.MultipleChoiceField(
        label="Rollen",
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies ten minste één rol."},
    )
    expertise = forms.ModelMultipleChoiceField(
        queryset=None,
        to_field_name="uuid",
        label="Expertise",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_expertise = forms.CharField(
        label="Nieuwe expertise",
        max_length=500,
        required=False,
        help_text="Staat een expertise er nog niet bij? Typ ze hier, gescheiden door komma's (bijv. autisme, schulden).",
    )
    areas = DistrictMultipleChoiceField(label="Werkgebieden", required=False)

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
        )


class ProfessionalCreateForm(ProfessionalForm):
    username = forms.CharField(
        label="Gebruikersnaam voor het inlogaccount",
        max_length=150,
        required=False,
        help_text="Laat leeg als deze persoon (nog) niet inlogt. Met een gebruikersnaam maakt ketenzorg een "
        "eenmalig wachtwoord dat u één keer te zien krijgt; bij de eerste keer inloggen stelt de persoon de "
        "tweede factor in.",
    )


class AccountForm(forms.Form):
    username = forms.CharField(label="Gebruikersnaam", max_length=150)


class InstitutionForm(forms.Form):
    name = forms.CharField(label="Naam", max_length=200)
    kind = forms.ChoiceField(label="Soort", choices=InstitutionKind.choices)
    district = DistrictChoiceField(label="Gebied", required=False, empty_label="(onbekend)")
    address = forms.CharField(label="Adres", max_length=200, required=False)
    jgz_contact = ProfessionalChoiceField(
        queryset=None,
        label="Vaste contactpersoon JGZ",
        required=False,
        empty_label="(nog niet toegewezen)",
        help_text="Een actieve JGZ-professional of zorgcoördinator, of iemand van een JGZ-organisatie.",
    )

    def __init__(self, *args, institution=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = institution.jgz_contact if institution is not None else None
        self.fields["jgz_contact"].queryset = selectors.jgz_contact_candidates(include=current)

    def to_input(self) -> InstitutionInput:
        return InstitutionInput(**self.cleaned_data)


class GovernanceBodyForm(forms.Form):
    name = forms.CharField(label="Naam", max_length=200)
    composition = forms.CharField(
        label="Samenstelling",
        max_length=200,
        required=False,
        help_text="Wie zitten erin, bijv. bestuurders.",
    )
    tasks = forms.CharField(label="Taken", required=False, widget=forms.Textarea(attrs={"rows": 8}))


class GovernanceMemberForm(forms.Form):
    professional = ProfessionalChoiceField(queryset=None, label="Professional")
    function = forms.CharField(
        label="Functie in het overleg",
        max_length=100,
        required=False,
        help_text="Bijvoorbeeld voorzitter of secretaris.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = selectors.professional_choices()


IMPORT_ORGANISATIONS, IMPORT_PROFESSIONALS = "organisaties", "professionals"


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Wat importeert u?",
        choices=[(IMPORT_ORGANISATIONS, "Organisaties"), (IMPORT_PROFESSIONALS, "Professionals")],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label="CSV-bestand",
        help_text=f"UTF-8, gescheiden door komma's of puntkomma's; hoogstens {imports.MAX_MEGABYTES} MB "
        f"en {imports.MAX_ROWS_TEXT} regels.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": "Kies een CSV-bestand.", "empty": "Het bestand is leeg."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_BYTES:
            raise forms.ValidationError(imports.TOO_BIG)
        return upload


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label="Naam", required=False, max_length=100)
    soort = forms.ChoiceField(
        label="Soort",
        required=False,
        choices=_choices_with_all(OrganisationKind.choices, "(alle soorten)"),
    )
    domein = forms.ChoiceField(
        label="Domein", required=False, choices=_choices_with_all(Domain.choices, "(alle domeinen)")
    )
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)


class ProfessionalFilterForm(forms.Form):
    q = forms.CharField(label="Naam of e-mail", required=False, max_length=100)
    organisatie = forms.ModelChoiceField(
        label="Organisatie",
        queryset=None,
        to_field_name="uuid",
        required=False,
        empty_label="(alle organisaties)",
    )
    rol = forms.ChoiceField(
        label="Rol", required=False, choices=_choices_with_all(Role.choices, "(alle rollen)")
    )
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = selectors.organisation_all()


class DirectoryForm(forms.Form):
    gebied = DistrictChoiceField(label="Gebied", required=False, empty_label="(alle gebieden)")
    expertise = forms.ModelChoiceField(
        label="Expertise",
        queryset=None,
        to_field_name="uuid",
        required=False,
        empty_label="(alle expertise)",
    )
    rol = forms.ChoiceField(
        label="Rol", required=False, choices=_choices_with_all(Role.choices, "(alle rollen)")
    )
    q = forms.CharField(label="Naam, organisatie of expertise", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].queryset = selectors.expertise_choices()


class InstitutionFilterForm(forms.Form):
    q = forms.CharField(label="Naam", required=False, max_length=100)
    soort = forms.ChoiceField(
        label="Soort",
        required=False,
        choices=_choices_with_all(InstitutionKind.choices, "(alle soorten)"),
    )
