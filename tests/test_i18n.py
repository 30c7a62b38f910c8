"""Dutch by default, English through Django's gettext; the catalogue is complete and compiled."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ketenzorg.families.rules import bsn_error
from tests import factories

PO_PATH = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")


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
def test_browser_language_english_is_honoured(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in html
    assert "For parents and young people" in html


@pytest.mark.django_db
def test_login_page_in_english(client):
    html = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in html
    assert "Log in for professionals" in html
    assert "Username" in html and "Password" in html
    assert "(required)" in html
    assert "Inloggen voor professionals" not in html


@pytest.mark.django_db
def test_form_error_message_in_english(client):
    user = factories.make_user()
    response = client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": "wrong-password"},
        HTTP_ACCEPT_LANGUAGE="en",
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
    html = client.get(
        "/begrippen/", {"q": "zorgcoordinatie"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert re.search(r"\d+ terms? found for “zorgcoordinatie”\.", html)


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
