"""CSV import and export of the catalogue: all or nothing, a clear reason per bad row, a
provider limited to its own organisation, public changes as proposals, an exact round trip."""

from __future__ import annotations

from datetime import date

import pytest

from ketenzorg.aanbod import csv_io, selectors_maintenance, services
from ketenzorg.aanbod.models import Programme, ProgrammeRevision, ProgrammeStatus, RevisionStatus
from ketenzorg.core.errors import AccessDenied
from ketenzorg.network import imports
from ketenzorg.network.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = ";".join(csv_io.COLUMNS)


def line(provider="Stichting Proefhulp", name="Slaapcursus CSV", **values) -> str:
    row = {
        "aanbieder": provider, "naam": name, "wat_het_is": "Beter slapen.", "voor_wie": "ouders",
        "leeftijd_van": "0", "leeftijd_tot": "4", "onderwerpen": "Slapen", "gebieden": "",
        "waar": "Buurthuis", "wanneer": "", "toegang": "vrij toegankelijk", "kosten": "gratis",
        "talen": "Nederlands", "telefoon": "", "email": "", "website": "", "ijw": "",
        "status": "gepubliceerd", "wachttijd_weken": "2", "wachttijd_bevestigd": "01-11-2026",
        "capaciteit": "", "interne_notities": "", "wie_bel_je": "",
    }  # fmt: skip
    row.update(values)
    return ";".join(row[c] for c in csv_io.COLUMNS)


def upload(*lines: str) -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode()


def test_a_providers_import_creates_concepts_with_proposals(aanbieder, provider):
    summary = services.programme_import(actor=aanbieder.user, content=upload(line()))
    assert (summary.created, summary.proposed) == (1, 1)
    programme = Programme.objects.get()
    assert programme.status == ProgrammeStatus.DRAFT
    assert programme.waiting_confirmed_on == date(2026, 11, 1)
    assert ProgrammeRevision.objects.get().status == RevisionStatus.PENDING


def test_every_bad_row_is_reported_and_nothing_is_written(aanbieder, provider):
    factories.make_organisation("Andere Stichting")
    content = upload(
        line(),
        line(name="", voor_wie="opa's"),
        line(provider="Andere Stichting", name="Niet van mij"),
        line(name="Leeftijd fout", leeftijd_van="9", leeftijd_tot="3"),
        line(name="Onbekend onderwerp", onderwerpen="Sterrenkunde", email="geen-adres"),
        line(),
    )
    with pytest.raises(imports.ImportRejected) as raised:
        services.programme_import(actor=aanbieder.user, content=content)
    reasons = {r.line: " ".join(r.reasons) for r in raised.value.rejections}
    assert set(reasons) == {3, 4, 5, 6, 7}
    assert "ontbreekt" in reasons[3] and "opa's" in reasons[3]
    assert "eigen organisatie" in reasons[4]
    assert "'van' is hoger" in reasons[5]
    assert "Sterrenkunde" in reasons[6] and "geen e-mailadres" in reasons[6]
    assert "regel 2" in reasons[7]
    assert not Programme.objects.exists()


def test_a_file_that_is_no_csv_is_refused_as_a_whole(aanbieder):
    with pytest.raises(imports.ImportFileError):
        services.programme_import(actor=aanbieder.user, content=b"PK\x03\x04rest")
    with pytest.raises(imports.ImportFileError):
        services.programme_import(actor=aanbieder.user, content=b"naam;wat\nx;y\n")


def test_a_professional_without_the_role_cannot_import(provider):
    okt = factories.make_professional(Role.OKT, organisation=provider)
    with pytest.raises(AccessDenied):
        services.programme_import(actor=okt.user, content=upload(line()))


def test_the_export_imports_back_as_no_change(beheerder, aanbieder, make_programme, city):
    make_programme("=Formule", "Een; lastige \"tekst\".", topics=["Slapen"],
                   districts=[city["noord"]], waiting_weeks=3,
                   waiting_confirmed_on=date(2026, 10, 1), internal_notes="-min")  # fmt: skip
    make_programme("Tweede", "Gewoon.", ijw_category="45")
    exported = csv_io.export(selectors_maintenance.maintained_programmes(actor=beheerder.user))
    assert "'=Formule" in exported and "'-min" in exported
    summary = services.programme_import(actor=aanbieder.user, content=exported.encode())
    assert (summary.created, summary.changed, summary.proposed, summary.unchanged) == (0, 0, 0, 2)
    assert Programme.objects.get(name="=Formule").internal_notes == "-min"


def test_an_imported_change_of_a_published_programme_waits(aanbieder, make_programme):
    make_programme("Slaapcursus CSV", "Oud.", topics=["Slapen"])
    summary = services.programme_import(
        actor=aanbieder.user, content=upload(line(wat_het_is="Nieuw.", capaciteit="vol"))
    )
    assert summary.proposed == 1
    programme = Programme.objects.get()
    assert (programme.description, programme.capacity) == ("Oud.", "vol")


def test_import_and_export_screens(client, aanbieder, make_programme):
    make_programme("Slaapcursus CSV", "Oud.", topics=["Slapen"])
    make_programme("Van een ander", "x", provider=factories.make_organisation("Ander"))
    factories.verified_login(client, aanbieder.user)
    exported = client.get("/beheer/aanbod/export.csv")
    assert exported["Content-Type"].startswith("text/csv")
    text = exported.content.decode("utf-8-sig")
    assert "Slaapcursus CSV" in text and "Van een ander" not in text
    bad = upload(line(name="Fout", leeftijd_van="x"))
    response = client.post("/beheer/aanbod/importeren/", {"file": _file(bad)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Niets geïmporteerd" in html and "Leeftijd van is geen heel getal" in html
    response = client.post("/beheer/aanbod/importeren/", {"file": _file(upload(line()))})
    assert response.status_code == 302


def _file(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("aanbod.csv", content, content_type="text/csv")
