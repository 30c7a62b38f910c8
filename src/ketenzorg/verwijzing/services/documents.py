"""The referral's documents: made when the chain needs them, rendered and sealed in the
background, released to the provider by the professional's definitive versions, opened through
the guard with every open recorded.

A document row is written in the step's transaction (state "wordt gemaakt"); the rendering runs
as queued work after the commit (`verwijzing.tasks`), so a rolled-back step renders nothing and
a failing renderer is retried without undoing the step.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.audit.models import Action
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.documents import vault
from ketenzorg.verwijzing import guards, render, rules
from ketenzorg.verwijzing.models import (
    DocumentDelivery,
    DocumentKind,
    DocumentRequest,
    DocumentState,
    Party,
    PerspectiefplanVersion,
    PlanStatus,
    Referral,
    ReferralDocument,
    Voorziening,
    VoorzieningChange,
    VoorzieningStatus,
)
from ketenzorg.verwijzing.services._common import audit_write, professional_of


def _queue_render(document: ReferralDocument) -> None:
    from ketenzorg.verwijzing import tasks  # the task module imports this one

    tasks.enqueue_render(document)


def document_for(referral: Referral, kind: str, source_version: int, *, release: bool, now):
    """The document of this version, made once; released to the provider when asked."""
    document, created = ReferralDocument.objects.get_or_create(
        referral=referral, kind=kind, source_version=source_version
    )
    if release and not document.released_to_provider:
        document.released_to_provider = True
        document.released_at = now
        document.save(update_fields=["released_to_provider", "released_at", "updated_at"])
    if created:
        _queue_render(document)
    return document


def _definitive_version(referral: Referral, kind: str) -> int | None:
    if kind == DocumentKind.PLAN:
        version = (
            PerspectiefplanVersion.objects.filter(
                case_id=referral.case_id, status=PlanStatus.DEFINITIVE
            )
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        return version
    voorziening = Voorziening.objects.get(pk=referral.voorziening_id)
    return voorziening.version if voorziening.status == VoorzieningStatus.DEFINITIVE else None


def fulfil_requests(*, case, kind: str, now) -> int:
    """The provider's open requests for this kind on the case's referrals, answered with the
    definitive version now that there is one. Called inside the making-definitive transaction."""
    fulfilled = 0
    open_requests = DocumentRequest.objects.filter(
        referral__case=case,
        referral__status__in=sorted(rules.WITH_PROVIDER),
        kind=kind,
        fulfilled_at__isnull=True,
    ).select_related("referral")
    for request in open_requests:
        version = _definitive_version(request.referral, kind)
        if version is None:
            continue
        request.document = document_for(request.referral, kind, version, release=True, now=now)
        request.fulfilled_at = now
        request.save(update_fields=["document", "fulfilled_at", "updated_at"])
        fulfilled += 1
    return fulfilled


def documents_request(*, actor, referral_uuid, kinds, now=None) -> list[DocumentRequest]:
    """The provider asks for the definitive perspectiefplan and/or voorziening. Released at once
    when the professional made them definitive, otherwise as soon as they do."""
    now = now or timezone.now()
    kinds = sorted(set(kinds or ()))
    if not kinds or not set(kinds) <= {DocumentKind.PLAN, DocumentKind.PROVISION}:
        message = gettext("Kies het perspectiefplan, de voorziening of beide.")
        raise ValidationFailed(message, field_errors={"kinds": [message]})
    referral, party, decision = guards.referral_get_for_step(
        actor=actor, referral_uuid=referral_uuid, action=Action.CREATE
    )
    if party != Party.PROVIDER:
        raise Conflict(gettext("Alleen de aanbieder vraagt deze documenten op."))
    guards.provider_documents_allowed(actor=actor, referral=referral)
    with transaction.atomic():
        referral = guards.referral_relock(actor=actor, referral=referral, party=party)
        made = []
        for kind in kinds:
            if DocumentRequest.objects.filter(
                referral=referral, kind=kind, fulfilled_at__isnull=True
            ).exists():
                continue
            request = DocumentRequest.objects.create(
                referral=referral, kind=kind, requested_by=professional_of(actor), requested_at=now
            )
            version = _definitive_version(referral, kind)
            if version is not None:
                request.document = document_for(referral, kind, version, release=True, now=now)
                request.fulfilled_at = now
                request.save(update_fields=["document", "fulfilled_at", "updated_at"])
            made.append(request)
        audit_write(
            actor,
            Action.CREATE,
            referral.case,
            decision,
            object_type="verwijzing.DocumentRequest",
            object_uuid=referral.uuid,
            reason="opgevraagd: " + ", ".join(kinds),
        )
    return made


def document_render(document_uuid) -> bool:
    """Render and seal one document (the queued work). Idempotent: a document already sealed is
    left as it is; True when this call sealed it."""
    with transaction.atomic():
        document = (
            ReferralDocument.objects.select_for_update(of=("self",))
            .select_related("referral__case__family", "referral__child")
            .filter(uuid=document_uuid)
            .first()
        )
        if document is None or document.state == DocumentState.READY:
            return False
        title, data = _render(document)
        sealed = vault.seal(data, filename=title, content_type="application/pdf")
        document.sealed = sealed
        document.state = DocumentState.READY
        document.save(update_fields=["sealed", "state", "updated_at"])
    return True


def document_failed(document_uuid) -> None:
    """After the last retry: the page says it failed (and the professional can send again)."""
    ReferralDocument.objects.filter(uuid=document_uuid).exclude(state=DocumentState.READY).update(
        state=DocumentState.FAILED
    )


def _render(document: ReferralDocument) -> tuple[str, bytes]:
    referral = document.referral
    if document.kind == DocumentKind.FORM:
        return render.form_pdf(referral)
    if document.kind == DocumentKind.PLAN:
        version = PerspectiefplanVersion.objects.get(
            case_id=referral.case_id, number=document.source_version
        )
        return render.plan_pdf(version)
    change = VoorzieningChange.objects.select_related("voorziening__child").get(
        voorziening_id=referral.voorziening_id, version=document.source_version
    )
    return render.provision_pdf(change)


def document_open(*, actor, document_uuid, now=None) -> tuple[ReferralDocument, bytes]:
    """The document's contents for the one who may open it; every open is in the access log
    (the guard's look) and recorded as a delivery (what a provider already has)."""
    now = now or timezone.now()
    document, party, decision = guards.document_get_for_open(
        actor=actor, document_uuid=document_uuid
    )
    if document.state != DocumentState.READY or document.sealed is None:
        raise Conflict(gettext("Dit document wordt nog gemaakt. Probeer het zo opnieuw."))
    try:
        data = vault.unseal(document.sealed)
    except vault.DocumentUnreadable:
        raise Conflict(gettext("Dit document is niet meer te openen.")) from None
    professional = professional_of(actor)
    DocumentDelivery.objects.create(
        document=document,
        professional=professional,
        organisation_id=professional.organisation_id,
        delivered_at=now,
    )
    return document, data
