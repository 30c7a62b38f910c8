"""The landing page, the professional's start page and the error pages."""

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from ketenzorg.access import policy


@require_GET
def landing(request):
    if request.user.is_authenticated and request.user.is_verified():
        return redirect("core:home")
    return render(request, "core/landing.html")


@require_GET
def health(request):
    return JsonResponse({"status": "ok"})


@require_GET
def home(request):
    professional = policy.professional_of(request.user)
    return render(
        request,
        "core/home.html",
        {
            "professional": professional,
            "works_with_families": policy.client_professional_of(request.user) is not None,
            "can_register": bool(policy.can_register_family(request.user)),
            "can_manage_network": policy.can_manage_network(request.user),
            "can_read_access_log": policy.can_read_access_log(request.user),
        },
    )


def _error(request, status, title, message, **extra):
    return render(request, "core/error.html", {"title": title, "message": message, **extra}, status=status)


def bad_request(request, exception=None):
    return _error(
        request,
        400,
        gettext("Ongeldig verzoek"),
        gettext("Het verzoek kon niet worden verwerkt. Controleer het adres of de invoer."),
    )


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else gettext("U heeft geen toegang tot deze pagina.")
    return _error(request, 403, gettext("Geen toegang"), message)


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        gettext("Pagina niet gevonden"),
        gettext("Deze pagina bestaat niet (meer). Controleer het adres."),
        public_links=True,
    )


def server_error(request):
    return _error(
        request,
        500,
        gettext("Er ging iets mis"),
        gettext("Er ging aan onze kant iets mis. Uw gegevens zijn niet half opgeslagen; probeer het opnieuw."),
    )
