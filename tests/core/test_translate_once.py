"""`{% load i18n %}` is Django's library with a fixed text's `{% translate %}` rendered once
per language (`core.templatetags.translate_once`): the same output as Django's, in each
language, escaped or not, as a variable, and texts that are not fixed translated each time."""

from __future__ import annotations

from django.template import Context, Engine, engines
from django.templatetags import i18n as django_i18n
from django.utils import translation

from ketenzorg.core.templatetags.translate_once import FixedTranslateNode

SOURCE = (
    "{% load i18n %}"
    '{% translate "Gezinnen" %}|{% trans "Gezinnen" as label %}[{{ label }}]|'
    '{% translate "Zoeken" %}|{% translate word %}|{% translate "Gezinnen"|upper %}|'
    '{% translate "Gezinnen" noop %}|{% autoescape off %}{% translate "a < b" %}{% endautoescape %}'
    '|{% translate "a < b" %}'
)


def _render(template, language: str, **context) -> str:
    with translation.override(language):
        return template.render(context)


def test_fixed_texts_follow_the_language_of_each_render():
    template = engines["django"].from_string(SOURCE)
    for _ in range(2):  # the second round comes from what the nodes kept
        assert _render(template, "nl", word="Gezinnen") == (
            "Gezinnen|[Gezinnen]|Zoeken|Gezinnen|GEZINNEN|Gezinnen|a < b|a < b"
        )
        assert _render(template, "en", word="Gezinnen") == (
            "Families|[Families]|Search|Families|FAMILIES|Gezinnen|a < b|a < b"
        )
    assert _render(template, "en", word="Zoeken").split("|")[3] == "Search"


def test_only_fixed_texts_are_kept():
    nodes = engines["django"].from_string(SOURCE).template.nodelist
    translated = nodes.get_nodes_by_type(django_i18n.TranslateNode)
    fixed = [isinstance(n, FixedTranslateNode) for n in translated]
    # "Gezinnen", "Gezinnen" as label, "Zoeken", word, |upper, noop, two of "a < b"
    assert fixed == [True, True, True, False, False, False, True, True]


def test_the_same_as_djangos_own_library():
    django_template = Engine(libraries={"i18n": "django.templatetags.i18n"}).from_string(SOURCE)
    ours = engines["django"].from_string(SOURCE)
    for language in ("nl", "en", "nl"):
        with translation.override(language):
            expected = django_template.render(Context({"word": "Zoeken"}))
        assert _render(ours, language, word="Zoeken") == expected


def test_only_i18n_names_two_tag_libraries():
    """The deploy check's templates.W003 is silenced for the i18n library we map on purpose;
    no other library name may map to two modules unnoticed."""
    from collections import defaultdict

    from django.template.backends.django import get_template_tag_modules

    modules = defaultdict(set)
    for name, path in get_template_tag_modules():
        modules[name].add(path)
    for name, path in engines["django"].engine.libraries.items():
        modules[name].add(path)
    assert {name for name, paths in modules.items() if len(paths) > 1} == {"i18n"}


def test_a_node_keeps_its_own_fields_while_it_renders(monkeypatch):
    """A template's nodes are shared by the threads that render it: while one renders a text
    with `as`, another must still find the node's `as` in place."""
    template = engines["django"].from_string('{% load i18n %}{% translate "Zoeken" as label %}')
    (node,) = template.template.nodelist.get_nodes_by_type(FixedTranslateNode)
    seen = []
    render = node.text.render

    def watching(context):
        seen.append(node.asvar)
        return render(context)

    monkeypatch.setattr(node.text, "render", watching)
    with translation.override("en"):
        assert template.render({}) == ""
    assert seen == ["label"]
