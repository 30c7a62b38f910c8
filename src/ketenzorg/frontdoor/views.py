"""The opvoedadviseur's screens: the question queue, contact moments, "meer hulp regelen",
the walk-in schedule. Behind login and second factor (the middleware); the role is checked
here through the selectors and services, which log refusals.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenzorg.aanbod import selectors as aanbod_selectors
from ketenzorg.aanbod.picker import SEARCH, ProgrammePickerForm
from ketenzorg.access import frontdoor as access
from ketenzorg.audit.models import Action
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.core.pages import form_page
from ketenzorg.core.siteurl import absolute_url
from ketenzorg.frontdoor import guards, selectors, services
from ketenzorg.frontdoor.forms import (
    AnswerForm,
    ContactForm,
    HandOverForm,
    HandProgrammeForm,
    MemberHelpFormSet,
    MoreHelpForm,
)
from ketenzorg.frontdoor.models import HandWay, OpeningHours, QuestionStatus
from ketenzorg.frontdoor.subjects import contact_subjects, question_subjects

PAGE_SIZE = 50
SESSION_LAST_CONTACT = "frontdoor_last_contact"
DETAIL = "frontdoor/question_detail.html"


def _page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("pagina", "1")), 100_000))
    except ValueError:
        return 1


# --- questions ---------------------------------------------------------------------------------


@require_GET
def queue(request):
    status = request.GET.get("status", QuestionStatus.NEW)
    if status not in QuestionStatus.values and status != "alle":
        status = QuestionStatus.NEW
    mine = request.GET.get("mijn") == "1"
    page = _page_number(request)
    questions, total, counts = selectors.question_queue(
        actor=request.user,
        status="" if status == "alle" else status,
        mine=mine,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    tabs = [(value, label, counts.get(value, 0)) for value, label in QuestionStatus.choices]
    return render(
        request,
        "frontdoor/queue.html",
        {"questions": questions, "total": total, "tabs": tabs, "status": status, "mine": mine, "page": page,
         "has_next": page * PAGE_SIZE < total, "now": timezone.now()},
    )  # fmt: skip


def _detail_context(request, question, **forms):
    me = access.adviser_of(request.user)
    context = {
        "question": question,
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "handover_form": forms.get("handover_form") or HandOverForm(me=question.assigned_to or me),
        "can_more_help": bool(access.can_arrange_more_help(request.user)),
        "me": me,
    }
    return context


@require_GET
def question_detail(request, question_uuid):
    question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
    return render(request, DETAIL, _detail_context(request, question))


def _question_action(request, question_uuid, run, success: str):
    question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
    try:
        run(question)
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("frontdoor:question_detail", question_uuid=question.uuid)


@require_POST
def question_pick_up(request, question_uuid):
    return _question_action(
        request, question_uuid,
        lambda q: services.question_pick_up(actor=request.user, question=q),
        gettext("U behandelt deze vraag nu."),
    )  # fmt: skip


@require_POST
def question_release(request, question_uuid):
    return _question_action(
        request, question_uuid,
        lambda q: services.question_release(actor=request.user, question=q),
        gettext("De vraag staat weer in de wachtrij; een collega kan hem oppakken."),
    )  # fmt: skip


@require_POST
def question_close(request, question_uuid):
    return _question_action(
        request, question_uuid,
        lambda q: services.question_close(actor=request.user, question=q),
        gettext("De vraag is gesloten; naam en e-mailadres van de vraagsteller zijn verwijderd."),
    )  # fmt: skip


@require_POST
def question_answer(request, question_uuid):
    question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
    form = AnswerForm(request.POST)

    def answer():
        answered = services.question_answer(
            actor=request.user, question=question, answer=form.cleaned_data["answer"]
        )
        if answered.email:
            messages.success(
                request, gettext("Het antwoord is opgeslagen en wordt per e-mail verstuurd.")
            )
        else:
            messages.success(
                request,
                gettext(
                    "Het antwoord is opgeslagen. De vraagsteller gaf geen e-mailadres en kan bellen met het kenmerk."
                ),
            )
        return redirect("frontdoor:question_detail", question_uuid=question.uuid)

    context = _detail_context(request, question, answer_form=form)
    return form_page(request, form=form, template=DETAIL, context=context, on_valid=answer)


@require_POST
def question_hand_over(request, question_uuid):
    question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
    form = HandOverForm(request.POST, me=question.assigned_to or access.adviser_of(request.user))

    def hand_over():
        services.question_hand_over(
            actor=request.user, question=question, to_professional_uuid=form.cleaned_data["to"].uuid,
            note=form.cleaned_data["note"],
        )  # fmt: skip
        messages.success(
            request,
            gettext("De vraag is overgedragen aan %(name)s.")
            % {"name": form.cleaned_data["to"].full_name},
        )
        return redirect("frontdoor:queue")

    context = _detail_context(request, question, handover_form=form)
    return form_page(request, form=form, template=DETAIL, context=context, on_valid=hand_over)


# --- meer hulp regelen -------------------------------------------------------------------------


def _more_help_page(request, *, source, template_context: dict, run, object_type, subjects):
    """Shared by questions and contact moments: register the family and open its case."""
    guards.more_help_allowed(
        actor=request.user, object_type=object_type, object_uuid=source.uuid, subjects=subjects
    )
    form = MoreHelpForm(request.POST or None)
    formset = MemberHelpFormSet(request.POST or None, prefix="members")

    def arrange():
        members = [f.to_input() for f in formset.forms if f.has_changed() and f.cleaned_data]
        data = services.MoreHelpInput(
            family_name=form.cleaned_data["family_name"], members=members,
            postcode=form.cleaned_data["postcode"], house_number=form.cleaned_data["house_number"],
            reason=form.cleaned_data["reason"],
        )  # fmt: skip
        family, case = run(data)
        messages.success(
            request,
            gettext("Meer hulp geregeld: het gezin is geregistreerd en de casus is geopend."),
        )
        return redirect("coordination:detail", case_uuid=case.uuid)

    return form_page(
        request, form=form, formset=formset, template="frontdoor/more_help.html",
        context={"source": source, **template_context}, on_valid=arrange,
        field_map={"name": "family_name"},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def question_more_help(request, question_uuid):
    question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
    if question.status == QuestionStatus.CLOSED:
        messages.error(request, gettext("Deze vraag is gesloten."))
        return redirect("frontdoor:question_detail", question_uuid=question.uuid)

    def run(data):
        return services.question_more_help(actor=request.user, question=question, data=data)

    return _more_help_page(
        request, source=question, template_context={"question": question}, run=run,
        object_type="frontdoor.Question", subjects=question_subjects(question),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def contact_more_help(request, contact_uuid):
    moment = selectors.contact_get(actor=request.user, contact_uuid=contact_uuid)
    if moment.family_id:
        messages.error(request, gettext("Voor dit contactmoment is al meer hulp geregeld."))
        return redirect("frontdoor:contact_detail", contact_uuid=moment.uuid)

    def run(data):
        return services.contact_more_help(actor=request.user, moment=moment, data=data)

    return _more_help_page(
        request, source=moment, template_context={"moment": moment}, run=run,
        object_type="frontdoor.ContactMoment", subjects=contact_subjects(moment),
    )  # fmt: skip


# --- contact moments ---------------------------------------------------------------------------


@require_GET
def contact_list(request):
    mine = request.GET.get("team") != "1"
    page = _page_number(request)
    moments, total = selectors.contact_list(
        actor=request.user,
        mine=mine,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    return render(
        request,
        "frontdoor/contact_list.html",
        {
            "moments": moments,
            "total": total,
            "mine": mine,
            "page": page,
            "has_next": page * PAGE_SIZE < total,
        },
    )


def _todays_location(adviser):
    """The walk-in hour this adviser staffs today, to preselect it: one choice less."""
    today = timezone.localdate()
    slot = (
        OpeningHours.objects.filter(
            adviser=adviser, weekday=today.weekday(), location__is_active=True
        )
        .select_related("location")
        .order_by("opens")
        .first()
    )
    return slot.location.uuid if slot else None


@require_http_methods(["GET", "POST"])
def contact_create(request):
    selectors.contacts_allowed(actor=request.user, action="create")
    me = access.adviser_of(request.user)
    form = ContactForm(request.POST or None, me=me, initial={"location": _todays_location(me)})

    def register():
        moment = services.contact_register(actor=request.user, data=form.to_input())
        request.session[SESSION_LAST_CONTACT] = str(moment.uuid)
        messages.success(request, gettext("Het contactmoment is opgeslagen."))
        return redirect("frontdoor:contact_create")

    # The last saved moment is shown once, on the next empty form.
    context = (
        {"last_uuid": request.session.pop(SESSION_LAST_CONTACT, None)}
        if request.method == "GET"
        else {}
    )
    return form_page(
        request,
        form=form,
        template="frontdoor/contact_form.html",
        context=context,
        on_valid=register,
    )


@require_GET
def contact_detail(request, contact_uuid):
    moment = selectors.contact_get(actor=request.user, contact_uuid=contact_uuid)
    return render(
        request,
        "frontdoor/contact_detail.html",
        {
            "moment": moment,
            "can_more_help": bool(access.can_arrange_more_help(request.user)),
            "handed": selectors.handed_programmes(moment),
        },
    )


@require_http_methods(["GET", "POST"])
def contact_hand_programme(request, contact_uuid):
    """Hand the parent a programme: search (POSTed, see aanbod.picker), choose, print or mail."""
    moment = selectors.contact_get(actor=request.user, contact_uuid=contact_uuid)
    guards.adviser_required(
        request.user, action=Action.CREATE, object_type="frontdoor.HandedProgramme",
        object_uuid=moment.uuid, subjects=contact_subjects(moment),
    )  # fmt: skip
    picker = ProgrammePickerForm(request.POST or None)
    form = HandProgrammeForm(request.POST or None)
    context = {"moment": moment, "picker": picker, "form": form}
    if request.method != "POST":
        return render(request, "frontdoor/hand_programme.html", context)
    # The results are shown again whatever else is wrong, so the adviser's choice stays in view.
    searched = picker.is_valid() and picker.search() is not None
    if searched and request.POST.get("stap") == SEARCH:
        form = HandProgrammeForm(initial={"way": request.POST.get("way") or None})
        context["form"] = form
        return render(request, "frontdoor/hand_programme.html", context)
    if searched and form.is_valid():
        try:
            handed = services.programme_hand(
                actor=request.user, moment=moment, programme_uuid=picker.chosen(),
                way=form.cleaned_data["way"], email=form.cleaned_data["email"],
            )  # fmt: skip
        except ValidationFailed as exc:
            for key, msgs in exc.field_errors.items():
                target = picker if key == "programme" else form
                for message in msgs:
                    target.add_error(key if key in target.fields else None, message)
        else:
            if handed.way == HandWay.PRINT:
                return redirect("frontdoor:programme_print", programme_uuid=handed.programme.uuid)
            messages.success(
                request,
                gettext("%(name)s wordt naar de ouder gemaild. Het e-mailadres is niet bewaard.")
                % {"name": handed.programme.name},
            )
            return redirect("frontdoor:contact_detail", contact_uuid=moment.uuid)
    return render(request, "frontdoor/hand_programme.html", context, status=400)


@require_GET
def programme_print(request, programme_uuid):
    """The programme's public page on paper: no navigation, the CJG's phone line, the address of
    the page. For advisers (it is where handing by print lands); nothing about the parent."""
    selectors.contacts_allowed(actor=request.user, action=Action.PRINT)
    programme = aanbod_selectors.public_programme_get(programme_uuid=programme_uuid)
    link = absolute_url(reverse("aanbod_public:detail", kwargs={"programme_uuid": programme.uuid}))
    return render(
        request,
        "frontdoor/programme_print.html",
        {"programme": programme, "link": link, "phone": selectors.phone_line()},
    )


# --- the walk-in schedule ------------------------------------------------------------------------


@require_GET
def schedule(request):
    locations = selectors.staffing(actor=request.user)
    return render(request, "frontdoor/schedule.html", {"locations": locations})
