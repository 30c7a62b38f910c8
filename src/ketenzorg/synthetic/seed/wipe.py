"""Finding and removing seed runs by their tag, without touching the demo or other runs.

A run's rows are found through its top-level districts (`Seedstad N [tag]`): everything the
seed wrote hangs from them, so no separate bookkeeping of what a run created is needed.
"""

from __future__ import annotations

from django.db import connection, transaction

from ketenzorg.network.models import District, DistrictKind
from ketenzorg.synthetic.seed.parameters import tag_suffix


def existing_tags() -> list[str]:
    """The tags of the seed runs in this database."""
    found = District.objects.filter(
        kind=DistrictKind.CITY, parent__isnull=True, name__startswith="Seedstad "
    ).values_list("name", flat=True)
    return sorted({n.rsplit("[", 1)[1].rstrip("]") for n in found if n.endswith("]") and "[" in n})


def seed_exists(tag: str) -> bool:
    return tag in existing_tags()


def wipe(tag: str) -> dict[str, int]:
    """Delete one seed run's data, found through its top-level districts; one transaction.

    The seed's own cases go with it (see the statements). If other data (a plan,
    a check-in, a case of a family registered since) has been attached to seeded
    families or professionals, the database refuses and nothing is deleted.
    """
    with transaction.atomic():  # the ids are read and their rows deleted in one transaction
        return _wipe(tag)


