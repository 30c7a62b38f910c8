"""Families and their members: the people whose data this system guards.

No view or API reads these models directly: reads go through
`families.selectors` (which asks `access` and writes the audit entry), writes
through `families.services`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenzorg.core import crypto
from ketenzorg.core.models import TimestampedModel

BSN_PURPOSE = "bsn"


class Family(TimestampedModel):
    name = models.CharField(_("gezinsnaam"), max_length=200, db_index=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=10, blank=True)
    district = models.ForeignKey(
        "network.District",
        verbose_name=_("gebied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="families",
    )
    registered_by = models.ForeignKey(
        "network.Professional",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registered_families",
    )

    class Meta:
        verbose_name = _("gezin")
        verbose_name_plural = _("gezinnen")

    def __str__(self):
        return self.name

    @property
    def postcode_display(self) -> str:
        """Stored compact (9913KL) for search, shown the Dutch way (9913 KL)."""
        return (
            f"{self.postcode[:4]} {self.postcode[4:]}" if len(self.postcode) == 6 else self.postcode
        )


class MemberRole(models.TextChoices):
    CHILD = "kind", _("kind")
    YOUTH = "jongere", _("jongere")
    PARENT = "ouder", _("ouder")
    GUARDIAN = "voogd", _("voogd/verzorger")


class Person(TimestampedModel):
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="members")
    given_name = models.CharField(_("voornaam"), max_length=100)
    family_name = models.CharField(_("achternaam"), max_length=150, db_index=True)
    birthdate = models.DateField(_("geboortedatum"), db_index=True)
    role = models.CharField(_("rol in het gezin"), max_length=16, choices=MemberRole.choices)
    has_parental_authority = models.BooleanField(_("heeft gezag"), default=False)
    bsn_encrypted = models.CharField(max_length=200, blank=True)
    bsn_lookup = models.CharField(max_length=64, blank=True, db_index=True)
    bsn_last4 = models.CharField(max_length=4, blank=True)

    class Meta:
        ordering = ["birthdate"]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        constraints = [
            models.UniqueConstraint(
                fields=["bsn_lookup"], condition=~models.Q(bsn_lookup=""), name="person_bsn_unique"
            )
        ]
        indexes = [models.Index(fields=["family_name", "given_name"])]

    def __str__(self):
        return f"{self.given_name} {self.family_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def bsn_masked(self) -> str:
        """Lists never show the whole BSN."""
        return f"•••••{self.bsn_last4}" if self.bsn_last4 else ""

    def bsn_plain(self) -> str:
        return (
            crypto.decrypt_text(self.bsn_encrypted, purpose=BSN_PURPOSE)
            if self.bsn_encrypted
            else ""
        )

    def set_bsn(self, bsn: str) -> None:
        if bsn:
            self.bsn_encrypted = crypto.encrypt_text(bsn, purpose=BSN_PURPOSE)
            self.bsn_lookup = crypto.lookup_hash(bsn, purpose=BSN_PURPOSE)
            self.bsn_last4 = bsn[-4:]
        else:
            self.bsn_encrypted = self.bsn_lookup = self.bsn_last4 = ""


class Involvement(TimestampedModel):
    """A professional's active involvement with a family (and optionally one member).

    This is the basis of need-to-know access: only the involved see a family.
    The case issue adds involvements by others; ending one keeps its history.
    """

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="involvements")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="involvements"
    )
    professional = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="involvements"
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="involvements"
    )
    capacity = models.CharField(_("hoedanigheid"), max_length=200, blank=True)
    started_on = models.DateField(_("betrokken sinds"))
    ended_on = models.DateField(_("betrokken tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        indexes = [
            models.Index(fields=["professional", "ended_on"]),
            models.Index(fields=["family", "ended_on"]),
        ]

    def __str__(self):
        return f"{self.professional} bij {self.family}"
