"""The werkproces page of a case: where the family is, the whole history, and the next decision.

Thin like the case screens: the case comes through coordination's selector (access
check and log first), the werkproces through `werkproces.selectors.werkproces_view`
(logged look), every change through `werkproces.services`, whose guards and rules
decide. The page only offers what the table allows from here; a refusal of the rules
comes back on the form that was sent, with status 400.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_GET, require_POST

from ketenzorg.coordination import selectors as case_selectors
from ketenzorg.core.pages import form_page, with_object
from ketenzorg.families.views import denied_page
from ketenzorg.werkproces import rules, selectors, services
from ketenzorg.werkproces.forms_steps import (
    FIELD_MAP,
    EvaluationForm,
    StartForm,
    TransitionForm,
)
from ketenzorg.werkproces.models import Step

TEMPLATE = "werkproces/steps.html"

with_case = with_object(
    lambda r, kw: case_selectors.case_get(actor=r.user, case_uuid=kw["case_uuid"]),
    refused=denied_page,
)

# Translated when shown (gettext at import would fix the language of the first request).
DONE = {
    rules.START: gettext_noop("Het werkproces is gestart: ondersteuning door het OKT."),
    rules.CONTINUE: gettext_noop("Het gezin is naar de volgende stap gegaan."),
    rules.STOP: gettext_noop("Het werkproces is gestopt."),
    rules.BACK: gettext_noop("Het werkproces is een stap teruggezet."),
    rules.RESUME: gettext_noop("Het werkproces is hervat."),
}


@dataclass
class StepItem:
    value: str
    label: str
    current: bool
    done: bool
    stopped_here: bool


def _steps(werkproces) -> list[StepItem]:
    """The ordered steps, the current one marked; while stopped, the step it was stopped in."""
    step = werkproces.step if werkproces else None
    stopped_from = werkproces.stopped_from if werkproces else ""
    reached = stopped_from if step == rules.STOPPED else step
    index = rules.ORDER.index(reached) if reached in rules.ORDER else -1
    return [
        StepItem(
            value,
            Step(value).label,
            current=value == step,
            done=i < index,
            stopped_here=step == rules.STOPPED and value == stopped_from,
        )
        for i, value in enumerate(rules.ORDER)
    ]


def _current_evaluation(view):
    """The evaluation of the current visit of the step (what the decision rests on)."""
    werkproces = view.werkproces
    if werkproces is None:
        return None
    current = [e for e in view.evaluations if e.version == werkproces.version]
    return current[-1] if current else None


def _meedenkers(view) -> list:
    seen, people = set(), []
    for consultation in view.consultations:
        if consultation.meedenker_id not in seen:
            seen.add(consultation.meedenker_id)
            people.append(consultation.meedenker)
    return people


def _forms(view, case, *, bound=None, data=None) -> dict:
    """The forms the state allows; the one sent (`bound`) is always shown, with its errors."""
    werkproces = view.werkproces
    evaluation = _current_evaluation(view)
    possible = set(view.possible)
    forms: dict = {}
    if rules.START in possible:
        forms["start"] = StartForm()
    if werkproces is not None and case.is_open and werkproces.step in rules.WORKING:
        forms["evaluate"] = EvaluationForm()
    state = werkproces.state if werkproces is not None else rules.State()
    for kind in (rules.CONTINUE, rules.STOP, rules.BACK, rules.RESUME):
        if kind not in possible:
            continue
        if kind in (rules.CONTINUE, rules.STOP) and evaluation is None:
            continue
        if kind == rules.CONTINUE and evaluation.yielded_enough:
            continue
        forms[kind] = TransitionForm(
            kind=kind, into=rules.target(kind, state), meedenkers=_meedenkers(view)
        )
    if bound is not None:
        forms[bound] = _bound_form(bound, view, data)
    return forms


def _bound_form(key, view, data):
    if key == "start":
        return StartForm(data)
    if key == "evaluate":
        return EvaluationForm(data)
    state = view.werkproces.state if view.werkproces is not None else rules.State()
    return TransitionForm(
        data, kind=key, into=rules.target(key, state), meedenkers=_meedenkers(view)
    )


# kind -> (url name, heading, button): the decisions in the order the page offers them.
DECISIONS = {
    rules.CONTINUE: ("werkproces:continue", gettext_noop("Verder naar de volgende stap"),
                     gettext_noop("Verder")),
    rules.STOP: ("werkproces:stop", gettext_noop("Stoppen: verder met de bestaande ondersteuning"),
                 gettext_noop("Stoppen")),
    rules.BACK: ("werkproces:back", gettext_noop("Een stap terug"), gettext_noop("Terugzetten")),
    rules.RESUME: ("werkproces:resume", gettext_noop("Hervatten"), gettext_noop("Hervatten")),
}  # fmt: skip


@dataclass
class Decision:
    kind: str
    form: TransitionForm
    url_name: str
    heading: str
    submit: str


def _decisions(forms) -> list[Decision]:
    return [
        Decision(kind, forms[kind], url_name, gettext(heading), gettext(submit))
        for kind, (url_name, heading, submit) in DECISIONS.items()
        if kind in forms
    ]


# Where each form stands on the page, for the error summary's link.
ANCHORS = {"start": "starten", "evaluate": "evalueren"}


def _context(request, case, view, forms, sent=None) -> dict:
    werkproces = view.werkproces
    return {
        "sent_form": forms.get(sent) if sent else None,
        "sent_anchor": ANCHORS.get(sent, f"besluit-{sent}"),
        "case": case,
        "family": case.family,
        "view": view,
        "werkproces": werkproces,
        # The case's GKP items and the overleg's outcomes: the AJH exploration's result.
        "gkp_items": view.gkp_items,
        "steps": _steps(werkproces),
        "stopped": werkproces is not None and werkproces.step == rules.STOPPED,
        "evaluation": _current_evaluation(view),
        "forms": forms,
        "decisions": _decisions(forms),
        "next_step": (
            Step(rules.target(rules.CONTINUE, werkproces.state)).label
            if werkproces is not None and rules.target(rules.CONTINUE, werkproces.state)
            else ""
        ),
    }


def _to_page(case, anchor="stap"):
    response = redirect("werkproces:case", case_uuid=case.uuid)
    response["Location"] += f"#{anchor}"
    return response


@require_GET
@with_object(
    lambda r, kw: selectors.werkproces_of_case(actor=r.user, case_uuid=kw["case_uuid"]),
    refused=denied_page,
)
def case_werkproces(request, found):
    case, view = found
    return render(request, TEMPLATE, _context(request, case, view, _forms(view, case)))


def _act(request, case, key, run):
    """Validate the sent form, run the service; errors come back on that form (400)."""
    view = selectors.werkproces_view(actor=request.user, case=case)
    forms = _forms(view, case, bound=key, data=request.POST)
    form = forms[key]

    def on_valid():
        run(form)
        return _to_page(case)

    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        context=_context(request, case, view, forms, sent=key),
        on_valid=on_valid,
        field_map=FIELD_MAP,
    )


@require_POST
@with_case
def start(request, case):
    def run(form):
        services.werkproces_start(actor=request.user, case=case)
        messages.success(request, gettext(DONE[rules.START]))

    return _act(request, case, "start", run)


@require_POST
@with_case
def evaluate(request, case):
    def run(form):
        services.step_evaluate(
            actor=request.user,
            case=case,
            yielded_enough=form.cleaned_data["yielded_enough"],
            summary=form.cleaned_data["summary"],
        )
        messages.success(
            request, gettext("De evaluatie is vastgelegd. Besluit nu over de volgende stap.")
        )

    return _act(request, case, "evaluate", run)


def _transition(kind):
    @require_POST
    @with_case
    def take(request, case):
        def run(form):
            services.step_take(actor=request.user, case=case, transition=kind, **form.step_inputs())
            messages.success(request, gettext(DONE[kind]))

        return _act(request, case, kind, run)

    take.__name__ = f"take_{kind}"
    take.__doc__ = f"POST: the transition {kind!r} (the rules and the guard decide)."
    return take


take_continue = _transition(rules.CONTINUE)
take_stop = _transition(rules.STOP)
take_back = _transition(rules.BACK)
take_resume = _transition(rules.RESUME)
