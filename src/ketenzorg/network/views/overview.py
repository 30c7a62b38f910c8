"""The beheer start page and the directory (sociale kaart) that every professional may use."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ketenzorg.access import policy
from ketenzorg.network import selectors
from ketenzorg.network.forms import DirectoryForm
from ketenzorg.network.views.common import filtered_page, manager_required, refuse


@require_GET
@manager_required
def index(request):
    return render(request, "network/index.html", {"counts": selectors.network_counts()})


@require_GET
def directory(request):
    """Find a meedenker by area and expertise (OKT werkproces, step 1): who to call, never about whom."""
    if policy.professional_of(request.user) is None and not policy.can_manage_network(request.user):
        refuse(request, _("De sociale kaart is er voor professionals in het netwerk."))
    form = DirectoryForm(request.GET or None)
    page, status = filtered_page(
        request,
        form,
        lambda data: selectors.directory_search(
            area=data.get("gebied"),
            expertise=data.get("expertise"),
            role=data.get("rol") or "",
            q=(data.get("q") or "").strip(),
            available=bool(data.get("beschikbaar")),
        ),
    )
    context = {
        "form": form,
        "page": page,
        "today": timezone.localdate(),
        "keeps_entry": policy.professional_of(request.user) is not None,
    }
    return render(request, "network/directory.html", context, status=status)
