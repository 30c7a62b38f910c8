"""The GKP-overleg: the recurring meeting of a stadsdeel's gebiedsknooppunt, its agenda items
from the werkprocessen of families, and the outcome of each discussion.

An item carries the question and a summary without identifying data; it is on name only
when the family's consent covered purpose "gkp_overleg" for the gebiedsknooppunt at the
moment of sharing (the consents relied on are kept), and every later look checks again.
Outcomes are append-only like the werkproces' history: a correction is a new row that
names the outcome it corrects and why, so nothing the overleg advised is lost.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenzorg.core.models import TimestampedModel
from ketenzorg.werkproces import rules_gkp
from ketenzorg.werkproces.models import AppendOnlyModel


class GkpMeeting(TimestampedModel):
    stadsdeel = models.ForeignKey(
        "network.District",
        verbose_name=_("stadsdeel"),
        on_delete=models.PROTECT,
        related_name="gkp_meetings",
    )
    starts_at = models.DateTimeField(_("begint om"))
    location = models.CharField(_("locatie"), max_length=200)
    # The meetings planned together as one series ("om de week op dinsdag").
    series = models.UUIDField(null=True, blank=True, editable=False)
    planned_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("GKP-overleg")
        verbose_name_plural = _("GKP-overleggen")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["stadsdeel", "starts_at"], name="gkp_meeting_once"),
        ]

    def __str__(self):
        return f"GKP-overleg {self.uuid}"


class GkpItemStatus(models.TextChoices):
    ON_AGENDA = rules_gkp.ON_AGENDA, _("geagendeerd")
    DISCUSSED = rules_gkp.DISCUSSED, _("besproken")
    WITHDRAWN = rules_gkp.WITHDRAWN, _("ingetrokken")


class GkpItem(TimestampedModel):
    werkproces = models.ForeignKey(
        "werkproces.Werkproces", on_delete=models.PROTECT, related_name="gkp_items"
    )
    meeting = models.ForeignKey(GkpMeeting, on_delete=models.PROTECT, related_name="items")
    asked_by = models.ForeignKey("network.Professional", on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField()
    question = models.TextField(_("vraag aan het overleg"))
    summary = models.TextField(_("samenvatting zonder herkenbare gegevens"))
    identified = models.BooleanField(_("op naam"), default=False)
    shared_parts = models.JSONField(_("gedeelde delen van het dossier"), default=list)
    consents = models.ManyToManyField("consent.Consent", blank=True, related_name="+")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=GkpItemStatus.choices,
        default=GkpItemStatus.ON_AGENDA,
        db_index=True,
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "network.Professional", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_reason = models.TextField(_("reden van intrekken"), blank=True)

    class Meta:
        verbose_name = _("agendapunt GKP-overleg")
        verbose_name_plural = _("agendapunten GKP-overleg")
        ordering = ["asked_at", "id"]

    def __str__(self):
        return f"agendapunt {self.uuid}"


class AjhKind(models.TextChoices):
    """The kind of aanvullende jeugdhulp the overleg advises, coarse on purpose: the advice
    text says the rest, the referral (next issue) names the product category."""

    NONE = "geen", _("geen aanvullende jeugdhulp nodig")
    AMBULANT = "ambulant", _("ambulante hulp thuis (gezinsbegeleiding)")
    JEUGD_GGZ = "jeugd_ggz", _("jeugd-GGZ")
    LVB = "lvb", _("hulp bij een licht verstandelijke beperking")
    DAY = "dag", _("dagbehandeling")
    RESIDENTIAL = "verblijf", _("verblijf of pleegzorg")
    OTHER = "anders", _("anders (zie het advies)")


class GkpOutcome(AppendOnlyModel):
    item = models.ForeignKey(GkpItem, on_delete=models.PROTECT, related_name="outcomes")
    advice = models.TextField(_("advies"))
    ajh_kind = models.CharField(
        _("soort aanvullende jeugdhulp"), max_length=16, choices=AjhKind.choices
    )
    follow_up_by = models.ForeignKey(
        "network.Professional",
        verbose_name=_("wie pakt het op"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by"
    )
    correction_reason = models.TextField(_("reden van de correctie"), blank=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            # Recorded once; every further row corrects one before it.
            models.UniqueConstraint(
                fields=["item"], condition=Q(corrects__isnull=True), name="gkp_outcome_once"
            ),
        ]
