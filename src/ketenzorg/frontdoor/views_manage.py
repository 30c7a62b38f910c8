"""Beheer of the front door: locations (and the phone line), weekly hours with their staff,
exceptions, and the list of topics. For the functioneel beheerder only.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenzorg.audit.models import Action
from ketenzorg.core.pages import form_page
from ketenzorg.frontdoor import guards, selectors, services
from ketenzorg.frontdoor.forms import ExceptionForm, LocationForm, SlotFormSet, TopicForm
from ketenzorg.frontdoor.models import Topic

FORM = "frontdoor/manage/form.html"


def manager_required(view):
    """Refuse (and log) everyone but the functioneel beheerder, before the request is read."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        guards.frontdoor_manage_allowed(
            actor=request.user,
            action=Action.READ if request.method == "GET" else Action.UPDATE,
            object_type="frontdoor.Location",
        )
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@manager_required
def manage(request):
    return render(
        request,
        "frontdoor/manage/index.html",
        {
            "locations": selectors.locations_for_manager(),
            "topics": Topic.objects.order_by("sort_order", "name"),
        },
    )


@require_http_methods(["GET", "POST"])
@manager_required
def location_create(request):
    form = LocationForm(request.POST or None)

    def save():
        location = services.location_save(actor=request.user, data=form.to_input())
        messages.success(
            request,
            gettext("%(name)s is aangemaakt. Vul nu de openingstijden in.")
            % {"name": location.name},
        )
        return redirect("frontdoor:location_hours", location_uuid=location.uuid)

    context = {"title": gettext("Locatie toevoegen")}
    return form_page(request, form=form, template=FORM, context=context, on_valid=save)


@require_http_methods(["GET", "POST"])
@manager_required
def location_edit(request, location_uuid):
    location = selectors.location_get(location_uuid=location_uuid)
    form = LocationForm(request.POST or None, initial=LocationForm.initial_for(location))

    def save():
        services.location_save(actor=request.user, data=form.to_input(), location=location)
        messages.success(request, gettext("%(name)s is opgeslagen.") % {"name": location.name})
        return redirect("frontdoor:manage")

    context = {
        "title": gettext("%(name)s wijzigen") % {"name": location.name},
        "location": location,
    }
    return form_page(request, form=form, template=FORM, context=context, on_valid=save)


@require_http_methods(["GET", "POST"])
@manager_required
def location_hours(request, location_uuid):
    location = selectors.location_get(location_uuid=location_uuid)
    initial = [
        {
            "weekday": h.weekday,
            "opens": h.opens,
            "closes": h.closes,
            "adviser": h.adviser.uuid if h.adviser_id else None,
        }
        for h in sorted(location.hours.all(), key=lambda h: (h.weekday, h.opens))
    ]
    # Every row is read, also one left as it was: the posted rows are the whole week.
    formset = SlotFormSet(
        request.POST or None,
        initial=initial,
        prefix="slots",
        form_kwargs={"empty_permitted": False},
    )

    def save():
        slots = [
            s for s in (f.to_input() for f in formset.forms if f.cleaned_data) if s is not None
        ]
        services.hours_replace(actor=request.user, location=location, slots=slots)
        messages.success(
            request,
            gettext("De openingstijden van %(name)s zijn opgeslagen.") % {"name": location.name},
        )
        return redirect("frontdoor:manage")

    return form_page(
        request, form=None, formset=formset, template="frontdoor/manage/hours.html",
        context={"location": location}, on_valid=save,
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@manager_required
def location_exceptions(request, location_uuid):
    location = selectors.location_get(location_uuid=location_uuid)
    form = ExceptionForm(request.POST or None)
    upcoming = [e for e in location.exceptions.all() if e.date >= timezone.localdate()]
    upcoming.sort(key=lambda e: e.date)

    def save():
        data = form.cleaned_data
        services.exception_add(
            actor=request.user, location=location, day=data["date"], is_closed=data["is_closed"],
            opens=data.get("opens"), closes=data.get("closes"), reason=data.get("reason", ""),
        )  # fmt: skip
        messages.success(request, gettext("De uitzondering is opgeslagen."))
        return redirect("frontdoor:location_exceptions", location_uuid=location.uuid)

    context = {"location": location, "upcoming": upcoming}
    return form_page(
        request,
        form=form,
        template="frontdoor/manage/exceptions.html",
        context=context,
        on_valid=save,
    )


@require_POST
@manager_required
def exception_delete(request, exception_uuid):
    exception = selectors.exception_get(exception_uuid=exception_uuid)
    location = exception.location
    services.exception_delete(actor=request.user, exception=exception)
    messages.success(request, gettext("De uitzondering is verwijderd."))
    return redirect("frontdoor:location_exceptions", location_uuid=location.uuid)


@require_http_methods(["GET", "POST"])
@manager_required
def topic_create(request):
    form = TopicForm(request.POST or None)

    def save():
        services.topic_save(actor=request.user, **form.cleaned_data)
        messages.success(request, gettext("Het onderwerp is toegevoegd."))
        return redirect("frontdoor:manage")

    context = {"title": gettext("Onderwerp toevoegen")}
    return form_page(request, form=form, template=FORM, context=context, on_valid=save)


@require_http_methods(["GET", "POST"])
@manager_required
def topic_edit(request, topic_uuid):
    topic = selectors.topic_get(topic_uuid=topic_uuid)
    initial = {
        "name": topic.name,
        "description": topic.description,
        "sort_order": topic.sort_order,
        "is_active": topic.is_active,
    }
    form = TopicForm(request.POST or None, initial=initial)

    def save():
        services.topic_save(actor=request.user, topic=topic, **form.cleaned_data)
        messages.success(request, gettext("Het onderwerp is opgeslagen."))
        return redirect("frontdoor:manage")

    context = {"title": gettext("Onderwerp wijzigen")}
    return form_page(request, form=form, template=FORM, context=context, on_valid=save)
