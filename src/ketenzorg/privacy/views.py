"""The privacy officer's view: who looked at this person's data, and every break of the glass."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from ketenzorg.audit import anchor
from ketenzorg.audit.models import Action
from ketenzorg.audit.selectors import access_log_for_person
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.core.pages import place_domain_errors
from ketenzorg.families import guards as family_guards
from ketenzorg.families import selectors as family_selectors
from ketenzorg.families.forms import SearchForm
from ketenzorg.privacy import selectors, services
from ketenzorg.privacy.forms import ReviewForm


@require_http_methods(["GET", "POST"])
def index(request):
    """The search comes by POST only: a name, birth date or BSN never goes into an address."""
    family_guards.access_log_allowed(
        actor=request.user, action=Action.READ, object_type="audit.AccessLog"
    )
    form = SearchForm(request.POST if request.method == "POST" else None)
    persons = []
    status = 400 if {"q", "geboortedatum", "bsn"} & set(request.GET) else 200
    if form.is_bound:
        if form.is_valid():
            search = family_selectors.FamilySearch(
                name=form.cleaned_data["q"].strip(),
                birthdate=form.cleaned_data["geboortedatum"],
                bsn=form.cleaned_data["bsn"].strip(),
            )
            persons = family_selectors.person_search_for_privacy_officer(
                actor=request.user, search=search
            )
        else:
            status = 400
    context = {"form": form, "persons": persons, "verification": anchor.last_verification()}
    return render(request, "privacy/index.html", context, status=status)


@require_GET
def person_log(request, person_uuid):
    person = family_selectors.person_identity_for_privacy_officer(
        actor=request.user, person_uuid=person_uuid
    )
    entries = access_log_for_person(person=person)
    page = Paginator(entries, 100).get_page(request.GET.get("pagina"))
    return render(request, "privacy/person_log.html", {"person": person, "page": page})


# The overview's filter in the address: Dutch words, no personal data.
EMERGENCY_FILTERS = {
    "te-beoordelen": selectors.OPEN,
    "beoordeeld": selectors.REVIEWED,
    "alle": selectors.ALL,
}
EMERGENCY_PAGE_SIZE = 25


@require_GET
def emergency_list(request):
    """Every break of the glass, newest first; by default those still to be reviewed."""
    selectors.emergency_events_allowed(actor=request.user)
    shown = request.GET.get("toon", "te-beoordelen")
    status = 200 if shown in EMERGENCY_FILTERS else 400
    if status == 400:
        shown = "te-beoordelen"
    try:
        number = int(request.GET.get("pagina", "1"))
    except ValueError:
        number = 1
    page = selectors.emergency_event_page(
        actor=request.user,
        status=EMERGENCY_FILTERS[shown],
        page=number,
        per_page=EMERGENCY_PAGE_SIZE,
    )
    context = {"page": page, "shown": shown, "filters": list(EMERGENCY_FILTERS)}
    return render(request, "privacy/emergency_list.html", context, status=status)


@require_http_methods(["GET", "POST"])
def emergency_detail(request, grant_uuid):
    """One break of the glass: its reason, uses and reviews, and the form to review it.

    A POST is checked as the review it is (the role, not one's own grant) before the note is
    read, so a refused user never reads a validation message; a valid review answers with a
    redirect and shows nothing, so only a page that is shown logs the look at the family.
    """
    status = 200
    form = ReviewForm()
    if request.method == "POST":
        services.emergency_review_allowed(actor=request.user, grant_uuid=grant_uuid)
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                services.emergency_review(
                    actor=request.user, grant_uuid=grant_uuid, note=form.cleaned_data["note"]
                )
            except ValidationFailed as exc:
                place_domain_errors(exc, form=form)
            else:
                messages.success(request, gettext("De beoordeling is opgeslagen."))
                return redirect(reverse("audit:emergency_list") + "?toon=beoordeeld")
        status = 400
    event = selectors.emergency_event_get(actor=request.user, grant_uuid=grant_uuid)
    context = {"event": event, "form": form}
    return render(request, "privacy/emergency_detail.html", context, status=status)
