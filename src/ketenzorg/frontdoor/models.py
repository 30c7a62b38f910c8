"""The public front door (informatie en advies): where and when parents can reach an adviser,
the questions they ask online and the contact moments advisers register.

Locations, hours and topics are public information. Questions and contact moments may hold
personal data (a name, an e-mail address, a family link): professionals read them only through
`frontdoor.selectors` (which asks `access.frontdoor` and writes the audit entry) and change them
only through `frontdoor.services`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The themes are shared with the catalogue, which keeps them (decision 0015).
from ketenzorg.aanbod.models import Topic
from ketenzorg.core.models import TimestampedModel
from ketenzorg.frontdoor.rules import WEEKDAY_NAMES


class LocationKind(models.TextChoices):
    WALK_IN = "inloop", "inloopspreekuur"
    PHONE = "telefoon", "telefoonlijn"


class Location(TimestampedModel):
    """A place or line where a parent reaches an opvoedadviseur: a walk-in hour or the phone line.

    The phone line is a `Location` of kind `telefoon` so that both share one model of weekly
    hours and exceptions, and one rule for "open now / opens next".
    """

    kind = models.CharField(
        "soort", max_length=16, choices=LocationKind.choices, default=LocationKind.WALK_IN
    )
    name = models.CharField("naam", max_length=200, unique=True)
    health_centre = models.CharField("gezondheidscentrum", max_length=200, blank=True)
    street = models.CharField("straat en huisnummer", max_length=200, blank=True)
    postcode = models.CharField("postcode", max_length=7, blank=True, db_index=True)
    city = models.CharField("plaats", max_length=100, blank=True)
    district = models.ForeignKey(
        "network.District",
        verbose_name="stadsdeel",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="frontdoor_locations",
    )
    phone_number = models.CharField("telefoonnummer", max_length=32, blank=True)
    directions = models.CharField("bereikbaarheid", max_length=300, blank=True)
    closed_on_holidays = models.BooleanField("dicht op feestdagen", default=True)
    is_active = models.BooleanField("actief", default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "locatie"
        verbose_name_plural = "locaties"

    def __str__(self):
        return self.name


class OpeningHours(models.Model):
    """One weekly slot, e.g. Tuesday 09:00–11:00, and the adviser who regularly staffs it."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField("dag", choices=list(enumerate(WEEKDAY_NAMES)))
    opens = models.TimeField("van")
    closes = models.TimeField("tot")
    adviser = models.ForeignKey(
        "network.Professional",
        verbose_name="opvoedadviseur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="frontdoor_slots",
    )

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = "openingstijd"
        verbose_name_plural = "openingstijden"
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__lt=models.F("closes")), name="frontdoor_hours_open_before_close"
            ),
            models.CheckConstraint(
                condition=Q(weekday__lte=6), name="frontdoor_hours_weekday_range"
            ),
        ]


