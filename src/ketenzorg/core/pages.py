"""The form page every HTML screen shares: show, validate, call the service, answer.

A POST that comes back to the user (invalid input, or a service's `DomainError`
shown on the form) answers 400, so a script or a test can tell it from a page
that was merely shown. `AccessDenied` and `NotFound` are not form errors: they
pass on to `core.domain_errors`, which answers 403 and 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpResponse
from django.shortcuts import render

from ketenzorg.core.errors import AccessDenied, DomainError, NotFound
from ketenzorg.core.forms import apply_domain_errors


def form_page(
    request,
    *,
    form,
    template: str,
    context: dict,
    on_valid: Callable[[], HttpResponse],
    formset=None,
    field_map: dict[str, str] | None = None,
) -> HttpResponse:
    """GET shows the form; a valid POST runs `on_valid` (which answers); the rest re-renders with 400.

    `form` may be None for a page that is only a formset.
    """
    page = dict(context)
    if form is not None:
        page["form"] = form
    if formset is not None:
        page["formset"] = formset
    if request.method != "POST":
        return render(request, template, page)
    if (form is None or form.is_valid()) and (formset is None or formset.is_valid()):
        try:
            return on_valid()
        except (AccessDenied, NotFound):
            raise
        except DomainError as exc:
            place_domain_errors(exc, form=form, formset=formset, field_map=field_map)
    return render(request, template, page, status=400)


def place_domain_errors(exc: DomainError, *, form=None, formset=None, field_map=None) -> None:
    """Put a service's errors where the user typed: `prefix-N-field` on row N, the rest on the form.

    Without a form, what belongs to no row becomes the formset's own (non-form) error.
    """
    rest = {}
    for key, msgs in exc.field_errors.items():
        row = _formset_row(formset, key)
        if row is None:
            rest[key] = msgs
            continue
        index, field = row
        for msg in msgs:
            formset.forms[index].add_error(field, msg)
    if exc.field_errors and not rest:
        return
    if form is not None:
        apply_domain_errors(form, DomainError(exc.message, field_errors=rest), field_map=field_map)
        return
    messages = [msg for msgs in rest.values() for msg in msgs] or [exc.message]
    formset._non_form_errors = formset.error_class([*formset.non_form_errors(), *messages])


def _formset_row(formset, key: str) -> tuple[int, str] | None:
    if formset is None:
        return None
    parts = key.split("-", 2)
    if len(parts) == 3 and parts[0] == formset.prefix and parts[1].isdigit():
        index = int(parts[1])
        if index < len(formset.forms):
            return index, parts[2]
    return None


def with_object(fetch, *, refused=None):
    """Decorator for the views of one object: fetch it through its selector (access check and audit
    first) and hand it to the view in place of the URL's `*_uuid` arguments.

    `refused(request, exc, kwargs)` answers a refusal with a page that says what to do next
    (e.g. ask for emergency access) instead of the bare 403.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, **kwargs):
            try:
                obj = fetch(request, kwargs)
            except AccessDenied as exc:
                if refused is None:
                    raise
                return refused(request, exc, kwargs)
            rest = {k: v for k, v in kwargs.items() if not k.endswith("_uuid")}
            return view(request, obj, **rest)

        return wrapper

    return decorator
