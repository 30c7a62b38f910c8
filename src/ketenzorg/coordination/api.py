"""Cases in the API: the same selectors, services, access and audit as the screens.

Every operation first finds the case through a selector (access check and
audit entry, refusals too), then validates the body, so a refused caller gets
403/404 and never a 400 that would reveal what the input should have been.
"""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.aanbod import selectors as aanbod
from ketenzorg.api.idempotency import idempotent
from ketenzorg.api.input import validated
from ketenzorg.coordination import selectors, services
from ketenzorg.coordination import serializers as s
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.families import selectors as family_selectors

PAGE_SIZE = 100


class ListParams(serializers.Serializer):
    page = serializers.IntegerField(required=False, min_value=1, max_value=1_000_000, default=1)
    level = serializers.IntegerField(required=False, min_value=1, max_value=5, default=None)


def _detail(request, case_uuid):
    # Shaped as CaseDetailSerializer (the schemas below), without DRF's fields.
    return Response(
        s.case_detail_data(selectors.case_view(actor=request.user, case_uuid=case_uuid))
    )


class CaseListView(APIView):
    @extend_schema(
        operation_id="cases_list",
        summary="Mijn casussen: niveau, coördinator, volgende termijn, afspraken te laat",
        parameters=[
            OpenApiParameter("page", int),
            OpenApiParameter("level", int, description="1 tot en met 5"),
        ],
        responses=s.CaseListPageSerializer,
    )
    def get(self, request):
        selectors.case_list_allowed(actor=request.user)
        params = ListParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        page = params.validated_data["page"]
        cases, total = selectors.case_list(
            actor=request.user,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
            level=params.validated_data["level"],
        )
        # Shaped as CaseListPageSerializer (the schema above), row by row without DRF's fields.
        return Response(
            {"count": total, "page": page, "results": [s.case_list_item(c) for c in cases]}
        )

    @extend_schema(
        operation_id="cases_create",
        summary="Casus openen voor een gezin (één gezin, één plan: een tweede open casus geeft 409)",
        request=s.CaseCreateSerializer,
        responses={201: s.CaseDetailSerializer},
    )
    @idempotent
    def post(self, request):
        selectors.case_list_allowed(actor=request.user)
        data = validated(s.CaseCreateSerializer, request.data)
        family = family_selectors.family_get(actor=request.user, family_uuid=data["family"])
        case = services.case_open(actor=request.user, family=family, reason=data["reason"])
        return Response(
            s.case_detail_data(selectors.case_view(actor=request.user, case_uuid=case.uuid)),
            status=status.HTTP_201_CREATED,
        )


class CaseDetailView(APIView):
    @extend_schema(
        operation_id="cases_retrieve", summary="Eén casus", responses=s.CaseDetailSerializer
    )
    def get(self, request, case_uuid):
        return _detail(request, case_uuid)


class CaseCloseView(APIView):
    @extend_schema(
        operation_id="cases_close",
        summary="Casus sluiten (met reden)",
        request=s.ReasonSerializer,
        responses=s.CaseDetailSerializer,
    )
    def post(self, request, case_uuid):
        case = selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        data = validated(s.ReasonSerializer, request.data)
        services.case_close(actor=request.user, case=case, reason=data["reason"])
        return _detail(request, case_uuid)


class CaseEventsView(APIView):
    @extend_schema(
        operation_id="cases_events_list",
        summary="Geschiedenis van de casus (nieuwste eerst)",
        responses=s.EventSerializer(many=True),
    )
    def get(self, request, case_uuid):
        _, events = selectors.events_list(actor=request.user, case_uuid=case_uuid)
        return Response(s.EventSerializer(events, many=True).data)


