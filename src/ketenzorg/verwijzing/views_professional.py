"""The professional's referral screens: the case's overview, the perspectiefplan (versions,
compare, definitive, PDF), the voorziening, the referral (new, verwijsformat, send, withdraw),
the ONE referral page every party sees, and its documents behind an expiring personal link.

Thin like the werkproces screens: a case page fetches the case through coordination's selector
(a logged look), a write fetches it for change (refused and logged before its input is read);
the verwijzing selectors and services ask their guards. A service's refusal comes back on the
form that was sent: 400 for input, 409 for a stale version or a wrong state.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenzorg.aanbod.picker import SEARCH, ProgrammePickerForm
from ketenzorg.access.policy import client_professional_of
from ketenzorg.coordination import selectors as case_selectors
from ketenzorg.core.errors import AccessDenied, DomainError, NotFound
from ketenzorg.core.pages import place_domain_errors, with_object
from ketenzorg.documents import links
from ketenzorg.families.views import denied_page
from ketenzorg.verwijzing import guards_professional, rules, selectors
from ketenzorg.verwijzing import render as pdf
from ketenzorg.verwijzing import selectors_professional as reads
from ketenzorg.verwijzing.forms_professional import (
    MORE,
    PlanDefinitiveForm,
    PlanForm,
    ReferralFormForm,
    ReferralNewForm,
    VersionForm,
    VoorzieningForm,
    WithdrawForm,
)
from ketenzorg.verwijzing.models import (
    LifeDomain,
    Party,
    PlanStatus,
    RequestKind,
    VoorzieningStatus,
)
from ketenzorg.verwijzing.services import documents as document_services
from ketenzorg.verwijzing.services import plan as plan_services
from ketenzorg.verwijzing.services import referral as referral_services
from ketenzorg.verwijzing.services import voorziening as voorziening_services

LINK_PURPOSE = "verwijzing-document"

with_case = with_object(
    lambda r, kw: case_selectors.case_get(actor=r.user, case_uuid=kw["case_uuid"]),
    refused=denied_page,
)


def _case_for(request, case_uuid):
    """GET: a logged look at the case; POST: refused (and logged as the write) before the input
    is read, the service logs the write."""
    if request.method == "POST":
        return case_selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
    return case_selectors.case_get(actor=request.user, case_uuid=case_uuid)


def _run(form, write, *, field_map=None):
    """The service's refusal on the form: returns the status to answer, or None when it wrote."""
    try:
        write()
    except (AccessDenied, NotFound):
        raise
    except DomainError as exc:
        place_domain_errors(exc, form=form, field_map=field_map)
        return exc.status
    return None


def _to_overview(case, anchor=""):
    response = redirect("verwijzing:case_referrals", case_uuid=case.uuid)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


# --- the case's overview -----------------------------------------------------------------------


@require_GET
@with_case
def case_referrals(request, case):
    overview = reads.case_referrals(actor=request.user, case=case)
    return render(request, "verwijzing/case_referrals.html", {"case": case, "overview": overview})


# --- the perspectiefplan -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_edit(request, case_uuid):
    case = _case_for(request, case_uuid)
    versions = selectors.perspectiefplan_versions(actor=request.user, case=case)
    latest = versions[0] if versions else None
    form = PlanForm(
        request.POST if request.method == "POST" else None,
        members=reads.members_of(case),
        latest=latest,
    )
    context = {"case": case, "form": form, "latest": latest}
    if request.method == "POST" and request.POST.get(MORE):
        return render(request, "verwijzing/plan_edit.html", context)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            saved = {}

            def write():
                saved["v"] = plan_services.perspectiefplan_save(
                    actor=request.user, case=case, **form.service_input()
                )

            status = _run(form, write)
            if status is None:
                messages.success(
                    request,
                    gettext("Versie %(n)s van het perspectiefplan is opgeslagen.")
                    % {"n": saved["v"].number},
                )
                return redirect("verwijzing:plan_version", case_uuid=case.uuid,
                                number=saved["v"].number)  # fmt: skip
        return render(request, "verwijzing/plan_edit.html", context, status=status)
    return render(request, "verwijzing/plan_edit.html", context)


def _plan_page(request, case, number, *, definitive_form=None, status=200):
    version, versions = reads.plan_version(actor=request.user, case=case, number=number)
    is_latest = version.number == versions[0].number
    if definitive_form is None and is_latest and version.status == PlanStatus.DRAFT:
        definitive_form = PlanDefinitiveForm(initial={"number": version.number})
    return render(
        request,
        "verwijzing/plan_version.html",
        {
            "case": case,
            "version": version,
            "versions": versions,
            "is_latest": is_latest,
            "complete": rules.plan_complete(
                version.family_question, version.analysis, version.agreements
            ),
            "definitive_form": definitive_form,
            "domains": dict(LifeDomain.choices),
        },
        status=status,
    )


