"""Schools, kinderdagverblijven and peuterspeelzalen, each with its vast contactpersoon from JGZ."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from ketenzorg.core.pages import form_page
from ketenzorg.network import selectors, services
from ketenzorg.network.forms import InstitutionFilterForm, InstitutionForm
from ketenzorg.network.views.common import filtered_page, manager_required

TEMPLATE = "network/form.html"


@require_GET
@manager_required
def institution_list(request):
    form = InstitutionFilterForm(request.GET or None)
    page, status = filtered_page(
        request,
        form,
        lambda data: selectors.institution_list(
            q=(data.get("q") or "").strip(), kind=data.get("soort") or ""
        ),
    )
    return render(
        request, "network/institution_list.html", {"form": form, "page": page}, status=status
    )


@require_http_methods(["GET", "POST"])
@manager_required
def institution_create(request):
    form = InstitutionForm(request.POST or None)

    def save():
        institution = services.institution_create(actor=request.user, data=form.to_input())
        messages.success(request, gettext("%(name)s is toegevoegd.") % {"name": institution.name})
        return redirect("network:institution_list")

    context = {"title": gettext("Instelling toevoegen"), "cancel_url": "network:institution_list"}
    return form_page(request, form=form, template=TEMPLATE, context=context, on_valid=save)


@require_http_methods(["GET", "POST"])
@manager_required
def institution_edit(request, institution_uuid):
    institution = selectors.institution_get(institution_uuid=institution_uuid)
    initial = {
        "name": institution.name,
        "kind": institution.kind,
        "district": institution.district,
        "address": institution.address,
        "jgz_contact": institution.jgz_contact,
    }
    form = InstitutionForm(request.POST or None, initial=initial, institution=institution)

    def save():
        services.institution_update(
            actor=request.user, institution=institution, data=form.to_input()
        )
        messages.success(request, gettext("%(name)s is opgeslagen.") % {"name": institution.name})
        return redirect("network:institution_list")

    context = {
        "title": gettext("%(name)s wijzigen") % {"name": institution.name},
        "cancel_url": "network:institution_list",
    }
    return form_page(request, form=form, template=TEMPLATE, context=context, on_valid=save)
