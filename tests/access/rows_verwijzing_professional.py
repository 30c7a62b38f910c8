"""Authorization matrix rows of the professional's side of the referral (screens and API).

The perspectiefplan, the voorziening and the referral are written on the case by whoever works
it (`access.verwijzing.case_decision`, the werkproces's rule): every case row follows the case's
rule. The world's referral stays a draft, so its ONE page and its document are the case's too
(a verbinder sees a referral only once sent, a provider once forwarded; tests/verwijzing covers
those parties). The download link belongs to the one user it was made for: the world's link is
unusable for every cell (tests/verwijzing/test_professional_screens.py covers its owner).

The world takes the case's werkproces to the step "verwijzen" (with a meedenker consulted), makes
the plan, the voorziening, the draft and a document, and then steps back to "AJH verkennen":
the GKP-overleg rows (built after these) expect the werkproces there.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ketenzorg.coordination.models import Case
from ketenzorg.verwijzing.models import DocumentKind
from ketenzorg.verwijzing.services import documents, plan, referral, voorziening
from ketenzorg.werkproces import rules, services
from ketenzorg.werkproces.models import Werkproces
from tests import factories

RULES = {
    "download_link_owner": (
        "alleen de gebruiker voor wie de downloadlink is gemaakt (geen van de cellen)",
        lambda role, relation: False,
    ),
}

WEB = {
    "verwijzing:case_referrals": {"GET": "case"},
    "verwijzing:plan_edit": {"GET": "case", "POST": "case"},
    "verwijzing:plan_version": {"GET": "case"},
    "verwijzing:plan_compare": {"GET": "case"},
    "verwijzing:plan_definitive": {"POST": "case"},
    "verwijzing:plan_pdf": {"GET": "case"},
    "verwijzing:voorziening_new": {"GET": "case", "POST": "case"},
    "verwijzing:voorziening": {"GET": "case"},
    "verwijzing:voorziening_change": {"GET": "case", "POST": "case"},
    "verwijzing:voorziening_definitive": {"POST": "case"},
    "verwijzing:referral_new": {"GET": "case", "POST": "case"},
    "verwijzing:referral": {"GET": "case"},
    "verwijzing:referral_form": {"GET": "case", "POST": "case"},
    "verwijzing:referral_send": {"POST": "case"},
    "verwijzing:referral_withdraw": {"GET": "case", "POST": "case"},
    "verwijzing:document": {"GET": "case"},
    "verwijzing:document_download": {"GET": "download_link_owner"},
}

API = {
    "cases_perspectiefplan_list": "case",
    "cases_perspectiefplan_create": "case",
    "cases_perspectiefplan_retrieve": "case",
    "cases_perspectiefplan_pdf": "case",
    "cases_perspectiefplan_compare": "case",
    "cases_perspectiefplan_definitive": "case",
    "cases_voorzieningen_list": "case",
    "cases_voorzieningen_create": "case",
    "voorzieningen_retrieve": "case",
    "voorzieningen_update": "case",
    "voorzieningen_definitive": "case",
    "cases_verwijzingen_list": "case",
    "cases_verwijzingen_create": "case",
    "verwijzingen_retrieve": "case",
    "verwijzingen_verwijsformat_update": "case",
    "verwijzingen_send": "case",
    "verwijzingen_withdraw": "case",
    "verwijzing_documenten_retrieve": "case",
}

# Everything but the link (which shows nothing until its owner opens it) is about a family.
PERSONAL_DATA = (set(WEB) | set(API)) - {"verwijzing:document_download"}


def _to_referral_step(owner, case) -> bool:
    """Take the werkproces to "verwijzen"; True when this builder moved it there."""
    werkproces = Werkproces.objects.filter(case=case).first()
    if werkproces is None:
        werkproces = services.werkproces_start(actor=owner.user, case=case)
    if werkproces.step == rules.REFERRAL:
        return False
    meedenker = factories.make_professional("meedenker", organisation=owner.organisation)
    asked = False
    while werkproces.step != rules.REFERRAL:
        if werkproces.step == rules.INTERNAL and not asked:
            services.consultation_ask(
                actor=owner.user,
                case=case,
                kind="meedenken",
                scope="intern",
                meedenker=meedenker,
                question="Matrix: wat helpt?",
                summary="Matrix: een proefsamenvatting",
                expects_of_meedenker="Advies",
                expects_of_professional="Een schets",
                ends_at=timezone.now() + timedelta(days=14),
            )
            asked = True
        services.step_evaluate(
            actor=owner.user, case=case, yielded_enough=False, summary="Matrix: te weinig"
        )
        into_referral = werkproces.step == rules.AJH
        services.step_take(
            actor=owner.user,
            case=case,
            transition=rules.CONTINUE,
            team_decision="Matrix: het team besloot samen tot expertise van buiten",
            ajh_with_family=into_referral,
            ajh_meedenker=meedenker if into_referral else None,
            ajh_participants="Matrix: het gezin en de meedenker" if into_referral else "",
        )
        werkproces.refresh_from_db()
    return True


def world_ids(world) -> dict:
    owner = world["owner"]
    case = Case.objects.get(uuid=world["ids"]["case_uuid"])
    child = world["family"].members.filter(role__in=("kind", "jongere")).first()
    moved = _to_referral_step(owner, case)
    version = plan.perspectiefplan_save(
        actor=owner.user,
        case=case,
        family_question="Matrix: de hulpvraag",
        analysis=[],
        agreements=[{"action": "Matrix-afspraak", "results": "Matrix-resultaat"}],
    )
    today = timezone.localdate()
    provision = voorziening.voorziening_create(
        actor=owner.user, case=case, child=child, form="natura", ijw_category="45",
        product_code="", volume=2, unit="04", frequency="2", starts_on=today,
        ends_on=today + timedelta(days=90), note="",
    )  # fmt: skip
    stadsdeel = factories.make_district("Proef-verwijzing-stadsdeel")
    draft = referral.referral_create(
        actor=owner.user,
        case=case,
        child=child,
        voorziening=provision,
        request_kind="match",
        stadsdeel=stadsdeel,
    )
    document = documents.document_for(
        draft, DocumentKind.PLAN, version.number, release=False, now=timezone.now()
    )
    if moved:
        services.step_take(
            actor=owner.user, case=case, transition=rules.BACK, reason="Matrix: terug naar AJH"
        )
    return {
        "number": version.number,
        "voorziening_uuid": provision.uuid,
        "referral_uuid": draft.uuid,
        "document_uuid": document.uuid,
        "token": "geen-geldige-link",
    }
