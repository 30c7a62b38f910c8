"""The maintenance screens end to end through the test client: a provider proposes, another
beheerder approves in the queue with the diff, the public page shows it; refusals are 403."""

from __future__ import annotations

import re
from datetime import date

import pytest

from ketenzorg.aanbod.models import Programme, ProgrammeRevision, RevisionStatus, Topic
from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.network.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def form_data(programme=None, **changes) -> dict:
    slapen = Topic.objects.get(name="Slapen")
    data = {
        "name": "Slaapcursus Proef", "description": "Beter slapen voor peuters.",
        "audience": "ouders", "min_age": "0", "max_age": "4", "topics": [str(slapen.uuid)],
        "access_route": "vrij", "costs": "gratis", "languages": "Nederlands",
        "status": "gepubliceerd", "waiting_weeks": "3", "waiting_confirmed_on": "2026-11-01",
        "capacity": "12 gezinnen", "internal_contact": "Intake, 099-1234567",
    }  # fmt: skip
    if programme is not None:
        data["provider"] = str(programme.provider.uuid)
    return {**data, **changes}


def login(client, professional):
    client.logout()
    factories.verified_login(client, professional.user)


def test_provider_proposes_beheerder_approves_public_page_shows_it(
    client, aanbieder, beheerder, provider
):
    login(client, aanbieder)
    assert "Aanbod beheren" in client.get("/werkplek/").content.decode()
    response = client.post("/beheer/aanbod/nieuw/", form_data(provider=str(provider.uuid)))
    assert response.status_code == 302, response.content.decode()[:2000]
    programme = Programme.objects.get()
    page = client.get(f"/beheer/aanbod/{programme.uuid}/").content.decode()
    assert "Wacht op goedkeuring" in page and "gepubliceerd" in page
    assert client.get(f"/publiek/aanbod/{programme.uuid}/").status_code == 404

    login(client, beheerder)
    queue = client.get("/beheer/aanbod/goedkeuren/").content.decode()
    revision = ProgrammeRevision.objects.get()
    assert f"/beheer/aanbod/goedkeuren/{revision.uuid}/" in queue
    diff = client.get(f"/beheer/aanbod/goedkeuren/{revision.uuid}/").content.decode()
    assert "Beter slapen voor peuters." in diff and "Slapen" in diff
    response = client.post(f"/beheer/aanbod/goedkeuren/{revision.uuid}/akkoord/")
    assert response.status_code == 302
    public = client.get(f"/publiek/aanbod/{programme.uuid}/")
    assert public.status_code == 200 and "Beter slapen voor peuters." in public.content.decode()
    history = client.get(f"/beheer/aanbod/{programme.uuid}/").content.decode()
    assert f"goedgekeurd door {beheerder.full_name}" in history
    assert f"door {aanbieder.full_name}" in history


def test_the_author_sees_no_approve_button_and_the_reject_needs_a_reason(
    client, beheerder, second_beheerder, make_programme
):
    programme = make_programme("Slaapcursus Proef", "Oud.", topics=["Slapen"])
    login(client, beheerder)
    client.post(f"/beheer/aanbod/{programme.uuid}/wijzigen/", form_data(programme, costs="5 euro"))
    revision = ProgrammeRevision.objects.get()
    page = client.get(f"/beheer/aanbod/goedkeuren/{revision.uuid}/").content.decode()
    assert "akkoord/" not in page and "eigen voorstel" in page
    assert client.post(f"/beheer/aanbod/goedkeuren/{revision.uuid}/akkoord/").status_code == 403

    login(client, second_beheerder)
    response = client.post(f"/beheer/aanbod/goedkeuren/{revision.uuid}/afwijzen/", {"reason": ""})
    assert response.status_code == 400 and 'class="error-summary"' in response.content.decode()
    client.post(f"/beheer/aanbod/goedkeuren/{revision.uuid}/afwijzen/", {"reason": "Te duur."})
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.REJECTED
    assert "Te duur." in client.get(f"/beheer/aanbod/{programme.uuid}/").content.decode()


def test_bad_input_is_a_400_with_the_form_and_nothing_written(client, aanbieder, provider):
    login(client, aanbieder)
    response = client.post(
        "/beheer/aanbod/nieuw/",
        form_data(provider=str(provider.uuid), name="", min_age="9", max_age="3"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and "<legend>" in html
    assert not Programme.objects.exists()


def test_list_shows_only_the_own_organisation_for_a_provider(
    client, aanbieder, make_programme, provider
):
    make_programme("Eigen aanbod", "x")
    make_programme("Aanbod van een ander", "x", provider=factories.make_organisation("Ander"))
    login(client, aanbieder)
    html = client.get("/beheer/aanbod/").content.decode()
    assert "Eigen aanbod" in html and "Aanbod van een ander" not in html


def test_another_organisation_is_refused_and_logged(client, other_aanbieder, make_programme):
    programme = make_programme("Slaapcursus Proef", "Oud.")
    login(client, other_aanbieder)
    for url in (f"/beheer/aanbod/{programme.uuid}/", f"/beheer/aanbod/{programme.uuid}/wijzigen/"):
        assert client.get(url).status_code == 403
    assert client.post(f"/beheer/aanbod/{programme.uuid}/wachttijd-bevestigen/").status_code == 403
    assert (
        AuditEntry.objects.filter(
            user_id_snapshot=other_aanbieder.user.pk, outcome=Outcome.DENIED
        ).count()
        == 3
    )


def test_confirm_the_waiting_time_with_one_click(client, aanbieder, make_programme):
    programme = make_programme("Slaapcursus Proef", "Oud.", waiting_weeks=4,
                               waiting_confirmed_on=date(2024, 1, 1))  # fmt: skip
    login(client, aanbieder)
    assert "verouderd" in client.get(f"/beheer/aanbod/{programme.uuid}/").content.decode()
    client.post(f"/beheer/aanbod/{programme.uuid}/wachttijd-bevestigen/")
    assert "verouderd" not in client.get(f"/beheer/aanbod/{programme.uuid}/").content.decode()


def test_professionals_see_waiting_time_and_internal_fields(client, make_programme):
    programme = make_programme("Slaapcursus Proef", "Oud.", waiting_weeks=4,
                               waiting_confirmed_on=date(2024, 1, 1), capacity="vol",
                               internal_contact="Intakebalie, 099-7654321",
                               internal_notes="Eerst bellen.")  # fmt: skip
    okt = factories.make_professional(Role.OKT)
    login(client, okt)
    assert "/aanbod/" in client.get(f"/publiek/aanbod/{programme.uuid}/").content.decode()
    html = client.get(f"/aanbod/{programme.uuid}/").content.decode()
    text = re.sub(r"\s+", " ", html)
    assert "4 weken" in text and "verouderd" in text and "Intakebalie, 099-7654321" in text
    assert "Eerst bellen." in text and "vol" in text
    manager = factories.make_professional(Role.MANAGER)
    login(client, manager)
    assert client.get(f"/aanbod/{programme.uuid}/").status_code == 403
    client.logout()
    assert "Intakebalie" not in client.get(f"/publiek/aanbod/{programme.uuid}/").content.decode()


def test_the_maintenance_list_in_english(client, aanbieder, make_programme):
    make_programme("Slaapcursus Proef", "Oud.")
    login(client, aanbieder)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/beheer/aanbod/").content.decode()
    assert "Maintain programmes" in html and "New programme" in html
