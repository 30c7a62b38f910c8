"""Organisations of the OKé-netwerk and their teams. Deactivated, never deleted."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenzorg.core.errors import DomainError
from ketenzorg.core.pages import form_page
from ketenzorg.network import selectors, services
from ketenzorg.network.forms import OrganisationFilterForm, OrganisationForm, TeamForm
from ketenzorg.network.views.common import filtered_page, manager_required

TEMPLATE = "network/form.html"


@require_GET
@manager_required
def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    page, status = filtered_page(
        request,
        form,
        lambda data: selectors.organisation_list(
            q=(data.get("q") or "").strip(),
            kind=data.get("soort") or "",
            domain=data.get("domein") or "",
            status=data.get("status") or selectors.ACTIVE,
        ),
    )
    return render(
        request, "network/organisation_list.html", {"form": form, "page": page}, status=status
    )


def _detail(request, organisation, *, status=200):
    context = {
        "organisation": organisation,
        "teams": selectors.organisation_teams(organisation=organisation),
    }
    return render(request, "network/organisation_detail.html", context, status=status)


@require_GET
@manager_required
def organisation_detail(request, organisation_uuid):
    return _detail(request, selectors.organisation_get(organisation_uuid=organisation_uuid))


@require_http_methods(["GET", "POST"])
@manager_required
def organisation_create(request):
    form = OrganisationForm(request.POST or None)

    def save():
        organisation = services.organisation_create(actor=request.user, data=form.to_input())
        messages.success(request, gettext("%(name)s is aangemaakt.") % {"name": organisation.name})
        return redirect("network:organisation_detail", organisation_uuid=organisation.uuid)

    context = {"title": gettext("Organisatie toevoegen"), "cancel_url": "network:organisation_list"}
    return form_page(request, form=form, template=TEMPLATE, context=context, on_valid=save)


@require_http_methods(["GET", "POST"])
@manager_required
def organisation_edit(request, organisation_uuid):
    organisation = selectors.organisation_get(organisation_uuid=organisation_uuid)
    initial = {
        "name": organisation.name,
        "kind": organisation.kind,
        "domains": organisation.domains,
        "district": organisation.district,
        "email": organisation.email,
        "phone": organisation.phone,
    }
    form = OrganisationForm(request.POST or None, initial=initial)

    def save():
        services.organisation_update(
            actor=request.user, organisation=organisation, data=form.to_input()
        )
        messages.success(request, gettext("%(name)s is opgeslagen.") % {"name": organisation.name})
        return redirect("network:organisation_detail", organisation_uuid=organisation.uuid)

    context = {
        "title": gettext("%(name)s wijzigen") % {"name": organisation.name},
        "cancel_url": "network:organisation_list",
    }
    return form_page(request, form=form, template=TEMPLATE, context=context, on_valid=save)


def _set_active(request, organisation_uuid, *, active: bool):
    organisation = selectors.organisation_get(organisation_uuid=organisation_uuid)
    service = services.organisation_reactivate if active else services.organisation_deactivate
    try:
        service(actor=request.user, organisation=organisation)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _detail(request, organisation, status=exc.status)
    if active:
        messages.success(request, gettext("%(name)s is weer actief.") % {"name": organisation.name})
    else:
        messages.success(
            request,
            gettext(
                "%(name)s is gedeactiveerd: niet meer te kiezen voor nieuwe professionals en niet in "
                "de sociale kaart. U kunt dit ongedaan maken met 'Weer activeren'."
            )
            % {"name": organisation.name},
        )
    return redirect("network:organisation_detail", organisation_uuid=organisation.uuid)


@require_POST
@manager_required
def organisation_deactivate(request, organisation_uuid):
    return _set_active(request, organisation_uuid, active=False)


@require_POST
@manager_required
def organisation_reactivate(request, organisation_uuid):
    return _set_active(request, organisation_uuid, active=True)


@require_http_methods(["GET", "POST"])
@manager_required
def team_create(request, organisation_uuid):
    organisation = selectors.organisation_get(organisation_uuid=organisation_uuid)
    form = TeamForm(request.POST or None, initial={"district": organisation.district})

    def save():
        team = services.team_create(
            actor=request.user, organisation=organisation, data=form.to_input()
        )
        messages.success(request, gettext("Team %(name)s is aangemaakt.") % {"name": team.name})
        return redirect("network:organisation_detail", organisation_uuid=organisation.uuid)

    context = {
        "title": gettext("Team toevoegen aan %(organisation)s")
        % {"organisation": organisation.name},
        "cancel_url": "network:organisation_detail",
        "cancel_uuid": organisation.uuid,
    }
    return form_page(request, form=form, template=TEMPLATE, context=context, on_valid=save)


@require_http_methods(["GET", "POST"])
@manager_required
def team_edit(request, team_uuid):
    team = selectors.team_get(team_uuid=team_uuid)
    form = TeamForm(request.POST or None, initial={"name": team.name, "district": team.district})

    def save():
        services.team_update(actor=request.user, team=team, data=form.to_input())
        messages.success(request, gettext("Team %(name)s is opgeslagen.") % {"name": team.name})
        return redirect("network:organisation_detail", organisation_uuid=team.organisation.uuid)

    context = {
        "title": gettext("Team %(name)s (%(organisation)s) wijzigen")
        % {"name": team.name, "organisation": team.organisation.name},
        "cancel_url": "network:organisation_detail",
        "cancel_uuid": team.organisation.uuid,
    }
    return form_page(request, form=form, template=TEMPLATE, context=context, on_valid=save)
