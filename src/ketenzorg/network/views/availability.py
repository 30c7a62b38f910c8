"""The professional's own entry in the expertise directory: availability and expertise.

Every professional keeps this themselves (the beheerder can too, on the professional's
form); roles, organisation and areas stay with the beheerder.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from ketenzorg.core.pages import form_page
from ketenzorg.network import guards, selectors, services
from ketenzorg.network.forms import AvailabilityForm


@require_http_methods(["GET", "POST"])
def my_availability(request):
    guards.own_entry_allowed(actor=request.user)  # refused (and logged) before any input
    professional = selectors.own_entry(actor=request.user)
    initial = {
        "available_for_consultation": professional.available_for_consultation,
        "availability_note": professional.availability_note,
        "available_from": professional.available_from,
        "expertise": list(professional.expertise.all()),
    }
    form = AvailabilityForm(request.POST or None, initial=initial)

    def save():
        services.own_availability_update(actor=request.user, data=form.to_input())
        messages.success(request, gettext("Uw beschikbaarheid en expertise zijn opgeslagen."))
        return redirect("network:my_availability")

    context = {
        "title": gettext("Mijn beschikbaarheid en expertise"),
        "intro": gettext(
            "Zo vinden collega's u in de sociale kaart als meedenker. Wie beschikbaar is, staat "
            "bovenaan bij de voorstellen voor een consultatie."
        ),
    }
    return form_page(
        request, form=form, template="network/my_availability.html", context=context, on_valid=save
    )