class InvolvementsView(APIView):
    @extend_schema(
        operation_id="cases_involvements_list",
        summary="Betrokkenheden (ook beëindigde)",
        responses=s.InvolvementSerializer(many=True),
    )
    def get(self, request, case_uuid):
        _, rows = selectors.involvements_list(actor=request.user, case_uuid=case_uuid)
        return Response(s.InvolvementSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="cases_involvements_create",
        summary="Betrokkenheid registreren (een tweede professional bij hetzelfde kind geeft een match)",
        request=s.InvolvementCreateSerializer,
        responses={201: s.InvolvementSerializer},
    )
    @idempotent
    def post(self, request, case_uuid):
        case = selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        data = validated(s.InvolvementCreateSerializer, request.data)
        involvement = services.involvement_register(
            actor=request.user,
            case=case,
            professional=data["professional"],
            person_uuid=data["person"],
            capacity=data["capacity"],
            started_on=data["started_on"],
        )
        return Response(s.InvolvementSerializer(involvement).data, status=status.HTTP_201_CREATED)


class InvolvementEndView(APIView):
    @extend_schema(operation_id="cases_involvements_end", summary="Betrokkenheid beëindigen (de geschiedenis blijft)",
                   request=s.InvolvementEndSerializer, responses=s.InvolvementSerializer)  # fmt: skip
    def post(self, request, case_uuid, involvement_uuid):
        case = selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        involvement = selectors.involvement_for_case(case=case, involvement_uuid=involvement_uuid)
        data = validated(s.InvolvementEndSerializer, request.data)
        involvement = services.involvement_end(
            actor=request.user, case=case, involvement=involvement, **data
        )
        return Response(s.InvolvementSerializer(involvement).data)


class LevelView(APIView):
    @extend_schema(
        operation_id="cases_level_set",
        summary="Niveau bevestigen of kiezen (1–3 voorgesteld door de regel; 4 door de brandpuntfunctionaris)",
        request=s.LevelSetSerializer,
        responses=s.CaseDetailSerializer,
    )
    def post(self, request, case_uuid):
        case = selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        data = validated(s.LevelSetSerializer, request.data)
        services.level_set(
            actor=request.user, case=case, level=data["level"], reason=data["reason"]
        )
        return _detail(request, case_uuid)


class CrisisView(APIView):
    @extend_schema(operation_id="cases_crisis_start", summary="Crisisprotocol starten (niveau 5), met reden",
                   request=s.ReasonSerializer, responses=s.CaseDetailSerializer)  # fmt: skip
    def post(self, request, case_uuid):
        case = selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        services.crisis_start_allowed(actor=request.user, case=case)
        data = validated(s.ReasonSerializer, request.data)
        services.crisis_start(actor=request.user, case=case, reason=data["reason"])
        return _detail(request, case_uuid)


class CoordinatorsView(APIView):
    @extend_schema(operation_id="cases_coordinators_create", summary="Coördinator toewijzen of overdragen",
                   request=s.CoordinatorCreateSerializer, responses={201: s.CoordinatorSerializer})  # fmt: skip
    @idempotent
    def post(self, request, case_uuid):
        case = selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        data = validated(s.CoordinatorCreateSerializer, request.data)
        row = services.coordinator_assign(actor=request.user, case=case, **data)
        return Response(s.CoordinatorSerializer(row).data, status=status.HTTP_201_CREATED)


class MeetingsView(APIView):
    @extend_schema(
        operation_id="cases_meetings_list",
        summary="Overleggen van de casus",
        responses=s.MeetingSerializer(many=True),
    )
    def get(self, request, case_uuid):
        _, rows = selectors.meetings_list(actor=request.user, case_uuid=case_uuid)
        return Response(s.MeetingSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="cases_meetings_create",
        summary="Overleg plannen; alle betrokkenen krijgen een .ics-uitnodiging",
        request=s.MeetingCreateSerializer,
        responses={201: s.MeetingSerializer},
    )
    @idempotent
    def post(self, request, case_uuid):
        case = selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        data = validated(s.MeetingCreateSerializer, request.data)
        meeting_uuid = data.pop("meeting")
        meeting = None
        if meeting_uuid:
            meeting = case.meetings.filter(uuid=meeting_uuid).first()
            if meeting is None:
                raise ValidationFailed(
                    "Dit overleg hoort niet bij deze casus.",
                    field_errors={"meeting": ["Dit overleg hoort niet bij deze casus."]},
                )
        meeting = services.meeting_plan(actor=request.user, case=case, meeting=meeting, **data)
        meeting.invited = meeting.invitations.count()
        return Response(s.MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)


