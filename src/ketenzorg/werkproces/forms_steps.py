"""Forms of the werkproces page: shapes and labels only; `rules` and the services decide.

Each form has its own prefix, so several can stand on one page and a refused one comes
back with its errors without touching the others.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenzorg.werkproces import rules

MAX_TEXT = 5000


def _textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class StartForm(forms.Form):
    """Starting needs no input: the werkproces begins with the OKT's own support."""

    prefix = "starten"


class EvaluationForm(forms.Form):
    prefix = "evaluatie"

    yielded_enough = forms.TypedChoiceField(
        label=_("Leverde deze stap genoeg op?"),
        choices=[
            ("ja", _("Ja, het gezin kan verder met de bestaande ondersteuning")),
            ("nee", _("Nee, er is meer nodig")),
        ],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(
        label=_("Wat leverde deze stap op?"), max_length=MAX_TEXT, widget=_textarea(4)
    )


class TransitionForm(forms.Form):
    """Go on, stop, go back or resume. The reason is required where the rules require it."""

    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=MAX_TEXT,
        widget=_textarea(),
        help_text=_("Minstens 10 tekens."),
    )

    def __init__(self, *args, kind: str, into: str | None, meedenkers=(), **kwargs):
        kwargs.setdefault("prefix", kind)
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.into = into
        self._meedenkers = {str(p.uuid): p for p in meedenkers}
        if kind == rules.CONTINUE:
            self.fields["reason"].label = _("Toelichting (niet verplicht)")
            self.fields["reason"].help_text = ""
        else:
            self.fields["reason"].required = True
        if kind == rules.CONTINUE and into == rules.EXTERNAL:
            self.fields["team_agreed"] = forms.BooleanField(
                label=_("Het team besloot samen dat expertise van buiten helpt"), required=True
            )
            self.fields["team_decision"] = forms.CharField(
                label=_("Hoe en wanneer besloot het team dat?"),
                max_length=MAX_TEXT,
                widget=_textarea(),
                help_text=_("Bijvoorbeeld: casuïstiekoverleg van het team, met de datum."),
            )
        if kind == rules.CONTINUE and into == rules.REFERRAL:
            self.fields["ajh_with_family"] = forms.BooleanField(
                label=_(
                    "Het besluit dat aanvullende jeugdhulp nodig is, nam ik samen met het gezin"
                ),
                required=True,
            )
            self.fields["ajh_meedenker"] = forms.ChoiceField(
                label=_("De meedenker die meebesloot"),
                choices=[("", _("kies de meedenker"))]
                + [(key, p.full_name) for key, p in self._meedenkers.items()],
                help_text=_("Een meedenker van een consultatie in dit werkproces."),
            )
            self.fields["ajh_participants"] = forms.CharField(
                label=_("Wie namen deel aan het besluit?"),
                max_length=MAX_TEXT,
                widget=_textarea(),
            )

    def step_inputs(self) -> dict:
        """The keyword arguments of `services.step_take` this form gathered."""
        data = self.cleaned_data
        inputs = {"reason": data.get("reason", "")}
        if "team_decision" in self.fields:
            inputs["team_decision"] = data.get("team_decision", "")
        if "ajh_with_family" in self.fields:
            inputs.update(
                ajh_with_family=bool(data.get("ajh_with_family")),
                ajh_meedenker=self._meedenkers.get(data.get("ajh_meedenker") or ""),
                ajh_participants=data.get("ajh_participants", ""),
            )
        return inputs


# The services name their input errors after their keyword arguments; a form field shows them.
FIELD_MAP = {"ajh": "ajh_meedenker"}
