"""Reads of the catalogue's maintenance side: the programmes a provider or the beheerder keeps,
a programme's history and proposals, the approval queue, the professionals' view and the
open-data export.

The catalogue holds no personal data, so these reads write no access-log entry; a refused
attempt is still logged by the door (through `aanbod.guards`). Kept apart from `selectors.py`
(the public search), which another part of the catalogue appends to.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext

from ketenzorg.aanbod import csv_io, guards, selectors
from ketenzorg.aanbod.models import (
    PUBLIC_FIELDS,
    Programme,
    ProgrammeChange,
    ProgrammeRevision,
    ProgrammeStatus,
    RevisionStatus,
    Topic,
)
from ketenzorg.aanbod.values import diff, public_snapshot
from ketenzorg.access import aanbod as aanbod_access
from ketenzorg.access import policy
from ketenzorg.audit.models import Action
from ketenzorg.core.errors import NotFound
from ketenzorg.core.identifiers import parse_uuid
from ketenzorg.network.models import District, Organisation

NO_PROGRAMME = "Dit aanbod bestaat niet (meer)."
NO_REVISION = "Dit voorstel bestaat niet (meer)."


def _with_relations(queryset):
    return queryset.select_related("provider").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("sort_order", "name")),
        Prefetch("districts", queryset=District.objects.order_by("name")),
    )


def maintained_programmes(*, actor, action=Action.READ):
    """The beheerder's: all; a provider's: its own organisation's. Each with `has_pending`."""
    guards.maintenance_allowed(actor=actor, action=action)
    queryset = Programme.objects.all()
    if not aanbod_access.maintains_all(actor):
        queryset = queryset.filter(provider_id=policy.professional_of(actor).organisation_id)
    pending = ProgrammeRevision.objects.filter(
        programme_id=OuterRef("pk"), status=RevisionStatus.PENDING
    )
    return _with_relations(queryset.annotate(has_pending=Exists(pending))).order_by(
        "provider__name", "sort_name", "uuid"
    )


def maintainable_organisations(*, actor) -> list[Organisation]:
    """Whom a new programme may be for: the provider's own organisation, or any for beheer."""
    guards.maintenance_allowed(actor=actor)
    if aanbod_access.maintains_all(actor):
        return list(Organisation.objects.filter(is_active=True).order_by("name"))
    return [policy.professional_of(actor).organisation]


def maintained_programme_get(*, actor, programme_uuid, action=Action.READ) -> Programme:
    message = gettext(NO_PROGRAMME)
    programme = _with_relations(
        Programme.objects.filter(uuid=parse_uuid(programme_uuid, message))
    ).first()
    if programme is None:
        guards.maintenance_allowed(actor=actor, action=action)
        raise NotFound(message)
    guards.programme_maintain_allowed(
        actor=actor, organisation_id=programme.provider_id, action=action,
        object_uuid=programme.uuid,
    )  # fmt: skip
    return programme


def pending_revision(programme: Programme) -> ProgrammeRevision | None:
    return (
        programme.revisions.filter(status=RevisionStatus.PENDING)
        .select_related("author__professional")
        .first()
    )


def programme_history(programme: Programme) -> list[ProgrammeChange]:
    return list(
        programme.changes.select_related("author__professional", "approved_by__professional")
    )


def programme_revisions(programme: Programme) -> list[ProgrammeRevision]:
    return list(
        programme.revisions.select_related(
            "author__professional", "decided_by__professional"
        ).order_by("-created_at", "-id")
    )


def approval_queue(*, actor) -> list[ProgrammeRevision]:
    guards.approval_queue_allowed(actor=actor)
    return list(
        ProgrammeRevision.objects.filter(status=RevisionStatus.PENDING)
        .select_related("programme__provider", "author__professional")
        .order_by("created_at", "id")
    )


def revision_get(*, actor, revision_uuid) -> ProgrammeRevision:
    guards.approval_queue_allowed(actor=actor)
    message = gettext(NO_REVISION)
    revision = (
        ProgrammeRevision.objects.filter(uuid=parse_uuid(revision_uuid, message))
        .select_related("programme__provider", "author__professional", "decided_by__professional")
        .first()
    )
    if revision is None:
        raise NotFound(message)
    return revision


def revision_diff(revision: ProgrammeRevision) -> list[dict]:
    """What changes for the public when it is approved: against what the public sees now, so
    the publication of a concept shows its whole content."""
    return diff(public_snapshot(revision.programme), revision.proposed)


@dataclass
class ProfessionalView:
    programme: Programme
    waiting: selectors.WaitingTime


def professional_programme_get(*, actor, programme_uuid) -> ProfessionalView:
    """A published programme with what only professionals see."""
    guards.professional_view_allowed(actor=actor, object_uuid=programme_uuid)
    programme = selectors.public_programme_get(programme_uuid=programme_uuid)
    return ProfessionalView(programme=programme, waiting=selectors.waiting_time(programme))


OPEN_DATA_FIELDS = (*PUBLIC_FIELDS, "provider", "topics", "districts")


def open_data() -> list[dict]:
    """Every published programme's public fields, with stable English names (docs/aanbod.md).
    No login: nothing here is about a person."""
    rows = []
    for p in _with_relations(Programme.objects.filter(status=ProgrammeStatus.PUBLISHED)).order_by(
        "provider__name", "sort_name", "uuid"
    ):
        row = {name: getattr(p, name) for name in PUBLIC_FIELDS}
        row["uuid"] = str(p.uuid)
        row["provider"] = p.provider.name
        row["topics"] = [t.name for t in p.topics.all()]
        row["districts"] = [d.name for d in p.districts.all()]
        rows.append(row)
    return rows


def import_reference(*, actor) -> csv_io.Reference:
    """What an import's rows are matched against: organisations, topics, districts and the
    programmes the actor keeps (a provider's own organisation only)."""
    guards.maintenance_allowed(actor=actor, action=Action.IMPORT)
    allowed = None
    if not aanbod_access.maintains_all(actor):
        allowed = {policy.professional_of(actor).organisation_id}
    districts: dict[str, list] = {}
    for district in District.objects.all():
        districts.setdefault(district.name.casefold(), []).append(district)
    programmes = Programme.objects.select_related("provider")
    if allowed is not None:
        programmes = programmes.filter(provider_id__in=allowed)
    return csv_io.Reference(
        organisations={o.name.casefold(): o for o in Organisation.objects.filter(is_active=True)},
        allowed_organisation_ids=allowed,
        topics={t.name.casefold(): t for t in Topic.objects.filter(is_active=True)},
        districts=districts,
        programmes={(p.provider_id, p.name.casefold()): p for p in programmes},
    )
