"""Dutch by default, English through Django's gettext; the catalogue is complete and compiled."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from ketenzorg.audit.models import Action, AuditEntry, Outcome
from ketenzorg.families.models import MemberRole
from ketenzorg.families.rules import bsn_error
from ketenzorg.network.models import Professional, Role
from tests import factories

PO_PATH = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")


@pytest.fixture
def english(client):
    """The user chose English with the language switch (the cookie it sets)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _restore_language():
    # LocaleMiddleware activates the request's language on this thread and
    # never deactivates it; keep English from leaking into later tests.
    with translation.override(settings.LANGUAGE_CODE):
        yield


# --- pages ------------------------------------------------------------------


@pytest.mark.django_db
def test_landing_page_is_dutch_by_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="nl">' in html
    assert "Voor ouders en jongeren" in html
    assert "For parents and young people" not in html


@pytest.mark.django_db
def test_choosing_english_switches_the_landing_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "For parents and young people" in html
    assert "One family, one plan" in html
    assert "Voor ouders en jongeren" not in html
    # The switcher offers the way back.
    assert '<option value="nl">' in html


@pytest.mark.django_db
def test_browser_language_alone_does_not_switch(client):
    """A Dutch professional with an English browser still gets the Dutch workplace."""
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl">' in html


@pytest.mark.django_db
def test_login_page_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in html
    assert "Log in for professionals" in html
    assert "Username" in html and "Password" in html
    assert "(required)" in html
    assert "Inloggen voor professionals" not in html


@pytest.mark.django_db
def test_form_error_message_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    user = factories.make_user()
    response = client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": "wrong-password"},
    )
    html = response.content.decode()
    assert "This combination of username and password is not correct." in html
    assert "klopt niet" not in html


@pytest.mark.django_db
def test_form_error_message_in_dutch_by_default(client):
    user = factories.make_user()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": "wrong-password"}
    )
    assert (
        "Deze combinatie van gebruikersnaam en wachtwoord klopt niet." in response.content.decode()
    )


