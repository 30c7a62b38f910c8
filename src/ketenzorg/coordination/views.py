"""Case screens. Thin: find the case through a selector (access + audit first), parse, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from ketenzorg.aanbod.picker import SEARCH, ProgrammePickerForm
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
    ProgrammeLinkForm,
    SignalForm,
)
from ketenzorg.coordination.models import CareLevel, MeetingStatus
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.core.pages import form_page, with_object
from ketenzorg.families import selectors as family_selectors
from ketenzorg.families.views import denied_page

PAGE_SIZE = 50


def _guarded(fetch):
    """Resolve the object through its selector; a refusal shows the page that offers emergency access."""
    return with_object(fetch, refused=denied_page)


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


def _case_form(
    request,
    case,
    form,
    on_valid,
    *,
    title,
    submit,
    intro="",
    formset=None,
    danger=False,
    extra=None,
    field_map=None,
):
    """The case's form page (coordination/form.html)."""
    context = {
        "case": case,
        "title": title,
        "intro": intro,
        "formset": None,
        "submit": submit,
        "danger": danger,
        **(extra or {}),
    }
    return form_page(
        request,
        form=form,
        formset=formset,
        template="coordination/form.html",
        context=context,
        on_valid=on_valid,
        field_map=field_map,
    )


def _to_case(case, anchor=""):
    response = redirect("coordination:detail", case_uuid=case.uuid)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


# --- dashboard and case -----------------------------------------------------------------------


@require_GET
def dashboard(request):
    selectors.case_list_allowed(actor=request.user)
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
@_guarded(lambda r, kw: family_selectors.family_get(actor=r.user, family_uuid=kw["family_uuid"]))
def case_open(request, family):
    form = OpenCaseForm(request.POST or None)
    context = {"family": family, "existing": selectors.open_case_for_family(family)}

    def open_case():
        try:
            case = services.case_open(
                actor=request.user, family=family, reason=form.cleaned_data["reason"]
            )
        except services.CaseAlreadyOpen as exc:
            form.add_error(None, exc.message)
            context.update(form=form, existing=exc.case)
            return render(request, "coordination/open.html", context, status=409)
        messages.success(request, gettext("De casus is geopend. Eén gezin, één plan."))
        return _to_case(case)

    return form_page(
        request, form=form, template="coordination/open.html", context=context, on_valid=open_case
    )


