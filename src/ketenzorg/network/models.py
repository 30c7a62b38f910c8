"""The care network: where, which organisations, who, and how it is governed.

These are the professional side of the system; families live in `families`.
"""

from django.conf import settings
from django.db import models

from ketenzorg.core.models import TimestampedModel


class DistrictKind(models.TextChoices):
    CITY = "stad", "stad"
    STADSDEEL = "stadsdeel", "stadsdeel"
    GEBIED = "gebied", "gebied"


class District(TimestampedModel):
    """City → stadsdeel → gebied. The gebiedsknooppunt works per stadsdeel."""

    name = models.CharField("naam", max_length=120)
    kind = models.CharField("soort", max_length=16, choices=DistrictKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="valt onder", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    postcode_prefixes = models.CharField(
        "postcodegebieden", max_length=200, blank=True, help_text="Vier cijfers, gescheiden door komma's (bijv. 1315,1316)."
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "gebied"
        verbose_name_plural = "gebieden"
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="district_unique_name_in_parent")]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class Domain(models.TextChoices):
    ZORG = "zorg", "zorg"
    ONDERWIJS = "onderwijs", "onderwijs"
    VEILIGHEID = "veiligheid", "veiligheid"
    WELZIJN = "welzijn", "welzijn"


class OrganisationKind(models.TextChoices):
    JGZ = "jgz", "jeugdgezondheidszorg (JGZ)"
    OKT = "okt", "ouder- en kindteam (OKT)"
    CJG = "cjg", "centrum voor jeugd en gezin"
    SCHOOL = "school", "school"
    KINDERDAGVERBLIJF = "kinderdagverblijf", "kinderdagverblijf"
    PEUTERSPEELZAAL = "peuterspeelzaal", "peuterspeelzaal"
    GGD = "ggd", "GGD"
    POLITIE = "politie", "politie"
    JEUGDHULPAANBIEDER = "jeugdhulpaanbieder", "jeugdhulpaanbieder"
    GGZ = "ggz", "geestelijke gezondheidszorg"
    GEMEENTE = "gemeente", "gemeente"
    WELZIJN = "welzijn", "welzijnsorganisatie"
    VEILIG_THUIS = "veilig_thuis", "Veilig Thuis"
    GEBIEDSKNOOPPUNT = "gebiedsknooppunt", "gebiedsknooppunt"
    OVERIG = "overig", "overig"


