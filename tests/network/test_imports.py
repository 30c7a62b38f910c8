"""CSV import: every row judged first, a report of every rejected row, and then all rows or none."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ketenzorg.audit.models import AuditEntry
from ketenzorg.network import imports
from ketenzorg.network.imports import ImportFileError, ImportRejected, KnownOrganisation, Reference
from ketenzorg.network.models import ExpertiseTag, Organisation, Professional, RoleAssignment, Team
from tests import factories
from tests.network.helpers import city_tree

ORG_HEADER = "naam,soort,domeinen,gebied,email,telefoon"
PRO_HEADER = "voornaam,achternaam,email,telefoon,organisatie,team,rollen,expertise,gebieden"


def _csv(*lines: str, bom=False, delimiter=",") -> bytes:
    text = "\r\n".join(line.replace(",", delimiter) for line in lines) + "\r\n"
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def _reasons(excinfo) -> dict[int, str]:
    return {r.line: " ".join(r.reasons) for r in excinfo.value.rejections}


# --- reading the file (pure) ---------------------------------------------------------


def test_reads_dutch_excel_with_bom_and_semicolons():
    content = _csv(ORG_HEADER, "Café Één,welzijn,welzijn,,,", bom=True, delimiter=";")
    table = imports.read_table(content, columns=imports.ORGANISATION_COLUMNS)
    assert table.rows[0].values["naam"] == "Café Één"
    assert table.rows[0].line == 2


def test_line_numbers_survive_blank_lines_and_quoted_newlines():
    content = _csv(
        ORG_HEADER, "", "A,okt,zorg,,,", '"B\nmet regel",okt,zorg,,,', ";;;;;", "C,okt,zorg,,,"
    )
    table = imports.read_table(content, columns=imports.ORGANISATION_COLUMNS)
    assert [(r.line, r.values["naam"]) for r in table.rows] == [
        (3, "A"),
        (4, "B met regel"),
        (7, "C"),
    ]


def test_columns_in_any_order_and_trailing_empty_columns():
    content = _csv("soort,naam,domeinen,telefoon,email,gebied,,", "okt,A,zorg,,,,,")
    table = imports.read_table(content, columns=imports.ORGANISATION_COLUMNS)
    assert table.rows[0].values["naam"] == "A"


def test_wrong_number_of_fields_is_a_rejected_row():
    table = imports.read_table(_csv(ORG_HEADER, "A,okt,zorg"), columns=imports.ORGANISATION_COLUMNS)
    assert (
        table.malformed[0].line == 2 and "3 velden in plaats van 6" in table.malformed[0].reasons[0]
    )


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "Het bestand is leeg."),
        (b"  \r\n \r\n", "Het bestand is leeg."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "geen tekstbestand"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel- of zip-bestand"),
        ("naam,soort\nCafé,okt\n".encode("latin-1"), "niet in UTF-8"),
        (_csv(ORG_HEADER), "geen regels onder de kopregel"),
        (
            _csv("naam,soort,domein,gebied,email"),
            "Ontbreekt: domeinen, telefoon. Onbekend: domein.",
        ),
        (_csv(PRO_HEADER, "a,b,c,d,e,f,g,h,i"), "Verwacht de kolommen: naam, soort"),
        (
            _csv(ORG_HEADER, '"A' + "x" * 200_000 + '",okt,zorg,,,'),
            "Regel 2 kan niet worden gelezen",
        ),
    ],
)
def test_files_that_are_not_this_csv(content, message):
    with pytest.raises(ImportFileError) as excinfo:
        imports.read_table(content, columns=imports.ORGANISATION_COLUMNS)
    assert message in excinfo.value.message


def test_limits():
    with pytest.raises(ImportFileError, match="groter dan 5 MB"):
        imports.read_table(b"x" * (imports.MAX_BYTES + 1), columns=imports.ORGANISATION_COLUMNS)
    rows = [ORG_HEADER] + [f"Org {i},okt,zorg,,," for i in range(imports.MAX_ROWS + 1)]
    with pytest.raises(ImportFileError, match="meer dan 20.000 regels"):
        imports.read_table(_csv(*rows), columns=imports.ORGANISATION_COLUMNS)
    table = imports.read_table(_csv(*rows[:-1]), columns=imports.ORGANISATION_COLUMNS)
    assert table.total == imports.MAX_ROWS


# --- judging rows (pure) -----------------------------------------------------------------


REFERENCE = Reference(
    organisations={
        "okt haven": KnownOrganisation(1, "OKT Haven", True),
        "oud": KnownOrganisation(2, "Oud", False),
    },
    teams={(1, "team noord"): 10},
    districts={"haven": [100], "centrum": [101, 102]},
    taken_emails={"bestaat@voorbeeld.nl"},
)


def _judge_organisations(*lines):
    table = imports.read_table(_csv(ORG_HEADER, *lines), columns=imports.ORGANISATION_COLUMNS)
    return imports.validate_organisations(table, REFERENCE)


def _judge_professionals(*lines):
    table = imports.read_table(_csv(PRO_HEADER, *lines), columns=imports.PROFESSIONAL_COLUMNS)
    return imports.validate_professionals(table, REFERENCE)


def test_valid_organisation_rows_accept_labels_and_codes():
    rows = _judge_organisations(
        "Nieuw,Ouder- en kindteam (OKT),Welzijn|zorg,Haven,INFO@x.nl,036 1234567",
        "Twee,ggd,zorg,,,",
    )
    assert (
        rows[0].kind == "okt"
        and rows[0].domains == ["zorg", "welzijn"]
        and rows[0].district_id == 100
    )
    assert rows[0].email == "info@x.nl"


def test_every_kind_of_bad_organisation_row_is_reported_with_its_line():
    with pytest.raises(ImportRejected) as excinfo:
        _judge_organisations(
            "Goed,okt,zorg,,,",  # 2
            ",okt,zorg,,,",  # 3 no name
            "Bank,bank,zorg,,,",  # 4 unknown kind
            "Leeg,okt,,,,",  # 5 no domains
            "Geld,okt,zorg|geld,,,",  # 6 unknown domain
            "Ver,okt,zorg,Nergens,,",  # 7 unknown district
            "Dubbel,okt,zorg,Centrum,,",  # 8 ambiguous district
            "Mail,okt,zorg,,geen-mail,",  # 9 bad e-mail
            "Bel,okt,zorg,,,bel mij",  # 10 bad phone
            "goed,okt,zorg,,,",  # 11 duplicate of line 2
            "OKT HAVEN,okt,zorg,,,",  # 12 exists in the database
            "Geen soort,,zorg,,,",  # 13 no kind
        )
    reasons = _reasons(excinfo)
    assert 2 not in reasons
    assert "Naam ontbreekt." in reasons[3]
    assert "Onbekende soort 'bank'" in reasons[4]
    assert "Domeinen ontbreken" in reasons[5]
    assert "Onbekend domein 'geld'" in reasons[6]
    assert "Onbekend gebied 'Nergens'." in reasons[7]
    assert "meerdere gebieden met de naam 'Centrum'" in reasons[8]
    assert "'geen-mail' is geen geldig e-mailadres." in reasons[9]
    assert "telefoonnummer" in reasons[10]
    assert "Deze naam staat ook op regel 2." in reasons[11]
    assert "Er bestaat al een organisatie met de naam 'OKT HAVEN'." in reasons[12]
    assert "Soort ontbreekt." in reasons[13]
    assert excinfo.value.total == 12
    assert "11 van de 12 regels" in excinfo.value.message


def test_every_kind_of_bad_professional_row_is_reported_with_its_line():
    with pytest.raises(ImportRejected) as excinfo:
        _judge_professionals(
            "Sam,Goed,sam@x.nl,,OKT Haven,Team Noord,okt|meedenker,autisme,Haven",  # 2
            ",Leeg,leeg@x.nl,,OKT Haven,,okt,,",  # 3 no first name
            "Bo,Mail,geen-mail,,OKT Haven,,okt,,",  # 4 bad e-mail
            "Jo,Dubbel,SAM@x.nl,,OKT Haven,,okt,,",  # 5 duplicate e-mail in file
            "Al,Bestaat,bestaat@voorbeeld.nl,,OKT Haven,,okt,,",  # 6 e-mail in database
            "Kim,Org,kim@x.nl,,Onbekend,,okt,,",  # 7 unknown organisation
            "Lo,Oud,lo@x.nl,,Oud,,okt,,",  # 8 deactivated organisation
            "Mo,Team,mo@x.nl,,OKT Haven,Team Zuid,okt,,",  # 9 unknown team
            "No,Rol,no@x.nl,,OKT Haven,,tovenaar,,",  # 10 unknown role
            "Oz,Geen,oz@x.nl,,OKT Haven,,,,",  # 11 no roles
            "Pim,Gebied,pim@x.nl,,OKT Haven,,okt,,Haven|Nergens",  # 12 unknown area
            "Ria,,ria@x.nl,,,,,,",  # 13 several things missing
        )
    reasons = _reasons(excinfo)
    assert 2 not in reasons
    assert "Voornaam ontbreekt." in reasons[3]
    assert "geen geldig e-mailadres" in reasons[4]
    assert "Dit e-mailadres staat ook op regel 2." in reasons[5]
    assert "Er is al een professional met e-mailadres bestaat@voorbeeld.nl." in reasons[6]
    assert "Onbekende organisatie 'Onbekend'" in reasons[7]
    assert "Organisatie 'Oud' is gedeactiveerd." in reasons[8]
    assert "Team 'Team Zuid' bestaat niet bij OKT Haven." in reasons[9]
    assert "Onbekende rol 'tovenaar'" in reasons[10]
    assert "Rollen ontbreken" in reasons[11]
    assert "Onbekend gebied 'Nergens'." in reasons[12]
    assert {"Achternaam ontbreekt.", "Organisatie ontbreekt.", "Rollen ontbreken"} <= set(
        r.split(":")[0] for r in next(x for x in excinfo.value.rejections if x.line == 13).reasons
    )


def test_valid_professional_row():
    [row] = _judge_professionals(
        "Sam,de Boer,Sam@X.nl,06-12345678,okt haven,team noord,OKT|meedenker/meedoener,ADHD|autisme,Haven"
    )
    assert (row.organisation_id, row.team_id, row.area_ids) == (1, 10, [100])
    assert (
        row.roles == ["okt", "meedenker"]
        and row.expertise == ["ADHD", "autisme"]
        and row.email == "sam@x.nl"
    )


# --- the whole import through the screen -------------------------------------------------


def _upload(client, kind, content, name="bestand.csv"):
    return client.post(
        reverse("network:import"),
        {"kind": kind, "file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


@pytest.mark.django_db
def test_import_organisations_happy_path(admin_client):
    city_tree()
    content = _csv(
        ORG_HEADER,
        "OKT Haven,okt,zorg|welzijn,Haven,info@okt.nl,036-1234567",
        "Politie Almere,politie,veiligheid,,,",
        bom=True,
        delimiter=";",
    )
    response = _upload(admin_client, "organisaties", content)
    assert response.status_code == 302
    assert Organisation.objects.get(name="OKT Haven").district.name == "Haven"
    assert Organisation.objects.filter(name="Politie Almere", domains=["veiligheid"]).exists()
    entry = AuditEntry.objects.get(action="import")
    assert entry.object_type == "network.Organisation" and "2 organisaties" in entry.reason


@pytest.mark.django_db
def test_import_professionals_happy_path(admin_client):
    _, haven, centrum = city_tree()
    organisation = factories.make_organisation("OKT Haven")
    team = Team.objects.create(organisation=organisation, name="Team Noord")
    ExpertiseTag.objects.create(name="Autisme")
    content = _csv(
        PRO_HEADER,
        "Sam,de Boer,sam@okt.nl,0612345678,OKT Haven,Team Noord,okt|meedenker,autisme|schulden,Haven|Centrum",
        "Lin,Jansen,lin@okt.nl,,OKT Haven,,jgz,,",
    )
    response = _upload(admin_client, "professionals", content)
    assert response.status_code == 302
    sam = Professional.objects.get(email="sam@okt.nl")
    assert sam.team == team and sam.role_codes() == {"okt", "meedenker"}
    assert {t.name for t in sam.expertise.all()} == {"Autisme", "schulden"}
    assert set(sam.areas.all()) == {haven, centrum}
    assert sam.user is None
    assert ExpertiseTag.objects.count() == 2
    assert Professional.objects.get(email="lin@okt.nl").role_codes() == {"jgz"}
    assert AuditEntry.objects.filter(action="import", object_type="network.Professional").exists()


@pytest.mark.django_db
def test_one_bad_row_means_nothing_is_written(admin_client):
    factories.make_organisation("OKT Haven")
    before = (Professional.objects.count(), ExpertiseTag.objects.count())
    content = _csv(
        PRO_HEADER,
        "Sam,de Boer,sam@okt.nl,,OKT Haven,,okt,nieuw-label,",
        "Lin,Jansen,lin@okt.nl,,OKT Haven,,tovenaar,,",
        "Kim,Bakker,SAM@okt.nl,,OKT Haven,,okt,,",
    )
    response = _upload(admin_client, "professionals", content)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Er is niets geïmporteerd: 2 van de 3 regels zijn afgekeurd." in body
    assert '<th scope="row">3</th>' in body and "Onbekende rol &#x27;tovenaar&#x27;" in body
    assert '<th scope="row">4</th>' in body and "Dit e-mailadres staat ook op regel 2." in body
    assert '<th scope="row">2</th>' not in body
    assert (Professional.objects.count(), ExpertiseTag.objects.count()) == before
    assert not AuditEntry.objects.filter(action="import").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content,name,message",
    [
        (b"\x00\x01\x02\x03binary", "foto.csv", "geen tekstbestand"),
        (b"", "leeg.csv", "Het bestand is leeg."),
        (_csv("naam;soort"), "kop.csv", "De kopregel klopt niet."),
        (b"PK\x03\x04rest", "lijst.xlsx", "Excel- of zip-bestand"),
    ],
)
def test_malformed_files_give_a_clear_400(admin_client, content, name, message):
    before = Organisation.objects.count()
    response = _upload(admin_client, "organisaties", content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Organisation.objects.count() == before


@pytest.mark.django_db
def test_too_big_file_is_refused(admin_client):
    response = _upload(admin_client, "organisaties", _csv(ORG_HEADER) + b"x" * imports.MAX_BYTES)
    assert response.status_code == 400
    assert "groter dan 5 MB" in response.content.decode()


@pytest.mark.django_db
def test_missing_file_or_kind(admin_client):
    assert admin_client.post(reverse("network:import"), {"kind": "organisaties"}).status_code == 400
    assert admin_client.post(reverse("network:import"), {"kind": "iets"}).status_code == 400


@pytest.mark.django_db
def test_large_import_in_one_transaction(admin_client, django_assert_max_num_queries):
    factories.make_organisation("OKT Haven")
    rows = [
        f"Voornaam{i},Achternaam{i},p{i}@okt.nl,,OKT Haven,,okt|meedenker,tag{i % 7},,"
        for i in range(5000)
    ]
    # batched writes: SQLite caps a batch at 999 parameters, so ~1 query per 90 rows, never one per row
    with django_assert_max_num_queries(200):
        response = _upload(admin_client, "professionals", _csv(PRO_HEADER, *rows))
    assert response.status_code == 302
    imported = Professional.objects.filter(email__endswith="@okt.nl")
    assert imported.count() == 5000
    assert RoleAssignment.objects.filter(professional__in=imported).count() == 10_000
    assert ExpertiseTag.objects.filter(name__startswith="tag").count() == 7
