"""The OKT werkproces of a family's case: the step it is in, its history, evaluations, consultations.

The current step is stored on `Werkproces` for lists, but the truth is the append-only
history of `Transition` rows: `rules.replay(history)` must give the same step (a test
checks it). Transitions, evaluations and findings are never updated or deleted; their
querysets and `save` refuse it, so even a careless caller cannot rewrite what was decided.

Reads go through `werkproces.selectors`, writes through `werkproces.services`.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenzorg.core.models import ChoiceLabelsMixin, TimestampedModel
from ketenzorg.werkproces import rules


class Step(models.TextChoices):
    OKT = rules.OKT, _("ondersteuning door het OKT")
    INTERNAL = rules.INTERNAL, _("meedenken/meedoen binnen team of stadsdeel")
    EXTERNAL = rules.EXTERNAL, _("meedenken/meedoen van buiten")
    AJH = rules.AJH, _("aanvullende jeugdhulp verkennen")
    REFERRAL = rules.REFERRAL, _("verwijzen naar aanvullende jeugdhulp")
    STOPPED = rules.STOPPED, _("gestopt: verder met de bestaande ondersteuning")


class TransitionKind(models.TextChoices):
    START = rules.START, _("gestart")
    CONTINUE = rules.CONTINUE, _("naar de volgende stap")
    STOP = rules.STOP, _("gestopt")
    BACK = rules.BACK, _("een stap terug")
    RESUME = rules.RESUME, _("hervat")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("De geschiedenis van het werkproces wordt niet gewijzigd.")

    def delete(self):
        raise PermissionError("De geschiedenis van het werkproces wordt niet verwijderd.")


class AppendOnlyModel(ChoiceLabelsMixin, models.Model):
    """A row written once: saving it again or deleting it is an error, not a silent rewrite."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("De geschiedenis van het werkproces wordt niet gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("De geschiedenis van het werkproces wordt niet verwijderd.")


class Werkproces(TimestampedModel):
    case = models.OneToOneField(
        "coordination.Case", on_delete=models.PROTECT, related_name="werkproces"
    )
    step = models.CharField(_("stap"), max_length=16, choices=Step.choices, db_index=True)
    stopped_from = models.CharField(max_length=16, choices=Step.choices, blank=True)
    # The number of transitions so far: an evaluation belongs to the visit of a step it was
    # recorded in, so an evaluation from an earlier visit never counts for a later one.
    version = models.PositiveIntegerField(default=0)
    started_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("werkproces")
        verbose_name_plural = _("werkprocessen")

    def __str__(self):
        return f"werkproces {self.uuid}"

    @property
    def state(self) -> rules.State:
        return rules.State(step=self.step, stopped_from=self.stopped_from or None)


class StepEvaluation(AppendOnlyModel):
    """After every step: did it yield enough? The decision to stop or go on needs one."""

    werkproces = models.ForeignKey(Werkproces, on_delete=models.PROTECT, related_name="evaluations")
    step = models.CharField(max_length=16, choices=Step.choices)
    version = models.PositiveIntegerField()
    yielded_enough = models.BooleanField(_("leverde genoeg op"))
    summary = models.TextField(_("wat leverde de stap op"))
    recorded_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["werkproces", "version"])]


