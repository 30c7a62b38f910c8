"""The public front door: walk-in hours, the phone line, the online question, the youth page.

No login. Nothing here reads personal data; the question form only writes it, through
`services.question_submit`.
"""

from __future__ import annotations

import functools
import json

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from ketenzorg.core import requestcontext
from ketenzorg.core.pages import form_page
from ketenzorg.frontdoor import rules, selectors, services
from ketenzorg.frontdoor.forms import LocationSearchForm, QuestionForm
from ketenzorg.frontdoor.models import AskerKind

# The thank-you page's reference travels in a signed cookie that only that page receives, for
# ten minutes, and is shown once: not in the address, and no server-side session for a parent
# who asked a question (which cost a session row, and a second commit, per question).
SENT_COOKIE = "kz_vraag_verstuurd"
SENT_SALT = "ketenzorg.frontdoor.question_sent"
SENT_MAX_AGE = 10 * 60
QUESTION = "frontdoor/public/question.html"


@require_GET
def locations(request):
    stadsdelen = selectors.stadsdelen_with_locations()
    form = LocationSearchForm(request.GET or None, stadsdelen=stadsdelen)
    status, search = 200, None
    if form.is_bound and not form.is_valid():
        status = 400
        search = selectors.public_locations()
    else:
        data = form.cleaned_data if form.is_bound else {}
        district = data.get("stadsdeel")
        search = selectors.public_locations(
            district_uuid=district.uuid if district else None, postcode=data.get("postcode", "")
        )
    groups: dict[str, list] = {}
    for view in search.results:
        key = view.location.district.name if view.location.district_id else ""
        groups.setdefault(key, []).append(view)
    return render(
        request,
        "frontdoor/public/locations.html",
        {
            "form": form,
            "search": search,
            # Nearest first when the postcode matched no stadsdeel; otherwise by stadsdeel name.
            "groups": list(groups.items())
            if search.nearest_only
            else sorted(groups.items(), key=lambda item: (item[0] == "", item[0])),
            "open_count": sum(1 for v in search.results if v.status.is_open),
            "phone": selectors.phone_line(),
        },
        status=status,
    )


@require_GET
def location_detail(request, location_uuid):
    view = selectors.public_location_get(location_uuid=location_uuid)
    return render(
        request,
        "frontdoor/public/location_detail.html",
        {"view": view, "phone": selectors.phone_line()},
    )


@require_GET
def phone(request):
    return render(request, "frontdoor/public/phone.html", {"phone": selectors.phone_line()})


@require_GET
def youth(request):
    return render(request, "frontdoor/public/youth.html", {"phone": selectors.phone_line()})


@require_GET
def privacy(request):
    return render(
        request, "frontdoor/public/privacy.html", {"version": rules.PRIVACY_NOTICE_VERSION}
    )


@require_http_methods(["GET", "POST"])
def question(request):
    """Ask a question. On any refusal the page comes back with everything that was typed."""
    initial = {"asker_kind": AskerKind.YOUTH} if request.GET.get("voor") == "jongere" else {}
    form = QuestionForm(request.POST or None, initial=initial)
    # Read only when the page is rendered (the template calls it): a question that is
    # accepted goes straight to the thank-you page without looking up the phone line.
    phone = functools.cache(selectors.phone_line)
    context = {"phone": phone, "honeypot_visible": bool(form.data.get("website"))}

    def submit():
        address = requestcontext.current().source_address
        try:
            asked = services.question_submit(data=form.to_input(), address=address)
        except services.RateLimited as exc:
            form.add_error(None, exc.message)
            response = render(request, QUESTION, {**context, "form": form}, status=429)
            response["Retry-After"] = str(exc.retry_after)
            return response
        response = redirect("frontdoor_public:question_sent")
        response.set_signed_cookie(
            SENT_COOKIE,
            json.dumps({"reference": asked.reference, "by_email": bool(asked.email)}),
            salt=SENT_SALT,
            max_age=SENT_MAX_AGE,
            path=reverse("frontdoor_public:question_sent"),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    return form_page(request, form=form, template=QUESTION, context=context, on_valid=submit)


@require_GET
def question_sent(request):
    """Shows the reference once (see SENT_COOKIE); without it, the question form."""
    try:
        sent = json.loads(
            request.get_signed_cookie(SENT_COOKIE, salt=SENT_SALT, max_age=SENT_MAX_AGE)
        )
        sent = {"reference": str(sent["reference"]), "by_email": bool(sent["by_email"])}
    except (KeyError, TypeError, ValueError, signing.BadSignature):
        return redirect("frontdoor_public:question")
    response = render(
        request,
        "frontdoor/public/question_sent.html",
        {
            "reference": sent["reference"],
            "by_email": sent["by_email"],
            "phone": selectors.phone_line(),
            "now": timezone.now(),
        },
    )
    response.delete_cookie(
        SENT_COOKIE, path=reverse("frontdoor_public:question_sent"), samesite="Lax"
    )
    return response
