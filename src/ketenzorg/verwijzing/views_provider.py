"""The provider's screens: the referrals forwarded to the own organisation, the steps on one
(accept, decline, ask for the documents, first contact, start and end of care) and the iJw
export.

Thin like the other screens: the guard refuses (and logs) a step before its input is read —
a provider asking about a referral that is not theirs gets the 404 of an unknown id — the
services write, the selectors read. Each step has its own small page (GET) so a refused or
invalid post comes back with the referral beside the form; the buttons themselves are on the
referral's page (`verwijzing/_actions_provider.html`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ketenzorg import ijw
from ketenzorg.audit.models import Action
from ketenzorg.core.errors import AccessDenied, DomainError, NotFound
from ketenzorg.core.pages import place_domain_errors
from ketenzorg.families.rules import age_on
from ketenzorg.verwijzing import forms_provider as f
from ketenzorg.verwijzing import guards, rules, selectors, selectors_ijw
from ketenzorg.verwijzing import selectors_provider as provider_selectors
from ketenzorg.verwijzing.models import Party
from ketenzorg.verwijzing.services import documents as document_services
from ketenzorg.verwijzing.services import referral as referral_services
from ketenzorg.verwijzing.services._common import check_version

GROUPS = {
    "nieuw": gettext_lazy("Nieuw"),
    "lopend": gettext_lazy("Lopend"),
    "afgerond": gettext_lazy("Afgerond"),
}


def referral_url(referral_uuid) -> str:
    """The one referral page every party sees."""
    return reverse("verwijzing:referral", kwargs={"referral_uuid": referral_uuid})


@dataclass
class Row:
    referral: object
    age: int
    documents: provider_selectors.DocumentState


@require_GET
def provider_list(request):
    group = request.GET.get("groep", "nieuw")
    if group not in GROUPS:
        group = "nieuw"
    listed = selectors.provider_referrals(actor=request.user, group=group)
    today = timezone.localdate()
    rows = [
        Row(referral=r, age=age_on(r.child.birthdate, today), documents=listed.documents[r.pk])
        for r in listed.referrals
    ]
    return render(
        request,
        "verwijzing/provider_list.html",
        {
            "rows": rows,
            "group": group,
            "group_label": GROUPS[group],
            "tabs": [(key, label, listed.counts[key]) for key, label in GROUPS.items()],
            "now": timezone.now(),
        },
    )


# --- the steps --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    form: type
    action: str  # the access-log action a refusal is logged as
    title: str
    intro: str
    button: str
    done: str
    fields: dict | None = None


def _accept(request, referral_uuid, data):
    referral_services.referral_accept(actor=request.user, referral_uuid=referral_uuid, **data)
    return redirect(referral_url(referral_uuid))


def _decline(request, referral_uuid, data):
    referral_services.referral_decline(actor=request.user, referral_uuid=referral_uuid, **data)
    # The referral is back at the gebiedsknooppunt: the provider no longer sees it.
    return redirect("verwijzing:provider_list")


def _first_contact(request, referral_uuid, data):
    referral_services.referral_first_contact(
        actor=request.user, referral_uuid=referral_uuid, **data
    )
    return redirect(referral_url(referral_uuid))


def _start_care(request, referral_uuid, data):
    referral_services.referral_start_care(actor=request.user, referral_uuid=referral_uuid, **data)
    return redirect(referral_url(referral_uuid))


def _end_care(request, referral_uuid, data):
    referral_services.referral_end_care(actor=request.user, referral_uuid=referral_uuid, **data)
    return redirect(referral_url(referral_uuid))


STEPS = {
    rules.ACCEPT: (
        Step(
            f.AcceptForm,
            Action.UPDATE,
            gettext_lazy("Verwijzing accepteren"),
            gettext_lazy(
                "U neemt de hulp aan dit gezin op u. Neem daarna contact op met het gezin en "
                "leg dat eerste contact hier vast."
            ),
            gettext_lazy("Accepteren"),
            gettext_lazy("U heeft de verwijzing geaccepteerd."),
        ),
        _accept,
    ),
    rules.DECLINE: (
        Step(
            f.DeclineForm,
            Action.UPDATE,
            gettext_lazy("Verwijzing afwijzen"),
            gettext_lazy(
                "Na het afwijzen ziet u deze verwijzing niet meer: het gebiedsknooppunt zoekt "
                "een andere aanbieder."
            ),
            gettext_lazy("Afwijzen"),
            gettext_lazy("U heeft de verwijzing afgewezen. Zij is terug bij het gebiedsknooppunt."),
        ),
        _decline,
    ),
    rules.FIRST_CONTACT: (
        Step(
            f.FirstContactForm,
            Action.UPDATE,
            gettext_lazy("Eerste contact met het gezin vastleggen"),
            gettext_lazy(
                "Wanneer had u voor het eerst contact met het gezin? Niet in de toekomst."
            ),
            gettext_lazy("Eerste contact vastleggen"),
            gettext_lazy("Het eerste contact met het gezin is vastgelegd."),
            f.FIRST_CONTACT_FIELDS,
        ),
        _first_contact,
    ),
    rules.START_CARE: (
        Step(
            f.StartCareForm,
            Action.UPDATE,
            gettext_lazy("Start van de hulp vastleggen"),
            gettext_lazy("De eerste dag van de hulp (voor het iJw-bericht start zorg, JW305)."),
            gettext_lazy("Start vastleggen"),
            gettext_lazy("De start van de hulp is vastgelegd."),
        ),
        _start_care,
    ),
    rules.END_CARE: (
        Step(
            f.EndCareForm,
            Action.UPDATE,
            gettext_lazy("Einde van de hulp vastleggen"),
            gettext_lazy(
                "De laatste dag van de hulp en de reden (voor het iJw-bericht stop zorg, JW307)."
            ),
            gettext_lazy("Einde vastleggen"),
            gettext_lazy("Het einde van de hulp is vastgelegd."),
            f.END_CARE_FIELDS,
        ),
        _end_care,
    ),
}


def _step_page(request, referral_uuid, step: Step, form, *, status=200):
    view = selectors.referral_view(actor=request.user, referral_uuid=referral_uuid)
    return render(
        request,
        "verwijzing/provider_step.html",
        {
            "view": view,
            "referral": view.referral,
            "step": step,
            "form": form,
            "back": referral_url(referral_uuid),
            "open_requests": provider_selectors.open_requests(view),
        },
        status=status,
    )


def _provider_only(request, referral_uuid, action):
    """Refused (and logged as the step) before the input is read: someone else's referral is
    a 404 for a provider, a step of another party a 403."""
    referral, party, _decision = guards.referral_get_for_step(
        actor=request.user, referral_uuid=referral_uuid, action=action
    )
    guards.party_required(request.user, referral, party, Party.PROVIDER, action)
    return referral


def _run_step(request, referral_uuid, name: str):
    step, run = STEPS[name]
    referral = _provider_only(request, referral_uuid, step.action)
    if request.method != "POST":
        form = step.form(initial={"version": referral.version})
        return _step_page(request, referral_uuid, step, form)
    form = step.form(request.POST)
    status = 400
    if form.is_valid():
        try:
            response = run(request, referral_uuid, form.service_input())
        except (AccessDenied, NotFound):
            raise
        except DomainError as exc:
            place_domain_errors(exc, form=form, field_map=step.fields)
            status = exc.status
        else:
            messages.success(request, str(step.done))
            return response
    return _step_page(request, referral_uuid, step, form, status=status)


@require_http_methods(["GET", "POST"])
def referral_accept(request, referral_uuid):
    return _run_step(request, referral_uuid, rules.ACCEPT)


@require_http_methods(["GET", "POST"])
def referral_decline(request, referral_uuid):
    return _run_step(request, referral_uuid, rules.DECLINE)


@require_http_methods(["GET", "POST"])
def referral_first_contact(request, referral_uuid):
    return _run_step(request, referral_uuid, rules.FIRST_CONTACT)


@require_http_methods(["GET", "POST"])
def referral_start_care(request, referral_uuid):
    return _run_step(request, referral_uuid, rules.START_CARE)


@require_http_methods(["GET", "POST"])
def referral_end_care(request, referral_uuid):
    return _run_step(request, referral_uuid, rules.END_CARE)


DOCUMENTS_STEP = Step(
    f.DocumentsForm,
    Action.CREATE,
    gettext_lazy("Documenten opvragen"),
    gettext_lazy(
        "U krijgt de definitieve versie van de professional: meteen als die er is, anders "
        "zodra de professional het perspectiefplan of de voorziening definitief maakt."
    ),
    gettext_lazy("Opvragen"),
    "",
)


@require_http_methods(["GET", "POST"])
def referral_request_documents(request, referral_uuid):
    referral = _provider_only(request, referral_uuid, Action.CREATE)
    step = DOCUMENTS_STEP
    if request.method != "POST":
        form = step.form(initial={"version": referral.version})
        return _step_page(request, referral_uuid, step, form)
    form = step.form(request.POST)
    status = 400
    if form.is_valid():
        try:
            # The request has no version of its own; one made on an older page still loses.
            check_version(referral.version, form.cleaned_data.get("version"), rules.STALE)
            made = document_services.documents_request(
                actor=request.user, referral_uuid=referral_uuid, **form.service_input()
            )
        except (AccessDenied, NotFound):
            raise
        except DomainError as exc:
            place_domain_errors(exc, form=form)
            status = exc.status
        else:
            waiting = [r for r in made if r.fulfilled_at is None]
            if waiting:
                messages.success(
                    request,
                    gettext(
                        "Opgevraagd. U krijgt de documenten zodra de professional ze definitief "
                        "maakt."
                    ),
                )
            else:
                messages.success(request, gettext("Opgevraagd en vrijgegeven: u kunt ze openen."))
            return redirect(referral_url(referral_uuid))
    return _step_page(request, referral_uuid, step, form, status=status)


# --- the iJw export ---------------------------------------------------------------------------


@require_GET
def ijw_message(request, referral_uuid, kind):
    """The message as an XML download; one that does not exist yet says why (409)."""
    try:
        message = selectors_ijw.ijw_message(
            actor=request.user, referral_uuid=referral_uuid, kind=kind
        )
    except (AccessDenied, NotFound):
        raise
    except DomainError as exc:
        return render(
            request,
            "verwijzing/ijw_unavailable.html",
            {"message": exc.message, "back": referral_url(referral_uuid)},
            status=exc.status,
        )
    response = HttpResponse(ijw.to_xml(message), content_type="application/xml")
    name = f"{message.kind.value}-{message.header.message_id}.xml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
