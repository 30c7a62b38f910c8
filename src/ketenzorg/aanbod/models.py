"""The catalogue (aanbod op maat): the programmes and services that providers of the network offer
families, and the themes of opvoeden and opgroeien they are about.

Everything here is about an offer, never about a person: no names of clients, no names of staff
(the "who to call" line names a team or a desk). What parents may see is `PUBLIC_FIELDS`; the
waiting time, capacity, internal notes and who to call are for professionals.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ketenzorg.aanbod.rules import CHILD_MAX_AGE
from ketenzorg.core.models import TimestampedModel


class Topic(TimestampedModel):
    """A theme of opvoeden and opgroeien, kept by beheer (slapen, grenzen stellen, puberteit...).

    One list for the front door's questions and contact moments and for the catalogue, so a
    parent's question and the offer that answers it speak of the same theme. It lived in
    `frontdoor` until the catalogue, which sits below the front door, needed it too; the table
    kept its name (decision 0015).
    """

    name = models.CharField("onderwerp", max_length=100, unique=True)
    description = models.CharField("omschrijving", max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField("volgorde", default=100)
    is_active = models.BooleanField("actief", default=True)

    class Meta:
        db_table = "frontdoor_topic"
        ordering = ["sort_order", "name"]
        verbose_name = "onderwerp"
        verbose_name_plural = "onderwerpen"

    def __str__(self):
        return self.name


class Audience(models.TextChoices):
    PARENTS = "ouders", _("ouders en verzorgers")
    YOUTH = "jeugd", _("kinderen en jongeren")
    FAMILY = "gezin", _("het hele gezin")


class AccessRoute(models.TextChoices):
    """How a family gets in: the three doors of the seed's werkproces."""

    OPEN = "vrij", _("vrij toegankelijk")
    VIA_TEAM = "okt_cjg", _("via het ouder- en kindteam of het CJG")
    REFERRAL = "verwijzing", _("alleen met een verwijzing of beschikking (gebiedsknooppunt)")


class IjwCategory(models.TextChoices):
    """The iJw product categories (iStandaard iJw, codelijst productcategorie) of aanvullende
    jeugdhulp; gemeenten define their own product codes beneath them."""

    PERSONAL_CARE = "40", _("40 persoonlijke verzorging")
    DAY_TREATMENT = "41", _("41 dagbehandeling")
    TRANSPORT = "42", _("42 vervoerdiensten")
    RESIDENTIAL_TREATMENT = "43", _("43 jeugdhulp verblijf (inclusief behandeling)")
    RESIDENTIAL = "44", _("44 jeugdhulp verblijf (exclusief behandeling)")
    AMBULANT = "45", _("45 jeugdhulp ambulant")
    CRISIS = "46", _("46 jeugdhulp crisis")
    PROBATION = "47", _("47 jeugdreclassering")
    PROTECTION = "48", _("48 jeugdbescherming")
    PREVENTIVE_JUSTICE = "49", _("49 activiteiten in het preventief justitieel kader")
    CUSTOM = "50", _("50 maatwerkarrangementen jeugd")
    MENTAL_HEALTH = "54", _("54 jeugd-GGZ")
    DYSLEXIA = "55", _("55 dyslexie")


class ProgrammeStatus(models.TextChoices):
    """Only a published programme is public. A concept is being written (or waits for the
    beheerder's approval); a withdrawn programme stays for the history and for plans that
    name it, and is found by nobody."""

    DRAFT = "concept", _("concept")
    PUBLISHED = "gepubliceerd", _("gepubliceerd")
    WITHDRAWN = "ingetrokken", _("ingetrokken")


