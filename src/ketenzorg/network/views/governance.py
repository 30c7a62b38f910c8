"""The OKé-netwerkoverleg: kerngroep, adviesgroep and werkgroep, their tasks and members."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenzorg.core.errors import DomainError
from ketenzorg.core.pages import form_page
from ketenzorg.network import selectors, services
from ketenzorg.network.forms import GovernanceBodyForm, GovernanceMemberForm
from ketenzorg.network.views.common import manager_required


@require_GET
@manager_required
def governance_list(request):
    return render(
        request, "network/governance_list.html", {"bodies": selectors.governance_bodies()}
    )


def _detail(request, body, *, status=200):
    context = {"body": body, "member_form": GovernanceMemberForm()}
    return render(request, "network/governance_detail.html", context, status=status)


@require_GET
@manager_required
def governance_detail(request, body_uuid):
    return _detail(request, selectors.governance_body_get(body_uuid=body_uuid))


@require_http_methods(["GET", "POST"])
@manager_required
def governance_edit(request, body_uuid):
    body = selectors.governance_body_get(body_uuid=body_uuid)
    form = GovernanceBodyForm(
        request.POST or None,
        initial={"name": body.name, "composition": body.composition, "tasks": body.tasks},
    )

    def save():
        services.governance_body_update(actor=request.user, body=body, **form.cleaned_data)
        messages.success(request, gettext("%(name)s is opgeslagen.") % {"name": body.name})
        return redirect("network:governance_detail", body_uuid=body.uuid)

    context = {
        "title": gettext("%(name)s wijzigen") % {"name": body.name},
        "cancel_url": "network:governance_detail",
        "cancel_uuid": body.uuid,
    }
    return form_page(
        request, form=form, template="network/form.html", context=context, on_valid=save
    )


@require_POST
@manager_required
def governance_member_add(request, body_uuid):
    body = selectors.governance_body_get(body_uuid=body_uuid)
    form = GovernanceMemberForm(request.POST)

    def add():
        membership = services.governance_member_add(
            actor=request.user, body=body, **form.cleaned_data
        )
        messages.success(
            request,
            gettext("%(name)s is lid van %(body)s.")
            % {"name": membership.professional.full_name, "body": body.name},
        )
        return redirect("network:governance_detail", body_uuid=body.uuid)

    context = {"body": body, "member_form": form}
    return form_page(
        request, form=form, template="network/governance_detail.html", context=context, on_valid=add
    )


@require_POST
@manager_required
def governance_member_remove(request, body_uuid, professional_uuid):
    body = selectors.governance_body_get(body_uuid=body_uuid)
    professional = selectors.professional_get(professional_uuid=professional_uuid)
    try:
        services.governance_member_remove(actor=request.user, body=body, professional=professional)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _detail(request, body, status=exc.status)
    messages.success(
        request,
        gettext("%(name)s is geen lid meer van %(body)s.")
        % {"name": professional.full_name, "body": body.name},
    )
    return redirect("network:governance_detail", body_uuid=body.uuid)
