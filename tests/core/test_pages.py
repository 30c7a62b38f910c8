"""core.pages and core.domain_errors: where a service's errors land, and what a refusal answers."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from ketenzorg.core.domain_errors import DomainErrorMiddleware
from ketenzorg.core.errors import AccessDenied, Conflict, NotFound, ValidationFailed
from ketenzorg.core.pages import form_page, place_domain_errors

# A template that needs nothing but the form: these tests are about statuses and errors.
TEMPLATE = "forms/div.html"


class FamilyForm(forms.Form):
    family_name = forms.CharField()


class MemberForm(forms.Form):
    given_name = forms.CharField(required=False)


MemberFormSet = forms.formset_factory(MemberForm, extra=0)


def _bound_forms():
    form = FamilyForm({"family_name": "Fictief"})
    formset = MemberFormSet(
        {
            "members-TOTAL_FORMS": "2",
            "members-INITIAL_FORMS": "0",
            "members-0-given_name": "Noor",
            "members-1-given_name": "",
        },
        prefix="members",
    )
    assert form.is_valid() and formset.is_valid()
    return form, formset


def test_row_errors_land_on_their_row_and_the_rest_on_the_form():
    form, formset = _bound_forms()
    error = ValidationFailed(
        "Niet opgeslagen.",
        field_errors={
            "members-1-given_name": ["Vul een voornaam in."],
            "members-7-given_name": ["Geen rij 7."],
            "name": ["Te lang."],
            "postcode": ["Onbekende postcode."],
        },
    )
    place_domain_errors(error, form=form, formset=formset, field_map={"name": "family_name"})
    assert formset.forms[1].errors == {"given_name": ["Vul een voornaam in."]}
    assert not formset.forms[0].errors
    assert form.errors["family_name"] == ["Te lang."]
    assert form.non_field_errors() == ["Geen rij 7.", "Onbekende postcode."]


def test_only_row_errors_leave_the_form_clean():
    form, formset = _bound_forms()
    place_domain_errors(
        ValidationFailed("Niet opgeslagen.", field_errors={"members-0-given_name": ["Te lang."]}),
        form=form,
        formset=formset,
    )
    assert formset.forms[0].errors == {"given_name": ["Te lang."]}
    assert not form.errors


def test_an_error_without_fields_is_said_above_the_form():
    form, _ = _bound_forms()
    place_domain_errors(Conflict("Dit gezin heeft al een open casus."), form=form)
    assert form.non_field_errors() == ["Dit gezin heeft al een open casus."]


def test_without_a_form_the_rest_belongs_to_the_formset():
    _, formset = _bound_forms()
    place_domain_errors(
        ValidationFailed("Niet opgeslagen.", field_errors={"slots": ["Overlappende tijden."]}),
        formset=formset,
    )
    assert formset.non_form_errors() == ["Overlappende tijden."]
    _, formset = _bound_forms()
    place_domain_errors(ValidationFailed("Niet opgeslagen."), formset=formset)
    assert formset.non_form_errors() == ["Niet opgeslagen."]


def _page(method, data, on_valid):
    request = getattr(RequestFactory(), method)("/", data)
    form = FamilyForm(request.POST or None)
    return form, form_page(request, form=form, template=TEMPLATE, context={}, on_valid=on_valid)


def _fail(error):
    def on_valid():
        raise error

    return on_valid


def test_form_page_statuses():
    done = HttpResponse(status=302)
    assert _page("get", {}, lambda: done)[1].status_code == 200
    assert _page("post", {"family_name": "Fictief"}, lambda: done)[1] is done
    form, response = _page("post", {"family_name": ""}, lambda: done)
    assert response.status_code == 400 and "family_name" in form.errors
    form, response = _page("post", {"family_name": "Fictief"}, _fail(Conflict("Bestaat al.")))
    assert response.status_code == 400 and form.non_field_errors() == ["Bestaat al."]


@pytest.mark.parametrize("error", [AccessDenied("Geen toegang."), NotFound("Weg.")])
def test_form_page_leaves_refusals_to_the_middleware(error):
    with pytest.raises(type(error)):
        _page("post", {"family_name": "Fictief"}, _fail(error))


def test_middleware_turns_domain_refusals_into_403_and_404():
    middleware = DomainErrorMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/")
    with pytest.raises(PermissionDenied, match="Geen toegang tot dit gezin."):
        middleware.process_exception(request, AccessDenied("Geen toegang tot dit gezin."))
    with pytest.raises(Http404, match="Niet gevonden."):
        middleware.process_exception(request, NotFound("Niet gevonden."))
    assert middleware.process_exception(request, Conflict("Bestaat al.")) is None


@pytest.mark.django_db
def test_an_unknown_page_object_answers_the_404_page(client):
    response = client.get("/begrippen/bestaat-niet/")
    assert response.status_code == 404
    assert "core/error.html" in [t.name for t in response.templates]