class Programme(TimestampedModel):
    """One programme or service of a provider: a course, a training, a walk-in group, a kind
    of help."""

    provider = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("aanbieder"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("wat het is"), help_text=_("In gewone taal, voor ouders."))
    audience = models.CharField(_("voor wie"), max_length=16, choices=Audience.choices)
    min_age = models.PositiveSmallIntegerField(_("leeftijd kind vanaf (jaar)"), default=0)
    max_age = models.PositiveSmallIntegerField(_("leeftijd kind tot en met (jaar)"), default=18)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("onderwerpen"), related_name="programmes", blank=True
    )
    districts = models.ManyToManyField(
        "network.District",
        verbose_name=_("gebieden"),
        related_name="programmes",
        blank=True,
        help_text=_("Geen gebied gekozen: de hele stad."),
    )
    location = models.CharField(_("waar"), max_length=300, blank=True)
    schedule = models.CharField(_("wanneer"), max_length=300, blank=True)
    access_route = models.CharField(
        _("hoe kom je erin"), max_length=16, choices=AccessRoute.choices
    )
    costs = models.CharField(_("kosten"), max_length=200, blank=True)
    languages = models.CharField(_("talen"), max_length=200, blank=True, default="Nederlands")
    contact_phone = models.CharField(_("telefoon"), max_length=32, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # For professionals only.
    waiting_weeks = models.PositiveSmallIntegerField(_("wachttijd (weken)"), null=True, blank=True)
    waiting_confirmed_on = models.DateField(_("wachttijd bevestigd op"), null=True, blank=True)
    capacity = models.CharField(_("capaciteit"), max_length=200, blank=True)
    internal_notes = models.TextField(_("interne notities"), blank=True)
    internal_contact = models.CharField(
        _("wie bel je"),
        max_length=200,
        blank=True,
        help_text=_("Een team of balie met telefoonnummer, geen naam van een persoon."),
    )
    ijw_category = models.CharField(
        _("iJw-productcategorie"), max_length=2, choices=IjwCategory.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    # Written by the service from the analyzer (aanbod.search): never edited by hand.
    name_terms = models.TextField(editable=False, default="")
    # The name folded to plain lowercase ASCII, ordered bytewise ("C"/BINARY): the same order on
    # PostgreSQL (whatever its locale) and SQLite.
    sort_name = models.CharField(editable=False, max_length=200, default="")
    search_terms = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["sort_name", "uuid"]
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        indexes = [models.Index(fields=["status", "min_age", "max_age"], name="aanbod_status_age")]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__lte=F("max_age")) & Q(max_age__lte=CHILD_MAX_AGE),
                name="aanbod_programme_age_range",
            ),
            models.UniqueConstraint(
                fields=["provider", "name"], name="aanbod_unique_name_per_provider"
            ),
        ]

    def __str__(self):
        return self.name


# What a parent sees; the API's public serializer and the public page show these and no more.
PUBLIC_FIELDS = (
    "uuid", "name", "description", "audience", "min_age", "max_age", "location", "schedule",
    "access_route", "costs", "languages", "contact_phone", "contact_email", "website",
)  # fmt: skip


# --- maintenance: proposed changes (four eyes) and the history of every change ---------------

# What the public sees (and the iJw category a referral is matched on): a change of these to a
# published programme, or a programme becoming published, waits for a beheerder's approval.
REVIEWED_FIELDS = (
    "name", "description", "audience", "min_age", "max_age", "topics", "districts", "location",
    "schedule", "access_route", "costs", "languages", "contact_phone", "contact_email", "website",
    "ijw_category", "status",
)  # fmt: skip
# For professionals only: the provider keeps these up to date directly (still in the history).
INTERNAL_FIELDS = (
    "waiting_weeks", "waiting_confirmed_on", "capacity", "internal_notes", "internal_contact",
)  # fmt: skip


class RevisionStatus(models.TextChoices):
    PENDING = "wacht", _("wacht op goedkeuring")
    APPROVED = "goedgekeurd", _("goedgekeurd")
    REJECTED = "afgewezen", _("afgewezen")
    SUPERSEDED = "vervangen", _("vervangen door een nieuwer voorstel")


class ProgrammeRevision(TimestampedModel):
    """A proposed change of what the public sees; the programme changes only when a beheerder
    other than the author approves it.

    `proposed` holds every reviewed field's value (topics and districts as uuids), not a patch:
    what the approver reads is exactly what goes live. One pending revision per programme; a new
    edit replaces it (the old one is kept as superseded).
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("aanbod"), on_delete=models.CASCADE, related_name="revisions"
    )
    proposed = models.JSONField(_("voorgestelde waarden"))
    status = models.CharField(
        _("status"), max_length=16, choices=RevisionStatus.choices, default=RevisionStatus.PENDING
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voorgesteld door"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("beoordeeld door"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    rejection_reason = models.TextField(_("reden van afwijzing"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
        constraints = [
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(status="wacht"),
                name="aanbod_one_pending_revision",
            )
        ]


class ChangeKind(models.TextChoices):
    CREATED = "aangemaakt", _("aangemaakt")
    APPROVED = "goedgekeurd", _("openbare wijziging, goedgekeurd")
    DIRECT = "direct", _("wijziging van een niet-openbaar concept")
    INTERNAL = "intern", _("interne gegevens")


class ProgrammeChange(models.Model):
    """One line of a programme's history: who changed what (field: old → new), when, and who
    approved it. Written in the same transaction as the change itself; never edited."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("aanbod"), on_delete=models.CASCADE, related_name="changes"
    )
    revision = models.ForeignKey(
        ProgrammeRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=16, choices=ChangeKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("goedgekeurd door"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    changed_at = models.DateTimeField(_("wanneer"), auto_now_add=True)
    # [{"field": ..., "old": ..., "new": ...}] with display values (topic and district names).
    changes = models.JSONField(_("wijzigingen"), default=list)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")
