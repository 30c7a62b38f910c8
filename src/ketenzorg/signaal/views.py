"""The signal function's screens: the overview of the figures and one page per figure.

Thin: the selectors ask the door (and log the look or the export); `display` turns the published
figure into its chart and table. Filters are a GET form of months and a district uuid, so a
page can be bookmarked and printed and no personal data ever reaches a URL.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from ketenzorg.signaal import catalogue, display, selectors
from ketenzorg.signaal.forms import FilterForm


def _entry(figure_key: str) -> catalogue.Entry:
    try:
        return catalogue.get(figure_key)
    except KeyError:
        raise Http404 from None


def _form(request, entry) -> FilterForm:
    return FilterForm(request.GET or None, period=entry.period, area=entry.area)


def _filters(form: FilterForm) -> dict:
    if not form.is_bound:
        form = form.defaults()
    form.is_valid()
    return form.filters()


@require_GET
def overview(request):
    entries = selectors.overview(actor=request.user)
    return render(
        request,
        "signaal/overview.html",
        {"entries": [(entry, catalogue.definition(entry)) for entry in entries]},
    )


@require_GET
def figure(request, figure_key):
    entry = _entry(figure_key)
    form = _form(request, entry)
    if form.is_bound and not form.is_valid():
        selectors.filters_refused(actor=request.user, name=entry.key)
        return render(request, "signaal/figure.html", {"entry": entry, "form": form}, status=400)
    filters = _filters(form)
    published = selectors.figure_view(
        actor=request.user, name=entry.selector, **entry.fixed, **filters
    )
    query = urlencode({k: v for k, v in request.GET.items() if k in form.fields})
    return render(
        request,
        "signaal/figure.html",
        {
            "entry": entry,
            "form": form,
            "figure": published,
            "shown": display.build(entry, published),
            "csv_query": query,
        },
    )


@require_GET
def figure_csv(request, figure_key):
    entry = _entry(figure_key)
    form = _form(request, entry)
    if form.is_bound and not form.is_valid():
        selectors.filters_refused(actor=request.user, name=entry.key)
        return render(request, "signaal/figure.html", {"entry": entry, "form": form}, status=400)
    text = selectors.figure_export(
        actor=request.user, name=entry.selector, **entry.fixed, **_filters(form)
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="signaal-{entry.key}.csv"'
    return response
