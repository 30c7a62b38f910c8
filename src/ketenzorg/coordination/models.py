"""The case of one family ("één gezin, één plan") and everything that coordinates it.

Involvements themselves are `families.Involvement` (the basis of access, see
docs/decisions/0002); this app adds what they lack: the case, its care level and
events, coordinators, meetings, agreements, stagnation signals, matches, the
versioned plan, and the record of notifications already sent.

No view or API reads these models directly: reads go through
`coordination.selectors` (which ask `access.coordination` and write the audit
entry), writes through `coordination.services`.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenzorg.core.models import TimestampedModel


class CareLevel(models.IntegerChoices):
    MOTORKAP = 1, _("1 · motorkapoverleg")
    ZORGCOORDINATIE = 2, _("2 · zorgcoördinatie (JGZ)")
    PROCESCOORDINATIE = 3, _("3 · procescoördinatie")
    BRANDPUNT = 4, _("4 · brandpuntfunctionaris")
    CRISIS = 5, _("5 · crisisprotocol")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "gesloten", _("gesloten")


class Case(TimestampedModel):
    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    level = models.PositiveSmallIntegerField(
        _("niveau"), choices=CareLevel.choices, default=CareLevel.MOTORKAP
    )
    # What the counting rule suggests now; differs from `level` until someone confirms or overrides.
    suggested_level = models.PositiveSmallIntegerField(
        choices=CareLevel.choices, default=CareLevel.MOTORKAP
    )
    suggested_rule = models.CharField(max_length=200, blank=True)
    # Someone confirmed or overrode the current suggestion; a new suggestion asks again.
    suggestion_handled = models.BooleanField(default=True)
    level_changed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("aanleiding"), blank=True)
    opened_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="opened_cases"
    )
    opened_on = models.DateField(_("geopend op"))
    closed_on = models.DateField(_("gesloten op"), null=True, blank=True)
    crisis_started_at = models.DateTimeField(null=True, blank=True)
    crisis_started_by = models.ForeignKey(
        "network.Professional", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    crisis_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        constraints = [
            models.UniqueConstraint(
                fields=["family"], condition=Q(status="open"), name="one_open_case_per_family"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="case_level_1_to_5"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "level"]),
            # Need-to-know looks up a professional's open cases by family (access.cases_visible_to).
            models.Index(fields=["family", "status"]),
        ]

    def __str__(self):
        return f"casus {self.uuid}"

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN

    @property
    def level_pending(self) -> bool:
        """The rule suggests another level than the confirmed one (only below the judgment levels)."""
        return self.level < 4 and not self.suggestion_handled and self.suggested_level != self.level


class CoordinatorRole(models.TextChoices):
    ZORGCOORDINATOR = "zorgcoordinator", _("zorgcoördinator (JGZ)")
    PROCESCOORDINATOR = "procescoordinator", _("procescoördinator")
    BRANDPUNT = "brandpuntfunctionaris", _("brandpuntfunctionaris")


class CaseCoordinator(TimestampedModel):
    """Who coordinates, from when to when; a hand-over ends one row and starts the next."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="coordinators")
    professional = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="coordinated_cases"
    )
    role = models.CharField(_("rol"), max_length=32, choices=CoordinatorRole.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        "network.Professional", null=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("overdrachtsnotitie"), blank=True)

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "role"],
                condition=Q(ended_at__isnull=True),
                name="one_active_coordinator_per_role",
            )
        ]
        indexes = [models.Index(fields=["professional", "ended_at"])]