@require_GET
@with_case
def plan_version(request, case, number):
    return _plan_page(request, case, number)


@require_POST
def plan_definitive(request, case_uuid):
    case = case_selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
    form = PlanDefinitiveForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.service_input()

        def write():
            plan_services.perspectiefplan_make_definitive(actor=request.user, case=case, **data)

        status = _run(form, write)
        if status is None:
            messages.success(request, gettext("Het perspectiefplan is definitief."))
            return redirect("verwijzing:plan_version", case_uuid=case.uuid, number=data["number"])
    versions = selectors.perspectiefplan_versions(actor=request.user, case=case)
    if not versions:
        return _error(request, gettext("Er is nog geen perspectiefplan."), status=409)
    return _plan_page(request, case, versions[0].number, definitive_form=form, status=status)


@require_GET
@with_case
def plan_compare(request, case):
    versions = selectors.perspectiefplan_versions(actor=request.user, case=case)
    by_number = {str(v.number): v for v in versions}
    newer = by_number.get(request.GET.get("naar", str(versions[0].number) if versions else ""))
    older = by_number.get(
        request.GET.get("van", str(versions[1].number) if len(versions) > 1 else "")
    )
    context = {"case": case, "versions": versions, "older": older, "newer": newer}
    if older is None or newer is None:
        context["problem"] = gettext("Kies twee bestaande versies om te vergelijken.")
        bad = "van" in request.GET or "naar" in request.GET
        return render(request, "verwijzing/plan_compare.html", context, status=400 if bad else 200)
    lines = selectors.plan_compare(older, newer)
    context["lines"] = lines
    context["removed"] = sum(1 for sign, _ in lines if sign == "-")
    context["added"] = sum(1 for sign, _ in lines if sign == "+")
    return render(request, "verwijzing/plan_compare.html", context)


@require_GET
@with_case
def plan_pdf(request, case, number):
    """The version as the PDF the family and the provider read; the look is the versions read's
    (logged). Served directly, never kept."""
    version, _versions = reads.plan_version(actor=request.user, case=case, number=number)
    filename, data = pdf.plan_pdf(version)
    return _attachment(data, filename)


