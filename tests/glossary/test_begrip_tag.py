"""`{% begrip %}` links words to the glossary, and no template names a term that does not exist."""

import logging
import re
from pathlib import Path

import pytest
from django.template import Context, Template

import ketenzorg
from ketenzorg.glossary import lookup

TEMPLATES = Path(ketenzorg.__file__).resolve().parent / "templates"
BEGRIP = re.compile(r"""\{%\s*begrip\s+(?P<q>["'])(?P<text>.+?)(?P=q)""")


def render(source, **context):
    return Template("{% load glossary %}" + source).render(Context(context))


def test_known_term_becomes_a_link(db):
    html = render('{% begrip "zorgcoördinatie" %}')
    assert html == '<a class="term-link" href="/begrippen/zorgcoordinatie/">zorgcoördinatie</a>'


@pytest.mark.parametrize("text", ["Zorgcoordinatie", "ZORGCOÖRDINATIE", "zorgcoordinatie"])
def test_accents_and_case_do_not_matter(db, text):
    assert 'href="/begrippen/zorgcoordinatie/"' in render("{% begrip text %}", text=text)


def test_alias_leads_to_its_term(db):
    assert 'href="/begrippen/oke-inloopspreekuur/"' in render('{% begrip "inloopspreekuur" %}')
    assert 'href="/begrippen/aanvullende-jeugdhulp/"' in render('{% begrip "AJH" %}')


def test_second_argument_is_the_text_shown(db):
    html = render('{% begrip "procescoördinator" "de procescoördinatoren" %}')
    assert (
        html
        == '<a class="term-link" href="/begrippen/procescoordinator/">de procescoördinatoren</a>'
    )


def test_shown_text_is_escaped(db):
    html = render('{% begrip "zorgpiramide" label %}', label="<b>piramide</b>")
    assert "&lt;b&gt;piramide&lt;/b&gt;" in html


def test_the_families_page_term_resolves(db):
    assert 'href="/begrippen/een-gezin-een-plan/"' in render('{% begrip "één gezin, één plan" %}')


def test_unknown_term_fails_loudly_in_tests_and_debug(db):
    with pytest.raises(lookup.UnknownTerm):
        render('{% begrip "bestaat-niet-begrip" %}')


def test_unknown_term_renders_plain_text_for_users(db, settings, caplog):
    settings.GLOSSARY_STRICT = False
    with caplog.at_level(logging.WARNING, logger="ketenzorg.glossary.lookup"):
        html = render("{% begrip text %}", text="bestaat <niet>")
    assert html == "bestaat &lt;niet&gt;"
    assert "Onbekend begrip" in caplog.text


def test_empty_glossary_only_warns(db, caplog):
    # A transactional test flushes the data migration's rows; pages must still render.
    from ketenzorg.glossary.models import Term

    Term.objects.all().delete()
    lookup.invalidate()
    assert render('{% begrip "zorgpiramide" %}') == "zorgpiramide"


def test_lookups_are_cached(db, django_assert_num_queries):
    render('{% begrip "zorgpiramide" %}')
    with django_assert_num_queries(0):
        render('{% begrip "zorgpiramide" %}{% begrip "opschalingsmodel" %}{% begrip "JGZ" %}')


def _template_terms():
    for path in sorted(TEMPLATES.rglob("*.html")):
        for match in BEGRIP.finditer(path.read_text(encoding="utf-8")):
            yield path.relative_to(TEMPLATES).as_posix(), match.group("text")


def test_the_template_scan_finds_the_families_page():
    assert ("families/detail.html", "één gezin, één plan") in set(_template_terms())


@pytest.mark.parametrize(("template", "text"), sorted(set(_template_terms())))
def test_every_begrip_in_every_template_is_a_known_term(db, template, text):
    assert lookup.resolve(text) is not None, (
        f"{template}: {{% begrip {text!r} %}} is geen begrip in de begrippenlijst"
    )
