"""The consent registry's screens. Thin: the family or the consent through a selector (access and
log first), the form, the service, an answer."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_GET, require_http_methods

from ketenzorg.consent import explain, guards, selectors, services
from ketenzorg.consent.forms import ConsentForm, WithdrawForm
from ketenzorg.core.pages import form_page, with_object
from ketenzorg.families import selectors as family_selectors
from ketenzorg.families.views import denied_page

WITHDRAW_CONSEQUENCE = gettext_noop(
    "Verder delen stopt direct; wat al gedeeld is, blijft gedeeld. De toestemming blijft "
    "zichtbaar als ingetrokken."
)

with_family = with_object(
    lambda r, kw: family_selectors.family_get(actor=r.user, family_uuid=kw["family_uuid"]),
    refused=denied_page,
)
with_consent = with_object(
    lambda r, kw: selectors.consent_for_withdrawal(actor=r.user, consent_uuid=kw["consent_uuid"])
)


def _given_at(day):
    """Today's consent is given now; one recorded afterwards counts from the start of its day."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(day, time.min))


def _posted(request):
    # An empty POST is still a submission: bound, so its errors are shown.
    return request.POST if request.method == "POST" else None


def _to_family(family):
    return redirect("consent:family", family_uuid=family.uuid)


@require_GET
@with_family
def family_consents(request, family):
    consents = list(selectors.consents_for_family(actor=request.user, family=family))
    members = selectors.family_members(family)
    return render(
        request,
        "consent/family.html",
        {
            "family": family,
            "current": [c for c in consents if not c.is_withdrawn],
            "withdrawn": sorted(
                (c for c in consents if c.is_withdrawn), key=lambda c: c.withdrawn_at, reverse=True
            ),
            "age_rules": explain.who_must_consent_today(family, members, timezone.localdate()),
            "without_authority": explain.without_authority(members),
        },
    )


@require_http_methods(["GET", "POST"])
@with_family
def consent_new(request, family):
    guards.consent_record_allowed(actor=request.user, family=family)
    form = ConsentForm(_posted(request), family=family)
    members = selectors.family_members(family)

    def record():
        data = form.cleaned_data
        consents = services.consent_record_for_children(
            actor=request.user,
            family=family,
            children=data["children"],
            givers=data["givers"],
            purpose=data["purpose"],
            parts=data["parts"],
            method=data["method"],
            given_at=_given_at(data["given_on"]),
            recipient_organisation=data["recipient_organisation"],
            recipient_role=data["recipient_role"],
        )
        messages.success(
            request,
            gettext("De toestemming is vastgelegd (%(n)s kind(eren)).") % {"n": len(consents)},
        )
        return _to_family(family)

    return form_page(
        request,
        form=form,
        template="consent/form.html",
        context={
            "family": family,
            "title": gettext("Toestemming vastleggen"),
            "intro": gettext(
                "Leg vast waarvoor het gezin toestemming gaf, aan wie, welke delen van het "
                "dossier en wie de toestemming gaf. Per kind gelden de leeftijdsregels."
            ),
            "age_rules": explain.who_must_consent_today(family, members, timezone.localdate()),
            "without_authority": explain.without_authority(members),
            "submit": gettext("Toestemming vastleggen"),
        },
        on_valid=record,
        field_map={
            "recipient": "recipient_organisation",
            "parents": "givers",
            "child": "children",
            "given_at": "given_on",
        },
    )


@require_http_methods(["GET", "POST"])
@with_consent
def consent_withdraw(request, consent):
    family = consent.family
    form = WithdrawForm(_posted(request), family=family)

    def withdraw():
        services.consent_withdraw(
            actor=request.user,
            consent_uuid=consent.uuid,
            withdrawn_by=form.cleaned_data["withdrawn_by"],
            note=form.cleaned_data["note"],
        )
        messages.success(
            request,
            gettext("De toestemming is ingetrokken. Verder delen stopt direct."),
        )
        return _to_family(family)

    return form_page(
        request,
        form=form,
        template="consent/form.html",
        context={
            "family": family,
            "consent": consent,
            "title": gettext("Toestemming intrekken"),
            "intro": gettext(WITHDRAW_CONSEQUENCE),
            "submit": gettext("Toestemming nu intrekken"),
            "danger": True,
        },
        on_valid=withdraw,
    )
