"""What every network screen shares: the beheerder check, 404s, form handling, paging."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ketenzorg.access import policy
from ketenzorg.audit.models import Action
from ketenzorg.core.errors import AccessDenied, DomainError, NotFound
from ketenzorg.core.forms import apply_domain_errors
from ketenzorg.network import guards

PAGE_SIZE = 50


def refuse(request, message: str):
    """Log the refused attempt (every authorization decision is kept), then answer 403.

    `message` is a lazy translation: the log keeps it in Dutch, the user reads it in their language.
    """
    action = Action.READ if request.method in ("GET", "HEAD") else Action.UPDATE
    try:
        guards.network_refuse(actor=request.user, action=action, reason=message)
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from None


def manager_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not policy.can_manage_network(request.user):
            refuse(request, _("Alleen de functioneel beheerder kan het netwerk beheren."))
        return view(request, *args, **kwargs)

    return wrapper


def found(selector, **kwargs):
    try:
        return selector(**kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from None


def form_page(request, form, template: str, context: dict, on_valid):
    """GET shows the form; a valid POST runs `on_valid` (which answers); anything wrong re-renders with 400."""
    if request.method == "POST":
        if form.is_valid():
            try:
                return on_valid()
            except DomainError as exc:
                apply_domain_errors(form, exc)
        return render(request, template, {**context, "form": form}, status=400)
    return render(request, template, {**context, "form": form})


def filtered_page(request, form, query):
    """One page of `query(cleaned_data)`, or no rows and 400 when the filter itself is invalid."""
    if form.is_bound and not form.is_valid():
        return Paginator([], PAGE_SIZE).get_page(1), 400
    data = form.cleaned_data if form.is_bound else {}
    return Paginator(query(data), PAGE_SIZE).get_page(request.GET.get("pagina")), 200
