"""The page frame's menu and language choice written in Python (`site.templatetags.frame`)
are the bytes the template's loops wrote."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.base import Message
from django.template import Context, engines
from django.test import RequestFactory
from django.utils import translation

from tests.written_rows import rendered_both, template_source

MENU_LOOP = """{% for name, label in nav_items %}<li><a href="{{ name|address }}">{{ label }}</a></li>{% endfor %}"""  # noqa: E501
MENU_WRITTEN = """{% load frame %}{{ nav_items|menu_items }}"""
LANGUAGE_LOOP = """{% load i18n %}{% get_available_languages as LANGUAGES %}{% for code, name in LANGUAGES %}<option value="{{ code }}"{% if code == LANGUAGE_CODE %} selected{% endif %}>{{ name }}</option>{% endfor %}"""  # noqa: E501
LANGUAGE_WRITTEN = """{% load i18n frame %}{% get_available_languages as LANGUAGES %}{{ LANGUAGES|language_options:LANGUAGE_CODE }}"""  # noqa: E501


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("count", [0, 1, 4])
def test_the_menu_is_the_templates_bytes(language, count):
    items = [
        ("core:home", "Werkplek"),
        ("coordination:dashboard", "Casussen <&>"),
        ("glossary:index", 'Begrippen "x"'),
        ("families:list", "Gezinnen"),
    ][:count]
    expected, written = rendered_both(MENU_LOOP, MENU_WRITTEN, {"nav_items": items}, language)
    assert written == expected


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("current", ["nl", "en", "xx"])
def test_the_language_choice_is_the_templates_bytes(language, current):
    context = {"LANGUAGE_CODE": current}
    expected, written = rendered_both(LANGUAGE_LOOP, LANGUAGE_WRITTEN, context, language)
    assert written == expected
    assert written.count("<option") == len(settings.LANGUAGES)


# --- the frame written by three tags: the bytes of the template it replaced ------------------

OLD_FRAME = Path(__file__).with_name("old_frame")  # base.html as it was, kept to compare with
CHILD = (
    "{% extends base %}{% block title %}Casus <&> 12{% endblock %}"
    "{% block content %}<h1>Inhoud</h1>{% endblock %}"
)
UNTITLED = "{% extends base %}{% block content %}<p>x</p>{% endblock %}"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


class Someone:
    """A logged-in user as the frame asks about one (`accounts.User`): is_authenticated and the
    name to show."""

    is_authenticated = True

    def __init__(self, name):
        self.display_name = name


def _old_base():
    engine = engines["django"].engine
    return engine.from_string((OLD_FRAME / "base.html").read_text(encoding="utf-8"))


def _both(child: str, values: dict, language: str) -> tuple[str, str]:
    engine = engines["django"].engine
    with translation.override(language):
        page = engine.from_string(child)
        old = page.render(Context({**values, "base": _old_base()}, autoescape=True))
        new = page.render(Context({**values, "base": "base.html"}, autoescape=True))
    return old, new


def _messages():
    return [Message(messages.SUCCESS, "Opgeslagen <b>"), Message(messages.ERROR, 'Fout "x"')]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("child", [CHILD, UNTITLED])
@pytest.mark.parametrize("user", [None, AnonymousUser(), Someone("Anna <de> Vries")])
@pytest.mark.parametrize("nav", [[], [("core:home", "Werkplek"), ("glossary:index", "Begrippen")]])
@pytest.mark.parametrize("shown", ["none", "messages"])
@pytest.mark.parametrize("with_request", [True, False])
def test_the_frame_writes_the_templates_bytes(language, child, user, nav, shown, with_request):
    values = {"nav_items": nav, "csrf_token": "vaste-token-<x>"}
    if user is not None:
        values["user"] = user
    if shown == "messages":
        values["messages"] = _messages()
    if with_request:
        values["request"] = RequestFactory().get("/publiek/aanbod/", {"q": 'slapen "<x>"'})
    old, new = _both(child, values, language)
    assert new == old
    assert f'<html lang="{language}">' in new


def test_the_frame_without_a_csrf_token_writes_no_input():
    old, new = _both(CHILD, {"user": Someone("Anna")}, "nl")
    assert new == old
    assert "csrfmiddlewaretoken" not in new


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_frames_language_follows_a_language_chosen_in_between(language):
    """The fixed text is kept per language: a page in the other language right after one in
    this language gets its own."""
    first, _ = _both(CHILD, {}, language)
    other = "en" if language == "nl" else "nl"
    old, new = _both(CHILD, {}, other)
    assert new == old
    assert new != first


def test_a_changed_static_url_is_written(settings):
    _both(CHILD, {}, "nl")  # the fixed text is kept
    settings.STATIC_URL = "/elders/"
    old, new = _both(CHILD, {}, "nl")
    assert new == old
    assert 'href="/elders/ketenzorg/ketenzorg.css"' in new


def _page(client, address: str, old: bool, settings) -> str:
    template_dirs = [d for d in settings.TEMPLATES[0]["DIRS"] if d != OLD_FRAME]
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [OLD_FRAME, *template_dirs] if old else template_dirs}
    ]
    response = client.get(address)
    assert response.status_code == 200
    frames = [t.origin.name for t in response.templates if t.name == "base.html"]
    assert len(frames) == 1 and (str(OLD_FRAME) in frames[0]) == old
    return TOKEN.sub('name="csrfmiddlewaretoken" value="…"', response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/publiek/aanbod/", "/begrippen/"])
def test_a_public_page_is_the_same_through_the_old_frame(client, settings, address):
    old = _page(client, address, True, settings)
    new = _page(client, address, False, settings)
    assert new == old
    assert "csrfmiddlewaretoken" in new


@pytest.mark.django_db
def test_a_professionals_page_is_the_same_through_the_old_frame(logged_in, settings):
    old = _page(logged_in, "/werkplek/", True, settings)
    new = _page(logged_in, "/werkplek/", False, settings)
    assert new == old
    assert "Uitloggen" in new and 'class="main-nav"' in new


def test_the_frame_is_the_three_tags():
    source = template_source("base.html")
    assert "{% frame_head %}" in source and "{% frame_top %}" in source
    assert "{% frame_bottom %}" in source
