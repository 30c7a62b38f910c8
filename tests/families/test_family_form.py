"""The family form: an error summary with links to the fields at the top, and every id once."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.families.test_register_and_search import _register_post

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: Counter = Counter()
        self.order: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] += 1
        self.order.append((tag, attrs))


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _duplicates(page: _Page) -> list[str]:
    return [i for i, n in page.ids.items() if n > 1]


def test_every_id_on_the_register_form_is_unique(logged_in):
    page = _parse(logged_in.get(reverse("families:register")).content.decode())
    assert "id_members-TOTAL_FORMS" in page.ids
    assert _duplicates(page) == []


def test_a_refused_register_form_starts_with_a_summary_linking_to_each_field(logged_in):
    data = _register_post(postcode="99", **{"members-1-birthdate": ""})
    response = logged_in.post(reverse("families:register"), data)
    assert response.status_code == 400
    html = response.content.decode()
    page = _parse(html)
    assert _duplicates(page) == []
    form_at = next(
        i for i, (tag, _) in enumerate(page.order) if tag == "form" and _.get("method") == "post"
    )
    summary_at = next(
        i for i, (_, a) in enumerate(page.order) if "error-summary" in a.get("class", "")
    )
    first_fieldset = next(i for i, (tag, _) in enumerate(page.order) if tag == "fieldset")
    assert form_at < summary_at < first_fieldset
    links = [a["href"] for tag, a in page.order[summary_at:first_fieldset] if tag == "a"]
    assert links == ["#id_postcode", "#id_members-1-birthdate"]
    for href in links:
        assert page.ids[href[1:]] == 1  # the link lands on the field
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "Postcode" in summary and "Gezinslid 2, geboortedatum" in summary


def test_the_services_refusal_of_a_bsn_links_to_that_member_s_field(logged_in):
    """The elfproef is checked by the service, after the form: its error lands in the summary too."""
    response = logged_in.post(
        reverse("families:register"), _register_post(**{"members-0-bsn": "111222334"})
    )
    assert response.status_code == 400
    page = _parse(response.content.decode())
    summary_at = next(
        i for i, (_, a) in enumerate(page.order) if "error-summary" in a.get("class", "")
    )
    first_fieldset = next(i for i, (tag, _) in enumerate(page.order) if tag == "fieldset")
    assert [a["href"] for tag, a in page.order[summary_at:first_fieldset] if tag == "a"] == [
        "#id_members-0-bsn"
    ]


def test_a_form_without_members_names_that_in_the_summary(logged_in):
    data = _register_post()
    for key in [k for k in data if k.startswith("members-") and k[8].isdigit()]:
        del data[key]
    response = logged_in.post(reverse("families:register"), data)
    assert response.status_code == 400
    summary = response.content.decode().split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "Voeg ten minste één gezinslid toe." in summary


def test_the_edit_form_has_the_summary_too(logged_in, professional):
    from tests import factories

    family = factories.register_family(professional)
    response = logged_in.post(
        reverse("families:edit", args=[family.uuid]), {"name": "", "postcode": "1"}
    )
    assert response.status_code == 400
    page = _parse(response.content.decode())
    summary_at = next(
        i for i, (_, a) in enumerate(page.order) if "error-summary" in a.get("class", "")
    )
    links = [a["href"] for tag, a in page.order[summary_at:] if tag == "a"][:2]
    assert links == ["#id_name", "#id_postcode"]
