"""The public pages: no login, accessible structure, bounded queries."""

import re

from django.urls import reverse

from ketenzorg.glossary.models import Source, Term


def test_index_is_public_and_grouped_by_letter(client, db):
    response = client.get("/begrippen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<nav aria-label="Begrippen per beginletter">' in html
    assert 'href="#letter-z"' in html and 'id="letter-z"' in html
    # "Eén gezin, één plan" sorts under E, not after Z.
    e_section = html[html.index('id="letter-e"') : html.index('id="letter-f"')]
    assert "Eén gezin, één plan" in e_section
    assert 'href="/begrippen/zorgcoordinatie/"' in html


def test_letters_without_terms_are_not_links(client, db):
    html = client.get("/begrippen/").content.decode()
    assert 'href="#letter-q"' not in html
    assert "Geen begrippen met </span>Q" in html


def test_search_field_is_labelled(client, db):
    html = client.get("/begrippen/").content.decode()
    field_id = re.search(r'<input[^>]*name="q"[^>]*id="([^"]+)"', html).group(1)
    assert f'<label for="{field_id}">Zoek een begrip' in html
    assert 'role="search"' in html


def test_search_without_accent_finds_the_accented_term(client, db):
    response = client.get("/begrippen/", {"q": "zorgcoordinatie"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zorgcoördinatie</a>" in html
    assert "gevonden met “zorgcoordinatie”" in html


def test_search_with_nothing_found_says_so(client, db):
    html = client.get("/begrippen/", {"q": "xyzzyvoorbeeld"}).content.decode()
    assert "0 begrippen gevonden" in html
    assert "Geen begrippen gevonden" in html


def test_too_long_search_is_a_400_with_a_dutch_message(client, db):
    response = client.get("/begrippen/", {"q": "x" * 101})
    assert response.status_code == 400
    assert "Controleer het zoekveld" in response.content.decode()


def test_detail_shows_definition_english_source_and_related(client, db):
    response = client.get("/begrippen/zorgcoordinatie/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "<h1>Zorgcoördinatie</h1>" in html
    assert "meervoudige problematiek" in html
    assert '<div lang="en"' in html and "care coordination" in html.lower()
    assert str(Source.OKE_PUNT.label) in html
    assert 'href="/begrippen/jeugdgezondheidszorg/"' in html
    assert "Begrip wijzigen" not in html  # only for the beheerder


def test_detail_shows_aliases(client, db):
    html = client.get("/begrippen/oke-inloopspreekuur/").content.decode()
    assert "Ook geschreven als:" in html and "inloopspreekuur" in html


def test_unknown_slug_is_the_dutch_404_page(client, db):
    response = client.get("/begrippen/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_urls_are_where_the_rest_of_the_product_expects_them():
    assert reverse("glossary:index") == "/begrippen/"
    assert reverse("glossary:detail", args=["zorgcoordinatie"]) == "/begrippen/zorgcoordinatie/"
    assert reverse("glossary:create") == "/begrippen/beheer/nieuw/"
    assert (
        reverse("glossary:edit", args=["zorgcoordinatie"]) == "/begrippen/zorgcoordinatie/wijzigen/"
    )


def test_beheerder_sees_maintenance_links(beheerder_client):
    assert "Nieuw begrip" in beheerder_client.get("/begrippen/").content.decode()
    assert "Begrip wijzigen" in beheerder_client.get("/begrippen/zorgcoordinatie/").content.decode()


def test_index_query_count_does_not_grow_with_the_number_of_terms(
    client, db, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        client.get("/begrippen/")
    Term.objects.bulk_create(
        Term(
            term=f"Proefbegrip {i}",
            slug=f"proefbegrip-{i}",
            definition="Proef.",
            source=Source.PRACTICE,
            sort_key=f"proefbegrip {i}",
        )
        for i in range(60)
    )
    with django_assert_max_num_queries(2):
        response = client.get("/begrippen/")
    assert "Proefbegrip 59" in response.content.decode()
    with django_assert_max_num_queries(2):
        client.get("/begrippen/", {"q": "proef"})


def test_detail_query_count_is_bounded(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/begrippen/opschalingsmodel/")
