"""The functioneel beheerder keeps the glossary; nobody else can, whatever the public prefix."""

import pytest

from ketenzorg.audit.models import AuditEntry
from ketenzorg.glossary import lookup
from ketenzorg.glossary.models import Source, Term
from tests import factories

NEW = {
    "term": "Wijkteam",
    "slug": "",
    "aliases": "sociaal wijkteam, wijkteams",
    "definition": "Een team van professionals in een wijk dat bewoners helpt met vragen over zorg en welzijn.",
    "definition_en": "A neighbourhood team that helps residents with questions about care and welfare.",
    "source": Source.PRACTICE,
    "related": ["stadsdeel", "ouder-en-kindteam"],
}


def test_beheerder_sees_the_create_form(beheerder_client):
    response = beheerder_client.get("/begrippen/beheer/nieuw/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1 and "Nieuw begrip" in html
    assert '<label for="id_term">Begrip' in html


def test_beheerder_creates_a_term(beheerder_client, beheerder):
    response = beheerder_client.post("/begrippen/beheer/nieuw/", NEW)
    assert response.status_code == 302
    assert response["Location"] == "/begrippen/wijkteam/"
    term = Term.objects.get(slug="wijkteam")
    assert term.alias_list == ["sociaal wijkteam", "wijkteams"]
    assert "sociaal wijkteam" in term.search_text
    assert set(term.related.values_list("slug", flat=True)) == {"stadsdeel", "ouder-en-kindteam"}
    assert Term.objects.get(slug="stadsdeel").related.filter(slug="wijkteam").exists()
    entry = AuditEntry.objects.get(object_type="glossary.Term", object_uuid=str(term.uuid))
    assert entry.action == "create" and entry.username == beheerder.user.get_username()
    # The begrip tag knows the new term at once.
    assert lookup.resolve("wijkteams") == "wijkteam"
    assert "is toegevoegd" in beheerder_client.get(response["Location"]).content.decode()


def test_beheerder_edits_a_term(beheerder_client):
    response = beheerder_client.get("/begrippen/zorgcoordinatie/wijzigen/")
    assert response.status_code == 200
    assert "Zorgcoördinatie" in response.content.decode()
    term = Term.objects.get(slug="zorgcoordinatie")
    data = {
        "term": term.term,
        "slug": term.slug,
        "aliases": term.aliases + ", afstemming van zorg",
        "definition": term.definition,
        "definition_en": term.definition_en,
        "source": term.source,
        "related": ["jeugdgezondheidszorg"],
    }
    response = beheerder_client.post("/begrippen/zorgcoordinatie/wijzigen/", data)
    assert response.status_code == 302
    term.refresh_from_db()
    assert "afstemming van zorg" in term.alias_list
    assert list(term.related.values_list("slug", flat=True)) == ["jeugdgezondheidszorg"]
    assert AuditEntry.objects.filter(object_uuid=str(term.uuid), action="update").count() == 1
    assert lookup.resolve("afstemming van zorg") == "zorgcoordinatie"


def test_renaming_the_slug_moves_the_page(beheerder_client):
    term = Term.objects.get(slug="motorkapoverleg")
    data = {
        "term": term.term,
        "slug": "motorkap-overleg-nieuw",
        "aliases": "",
        "definition": term.definition,
        "definition_en": "",
        "source": term.source,
    }
    response = beheerder_client.post("/begrippen/motorkapoverleg/wijzigen/", data)
    assert response["Location"] == "/begrippen/motorkap-overleg-nieuw/"
    assert lookup.resolve("motorkapoverleg") == "motorkap-overleg-nieuw"


def test_empty_required_fields_give_400_with_dutch_messages(beheerder_client):
    response = beheerder_client.post(
        "/begrippen/beheer/nieuw/", {"term": "", "definition": "", "source": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit veld is vereist." in html  # Django's Dutch
    assert not Term.objects.filter(term="").exists()


def test_duplicate_slug_gives_a_clear_400(beheerder_client):
    response = beheerder_client.post(
        "/begrippen/beheer/nieuw/",
        {**NEW, "term": "Zorgcoördinatie (kopie)", "slug": "zorgcoordinatie", "aliases": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er bestaat al een begrip met de slug" in html and "zorgcoordinatie" in html
    assert Term.objects.filter(slug="zorgcoordinatie").count() == 1


def test_automatic_slug_that_is_taken_gives_a_clear_400(beheerder_client):
    response = beheerder_client.post(
        "/begrippen/beheer/nieuw/", {**NEW, "term": "Zorgcoördinatie", "aliases": ""}
    )
    assert response.status_code == 400
    assert "Er bestaat al een begrip met de slug" in response.content.decode()


def test_alias_of_another_term_is_refused(beheerder_client):
    response = beheerder_client.post("/begrippen/beheer/nieuw/", {**NEW, "aliases": "JGZ"})
    assert response.status_code == 400
    assert "verwijst al naar een ander begrip" in response.content.decode()
    assert not Term.objects.filter(slug="wijkteam").exists()


def test_invalid_slug_is_refused(beheerder_client):
    response = beheerder_client.post("/begrippen/beheer/nieuw/", {**NEW, "slug": "Wijk team!"})
    assert response.status_code == 400
    assert "Een slug bestaat alleen uit kleine letters" in response.content.decode()


def test_edit_of_unknown_term_is_404(beheerder_client):
    assert beheerder_client.get("/begrippen/bestaat-niet/wijzigen/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/begrippen/beheer/nieuw/", "/begrippen/zorgcoordinatie/wijzigen/"]
)
def test_anonymous_is_sent_to_the_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=")
    assert client.post(url, NEW).status_code == 302
    assert not Term.objects.filter(slug="wijkteam").exists()


@pytest.mark.parametrize(
    "url", ["/begrippen/beheer/nieuw/", "/begrippen/zorgcoordinatie/wijzigen/"]
)
def test_professional_without_beheer_role_gets_403(client, db, url):
    okt = factories.make_professional("okt")
    factories.verified_login(client, okt.user)
    response = client.get(url)
    assert response.status_code == 403
    assert "functioneel beheerder" in response.content.decode()
    assert client.post(url, NEW).status_code == 403
    assert not Term.objects.filter(slug="wijkteam").exists()
    assert AuditEntry.objects.filter(object_type="glossary.Term", outcome="denied").exists()


def test_beheerder_without_second_factor_gets_403(client, db):
    beheerder = factories.make_professional("beheerder")
    client.force_login(beheerder.user)  # password only, no TOTP in this session
    response = client.post("/begrippen/beheer/nieuw/", NEW)
    assert response.status_code == 403
    assert "tweede factor" in response.content.decode()
    assert not Term.objects.filter(slug="wijkteam").exists()
