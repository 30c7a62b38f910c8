"""The page frame's menu and language choice written in Python (`site.templatetags.frame`)
are the bytes the template's loops wrote."""

import pytest
from django.conf import settings

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


def test_the_frame_uses_the_written_lists():
    source = template_source("base.html")
    assert "{{ nav_items|menu_items }}" in source
    assert "{{ LANGUAGES|language_options:LANGUAGE_CODE }}" in source
    assert "{% for name, label in nav_items %}" not in source
    assert "{% for code, name in LANGUAGES %}" not in source