@require_GET
@_guarded(lambda r, kw: selectors.case_view(actor=r.user, case_uuid=kw["case_uuid"]))
def case_detail(request, view):
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

    def close():
        services.case_close(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        messages.success(request, gettext("De casus is gesloten."))
        return _to_case(case)

    return _case_form(request, case, form, close, title=gettext("Casus sluiten"), submit=gettext("Sluiten"),
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

    def register():
        services.involvement_register(
            actor=request.user,
            case=case,
            professional=form.professional(),
            person=form.cleaned_data["person"],
            capacity=form.cleaned_data["capacity"],
            started_on=form.cleaned_data["started_on"],
        )
        messages.success(request, gettext("De betrokkenheid is geregistreerd."))
        return _to_case(case, "betrokkenen")

    return _case_form(
        request,
        case,
        form,
        register,
        title=gettext("Betrokkenheid registreren"),
        intro=gettext(
            "Wie is betrokken bij welk kind of bij het gezin? Is er al een andere professional betrokken bij "
            "hetzelfde kind, dan krijgen jullie allebei bericht (een match), zonder inhoud van elkaars werk."
        ),
        submit=gettext("Registreren"),
        field_map={"professional": "professional_email"},
    )


@require_http_methods(["GET", "POST"])
@with_case
def involvement_end(request, case):
    """Ask first, with the last day (today unless chosen): ending an involvement changes the
    counting rule and who may see the family, so it is never one click away."""
    involvement = selectors.involvement_for_case(
        case=case, involvement_uuid=request.resolver_match.kwargs["involvement_uuid"]
    )
    form = EndInvolvementForm(request.POST or None, initial={"ended_on": timezone.localdate()})

    def end():
        services.involvement_end(
            actor=request.user,
            case=case,
            involvement=involvement,
            ended_on=form.cleaned_data["ended_on"],
            note=form.cleaned_data["note"],
        )
        messages.success(
            request, gettext("De betrokkenheid is beëindigd. De geschiedenis blijft bewaard.")
        )
        return _to_case(case, "betrokkenen")

    who = involvement.professional.full_name
    return _case_form(
        request,
        case,
        form,
        end,
        title=gettext("Betrokkenheid van %(who)s beëindigen") % {"who": who},
        intro=gettext(
            "Vanaf de dag na de laatste dag telt %(who)s niet meer mee voor het niveau en ziet die het "
            "gezin niet meer (tenzij via een andere betrokkenheid). De geschiedenis blijft bewaard."
        )
        % {"who": who},
        submit=gettext("Betrokkenheid beëindigen"),
        danger=True,
    )


# --- level, crisis, coordinators --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@with_case
def level(request, case):
    suggestion = services.current_suggestion(case)
    initial = {"level": suggestion.level if case.level < 4 else case.level}
    form = LevelForm(request.POST or None, initial=initial)

    def set_level():
        services.level_set(
            actor=request.user,
            case=case,
            level=form.cleaned_data["level"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, gettext("Het niveau is vastgelegd."))
        return _to_case(case)

    intro = gettext(
        "Voorstel van de regel: niveau %(level)s — %(rule)s. Nu: niveau %(current)s."
    ) % {
        "level": suggestion.level,
        "rule": suggestion.explanation,
        "current": case.level,
    }
    return _case_form(
        request,
        case,
        form,
        set_level,
        title=gettext("Niveau vaststellen"),
        intro=intro,
        submit=gettext("Vastleggen"),
    )


@require_http_methods(["GET", "POST"])
@with_case
def crisis(request, case):
    services.crisis_start_allowed(actor=request.user, case=case)
    form = CrisisForm(request.POST or None)

    def start():
        services.crisis_start(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        messages.warning(
            request, gettext("Het crisisprotocol is gestart. Alle betrokkenen zijn ingelicht.")
        )
        return _to_case(case)

    return _case_form(
        request,
        case,
        form,
        start,
        title=gettext("Crisisprotocol starten (niveau 5)"),
        submit=gettext("Crisisprotocol starten"),
        danger=True,
    )


@require_http_methods(["GET", "POST"])
@with_case
def coordinator(request, case):
    form = CoordinatorForm(request.POST or None)

    def assign():
        services.coordinator_assign(actor=request.user, case=case, **form.cleaned_data)
        messages.success(request, gettext("De coördinator is vastgelegd."))
        return _to_case(case)

    return _case_form(
        request,
        case,
        form,
        assign,
        title=gettext("Coördinator toewijzen of overdragen"),
        intro=gettext(
            "Niveau 2: zorgcoördinator (JGZ). Niveau 3: procescoördinator. Niveau 4: brandpuntfunctionaris. "
            "Een overdracht beëindigt de vorige coördinator; de geschiedenis blijft zichtbaar."
        ),
        submit=gettext("Vastleggen"),
    )


# --- meetings ---------------------------------------------------------------------------------


def _plan_meeting(request, case, meeting):
    initial = {"kind": meeting.kind if meeting else "motorkapoverleg", "duration_minutes": 60}
    form = MeetingPlanForm(request.POST or None, initial=initial)
    intro = gettext(
        "Alle betrokken professionals en coördinatoren krijgen een uitnodiging met agenda-bijlage (.ics)."
    )
    if meeting and meeting.deadline:
        intro += " " + gettext("Uiterlijk op %(date)s.") % {
            "date": meeting.deadline.strftime("%d-%m-%Y")
        }

    def plan():
        planned = services.meeting_plan(
            actor=request.user, case=case, meeting=meeting, **form.cleaned_data
        )
        messages.success(
            request, gettext("Het overleg is gepland en de uitnodigingen zijn verstuurd.")
        )
        if planned.deadline and timezone.localtime(planned.starts_at).date() > planned.deadline:
            messages.warning(request, gettext("Let op: het overleg ligt na de termijn."))
        return _to_case(case, "overleg")

    return _case_form(
        request,
        case,
        form,
        plan,
        title=gettext("Overleg plannen"),
        intro=intro,
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

    def record():
        services.meeting_record_minutes(actor=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, gettext("Het verslag is opgeslagen. Leg nu de afspraken vast."))
        return redirect("coordination:agreement_add", case_uuid=case.uuid)

    return _case_form(request, case, form, record, title=gettext("Verslag van het overleg"), submit=gettext("Opslaan"),
                      extra={"held": meeting.status == MeetingStatus.HELD, "meeting": meeting})  # fmt: skip


# --- agreements and signals -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@with_case
def agreement_add(request, case):
    professionals = services.involved_professionals(case)
    form = AgreementForm(request.POST or None, professionals=professionals)

    def add():
        latest_meeting = (
            case.meetings.filter(status=MeetingStatus.HELD).order_by("-held_on", "-id").first()
        )
        services.agreement_add(
            actor=request.user, case=case, meeting=latest_meeting, **form.cleaned_data
        )
        messages.success(request, gettext("De afspraak is vastgelegd."))
        return _to_case(case, "afspraken")

    return _case_form(
        request, case, form, add, title=gettext("Afspraak vastleggen"), submit=gettext("Vastleggen")
    )


@require_http_methods(["GET", "POST"])
@with_agreement
def agreement_detail(request, agreement):
    case = agreement.case
    form = CheckInForm(request.POST or None, initial={"status": agreement.status})

    def check_in():
        services.agreement_check_in(actor=request.user, agreement=agreement, **form.cleaned_data)
        messages.success(request, gettext("De stand van zaken is opgeslagen."))
        return _to_case(case, "afspraken")

    context = {
        "case": case,
        "agreement": agreement,
        "shown": agreement.shown_status(timezone.localdate()),
        "checkins": list(agreement.checkins.select_related("author").order_by("created_at")),
        "links": selectors.programme_links_of(case, agreement=agreement),
    }
    return form_page(
        request,
        form=form,
        template="coordination/agreement.html",
        context=context,
        on_valid=check_in,
    )


def _place_link_errors(exc, *, picker, form) -> None:
    """The programme's error on the picker's radio buttons, the rest on the link form."""
    for key, msgs in exc.field_errors.items():
        target = picker if key == "programme" else form
        for message in msgs:
            target.add_error(key if key in target.fields else None, message)
    if not exc.field_errors:
        form.add_error(None, exc.message)


@require_http_methods(["GET", "POST"])
@with_case
def programme_link(request, case):
    """Put a catalogue programme into the plan: search (POST, see aanbod.picker), choose, link."""
    targets = selectors.programme_link_targets(case)
    picker = ProgrammePickerForm(request.POST or None)
    preselect = request.GET.get("afspraak", "")
    form = ProgrammeLinkForm(
        request.POST or None, targets=targets, initial={"agreement": preselect}
    )
    context = {"case": case, "picker": picker, "form": form, "targets": targets}
    if request.method == "POST":
        # The results are shown again whatever else is wrong, so the choice stays in view.
        valid = picker.is_valid() and picker.search() is not None
        valid = form.is_valid() and valid
        if valid and request.POST.get("stap") != SEARCH:
            try:
                link = services.programme_link(
                    actor=request.user,
                    case=case,
                    programme_uuid=picker.chosen(),
                    **form.link_data(),
                )
            except (ValidationFailed, Conflict) as exc:
                _place_link_errors(exc, picker=picker, form=form)
                valid = False
            else:
                messages.success(
                    request,
                    gettext("%(name)s is gekoppeld aan het plan.") % {"name": link.programme.name},
                )
                return _to_case(case, "aanbod")
        if not valid:
            return render(request, "coordination/programme_link.html", context, status=400)
    return render(request, "coordination/programme_link.html", context)


@require_http_methods(["GET", "POST"])
@with_signal
def signal(request, signal):
    case = signal.case
    form = SignalForm(request.POST or None)

    def handle():
        data = form.cleaned_data
        if data["decision"] == SignalForm.ESCALATE:
            services.signal_escalate(
                actor=request.user,
                signal=signal,
                brandpunt=data["brandpunt"],
                reason=data["reason"],
            )
        else:
            services.signal_dismiss(actor=request.user, signal=signal, reason=data["reason"])
        messages.success(request, gettext("Het signaal is afgehandeld."))
        return _to_case(case)

    intro = gettext(
        "De hulp stagneert: %(what)s. Het opschalingsmodel stelt voor op te schalen naar niveau 4: de "
        "brandpuntfunctionaris hakt knopen door in het belang van het kind."
    ) % {"what": signal.get_kind_display()}
    return _case_form(
        request,
        case,
        form,
        handle,
        title=gettext("Stagnatiesignaal"),
        intro=intro,
        submit=gettext("Vastleggen"),
    )


@require_http_methods(["GET", "POST"])
@with_case
def decision(request, case):
    services.decision_record_allowed(actor=request.user, case=case)
    form = DecisionForm(request.POST or None)

    def record():
        services.decision_record(actor=request.user, case=case, text=form.cleaned_data["text"])
        messages.success(request, gettext("Het besluit is vastgelegd."))
        return _to_case(case)

    return _case_form(
        request,
        case,
        form,
        record,
        title=gettext("Besluit van de brandpuntfunctionaris"),
        intro=gettext(
            "U hakt knopen door bij stagnatie in de hulpverlening, in het belang van het kind. De casus staat daarna op niveau 4."
        ),
        submit=gettext("Besluit vastleggen"),
    )


@require_http_methods(["GET", "POST"])
@with_case
def attendance(request, case):
    form = AttendanceForm(request.POST or None, family=case.family)

    def record():
        services.attendance_record(actor=request.user, case=case, **form.cleaned_data)
        messages.success(request, gettext("Vastgelegd."))
        return _to_case(case, "school")

    return _case_form(
        request,
        case,
        form,
        record,
        title=gettext("School of opvang van een kind"),
        intro=gettext(
            "Voor elke school, kinderdagverblijf en peuterspeelzaal is er een vast contactpersoon bij de JGZ."
        ),
        submit=gettext("Vastleggen"),
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

    def save():
        goals = [g for g in (f.to_goal() for f in formset.forms) if g is not None]
        version = services.plan_save(actor=request.user, case=case, plan=form.to_input(goals))
        messages.success(
            request, gettext("Versie %(n)s van het plan is opgeslagen.") % {"n": version.number}
        )
        return redirect("coordination:plan_version", case_uuid=case.uuid, number=version.number)

    return _case_form(
        request,
        case,
        form,
        save,
        formset=formset,
        title=gettext("Het plan schrijven (met het gezin)"),
        intro=gettext(
            "Opslaan maakt een nieuwe versie; eerdere versies blijven leesbaar. Gezinsleden en betrokken "
            "professionals worden uit de casus overgenomen."
        ),
        submit=gettext("Nieuwe versie opslaan"),
        field_map={"goals": "__all__"},
    )


@require_GET
@_guarded(
    lambda r, kw: selectors.plan_version_get(
        actor=r.user, case_uuid=kw["case_uuid"], number=kw["number"]
    )
)
def plan_version(request, case_and_version, number):
    case, version = case_and_version
    return render(
        request,
        "coordination/plan.html",
        {
            "case": case,
            "version": version,
            "sections": plandoc.sections(version.content),
            "subtitle": plandoc.subtitle(version.content, version.number, version.author.full_name),
            "goal_links": [
                ((n, goal), links)
                for n, (goal, links) in enumerate(
                    zip(
                        version.content.get("goals", []),
                        selectors.goal_links(case, version.content.get("goals", [])),
                        strict=True,
                    ),
                    start=1,
                )
                if links
            ],
        },
    )


@require_GET
@_guarded(
    lambda r, kw: selectors.plan_version_get(
        actor=r.user, case_uuid=kw["case_uuid"], number=kw["number"], action=Action.PRINT
    )
)
def plan_pdf(request, case_and_version, number):
    case, version = case_and_version
    goals = version.content.get("goals", [])
    programmes = plandoc.programme_section(goals, selectors.goal_links(case, goals))
    data = pdf.render(
        title=gettext("Plan van %(family)s") % {"family": case.family.name},
        subtitle=plandoc.subtitle(version.content, version.number, version.author.full_name),
        sections=plandoc.sections(version.content) + ([programmes] if programmes else []),
        footer=gettext("ketenzorg · één gezin, één plan · versie %(n)s") % {"n": version.number},
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-versie-{version.number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
