"""The privacy officer's view: who looked at this person's data."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from ketenzorg.audit import anchor
from ketenzorg.audit.models import Action
from ketenzorg.audit.selectors import access_log_for_person
from ketenzorg.families import guards as family_guards
from ketenzorg.families import selectors as family_selectors
from ketenzorg.families.forms import SearchForm


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
