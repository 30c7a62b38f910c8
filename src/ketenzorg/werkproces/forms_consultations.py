"""Forms of the consultation screens: shapes and labels; the service checks the meaning
(and answers with the field names used here, so its Dutch errors land on the right field)."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.consent.models import DossierPart
from ketenzorg.families.forms import DateInput
from ketenzorg.network import selectors as network
from ketenzorg.werkproces import rules
from ketenzorg.werkproces.models import ConsultationKind, ConsultationScope

ANONYMOUS, IDENTIFIED = "anoniem", "op_naam"


def _textarea(rows=4):
    return forms.Textarea(attrs={"rows": rows})


class ProposalsForm(forms.Form):
    """Step one (a GET): which expertise, from whom; only tag and district uuids in the URL."""

    scope = forms.ChoiceField(
        label=_("Van wie komt de expertise?"),
        choices=ConsultationScope.choices,
        widget=forms.RadioSelect,
    )
    expertise = forms.ModelChoiceField(
        label=_("Gezochte expertise"),
        queryset=network.expertise_choices(),
        to_field_name="uuid",
        required=False,
        empty_label=_("kies een expertise"),
    )
    area = forms.ModelChoiceField(
        label=_("Werkgebied (sociale kaart, alleen van buiten of AJH-verbinder)"),
        queryset=network.district_choices(),
        to_field_name="uuid",
        required=False,
        empty_label=_("elk werkgebied"),
    )

    def clean(self):
        data = super().clean()
        if data.get("scope") != rules.SCOPE_AJH and not data.get("expertise"):
            self.add_error("expertise", _("Kies de expertise die u zoekt."))
        return data


def candidate_label(professional) -> str:
    """Name, organisation, team and expertise: enough to choose, nothing of a family."""
    where = [professional.organisation.name]
    if professional.team_id:
        where.append(professional.team.name)
    tags = ", ".join(tag.name for tag in professional.expertise.all())
    label = f"{professional.full_name} — {' / '.join(where)}"
    label = f"{label} ({tags})" if tags else label
    if professional.is_available(timezone.localdate()):
        available = gettext("beschikbaar")
        note = professional.availability_note
        label = f"{label} — {available}: {note}" if note else f"{label} — {available}"
    elif professional.available_for_consultation:
        label = f"{label} — " + gettext("beschikbaar vanaf %(day)s") % {
            "day": date_format(professional.available_from, "j F Y")
        }
    else:
        label = f"{label} — " + gettext("geen beschikbaarheid opgegeven")
    if not professional.user_id:
        label = f"{label} — " + gettext("zonder account: u legt de bevindingen namens hen vast")
    return label


class AskForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort consultatie"),
        choices=ConsultationKind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    meedenker = forms.ChoiceField(
        label=_("Meedenker"), choices=(), widget=forms.RadioSelect, required=False
    )
    question = forms.CharField(
        label=_("De vraag aan de meedenker"), widget=_textarea(), required=False
    )
    summary = forms.CharField(
        label=_("Samenvatting zonder herkenbare gegevens"),
        help_text=_(
            "Geen namen, adressen, geboortedata of school: de meedenker kent het gezin niet."
        ),
        widget=_textarea(),
        required=False,
    )
    expects_of_meedenker = forms.CharField(
        label=_("Wat verwacht u van de meedenker?"), widget=_textarea(3), required=False
    )
    expects_of_professional = forms.CharField(
        label=_("Wat mag de meedenker van u verwachten?"), widget=_textarea(3), required=False
    )
    identified = forms.ChoiceField(
        label=_("Anoniem of op naam"),
        choices=[
            (ANONYMOUS, _("Anoniem: alleen de vraag en de samenvatting")),
            (IDENTIFIED, _("Op naam: ik deel delen van het dossier")),
        ],
        widget=forms.RadioSelect,
        initial=ANONYMOUS,
        error_messages={"required": _("Kies anoniem of op naam.")},
    )
    shared_parts = forms.MultipleChoiceField(
        label=_("Gedeelde delen van het dossier (alleen op naam)"),
        help_text=_(
            "Buiten uw organisatie kan dit alleen met toestemming van het gezin voor deze "
            "delen en deze ontvanger."
        ),
        choices=DossierPart.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    ends_on = forms.DateField(
        label=_("Loopt tot en met"),
        help_text=_(
            "Hoogstens drie maanden. Daarna heeft de meedenker nog een week voor de bevindingen."
        ),
        widget=DateInput(),
        required=False,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(p.uuid): p for p in candidates}
        self.fields["meedenker"].choices = [
            (key, candidate_label(p)) for key, p in self.candidates.items()
        ]

    def ends_at(self):
        day = self.cleaned_data.get("ends_on")
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day, time(23, 59)))

    def service_input(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "meedenker": self.candidates.get(data["meedenker"]),
            "question": data["question"],
            "summary": data["summary"],
            "expects_of_meedenker": data["expects_of_meedenker"],
            "expects_of_professional": data["expects_of_professional"],
            "identified": data["identified"] == IDENTIFIED,
            "shared_parts": data["shared_parts"],
            "ends_at": self.ends_at(),
        }


class FindingForm(forms.Form):
    text = forms.CharField(label=_("Uw bevindingen"), widget=_textarea(6), required=False)


class OnBehalfFindingForm(forms.Form):
    text = forms.CharField(
        label=_("Bevindingen van de meedenker"),
        help_text=_("Zoals de meedenker ze u gaf; ze worden vastgelegd als namens de meedenker."),
        widget=_textarea(6),
        required=False,
    )


class ExpectationForm(forms.Form):
    """The meedenker's own side of the expectations (docs/werkproces.md).

    Prefixed: it stands on one page with the findings form, whose field is also `text`,
    and two fields with one id leave the second label pointing at the first field.
    """

    prefix = "verwachting"

    agrees = forms.ChoiceField(
        label=_("Kunt u doen wat de professional van u verwacht?"),
        choices=[("ja", _("ja")), ("nee", _("nee, zie mijn toelichting"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )
    text = forms.CharField(
        label=_("Wat verwacht u van de professional?"),
        help_text=_(
            "Bijvoorbeeld: welke informatie u nodig hebt, of wanneer u terugkoppeling wilt."
        ),
        widget=_textarea(3),
        required=False,
    )

    def service_input(self) -> dict:
        return {
            "agrees": self.cleaned_data["agrees"] == "ja",
            "text_value": self.cleaned_data["text"],
        }


YES_NO = [("ja", _("ja")), ("nee", _("nee"))]


class EvaluationForm(forms.Form):
    """The three questions of the joint evaluation (docs/werkproces.md)."""

    what_it_yielded = forms.CharField(
        label=_("Wat heeft de consultatie opgeleverd?"), widget=_textarea(), required=False
    )
    can_continue_with_existing = forms.ChoiceField(
        label=_("Kan het gezin verder met de bestaande ondersteuning?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )
    additional_care_clear = forms.ChoiceField(
        label=_("Is duidelijk welke aanvullende jeugdhulp nodig is?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )
    additional_care_which = forms.CharField(
        label=_("Welke aanvullende jeugdhulp?"),
        help_text=_("Alleen als dat duidelijk is."),
        widget=_textarea(3),
        required=False,
    )
    meedenker_took_part = forms.BooleanField(
        label=_("De meedenker deed mee aan de evaluatie"), required=False, initial=True
    )

    def service_input(self) -> dict:
        data = self.cleaned_data
        return {
            "what_it_yielded": data["what_it_yielded"],
            "can_continue_with_existing": data["can_continue_with_existing"] == "ja",
            "additional_care_clear": data["additional_care_clear"] == "ja",
            "additional_care_which": data["additional_care_which"],
            "meedenker_took_part": data["meedenker_took_part"],
        }