@pytest.mark.django_db
def test_glossary_index_in_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/begrippen/"})
    html = client.get("/begrippen/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Glossary</h1>" in html
    assert '<nav aria-label="Terms by first letter">' in html
    assert "Search for a term" in html
    assert re.search(r"\d+ terms\.", html)


@pytest.mark.django_db
def test_glossary_search_count_is_pluralised_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/begrippen/", {"q": "zorgcoordinatie"}).content.decode()
    assert re.search(r"\d+ terms? found for “zorgcoordinatie”\.", html)


def _beheerder(client):
    return factories.verified_login(client, factories.make_professional("beheerder").user)


@pytest.mark.django_db
def test_network_beheer_page_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _beheerder(client)
    organisation = factories.make_organisation("OKT Haven", domains=("zorg", "welzijn"))
    html = client.get(
        reverse("network:organisation_detail", args=[organisation.uuid]),
    ).content.decode()
    assert '<html lang="en">' in html
    assert "Network management" in html
    assert "parent and child team (OKT)" in html  # the TextChoices label
    assert "care, welfare" in html  # the domains
    assert "Edit details" in html and "Deactivate" in html
    assert "Add team" in html and "No teams yet." in html
    assert "Gegevens wijzigen" not in html and "ouder- en kindteam" not in html


@pytest.mark.django_db
def test_network_beheer_page_in_dutch_by_default(client):
    _beheerder(client)
    organisation = factories.make_organisation("OKT Haven")
    html = client.get(reverse("network:organisation_detail", args=[organisation.uuid])).content
    assert "ouder- en kindteam (OKT)" in html.decode()
    assert "Gegevens wijzigen" in html.decode()


@pytest.mark.django_db
def test_network_form_and_success_message_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _beheerder(client)
    html = client.get(reverse("network:organisation_create")).content
    html = html.decode()
    assert "<h1>Add organisation</h1>" in html
    assert "Type of organisation" in html and "Working area" in html
    assert "(whole city or unknown)" in html
    response = client.post(
        reverse("network:organisation_create"),
        {"name": "Welzijn Haven", "kind": "welzijn", "domains": ["welzijn"]},
        follow=True,
    )
    assert "Welzijn Haven has been created." in response.content.decode()


@pytest.mark.django_db
def test_csv_import_error_report_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _beheerder(client)
    factories.make_organisation("OKT Haven")
    content = (
        b"voornaam,achternaam,email,telefoon,organisatie,team,rollen,expertise,gebieden\r\n"
        b"Anna,Jansen,anna@okt.example,,OKT Haven,,okt,,\r\n"
        b",Visser,geen-adres,,Onbekend,,tovenaar,,Nergens\r\n"
    )
    response = client.post(
        reverse("network:import"),
        {
            "kind": "professionals",
            "file": SimpleUploadedFile("p.csv", content, content_type="text/csv"),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing imported" in html
    assert "Nothing has been imported: 1 of the 2 rows was rejected." in html
    assert "Rejected rows (1)" in html
    assert "First name is missing." in html
    assert "&#x27;geen-adres&#x27; is not a valid email address." in html
    assert "Unknown organisation &#x27;Onbekend&#x27;." in html
    assert "Unknown role &#x27;tovenaar&#x27;. Choose from: opvoedadviseur" in html
    assert "Unknown area &#x27;Nergens&#x27;." in html
    assert "Niets geïmporteerd" not in html and "ontbreekt" not in html
    # The CSV still takes the Dutch codes and column names, whatever language the screen is in.
    assert "<code>okt|meedenker</code>" in html
    assert not Professional.objects.filter(email="anna@okt.example").exists()


@pytest.mark.django_db
def test_csv_import_file_error_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _beheerder(client)
    response = client.post(
        reverse("network:import"),
        {
            "kind": "organisaties",
            "file": SimpleUploadedFile("o.csv", b"PK\x03\x04\x14\x00", content_type="text/csv"),
        },
    )
    html = response.content.decode()
    assert "This is an Excel or zip file, not a CSV. In Excel, save it as" in html


@pytest.mark.django_db
def test_refusal_is_english_on_screen_and_dutch_in_the_log(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    factories.verified_login(client, factories.make_professional("okt").user)
    response = client.get(reverse("network:index"))
    assert response.status_code == 403
    entry = AuditEntry.objects.filter(outcome=Outcome.DENIED, object_type="network").get()
    assert entry.reason == "Alleen de functioneel beheerder kan het netwerk beheren."


@pytest.mark.django_db
def test_audit_reason_of_a_change_stays_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _beheerder(client)
    organisation = factories.make_organisation("OKT Haven")
    client.post(
        reverse("network:organisation_edit", args=[organisation.uuid]),
        {"name": "OKT Haven-Oost", "kind": "okt", "domains": ["zorg"]},
    )
    entry = AuditEntry.objects.filter(object_uuid=str(organisation.uuid)).get()
    assert entry.reason == "gewijzigd: naam"


@pytest.mark.django_db
def test_family_detail_shows_member_roles_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    professional = factories.make_professional("okt")
    family = factories.register_family(
        professional,
        members=[
            factories.member(),
            factories.member("Sam", role="ouder", born=date(1985, 3, 2), authority=True),
            factories.member("Jo", role="voogd", born=date(1970, 1, 1)),
        ],
    )
    factories.verified_login(client, professional.user)
    url = reverse("families:detail", args=[family.uuid])
    html = client.get(url).content.decode()
    assert "<td>child</td>" in html
    assert "<td>parent</td>" in html
    assert "<td>guardian/carer</td>" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = client.get(url).content.decode()
    assert "<td>kind</td>" in dutch and "<td>voogd/verzorger</td>" in dutch


def test_choice_labels_follow_the_active_language():
    assert str(Role.BEHEERDER.label) == "functioneel beheerder"
    with translation.override("en"):
        assert str(Role.BEHEERDER.label) == "application administrator"
        assert str(MemberRole.PARENT.label) == "parent"
        assert str(Action.READ.label) == "view"


def test_service_messages_follow_the_active_language():
    assert "elfproef" in bsn_error("123456780")
    with translation.override("en"):
        assert (
            bsn_error("123456780")
            == "This BSN is not valid (the eleven test fails). Check the digits."
        )


# --- the catalogue ----------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: _ESCAPES[m.group(1)], text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader: enough for msgid/msgid_plural/msgstr[n], flags and obsolete entries."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None

    def start() -> Entry:
        nonlocal current
        if current is None:
            current = Entry()
        return current

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current is not None:
                entries.append(current)
            current, target = None, None
            continue
        if line.startswith("#~"):
            start().obsolete = True
            line = line[2:].strip()
            if not line or line.startswith("#"):
                continue
        elif line.startswith("#,"):
            start().flags.update(f.strip() for f in line[2:].split(","))
            continue
        elif line.startswith("#"):
            continue
        entry = start()
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if match:
            keyword, index, value = match.group(1), match.group(2), _unquote(match.group(3))
            if keyword == "msgid":
                entry.msgid, target = value, ("msgid", 0)
            elif keyword == "msgid_plural":
                entry.msgid_plural, target = value, ("msgid_plural", 0)
            elif keyword == "msgctxt":
                target = ("msgctxt", 0)
            else:
                number = int(index) if index is not None else 0
                entry.msgstr[number], target = value, ("msgstr", number)
        elif line.startswith('"') and target is not None:
            value = _unquote(line)
            kind, number = target
            if kind == "msgid":
                entry.msgid += value
            elif kind == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + value
            elif kind == "msgstr":
                entry.msgstr[number] += value
        else:
            raise AssertionError(f"unexpected line in {path.name}: {raw!r}")
    return entries


def _messages() -> list[Entry]:
    return [e for e in parse_po(PO_PATH) if e.msgid and not e.obsolete]


def test_catalogue_exists_and_is_compiled():
    assert PO_PATH.is_file()
    assert MO_PATH.is_file(), "run `manage.py compilemessages` and commit the .mo"
    assert len(_messages()) > 100


def test_catalogue_has_no_fuzzy_or_untranslated_entries():
    entries = parse_po(PO_PATH)
    fuzzy = [e.msgid or "(header)" for e in entries if "fuzzy" in e.flags]
    untranslated = [
        e.msgid for e in _messages() if not e.msgstr or any(not s for s in e.msgstr.values())
    ]
    assert fuzzy == []
    assert untranslated == []


def test_catalogue_keeps_placeholders():
    placeholder = re.compile(r"%\(\w+\)s")
    for entry in _messages():
        expected = sorted(placeholder.findall(entry.msgid))
        for text in entry.msgstr.values():
            assert sorted(placeholder.findall(text)) == expected, entry.msgid


def test_compiled_catalogue_matches_the_po():
    """Every entry of the .po translates to its msgstr, so the committed .mo is current."""
    stale = []
    with translation.override("en"):
        for entry in _messages():
            if entry.msgid_plural is None:
                got = translation.gettext(entry.msgid)
                if got != entry.msgstr[0]:
                    stale.append((entry.msgid, got))
            else:
                for n, index in ((1, 0), (2, 1)):
                    got = translation.ngettext(entry.msgid, entry.msgid_plural, n)
                    if got != entry.msgstr[index]:
                        stale.append((entry.msgid, got))
    assert stale == [], "the .mo is older than the .po: run `manage.py compilemessages`"
