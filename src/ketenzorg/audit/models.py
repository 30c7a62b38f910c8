"""The NEN 7513 access log.

Signal-based audit packages miss reads, searches and refusals, so entries are
written explicitly at the one door (selectors and services). Each entry holds
who, whose data, what, when, from where and on which basis, never the content.
Entries are chained by a keyed hash (HMAC, the key from the environment) and the
chain is anchored in a file outside the database: `ketenzorg audit verify` finds
any entry that was changed or removed afterwards, and a cut-off or emptied log.
Database triggers (see the migration) refuse UPDATE and DELETE, so only someone
who disables them can tamper, and the chain still tells.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    READ = "read", _("inzien")
    SEARCH = "search", _("zoeken")
    CREATE = "create", _("aanmaken")
    UPDATE = "update", _("wijzigen")
    DELETE = "delete", _("verwijderen")
    EXPORT = "export", _("exporteren")
    PRINT = "print", _("afdrukken")
    LOGIN = "login", _("inloggen")
    LOGOUT = "logout", _("uitloggen")
    MFA = "mfa", _("tweede factor")
    IMPORT = "import", _("importeren")
    EMERGENCY = "emergency", _("noodtoegang")


class Outcome(models.TextChoices):
    SUCCESS = "success", _("gelukt")
    DENIED = "denied", _("geweigerd")
    FAILURE = "failure", _("mislukt")


class Basis(models.TextChoices):
    INVOLVEMENT = "involvement", _("betrokkenheid")
    CONSENT = "consent", _("toestemming")
    # The meedenker of a consultation, for its period and grace (werkproces).
    CONSULTATION = "consultation", _("consultatie")
    # An AJH-verbinder of the stadsdeel, reading the agenda of its GKP-overleg (werkproces).
    GKP_OVERLEG = "gkp_overleg", _("GKP-overleg")
    # The gebiedsknooppunt of the stadsdeel a referral was sent to, and the provider it was
    # forwarded to (verwijzing).
    REFERRAL = "referral", _("verwijzing")
    BREAK_THE_GLASS = "break_the_glass", _("noodtoegang")
    ROLE = "role", _("rol")
    NONE = "none", _("geen")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Het toegangslog is alleen-toevoegen.")

    def delete(self):
        raise PermissionError("Het toegangslog is alleen-toevoegen.")


class AuditEntry(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occurred_at = models.DateTimeField(db_index=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    user_id_snapshot = models.BigIntegerField(null=True)
    username = models.CharField(max_length=150, blank=True)
    user_role = models.CharField(max_length=200, blank=True)
    user_organisation = models.CharField(max_length=200, blank=True)
    on_behalf_of = models.CharField(max_length=200, blank=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_uuid = models.CharField(max_length=64, blank=True)
    source_address = models.CharField(max_length=64, blank=True)
    channel = models.CharField(max_length=16, blank=True)
    basis = models.CharField(max_length=24, choices=Basis.choices, default=Basis.NONE)
    reason = models.CharField(max_length=500, blank=True)
    prev_hash = models.CharField(max_length=64)
    # Which key of KETENZORG_AUDIT_KEYS made entry_hash; "" for entries from before keying.
    key_id = models.CharField(max_length=16, blank=True, default="")
    entry_hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("logregel")
        verbose_name_plural = _("logregels")
        indexes = [
            # How often a break of the glass was used (privacy.selectors): one holder's entries
            # with that basis inside a 24-hour window. By user alone, or by time alone, the
            # lookup walks a year of the holder's looks or a day of the whole city's, per grant.
            models.Index(
                fields=["user_id_snapshot", "basis", "occurred_at"], name="audit_user_basis_at"
            ),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Het toegangslog is alleen-toevoegen.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Het toegangslog is alleen-toevoegen.")


class AuditSubject(models.Model):
    """A person (or family) whose data the entry touched: the NEN 7513 'client'."""

    entry = models.ForeignKey(AuditEntry, on_delete=models.PROTECT, related_name="subjects")
    subject_uuid = models.UUIDField(db_index=True)
    kind = models.CharField(max_length=16)  # person | family

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]


class ChainHead(models.Model):
    """The last entry's hash; one row, locked while appending so the chain stays linear."""

    last_entry_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