class EventKind(models.TextChoices):
    OPENED = "geopend", _("casus geopend")
    CLOSED = "gesloten", _("casus gesloten")
    INVOLVEMENT_ADDED = "betrokkenheid", _("betrokkenheid geregistreerd")
    INVOLVEMENT_ENDED = "betrokkenheid_beeindigd", _("betrokkenheid beëindigd")
    MATCH = "match", _("match")
    LEVEL_SUGGESTED = "niveau_voorgesteld", _("niveau voorgesteld")
    LEVEL_CHANGED = "niveau", _("niveau vastgesteld")
    COORDINATOR = "coordinator", _("coördinator")
    MEETING = "overleg", _("overleg")
    AGREEMENT = "afspraak", _("afspraak")
    STAGNATION = "stagnatie", _("stagnatiesignaal")
    ESCALATION = "opschaling", _("opschaling naar brandpuntfunctionaris")
    DECISION = "besluit", _("besluit in het belang van het kind")
    CRISIS = "crisis", _("crisisprotocol")
    PLAN = "plan", _("plan")
    PROGRAMME = "aanbod", _("aanbod gekoppeld")
    WERKPROCES = "werkproces", _("werkproces")


class CaseEvent(models.Model):
    """The case's history: who did what when, and for level changes the rule behind it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=32, choices=EventKind.choices)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        "network.Professional", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.CharField(max_length=300)
    level_from = models.PositiveSmallIntegerField(null=True, blank=True)
    level_to = models.PositiveSmallIntegerField(null=True, blank=True)
    rule = models.CharField(max_length=300, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        # A case's events newest first, the id included: the dashboard's newest events of all
        # visible cases and the case page's history come from this index alone (PostgreSQL
        # otherwise fetched every event's row to sort on its id: 7 663 at metro, 4.7 ms).
        indexes = [models.Index(fields=["case", "-occurred_at", "-id"], name="event_case_newest")]


class MeetingKind(models.TextChoices):
    MOTORKAP = "motorkapoverleg", _("motorkapoverleg")
    ZORG = "zorgoverleg", _("zorgoverleg")
    PROCES = "procesoverleg", _("procesoverleg")
    CRISIS = "crisisoverleg", _("crisisoverleg")


class MeetingStatus(models.TextChoices):
    TO_PLAN = "te_plannen", _("te plannen")
    PLANNED = "gepland", _("gepland")
    HELD = "gehouden", _("gehouden")
    CANCELLED = "geannuleerd", _("geannuleerd")


class Meeting(TimestampedModel):
    """An overleg. Reaching level 3 creates one 'te plannen' with a deadline: the procescoördinator's task."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("soort overleg"), max_length=32, choices=MeetingKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.TO_PLAN
    )
    deadline = models.DateField(_("uiterlijk op"), null=True, blank=True)
    convener = models.ForeignKey(
        "network.Professional",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="convened_meetings",
    )
    starts_at = models.DateTimeField(_("begint"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"), default=60)
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    minutes = models.TextField(_("verslag"), blank=True)
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0)  # iCalendar SEQUENCE: bumps when re-planned

    class Meta:
        ordering = ["deadline", "starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["convener", "status"]),
        ]


class MeetingInvitation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    professional = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "professional"], name="invite_once_per_meeting"
            )
        ]


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "gedaan", _("gedaan")
    CANCELLED = "geannuleerd", _("geannuleerd")


OVERDUE = "te_laat"  # shown status of an open agreement past its date; derived, never stored


