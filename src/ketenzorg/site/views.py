"""The landing page and the professional's start page: they show what every app offers."""

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ketenzorg.access import policy


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
    professional = policy.professional_of(request.user)
    return render(
        request,
        "site/home.html",
        {
            "professional": professional,
            "works_with_families": policy.client_professional_of(request.user) is not None,
            "can_register": bool(policy.can_register_family(request.user)),
            "can_manage_network": policy.can_manage_network(request.user),
            "can_read_access_log": policy.can_read_access_log(request.user),
        },
    )
