"""Beheer of the front door: locations (and the phone line), weekly hours with their staff,
exceptions, and the list of topics. For the functioneel beheerder only.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenzorg.audit.models import Action
from ketenzorg.core.errors import AccessDenied, DomainError, NotFound
from ketenzorg.core.forms import apply_domain_errors
from ketenzorg.frontdoor import guards, selectors, services
from ketenzorg.frontdoor.forms import ExceptionForm, LocationForm, SlotFormSet, TopicForm
from ketenzorg.frontdoor.models import Topic


def manager_required(view):
    """Refuse (and log) everyone but the functioneel beheerder, before the request is read."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            guards.frontdoor_manage_allowed(
                actor=request.user,
                action=Action.READ if request.method == "GET" else Action.UPDATE,
                object_type="frontdoor.Location",
            )
        except AccessDenied as exc:
            raise PermissionDenied(exc.message) from None
        return view(request, *args, **kwargs)

    return wrapper


def _found(selector, **kwargs):
    try:
        return selector(**kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from None


def _save(request, form, template, context, on_valid):
    if request.method == "POST":
        if form.is_valid():
            try:
                return on_valid()
            except AccessDenied as exc:
                raise PermissionDenied(exc.message) from None
            except DomainError as exc:
                apply_domain_errors(form, exc)
        return render(request, template, {**context, "form": form}, status=400)
    return render(request, template, {**context, "form": form})


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

    return _save(
        request, form, "frontdoor/manage/form.html", {"title": gettext("Locatie toevoegen")}, save
    )


@require_http_methods(["GET", "POST"])
@manager_required
def location_edit(request, location_uuid):
    location = _found(selectors.location_get, location_uuid=location_uuid)
    form = LocationForm(request.POST or None, initial=LocationForm.initial_for(location))

    def save():
        services.location_save(actor=request.user, data=form.to_input(), location=location)
        messages.success(request, gettext("%(name)s is opgeslagen.") % {"name": location.name})
        return redirect("frontdoor:manage")

    context = {
        "title": gettext("%(name)s wijzigen") % {"name": location.name},
        "location": location,
    }
    return _save(request, form, "frontdoor/manage/form.html", context, save)


@require_http_methods(["GET", "POST"])
@manager_required
def location_hours(request, location_uuid):
    location = _found(selectors.location_get, location_uuid=location_uuid)
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
    status = 200
    if request.method == "POST":
        status = 400
        if formset.is_valid():
            slots = [
                s for s in (f.to_input() for f in formset.forms if f.cleaned_data) if s is not None
            ]
            try:
                services.hours_replace(actor=request.user, location=location, slots=slots)
            except AccessDenied as exc:
                raise PermissionDenied(exc.message) from None
            except DomainError as exc:
                _apply_slot_errors(formset, exc)
            else:
                messages.success(
                    request,
                    gettext("De openingstijden van %(name)s zijn opgeslagen.")
                    % {"name": location.name},
                )
                return redirect("frontdoor:manage")
    return render(
        request,
        "frontdoor/manage/hours.html",
        {"location": location, "formset": formset},
        status=status,
    )


def _apply_slot_errors(formset, exc: DomainError) -> None:
    placed = False
    for key, msgs in exc.field_errors.items():
        parts = key.split("-", 2)
        if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(formset.forms):
            for msg in msgs:
                formset.forms[int(parts[1])].add_error(parts[2], msg)
            placed = True
        else:
            formset._non_form_errors = formset.error_class(
                list(formset.non_form_errors()) + list(msgs)
            )
            placed = True
    if not placed:
        formset._non_form_errors = formset.error_class([exc.message])


@require_http_methods(["GET", "POST"])
@manager_required
def location_exceptions(request, location_uuid):
    location = _found(selectors.location_get, location_uuid=location_uuid)
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

    return _save(
        request,
        form,
        "frontdoor/manage/exceptions.html",
        {"location": location, "upcoming": upcoming},
        save,
    )


@require_POST
@manager_required
def exception_delete(request, exception_uuid):
    exception = _found(selectors.exception_get, exception_uuid=exception_uuid)
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

    return _save(
        request, form, "frontdoor/manage/form.html", {"title": gettext("Onderwerp toevoegen")}, save
    )


@require_http_methods(["GET", "POST"])
@manager_required
def topic_edit(request, topic_uuid):
    topic = _found(selectors.topic_get, topic_uuid=topic_uuid)
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

    return _save(
        request, form, "frontdoor/manage/form.html", {"title": gettext("Onderwerp wijzigen")}, save
    )
