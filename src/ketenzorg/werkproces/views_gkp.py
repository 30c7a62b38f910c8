"""GKP-overleg screens: the AJH-verbinder's meetings, planning a series, a meeting's agenda,
one agenda item with its outcome, and putting a case's question on the agenda.

Thin like the other werkproces screens: the guards refuse (and log) first, the selectors
read (and decide per look what of a family an item shows), the services write.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenzorg.access import gkp as access
from ketenzorg.consent.models import DossierPart
from ketenzorg.coordination import selectors as case_selectors
from ketenzorg.core.errors import AccessDenied, DomainError, NotFound
from ketenzorg.core.pages import form_page, place_domain_errors
from ketenzorg.werkproces import guards_gkp, rules_gkp, selectors_gkp
from ketenzorg.werkproces.forms_gkp import (
    CorrectionForm,
    ItemForm,
    OutcomeForm,
    PlanForm,
    StadsdeelForm,
    WithdrawForm,
)
from ketenzorg.werkproces.models import GkpItemStatus
from ketenzorg.werkproces.services import gkp as services

CORRECTION_PREFIX = "correctie"


@require_GET
def gkp_meetings(request):
    """The own stadsdeel's upcoming meetings (soonest first) and the recent ones (latest first)."""
    meetings = selectors_gkp.gkp_meetings_for(actor=request.user)
    now = timezone.now()
    return render(
        request,
        "werkproces/gkp_list.html",
        {
            "upcoming": [m for m in meetings if rules_gkp.upcoming(m.starts_at, now)],
            "recent": [m for m in reversed(meetings) if not rules_gkp.upcoming(m.starts_at, now)],
            "stadsdelen": list(selectors_gkp.verbinder_stadsdelen(actor=request.user)),
        },
    )


@require_http_methods(["GET", "POST"])
def gkp_plan(request):
    guards_gkp.gkp_list_allowed(actor=request.user)
    stadsdelen = selectors_gkp.verbinder_stadsdelen(actor=request.user)
    only = stadsdelen.first() if stadsdelen.count() == 1 else None
    form = PlanForm(
        request.POST or None,
        stadsdelen=stadsdelen,
        initial={"stadsdeel": only.uuid if only else None},
    )

    def plan():
        planned = services.gkp_meetings_plan(actor=request.user, **form.service_input())
        messages.success(request, gettext("%(n)s overleggen gepland.") % {"n": len(planned)})
        return redirect("werkproces:gkp_meetings")

    return form_page(
        request,
        form=form,
        template="werkproces/gkp_plan.html",
        context={"has_stadsdeel": only is not None or stadsdelen.exists()},
        on_valid=plan,
    )


@require_GET
def gkp_meeting(request, gkp_meeting_uuid):
    view = selectors_gkp.gkp_meeting_view(actor=request.user, meeting_uuid=gkp_meeting_uuid)
    return render(
        request,
        "werkproces/gkp_meeting.html",
        {"view": view, "meeting": view.meeting, "labels": dict(DossierPart.choices)},
    )


def _item_page(request, view, *, status=200, **forms):
    item = view.item
    now = timezone.now()
    may_record = bool(access.outcome_decision(request.user, item))
    may_withdraw = (
        view.as_case_worker
        and item.status == GkpItemStatus.ON_AGENDA
        and rules_gkp.upcoming(item.meeting.starts_at, now)
    )
    follow_ups = selectors_gkp.follow_up_choices(item) if may_record else []
    held = timezone.localdate(item.meeting.starts_at) <= timezone.localdate(now)
    outcome_form = forms.get("outcome_form")
    correction_form = forms.get("correction_form")
    if may_record and item.status == GkpItemStatus.ON_AGENDA and held and outcome_form is None:
        outcome_form = OutcomeForm(follow_ups=follow_ups)
    if may_record and item.status == GkpItemStatus.DISCUSSED and correction_form is None:
        correction_form = CorrectionForm(follow_ups=follow_ups, prefix=CORRECTION_PREFIX)
    withdraw_form = forms.get("withdraw_form") or (WithdrawForm() if may_withdraw else None)
    return render(
        request,
        "werkproces/gkp_item.html",
        {
            "view": view,
            "item": item,
            "meeting": item.meeting,
            "shared_labels": [label for v, label in DossierPart.choices if v in view.shared_parts],
            "outcome_form": outcome_form,
            "correction_form": correction_form,
            "withdraw_form": withdraw_form,
            "may_record": may_record,
            "held": held,
        },
        status=status,
    )