class MinutesView(APIView):
    @extend_schema(operation_id="meetings_minutes", summary="Verslag van een gehouden overleg",
                   request=s.MinutesSerializer, responses=s.MeetingSerializer)  # fmt: skip
    def post(self, request, meeting_uuid):
        meeting = selectors.meeting_get(actor=request.user, meeting_uuid=meeting_uuid)
        data = validated(s.MinutesSerializer, request.data)
        meeting = services.meeting_record_minutes(actor=request.user, meeting=meeting, **data)
        meeting.invited = meeting.invitations.count()
        return Response(s.MeetingSerializer(meeting).data)


class AgreementsView(APIView):
    @extend_schema(operation_id="cases_agreements_list", summary="Afspraken met check-ins (status 'te_laat' na de datum)",
                   responses=s.AgreementSerializer(many=True))  # fmt: skip
    def get(self, request, case_uuid):
        _, rows = selectors.agreements_list(actor=request.user, case_uuid=case_uuid)
        return Response([s.agreement_data(a) for a in rows])

    @extend_schema(operation_id="cases_agreements_create", summary="Afspraak vastleggen",
                   request=s.AgreementCreateSerializer, responses={201: s.AgreementSerializer})  # fmt: skip
    @idempotent
    def post(self, request, case_uuid):
        case = selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        data = validated(s.AgreementCreateSerializer, request.data)
        meeting_uuid = data.pop("meeting")
        meeting = None
        if meeting_uuid:
            meeting = case.meetings.filter(uuid=meeting_uuid).first()
            if meeting is None:
                raise ValidationFailed(
                    "Dit overleg hoort niet bij deze casus.",
                    field_errors={"meeting": ["Dit overleg hoort niet bij deze casus."]},
                )
        agreement = services.agreement_add(actor=request.user, case=case, meeting=meeting, **data)
        # The answer shows only what was just recorded (and logged as such): no second look
        # at the case's other agreements, which grow with every one added.
        agreement.shown = agreement.shown_status(timezone.localdate())
        agreement.checkin_list = []  # just recorded: no check-in yet
        return Response(s.agreement_data(agreement), status=status.HTTP_201_CREATED)


class CheckInView(APIView):
    @extend_schema(operation_id="agreements_checkins_create", summary="Stand van zaken van een afspraak (check-in)",
                   request=s.CheckInCreateSerializer, responses={201: s.CheckInSerializer})  # fmt: skip
    @idempotent
    def post(self, request, agreement_uuid):
        agreement = selectors.agreement_get(actor=request.user, agreement_uuid=agreement_uuid)
        data = validated(s.CheckInCreateSerializer, request.data)
        checkin = services.agreement_check_in(actor=request.user, agreement=agreement, **data)
        return Response(s.CheckInSerializer(checkin).data, status=status.HTTP_201_CREATED)


class ProgrammeLinksView(APIView):
    @extend_schema(operation_id="cases_programmes_list", summary="Aanbod uit de catalogus in het plan (met wachttijd)",
                   responses=s.CaseProgrammeLinkSerializer(many=True))  # fmt: skip
    def get(self, request, case_uuid):
        _, links = selectors.programme_links_list(actor=request.user, case_uuid=case_uuid)
        return Response(s.CaseProgrammeLinkSerializer(links, many=True).data)

    @extend_schema(operation_id="cases_programmes_create", summary="Aanbod koppelen aan een afspraak en/of een doel van het plan",
                   request=s.CaseProgrammeLinkCreateSerializer, responses={201: s.CaseProgrammeLinkSerializer})  # fmt: skip
    @idempotent
    def post(self, request, case_uuid):
        case = selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        data = validated(s.CaseProgrammeLinkCreateSerializer, request.data)
        agreement = None
        if data["agreement"]:
            agreement = case.agreements.filter(uuid=data["agreement"]).first()
            if agreement is None:
                message = gettext("Deze afspraak hoort niet bij deze casus.")
                raise ValidationFailed(message, field_errors={"agreement": [message]})
        goal = data["goal"] - 1 if data["goal"] is not None else None
        link = services.programme_link(
            actor=request.user, case=case, programme_uuid=data["programme"], agreement=agreement,
            goal_index=goal,
        )  # fmt: skip
        link.waiting = aanbod.waiting_time(link.programme)
        return Response(s.CaseProgrammeLinkSerializer(link).data, status=status.HTTP_201_CREATED)


