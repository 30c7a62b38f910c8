"""The verwijsformat filled from the dossier: everything the product already knows.

Called by the referral service after its guard (the read is part of the logged write). What is
not known stays empty; the professional completes it, and `rules.missing_fields` says which
required fields are still empty. Values are plain text: the form is a document, not a copy of
the records, and it is frozen when sent.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.consent.models import Consent, Purpose
from ketenzorg.coordination.models import Case, PlanVersion
from ketenzorg.families.models import Involvement, MemberRole, Person
from ketenzorg.verwijzing.models import PerspectiefplanVersion, Voorziening
from ketenzorg.werkproces import rules as werkproces_rules
from ketenzorg.werkproces.models import GkpOutcome, Transition

PARENT_ROLES = (MemberRole.PARENT, MemberRole.GUARDIAN)


def _day(value) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _name(person) -> str:
    return f"{person.given_name} {person.family_name}"


def _professional(p) -> str:
    parts = [f"{p.first_name} {p.last_name}", p.organisation.name]
    parts += [x for x in (p.phone, p.email) if x]
    return ", ".join(parts)


def provision_line(voorziening: Voorziening) -> str:
    return gettext(
        "%(category)s, %(volume)s %(unit)s %(frequency)s, van %(start)s tot en met %(end)s "
        "(%(form)s, %(status)s)"
    ) % {
        "category": voorziening.get_ijw_category_display(),
        "volume": voorziening.volume,
        "unit": voorziening.get_unit_display(),
        "frequency": voorziening.get_frequency_display(),
        "start": _day(voorziening.starts_on),
        "end": _day(voorziening.ends_on),
        "form": voorziening.get_form_display(),
        "status": voorziening.get_status_display(),
    }


def _plan_parts(case: Case) -> dict:
    version = PerspectiefplanVersion.objects.filter(case=case).order_by("-number").first()
    if version is None:
        return {}
    analysis = []
    for row in version.analysis:
        for code, text in row.get("domains", {}).items():
            analysis.append(f"{row.get('name', '')} — {code}: {text}")
    results = [
        " — ".join(x for x in (a.get("action"), a.get("specialist_help"), a.get("results")) if x)
        for a in version.agreements
    ]
    return {
        "question": version.family_question,
        "analysis": "\n".join(analysis),
        "results": "\n".join(r for r in results if r),
    }


def _ajh_decision(case: Case) -> str:
    transition = (
        Transition.objects.filter(werkproces__case=case, to_step=werkproces_rules.REFERRAL)
        .select_related("actor", "ajh_meedenker")
        .order_by("-seq")
        .first()
    )
    if transition is None:
        return ""
    who = [gettext("met het gezin")] if transition.ajh_with_family else []
    if transition.ajh_meedenker_id:
        m = transition.ajh_meedenker
        who.append(gettext("meedenker %(name)s") % {"name": f"{m.first_name} {m.last_name}"})
    if transition.ajh_participants:
        who.append(transition.ajh_participants)
    line = gettext("Besloten op %(day)s door %(actor)s") % {
        "day": _day(timezone.localtime(transition.occurred_at)),
        "actor": f"{transition.actor.first_name} {transition.actor.last_name}",
    }
    if who:
        line += ", " + ", ".join(who)
    return "\n".join(x for x in (line, transition.team_decision) if x)


def _gkp_advice(case: Case) -> str:
    outcome = (
        GkpOutcome.objects.filter(item__werkproces__case=case, corrected_by__isnull=True)
        .order_by("-recorded_at", "-id")
        .first()
    )
    if outcome is None:
        return ""
    return f"{_day(timezone.localtime(outcome.recorded_at))}: {outcome.advice}"


def consents_text(child: Person) -> str:
    now = timezone.now()
    rows = (
        Consent.objects.filter(child=child, purpose=Purpose.REFERRAL, given_at__lte=now)
        .filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=now))
        .select_related("recipient_organisation")
        .prefetch_related("given_by")
        .order_by("given_at")
    )
    lines = []
    for consent in rows:
        recipient = (
            consent.recipient_organisation.name
            if consent.recipient_organisation_id
            else consent.get_recipient_role_display()
        )
        lines.append(
            gettext("%(day)s: %(how)s, door %(who)s, aan %(to)s, voor: %(parts)s")
            % {
                "day": _day(timezone.localtime(consent.given_at)),
                "how": consent.get_method_display(),
                "who": ", ".join(_name(p) for p in consent.given_by.all()),
                "to": recipient,
                "parts": ", ".join(consent.parts),
            }
        )
    return "\n".join(lines)


def prefill(case: Case, child: Person, voorziening: Voorziening, referrer) -> dict:
    family = case.family
    members = list(Person.objects.filter(family=family).order_by("birthdate", "pk"))
    parents = [
        f"{_name(p)}" + (f" ({gettext('met gezag')})" if p.has_parental_authority else "")
        for p in members
        if p.role in PARENT_ROLES
    ]
    today = timezone.localdate()
    involved = (
        Involvement.objects.filter(family=family)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .select_related("professional__organisation")
        .order_by("started_on", "pk")
    )
    professionals = []
    for inv in involved:
        line = _professional(inv.professional)
        if line not in professionals:
            professionals.append(line)
    plan = PlanVersion.objects.filter(case=case).order_by("-number").first()
    form = {
        "child_name": _name(child),
        "child_birthdate": _day(child.birthdate),
        "child_bsn": child.bsn_plain(),
        "address": " ".join(x for x in (family.postcode, family.house_number) if x),
        "parents": "\n".join(parents),
        "family_contact": "",
        "referrer": _professional(referrer),
        "professionals": "\n".join(professionals),
        "earlier_help": (plan.content.get("earlier_help") or "") if plan else "",
        "ajh_decision": _ajh_decision(case),
        "gkp_advice": _gkp_advice(case),
        "safety": "",
        "urgency": "",
        "provision": provision_line(voorziening),
        "wishes": "",
        "consents": consents_text(child),
        **_plan_parts(case),
    }
    return {k: v or "" for k, v in form.items()}
