"""Professionals: their roles, organisation, team, expertise, areas and login account."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenzorg.core.errors import DomainError
from ketenzorg.core.pages import form_page
from ketenzorg.network import selectors, services
from ketenzorg.network.forms import (
    AccountForm,
    ProfessionalCreateForm,
    ProfessionalFilterForm,
    ProfessionalForm,
)
from ketenzorg.network.views.common import filtered_page, manager_required

TEMPLATE = "network/form.html"


@require_GET
@manager_required
def professional_list(request):
    form = ProfessionalFilterForm(request.GET or None)
    page, status = filtered_page(
        request,
        form,
        lambda data: selectors.professional_list(
            q=(data.get("q") or "").strip(),
            organisation=data.get("organisatie"),
            role=data.get("rol") or "",
            status=data.get("status") or selectors.ACTIVE,
        ),
    )
    return render(
        request, "network/professional_list.html", {"form": form, "page": page}, status=status
    )


def _detail(request, professional, *, status=200):
    context = {
        "professional": professional,
        "institutions": selectors.contact_institutions(professional=professional),
        "memberships": selectors.professional_memberships(professional=professional),
    }
    return render(request, "network/professional_detail.html", context, status=status)


def _password_shown_once(request, professional, password):
    """The initial password appears in this one response only: never stored readable, never cached."""
    response = render(
        request,
        "network/professional_password.html",
        {"professional": professional, "password": password},
    )
    add_never_cache_headers(response)
    return response


@require_GET
@manager_required
def professional_detail(request, professional_uuid):
    return _detail(request, selectors.professional_get(professional_uuid=professional_uuid))


@require_http_methods(["GET", "POST"])
@manager_required
def professional_create(request):
    form = ProfessionalCreateForm(request.POST or None)

    def save():
        professional, password = services.professional_create(
            actor=request.user, data=form.to_input(), username=form.cleaned_data["username"]
        )
        if password:
            return _password_shown_once(request, professional, password)
        messages.success(
            request,
            gettext("%(name)s is toegevoegd (zonder inlogaccount).")
            % {"name": professional.full_name},
        )
        return redirect("network:professional_detail", professional_uuid=professional.uuid)

    context = {
        "title": gettext("Professional toevoegen"),
        "cancel_url": "network:professional_list",
    }
    return form_page(request, form=form, template=TEMPLATE, context=context, on_valid=save)


@require_http_methods(["GET", "POST"])
@manager_required
def professional_edit(request, professional_uuid):
    professional = selectors.professional_get(professional_uuid=professional_uuid)
    initial = {
        "first_name": professional.first_name,
        "last_name": professional.last_name,
        "email": professional.email,
        "phone": professional.phone,
        "organisation": professional.organisation,
        "team": professional.team,
        "roles": sorted(professional.role_codes()),
        "expertise": list(professional.expertise.all()),
        "areas": list(professional.areas.all()),
        "available_for_consultation": professional.available_for_consultation,
        "availability_note": professional.availability_note,
        "available_from": professional.available_from,
    }
    form = ProfessionalForm(request.POST or None, initial=initial, professional=professional)

    def save():
        services.professional_update(
            actor=request.user, professional=professional, data=form.to_input()
        )
        messages.success(
            request,
            gettext("De gegevens van %(name)s zijn opgeslagen.") % {"name": professional.full_name},
        )
        return redirect("network:professional_detail", professional_uuid=professional.uuid)

    context = {
        "title": gettext("%(name)s wijzigen") % {"name": professional.full_name},
        "cancel_url": "network:professional_detail",
        "cancel_uuid": professional.uuid,
    }
    return form_page(request, form=form, template=TEMPLATE, context=context, on_valid=save)


@require_http_methods(["GET", "POST"])
@manager_required
def professional_account(request, professional_uuid):
    professional = selectors.professional_get(professional_uuid=professional_uuid)
    if professional.user_id:
        messages.info(
            request,
            gettext("%(name)s heeft al een inlogaccount.") % {"name": professional.full_name},
        )
        return redirect("network:professional_detail", professional_uuid=professional.uuid)
    form = AccountForm(request.POST or None)

    def save():
        password = services.professional_account_create(
            actor=request.user, professional=professional, username=form.cleaned_data["username"]
        )
        return _password_shown_once(request, professional, password)

    context = {
        "title": gettext("Inlogaccount voor %(name)s") % {"name": professional.full_name},
        "intro": gettext(
            "ketenzorg maakt een eenmalig wachtwoord dat u één keer te zien krijgt. Bij de eerste "
            "keer inloggen stelt de persoon de tweede factor (authenticator-app) in."
        ),
        "submit_label": gettext("Account aanmaken"),
        "cancel_url": "network:professional_detail",
        "cancel_uuid": professional.uuid,
    }
    return form_page(request, form=form, template=TEMPLATE, context=context, on_valid=save)


def _set_active(request, professional_uuid, *, active: bool):
    professional = selectors.professional_get(professional_uuid=professional_uuid)
    service = services.professional_reactivate if active else services.professional_deactivate
    try:
        service(actor=request.user, professional=professional)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _detail(request, professional, status=exc.status)
    if active:
        messages.success(
            request,
            gettext("%(name)s is weer actief en kan weer inloggen.")
            % {"name": professional.full_name},
        )
    else:
        messages.success(
            request,
            gettext(
                "%(name)s is gedeactiveerd: niet meer in de sociale kaart en kan niet meer inloggen. "
                "U kunt dit ongedaan maken met 'Weer activeren'."
            )
            % {"name": professional.full_name},
        )
        institutions = selectors.contact_institutions(professional=professional)
        if institutions:
            names = ", ".join(i.name for i in institutions)
            messages.warning(
                request,
                gettext(
                    "%(name)s was vast contactpersoon van %(institutions)s; wijs een ander aan."
                )
                % {"name": professional.full_name, "institutions": names},
            )
    return redirect("network:professional_detail", professional_uuid=professional.uuid)


@require_POST
@manager_required
def professional_deactivate(request, professional_uuid):
    return _set_active(request, professional_uuid, active=False)


@require_POST
@manager_required
def professional_reactivate(request, professional_uuid):
    return _set_active(request, professional_uuid, active=True)
