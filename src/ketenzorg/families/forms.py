from django import forms
from django.utils.translation import gettext_lazy as _

from ketenzorg.families.models import MemberRole
from ketenzorg.families.services import MemberInput
from ketenzorg.network.models import District


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class FamilyForm(forms.Form):
    name = forms.CharField(
        label=_("Gezinsnaam"),
        max_length=200,
        help_text=_("Zoals het gezin zichzelf noemt, bijv. 'Gezin Proefmans'."),
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    house_number = forms.CharField(label=_("Huisnummer"), max_length=10, required=False)
    district = forms.ModelChoiceField(
        label=_("Gebied"),
        queryset=District.objects.order_by("name"),
        required=False,
        empty_label=_("(onbekend)"),
    )

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].replace(" ", "").upper()
        if value and not (len(value) == 6 and value[:4].isdigit() and value[4:].isalpha()):
            raise forms.ValidationError(
                _("Een postcode is vier cijfers en twee letters, bijv. 1234 AB.")
            )
        return value


class MemberForm(forms.Form):
    given_name = forms.CharField(label=_("Voornaam"), max_length=100)
    family_name = forms.CharField(label=_("Achternaam"), max_length=150)
    birthdate = forms.DateField(label=_("Geboortedatum"), widget=DateInput())
    # An empty first choice: otherwise every unused member row of the register
    # form posts "kind" and counts as filled in.
    role = forms.ChoiceField(
        label=_("Rol in het gezin"), choices=[("", _("— kies —")), *MemberRole.choices]
    )
    has_parental_authority = forms.BooleanField(
        label=_("Heeft gezag over de kinderen"), required=False
    )
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        required=False,
        help_text=_(
            "Niet verplicht. Wordt gecontroleerd met de elfproef en versleuteld opgeslagen."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def to_input(self) -> MemberInput:
        data = self.cleaned_data
        return MemberInput(
            given_name=data["given_name"],
            family_name=data["family_name"],
            birthdate=data["birthdate"],
            role=data["role"],
            has_parental_authority=data.get("has_parental_authority", False),
            bsn=data.get("bsn", ""),
        )


class BaseMemberFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(form.has_changed() and form.cleaned_data for form in self.forms):
            raise forms.ValidationError(_("Voeg ten minste één gezinslid toe."))


MemberFormSet = forms.formset_factory(
    MemberForm, formset=BaseMemberFormSet, extra=3, max_num=12, validate_max=True
)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Naam"), required=False, max_length=100)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), required=False, widget=DateInput())
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=11,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


class EmergencyForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden voor noodtoegang"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        help_text=_(
            "Waarom kan de veiligheid van het kind niet wachten? De privacyfunctionaris ziet deze reden."
        ),
    )
