"""Case screens. Thin: find the case through a selector (access + audit first), parse, call a service, render."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenzorg.access import coordination as access
from ketenzorg.access import policy
from ketenzorg.audit.models import Action
from ketenzorg.coordination import pdf, plandoc, selectors, services
from ketenzorg.coordination.forms import (
    AgreementForm,
    AttendanceForm,
    CheckInForm,
    CloseCaseForm,
    CoordinatorForm,
    CrisisForm,
    DecisionForm,
    EndInvolvementForm,
    GoalFormSet,
    InvolvementForm,
    LevelForm,
    MeetingPlanForm,
    MinutesForm,
    OpenCaseForm,
    PlanForm,
    SignalForm,
)
from ketenzorg.coordination.models import CareLevel, MeetingStatus
from ketenzorg.core.errors import AccessDenied, DomainError, NotFound
from ketenzorg.core.forms import apply_domain_errors
from ketenzorg.families import selectors as family_selectors

PAGE_SIZE = 50


def _denied(request, exc, family_uuid=None):
    return render(
        request,
        "families/denied.html",
        {
            "message": exc.message,
            "family_uuid": family_uuid,
            "can_emergency": bool(policy.can_request_emergency_access(request.user)),
        },
        status=403,
    )


def _guarded(fetch):
    """Resolve the object through its selector (access check and audit first), 404/403 otherwise."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, **kwargs):
            try:
                obj = fetch(request, kwargs)
            except NotFound as exc:
                raise Http404(exc.message) from None
            except AccessDenied as exc:
                return _denied(request, exc)
            return view(
                request, obj, **{k: v for k, v in kwargs.items() if not k.endswith("_uuid")}
            )

        return wrapper

    return decorator


with_case = _guarded(lambda r, kw: selectors.case_get(actor=r.user, case_uuid=kw["case_uuid"]))
with_meeting = _guarded(
    lambda r, kw: selectors.meeting_get(actor=r.user, meeting_uuid=kw["meeting_uuid"])
)
with_agreement = _guarded(
    lambda r, kw: selectors.agreement_get(actor=r.user, agreement_uuid=kw["agreement_uuid"])
)
with_signal = _guarded(
    lambda r, kw: selectors.signal_get(actor=r.user, signal_uuid=kw["signal_uuid"])
)


def _form_page(
    request,
    *,
    case,
    title,
    form,
    submit,
    intro="",
    formset=None,
    danger=False,
    extra=None,
):
    """The case's form page; a form that comes back from a POST (a refusal) is answered with 400."""
    status = 400 if request.method == "POST" else 200
    context = {
        "case": case,
        "title": title,
        "intro": intro,
        "form": form,
        "formset": formset,
        "submit": submit,
        "danger": danger,
    }
    context.update(extra or {})
    return render(request, "coordination/form.html", context, status=status)


def _to_case(case, anchor=""):
    response = redirect("coordination:detail", case_uuid=case.uuid)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


# --- dashboard and case -----------------------------------------------------------------------


