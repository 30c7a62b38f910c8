"""API operations on the werkproces steps of a case: the same selectors, services and rules
as the page.

The case is found first (coordination's selector: access check, a refusal logged), the
body validated after, so a refused caller never learns what the input should have been.
A rule's refusal is a problem: 400 on its field for missing input, 409 for the state.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.api.idempotency import idempotent
from ketenzorg.api.input import validated
from ketenzorg.coordination import selectors as case_selectors
from ketenzorg.werkproces import rules, selectors, services
from ketenzorg.werkproces.api import serializers_steps as s


def werkproces_shown(view, case) -> dict:
    """The API's werkproces of a case, as `WerkprocesSerializer` describes it."""
    werkproces = view.werkproces
    current = None
    if werkproces is not None:
        of_visit = [e for e in view.evaluations if e.version == werkproces.version]
        current = of_visit[-1] if of_visit else None
    return {
        "case": case.uuid,
        "started": werkproces is not None,
        "step": werkproces.step if werkproces else None,
        "stopped_from": (werkproces.stopped_from or None) if werkproces else None,
        "possible_transitions": list(view.possible),
        "current_evaluation": current,
        "transitions": view.transitions,
        "evaluations": view.evaluations,
    }


class WerkprocesView(APIView):
    @extend_schema(
        operation_id="cases_werkproces_retrieve",
        summary="Werkproces van de casus: huidige stap, mogelijke overgangen, geschiedenis",
        responses=s.WerkprocesSerializer,
    )
    def get(self, request, case_uuid):
        case, view = selectors.werkproces_of_case(
            actor=request.user, case_uuid=case_uuid, history_only=True
        )
        return Response(s.werkproces_data(werkproces_shown(view, case)))


class EvaluationsView(APIView):
    @extend_schema(
        operation_id="cases_werkproces_evaluations_create",
        summary="De huidige stap evalueren: leverde die genoeg op? (nodig voor het besluit)",
        request=s.EvaluationCreateSerializer,
        responses={201: s.EvaluationSerializer},
    )
    @idempotent
    def post(self, request, case_uuid):
        case = case_selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        data = validated(s.EvaluationCreateSerializer, request.data)
        evaluation = services.step_evaluate(actor=request.user, case=case, **data)
        return Response(s.EvaluationSerializer(evaluation).data, status=status.HTTP_201_CREATED)


class TransitionsView(APIView):
    @extend_schema(
        operation_id="cases_werkproces_transitions_create",
        summary="Werkproces starten, verder, stoppen, een stap terug of hervatten (met reden)",
        request=s.TransitionCreateSerializer,
        responses={201: s.TransitionSerializer},
    )
    @idempotent
    def post(self, request, case_uuid):
        case = case_selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        data = validated(s.TransitionCreateSerializer, request.data)
        kind = data.pop("kind")
        if kind == rules.START:
            services.werkproces_start(actor=request.user, case=case)
            # The start's row, read (and logged) through the selector like every other look.
            row = selectors.werkproces_view(actor=request.user, case=case).transitions[0]
        else:
            row = services.step_take(actor=request.user, case=case, transition=kind, **data)
        return Response(s.TransitionSerializer(row).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path(
        "casussen/<uuid:case_uuid>/werkproces/",
        WerkprocesView.as_view(),
        name="api-case-werkproces",
    ),
    path(
        "casussen/<uuid:case_uuid>/werkproces/evaluaties/",
        EvaluationsView.as_view(),
        name="api-case-werkproces-evaluations",
    ),
    path(
        "casussen/<uuid:case_uuid>/werkproces/overgangen/",
        TransitionsView.as_view(),
        name="api-case-werkproces-transitions",
    ),
]