def _attachment(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _error(request, message: str, *, status: int, title: str = ""):
    return render(
        request,
        "core/error.html",
        {"title": title or gettext("Dit lukt niet"), "message": message},
        status=status,
    )


# --- the voorziening ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def voorziening_new(request, case_uuid):
    case = _case_for(request, case_uuid)
    children = reads.children_of(case)
    form = VoorzieningForm(request.POST or None, children=children)
    context = {"case": case, "form": form}
    if request.method == "POST":
        status = 400
        if form.is_valid():
            chosen = {str(c.uuid): c for c in children}.get(form.cleaned_data["child"])
            made = {}

            def write():
                made["v"] = voorziening_services.voorziening_create(
                    actor=request.user, case=case, child=chosen, **form.values()
                )

            status = _run(form, write, field_map=VoorzieningForm.FIELD_MAP)
            if status is None:
                messages.success(request, gettext("De voorlopige voorziening is vastgelegd."))
                return redirect("verwijzing:voorziening", voorziening_uuid=made["v"].uuid)
        return render(request, "verwijzing/voorziening_form.html", context, status=status)
    return render(request, "verwijzing/voorziening_form.html", context)


def _voorziening_initial(v) -> dict:
    return {
        "provision_form": v.form, "ijw_category": v.ijw_category, "product_code": v.product_code,
        "volume": v.volume, "unit": v.unit, "frequency": v.frequency, "starts_on": v.starts_on,
        "ends_on": v.ends_on, "note": v.note, "version": v.version,
    }  # fmt: skip


def _voorziening_page(request, voorziening, *, definitive_form=None, status=200):
    history = list(voorziening.changes.select_related("changed_by"))
    return render(
        request,
        "verwijzing/voorziening.html",
        {
            "voorziening": voorziening,
            "case": voorziening.case,
            "history": history,
            "definitive_form": definitive_form
            or VersionForm(initial={"version": voorziening.version}),
            "is_definitive": voorziening.status == VoorzieningStatus.DEFINITIVE,
        },
        status=status,
    )


@require_GET
def voorziening(request, voorziening_uuid):
    row = guards_professional.voorziening_get(actor=request.user, voorziening_uuid=voorziening_uuid)
    return _voorziening_page(request, row)


@require_http_methods(["GET", "POST"])
def voorziening_change(request, voorziening_uuid):
    row = guards_professional.voorziening_get(
        actor=request.user, voorziening_uuid=voorziening_uuid, for_change=request.method == "POST"
    )
    form = VoorzieningForm(request.POST or None, change=True, initial=_voorziening_initial(row))
    context = {"case": row.case, "voorziening": row, "form": form, "change": True}
    if request.method == "POST":
        status = 400
        if form.is_valid():

            def write():
                voorziening_services.voorziening_change(
                    actor=request.user,
                    voorziening=row,
                    version=form.cleaned_data.get("version"),
                    reason=form.cleaned_data.get("reason") or "",
                    **form.values(),
                )

            status = _run(form, write, field_map=VoorzieningForm.FIELD_MAP)
            if status is None:
                messages.success(request, gettext("De voorziening is gewijzigd."))
                return redirect("verwijzing:voorziening", voorziening_uuid=row.uuid)
        return render(request, "verwijzing/voorziening_form.html", context, status=status)
    return render(request, "verwijzing/voorziening_form.html", context)


@require_POST
def voorziening_definitive(request, voorziening_uuid):
    row = guards_professional.voorziening_get(
        actor=request.user, voorziening_uuid=voorziening_uuid, for_change=True
    )
    form = VersionForm(request.POST)
    status = 400
    if form.is_valid():

        def write():
            voorziening_services.voorziening_make_definitive(
                actor=request.user, voorziening=row, version=form.cleaned_data.get("version")
            )

        status = _run(form, write)
        if status is None:
            messages.success(request, gettext("De voorziening is definitief."))
            return redirect("verwijzing:voorziening", voorziening_uuid=row.uuid)
    row = guards_professional.voorziening_get(actor=request.user, voorziening_uuid=row.uuid)
    return _voorziening_page(request, row, definitive_form=form, status=status)


# --- the referral ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def referral_new(request, case_uuid):
    """A draft for one child: a programme chosen from the catalogue (searched by POST, see
    aanbod.picker) or a request to the gebiedsknooppunt for a match."""
    case = _case_for(request, case_uuid)
    children = reads.children_of(case)
    voorzieningen = selectors.voorzieningen_of_case(actor=request.user, case=case)
    stadsdelen = reads.stadsdelen_for(case, client_professional_of(request.user))
    data = request.POST if request.method == "POST" else None
    form = ReferralNewForm(
        data, children=children, voorzieningen=voorzieningen, stadsdelen=stadsdelen
    )
    picker = ProgrammePickerForm(data)
    context = {
        "case": case, "form": form, "picker": picker, "voorzieningen": voorzieningen,
        "stadsdelen": stadsdelen,
    }  # fmt: skip
    if request.method != "POST":
        return render(request, "verwijzing/referral_new.html", context)
    searched = picker.is_valid() and picker.search() is not None
    if request.POST.get("stap") == SEARCH:
        return render(
            request, "verwijzing/referral_new.html", context, status=200 if searched else 400
        )
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        kind = data["request_kind"]
        made = {}

        def write():
            made["r"] = referral_services.referral_create(
                actor=request.user,
                case=case,
                child={str(c.uuid): c for c in children}.get(data["child"]),
                voorziening={str(v.uuid): v for v in voorzieningen}.get(data["voorziening"]),
                request_kind=kind,
                requested_programme=reads.programme_by_uuid(picker.chosen())
                if kind == RequestKind.CHOSEN and picker.is_valid()
                else None,
                stadsdeel={str(s.uuid): s for s in stadsdelen}.get(data["stadsdeel"]),
            )

        status = _run(form, write)
        if status is None:
            messages.success(
                request,
                gettext("De verwijzing is aangemaakt. Vul het verwijsformat aan en verstuur het."),
            )
            return redirect("verwijzing:referral_form", referral_uuid=made["r"].uuid)
    return render(request, "verwijzing/referral_new.html", context, status=status)


def _referral_page(request, view, *, status=200, **forms):
    referral = view.referral
    professional = view.party == Party.PROFESSIONAL
    context = {
        "view": view,
        "referral": referral,
        "is_professional": professional,
        "milestones": reads.milestones(referral),
        "events": reads.event_rows(view.events),
        "may_send": professional and rules.SEND in view.actions,
        "may_withdraw": professional and rules.WITHDRAW in view.actions,
        "send_form": forms.get("send_form")
        or VersionForm(initial={"version": referral.version}, auto_id="verzenden_%s"),
        "withdraw_form": forms.get("withdraw_form")
        or WithdrawForm(initial={"version": referral.version}),
    }
    return render(request, "verwijzing/referral.html", context, status=status)


@require_GET
def referral(request, referral_uuid):
    view = reads.referral_page(actor=request.user, referral_uuid=referral_uuid)
    return _referral_page(request, view)


def _form_page(request, view, form, *, status=200, problem=""):
    referral = view.referral
    consents = reads.consents_now(referral) if view.party == Party.PROFESSIONAL else ""
    return render(
        request,
        "verwijzing/referral_form.html",
        {
            "view": view,
            "referral": referral,
            "form": form,
            "missing": rules.missing_fields({**referral.form, "consents": consents}),
            "consents": consents,
            "send_form": VersionForm(initial={"version": referral.version}, auto_id="verzenden_%s"),
            "editable": referral.status == rules.DRAFT and view.party == Party.PROFESSIONAL,
            "problem": problem,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def referral_form(request, referral_uuid):
    view = reads.referral_page(actor=request.user, referral_uuid=referral_uuid)
    referral = view.referral
    if request.method != "POST":
        initial = {k: referral.form.get(k, "") for k in rules.EDITABLE_KEYS}
        form = ReferralFormForm(initial={**initial, "version": referral.version})
        return _form_page(request, view, form)
    form = ReferralFormForm(request.POST)
    status = 400
    if form.is_valid():

        def write():
            referral_services.referral_form_save(
                actor=request.user,
                referral_uuid=referral.uuid,
                form=form.form_values(),
                version=form.cleaned_data.get("version"),
            )

        status = _run(form, write)
        if status is None:
            messages.success(request, gettext("Het verwijsformat is opgeslagen."))
            return redirect("verwijzing:referral_form", referral_uuid=referral.uuid)
    return _form_page(request, view, form, status=status)


@require_POST
def referral_send(request, referral_uuid):
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        referral_services.referral_send(
            actor=request.user,
            referral_uuid=referral_uuid,
            version=form.cleaned_data.get("version"),
        )
    except (AccessDenied, NotFound):
        raise
    except DomainError as exc:
        # Back on the verwijsformat, every missing field marked where it is typed.
        view = reads.referral_page(actor=request.user, referral_uuid=referral_uuid)
        stored = {k: view.referral.form.get(k, "") for k in rules.EDITABLE_KEYS}
        shown = ReferralFormForm({**stored, "version": view.referral.version})
        shown.is_valid()
        place_domain_errors(exc, form=shown)
        return _form_page(request, view, shown, status=exc.status, problem=exc.message)
    messages.success(request, gettext("De verwijzing is verzonden naar het gebiedsknooppunt."))
    return redirect("verwijzing:referral", referral_uuid=referral_uuid)


@require_http_methods(["GET", "POST"])
def referral_withdraw(request, referral_uuid):
    view = reads.referral_page(actor=request.user, referral_uuid=referral_uuid)
    form = WithdrawForm(
        request.POST if request.method == "POST" else None,
        initial={"version": view.referral.version},
    )
    if request.method != "POST":
        return render(
            request, "verwijzing/referral_withdraw.html", {"view": view, "referral": view.referral,
                                                           "form": form}
        )  # fmt: skip
    status = 400
    if form.is_valid():

        def write():
            referral_services.referral_withdraw(
                actor=request.user,
                referral_uuid=view.referral.uuid,
                reason=form.cleaned_data.get("reason") or "",
                version=form.cleaned_data.get("version"),
            )

        status = _run(form, write)
        if status is None:
            messages.success(request, gettext("De verwijzing is ingetrokken."))
            return redirect("verwijzing:referral", referral_uuid=view.referral.uuid)
    return render(
        request,
        "verwijzing/referral_withdraw.html",
        {"view": view, "referral": view.referral, "form": form},
        status=status,
    )


# --- the documents -----------------------------------------------------------------------------


@require_GET
def document(request, document_uuid):
    """Checks the right (a refusal is logged; an allowed check logs nothing, the open behind the
    link does) and sends the browser to a link that only this user can use, for a short time."""
    found = guards_professional.document_may_open(actor=request.user, document_uuid=document_uuid)
    token = links.download_token(found, user_id=request.user.pk, purpose=LINK_PURPOSE)
    return redirect("verwijzing:document_download", token=token)


@require_GET
def document_download(request, token):
    try:
        document_uuid = links.check_download_token(
            token, user_id=request.user.pk, purpose=LINK_PURPOSE
        )
    except links.LinkExpired:
        return _error(
            request,
            gettext(
                "Deze downloadlink is verlopen (na %(n)s seconden). Open het document opnieuw "
                "vanaf de verwijzing."
            )
            % {"n": settings.KETENZORG_DOCUMENT_LINK_SECONDS},
            status=410,
            title=gettext("Link verlopen"),
        )
    except links.LinkUnusable:
        return _error(
            request,
            gettext(
                "Deze downloadlink is ongeldig of voor iemand anders gemaakt. Open het document "
                "vanaf de verwijzing."
            ),
            status=403,
            title=gettext("Link ongeldig"),
        )
    try:
        found, data = document_services.document_open(
            actor=request.user, document_uuid=document_uuid
        )
    except (AccessDenied, NotFound):
        raise
    except DomainError as exc:
        return _error(request, exc.message, status=exc.status)
    return _attachment(data, found.sealed.filename or f"{found.kind}.pdf")
