"""Error pages: an unknown address is a 404 for everyone, a refusal logs one line."""

import logging

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/publiek/vraaag/", "/gezinen/", "/casussen/niet-een-uuid/x/", "/werkplekk"]
)
def test_unknown_address_is_404_for_an_anonymous_visitor(client, path):
    """A parent who mistypes an address must not land on the professionals' login."""
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert 'href="/"' in html
    assert f'href="{reverse("frontdoor_public:question")}"' in html
    assert "Inloggen" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_unknown_address_is_404_for_a_logged_in_professional(client):
    factories.verified_login(client, factories.make_professional("okt").user)
    assert client.get("/gezinen/").status_code == 404


def test_unknown_address_is_404_before_the_second_factor(client):
    client.force_login(factories.make_professional("okt").user)
    assert client.get("/gezinen/").status_code == 404


def test_known_address_still_requires_login(client):
    response = client.get(reverse("families:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    # A missing slash is still added first, then the login wall applies.
    response = client.get("/gezinnen", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))


def test_a_refusal_logs_one_line_without_a_traceback(client, caplog):
    """Refusals are routine and already in the access log; a traceback each time buries real errors."""
    factories.verified_login(client, factories.make_professional("okt").user)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("audit:index"))
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].getMessage() == f"Forbidden (Permission denied): {reverse('audit:index')}"
    assert records[0].exc_info is None and not records[0].exc_text
    assert "Traceback" not in caplog.text


def test_a_server_error_keeps_its_traceback():
    """Only the routine 4xx lose their traceback; a 500 is a bug and needs it."""
    from ketenzorg.core.logfilters import RoutineRefusalFilter

    try:
        raise RuntimeError("kapot")
    except RuntimeError:
        import sys

        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), exc_info
    )
    record.status_code = 500
    assert RoutineRefusalFilter().filter(record) and record.exc_info is exc_info


def test_pages_link_a_favicon_and_favicon_ico_leads_to_it(client):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/ketenzorg/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/ketenzorg/favicon.svg"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content)
