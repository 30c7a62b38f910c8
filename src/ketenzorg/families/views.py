"""Family screens. Thin: parse the request, call a selector or service, render."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from ketenzorg.access import policy
from ketenzorg.core.pages import form_page, with_object
from ketenzorg.families import guards, selectors, services
from ketenzorg.families.forms import (
    EmergencyForm,
    FamilyForm,
    MemberForm,
    MemberFormSet,
    SearchForm,
)
from ketenzorg.families.rules import age_on

PAGE_SIZE = 50


def denied_page(request, exc, url_kwargs):
    """A refused family (or its case) answers 403 with the way to emergency access, if the role has it."""
    can_emergency = bool(policy.can_request_emergency_access(request.user))
    return render(
        request,
        "families/denied.html",
        {
            "message": exc.message,
            "family_uuid": url_kwargs.get("family_uuid"),
            "can_emergency": can_emergency,
        },
        status=403,
    )


with_family = with_object(
    lambda r, kw: selectors.family_get(actor=r.user, family_uuid=kw["family_uuid"]),
    refused=denied_page,
)


@require_http_methods(["GET", "POST"])
def family_list(request):
    """The families the professional is involved with; a search comes by POST only.

    A BSN, a name or a birth date in a query string would end up in the server's access
    log, in Referer headers and in the browser's history; a search URL is refused (400)
    rather than run.
    """
    selectors.family_search_allowed(actor=request.user)
    searching = request.method == "POST"
    if not searching and SEARCH_FIELDS & set(request.GET):
        return render(request, "families/list.html", {"form": SearchForm(), "families": [], "total": 0,
                      "page": 1, "search_in_url": True}, status=400)  # fmt: skip
    form = SearchForm(request.POST if searching else None)
    families, total, page = [], 0, _page_number(request.POST if searching else request.GET)
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        search = selectors.FamilySearch(
            name=(data.get("q") or "").strip(),
            birthdate=data.get("geboortedatum"),
            bsn=(data.get("bsn") or "").strip(),
        )
        families, total = selectors.family_search(
            actor=request.user, search=search, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
    return render(
        request,
        "families/list.html",
        {
            "form": form,
            "families": families,
            "total": total,
            "page": page,
            "searching": searching,
            "has_next": page * PAGE_SIZE < total,
            "can_register": bool(policy.can_register_family(request.user)),
        },
        status=status,
    )


SEARCH_FIELDS = {"q", "geboortedatum", "bsn"}


def _page_number(data) -> int:
    try:
        return max(1, int(data.get("pagina", "1")))
    except ValueError:
        return 1


@require_http_methods(["GET", "POST"])
def family_register(request):
    guards.family_register_allowed(actor=request.user)
    form = FamilyForm(request.POST or None)
    formset = MemberFormSet(request.POST or None, prefix="members")

    def register():
        members = [f.to_input() for f in formset.forms if f.has_changed() and f.cleaned_data]
        family = services.family_register(actor=request.user, members=members, **form.cleaned_data)
        messages.success(
            request,
            gettext("%(family)s is geregistreerd. U bent als betrokken professional vastgelegd.")
            % {"family": family.name},
        )
        return redirect("families:detail", family_uuid=family.uuid)

    return form_page(
        request,
        form=form,
        formset=formset,
        template="families/register.html",
        context={},
        on_valid=register,
    )


@require_GET
@with_family
def family_detail(request, family):
    today = timezone.localdate()
    members = [(m, age_on(m.birthdate, today)) for m in family.members.all()]
    return render(
        request, "families/detail.html", {"family": family, "members": members, "today": today}
    )


@require_http_methods(["GET", "POST"])
@with_family
def family_edit(request, family):
    initial = {
        "name": family.name,
        "postcode": family.postcode,
        "house_number": family.house_number,
        "district": family.district,
    }
    form = FamilyForm(request.POST or None, initial=initial)

    def save():
        services.family_update(actor=request.user, family=family, **form.cleaned_data)
        messages.success(request, gettext("De gezinsgegevens zijn opgeslagen."))
        return redirect("families:detail", family_uuid=family.uuid)

    return form_page(
        request, form=form, template="families/edit.html", context={"family": family}, on_valid=save
    )


@require_http_methods(["GET", "POST"])
@with_family
def person_add(request, family):
    form = MemberForm(
        request.POST or None,
        initial={
            "family_name": family.members.first().family_name if family.members.exists() else ""
        },
    )

    def add():
        person = services.person_add(actor=request.user, family=family, member=form.to_input())
        messages.success(
            request, gettext("%(name)s is toegevoegd aan het gezin.") % {"name": person.full_name}
        )
        return redirect("families:detail", family_uuid=family.uuid)

    context = {"family": family, "person": None}
    return form_page(
        request, form=form, template="families/person_form.html", context=context, on_valid=add
    )


@require_http_methods(["GET", "POST"])
@with_object(
    lambda r, kw: selectors.person_get(actor=r.user, person_uuid=kw["person_uuid"]),
    refused=denied_page,
)
def person_edit(request, person):
    initial = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "birthdate": person.birthdate,
        "role": person.role,
        "has_parental_authority": person.has_parental_authority,
    }
    form = MemberForm(request.POST or None, initial=initial)
    form.fields["bsn"].help_text = (
        gettext("Vastgelegd: %(bsn)s. Laat leeg om het te bewaren.") % {"bsn": person.bsn_masked}
        if person.bsn_last4
        else form.fields["bsn"].help_text
    )

    def save():
        services.person_update(actor=request.user, person=person, member=form.to_input())
        messages.success(request, gettext("De gegevens van het gezinslid zijn opgeslagen."))
        return redirect("families:detail", family_uuid=person.family.uuid)

    context = {"family": person.family, "person": person}
    return form_page(
        request, form=form, template="families/person_form.html", context=context, on_valid=save
    )


@require_http_methods(["GET", "POST"])
def emergency_access(request, family_uuid):
    """Break the glass: ask for a reason, grant 24 hours, log it."""
    family = selectors.family_for_emergency(family_uuid=family_uuid)
    guards.emergency_access_allowed(actor=request.user, family=family)
    form = EmergencyForm(request.POST or None)

    def grant():
        services.emergency_access_grant(
            actor=request.user, family=family, reason=form.cleaned_data["reason"]
        )
        messages.warning(
            request,
            gettext("Noodtoegang is verleend voor 24 uur en vastgelegd in het toegangslog."),
        )
        return redirect("families:detail", family_uuid=family.uuid)

    context = {"family_uuid": family.uuid}
    return form_page(
        request, form=form, template="families/emergency.html", context=context, on_valid=grant
    )
