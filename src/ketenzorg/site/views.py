"""The landing page and the professional's start page: they show what every app offers."""

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ketenzorg.access import frontdoor as frontdoor_access
from ketenzorg.access import policy
from ketenzorg.coordination import selectors as coordination_selectors
from ketenzorg.frontdoor import selectors as frontdoor_selectors

HOME_CASES = 5  # the most urgent open cases; the case list has the rest


@require_GET
def landing(request):
    if request.user.is_authenticated and request.user.is_verified():
        return redirect("core:home")
    return render(request, "site/landing.html")


@require_GET
def health(request):
    return JsonResponse({"status": "ok"})


@require_GET
def home(request):
    """The werkplek: the professional's own work first (what is due, what waits for them),
    then the ways to the rest. Each block comes from its app's selector, which logs what it shows."""
    user = request.user
    professional = policy.professional_of(user)
    works_with_families = policy.client_professional_of(user) is not None
    context = {
        "professional": professional,
        "works_with_families": works_with_families,
        "can_register": bool(policy.can_register_family(user)),
        "can_manage_network": policy.can_manage_network(user),
        "can_read_access_log": policy.can_read_access_log(user),
    }
    if works_with_families:
        context["board"] = coordination_selectors.dashboard(actor=user, limit=HOME_CASES)
    if frontdoor_access.adviser_of(user) is not None:
        context["advice"] = frontdoor_selectors.adviser_work(actor=user)
    return render(request, "site/home.html", context)
