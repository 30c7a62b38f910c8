"""A small catalogue for browser tests, written through the real services.

Browser tests run on a flushed database (live_server), where the migration's default topics are
gone, so the beheerder adds the one theme the catalogue needs first.
"""

from __future__ import annotations

from ketenzorg.aanbod import services
from ketenzorg.aanbod.models import AccessRoute, Audience, ProgrammeStatus, Topic
from ketenzorg.frontdoor import services as frontdoor_services
from ketenzorg.network.models import DistrictKind, OrganisationKind, Role
from tests import factories


def sleeping_catalogue() -> dict:
    """Proefstad with two stadsdelen; sleeping help for toddlers in each, and a few others."""
    beheerder = factories.make_professional(Role.BEHEERDER)
    slapen = Topic.objects.filter(name="Slapen").first() or frontdoor_services.topic_save(
        actor=beheerder.user, name="Slapen", description="in- en doorslapen"
    )
    stad = factories.make_district("Proefstad", kind=DistrictKind.CITY)
    noord = factories.make_district("Noord", parent=stad)
    zuid = factories.make_district("Zuid", parent=stad)
    noorderhof = factories.make_district("Noorderhof", kind=DistrictKind.GEBIED, parent=noord)
    provider = factories.make_organisation(
        "Stichting Slaapwel Proefstad", kind=OrganisationKind.WELZIJN
    )

    def add(name, description, districts, min_age, max_age, topics=(slapen,), **extra):
        return services.programme_save(
            actor=beheerder.user,
            data=services.ProgrammeInput(
                provider=provider, name=name, description=description, audience=Audience.PARENTS,
                min_age=min_age, max_age=max_age, access_route=extra.pop("access_route", AccessRoute.OPEN),
                topics=list(topics), districts=districts, status=ProgrammeStatus.PUBLISHED,
                location=extra.pop("location", "Buurthuis De Proef"), costs="gratis",
                schedule="woensdagochtend", contact_phone="099-1234567", **extra,
            ),
        )  # fmt: skip

    noord_programme = add(
        "Slaapspreekuur Noord", "Hulp bij slaapproblemen van peuters en kleuters.", [noord], 0, 4
    )
    add("Slaapspreekuur Zuid", "Hulp bij slaapproblemen van peuters.", [zuid], 0, 4)
    add("Slaaptraining voor tieners", "Beter slapen voor jongeren.", [], 12, 18)
    add("Huiswerkklas Noord", "Rustig huiswerk maken na school.", [noord], 9, 16, topics=())
    for n in range(12):
        add(f"Opvoedcursus {n + 1}", "Een cursus opvoeding.", [], 0, 12, topics=())
    return {"noorderhof": noorderhof, "noord": noord, "programme": noord_programme, "topic": slapen}
