"""Forms of the professional's referral screens: shapes and labels only. The services check the
meaning (a child of this family, a period of at most a year, a complete verwijsformat) and
answer with these field names, so their Dutch errors land on the field that was typed.

Rows without JavaScript: the plan's analysis and agreements always show a few empty rows, and
"meer regels" posts the form back with more (nothing is saved then).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.aanbod.models import IjwCategory
from ketenzorg.families.forms import DateInput
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import (
    AgreementMethod,
    Frequency,
    LifeDomain,
    ProvisionForm,
    RequestKind,
    VolumeUnit,
)
from ketenzorg.verwijzing.services.plan import AGREEMENT_KEYS, MAX_AGREEMENTS

EXTRA_ROWS = 3
MAX_ROWS = MAX_AGREEMENTS
MORE = "meer"

AGREEMENT_LABELS = {
    "action": _("Actie"),
    "who": _("Wie"),
    "specialist_help": _("Specialistische hulp"),
    "results": _("Resultaat dat de hulp moet bereiken"),
}


def _textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


def _version_field():
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


def _rows(data, name: str, existing: int) -> int:
    """How many rows to show: what was posted (plus more when asked), else the rows there are
    plus a few empty ones; never more than the plan may hold."""
    if data is not None:
        try:
            count = int(data.get(name) or 0)
        except (TypeError, ValueError):
            count = 0
        if data.get(MORE):
            count += EXTRA_ROWS
        count = max(count, 1)
    else:
        count = existing + EXTRA_ROWS
    return min(count, MAX_ROWS)


class PlanForm(forms.Form):
    based_on = _version_field()
    family_question = forms.CharField(
        label=_("De hulpvraag, in de woorden van het gezin"),
        widget=_textarea(5),
        required=False,
    )
    analysis_rows = forms.IntegerField(widget=forms.HiddenInput, required=False)
    agreement_rows = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, members, latest=None):
        analysis = []
        if latest is not None:
            for row in latest.analysis:
                for code, text in (row.get("domains") or {}).items():
                    analysis.append((row.get("member", ""), code, text))
        agreements = list(latest.agreements) if latest is not None else []
        n_analysis = _rows(data, "analysis_rows", len(analysis))
        n_agreements = _rows(data, "agreement_rows", len(agreements))
        initial = {
            "based_on": latest.number if latest else None,
            "family_question": latest.family_question if latest else "",
            "analysis_rows": n_analysis,
            "agreement_rows": n_agreements,
        }
        for i, (member, code, text) in enumerate(analysis[:n_analysis]):
            initial.update(
                {f"analysis-{i}-member": member, f"analysis-{i}-domain": code,
                 f"analysis-{i}-text": text}
            )  # fmt: skip
        for i, agreement in enumerate(agreements[:n_agreements]):
            for key in AGREEMENT_KEYS:
                initial[f"agreement-{i}-{key}"] = agreement.get(key, "")
        if data is not None:
            data = data.copy()
            data["analysis_rows"] = n_analysis
            data["agreement_rows"] = n_agreements
        super().__init__(data, initial=initial)
        member_choices = [("", _("kies een gezinslid"))] + [
            (str(p.uuid), f"{p.given_name} {p.family_name}") for p in members
        ]
        domain_choices = [("", _("kies een levensdomein"))] + list(LifeDomain.choices)
        self.analysis_rows_fields = []
        for i in range(n_analysis):
            names = (f"analysis-{i}-member", f"analysis-{i}-domain", f"analysis-{i}-text")
            self.fields[names[0]] = forms.ChoiceField(
                label=_("Gezinslid"), choices=member_choices, required=False
            )
            self.fields[names[1]] = forms.ChoiceField(
                label=_("Levensdomein"), choices=domain_choices, required=False
            )
            self.fields[names[2]] = forms.CharField(
                label=_("Wat het gezin en u zien"), widget=_textarea(), required=False
            )
            self.analysis_rows_fields.append([self[n] for n in names])
        self.agreement_rows_fields = []
        for i in range(n_agreements):
            row = []
            for key in AGREEMENT_KEYS:
                name = f"agreement-{i}-{key}"
                self.fields[name] = forms.CharField(
                    label=AGREEMENT_LABELS[key],
                    widget=_textarea(2) if key == "results" else forms.TextInput,
                    required=False,
                )
                row.append(self[name])
            self.agreement_rows_fields.append(row)

    def clean(self):
        data = super().clean()
        for i in range(len(self.analysis_rows_fields)):
            member = data.get(f"analysis-{i}-member")
            domain = data.get(f"analysis-{i}-domain")
            text = (data.get(f"analysis-{i}-text") or "").strip()
            if text and not member:
                self.add_error(f"analysis-{i}-member", gettext("Kies het gezinslid."))
            if text and not domain:
                self.add_error(f"analysis-{i}-domain", gettext("Kies het levensdomein."))
        return data

    def service_input(self) -> dict:
        data = self.cleaned_data
        by_member: dict[str, dict] = {}
        for i in range(len(self.analysis_rows_fields)):
            text = (data.get(f"analysis-{i}-text") or "").strip()
            if not text:
                continue
            domains = by_member.setdefault(data[f"analysis-{i}-member"], {})
            code = data[f"analysis-{i}-domain"]
            domains[code] = f"{domains[code]}\n{text}" if code in domains else text
        agreements = [
            {key: data.get(f"agreement-{i}-{key}") or "" for key in AGREEMENT_KEYS}
            for i in range(len(self.agreement_rows_fields))
        ]
        return {
            "family_question": data["family_question"],
            "analysis": [{"member": m, "domains": d} for m, d in by_member.items()],
            "agreements": agreements,
            "based_on": data.get("based_on"),
        }


class PlanDefinitiveForm(forms.Form):
    number = forms.IntegerField(widget=forms.HiddenInput, required=False)
    family_agreed_on = forms.DateField(
        label=_("Het gezin stemde in op"),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    family_agreement = forms.ChoiceField(
        label=_("Hoe het gezin instemde"),
        choices=AgreementMethod.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    def service_input(self) -> dict:
        data = self.cleaned_data
        return {
            "number": data.get("number") or 0,
            "family_agreed_on": data.get("family_agreed_on"),
            "family_agreement": data.get("family_agreement") or "",
        }


def _choices(field_choices, empty):
    return [("", empty), *field_choices]


class VoorzieningForm(forms.Form):
    """Creating (with the child) or changing (with the version and, when definitive, a reason)."""

    child = forms.ChoiceField(label=_("Jeugdige"), choices=(), required=False)
    provision_form = forms.ChoiceField(
        label=_("Vorm"), choices=ProvisionForm.choices, widget=forms.RadioSelect, required=False
    )
    ijw_category = forms.ChoiceField(
        label=_("iJw-productcategorie"),
        choices=_choices(IjwCategory.choices, _("kies een categorie")),
        required=False,
    )
    product_code = forms.CharField(
        label=_("Productcode"),
        max_length=5,
        required=False,
        help_text=_("Hoogstens 5 letters of cijfers, als de gemeente een code gebruikt."),
        error_messages={"max_length": _("Een productcode is hoogstens 5 letters of cijfers.")},
    )
    volume = forms.IntegerField(
        label=_("Omvang"),
        required=False,
        error_messages={"invalid": _("Vul een omvang in van 1 tot en met 10000.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    unit = forms.ChoiceField(
        label=_("Eenheid"), choices=_choices(VolumeUnit.choices, _("kies")), required=False
    )
    frequency = forms.ChoiceField(
        label=_("Per"), choices=_choices(Frequency.choices, _("kies")), required=False
    )
    starts_on = forms.DateField(
        label=_("Ingangsdatum"),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    ends_on = forms.DateField(
        label=_("Einddatum"),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    note = forms.CharField(label=_("Toelichting"), widget=_textarea(), required=False)
    reason = forms.CharField(
        label=_("Reden van de wijziging"),
        widget=_textarea(),
        required=False,
        help_text=_("Verplicht als de voorziening al definitief is."),
    )
    version = _version_field()

    FIELD_MAP = {"form": "provision_form"}

    def __init__(self, *args, children=None, change=False, **kwargs):
        super().__init__(*args, **kwargs)
        if change:
            del self.fields["child"]
        else:
            del self.fields["reason"]
            del self.fields["version"]
            self.fields["child"].choices = _choices(
                [(str(c.uuid), f"{c.given_name} {c.family_name}") for c in children or []],
                _("kies een kind"),
            )

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "form": data.get("provision_form") or "",
            "ijw_category": data.get("ijw_category") or "",
            "product_code": data.get("product_code") or "",
            "volume": data.get("volume"),
            "unit": data.get("unit") or "",
            "frequency": data.get("frequency") or "",
            "starts_on": data.get("starts_on"),
            "ends_on": data.get("ends_on"),
            "note": data.get("note") or "",
        }


class VersionForm(forms.Form):
    """A button on a versioned object: posts the version the page showed (409 when stale)."""

    version = _version_field()


class ReferralNewForm(forms.Form):
    child = forms.ChoiceField(label=_("Voor welk kind"), choices=(), required=False)
    voorziening = forms.ChoiceField(label=_("Voorziening"), choices=(), required=False)
    request_kind = forms.ChoiceField(
        label=_("Verzoek"),
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=RequestKind.MATCH,
    )
    stadsdeel = forms.ChoiceField(
        label=_("Gebiedsknooppunt (stadsdeel)"), choices=(), required=False
    )

    def __init__(self, *args, children, voorzieningen, stadsdelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = _choices(
            [(str(c.uuid), f"{c.given_name} {c.family_name}") for c in children], _("kies een kind")
        )
        self.fields["voorziening"].choices = _choices(
            [(str(v.uuid), voorziening_label(v)) for v in voorzieningen],
            _("kies een voorziening"),
        )
        self.fields["stadsdeel"].choices = [(str(s.uuid), s.name) for s in stadsdelen]
        if stadsdelen:
            self.fields["stadsdeel"].initial = str(stadsdelen[0].uuid)


def voorziening_label(v) -> str:
    return (
        f"{v.child.given_name}: {v.get_ijw_category_display()}, {v.volume} "
        f"{v.get_unit_display()} {v.get_frequency_display()} ({v.get_status_display()})"
    )


class ReferralFormForm(forms.Form):
    """The verwijsformat: every field the professional completes (the consents are not here:
    sending writes them from the registry)."""

    version = _version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in rules.FORM_FIELDS:
            if field.key in rules.FROM_REGISTRY:
                continue
            self.fields[field.key] = forms.CharField(
                label=gettext(field.label),
                required=False,
                widget=_textarea(4) if field.multiline else forms.TextInput,
                max_length=rules.MAX_FIELD,
                error_messages={"max_length": gettext("Dit is te lang (hoogstens 5000 tekens).")},
            )
            if field.required:
                self.fields[field.key].help_text = gettext("Nodig om te verzenden.")

    def form_values(self) -> dict:
        """Only the fields that were posted: a field left out is left as it is, never wiped."""
        return {k: self.cleaned_data.get(k) or "" for k in rules.EDITABLE_KEYS if k in self.data}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom trekt u de verwijzing in?"), widget=_textarea(), required=False
    )
    version = _version_field()
