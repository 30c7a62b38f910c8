"""CSV import of organisations or professionals: every row judged first, then all or nothing."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ketenzorg.core.errors import DomainError
from ketenzorg.network import imports, services
from ketenzorg.network.forms import IMPORT_ORGANISATIONS, ImportForm
from ketenzorg.network.views.common import manager_required

TEMPLATE = "network/import.html"
COLUMNS = {
    "organisations": imports.ORGANISATION_COLUMNS,
    "professionals": imports.PROFESSIONAL_COLUMNS,
}


def _page(request, form, *, rejected=None, status=200):
    context = {
        "form": form,
        "rejected": rejected,
        "columns": COLUMNS,
        "separator": imports.LIST_SEPARATOR,
    }
    return render(request, TEMPLATE, context, status=status)


@require_http_methods(["GET", "POST"])
@manager_required
def import_csv(request):
    if request.method == "GET":
        return _page(request, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    organisations = form.cleaned_data["kind"] == IMPORT_ORGANISATIONS
    service = services.organisation_import if organisations else services.professional_import
    try:
        count = service(actor=request.user, content=form.cleaned_data["file"].read())
    except imports.ImportRejected as exc:
        return _page(request, form, rejected=exc, status=400)
    except DomainError as exc:
        form.add_error("file" if isinstance(exc, imports.ImportFileError) else None, exc.message)
        return _page(request, form, status=exc.status)
    if organisations:
        messages.success(
            request,
            # The Dutch text is the same for one and many, as before; English gets a singular.
            ngettext(
                "%(count)s organisaties geïmporteerd.",
                "%(count)s organisaties geïmporteerd.",
                count,
            )
            % {"count": count},
        )
        return redirect("network:organisation_list")
    messages.success(
        request,
        ngettext(
            "%(count)s professionals geïmporteerd. Maak per persoon een inlogaccount aan als die moet "
            "inloggen.",
            "%(count)s professionals geïmporteerd. Maak per persoon een inlogaccount aan als die moet "
            "inloggen.",
            count,
        )
        % {"count": count},
    )
    return redirect("network:professional_list")
