"""The care network's route in a real browser: four professionals involved -> level 3 suggested and
confirmed -> the procescoördinator convenes within 5 working days -> agreements -> one overdue ->
stagnation signal -> escalation to the brandpuntfunctionaris, who decides. Axe checks the case pages.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ketenzorg.coordination import tasks
from ketenzorg.coordination.models import Agreement, Case, Meeting, MeetingStatus
from tests import factories
from tests.e2e.axe import assert_accessible


def option_label(professional):
    return f"{professional.full_name} — {professional.role_labels()} ({professional.organisation.name})"


def test_from_four_professionals_to_the_brandpuntfunctionaris(page, login_as):
    okt = factories.make_professional(
        "okt", organisation=factories.make_organisation("OKT Proefstad")
    )
    family = factories.register_family(okt, name="Gezin Reisproef")
    others = [factories.make_professional(role) for role in ("jgz", "meedenker", "aanbieder")]
    proces = factories.make_professional("procescoordinator")
    brandpunt = factories.make_professional("brandpuntfunctionaris")

    # The OKT professional opens the case and registers who is involved.
    login_as(okt.user)
    page.goto(f"/casussen/gezin/{family.uuid}/openen/")
    page.get_by_label("Aanleiding").fill("Zorgen over school, schulden en spanning thuis")
    page.get_by_role("button", name="Casus openen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Casus Gezin Reisproef")
    case = Case.objects.get(family=family)
    kim = family.members.get(given_name="Kim")
    for professional in others:
        page.get_by_role("link", name="Betrokkenheid registreren").click()
        page.get_by_label("E-mailadres van de professional").fill(professional.email)
        page.get_by_label("Betrokken bij").select_option(label=kim.full_name)
        page.get_by_role("button", name="Registreren").click()
        expect(page.get_by_text("De betrokkenheid is geregistreerd.")).to_be_visible()
    expect(page.get_by_text("4 professionals betrokken.")).to_be_visible()
    assert len(mail.outbox) >= 2  # matches: everyone involved with Kim was told

    # Level 3 is suggested by the rule, and confirmed.
    expect(page.get_by_text("Voorstel: niveau 3", exact=True)).to_be_visible()
    assert_accessible(page, "casuspagina")
    page.get_by_role("link", name="Voorstel bevestigen of ander niveau kiezen").click()
    expect(page.get_by_label("3 · procescoördinatie")).to_be_checked()
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("Het niveau is vastgelegd.")).to_be_visible()
    page.get_by_role("link", name="Coördinator toewijzen").click()
    page.get_by_label("Coördinatie").select_option("procescoordinator")
    page.get_by_label("Professional").select_option(label=option_label(proces))
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("De coördinator is vastgelegd.")).to_be_visible()
    meeting = Meeting.objects.get(case=case)
    assert meeting.deadline is not None and meeting.convener == proces

    # The procescoördinator convenes everyone within the deadline and minutes the meeting.
    login_as(proces.user)
    page.goto("/casussen/")
    expect(page.get_by_role("heading", name="Overleg beleggen")).to_be_visible()
    assert_accessible(page, "mijn casussen")
    page.get_by_role("link", name=re.compile("Procesoverleg plannen voor Gezin Reisproef")).click()
    starts = timezone.localtime() + timedelta(hours=2)
    page.get_by_label("Datum en begintijd").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Plaats").fill("OKé-punt, zaal 2")
    mail.outbox.clear()
    page.get_by_role("button", name="Plannen en uitnodigen").click()
    expect(
        page.get_by_text("Het overleg is gepland en de uitnodigingen zijn verstuurd.")
    ).to_be_visible()
    assert len(mail.outbox) == 5 and all(
        m.attachments[0][0] == "uitnodiging.ics" for m in mail.outbox
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED and starts.date() <= meeting.deadline
    page.get_by_role("link", name="Verslag Procesoverleg").click()
    page.get_by_label("Verslag").fill(
        "Iedereen gehoord. Route: schuldhulp, gesprek school, jeugdhulp voorbereiden."
    )
    page.get_by_role("button", name="Opslaan").click()

    # Agreements are recorded: who does what by when.
    expect(page.get_by_role("heading", level=1)).to_have_text("Afspraak vastleggen")
    for what, who, days in (
        ("Aanmelding schuldhulp", okt, 1),
        ("Gesprek met school", others[0], 10),
    ):
        if page.get_by_role("heading", level=1).inner_text() != "Afspraak vastleggen":
            page.get_by_role("link", name="Afspraak vastleggen").click()
        page.get_by_label("Wat is afgesproken?").fill(what)
        page.get_by_label("Verantwoordelijke professional").select_option(
            label=f"{who.full_name} ({who.organisation.name})"
        )
        page.get_by_label("Uiterlijk op").fill(
            (timezone.localdate() + timedelta(days=days)).isoformat()
        )
        page.get_by_role("button", name="Vastleggen").click()
        expect(page.get_by_text("De afspraak is vastgelegd.")).to_be_visible()

    # Time passes: one agreement is overdue, and the daily check raises a stagnation signal.
    Agreement.objects.filter(case=case, what="Aanmelding schuldhulp").update(
        due_on=timezone.localdate() - timedelta(days=2)
    )
    assert tasks.tick().signals == 1
    page.reload()
    expect(page.get_by_text("te laat").first).to_be_visible()
    page.get_by_role("link", name="Afspraak over de datum").click()
    page.get_by_label("Opschalen naar de brandpuntfunctionaris (niveau 4)").check()
    page.get_by_label("Brandpuntfunctionaris", exact=True).select_option(label=str(brandpunt))
    page.get_by_label("Reden").fill("Aanmelding schuldhulp blijft liggen; de hulp stagneert.")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("Het signaal is afgehandeld.")).to_be_visible()

    # The brandpuntfunctionaris sees the case (as its coordinator) and decides in the child's interest.
    login_as(brandpunt.user)
    page.goto("/casussen/")
    page.get_by_role("link", name="Gezin Reisproef").first.click()
    page.get_by_role("link", name="Besluit vastleggen (brandpuntfunctionaris)").click()
    page.get_by_label("Besluit in het belang van het kind").fill(
        "Schuldhulp start deze week; OKT meldt aan, JGZ volgt school."
    )
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("4 · brandpuntfunctionaris").first).to_be_visible()
    case.refresh_from_db()
    assert case.level == 4