@require_GET
def dashboard(request):
    try:
        selectors.case_list_allowed(actor=request.user)
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from None
    try:
        page = max(1, int(request.GET.get("pagina", "1")))
    except ValueError:
        page = 1
    board = selectors.dashboard(actor=request.user, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render(
        request,
        "coordination/dashboard.html",
        {"board": board, "page": page, "has_next": page * PAGE_SIZE < board.total},
    )


@require_http_methods(["GET", "POST"])
def case_open(request, family_uuid):
    try:
        family = family_selectors.family_get(actor=request.user, family_uuid=family_uuid)
    except NotFound as exc:
        raise Http404(exc.message) from None
    except AccessDenied as exc:
        return _denied(request, exc, family_uuid)
    existing = selectors.open_case_for_family(family)
    form = OpenCaseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                case = services.case_open(
                    actor=request.user, family=family, reason=form.cleaned_data["reason"]
                )
            except services.CaseAlreadyOpen as exc:
                existing = exc.case
                form.add_error(None, exc.message)
                status = 409
            except DomainError as exc:
                apply_domain_errors(form, exc)
                status = 400
            else:
                messages.success(request, gettext("De casus is geopend. Eén gezin, één plan."))
                return _to_case(case)
        else:
            status = 400
    return render(
        request,
        "coordination/open.html",
        {"family": family, "form": form, "existing": existing},
        status=status,
    )


@require_GET
def case_detail(request, case_uuid):
    try:
        view = selectors.case_view(actor=request.user, case_uuid=case_uuid)
    except NotFound as exc:
        raise Http404(exc.message) from None
    except AccessDenied as exc:
        return _denied(request, exc)
    case = view.case
    return render(
        request,
        "coordination/detail.html",
        {
            "view": view,
            "case": case,
            "family": case.family,
            "levels": CareLevel,
            "may_decide": bool(access.decision_record_decision(request.user)),
            "may_start_crisis": bool(access.crisis_start_decision(request.user)),
            "is_jgz": policy.has_role(request.user, {"jgz", "zorgcoordinator"}),
        },
    )


@require_http_methods(["GET", "POST"])
@with_case
def case_close(request, case):
    form = CloseCaseForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.case_close(
                    actor=request.user, case=case, reason=form.cleaned_data["reason"]
                )
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.success(request, gettext("De casus is gesloten."))
                return _to_case(case)
    return _form_page(request, case=case, title=gettext("Casus sluiten"), form=form, submit=gettext("Sluiten"),
                      intro=gettext("De geschiedenis blijft bewaard. Betrokkenheden blijven staan tot u ze beëindigt."))  # fmt: skip


# --- involvements -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@with_case
def involvement_add(request, case):
    me = policy.professional_of(request.user)
    form = InvolvementForm(
        request.POST or None,
        family=case.family,
        initial={"professional_email": me.email if me else ""},
    )
    title = gettext("Betrokkenheid registreren")
    intro = gettext(
        "Wie is betrokken bij welk kind of bij het gezin? Is er al een andere professional betrokken bij "
        "hetzelfde kind, dan krijgen jullie allebei bericht (een match), zonder inhoud van elkaars werk."
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.involvement_register(
                    actor=request.user,
                    case=case,
                    professional=form.professional(),
                    person=form.cleaned_data["person"],
                    capacity=form.cleaned_data["capacity"],
                    started_on=form.cleaned_data["started_on"],
                )
            except DomainError as exc:
                apply_domain_errors(form, exc, field_map={"professional": "professional_email"})
            else:
                messages.success(request, gettext("De betrokkenheid is geregistreerd."))
                return _to_case(case, "betrokkenen")
    return _form_page(
        request, case=case, title=title, intro=intro, form=form, submit=gettext("Registreren")
    )


@require_POST
@with_case
def involvement_end(request, case):
    try:
        involvement = selectors.involvement_for_case(
            case=case, involvement_uuid=request.resolver_match.kwargs["involvement_uuid"]
        )
    except NotFound as exc:
        raise Http404(exc.message) from None
    form = EndInvolvementForm(request.POST)
    if form.is_valid():
        try:
            services.involvement_end(
                actor=request.user,
                case=case,
                involvement=involvement,
                ended_on=form.cleaned_data["ended_on"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            messages.error(
                request,
                exc.message
                if not exc.field_errors
                else " ".join(m for ms in exc.field_errors.values() for m in ms),
            )
            return _to_case(case, "betrokkenen")
        messages.success(
            request, gettext("De betrokkenheid is beëindigd. De geschiedenis blijft bewaard.")
        )
        return _to_case(case, "betrokkenen")
    messages.error(request, gettext("Die datum klopt niet."))
    return _to_case(case, "betrokkenen")


# --- level, crisis, coordinators --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@with_case
def level(request, case):
    suggestion = services.current_suggestion(case)
    initial = {"level": suggestion.level if case.level < 4 else case.level}
    form = LevelForm(request.POST or None, initial=initial)
    title = gettext("Niveau vaststellen")
    intro = gettext(
        "Voorstel van de regel: niveau %(level)s — %(rule)s. Nu: niveau %(current)s."
    ) % {
        "level": suggestion.level,
        "rule": suggestion.explanation,
        "current": case.level,
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                services.level_set(
                    actor=request.user,
                    case=case,
                    level=form.cleaned_data["level"],
                    reason=form.cleaned_data["reason"],
                )
            except AccessDenied as exc:
                raise PermissionDenied(exc.message) from None
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.success(request, gettext("Het niveau is vastgelegd."))
                return _to_case(case)
    return _form_page(
        request, case=case, title=title, intro=intro, form=form, submit=gettext("Vastleggen")
    )


@require_http_methods(["GET", "POST"])
@with_case
def crisis(request, case):
    try:
        services.crisis_start_allowed(actor=request.user, case=case)
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from None
    form = CrisisForm(request.POST or None)
    title = gettext("Crisisprotocol starten (niveau 5)")
    if request.method == "POST":
        if form.is_valid():
            try:
                services.crisis_start(
                    actor=request.user, case=case, reason=form.cleaned_data["reason"]
                )
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.warning(
                    request,
                    gettext("Het crisisprotocol is gestart. Alle betrokkenen zijn ingelicht."),
                )
                return _to_case(case)
    return _form_page(
        request,
        case=case,
        title=title,
        form=form,
        submit=gettext("Crisisprotocol starten"),
        danger=True,
    )


@require_http_methods(["GET", "POST"])
@with_case
def coordinator(request, case):
    form = CoordinatorForm(request.POST or None)
    title = gettext("Coördinator toewijzen of overdragen")
    intro = gettext(
        "Niveau 2: zorgcoördinator (JGZ). Niveau 3: procescoördinator. Niveau 4: brandpuntfunctionaris. "
        "Een overdracht beëindigt de vorige coördinator; de geschiedenis blijft zichtbaar."
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.coordinator_assign(actor=request.user, case=case, **form.cleaned_data)
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.success(request, gettext("De coördinator is vastgelegd."))
                return _to_case(case)
    return _form_page(
        request, case=case, title=title, intro=intro, form=form, submit=gettext("Vastleggen")
    )


# --- meetings ---------------------------------------------------------------------------------


def _plan_meeting(request, case, meeting):
    initial = {"kind": meeting.kind if meeting else "motorkapoverleg", "duration_minutes": 60}
    form = MeetingPlanForm(request.POST or None, initial=initial)
    title = gettext("Overleg plannen")
    intro = gettext(
        "Alle betrokken professionals en coördinatoren krijgen een uitnodiging met agenda-bijlage (.ics)."
    )
    if meeting and meeting.deadline:
        intro += " " + gettext("Uiterlijk op %(date)s.") % {
            "date": meeting.deadline.strftime("%d-%m-%Y")
        }
    if request.method == "POST":
        if form.is_valid():
            try:
                planned = services.meeting_plan(
                    actor=request.user, case=case, meeting=meeting, **form.cleaned_data
                )
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.success(
                    request, gettext("Het overleg is gepland en de uitnodigingen zijn verstuurd.")
                )
                if (
                    planned.deadline
                    and timezone.localtime(planned.starts_at).date() > planned.deadline
                ):
                    messages.warning(request, gettext("Let op: het overleg ligt na de termijn."))
                return _to_case(case, "overleg")
    return _form_page(
        request,
        case=case,
        title=title,
        intro=intro,
        form=form,
        submit=gettext("Plannen en uitnodigen"),
    )


@require_http_methods(["GET", "POST"])
@with_case
def meeting_new(request, case):
    return _plan_meeting(request, case, None)


@require_http_methods(["GET", "POST"])
@with_meeting
def meeting_plan(request, meeting):
    return _plan_meeting(request, meeting.case, meeting)


@require_http_methods(["GET", "POST"])
@with_meeting
def meeting_minutes(request, meeting):
    case = meeting.case
    form = MinutesForm(request.POST or None, initial={"held_on": timezone.localdate()})
    title = gettext("Verslag van het overleg")
    if request.method == "POST":
        if form.is_valid():
            try:
                services.meeting_record_minutes(
                    actor=request.user, meeting=meeting, **form.cleaned_data
                )
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.success(
                    request, gettext("Het verslag is opgeslagen. Leg nu de afspraken vast.")
                )
                return redirect("coordination:agreement_add", case_uuid=case.uuid)
    return _form_page(request, case=case, title=title, form=form, submit=gettext("Opslaan"),
                      extra={"held": meeting.status == MeetingStatus.HELD, "meeting": meeting})  # fmt: skip


# --- agreements and signals -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@with_case
def agreement_add(request, case):
    professionals = services.involved_professionals(case)
    form = AgreementForm(request.POST or None, professionals=professionals)
    title = gettext("Afspraak vastleggen")
    if request.method == "POST":
        if form.is_valid():
            latest_meeting = (
                case.meetings.filter(status=MeetingStatus.HELD).order_by("-held_on", "-id").first()
            )
            try:
                services.agreement_add(
                    actor=request.user, case=case, meeting=latest_meeting, **form.cleaned_data
                )
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.success(request, gettext("De afspraak is vastgelegd."))
                return _to_case(case, "afspraken")
    return _form_page(request, case=case, title=title, form=form, submit=gettext("Vastleggen"))


@require_http_methods(["GET", "POST"])
@with_agreement
def agreement_detail(request, agreement):
    case = agreement.case
    form = CheckInForm(request.POST or None, initial={"status": agreement.status})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.agreement_check_in(
                    actor=request.user, agreement=agreement, **form.cleaned_data
                )
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.success(request, gettext("De stand van zaken is opgeslagen."))
                return _to_case(case, "afspraken")
        status = 400
    checkins = list(agreement.checkins.select_related("author").order_by("created_at"))
    return render(
        request,
        "coordination/agreement.html",
        {
            "case": case,
            "agreement": agreement,
            "shown": agreement.shown_status(timezone.localdate()),
            "checkins": checkins,
            "form": form,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@with_signal
def signal(request, signal):
    case = signal.case
    form = SignalForm(request.POST or None)
    title = gettext("Stagnatiesignaal")
    intro = gettext(
        "De hulp stagneert: %(what)s. Het opschalingsmodel stelt voor op te schalen naar niveau 4: de "
        "brandpuntfunctionaris hakt knopen door in het belang van het kind."
    ) % {"what": signal.get_kind_display()}
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == SignalForm.ESCALATE:
                    services.signal_escalate(
                        actor=request.user,
                        signal=signal,
                        brandpunt=data["brandpunt"],
                        reason=data["reason"],
                    )
                else:
                    services.signal_dismiss(
                        actor=request.user, signal=signal, reason=data["reason"]
                    )
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.success(request, gettext("Het signaal is afgehandeld."))
                return _to_case(case)
    return _form_page(
        request, case=case, title=title, intro=intro, form=form, submit=gettext("Vastleggen")
    )


@require_http_methods(["GET", "POST"])
@with_case
def decision(request, case):
    try:
        services.decision_record_allowed(actor=request.user, case=case)
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from None
    form = DecisionForm(request.POST or None)
    title = gettext("Besluit van de brandpuntfunctionaris")
    intro = gettext(
        "U hakt knopen door bij stagnatie in de hulpverlening, in het belang van het kind. De casus staat daarna op niveau 4."
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.decision_record(
                    actor=request.user, case=case, text=form.cleaned_data["text"]
                )
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.success(request, gettext("Het besluit is vastgelegd."))
                return _to_case(case)
    return _form_page(
        request,
        case=case,
        title=title,
        intro=intro,
        form=form,
        submit=gettext("Besluit vastleggen"),
    )


@require_http_methods(["GET", "POST"])
@with_case
def attendance(request, case):
    form = AttendanceForm(request.POST or None, family=case.family)
    title = gettext("School of opvang van een kind")
    intro = gettext(
        "Voor elke school, kinderdagverblijf en peuterspeelzaal is er een vast contactpersoon bij de JGZ."
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.attendance_record(actor=request.user, case=case, **form.cleaned_data)
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.success(request, gettext("Vastgelegd."))
                return _to_case(case, "school")
    return _form_page(
        request, case=case, title=title, intro=intro, form=form, submit=gettext("Vastleggen")
    )


# --- the plan ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@with_case
def plan_edit(request, case):
    _, latest = selectors.plan_version_get(actor=request.user, case_uuid=case.uuid)
    content = latest.content if latest else {}
    initial = {k: content.get(k, "") for k in services.PLAN_TEXT_FIELDS}
    goals_initial = [
        {"goal": g["goal"], "action": g["action"], "who": g["who"], "by_when": g["by_when"] or None}
        for g in content.get("goals", [])
    ]
    form = PlanForm(request.POST or None, initial=initial)
    formset = GoalFormSet(request.POST or None, prefix="goals", initial=goals_initial)
    title = gettext("Het plan schrijven (met het gezin)")
    intro = gettext(
        "Opslaan maakt een nieuwe versie; eerdere versies blijven leesbaar. Gezinsleden en betrokken "
        "professionals worden uit de casus overgenomen."
    )
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            goals = [g for g in (f.to_goal() for f in formset.forms) if g is not None]
            try:
                version = services.plan_save(
                    actor=request.user, case=case, plan=form.to_input(goals)
                )
            except DomainError as exc:
                apply_domain_errors(form, exc, field_map={"goals": "__all__"})
            else:
                messages.success(
                    request,
                    gettext("Versie %(n)s van het plan is opgeslagen.") % {"n": version.number},
                )
                return redirect(
                    "coordination:plan_version", case_uuid=case.uuid, number=version.number
                )
    return _form_page(
        request,
        case=case,
        title=title,
        intro=intro,
        form=form,
        formset=formset,
        submit=gettext("Nieuwe versie opslaan"),
    )


@require_GET
def plan_version(request, case_uuid, number):
    try:
        case, version = selectors.plan_version_get(
            actor=request.user, case_uuid=case_uuid, number=number
        )
    except NotFound as exc:
        raise Http404(exc.message) from None
    except AccessDenied as exc:
        return _denied(request, exc)
    return render(
        request,
        "coordination/plan.html",
        {
            "case": case,
            "version": version,
            "sections": plandoc.sections(version.content),
            "subtitle": plandoc.subtitle(version.content, version.number, version.author.full_name),
        },
    )


@require_GET
def plan_pdf(request, case_uuid, number):
    try:
        case, version = selectors.plan_version_get(
            actor=request.user, case_uuid=case_uuid, number=number, action=Action.PRINT
        )
    except NotFound as exc:
        raise Http404(exc.message) from None
    except AccessDenied as exc:
        return _denied(request, exc)
    data = pdf.render(
        title=gettext("Plan van %(family)s") % {"family": case.family.name},
        subtitle=plandoc.subtitle(version.content, version.number, version.author.full_name),
        sections=plandoc.sections(version.content),
        footer=gettext("ketenzorg · één gezin, één plan · versie %(n)s") % {"n": version.number},
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-versie-{version.number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
