"""The error pages. Django calls them for a refusal or failure in any app, so they stay in
core and import nothing above it (docs/decisions/0009-layers.md)."""

from django.shortcuts import render
from django.utils.translation import gettext


def _error(request, status, title, message, **extra):
    return render(
        request, "core/error.html", {"title": title, "message": message, **extra}, status=status
    )


def bad_request(request, exception=None):
    return _error(
        request,
        400,
        gettext("Ongeldig verzoek"),
        gettext("Het verzoek kon niet worden verwerkt. Controleer het adres of de invoer."),
    )


def permission_denied(request, exception=None):
    message = (
        str(exception)
        if exception and str(exception)
        else gettext("U heeft geen toegang tot deze pagina.")
    )
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
        gettext(
            "Er ging aan onze kant iets mis. Uw gegevens zijn niet half opgeslagen; probeer het opnieuw."
        ),
    )
