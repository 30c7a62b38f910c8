"""What the front door's API views share: paging, problems, the public views' throttle and
authentication, the beheerder check, 'meer hulp regelen'."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse
from rest_framework import status
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from ketenzorg.api.problems import PROBLEM_CONTENT_TYPE as PROBLEM
from ketenzorg.audit.models import Action
from ketenzorg.core import requestcontext
from ketenzorg.core.errors import NotFound
from ketenzorg.families.services import MemberInput
from ketenzorg.frontdoor import guards, selectors, services
from ketenzorg.frontdoor.serializers import (
    MoreHelpSerializer,
)

PAGE_SIZE = 100
PROBLEMS = {
    (400, PROBLEM): OpenApiResponse(description="ongeldige invoer (problem+json)"),
    (403, PROBLEM): OpenApiResponse(description="geen toegang (problem+json)"),
    (404, PROBLEM): OpenApiResponse(description="niet gevonden (problem+json)"),
}


class QuestionSubmitThrottle(BaseThrottle):
    """The abuse limit per address, counted in the database (shared by all servers)."""

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        decision = services.submission_limit_check(address=requestcontext.current().source_address)
        self._wait = decision.retry_after
        return decision.allowed

    def wait(self):
        return getattr(self, "_wait", None)


class PublicView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class PublicReadView(APIView):
    """Reading is public; writing needs a login, and the services need the functioneel beheerder."""

    def initialize_request(self, request, *args, **kwargs):
        self._method = request.method
        return super().initialize_request(request, *args, **kwargs)

    def _is_read(self) -> bool:
        method = getattr(self, "_method", None) or getattr(
            getattr(self, "request", None), "method", "GET"
        )
        return method in SAFE_METHODS

    def get_authenticators(self):
        if self._is_read():
            return []
        return [auth() for auth in api_settings.DEFAULT_AUTHENTICATION_CLASSES]

    def get_permissions(self):
        return [AllowAny()] if self._is_read() else [IsAuthenticated()]


def require_manager(request, *, object_type: str, action=Action.UPDATE, object_uuid="") -> None:
    """Refuse (and log) anyone but the functioneel beheerder, before any input is read."""
    guards.frontdoor_manage_allowed(
        actor=request.user,
        object_type=object_type,
        action=action,
        object_uuid=str(object_uuid or ""),
    )


def parse(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def manager_location(request, location_uuid, *, object_type="frontdoor.Location"):
    require_manager(request, object_type=object_type, object_uuid=location_uuid)
    try:
        return selectors.location_get(location_uuid=location_uuid)
    except NotFound as exc:
        raise Http404(exc.message) from None


def more_help_input(request) -> services.MoreHelpInput:
    serializer = MoreHelpSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    members = [MemberInput(**m) for m in data.pop("members")]
    return services.MoreHelpInput(members=members, **data)


def more_help(request, *, source, object_type: str, subjects, arrange) -> Response:
    """Refused (and logged) before the input is read; then the family and its case, in one go."""
    guards.more_help_allowed(
        actor=request.user, object_type=object_type, object_uuid=source.uuid, subjects=subjects
    )
    family, case = arrange(more_help_input(request))
    return Response({"family": family.uuid, "case": case.uuid}, status=status.HTTP_201_CREATED)
