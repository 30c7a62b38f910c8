"""The catalogue's maintenance screens: a provider keeps its own organisation's programmes, the
beheerder keeps all and approves (four eyes); CSV import and export; the professionals' view.

Every read and write goes through the selectors and services, which ask the guards first; a
refusal is a 403 (and logged) through the DomainError middleware.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenzorg.aanbod import csv_io, selectors, services
from ketenzorg.aanbod import selectors_maintenance as maintenance
from ketenzorg.aanbod.forms import ProgrammeForm, ProgrammeImportForm, RejectForm
from ketenzorg.aanbod.models import Programme, RevisionStatus
from ketenzorg.access import aanbod as aanbod_access
from ketenzorg.audit.models import Action
from ketenzorg.core.errors import DomainError
from ketenzorg.core.pages import form_page
from ketenzorg.network import imports
from ketenzorg.network.models import District


@require_GET
def programme_list(request):
    programmes = list(maintenance.maintained_programmes(actor=request.user))
    return render(
        request,
        "aanbod/beheer_list.html",
        {
            "programmes": programmes,
            "pending_count": sum(p.has_pending for p in programmes),
            "approver": aanbod_access.maintains_all(request.user),
        },
    )


def _form(request, *, initial=None, organisations=None):
    return ProgrammeForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        organisations=organisations or maintenance.maintainable_organisations(actor=request.user),
        topics=selectors.search_topics(),
        districts=list(District.objects.order_by("kind", "name")),
    )


def _saved_message(request, result) -> None:
    if result.revision is not None:
        messages.success(
            request,
            gettext(
                "Opgeslagen. Wat het publiek ziet, verandert pas als een functioneel beheerder "
                "uw wijziging goedkeurt."
            ),
        )
    else:
        messages.success(request, gettext("Opgeslagen."))


@require_http_methods(["GET", "POST"])
def programme_create(request):
    form = _form(request, initial={"status": "gepubliceerd", "languages": "Nederlands"})

    def on_valid():
        result = services.programme_create(actor=request.user, data=form.to_input())
        _saved_message(request, result)
        return redirect("aanbod_beheer:detail", result.programme.uuid)

    return form_page(
        request, form=form, template="aanbod/beheer_form.html", on_valid=on_valid,
        context={"title": gettext("Nieuw aanbod"), "programme": None},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def programme_edit(request, programme_uuid):
    action = Action.UPDATE if request.method == "POST" else Action.READ
    programme = maintenance.maintained_programme_get(
        actor=request.user, programme_uuid=programme_uuid, action=action
    )
    pending = maintenance.pending_revision(programme)
    form = _form(
        request,
        initial=ProgrammeForm.initial_of(programme, pending.proposed if pending else None),
        organisations=[programme.provider],
    )

    def on_valid():
        result = services.programme_change(
            actor=request.user, programme=programme, data=form.to_input()
        )
        _saved_message(request, result)
        return redirect("aanbod_beheer:detail", programme.uuid)

    return form_page(
        request, form=form, template="aanbod/beheer_form.html", on_valid=on_valid,
        context={"title": gettext("Aanbod wijzigen"), "programme": programme, "pending": pending},
    )  # fmt: skip


@require_GET
def programme_detail(request, programme_uuid):
    programme = maintenance.maintained_programme_get(
        actor=request.user, programme_uuid=programme_uuid
    )
    pending = maintenance.pending_revision(programme)
    return render(
        request,
        "aanbod/beheer_detail.html",
        {
            "programme": programme,
            "pending": pending,
            "pending_diff": maintenance.revision_diff(pending) if pending else [],
            "waiting": selectors.waiting_time(programme),
            "history": maintenance.programme_history(programme),
            "revisions": maintenance.programme_revisions(programme),
            "labels": field_labels(),
        },
    )


@require_POST
def waiting_time_confirm(request, programme_uuid):
    programme = maintenance.maintained_programme_get(
        actor=request.user, programme_uuid=programme_uuid, action=Action.UPDATE
    )
    try:
        services.waiting_time_confirm(actor=request.user, programme=programme)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
        return redirect("aanbod_beheer:detail", programme.uuid)
    messages.success(request, gettext("De wachttijd is bevestigd: nog steeds juist op vandaag."))
    return redirect("aanbod_beheer:detail", programme.uuid)


@require_GET
def approval_queue(request):
    return render(
        request,
        "aanbod/beheer_queue.html",
        {"revisions": maintenance.approval_queue(actor=request.user)},
    )


def _revision_page(request, revision, *, form, status=200):
    return render(
        request,
        "aanbod/beheer_revision.html",
        {
            "revision": revision,
            "diff": maintenance.revision_diff(revision),
            "labels": field_labels(),
            "form": form,
            "own": revision.author_id == request.user.pk,
            "pending": revision.status == RevisionStatus.PENDING,
        },
        status=status,
    )


@require_GET
def revision_detail(request, revision_uuid):
    revision = maintenance.revision_get(actor=request.user, revision_uuid=revision_uuid)
    return _revision_page(request, revision, form=RejectForm())


@require_POST
def revision_approve(request, revision_uuid):
    revision = maintenance.revision_get(actor=request.user, revision_uuid=revision_uuid)
    try:
        programme = services.revision_approve(actor=request.user, revision=revision)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
        return redirect("aanbod_beheer:revision", revision.uuid)
    messages.success(
        request, gettext("Goedgekeurd: %(name)s is bijgewerkt.") % {"name": programme.name}
    )
    return redirect("aanbod_beheer:queue")


@require_POST
def revision_reject(request, revision_uuid):
    revision = maintenance.revision_get(actor=request.user, revision_uuid=revision_uuid)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _revision_page(request, revision, form=form, status=400)
    try:
        services.revision_reject(
            actor=request.user, revision=revision, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        form.add_error(None, exc.message)
        return _revision_page(request, revision, form=form, status=400)
    messages.success(request, gettext("Afgewezen; de aanbieder ziet uw reden bij het aanbod."))
    return redirect("aanbod_beheer:queue")


@require_http_methods(["GET", "POST"])
def import_csv(request):
    maintenance.maintained_programmes(actor=request.user, action=Action.IMPORT)
    context = {"columns": csv_io.COLUMNS, "separator": imports.LIST_SEPARATOR}
    if request.method == "GET":
        return render(
            request, "aanbod/beheer_import.html", {**context, "form": ProgrammeImportForm()}
        )
    form = ProgrammeImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "aanbod/beheer_import.html", {**context, "form": form}, status=400)
    try:
        summary = services.programme_import(
            actor=request.user, content=form.cleaned_data["file"].read()
        )
    except imports.ImportRejected as exc:
        return render(
            request, "aanbod/beheer_import.html",
            {**context, "form": form, "rejected": exc}, status=400,
        )  # fmt: skip
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        form.add_error("file" if isinstance(exc, imports.ImportFileError) else None, exc.message)
        return render(request, "aanbod/beheer_import.html", {**context, "form": form}, status=400)
    messages.success(
        request,
        gettext(
            "Geïmporteerd: %(created)s nieuw, %(changed)s direct gewijzigd, %(proposed)s wachten "
            "op goedkeuring, %(unchanged)s ongewijzigd."
        )
        % vars(summary),
    )
    return redirect("aanbod_beheer:list")


@require_GET
def export_csv(request):
    programmes = maintenance.maintained_programmes(actor=request.user, action=Action.EXPORT)
    response = HttpResponse(csv_io.export(programmes), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="aanbod-{stamp}.csv"'
    return response


@require_GET
def professional_detail(request, programme_uuid):
    view = maintenance.professional_programme_get(actor=request.user, programme_uuid=programme_uuid)
    return render(
        request,
        "aanbod/professional.html",
        {"programme": view.programme, "waiting": view.waiting},
    )


def field_labels() -> dict[str, str]:
    """The Dutch (or English) label of each field a proposal or the history names."""
    return {
        f.name: str(f.verbose_name)
        for f in Programme._meta.get_fields()
        if hasattr(f, "verbose_name")
    }
