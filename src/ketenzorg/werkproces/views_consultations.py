"""Consultation screens: asking one for a case, the meedenker's list, the consultation page
with the findings and the joint evaluation. Thin: the guards refuse (and log) first, the
selectors read, the services write."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenzorg.access import werkproces as access
from ketenzorg.consent.models import DossierPart
from ketenzorg.coordination import selectors as case_selectors
from ketenzorg.core.errors import AccessDenied, DomainError, NotFound
from ketenzorg.core.pages import form_page, place_domain_errors
from ketenzorg.werkproces import guards, selectors
from ketenzorg.werkproces.candidates import meedenker_candidates
from ketenzorg.werkproces.forms_consultations import (
    AskForm,
    EvaluationForm,
    ExpectationForm,
    FindingForm,
    OnBehalfFindingForm,
    ProposalsForm,
)
from ketenzorg.werkproces.services import consultations as services


@require_http_methods(["GET", "POST"])
def consultation_ask(request, case_uuid):
    """Step one picks expertise and scope (a GET, uuids only); step two is the question."""
    case = case_selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
    if set(request.GET) <= {"scope"}:
        # Arriving (from the werkproces page, `?scope=` of its step): a choice made for the
        # user, not a search they sent, so nothing to complain about yet.
        search = ProposalsForm(initial={"scope": request.GET.get("scope")})
    else:
        search = ProposalsForm(request.GET)
    context = {"case": case, "search": search, "form": None}
    if not search.is_bound or not search.is_valid():
        status = 400 if search.is_bound else 200
        return render(request, "werkproces/consultation_ask.html", context, status=status)
    scope = search.cleaned_data["scope"]
    expertise = search.cleaned_data["expertise"]
    candidates = meedenker_candidates(
        actor=request.user, scope=scope, expertise=expertise, area=search.cleaned_data["area"]
    )
    form = AskForm(request.POST or None, candidates=candidates)
    context.update(scope=scope, expertise=expertise, candidates=candidates)

    def ask():
        consultation = services.consultation_ask(
            actor=request.user, case=case, scope=scope, expertise=expertise, **form.service_input()
        )
        messages.success(request, gettext("De consultatie is gevraagd."))
        return redirect("werkproces:consultation", consultation_uuid=consultation.uuid)

    return form_page(
        request,
        form=form,
        template="werkproces/consultation_ask.html",
        context=context,
        on_valid=ask,
    )


@require_GET
def my_consultations(request):
    """What was asked of me: the running ones first (earliest end first), then those in grace."""
    now = timezone.now()
    rows = sorted(
        selectors.consultations_for_meedenker(actor=request.user),
        key=lambda c: (c.ends_at <= now, c.ends_at),
    )
    return render(request, "werkproces/consultation_list.html", {"rows": rows, "now": now})


def _detail(request, view, *, status=200, **forms_given):
    consultation = view.consultation
    may_write = bool(access.findings_write_decision(request.user, consultation))
    may_write_on_behalf = not view.as_meedenker and bool(
        access.findings_on_behalf_decision(request.user, consultation)
    )
    may_expect = bool(access.expectations_write_decision(request.user, consultation))
    evaluation = getattr(consultation, "evaluation", None)
    may_evaluate = (
        not view.as_meedenker
        and evaluation is None
        and bool(view.findings)
        and consultation.werkproces.case.is_open
    )
    forms = {
        "finding_form": FindingForm() if may_write else None,
        "on_behalf_form": OnBehalfFindingForm() if may_write_on_behalf else None,
        "expectation_form": ExpectationForm() if may_expect else None,
        "evaluation_form": EvaluationForm() if may_evaluate else None,
    }
    forms.update(forms_given)
    return render(
        request,
        "werkproces/consultation_detail.html",
        {
            "view": view,
            "consultation": consultation,
            "case": consultation.werkproces.case,
            "evaluation": evaluation,
            "may_write": may_write,
            "may_evaluate": may_evaluate,
            **forms,
            "shared_labels": [
                label for value, label in DossierPart.choices if value in view.shared_parts
            ],
        },
        status=status,
    )


@require_GET
def consultation_detail(request, consultation_uuid):
    view = selectors.consultation_view(actor=request.user, consultation_uuid=consultation_uuid)
    return _detail(request, view)


def _write(request, consultation_uuid, form, write, *, form_key):
    """Run the write; a domain error comes back on the consultation page with 400."""
    if form.is_valid():
        try:
            write()
        except (AccessDenied, NotFound):
            raise
        except DomainError as exc:
            place_domain_errors(exc, form=form)
        else:
            return redirect("werkproces:consultation", consultation_uuid=consultation_uuid)
    view = selectors.consultation_view(actor=request.user, consultation_uuid=consultation_uuid)
    return _detail(request, view, status=400, **{form_key: form})


@require_POST
def finding_write(request, consultation_uuid):
    # Refused (and logged as the write) before the input is read.
    guards.consultation_get_for_findings(actor=request.user, consultation_uuid=consultation_uuid)
    form = FindingForm(request.POST)

    def write():
        services.finding_write(
            actor=request.user,
            consultation_uuid=consultation_uuid,
            text_value=form.cleaned_data["text"],
        )
        messages.success(request, gettext("Uw bevindingen zijn vastgelegd."))

    return _write(request, consultation_uuid, form, write, form_key="finding_form")


@require_POST
def finding_write_on_behalf(request, consultation_uuid):
    # Refused (and logged) before the input is read: a meedenker with an account writes
    # their own findings.
    guards.consultation_get_for_findings_on_behalf(
        actor=request.user, consultation_uuid=consultation_uuid
    )
    form = OnBehalfFindingForm(request.POST)

    def write():
        services.finding_write_on_behalf(
            actor=request.user,
            consultation_uuid=consultation_uuid,
            text_value=form.cleaned_data["text"],
        )
        messages.success(request, gettext("De bevindingen zijn namens de meedenker vastgelegd."))

    return _write(request, consultation_uuid, form, write, form_key="on_behalf_form")


@require_POST
def expectation_add(request, consultation_uuid):
    guards.consultation_get_for_expectations(
        actor=request.user, consultation_uuid=consultation_uuid
    )
    form = ExpectationForm(request.POST)

    def write():
        services.meedenker_expectation_add(
            actor=request.user, consultation_uuid=consultation_uuid, **form.service_input()
        )
        messages.success(request, gettext("Uw verwachtingen zijn vastgelegd."))

    return _write(request, consultation_uuid, form, write, form_key="expectation_form")


@require_POST
def consultation_evaluate(request, consultation_uuid):
    guards.consultation_get_for_change(actor=request.user, consultation_uuid=consultation_uuid)
    form = EvaluationForm(request.POST)

    def write():
        services.consultation_evaluate(
            actor=request.user, consultation_uuid=consultation_uuid, **form.service_input()
        )
        messages.success(request, gettext("De gezamenlijke evaluatie is vastgelegd."))

    return _write(request, consultation_uuid, form, write, form_key="evaluation_form")