@require_GET
def gkp_item(request, gkp_item_uuid):
    view = selectors_gkp.gkp_item_view(actor=request.user, item_uuid=gkp_item_uuid)
    return _item_page(request, view)


def _write(request, gkp_item_uuid, form, write, *, form_key):
    """Run the write; a domain error comes back on the item page with 400."""
    if form.is_valid():
        try:
            write()
        except (AccessDenied, NotFound):
            raise
        except DomainError as exc:
            place_domain_errors(exc, form=form)
        else:
            return redirect("werkproces:gkp_item", gkp_item_uuid=gkp_item_uuid)
    view = selectors_gkp.gkp_item_view(actor=request.user, item_uuid=gkp_item_uuid)
    return _item_page(request, view, status=400, **{form_key: form})


@require_POST
def gkp_outcome(request, gkp_item_uuid):
    # Refused (and logged as the write) before the input is read.
    item, _decision = guards_gkp.item_get_for_outcome(actor=request.user, item_uuid=gkp_item_uuid)
    form = OutcomeForm(request.POST, follow_ups=selectors_gkp.follow_up_choices(item))

    def write():
        services.gkp_outcome_record(
            actor=request.user, item_uuid=gkp_item_uuid, **form.service_input()
        )
        messages.success(request, gettext("De uitkomst van het overleg is vastgelegd."))

    return _write(request, gkp_item_uuid, form, write, form_key="outcome_form")


@require_POST
def gkp_outcome_correct(request, gkp_item_uuid):
    item, _decision = guards_gkp.item_get_for_outcome(actor=request.user, item_uuid=gkp_item_uuid)
    form = CorrectionForm(
        request.POST, follow_ups=selectors_gkp.follow_up_choices(item), prefix=CORRECTION_PREFIX
    )

    def write():
        services.gkp_outcome_correct(
            actor=request.user, item_uuid=gkp_item_uuid, **form.service_input()
        )
        messages.success(
            request, gettext("De uitkomst is gecorrigeerd; de vorige blijft zichtbaar.")
        )

    return _write(request, gkp_item_uuid, form, write, form_key="correction_form")


@require_POST
def gkp_item_withdraw(request, gkp_item_uuid):
    guards_gkp.item_get_for_withdraw(actor=request.user, item_uuid=gkp_item_uuid)
    form = WithdrawForm(request.POST)

    def write():
        services.gkp_item_withdraw(
            actor=request.user, item_uuid=gkp_item_uuid, reason=form.cleaned_data["reason"]
        )
        messages.success(request, gettext("De vraag is van de agenda gehaald."))

    return _write(request, gkp_item_uuid, form, write, form_key="withdraw_form")


@require_http_methods(["GET", "POST"])
def gkp_item_add(request, case_uuid):
    """ "Agenderen voor het GKP-overleg": an upcoming meeting of the family's stadsdeel; for a
    family without a district the professional first chooses the stadsdeel (a GET, a uuid)."""
    case = case_selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
    chosen, choose = None, None
    if selectors_gkp.stadsdeel_of_family(case.family) is None:
        choose = StadsdeelForm(request.GET or None, stadsdelen=selectors_gkp.stadsdeel_choices())
        if choose.is_bound and choose.is_valid():
            chosen = choose.cleaned_data["stadsdeel"]
    stadsdelen, meetings = selectors_gkp.gkp_meetings_for_case(
        actor=request.user, case=case, stadsdeel=chosen
    )
    context = {"case": case, "choose": choose, "stadsdelen": stadsdelen, "meetings": meetings}
    if not stadsdelen:
        bad = request.method == "POST" or (choose is not None and choose.is_bound)
        return render(request, "werkproces/gkp_item_add.html", context, status=400 if bad else 200)
    form = ItemForm(request.POST or None, meetings=meetings)

    def add():
        services.gkp_item_add(actor=request.user, case=case, **form.service_input())
        messages.success(request, gettext("De vraag staat op de agenda van het GKP-overleg."))
        response = redirect("werkproces:case", case_uuid=case.uuid)
        response["Location"] += "#gkp"
        return response

    return form_page(
        request,
        form=form,
        template="werkproces/gkp_item_add.html",
        context=context,
        on_valid=add,
    )
