"""The GKP-overleg in Demostad: the gebiedsknooppunt of Centrum meets every other Tuesday.

The demo AJH-verbinder plans the series, the demo OKT professional puts the question of the
family that the werkproces demo brought to the AJH step (`werkproces.at_ajh`) on the agenda,
and the overleg's outcome goes back to the case: so `ajh_verbinder` sees past and upcoming
meetings with their agendas, and `okt` sees the outcome on the family's werkproces page.

Written through the real services, as the demo professionals. Unlike the werkproces demo this
part needs a past, so it passes the services' `now`: the series began four weeks ago and the
first question was discussed two weeks ago, anonymously (the family's consent for the
GKP-overleg was only recorded at load time, and the service asks the consent at the moment of
sharing). The question on the next agenda is on name, under that consent.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ketenzorg.audit.models import Action
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.consent.models import DossierPart
from ketenzorg.network.models import District, DistrictKind, Role
from ketenzorg.synthetic.demo.city import account_for
from ketenzorg.werkproces import rules, selectors_gkp
from ketenzorg.werkproces.models import AjhKind, GkpMeeting, Werkproces
from ketenzorg.werkproces.services import gkp

STADSDEEL = "Centrum"
TUESDAY = 1
EVERY_WEEKS = 2
COUNT = 8
AT = time(13, 0)
LOCATION = "Stadsdeelkantoor Centrum, zaal De Brug"


def _print(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text + "\n")


def _first_tuesday(today) -> datetime:
    """The Tuesday four weeks back (or just before): the series' first meeting."""
    start = today - timedelta(weeks=4)
    return start - timedelta(days=(start.weekday() - TUESDAY) % 7)


def load_demo(*, stdout=None):
    users = {
        u.username: u
        for u in get_user_model()
        .objects.filter(
            username__in=[account_for(r).username for r in (Role.OKT, Role.AJH_VERBINDER)],
            professional__isnull=False,
        )
        .select_related("professional")
    }
    okt = users.get(account_for(Role.OKT).username)
    ajh = users.get(account_for(Role.AJH_VERBINDER).username)
    stadsdeel = District.objects.filter(name=STADSDEEL, kind=DistrictKind.STADSDEEL).first()
    if okt is None or ajh is None or stadsdeel is None:
        _print(stdout, "GKP-overleg: geen demo-accounts gevonden; eerst de demostad laden.")
        return None
    if GkpMeeting.objects.filter(stadsdeel=stadsdeel, planned_by=ajh.professional).exists():
        _print(stdout, "GKP-overleg van de demostad staat er al.")
        return None
    werkprocessen = [
        w
        for w in Werkproces.objects.filter(step=rules.AJH, started_by=okt.professional)
        .select_related("case__family")
        .order_by("pk")
        # The family's stadsdeel, or the OKT professional's own (Centrum), as on the screen.
        if stadsdeel in selectors_gkp.stadsdelen_for_case(w.case, okt.professional, stadsdeel)
    ]
    today = timezone.localdate()
    first = _first_tuesday(today)
    with transaction.atomic():
        meetings = gkp.gkp_meetings_plan(
            actor=ajh,
            stadsdeel=stadsdeel,
            first=first,
            at=AT,
            every_weeks=EVERY_WEEKS,
            count=COUNT,
            location=LOCATION,
            now=timezone.make_aware(datetime.combine(first - timedelta(days=7), time(9))),
        )
        now = timezone.now()
        past = [m for m in meetings if m.starts_at <= now]
        upcoming = [m for m in meetings if m.starts_at > now]
        items = 0
        for werkproces in werkprocessen:
            case = werkproces.case
            discussed = past[-1]
            item = gkp.gkp_item_add(
                actor=okt,
                case=case,
                meeting=discussed,
                question="Welke aanvullende jeugdhulp past bij een jongere met aanhoudende "
                "somberheid en schoolverzuim, nu OKT-gesprekken en een meedenker van buiten te "
                "weinig veranderden?",
                summary="Jongere van zestien, somber sinds een half jaar, verzuimt school; "
                "ouders betrokken. Geen crisis.",
                now=discussed.starts_at - timedelta(days=4),
            )
            gkp.gkp_outcome_record(
                actor=ajh,
                item_uuid=item.uuid,
                advice="Specialistische jeugd-GGZ, ambulant: behandeling van de somberheid, met "
                "aandacht voor de terugkeer naar school. De AJH-verbinder zoekt een aanbieder "
                "met een korte wachttijd en meldt zich binnen een week bij de OKT-professional.",
                ajh_kind=AjhKind.JEUGD_GGZ,
                follow_up_by=ajh.professional,
                now=discussed.starts_at + timedelta(hours=1),
            )
            gkp.gkp_item_add(
                actor=okt,
                case=case,
                meeting=upcoming[0],
                question="De aanbieder heeft een wachtlijst van acht weken. Wat kan de jongere "
                "in de tussentijd helpen, en wie doet dat?",
                summary="Vervolg op het advies van het vorige overleg: overbrugging tot de "
                "behandeling begint.",
                identified=True,
                shared_parts=[DossierPart.PERSONALIA, DossierPart.PLAN],
            )
            items += 2
        audit_record(
            actor=None,
            action=Action.IMPORT,
            object_type="werkproces.GkpMeeting",
            subjects=[Subject("family", w.case.family.uuid) for w in werkprocessen],
            reason=f"demo: {len(meetings)} GKP-overleggen, {items} agendapunten geladen",
        )
    _print(
        stdout,
        f"GKP-overleg geladen: {len(past)} gehouden en {len(upcoming)} komende overleggen, "
        f"{items} agendapunten.",
    )
    return meetings
