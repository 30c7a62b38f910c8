"""Handing a parent a programme from a contact moment: a printed page, or the public page mailed.

The mail goes to the address the parent gives at that moment. It is used for this one mail and
kept nowhere: not on the handed row, not in the access log, not in the server's log when the mail
fails. The mail holds only the programme's public information and a link to its public page, so
whoever else reads the parent's mail learns nothing of the conversation.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.aanbod import selectors as aanbod
from ketenzorg.aanbod.models import AccessRoute, Programme
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.core.errors import NotFound, ValidationFailed
from ketenzorg.core.siteurl import absolute_url
from ketenzorg.frontdoor import guards
from ketenzorg.frontdoor.models import (
    ContactMoment,
    HandedProgramme,
    HandWay,
    Location,
    LocationKind,
)
from ketenzorg.frontdoor.subjects import contact_subjects

logger = logging.getLogger(__name__)
MAX_EMAIL = 254


def programme_hand(
    *, actor, moment: ContactMoment, programme_uuid, way: str, email: str = ""
) -> HandedProgramme:
    """Record that the adviser handed this published programme; a mail goes out after commit."""
    adviser = guards.adviser_required(
        actor,
        action=Action.CREATE,
        object_type="frontdoor.HandedProgramme",
        object_uuid=moment.uuid,
        subjects=contact_subjects(moment),
    )
    errors: dict[str, list[str]] = {}
    programme = None
    try:
        programme = aanbod.public_programme_get(programme_uuid=programme_uuid)
    except NotFound:
        errors["programme"] = [gettext("Kies een gepubliceerd aanbod uit de catalogus.")]
    email = (email or "").strip()
    if way not in HandWay.values:
        errors["way"] = [gettext("Kies: afdrukken of mailen.")]
    elif way == HandWay.MAIL:
        try:
            if not email or len(email) > MAX_EMAIL:
                raise ValidationError("")
            validate_email(email)
        except ValidationError:
            errors["email"] = [
                gettext("Vul het e-mailadres van de ouder in, zoals naam@voorbeeld.nl.")
            ]
    if errors:
        raise ValidationFailed(gettext("Het aanbod is niet meegegeven."), field_errors=errors)
    with transaction.atomic():
        handed = HandedProgramme.objects.create(
            contact=moment, programme=programme, way=way, handed_by=adviser
        )
        audit_record(
            actor=actor,
            action=Action.CREATE,
            object_type="frontdoor.HandedProgramme",
            object_uuid=handed.uuid,
            subjects=contact_subjects(moment),
            basis=Basis.ROLE,
            reason=f"aanbod {way}",
        )
        if way == HandWay.MAIL:
            transaction.on_commit(lambda: send_programme_email(handed_id=handed.pk, to=email))
    return handed


def programme_email_text(programme: Programme) -> tuple[str, str]:
    """Subject and body: the programme's public facts and the link to its public page."""
    link = absolute_url(reverse("aanbod_public:detail", kwargs={"programme_uuid": programme.uuid}))
    lines = [
        gettext("Hallo,"),
        "",
        gettext("U sprak met een opvoedadviseur van het Centrum voor Jeugd en Gezin. Hier is het aanbod waarover u sprak:"),
        "",
        programme.name,
        programme.provider.name,
        "",
        programme.description.strip(),
        "",
    ]  # fmt: skip
    facts = [
        (gettext("Leeftijd van het kind"),
         gettext("%(min)s tot en met %(max)s jaar") % {"min": programme.min_age, "max": programme.max_age}),
        (gettext("Hoe kom je erin"), str(programme.get_access_route_display())),
        (gettext("Waar"), programme.location),
        (gettext("Wanneer"), programme.schedule),
        (gettext("Kosten"), programme.costs),
        (gettext("Telefoon"), programme.contact_phone),
        (gettext("E-mail"), programme.contact_email),
        (gettext("Website"), programme.website),
    ]  # fmt: skip
    lines += [f"{label}: {value}" for label, value in facts if value]
    if programme.access_route != AccessRoute.OPEN:
        lines += ["", gettext("U komt hier via het ouder- en kindteam, het CJG of met een verwijzing. Een opvoedadviseur helpt u op weg.")]  # fmt: skip
    lines += ["", gettext("Alles over dit aanbod: %(link)s") % {"link": link}]
    phone = (
        Location.objects.filter(kind=LocationKind.PHONE, is_active=True)
        .values_list("phone_number", flat=True)
        .first()
    )
    if phone:
        lines.append(gettext("Vragen? Bel het CJG: %(phone)s.") % {"phone": phone})
    lines += ["", gettext("Dit bericht is automatisch verstuurd; u kunt er niet op antwoorden.")]
    subject = gettext("Aanbod van het CJG: %(name)s") % {"name": programme.name}
    return subject, "\n".join(lines)


def send_programme_email(*, handed_id: int, to: str) -> bool:
    """Send the mail once; a failure is recorded on the handed row (the adviser sees it), never
    raised, and the log names the row, not the address."""
    handed = HandedProgramme.objects.select_related("programme__provider").get(pk=handed_id)
    if handed.mailed_at:
        return False
    subject, body = programme_email_text(handed.programme)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except Exception:  # SMTP can fail in many ways; the handing is recorded either way
        logger.exception("aanbodmail %s niet verstuurd", handed.uuid)
        HandedProgramme.objects.filter(pk=handed.pk).update(mail_failed=True)
        return False
    HandedProgramme.objects.filter(pk=handed.pk).update(mailed_at=timezone.now(), mail_failed=False)
    return True
