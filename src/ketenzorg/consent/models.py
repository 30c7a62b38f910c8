"""The family's consent: for which purpose, to whom, which parts, given by whom, withdrawn when.

One row per consent as the family gave it, about one child (the age rules are per
child). A row is never deleted or rewritten: a withdrawal fills the withdrawal fields
once, and from that moment `consent.selectors.consent_covers` no longer finds it, so
the next share is refused. What was shared before stays shared (Jeugdwet 7.3.11).

Reads go through `consent.selectors`, writes through `consent.services`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenzorg.core.models import TimestampedModel
from ketenzorg.network.models import Role


class Purpose(models.TextChoices):
    CONSULTATION = "consultatie", _("consultatie (meedenken/meedoen)")
    GKP = "gkp_overleg", _("GKP-overleg")
    REFERRAL = "verwijzing", _("verwijzing naar aanvullende jeugdhulp")


class DossierPart(models.TextChoices):
    """The parts of the dossier a consent can name; a share names the parts it uses."""

    PERSONALIA = "personalia", _("gezinsleden en contactgegevens")
    PLAN = "plan", _("het plan (zorgen, krachten, doelen)")
    AGREEMENTS = "afspraken", _("afspraken en overleggen")
    WERKPROCES = "werkproces", _("werkproces, consultaties en bevindingen")


class Method(models.TextChoices):
    VERBAL = "mondeling", _("mondeling")
    SIGNED = "ondertekend", _("ondertekend")


class Consent(TimestampedModel):
    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="consents")
    child = models.ForeignKey(
        "families.Person",
        verbose_name=_("kind"),
        on_delete=models.PROTECT,
        related_name="consents_about",
    )
    purpose = models.CharField(_("doel"), max_length=16, choices=Purpose.choices)
    recipient_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("ontvangende organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient_role = models.CharField(
        _("ontvangende rol"), max_length=32, choices=Role.choices, blank=True
    )
    parts = models.JSONField(_("delen van het dossier"), default=list)
    child_consented = models.BooleanField(_("het kind gaf zelf toestemming"), default=False)
    given_by = models.ManyToManyField(
        "families.Person", verbose_name=_("gegeven door (ouders)"), related_name="consents_given"
    )
    given_at = models.DateTimeField(_("gegeven op"))
    method = models.CharField(_("hoe"), max_length=16, choices=Method.choices)
    recorded_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "families.Person",
        verbose_name=_("ingetrokken door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawal_recorded_by = models.ForeignKey(
        "network.Professional", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_note = models.TextField(_("toelichting intrekking"), blank=True)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-given_at", "-id"]
        constraints = [
            # Exactly one recipient: an organisation or a role.
            models.CheckConstraint(
                condition=(Q(recipient_organisation__isnull=False) & Q(recipient_role=""))
                | (Q(recipient_organisation__isnull=True) & ~Q(recipient_role="")),
                name="consent_one_recipient",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="consent_withdrawn_after_given",
            ),
        ]
        indexes = [models.Index(fields=["child", "purpose", "withdrawn_at"])]

    def __str__(self):
        return f"toestemming {self.uuid}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def parts_display(self) -> list[str]:
        labels = dict(DossierPart.choices)
        return [str(labels.get(part, part)) for part in self.parts]
