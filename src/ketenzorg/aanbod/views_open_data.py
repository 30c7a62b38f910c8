"""The open-data export of the catalogue: every published programme's public fields as JSON,
without login or tracking (docs/aanbod.md lists the stable field names)."""

from __future__ import annotations

from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from ketenzorg.aanbod import selectors_maintenance

FORMAT_VERSION = 1


def document() -> dict:
    programmes = selectors_maintenance.open_data()
    return {
        "format_version": FORMAT_VERSION,
        "generated_at": timezone.now().replace(microsecond=0).isoformat(),
        "count": len(programmes),
        "programmes": programmes,
    }


@require_GET
def open_data(request):
    response = JsonResponse(document(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
