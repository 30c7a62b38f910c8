"""The gebiedsknooppunt's screens: the inbox of the verbinder's stadsdelen, and the match page
where the verbinder takes, matches and forwards one referral.

Each step is refused (and logged) before its input is read (`guards_inbox`); the service
writes. A refusal of the chain (a stale version, a step the state no longer allows) comes back
on the match page with 409, missing input or a missing consent with 400, nothing written.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.core.pages import place_domain_errors
from ketenzorg.verwijzing import guards_inbox, selectors_inbox
from ketenzorg.verwijzing.forms_inbox import MatchForm, StadsdeelFilterForm, VersionForm
from ketenzorg.verwijzing.services import referral as services

MATCH = "verwijzing/match.html"


@require_GET
def inbox(request):
    stadsdelen = selectors_inbox.verbinder_stadsdelen(request.user)
    form = StadsdeelFilterForm(request.GET or None, stadsdelen=stadsdelen)
    chosen, status = None, 200
    if form.is_bound:
        if form.is_valid():
            chosen = form.cleaned_data["stadsdeel"]
        else:
            status = 400
    page = selectors_inbox.inbox_page(actor=request.user, stadsdeel=chosen, stadsdelen=stadsdelen)
    return render(
        request,
        "verwijzing/inbox.html",
        {
            "page": page,
            "form": form,
            "chosen": chosen,
            "all_stadsdelen": stadsdelen,
        },
        status=status,
    )


def _match_page(request, referral_uuid, *, form=None, status=200, problem=None, consent=False):
    only_fitting = request.method == "GET" and request.GET.get("passend") == "1"
    view = selectors_inbox.match_view(
        actor=request.user, referral_uuid=referral_uuid, only_fitting=only_fitting
    )
    referral = view.referral
    if form is None:
        preselected = view.preselected
        form = MatchForm(
            programmes=selectors_inbox.programme_choices(view),
            initial={
                "programme": str(preselected.uuid) if preselected else None,
                "version": referral.version,
            },
        )
    radios = {radio.data["value"]: radio for radio in form["programme"]}
    rows = [(c, radios.get(str(c.programme.uuid))) for c in view.candidates]
    shown = {str(c.programme.uuid) for c in view.candidates}
    return render(
        request,
        MATCH,
        {
            "view": view,
            "referral": referral,
            "form": form,
            "rows": rows,
            "extra_radios": [r for key, r in radios.items() if key not in shown],
            "only_fitting": only_fitting,
            "problem": problem,
            "consent_problem": consent,
            "on_match_page": True,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def referral_match(request, referral_uuid):
    if request.method != "POST":
        return _match_page(request, referral_uuid)
    guards_inbox.referral_for_verbinder(actor=request.user, referral_uuid=referral_uuid)
    view = selectors_inbox.match_view(actor=request.user, referral_uuid=referral_uuid)
    form = MatchForm(request.POST, programmes=selectors_inbox.programme_choices(view))
    if form.is_valid():
        try:
            services.referral_match(
                actor=request.user, referral_uuid=referral_uuid, **form.service_input()
            )
        except Conflict as exc:
            return _match_page(request, referral_uuid, form=form, status=409, problem=exc.message)
        except ValidationFailed as exc:
            place_domain_errors(exc, form=form)
        else:
            messages.success(
                request, gettext("De match is vastgelegd en teruggemeld aan de professional.")
            )
            return redirect("verwijzing:referral_match", referral_uuid=referral_uuid)
    return _match_page(request, referral_uuid, form=form, status=400)


def _step(request, referral_uuid, run, success: str, *, then: str):
    """Take or forward: the version from the page, the service, and the answer."""
    guards_inbox.referral_for_verbinder(actor=request.user, referral_uuid=referral_uuid)
    form = VersionForm(request.POST)
    if not form.is_valid():
        problem = gettext("De pagina was niet compleet. Laad haar opnieuw en probeer het nog eens.")
        return _match_page(request, referral_uuid, status=400, problem=problem)
    try:
        referral = run(form.cleaned_data["version"])
    except Conflict as exc:
        return _match_page(request, referral_uuid, status=409, problem=exc.message)
    except ValidationFailed as exc:
        consent = exc.message == gettext(services.NO_CONSENT_PROVIDER)
        return _match_page(request, referral_uuid, status=400, problem=exc.message, consent=consent)
    messages.success(request, success % {"provider": getattr(referral.provider, "name", "")})
    if then == "inbox":
        return redirect("verwijzing:inbox")
    return redirect("verwijzing:referral_match", referral_uuid=referral_uuid)


@require_POST
def referral_take(request, referral_uuid):
    return _step(
        request,
        referral_uuid,
        lambda version: services.referral_take(
            actor=request.user, referral_uuid=referral_uuid, version=version
        ),
        gettext("U hebt de verwijzing opgepakt. Zoek nu een passend aanbod."),
        then="match",
    )


@require_POST
def referral_forward(request, referral_uuid):
    return _step(
        request,
        referral_uuid,
        lambda version: services.referral_forward(
            actor=request.user, referral_uuid=referral_uuid, version=version
        ),
        gettext("De verwijzing is doorgestuurd naar %(provider)s."),
        then="inbox",
    )