class Agreement(TimestampedModel):
    """An afspraak: what, who is responsible, by when. 'Te laat' is derived from the date."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agreements")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="agreements"
    )
    what = models.CharField(_("wat"), max_length=500)
    responsible_professional = models.ForeignKey(
        "network.Professional",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    responsible_organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="agreements"
    )
    due_on = models.DateField(_("uiterlijk op"))
    status = models.CharField(
        _("status"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    created_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["case", "status", "due_on"]),
            models.Index(fields=["responsible_professional", "status"]),
        ]

    def shown_status(self, today) -> str:
        if self.status == AgreementStatus.OPEN and self.due_on < today:
            return OVERDUE
        return self.status


class AgreementCheckIn(TimestampedModel):
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="checkins")
    author = models.ForeignKey("network.Professional", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("stand van zaken"))
    status_after = models.CharField(max_length=16, choices=AgreementStatus.choices)

    class Meta:
        ordering = ["created_at", "id"]


class SignalKind(models.TextChoices):
    AGREEMENT_OVERDUE = "afspraak_te_laat", _("afspraak over de datum")
    MEETING_LATE = "overleg_te_laat", _("overleg niet gehouden voor de termijn")


class SignalStatus(models.TextChoices):
    OPEN = "open", _("open")
    ESCALATED = "opgeschaald", _("opgeschaald")
    DISMISSED = "afgehandeld", _("afgehandeld zonder opschaling")


class StagnationSignal(TimestampedModel):
    """Help stagnates: proposes escalation to level 4. One per stalled agreement or meeting (the key)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="signals")
    kind = models.CharField(max_length=32, choices=SignalKind.choices)
    key = models.CharField(max_length=80, unique=True)
    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.PROTECT, related_name="signals"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="signals"
    )
    raised_on = models.DateField()
    status = models.CharField(
        max_length=16, choices=SignalStatus.choices, default=SignalStatus.OPEN
    )
    resolved_by = models.ForeignKey(
        "network.Professional", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution = models.TextField(blank=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        indexes = [models.Index(fields=["case", "status"])]


class InvolvementMatch(TimestampedModel):
    """Verwijsindex practice: two professionals involved with the same child are told of each other."""

    person = models.ForeignKey("families.Person", on_delete=models.PROTECT, related_name="+")
    new_involvement = models.ForeignKey(
        "families.Involvement", on_delete=models.PROTECT, related_name="+"
    )
    existing_involvement = models.ForeignKey(
        "families.Involvement", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["new_involvement", "existing_involvement"], name="match_once_per_pair"
            )
        ]


class InvolvementHistory(models.Model):
    """What happened to an involvement and by whom; the row in families keeps its dates."""

    involvement = models.ForeignKey(
        "families.Involvement", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="involvement_history")
    action = models.CharField(max_length=16)  # registered | ended
    actor = models.ForeignKey("network.Professional", on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]


class InstitutionAttendance(TimestampedModel):
    """Which school, kinderdagverblijf or peuterspeelzaal a child goes to, for its JGZ contact person."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attendances")
    person = models.ForeignKey("families.Person", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "network.Institution", on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person", "institution"], name="attendance_once"
            )
        ]


class PlanVersion(TimestampedModel):
    """One version of the family's plan. Saving writes a new version; earlier ones stay readable.

    `content` holds the sections of "Het ene plan", including a snapshot of the
    family members and involved professionals as they were, so a printed old
    version says what the family was told then.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="plan_versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    author = models.ForeignKey("network.Professional", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="plan_version_number_unique")
        ]


class ProgrammeLink(TimestampedModel):
    """A programme of the catalogue put into the family's plan: to an agreement ("moeder volgt
    Samen Slapen"), to a goal of the plan, or both.

    A goal has no identity of its own (it lives in a plan version's content), so the link keeps
    the version it was made on, the goal's place there and its words: the plan shows the programme
    at every later goal with the same words, and keeps the words when the goal is rewritten. The
    programme is protected: a withdrawn programme stays readable for the plans that name it.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="programme_links")
    programme = models.ForeignKey(
        "aanbod.Programme", on_delete=models.PROTECT, related_name="case_links"
    )
    agreement = models.ForeignKey(
        Agreement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programme_links",
    )
    plan_version = models.ForeignKey(
        PlanVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    goal_index = models.PositiveSmallIntegerField(null=True, blank=True)
    goal = models.CharField(_("doel"), max_length=500, blank=True)
    linked_by = models.ForeignKey(
        "network.Professional", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agreement__isnull=False) | Q(plan_version__isnull=False),
                name="programme_link_to_agreement_or_goal",
            ),
            models.CheckConstraint(
                condition=Q(plan_version__isnull=True, goal_index__isnull=True, goal="")
                | Q(plan_version__isnull=False, goal_index__isnull=False) & ~Q(goal=""),
                name="programme_link_goal_complete",
            ),
        ]


class SentNotification(models.Model):
    """A notification once sent: the unique key makes every background pass idempotent."""

    kind = models.CharField(max_length=32)
    object_uuid = models.UUIDField()
    day = models.DateField()
    recipient = models.ForeignKey(
        "network.Professional", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_uuid", "day", "recipient"], name="notification_once_per_day"
            )
        ]
