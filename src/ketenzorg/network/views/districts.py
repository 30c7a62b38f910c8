"""The district tree: city → stadsdeel → gebied."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from ketenzorg.core.pages import form_page
from ketenzorg.network import rules, selectors, services
from ketenzorg.network.forms import DistrictForm
from ketenzorg.network.views.common import manager_required

TEMPLATE = "network/form.html"


@require_GET
@manager_required
def district_list(request):
    return render(request, "network/district_list.html", {"tree": selectors.district_tree()})


@require_http_methods(["GET", "POST"])
@manager_required
def district_create(request):
    initial = {}
    if "onder" in request.GET:
        parent = selectors.district_get(district_uuid=request.GET["onder"])
        initial = {"parent": parent, "kind": rules.CHILD_KIND.get(parent.kind)}
    form = DistrictForm(request.POST or None, initial=initial)

    def save():
        district = services.district_create(actor=request.user, data=form.to_input())
        messages.success(request, gettext("%(name)s is aangemaakt.") % {"name": district})
        return redirect("network:district_list")

    context = {"title": gettext("Gebied toevoegen"), "cancel_url": "network:district_list"}
    return form_page(request, form=form, template=TEMPLATE, context=context, on_valid=save)


@require_http_methods(["GET", "POST"])
@manager_required
def district_edit(request, district_uuid):
    district = selectors.district_get(district_uuid=district_uuid)
    initial = {
        "name": district.name,
        "kind": district.kind,
        "parent": district.parent,
        "postcode_prefixes": district.postcode_prefixes,
    }
    form = DistrictForm(request.POST or None, initial=initial, district=district)

    def save():
        services.district_update(actor=request.user, district=district, data=form.to_input())
        messages.success(request, gettext("%(name)s is opgeslagen.") % {"name": district})
        return redirect("network:district_list")

    context = {
        "title": gettext("%(name)s wijzigen") % {"name": district.name},
        "cancel_url": "network:district_list",
    }
    return form_page(request, form=form, template=TEMPLATE, context=context, on_valid=save)