def _wipe(tag: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    city_ids = list(
        District.objects.filter(
            kind=DistrictKind.CITY, parent__isnull=True, name__endswith=f" {tag_suffix(tag)}"
        ).values_list("id", flat=True)
    )
    if not city_ids:
        return counts
    sd_ids = list(District.objects.filter(parent_id__in=city_ids).values_list("id", flat=True))
    g_ids = list(District.objects.filter(parent_id__in=sd_ids).values_list("id", flat=True))
    districts = ",".join(str(i) for i in city_ids + sd_ids + g_ids)
    with connection.cursor() as cursor:

        def ids(sql: str) -> str:
            """The ids as a literal list: nested IN subqueries four levels deep made
            PostgreSQL's planner, without statistics inside the seed's transaction, loop for
            minutes; a list of ints is planned as a hashed lookup."""
            cursor.execute(sql)
            return ",".join(str(row[0]) for row in cursor.fetchall()) or "NULL"

        families = ids(f"SELECT id FROM families_family WHERE district_id IN ({districts})")  # noqa: S608 - ints only
        organisations = ids(
            f"SELECT id FROM network_organisation WHERE district_id IN ({districts})"  # noqa: S608 - ints only
        )
        professionals = ids(
            f"SELECT id FROM network_professional WHERE organisation_id IN ({organisations})"  # noqa: S608 - ints only
        )
        cases = ids(f"SELECT id FROM coordination_case WHERE family_id IN ({families})")  # noqa: S608
        meetings = ids(f"SELECT id FROM coordination_meeting WHERE case_id IN ({cases})")  # noqa: S608
        grants = ids(f"SELECT id FROM access_emergencyaccess WHERE family_id IN ({families})")  # noqa: S608
        werkprocessen = ids(f"SELECT id FROM werkproces_werkproces WHERE case_id IN ({cases})")  # noqa: S608
        consultations = ids(
            f"SELECT id FROM werkproces_consultation WHERE werkproces_id IN ({werkprocessen})"  # noqa: S608 - ints only
        )
        consents = ids(f"SELECT id FROM consent_consent WHERE family_id IN ({families})")  # noqa: S608
        referrals = ids(f"SELECT id FROM verwijzing_referral WHERE case_id IN ({cases})")  # noqa: S608
        referral_documents = ids(
            f"SELECT id FROM verwijzing_referraldocument WHERE referral_id IN ({referrals})"  # noqa: S608 - ints only
        )
        voorzieningen = ids(f"SELECT id FROM verwijzing_voorziening WHERE case_id IN ({cases})")  # noqa: S608
        programmes = ids(f"SELECT id FROM aanbod_programme WHERE provider_id IN ({organisations})")  # noqa: S608
    statements = (
        # The referrals of the seed's cases with their events, plans and voorzieningen (and the
        # documents the product made of them since), first: they point at the catalogue's
        # programmes and providers; the consents go with the werkproces's.
        ("verwijzing_documentdelivery", f"document_id IN ({referral_documents})"),
        ("verwijzing_documentrequest", f"referral_id IN ({referrals})"),
        ("verwijzing_referraldocument", f"referral_id IN ({referrals})"),
        ("verwijzing_referralevent", f"referral_id IN ({referrals})"),
        ("verwijzing_referral", f"case_id IN ({cases})"),
        ("verwijzing_voorzieningchange", f"voorziening_id IN ({voorzieningen})"),
        ("verwijzing_voorziening", f"case_id IN ({cases})"),
        ("verwijzing_perspectiefplanversion", f"case_id IN ({cases})"),
        # The run's catalogue (on SQLite its search index follows by trigger).
        ("aanbod_programme_topics", f"programme_id IN ({programmes})"),
        ("aanbod_programme_districts", f"programme_id IN ({programmes})"),
        ("aanbod_programme", f"provider_id IN ({organisations})"),
        # The run's breaks of the glass and their reviews. Their entries in the access log stay
        # (it is append-only); a run loaded again on reused user ids counts them as uses too.
        ("access_emergencyaccessreview", f"grant_id IN ({grants})"),
        ("access_emergencyaccess", f"family_id IN ({families})"),
        # The werkprocessen of the seed's cases, their consultations and the consents those
        # rest on (append-only for the app; a seed run is removed as a whole).
        ("werkproces_consultation_consents", f"consultation_id IN ({consultations})"),
        ("werkproces_finding", f"consultation_id IN ({consultations})"),
        ("werkproces_consultationevaluation", f"consultation_id IN ({consultations})"),
        ("werkproces_consultation", f"werkproces_id IN ({werkprocessen})"),
        ("werkproces_transition", f"werkproces_id IN ({werkprocessen})"),
        ("werkproces_stepevaluation", f"werkproces_id IN ({werkprocessen})"),
        ("werkproces_werkproces", f"case_id IN ({cases})"),
        ("consent_consent_given_by", f"consent_id IN ({consents})"),
        ("consent_consent", f"family_id IN ({families})"),
        # The seed's cases and what it wrote with them, and the daily check's stagnation signals;
        # anything else attached to them since (a plan, a check-in) makes the database refuse.
        ("coordination_meetinginvitation", f"meeting_id IN ({meetings})"),
        ("coordination_stagnationsignal", f"case_id IN ({cases})"),
        ("coordination_agreement", f"case_id IN ({cases})"),
        ("coordination_meeting", f"case_id IN ({cases})"),
        ("coordination_casecoordinator", f"case_id IN ({cases})"),
        ("coordination_caseevent", f"case_id IN ({cases})"),
        ("coordination_case", f"family_id IN ({families})"),
        (
            "families_involvement",
            f"family_id IN ({families}) OR professional_id IN ({professionals})",
        ),
        ("families_person", f"family_id IN ({families})"),
        ("families_family", f"district_id IN ({districts})"),
        ("network_institution", f"district_id IN ({districts})"),
        ("network_roleassignment", f"professional_id IN ({professionals})"),
        ("network_professional_areas", f"professional_id IN ({professionals})"),
        ("network_professional_expertise", f"professional_id IN ({professionals})"),
        ("network_professional", f"organisation_id IN ({organisations})"),
        ("network_team", f"organisation_id IN ({organisations})"),
        ("network_organisation", f"district_id IN ({districts})"),
    )
    with transaction.atomic(), connection.cursor() as cursor:
        users = (
            f"SELECT user_id FROM network_professional WHERE organisation_id IN ({organisations})"  # noqa: S608
        )  # fmt: skip
        cursor.execute(users + " AND user_id IS NOT NULL")
        user_ids = [row[0] for row in cursor.fetchall()]
        for table, where in statements:
            cursor.execute(f"DELETE FROM {table} WHERE {where}")  # noqa: S608
            counts[table] = cursor.rowcount
        counts["accounts_user"] = 0
        for start in range(0, len(user_ids), 500):
            chunk = ",".join(str(i) for i in user_ids[start : start + 500])
            cursor.execute(f"DELETE FROM accounts_user WHERE id IN ({chunk})")  # noqa: S608
            counts["accounts_user"] += cursor.rowcount
        counts["network_district"] = 0
        for ids in (g_ids, sd_ids, city_ids):
            if ids:
                id_list = ",".join(str(i) for i in ids)
                cursor.execute(f"DELETE FROM network_district WHERE id IN ({id_list})")  # noqa: S608
                counts["network_district"] += cursor.rowcount
    return counts
