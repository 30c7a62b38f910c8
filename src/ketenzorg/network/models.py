"""The care network: where, which organisations, who, and how it is governed.

These are the professional side of the system; families live in `families`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenzorg.core.models import TimestampedModel


class DistrictKind(models.TextChoices):
    CITY = "stad", _("stad")
    STADSDEEL = "stadsdeel", _("stadsdeel")
    GEBIED = "gebied", _("gebied")


class District(TimestampedModel):
    """City → stadsdeel → gebied. The gebiedsknooppunt works per stadsdeel."""

    name = models.CharField(_("naam"), max_length=120)
    kind = models.CharField(_("soort"), max_length=16, choices=DistrictKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("valt onder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    postcode_prefixes = models.CharField(
        _("postcodegebieden"),
        max_length=200,
        blank=True,
        help_text=_("Vier cijfers, gescheiden door komma's (bijv. 1315,1316)."),
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="district_unique_name_in_parent"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class Domain(models.TextChoices):
    ZORG = "zorg", _("zorg")
    ONDERWIJS = "onderwijs", _("onderwijs")
    VEILIGHEID = "veiligheid", _("veiligheid")
    WELZIJN = "welzijn", _("welzijn")


class OrganisationKind(models.TextChoices):
    JGZ = "jgz", _("jeugdgezondheidszorg (JGZ)")
    OKT = "okt", _("ouder- en kindteam (OKT)")
    CJG = "cjg", _("centrum voor jeugd en gezin")
    SCHOOL = "school", _("school")
    KINDERDAGVERBLIJF = "kinderdagverblijf", _("kinderdagverblijf")
    PEUTERSPEELZAAL = "peuterspeelzaal", _("peuterspeelzaal")
    GGD = "ggd", _("GGD")
    POLITIE = "politie", _("politie")
    JEUGDHULPAANBIEDER = "jeugdhulpaanbieder", _("jeugdhulpaanbieder")
    GGZ = "ggz", _("geestelijke gezondheidszorg")
    GEMEENTE = "gemeente", _("gemeente")
    WELZIJN = "welzijn", _("welzijnsorganisatie")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    GEBIEDSKNOOPPUNT = "gebiedsknooppunt", _("gebiedsknooppunt")
    OVERIG = "overig", _("overig")


class Organisation(TimestampedModel):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=32, choices=OrganisationKind.choices)
    domains = models.JSONField(
        _("domeinen"), default=list, help_text=_("zorg, onderwijs, veiligheid en/of welzijn")
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("werkgebied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name

    def domain_labels(self) -> str:
        labels = dict(Domain.choices)
        return ", ".join(str(labels.get(d, d)) for d in self.domains)


class Team(TimestampedModel):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("naam"), max_length=200)
    district = models.ForeignKey(
        District,
        verbose_name=_("werkgebied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="teams",
    )

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name_in_org")
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation.name})"


class Role(models.TextChoices):
    """The roles of DOMAIN.md "Who uses it". A professional may hold several."""

    OPVOEDADVISEUR = "opvoedadviseur", _("opvoedadviseur")
    OKT = "okt", _("OKT-professional")
    JGZ = "jgz", _("JGZ-professional")
    ZORGCOORDINATOR = "zorgcoordinator", _("zorgcoördinator (JGZ)")
    PROCESCOORDINATOR = "procescoordinator", _("procescoördinator")
    BRANDPUNT = "brandpuntfunctionaris", _("brandpuntfunctionaris")
    MEEDENKER = "meedenker", _("meedenker/meedoener")
    AJH_VERBINDER = "ajh_verbinder", _("AJH-verbinder (gebiedsknooppunt)")
    AANBIEDER = "aanbieder", _("jeugdhulpaanbieder (AJH)")
    MANAGER = "manager", _("manager/beleid")
    BEHEERDER = "beheerder", _("functioneel beheerder")
    PRIVACY = "privacy", _("privacyfunctionaris")
    AUTORISATIEBEHEERDER = "autorisatiebeheerder", _("autorisatiebeheerder")


class ExpertiseTag(TimestampedModel):
    name = models.CharField(_("expertise"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("expertise")
        verbose_name_plural = _("expertises")

    def __str__(self):
        return self.name


class Professional(TimestampedModel):
    """A person working in the network, with their roles and where they work."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="professional",
        null=True,
        blank=True,
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    email = models.EmailField(_("e-mailadres"), unique=True)
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="professionals",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    expertise = models.ManyToManyField(
        ExpertiseTag, verbose_name=_("expertise"), blank=True, related_name="professionals"
    )
    areas = models.ManyToManyField(
        District, verbose_name=_("werkgebieden"), blank=True, related_name="professionals"
    )
    is_active = models.BooleanField(_("actief"), default=True)
    # The expertise directory: whether the professional takes meedenken/meedoen questions,
    # and when. Kept by the professional themselves (or the beheerder); proposals put the
    # available ones first.
    available_for_consultation = models.BooleanField(
        _("beschikbaar voor meedenken en meedoen"), default=False
    )
    availability_note = models.CharField(_("beschikbaarheid"), max_length=200, blank=True)
    available_from = models.DateField(_("beschikbaar vanaf"), null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")
        indexes = [models.Index(fields=["organisation", "last_name"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def is_available(self, today) -> bool:
        """Takes questions now: marked available and, if a start date is set, from then on."""
        return self.available_for_consultation and (
            self.available_from is None or self.available_from <= today
        )

    def role_codes(self) -> set[str]:
        """The roles, read once per instance (prefetch `role_assignments` in lists)."""
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            cached = {a.role for a in self.role_assignments.all()}
            self._role_codes = cached
        return cached

    def has_role(self, *codes: str) -> bool:
        return bool(self.role_codes() & set(codes))

    def role_labels(self) -> str:
        labels = dict(Role.choices)
        return ", ".join(sorted(str(labels.get(r, r)) for r in self.role_codes()))


class RoleAssignment(models.Model):
    professional = models.ForeignKey(
        Professional, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["professional", "role"], name="role_once_per_professional"
            )
        ]

    def __str__(self):
        return self.get_role_display()


class InstitutionKind(models.TextChoices):
    SCHOOL = "school", _("school")
    KINDERDAGVERBLIJF = "kinderdagverblijf", _("kinderdagverblijf")
    PEUTERSPEELZAAL = "peuterspeelzaal", _("peuterspeelzaal")


class Institution(TimestampedModel):
    """A school, daycare or playgroup; JGZ keeps a fixed contact person for each."""

    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=32, choices=InstitutionKind.choices)
    district = models.ForeignKey(
        District, verbose_name=_("gebied"), null=True, blank=True, on_delete=models.PROTECT
    )
    address = models.CharField(_("adres"), max_length=200, blank=True)
    jgz_contact = models.ForeignKey(
        Professional,
        verbose_name=_("vast contactpersoon JGZ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_institutions",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("instelling")
        verbose_name_plural = _("instellingen")
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="institution_unique_name_kind")
        ]

    def __str__(self):
        return self.name


class GovernanceLevel(models.TextChoices):
    KERNGROEP = "kerngroep", _("kerngroep Jeugd (strategisch)")
    ADVIESGROEP = "adviesgroep", _("adviesgroep Jeugd (tactisch)")
    WERKGROEP = "werkgroep", _("werkgroep OKé (operationeel)")


class GovernanceBody(TimestampedModel):
    """One tier of the OKé-netwerkoverleg."""

    level = models.CharField(
        _("niveau"), max_length=16, choices=GovernanceLevel.choices, unique=True
    )
    name = models.CharField(_("naam"), max_length=200)
    composition = models.CharField(_("samenstelling"), max_length=200, blank=True)
    tasks = models.TextField(_("taken"), blank=True)
    members = models.ManyToManyField(
        Professional, through="GovernanceMembership", related_name="governance_bodies"
    )

    class Meta:
        ordering = ["level"]
        verbose_name = _("overleg (netwerkoverleg)")
        verbose_name_plural = _("netwerkoverleg")

    def __str__(self):
        return self.name


class GovernanceMembership(models.Model):
    body = models.ForeignKey(GovernanceBody, on_delete=models.CASCADE, related_name="memberships")
    professional = models.ForeignKey(
        Professional, on_delete=models.PROTECT, related_name="governance_memberships"
    )
    function = models.CharField(_("functie in het overleg"), max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "professional"], name="governance_member_once")
        ]
