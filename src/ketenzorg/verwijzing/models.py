"""The referral to aanvullende jeugdhulp and the documents it carries.

- `PerspectiefplanVersion`: the family's perspectiefplan (its three parts), every save a new
  version; a version made definitive records when the family agreed. Never rewritten.
- `Voorziening` with its append-only `VoorzieningChange` history: provisional first, definitive
  later, every change kept.
- `Referral` with its append-only `ReferralEvent` history: the state is stored for lists, the
  events are the truth (`rules.replay` gives the same state; a test checks it). The first time of
  each milestone is kept on the row for the signal function.
- `ReferralDocument`: a rendered document (the verwijsformat, a definitive perspectiefplan or
  voorziening) sealed in the document store, and to whom it is released; every download is a
  `DocumentDelivery` (what a provider already has stays recorded after a consent is withdrawn).

Reads go through `verwijzing.selectors`, writes through `verwijzing.services`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenzorg.aanbod.models import IjwCategory
from ketenzorg.core.fields import EncryptedJSONField
from ketenzorg.core.models import TimestampedModel
from ketenzorg.verwijzing import rules
from ketenzorg.werkproces.models import AppendOnlyModel

FORM_PURPOSE = "verwijsformat"


class LifeDomain(models.TextChoices):
    """The life domains of the analysis, per family member (the regional perspectiefplan)."""

    PARENTING = "opvoeding", _("opvoeding en gezinsrelaties")
    DEVELOPMENT = "ontwikkeling", _("ontwikkeling van het kind")
    HEALTH = "gezondheid", _("lichamelijke gezondheid")
    MENTAL = "psychisch", _("psychisch welbevinden")
    SCHOOL = "school", _("school, werk of dagbesteding")
    NETWORK = "netwerk", _("sociaal netwerk en vrije tijd")
    HOUSING = "wonen", _("wonen")
    MONEY = "financien", _("financiën")
    SAFETY = "veiligheid", _("veiligheid")


class PlanStatus(models.TextChoices):
    DRAFT = "concept", _("concept")
    DEFINITIVE = "definitief", _("definitief")


class AgreementMethod(models.TextChoices):
    VERBAL = "mondeling", _("mondeling ingestemd")
    SIGNED = "ondertekend", _("ondertekend")


class PerspectiefplanVersion(TimestampedModel):
    """One version of the case's perspectiefplan. Saving writes the next version; only the
    status of a concept changes, once, when it is made definitive (its words never)."""

    case = models.ForeignKey(
        "coordination.Case", on_delete=models.PROTECT, related_name="perspectiefplan_versions"
    )
    number = models.PositiveIntegerField()
    family_question = models.TextField(_("hulpvraag in de woorden van het gezin"))
    # [{"member": uuid, "name": "...", "domains": {LifeDomain: text}}]
    analysis = models.JSONField(_("analyse per gezinslid"), default=list)
    # [{"action": "...", "who": "...", "specialist_help": "...", "results": "..."}]
    agreements = models.JSONField(_("afspraken"), default=list)
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    written_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )
    family_agreed_on = models.DateField(_("gezin stemde in op"), null=True, blank=True)
    family_agreement = models.CharField(
        _("hoe het gezin instemde"), max_length=16, choices=AgreementMethod.choices, blank=True
    )
    definitive_at = models.DateTimeField(null=True, blank=True)
    definitive_by = models.ForeignKey(
        "network.Professional", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="perspectiefplan_number"),
            models.CheckConstraint(
                condition=Q(status=PlanStatus.DRAFT)
                | Q(family_agreed_on__isnull=False, definitive_at__isnull=False)
                & ~Q(family_agreement=""),
                name="perspectiefplan_definitive_agreed",
            ),
        ]


class ProvisionForm(models.TextChoices):
    IN_KIND = "natura", _("zorg in natura")
    PGB = "pgb", _("persoonsgebonden budget (pgb)")


class VolumeUnit(models.TextChoices):
    """Units of the iJw scope (codelijst eenheid), the few a referral uses."""

    MINUTE = "01", _("minuten")
    HOUR = "04", _("uren")
    DAYPART = "14", _("dagdelen")
    DAY = "16", _("etmalen")
    PIECE = "83", _("stuks")


class Frequency(models.TextChoices):
    """The period of the scope (iJw codelijst frequentie)."""

    WEEK = "2", _("per week")
    MONTH = "4", _("per maand")
    TOTAL = "6", _("totaal binnen de geldigheidsduur")


class VoorzieningStatus(models.TextChoices):
    PROVISIONAL = "voorlopig", _("voorlopig")
    DEFINITIVE = "definitief", _("definitief")


class Voorziening(TimestampedModel):
    """The individual provision for the youth: what kind, how much, from when to when."""

    case = models.ForeignKey(
        "coordination.Case", on_delete=models.PROTECT, related_name="voorzieningen"
    )
    child = models.ForeignKey(
        "families.Person", verbose_name=_("jeugdige"), on_delete=models.PROTECT, related_name="+"
    )
    form = models.CharField(_("vorm"), max_length=8, choices=ProvisionForm.choices)
    ijw_category = models.CharField(
        _("iJw-productcategorie"), max_length=2, choices=IjwCategory.choices
    )
    product_code = models.CharField(_("productcode"), max_length=5, blank=True)
    volume = models.PositiveIntegerField(_("omvang"))
    unit = models.CharField(_("eenheid"), max_length=2, choices=VolumeUnit.choices)
    frequency = models.CharField(_("per"), max_length=1, choices=Frequency.choices)
    starts_on = models.DateField(_("ingangsdatum"))
    ends_on = models.DateField(_("einddatum"))
    note = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=VoorzieningStatus.choices,
        default=VoorzieningStatus.PROVISIONAL,
    )
    created_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )
    # The number of changes so far: a form posted against an older version is refused (409).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="voorziening_period"
            ),
            models.CheckConstraint(condition=Q(volume__gt=0), name="voorziening_volume"),
        ]


class VoorzieningChange(AppendOnlyModel):
    """The voorziening as it was after each change: its history stays when it is changed."""

    voorziening = models.ForeignKey(Voorziening, on_delete=models.PROTECT, related_name="changes")
    version = models.PositiveIntegerField()
    snapshot = models.JSONField()
    status = models.CharField(max_length=16, choices=VoorzieningStatus.choices)
    changed_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["version"]
        constraints = [
            models.UniqueConstraint(fields=["voorziening", "version"], name="voorziening_change")
        ]


class ReferralStatus(models.TextChoices):
    DRAFT = rules.DRAFT, _("concept")
    SENT = rules.SENT, _("verzonden naar het gebiedsknooppunt")
    MATCHING = rules.MATCHING, _("gebiedsknooppunt zoekt een aanbieder")
    MATCHED = rules.MATCHED, _("aanbieder gevonden, teruggemeld")
    FORWARDED = rules.FORWARDED, _("doorgestuurd, wacht op de aanbieder")
    ACCEPTED = rules.ACCEPTED, _("geaccepteerd door de aanbieder")
    CONTACTED = rules.CONTACTED, _("aanbieder heeft contact met het gezin")
    IN_CARE = rules.IN_CARE, _("hulp gestart")
    ENDED = rules.ENDED, _("hulp beëindigd")
    WITHDRAWN = rules.WITHDRAWN, _("ingetrokken")


class ReferralAction(models.TextChoices):
    SEND = rules.SEND, _("verzonden")
    TAKE = rules.TAKE, _("opgepakt door het gebiedsknooppunt")
    MATCH = rules.MATCH, _("aanbieder gevonden en teruggemeld")
    FORWARD = rules.FORWARD, _("doorgestuurd naar de aanbieder")
    ACCEPT = rules.ACCEPT, _("geaccepteerd")
    DECLINE = rules.DECLINE, _("afgewezen door de aanbieder")
    FIRST_CONTACT = rules.FIRST_CONTACT, _("eerste contact met het gezin")
    START_CARE = rules.START_CARE, _("hulp gestart")
    END_CARE = rules.END_CARE, _("hulp beëindigd")
    WITHDRAW = rules.WITHDRAW, _("ingetrokken")


class Party(models.TextChoices):
    PROFESSIONAL = rules.PROFESSIONAL, _("professional")
    VERBINDER = rules.VERBINDER, _("gebiedsknooppunt")
    PROVIDER = rules.PROVIDER, _("aanbieder")


# The states in which each party outside the case sees a referral (for `access.verwijzing`,
# which reads models only).
AT_GKP = rules.AT_GKP
WITH_PROVIDER = rules.WITH_PROVIDER


class RequestKind(models.TextChoices):
    CHOSEN = "aanbieder", _("de professional koos een aanbieder")
    MATCH = "match", _("verzoek aan het gebiedsknooppunt om een match")


class Referral(TimestampedModel):
    """One referral of one youth to aanvullende jeugdhulp, from draft to the end of care."""

    case = models.ForeignKey(
        "coordination.Case", on_delete=models.PROTECT, related_name="referrals"
    )
    child = models.ForeignKey(
        "families.Person", verbose_name=_("jeugdige"), on_delete=models.PROTECT, related_name="+"
    )
    voorziening = models.ForeignKey(
        Voorziening, verbose_name=_("voorziening"), on_delete=models.PROTECT, related_name="+"
    )
    # The gebiedsknooppunt it goes to: the stadsdeel's AJH-verbinders.
    stadsdeel = models.ForeignKey(
        "network.District", verbose_name=_("stadsdeel"), on_delete=models.PROTECT, related_name="+"
    )
    referred_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="referrals_made"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ReferralStatus.choices,
        default=ReferralStatus.DRAFT,
        db_index=True,
    )
    request_kind = models.CharField(_("verzoek"), max_length=16, choices=RequestKind.choices)
    requested_programme = models.ForeignKey(
        "aanbod.Programme",
        verbose_name=_("gekozen aanbod"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The verwijsformat: {rules.FORM_KEYS: text}; filled from the dossier, completed by hand.
    # It holds the BSN and the family's story: encrypted at rest like the documents.
    form = EncryptedJSONField(default=dict, purpose=FORM_PURPOSE)
    matched_programme = models.ForeignKey(
        "aanbod.Programme",
        verbose_name=_("gematcht aanbod"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    provider = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("aanbieder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    match_note = models.TextField(_("terugmelding aan de professional"), blank=True)
    assignment_number = models.CharField(_("toewijzingsnummer"), max_length=20, blank=True)
    # The first time of each milestone (rules.MILESTONES), for the signal function.
    sent_at = models.DateTimeField(null=True, blank=True)
    matched_at = models.DateTimeField(null=True, blank=True)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    care_started_on = models.DateField(null=True, blank=True)
    care_ended_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["stadsdeel", "status"], name="referral_inbox"),
            models.Index(fields=["provider", "status"], name="referral_provider"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(request_kind=RequestKind.CHOSEN)
                | Q(requested_programme__isnull=False),
                name="referral_chosen_has_programme",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(rules.WITH_PROVIDER)) | Q(provider__isnull=False),
                name="referral_with_provider_has_provider",
            ),
        ]

    def __str__(self):
        return f"verwijzing {self.uuid}"


class ReferralEvent(AppendOnlyModel):
    """One step of the chain: who, when, from which state to which, and why."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    action = models.CharField(max_length=16, choices=ReferralAction.choices)
    party = models.CharField(max_length=16)
    from_status = models.CharField(max_length=16, choices=ReferralStatus.choices)
    to_status = models.CharField(max_length=16, choices=ReferralStatus.choices)
    actor = models.ForeignKey("network.Professional", on_delete=models.PROTECT, related_name="+")
    # The provider matched, forwarded to, or declining.
    organisation = models.ForeignKey(
        "network.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    occurred_at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["referral", "seq"], name="referral_event")]


class DocumentKind(models.TextChoices):
    FORM = "verwijsformat", _("verwijsformat")
    PLAN = "perspectiefplan", _("perspectiefplan")
    PROVISION = "voorziening", _("voorziening")


class DocumentState(models.TextChoices):
    QUEUED = "wachtrij", _("wordt gemaakt")
    READY = "klaar", _("klaar")
    FAILED = "mislukt", _("mislukt")


class ReferralDocument(TimestampedModel):
    """A document of the referral, rendered in the background and sealed in the store.

    `released_to_provider` is the professional's release to the provider (the verwijsformat on
    forwarding; the definitive perspectiefplan and voorziening when the provider asks for them).
    """

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    # Which version it renders: the plan version number, the voorziening version, the referral's.
    source_version = models.PositiveIntegerField()
    state = models.CharField(
        max_length=16, choices=DocumentState.choices, default=DocumentState.QUEUED
    )
    sealed = models.OneToOneField(
        "documents.SealedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referral_document",
    )
    released_to_provider = models.BooleanField(default=False)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "kind", "source_version"], name="referral_document_once"
            )
        ]


class DocumentRequest(TimestampedModel):
    """The provider asks for the definitive perspectiefplan or voorziening. Fulfilled at once when
    a definitive version exists, otherwise when the professional makes it definitive."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    requested_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    document = models.ForeignKey(
        ReferralDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    fulfilled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=DocumentKind.FORM), name="document_request_plan_or_provision"
            )
        ]


class DocumentDelivery(AppendOnlyModel):
    """A document opened or downloaded: what each party already has stays recorded."""

    document = models.ForeignKey(
        ReferralDocument, on_delete=models.PROTECT, related_name="deliveries"
    )
    professional = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    delivered_at = models.DateTimeField()
