"""Writing a programme: the beheerder check first, then validation, then one transaction with the
row, its search terms (and so, on SQLite, its FTS5 entry through the triggers) and its log entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.aanbod import guards, rules
from ketenzorg.aanbod.models import (
    AccessRoute,
    Audience,
    IjwCategory,
    Programme,
    ProgrammeStatus,
    Topic,
)
from ketenzorg.aanbod.search.analyzer import as_column, fold, index_terms
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.network.models import District, Organisation

NOT_SAVED = _("Het aanbod is niet opgeslagen: controleer de gemarkeerde velden.")
_AGE_MESSAGES = {
    "missing": _("Vul een leeftijd van en tot in."),
    "bounds": _("Een leeftijd ligt tussen 0 en 27 jaar."),
    "order": _("De leeftijd 'van' is hoger dan de leeftijd 'tot'."),
}


@dataclass
class ProgrammeInput:
    provider: Organisation
    name: str
    description: str
    audience: str
    min_age: int
    max_age: int
    access_route: str
    topics: list[Topic] = field(default_factory=list)
    districts: list[District] = field(default_factory=list)
    location: str = ""
    schedule: str = ""
    costs: str = ""
    languages: str = "Nederlands"
    contact_phone: str = ""
    contact_email: str = ""
    website: str = ""
    waiting_weeks: int | None = None
    waiting_confirmed_on: date | None = None
    capacity: str = ""
    internal_notes: str = ""
    internal_contact: str = ""
    ijw_category: str = ""
    status: str = ProgrammeStatus.DRAFT


def search_columns(*, name: str, description: str, topic_names: list[str], provider_name: str,
                   location: str = "") -> dict[str, str]:  # fmt: skip
    """The stored search terms of a programme: the name alone (for ranking) and everything a
    parent may search on. Internal notes are never searchable on the public side."""
    return {
        "sort_name": fold(" ".join(name.split()))[:200],
        "name_terms": as_column(index_terms(name)),
        "search_terms": as_column(
            index_terms(name, description, " ".join(topic_names), provider_name, location)
        ),
    }


def _errors(data: ProgrammeInput, programme: Programme | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name, message):
        errors.setdefault(name, []).append(str(message))

    name = " ".join((data.name or "").split())
    if not name:
        add("name", _("Vul een naam in."))
    elif len(name) > 200:
        add("name", gettext("Gebruik hoogstens %(max)s tekens.") % {"max": 200})
    elif (
        Programme.objects.filter(provider=data.provider, name__iexact=name)
        .exclude(pk=getattr(programme, "pk", None))
        .exists()
    ):
        add("name", _("Deze aanbieder heeft al aanbod met deze naam."))
    if not (data.description or "").strip():
        add("description", _("Beschrijf in gewone taal wat het aanbod is."))
    if data.audience not in Audience.values:
        add("audience", _("Kies voor wie het aanbod is."))
    if data.access_route not in AccessRoute.values:
        add("access_route", _("Kies hoe een gezin erin komt."))
    if data.ijw_category and data.ijw_category not in IjwCategory.values:
        add("ijw_category", _("Kies een iJw-productcategorie uit de lijst."))
    if data.status not in ProgrammeStatus.values:
        add("status", _("Kies een status."))
    problem = rules.age_range_problem(data.min_age, data.max_age)
    if problem:
        add("min_age", _AGE_MESSAGES[problem])
    if data.waiting_weeks is not None and data.waiting_confirmed_on is None:
        add("waiting_confirmed_on", _("Vul in wanneer de wachttijd is bevestigd."))
    return errors


@transaction.atomic
def _write(*, actor, data: ProgrammeInput, programme: Programme | None) -> Programme:
    creating = programme is None
    programme = programme or Programme()
    values = {k: v for k, v in vars(data).items() if k not in {"topics", "districts"}}
    values["name"] = " ".join(data.name.split())
    for name, value in values.items():
        setattr(programme, name, value)
    programme.__dict__.update(
        search_columns(
            name=programme.name,
            description=programme.description,
            topic_names=[t.name for t in data.topics],
            provider_name=data.provider.name,
            location=programme.location,
        )
    )
    programme.save()
    programme.topics.set(data.topics)
    programme.districts.set(data.districts)
    audit_record(
        actor=actor,
        action=Action.CREATE if creating else Action.UPDATE,
        object_type="aanbod.Programme",
        object_uuid=programme.uuid,
        basis=Basis.ROLE,
        reason=f"status {programme.status}",
    )
    return programme


def programme_save(*, actor, data: ProgrammeInput, programme: Programme | None = None) -> Programme:
    """Create or change a programme (the beheerder; refused attempts are logged by the door)."""
    guards.catalogue_manage_allowed(
        actor=actor,
        action=Action.UPDATE if programme else Action.CREATE,
        object_uuid=programme.uuid if programme else "",
    )
    errors = _errors(data, programme)
    if errors:
        raise ValidationFailed(NOT_SAVED, field_errors=errors)
    return _write(actor=actor, data=data, programme=programme)


def programme_set_status(*, actor, programme: Programme, status: str) -> Programme:
    guards.catalogue_manage_allowed(actor=actor, object_uuid=programme.uuid)
    if status not in ProgrammeStatus.values:
        raise ValidationFailed(NOT_SAVED, field_errors={"status": [gettext("Kies een status.")]})
    with transaction.atomic():
        programme.status = status
        programme.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor, action=Action.UPDATE, object_type="aanbod.Programme",
            object_uuid=programme.uuid, basis=Basis.ROLE, reason=f"status {status}",
        )  # fmt: skip
    return programme


def programmes_reindex(*, batch_size: int = 500) -> int:
    """Analyse every programme again (after a change of the analyzer or its lexicon); returns
    how many terms columns changed. No actor: run by an operator from the command line."""
    changed = 0
    queryset = Programme.objects.select_related("provider").prefetch_related("topics")
    with transaction.atomic():
        for programme in queryset.iterator(chunk_size=batch_size):
            columns = search_columns(
                name=programme.name, description=programme.description,
                topic_names=[t.name for t in programme.topics.all()],
                provider_name=programme.provider.name, location=programme.location,
            )  # fmt: skip
            if any(getattr(programme, k) != v for k, v in columns.items()):
                Programme.objects.filter(pk=programme.pk).update(**columns)
                changed += 1
        if changed:
            audit_record(
                actor=None, action=Action.UPDATE, object_type="aanbod.Programme",
                reason=f"zoektermen opnieuw bepaald: {changed}",
            )  # fmt: skip
    return changed
