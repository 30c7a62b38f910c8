"""What every network screen shares: the beheerder check and paging."""

from functools import wraps

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from ketenzorg.access import policy
from ketenzorg.audit.models import Action
from ketenzorg.network import guards

PAGE_SIZE = 50


def refuse(request, message: str):
    """Log the refused attempt (every authorization decision is kept); the guard's AccessDenied answers 403.

    `message` is a lazy translation: the log keeps it in Dutch, the user reads it in their language.
    """
    action = Action.READ if request.method in ("GET", "HEAD") else Action.UPDATE
    guards.network_refuse(actor=request.user, action=action, reason=message)


def manager_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not policy.can_manage_network(request.user):
            refuse(request, _("Alleen de functioneel beheerder kan het netwerk beheren."))
        return view(request, *args, **kwargs)

    return wrapper


def filtered_page(request, form, query):
    """One page of `query(cleaned_data)`, or no rows and 400 when the filter itself is invalid."""
    if form.is_bound and not form.is_valid():
        return Paginator([], PAGE_SIZE).get_page(1), 400
    data = form.cleaned_data if form.is_bound else {}
    return Paginator(query(data), PAGE_SIZE).get_page(request.GET.get("pagina")), 200
