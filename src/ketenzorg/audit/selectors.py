"""Reading the access log: only for the privacy officer, and itself logged by the caller."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from ketenzorg.audit.models import AuditEntry, AuditSubject


def access_log_for_person(*, person) -> QuerySet:
    """Every entry that touched this person, directly or through their family."""
    touched = AuditSubject.objects.filter(entry=OuterRef("pk")).filter(
        Q(kind="person", subject_uuid=person.uuid)
        | Q(kind="family", subject_uuid=person.family.uuid)
    )
    return AuditEntry.objects.filter(Exists(touched)).order_by("-id")