class OpeningException(TimestampedModel):
    """A day that differs from the week: closed (verbouwing, studiedag) or other hours.

    Public holidays need no row: `closed_on_holidays` covers them. A row on a holiday with
    hours opens the location anyway.
    """

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField("datum")
    is_closed = models.BooleanField("gesloten", default=True)
    opens = models.TimeField("van", null=True, blank=True)
    closes = models.TimeField("tot", null=True, blank=True)
    reason = models.CharField("reden", max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "uitzondering"
        verbose_name_plural = "uitzonderingen"
        constraints = [
            models.UniqueConstraint(
                fields=["location", "date"], name="frontdoor_exception_once_per_day"
            ),
            models.CheckConstraint(
                condition=Q(is_closed=True)
                | Q(opens__isnull=False, closes__isnull=False, opens__lt=models.F("closes")),
                name="frontdoor_exception_hours_valid",
            ),
        ]


class AskerKind(models.TextChoices):
    PARENT = "ouder", "ouder of verzorger"
    YOUTH = "jongere", "jongere"


class QuestionStatus(models.TextChoices):
    NEW = "nieuw", "nieuw"
    ASSIGNED = "opgepakt", "in behandeling"
    ANSWERED = "beantwoord", "beantwoord"
    CLOSED = "gesloten", "gesloten"


class Question(TimestampedModel):
    """A question asked online. With a name or e-mail address it is personal data."""

    reference = models.CharField("kenmerk", max_length=16, unique=True)
    asker_kind = models.CharField(
        "vraagsteller", max_length=16, choices=AskerKind.choices, default=AskerKind.PARENT
    )
    topic = models.ForeignKey(
        Topic, verbose_name="onderwerp", on_delete=models.PROTECT, related_name="questions"
    )
    text = models.TextField("vraag")
    child_age = models.PositiveSmallIntegerField("leeftijd kind")
    name = models.CharField("naam", max_length=100, blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    consent_at = models.DateTimeField("toestemming gegeven op")
    privacy_notice_version = models.CharField(max_length=16)
    status = models.CharField(
        "status", max_length=16, choices=QuestionStatus.choices, default=QuestionStatus.NEW
    )
    assigned_to = models.ForeignKey(
        "network.Professional",
        verbose_name="behandelaar",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="frontdoor_questions",
    )
    handover_note = models.CharField("overdrachtsnotitie", max_length=500, blank=True)
    answer = models.TextField("antwoord", blank=True)
    answered_by = models.ForeignKey(
        "network.Professional", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_emailed_at = models.DateTimeField(null=True, blank=True)
    answer_email_failed = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    family = models.ForeignKey(
        "families.Family",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="frontdoor_questions",
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = "online vraag"
        verbose_name_plural = "online vragen"
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["assigned_to", "status"]),
        ]

    def __str__(self):
        return self.reference

    @property
    def has_personal_data(self) -> bool:
        return bool(self.name or self.email or self.family_id)


class Channel(models.TextChoices):
    WALK_IN = "inloop", "inloopspreekuur"
    PHONE = "telefoon", "telefoon"
    ONLINE = "online", "online vraag"


class AgeGroup(models.TextChoices):
    UNDER_4 = "0-4", "0 tot 4 jaar"
    FROM_4 = "4-12", "4 tot 12 jaar"
    FROM_12 = "12-18", "12 tot 18 jaar"
    FROM_18 = "18-23", "18 tot 23 jaar"
    UNKNOWN = "onbekend", "onbekend"


class ContactOutcome(models.TextChoices):
    ADVICE = "advies", "alleen advies"
    FOLLOW_UP = "vervolg", "vervolgafspraak"
    MORE_HELP = "meer_hulp", "meer hulp geregeld"


class ContactMoment(TimestampedModel):
    """A walk-in visit, call or online question handled by an adviser. May be anonymous."""

    channel = models.CharField("kanaal", max_length=16, choices=Channel.choices)
    location = models.ForeignKey(
        Location,
        verbose_name="locatie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contact_moments",
    )
    adviser = models.ForeignKey(
        "network.Professional",
        verbose_name="opvoedadviseur",
        on_delete=models.PROTECT,
        related_name="frontdoor_contacts",
    )
    occurred_at = models.DateTimeField("moment", db_index=True)
    topics = models.ManyToManyField(
        Topic, verbose_name="onderwerpen", related_name="contact_moments"
    )
    age_group = models.CharField(
        "leeftijdsgroep", max_length=16, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN
    )
    advice = models.TextField("gegeven advies", blank=True)
    outcome = models.CharField(
        "uitkomst", max_length=16, choices=ContactOutcome.choices, default=ContactOutcome.ADVICE
    )
    visitor_name = models.CharField("naam bezoeker", max_length=150, blank=True)
    question = models.OneToOneField(
        Question, null=True, blank=True, on_delete=models.PROTECT, related_name="contact_moment"
    )
    family = models.ForeignKey(
        "families.Family",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="frontdoor_contacts",
    )

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = "contactmoment"
        verbose_name_plural = "contactmomenten"
        indexes = [models.Index(fields=["adviser", "occurred_at"])]

    def __str__(self):
        return f"{self.get_channel_display()} {self.occurred_at:%Y-%m-%d}"

    @property
    def has_personal_data(self) -> bool:
        return bool(self.visitor_name or self.family_id)


class SubmissionWindow(models.Model):
    """How many public questions one address sent in one time window (the abuse limit).

    Kept in the database, not a process cache, so every app server and worker sees the same
    count. The address is stored as a keyed hash: the limit needs to recognise an address,
    not to know it.
    """

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="frontdoor_window_unique")
        ]
        indexes = [models.Index(fields=["window_start"])]


class HandWay(models.TextChoices):
    PRINT = "afdruk", _("afgedrukt")
    MAIL = "mail", _("gemaild")


class HandedProgramme(TimestampedModel):
    """A catalogue programme an adviser handed a parent at a contact moment, printed or mailed.

    Kept so the adviser's registration shows what was handed and the signal function can count
    it. The parent's e-mail address is not kept here: it is used for the one mail and forgotten
    (the contact moment itself stores no address).
    """

    contact = models.ForeignKey(
        ContactMoment,
        verbose_name="contactmoment",
        on_delete=models.PROTECT,
        related_name="handed_programmes",
    )
    programme = models.ForeignKey(
        "aanbod.Programme", verbose_name="aanbod", on_delete=models.PROTECT, related_name="handed"
    )
    way = models.CharField("hoe", max_length=16, choices=HandWay.choices)
    handed_by = models.ForeignKey(
        "network.Professional",
        verbose_name="opvoedadviseur",
        on_delete=models.PROTECT,
        related_name="+",
    )
    mailed_at = models.DateTimeField(null=True, blank=True)
    mail_failed = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "meegegeven aanbod"
        verbose_name_plural = "meegegeven aanbod"
