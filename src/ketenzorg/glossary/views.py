"""The public begrippenlijst and its beheer screens. Thin: parse, call, render.

`/begrippen/` is a public prefix in the login middleware, so the beheer views
check login, second factor and role themselves.
"""

from __future__ import annotations

import string
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from ketenzorg.access import door, policy
from ketenzorg.audit.models import Action
from ketenzorg.core.pages import form_page
from ketenzorg.glossary import rules, selectors, services
from ketenzorg.glossary.forms import SearchForm, TermForm


def _can_manage(user) -> bool:
    return bool(user.is_authenticated and user.is_verified() and policy.can_manage_network(user))


def manager_required(view):
    """Anonymous users go to the login; everyone else without the beheer role gets a 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
        if not user.is_verified():
            raise PermissionDenied(
                gettext("Bevestig eerst uw inlog met de tweede factor om begrippen te beheren.")
            )
        door.require(
            user,
            policy.network_manage_decision(user),
            action=Action.UPDATE if kwargs.get("slug") else Action.CREATE,
            object_type="glossary.Term",
            message=gettext("Alleen een functioneel beheerder mag de begrippenlijst aanpassen."),
        )
        return view(request, *args, **kwargs)

    return wrapper


def _letter_bar(present: set[str]) -> list[tuple[str, str, bool]]:
    letters = ["0–9", *string.ascii_uppercase]
    return [(letter, _anchor(letter), letter in present) for letter in letters]


def _anchor(letter: str) -> str:
    return "letter-" + rules.term_key(letter)


@require_GET
def index(request):
    form = SearchForm(request.GET if "q" in request.GET else None)
    status = 200
    query = ""
    if form.is_bound:
        if form.is_valid():
            query = form.cleaned_data["q"].strip()
        else:
            status = 400
    terms = (
        []
        if status == 400
        else list(
            selectors.term_search(query=query, ranked=False).only(
                "slug", "term", "definition", "sort_key"
            )
        )
    )
    groups: dict[str, list] = {}
    for term in terms:
        groups.setdefault(term.letter, []).append(term)
    return render(
        request,
        "glossary/index.html",
        {
            "form": form,
            "query": query,
            "count": len(terms),
            "groups": [(letter, _anchor(letter), items) for letter, items in groups.items()],
            "letters": _letter_bar(set(groups)),
            "can_manage": _can_manage(request.user),
        },
        status=status,
    )


@require_GET
def detail(request, slug):
    term = selectors.term_get(slug=slug)
    return render(
        request,
        "glossary/detail.html",
        {
            "term": term,
            "related": list(term.related.all()),
            "can_manage": _can_manage(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@manager_required
def create(request):
    form = TermForm(request.POST or None)

    def add():
        term = services.term_create(actor=request.user, **form.cleaned_data)
        messages.success(
            request, gettext("Het begrip '%(term)s' is toegevoegd.") % {"term": term.term}
        )
        return redirect(term)

    return form_page(request, form=form, template="glossary/form.html", context={}, on_valid=add)


@require_http_methods(["GET", "POST"])
@manager_required
def edit(request, slug):
    entry = selectors.term_get(slug=slug)
    form = TermForm(request.POST or None, entry=entry, initial=TermForm.initial_for(entry))

    def save():
        term = services.term_update(actor=request.user, entry=entry, **form.cleaned_data)
        messages.success(
            request, gettext("Het begrip '%(term)s' is opgeslagen.") % {"term": term.term}
        )
        return redirect(term)

    return form_page(
        request, form=form, template="glossary/form.html", context={"entry": entry}, on_valid=save
    )
