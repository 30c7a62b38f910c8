"""Family screens. Thin: parse the request, call a selector or service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from ketenzorg.access import policy
from ketenzorg.core.errors import AccessDenied, DomainError, NotFound
from ketenzorg.core.forms import apply_domain_errors
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


def _family_or_error(request, family_uuid, action="read"):
    try:
        return selectors.family_get(actor=request.user, family_uuid=family_uuid, action=action)
    except NotFound as exc:
        raise Http404(exc.message) from None


def _denied_page(request, family_uuid, exc):
    can_emergency = bool(policy.can_request_emergency_access(request.user))
    return render(
        request,
        "families/denied.html",
        {"message": exc.message, "family_uuid": family_uuid, "can_emergency": can_emergency},
        status=403,
    )


@require_GET
def family_list(request):
    try:
        selectors.family_search_allowed(actor=request.user)
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from None
    form = SearchForm(request.GET or None)
    families, total, page = [], 0, 1
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        try:
            page = max(1, int(request.GET.get("pagina", "1")))
        except ValueError:
            page = 1
        search = selectors.FamilySearch(
            name=(data.get("q") or "").strip(), birthdate=data.get("geboortedatum"), bsn=(data.get("bsn") or "").strip()
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
            "has_next": page * PAGE_SIZE < total,
            "can_register": bool(policy.can_register_family(request.user)),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def family_register(request):
    try:
        guards.family_register_allowed(actor=request.user)
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from None
    form = FamilyForm(request.POST or None)
    formset = MemberFormSet(request.POST or None, prefix="members")
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            members = [f.to_input() for f in formset.forms if f.has_changed() and f.cleaned_data]
            try:
                family = services.family_register(actor=request.user, members=members, **form.cleaned_data)
            except DomainError as exc:
                _apply_member_errors(form, formset, exc)
            else:
                messages.success(
                    request,
                    gettext("%(family)s is geregistreerd. U bent als betrokken professional vastgelegd.")
                    % {"family": family.name},
                )
                return redirect("families:detail", family_uuid=family.uuid)
        return render(request, "families/register.html", {"form": form, "formset": formset}, status=400)
    return render(request, "families/register.html", {"form": form, "formset": formset})


def _apply_member_errors(form, formset, exc: DomainError) -> None:
    """Put `members-N-field` errors on the right member form, the rest on the family form."""
    rest = {}
    for key, msgs in exc.field_errors.items():
        parts = key.split("-", 2)
        if len(parts) == 3 and parts[0] == "members" and parts[1].isdigit():
            index = int(parts[1])
            if index < len(formset.forms):
                for msg in msgs:
                    formset.forms[index].add_error(parts[2], msg)
                continue
        rest[key] = msgs
    if rest or not exc.field_errors:
        apply_domain_errors(form, type(exc)(exc.message, field_errors=rest))


@require_GET
def family_detail(request, family_uuid):
    try:
        family = _family_or_error(request, family_uuid)
    except AccessDenied as exc:
        return _denied_page(request, family_uuid, exc)
    today = timezone.localdate()
    members = [(m, age_on(m.birthdate, today)) for m in family.members.all()]
    return render(request, "families/detail.html", {"family": family, "members": members, "today": today})


@require_http_methods(["GET", "POST"])
def family_edit(request, family_uuid):
    try:
        family = _family_or_error(request, family_uuid)
    except AccessDenied as exc:
        return _denied_page(request, family_uuid, exc)
    initial = {"name": family.name, "postcode": family.postcode, "house_number": family.house_number, "district": family.district}
    form = FamilyForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.family_update(actor=request.user, family=family, **form.cleaned_data)
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.success(request, gettext("De gezinsgegevens zijn opgeslagen."))
                return redirect("families:detail", family_uuid=family.uuid)
        return render(request, "families/edit.html", {"form": form, "family": family}, status=400)
    return render(request, "families/edit.html", {"form": form, "family": family})


@require_http_methods(["GET", "POST"])
def person_add(request, family_uuid):
    try:
        family = _family_or_error(request, family_uuid)
    except AccessDenied as exc:
        return _denied_page(request, family_uuid, exc)
    form = MemberForm(request.POST or None, initial={"family_name": family.members.first().family_name if family.members.exists() else ""})
    if request.method == "POST":
        if form.is_valid():
            try:
                person = services.person_add(actor=request.user, family=family, member=form.to_input())
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.success(
                    request, gettext("%(name)s is toegevoegd aan het gezin.") % {"name": person.full_name}
                )
                return redirect("families:detail", family_uuid=family.uuid)
        return render(request, "families/person_form.html", {"form": form, "family": family, "person": None}, status=400)
    return render(request, "families/person_form.html", {"form": form, "family": family, "person": None})


@require_http_methods(["GET", "POST"])
def person_edit(request, person_uuid):
    try:
        person = selectors.person_get(actor=request.user, person_uuid=person_uuid)
    except NotFound as exc:
        raise Http404(exc.message) from None
    except AccessDenied as exc:
        return _denied_page(request, None, exc)
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
    if request.method == "POST":
        if form.is_valid():
            try:
                services.person_update(actor=request.user, person=person, member=form.to_input())
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.success(request, gettext("De gegevens van het gezinslid zijn opgeslagen."))
                return redirect("families:detail", family_uuid=person.family.uuid)
        return render(request, "families/person_form.html", {"form": form, "family": person.family, "person": person}, status=400)
    return render(request, "families/person_form.html", {"form": form, "family": person.family, "person": person})


@require_http_methods(["GET", "POST"])
def emergency_access(request, family_uuid):
    """Break the glass: ask for a reason, grant 24 hours, log it."""
    try:
        family = selectors.family_for_emergency(family_uuid=family_uuid)
    except NotFound as exc:
        raise Http404(exc.message) from None
    try:
        guards.emergency_access_allowed(actor=request.user, family=family)
    except AccessDenied as exc:
        raise PermissionDenied(exc.message) from None
    form = EmergencyForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.emergency_access_grant(actor=request.user, family=family, reason=form.cleaned_data["reason"])
            except DomainError as exc:
                apply_domain_errors(form, exc)
            else:
                messages.warning(
                    request, gettext("Noodtoegang is verleend voor 24 uur en vastgelegd in het toegangslog.")
                )
                return redirect("families:detail", family_uuid=family.uuid)
        return render(request, "families/emergency.html", {"form": form, "family_uuid": family.uuid}, status=400)
    return render(request, "families/emergency.html", {"form": form, "family_uuid": family.uuid})