class EscalateView(APIView):
    @extend_schema(operation_id="signals_escalate", summary="Stagnatiesignaal opschalen naar de brandpuntfunctionaris",
                   request=s.EscalateSerializer, responses=s.SignalSerializer)  # fmt: skip
    def post(self, request, signal_uuid):
        signal = selectors.signal_get(actor=request.user, signal_uuid=signal_uuid)
        data = validated(s.EscalateSerializer, request.data)
        signal = services.signal_escalate(actor=request.user, signal=signal, **data)
        return Response(s.SignalSerializer(signal).data)


class DecisionView(APIView):
    @extend_schema(operation_id="cases_decision_create", summary="Besluit van de brandpuntfunctionaris, in het belang van het kind",
                   request=s.DecisionSerializer, responses={201: s.EventSerializer})  # fmt: skip
    @idempotent
    def post(self, request, case_uuid):
        case = selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        services.decision_record_allowed(actor=request.user, case=case)
        data = validated(s.DecisionSerializer, request.data)
        event = services.decision_record(actor=request.user, case=case, text=data["text"])
        return Response(s.EventSerializer(event).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("casussen/", CaseListView.as_view(), name="api-cases"),
    path("casussen/<uuid:case_uuid>/", CaseDetailView.as_view(), name="api-case"),
    path("casussen/<uuid:case_uuid>/sluiten/", CaseCloseView.as_view(), name="api-case-close"),
    path(
        "casussen/<uuid:case_uuid>/gebeurtenissen/",
        CaseEventsView.as_view(),
        name="api-case-events",
    ),
    path(
        "casussen/<uuid:case_uuid>/betrokkenheden/",
        InvolvementsView.as_view(),
        name="api-case-involvements",
    ),
    path(
        "casussen/<uuid:case_uuid>/betrokkenheden/<uuid:involvement_uuid>/beeindigen/",
        InvolvementEndView.as_view(),
        name="api-case-involvement-end",
    ),
    path("casussen/<uuid:case_uuid>/niveau/", LevelView.as_view(), name="api-case-level"),
    path("casussen/<uuid:case_uuid>/crisisprotocol/", CrisisView.as_view(), name="api-case-crisis"),
    path(
        "casussen/<uuid:case_uuid>/coordinatoren/",
        CoordinatorsView.as_view(),
        name="api-case-coordinators",
    ),
    path("casussen/<uuid:case_uuid>/overleggen/", MeetingsView.as_view(), name="api-case-meetings"),
    path(
        "casussen/<uuid:case_uuid>/afspraken/", AgreementsView.as_view(), name="api-case-agreements"
    ),
    path(
        "casussen/<uuid:case_uuid>/aanbod/",
        ProgrammeLinksView.as_view(),
        name="api-case-programmes",
    ),
    path("casussen/<uuid:case_uuid>/besluit/", DecisionView.as_view(), name="api-case-decision"),
    path(
        "overleggen/<uuid:meeting_uuid>/verslag/", MinutesView.as_view(), name="api-meeting-minutes"
    ),
    path(
        "afspraken/<uuid:agreement_uuid>/checkins/",
        CheckInView.as_view(),
        name="api-agreement-checkins",
    ),
    path(
        "signalen/<uuid:signal_uuid>/opschalen/", EscalateView.as_view(), name="api-signal-escalate"
    ),
]
