"""Forms of the case screens: shapes and labels only; the meaning is checked by the services."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketenzorg.access import rules as access_rules
from ketenzorg.coordination.models import AgreementStatus, CareLevel, CoordinatorRole, MeetingKind
from ketenzorg.coordination.services import Goal, PlanInput
from ketenzorg.families.forms import DateInput
from ketenzorg.families.models import MemberRole
from ketenzorg.network.models import Institution, Organisation, Professional


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _textarea(rows=4):
    return forms.Textarea(attrs={"rows": rows})


class OpenCaseForm(forms.Form):
    reason = forms.CharField(
        label=_("Aanleiding"),
        required=False,
        max_length=5000,
        widget=_textarea(3),
        help_text=_("Kort: waarom is er meer nodig? Geen details die niet in het plan horen."),
    )


class CloseCaseForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom wordt de casus gesloten?"), max_length=5000, widget=_textarea(3)
    )


class InvolvementForm(forms.Form):
    professional_email = forms.EmailField(
        label=_("E-mailadres van de professional"),
        help_text=_(
            "Het werk-e-mailadres zoals in de sociale kaart. Uw eigen adres als u zelf betrokken raakt."
        ),
    )
    person = forms.ModelChoiceField(
        label=_("Betrokken bij"),
        queryset=None,
        required=False,
        empty_label=_("het hele gezin"),
        to_field_name="uuid",  # people are referred to by uuid, never by database id
    )
    capacity = forms.CharField(
        label=_("Hoedanigheid"),
        max_length=200,
        required=False,
        help_text=_("Bijv. schoolmaatschappelijk werk, jeugd-GGZ."),
    )
    started_on = forms.DateField(label=_("Betrokken sinds"), widget=DateInput(), required=False)

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = family.members.order_by("birthdate")

    def professional(self) -> Professional | None:
        email = self.cleaned_data["professional_email"]
        return Professional.objects.filter(email__iexact=email, is_active=True).first()


class EndInvolvementForm(forms.Form):
    ended_on = forms.DateField(
        label=_("Laatste dag van betrokkenheid"), widget=DateInput(), required=False
    )
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class LevelForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Niveau"), choices=CareLevel.choices[:4], coerce=int, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=5000,
        widget=_textarea(3),
        help_text=_("Verplicht als u afwijkt van het voorstel, en bij niveau 4."),
    )


class CrisisForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom is het crisisprotocol nodig?"),
        max_length=5000,
        widget=_textarea(4),
        help_text=_(
            "Levensbedreigende situatie. Alle betrokkenen en de brandpuntfunctionarissen worden direct ingelicht."
        ),
    )
    confirm = forms.BooleanField(label=_("Ik start het crisisprotocol bewust"), required=True)


class CoordinatorForm(forms.Form):
    role = forms.ChoiceField(label=_("Coördinatie"), choices=CoordinatorRole.choices)
    professional = forms.ModelChoiceField(
        label=_("Professional"), queryset=Professional.objects.none()
    )
    note = forms.CharField(
        label=_("Overdrachtsnotitie"), required=False, max_length=5000, widget=_textarea(3)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = (
            Professional.objects.filter(
                is_active=True, role_assignments__role__in=access_rules.COORDINATOR_CAPABLE_ROLES
            )
            .select_related("organisation")
            .prefetch_related("role_assignments")
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["professional"].label_from_instance = lambda p: (
            f"{p.full_name} — {p.role_labels()} ({p.organisation.name})"
        )


class MeetingPlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort overleg"), choices=MeetingKind.choices)
    starts_at = forms.DateTimeField(
        label=_("Datum en begintijd"),
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur in minuten"), min_value=15, max_value=480, initial=60
    )
    location = forms.CharField(
        label=_("Plaats"), max_length=200, help_text=_("Adres of 'online' met de link.")
    )


class MinutesForm(forms.Form):
    held_on = forms.DateField(label=_("Gehouden op"), widget=DateInput())
    minutes = forms.CharField(label=_("Verslag"), max_length=5000, widget=_textarea(8))


class AgreementForm(forms.Form):
    what = forms.CharField(label=_("Wat is afgesproken?"), max_length=500, widget=_textarea(2))
    responsible_professional = forms.ModelChoiceField(
        label=_("Verantwoordelijke professional"),
        queryset=Professional.objects.none(),
        required=False,
    )
    responsible_organisation = forms.ModelChoiceField(
        label=_("Of: verantwoordelijke organisatie"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
        help_text=_(
            "Leeg laten als een professional verantwoordelijk is: dan geldt diens organisatie."
        ),
    )
    due_on = forms.DateField(label=_("Uiterlijk op"), widget=DateInput())

    def __init__(self, *args, professionals, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["responsible_professional"]
        field.queryset = Professional.objects.filter(
            pk__in=[p.pk for p in professionals]
        ).select_related("organisation")
        field.label_from_instance = lambda p: f"{p.full_name} ({p.organisation.name})"


class ProgrammeLinkForm(forms.Form):
    """Where the chosen programme goes: an open agreement, a goal of the newest plan, or both."""

    agreement = forms.ChoiceField(label=_("Bij de afspraak"), required=False)
    goal = forms.ChoiceField(label=_("Bij het doel van het plan"), required=False)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = targets
        self.fields["agreement"].choices = [("", _("geen afspraak"))] + [
            (str(a.uuid), f"{a.what[:80]} ({a.due_on:%d-%m-%Y})") for a in targets.agreements
        ]
        self.fields["goal"].choices = [("", _("geen doel"))] + [
            (str(i), text[:100]) for i, text in targets.goals
        ]

    def link_data(self) -> dict:
        agreement = self.cleaned_data.get("agreement")
        goal = self.cleaned_data.get("goal")
        return {
            "agreement": next(
                (a for a in self.targets.agreements if str(a.uuid) == agreement), None
            ),
            "goal_index": int(goal) if goal not in (None, "") else None,
        }


class CheckInForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AgreementStatus.choices)
    note = forms.CharField(label=_("Stand van zaken"), max_length=5000, widget=_textarea(3))


class SignalForm(forms.Form):
    ESCALATE, DISMISS = "opschalen", "afhandelen"
    decision = forms.ChoiceField(
        label=_("Wat doet u met dit signaal?"),
        choices=[
            (ESCALATE, _("Opschalen naar de brandpuntfunctionaris (niveau 4)")),
            (DISMISS, _("Afhandelen zonder opschaling")),
        ],
        widget=forms.RadioSelect,
    )
    brandpunt = forms.ModelChoiceField(
        label=_("Brandpuntfunctionaris"), queryset=Professional.objects.none(), required=False
    )
    reason = forms.CharField(label=_("Reden"), max_length=5000, widget=_textarea(3))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brandpunt"].queryset = (
            Professional.objects.filter(
                is_active=True, role_assignments__role__in=access_rules.LEVEL4_ROLES
            )
            .select_related("organisation")
            .distinct()
            .order_by("last_name")
        )


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Besluit in het belang van het kind"),
        max_length=5000,
        widget=_textarea(5),
        help_text=_("Wat besluit u, wie doet wat, en waarom is dit in het belang van het kind?"),
    )


class AttendanceForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Kind"), queryset=None, to_field_name="uuid")
    institution = forms.ModelChoiceField(
        label=_("School, kinderdagverblijf of peuterspeelzaal"),
        queryset=Institution.objects.order_by("name"),
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = family.members.filter(
            Q(role=MemberRole.CHILD) | Q(role=MemberRole.YOUTH)
        )


class PlanForm(forms.Form):
    family_words = forms.CharField(
        label=_("De vraag van het gezin, in hun eigen woorden"),
        required=False,
        max_length=5000,
        widget=_textarea(3),
    )
    contact = forms.CharField(label=_("Contactgegevens"), required=False, max_length=5000, widget=_textarea(2),
                              help_text=_("Hoe en wanneer het gezin bereikbaar is."))  # fmt: skip
    network = forms.CharField(
        label=_("Familie en vrienden die meedoen"),
        required=False,
        max_length=5000,
        widget=_textarea(3),
    )
    strengths = forms.CharField(
        label=_("Krachten"), required=False, max_length=5000, widget=_textarea(3)
    )
    worries = forms.CharField(
        label=_("Zorgen"), required=False, max_length=5000, widget=_textarea(3)
    )
    earlier_help = forms.CharField(
        label=_("Eerder gegeven hulp"), required=False, max_length=5000, widget=_textarea(3)
    )
    discussed_with_family_on = forms.DateField(
        label=_("Besproken met het gezin op"), required=False, widget=DateInput()
    )

    def to_input(self, goals: list[Goal]) -> PlanInput:
        return PlanInput(goals=goals, **self.cleaned_data)

    def clean_discussed_with_family_on(self):
        value = self.cleaned_data["discussed_with_family_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Die datum ligt in de toekomst."))
        return value


class GoalForm(forms.Form):
    goal = forms.CharField(label=_("Doel"), max_length=500, required=False)
    action = forms.CharField(label=_("Actie"), max_length=1000, required=False)
    who = forms.CharField(label=_("Wie"), max_length=200, required=False)
    by_when = forms.DateField(label=_("Wanneer"), required=False, widget=DateInput())

    def to_goal(self) -> Goal | None:
        data = self.cleaned_data
        if not data or not (data.get("goal") or "").strip():
            return None
        return Goal(
            goal=data["goal"],
            action=data.get("action", ""),
            who=data.get("who", ""),
            by_when=data.get("by_when"),
        )


GoalFormSet = forms.formset_factory(GoalForm, extra=2, max_num=20, validate_max=True)