class Transition(AppendOnlyModel):
    """One row of the history: who, when, from, to, the decision, its reason and its evaluation."""

    werkproces = models.ForeignKey(Werkproces, on_delete=models.PROTECT, related_name="transitions")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, choices=TransitionKind.choices)
    from_step = models.CharField(max_length=16, choices=Step.choices, blank=True)
    to_step = models.CharField(max_length=16, choices=Step.choices)
    actor = models.ForeignKey("network.Professional", on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField()
    reason = models.TextField(blank=True)
    evaluation = models.ForeignKey(
        StepEvaluation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Into "extern": how the team decided together that external expertise helps.
    team_decision = models.TextField(blank=True)
    # Into "verwijzing": the AJH decision, taken with the family and the meedenker.
    ajh_with_family = models.BooleanField(default=False)
    ajh_meedenker = models.ForeignKey(
        "network.Professional", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ajh_participants = models.TextField(blank=True)

    class Meta:
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(fields=["werkproces", "seq"], name="transition_seq_once"),
        ]


class ConsultationKind(models.TextChoices):
    MEEDENKEN = "meedenken", _("meedenken")
    MEEDOEN = "meedoen", _("meedoen (mee naar het gezin)")


class ConsultationScope(models.TextChoices):
    INTERNAL = rules.SCOPE_INTERNAL, _("binnen team of stadsdeel")
    EXTERNAL = rules.SCOPE_EXTERNAL, _("van buiten")
    AJH = rules.SCOPE_AJH, _("AJH-verbinder")


class Consultation(TimestampedModel):
    """A question to a meedenker: anonymous (question and summary only) or on name (shared parts)."""

    werkproces = models.ForeignKey(
        Werkproces, on_delete=models.PROTECT, related_name="consultations"
    )
    kind = models.CharField(_("soort"), max_length=16, choices=ConsultationKind.choices)
    scope = models.CharField(_("van wie"), max_length=16, choices=ConsultationScope.choices)
    asked_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="consultations_asked"
    )
    meedenker = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="consultations_received"
    )
    expertise = models.ForeignKey(
        "network.ExpertiseTag", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField(_("vraag"))
    # What the meedenker reads of the family in an anonymous consultation: nothing identifying.
    summary = models.TextField(_("samenvatting zonder herkenbare gegevens"))
    expects_of_meedenker = models.TextField(_("wat de professional van de meedenker verwacht"))
    expects_of_professional = models.TextField(_("wat de meedenker van de professional verwacht"))
    identified = models.BooleanField(_("op naam"), default=False)
    shared_parts = models.JSONField(_("gedeelde delen van het dossier"), default=list)
    # The consents an identified consultation outside the organisation relied on when asked.
    consents = models.ManyToManyField("consent.Consent", blank=True, related_name="+")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(_("loopt tot"))
    # ends_at plus the grace to finish the findings (rules.GRACE): the meedenker's access ends
    # here. Stored so that `access` can decide from the model alone.
    access_until = models.DateTimeField()

    class Meta:
        verbose_name = _("consultatie")
        verbose_name_plural = _("consultaties")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="consultation_period"
            ),
        ]
        indexes = [models.Index(fields=["meedenker", "access_until"])]

    def __str__(self):
        return f"consultatie {self.uuid}"


class Finding(AppendOnlyModel):
    """The meedenker's findings, written into the dossier by the meedenker.

    A meedenker from the sociale kaart may have no account; then someone who works the case
    records the findings on their behalf: `written_by` is who recorded them, `on_behalf_of`
    the meedenker whose findings they are (empty when the meedenker wrote them).
    """

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="findings"
    )
    text = models.TextField(_("bevindingen"))
    written_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        "network.Professional", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "id"]


class MeedenkerExpectation(AppendOnlyModel):
    """What the meedenker expects back, in the meedenker's own words, while the consultation runs.

    The asker wrote both directions when asking; the meedenker confirms or adds to them here.
    Each entry is kept (who, when), so a later one never erases an earlier one.
    """

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="meedenker_expectations"
    )
    agrees = models.BooleanField(_("akkoord met wat de professional verwacht"))
    text = models.TextField(_("wat de meedenker terug verwacht"))
    written_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "id"]


class ConsultationEvaluation(AppendOnlyModel):
    """The joint evaluation: the seed's three questions, answered together once."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.PROTECT, related_name="evaluation"
    )
    what_it_yielded = models.TextField(_("wat leverde het op"))
    can_continue_with_existing = models.BooleanField(
        _("kan het gezin verder met de bestaande ondersteuning")
    )
    additional_care_clear = models.BooleanField(
        _("is duidelijk welke aanvullende jeugdhulp nodig is")
    )
    additional_care_which = models.TextField(_("welke aanvullende jeugdhulp"), blank=True)
    meedenker_took_part = models.BooleanField(_("de meedenker deed mee"), default=True)
    recorded_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()


# The GKP-overleg's models live in their own module; imported here so Django registers them.
from ketenzorg.werkproces.models_gkp import (  # noqa: E402
    AjhKind,
    GkpItem,
    GkpItemStatus,
    GkpMeeting,
    GkpOutcome,
)

__all__ = [
    "AjhKind",
    "AppendOnlyModel",
    "Consultation",
    "ConsultationEvaluation",
    "ConsultationKind",
    "ConsultationScope",
    "Finding",
    "GkpItem",
    "GkpItemStatus",
    "GkpMeeting",
    "GkpOutcome",
    "Step",
    "StepEvaluation",
    "Transition",
    "TransitionKind",
    "Werkproces",
]