class Organisation(TimestampedModel):
    name = models.CharField("naam", max_length=200, unique=True)
    kind = models.CharField("soort", max_length=32, choices=OrganisationKind.choices)
    domains = models.JSONField("domeinen", default=list, help_text="zorg, onderwijs, veiligheid en/of welzijn")
    district = models.ForeignKey(
        District, verbose_name="werkgebied", null=True, blank=True, on_delete=models.PROTECT, related_name="organisations"
    )
    email = models.EmailField("e-mailadres", blank=True)
    phone = models.CharField("telefoon", max_length=32, blank=True)
    is_active = models.BooleanField("actief", default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"

    def __str__(self):
        return self.name

    def domain_labels(self) -> str:
        labels = dict(Domain.choices)
        return ", ".join(labels.get(d, d) for d in self.domains)


class Team(TimestampedModel):
    organisation = models.ForeignKey(Organisation, verbose_name="organisatie", on_delete=models.PROTECT, related_name="teams")
    name = models.CharField("naam", max_length=200)
    district = models.ForeignKey(
        District, verbose_name="werkgebied", null=True, blank=True, on_delete=models.PROTECT, related_name="teams"
    )

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = "team"
        verbose_name_plural = "teams"
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name_in_org")]

    def __str__(self):
        return f"{self.name} ({self.organisation.name})"


class Role(models.TextChoices):
    """The roles of DOMAIN.md "Who uses it". A professional may hold several."""

    OPVOEDADVISEUR = "opvoedadviseur", "opvoedadviseur"
    OKT = "okt", "OKT-professional"
    JGZ = "jgz", "JGZ-professional"
    ZORGCOORDINATOR = "zorgcoordinator", "zorgcoördinator (JGZ)"
    PROCESCOORDINATOR = "procescoordinator", "procescoördinator"
    BRANDPUNT = "brandpuntfunctionaris", "brandpuntfunctionaris"
    MEEDENKER = "meedenker", "meedenker/meedoener"
    AJH_VERBINDER = "ajh_verbinder", "AJH-verbinder (gebiedsknooppunt)"
    AANBIEDER = "aanbieder", "jeugdhulpaanbieder (AJH)"
    MANAGER = "manager", "manager/beleid"
    BEHEERDER = "beheerder", "functioneel beheerder"
    PRIVACY = "privacy", "privacyfunctionaris"


class ExpertiseTag(TimestampedModel):
    name = models.CharField("expertise", max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "expertise"
        verbose_name_plural = "expertises"

    def __str__(self):
        return self.name


class Professional(TimestampedModel):
    """A person working in the network, with their roles and where they work."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="professional", null=True, blank=True
    )
    first_name = models.CharField("voornaam", max_length=100)
    last_name = models.CharField("achternaam", max_length=150)
    email = models.EmailField("e-mailadres", unique=True)
    phone = models.CharField("telefoon", max_length=32, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name="organisatie", on_delete=models.PROTECT, related_name="professionals"
    )
    team = models.ForeignKey(Team, verbose_name="team", null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    expertise = models.ManyToManyField(ExpertiseTag, verbose_name="expertise", blank=True, related_name="professionals")
    areas = models.ManyToManyField(District, verbose_name="werkgebieden", blank=True, related_name="professionals")
    is_active = models.BooleanField("actief", default=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = "professional"
        verbose_name_plural = "professionals"
        indexes = [models.Index(fields=["organisation", "last_name"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

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
        return ", ".join(sorted(labels.get(r, r) for r in self.role_codes()))


class RoleAssignment(models.Model):
    professional = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("rol", max_length=32, choices=Role.choices, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["professional", "role"], name="role_once_per_professional")]

    def __str__(self):
        return self.get_role_display()


class InstitutionKind(models.TextChoices):
    SCHOOL = "school", "school"
    KINDERDAGVERBLIJF = "kinderdagverblijf", "kinderdagverblijf"
    PEUTERSPEELZAAL = "peuterspeelzaal", "peuterspeelzaal"


class Institution(TimestampedModel):
    """A school, daycare or playgroup; JGZ keeps a fixed contact person for each."""

    name = models.CharField("naam", max_length=200)
    kind = models.CharField("soort", max_length=32, choices=InstitutionKind.choices)
    district = models.ForeignKey(District, verbose_name="gebied", null=True, blank=True, on_delete=models.PROTECT)
    address = models.CharField("adres", max_length=200, blank=True)
    jgz_contact = models.ForeignKey(
        Professional,
        verbose_name="vast contactpersoon JGZ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_institutions",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "instelling"
        verbose_name_plural = "instellingen"
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="institution_unique_name_kind")]

    def __str__(self):
        return self.name


class GovernanceLevel(models.TextChoices):
    KERNGROEP = "kerngroep", "kerngroep Jeugd (strategisch)"
    ADVIESGROEP = "adviesgroep", "adviesgroep Jeugd (tactisch)"
    WERKGROEP = "werkgroep", "werkgroep OKé (operationeel)"


class GovernanceBody(TimestampedModel):
    """One tier of the OKé-netwerkoverleg."""

    level = models.CharField("niveau", max_length=16, choices=GovernanceLevel.choices, unique=True)
    name = models.CharField("naam", max_length=200)
    composition = models.CharField("samenstelling", max_length=200, blank=True)
    tasks = models.TextField("taken", blank=True)
    members = models.ManyToManyField(Professional, through="GovernanceMembership", related_name="governance_bodies")

    class Meta:
        ordering = ["level"]
        verbose_name = "overleg (netwerkoverleg)"
        verbose_name_plural = "netwerkoverleg"

    def __str__(self):
        return self.name


class GovernanceMembership(models.Model):
    body = models.ForeignKey(GovernanceBody, on_delete=models.CASCADE, related_name="memberships")
    professional = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="governance_memberships")
    function = models.CharField("functie in het overleg", max_length=100, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["body", "professional"], name="governance_member_once")]
