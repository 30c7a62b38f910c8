"""The public catalogue: search and a programme's own page. No login, no tracking, nothing about
a person in the address: the query parameters are the search words and the filters."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ketenzorg.aanbod import selectors
from ketenzorg.aanbod.forms import SearchForm
from ketenzorg.aanbod.selectors import SearchParams
from ketenzorg.core.errors import ValidationFailed


@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    # A chosen topic or area is checked against the choices, so they are read first; otherwise
    # they come with the search.
    checked = form.chooses()
    choices = selectors.search_choices() if checked else None
    if checked:
        form.offer(choices.topics, choices.districts)
    status, page = 200, None
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        try:
            choices, page = selectors.catalogue_page(
                SearchParams(**form.params()) if form.is_bound else SearchParams(), choices
            )
        except ValidationFailed as exc:
            for messages in exc.field_errors.values():
                for message in messages:
                    form.add_error(None, message)
            status = 400
    if not checked:
        if choices is None:  # bad input before the search: the form still offers its choices
            choices = selectors.search_choices()
        form.offer(choices.topics, choices.districts)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "aanbod/search.html",
        {"form": form, "page": page, "query": query.urlencode(), "searched": form.is_bound},
        status=status,
    )


@require_GET
def detail(request, programme_uuid):
    programme = selectors.public_programme_get(programme_uuid=programme_uuid)
    return render(
        request,
        "aanbod/detail.html",
        {"programme": programme},
    )
