"""Online questions: the public submission and the advisers' queue."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.api.idempotency import idempotent
from ketenzorg.api.problems import PROBLEM_CONTENT_TYPE as PROBLEM
from ketenzorg.api.problems import problem_response
from ketenzorg.core import requestcontext
from ketenzorg.frontdoor import selectors, services
from ketenzorg.frontdoor.api.common import (
    PAGE_SIZE,
    PROBLEMS,
    PublicView,
    QuestionSubmitThrottle,
    more_help,
)
from ketenzorg.frontdoor.serializers import (
    AnswerSerializer,
    HandOverSerializer,
    MoreHelpResultSerializer,
    MoreHelpSerializer,
    QuestionDetailSerializer,
    QuestionPageSerializer,
    QuestionSubmitSerializer,
    QuestionSubmittedSerializer,
    QueueParams,
)
from ketenzorg.frontdoor.subjects import question_subjects


class QuestionSubmitView(PublicView):
    throttle_classes = [QuestionSubmitThrottle]

    @extend_schema(
        operation_id="frontdoor_questions_submit",
        summary="Een vraag stellen als ouder of jongere (openbaar; beperkt per adres)",
        request=QuestionSubmitSerializer,
        responses={
            201: QuestionSubmittedSerializer,
            (429, PROBLEM): OpenApiResponse(description="te veel vragen vanaf dit adres"),
            **PROBLEMS,
        },
    )
    @idempotent
    def post(self, request):
        serializer = QuestionSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            question = services.question_submit(
                data=services.QuestionInput(
                    topic=data["topic"], text=data["text"], child_age=data["child_age"], consent=data["consent"],
                    email=data["email"], name=data["name"], asker_kind=data["asker_kind"], honeypot=data["website"],
                ),
                address=requestcontext.current().source_address,
            )  # fmt: skip
        except services.RateLimited as exc:
            return problem_response(
                429,
                exc.message,
                instance=request.path,
                headers={"Retry-After": str(exc.retry_after)},
            )
        return Response(
            QuestionSubmittedSerializer(
                {"reference": question.reference, "answer_by_email": bool(question.email)}
            ).data,
            status=status.HTTP_201_CREATED,
        )


# --- the advisers -----------------------------------------------------------------------------


class QuestionQueueView(APIView):
    @extend_schema(
        operation_id="frontdoor_questions_list",
        summary="De wachtrij van online vragen (opvoedadviseurs)",
        parameters=[
            OpenApiParameter("status", str, enum=["nieuw", "opgepakt", "beantwoord", "gesloten"]),
            OpenApiParameter("mine", bool, description="alleen vragen die u behandelt"),
            OpenApiParameter("page", int),
        ],
        responses={200: QuestionPageSerializer, **PROBLEMS},
    )
    def get(self, request):
        selectors.queue_allowed(actor=request.user)
        params = QueueParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        questions, total, _ = selectors.question_queue(
            actor=request.user,
            status=data["status"],
            mine=data["mine"],
            limit=PAGE_SIZE,
            offset=(data["page"] - 1) * PAGE_SIZE,
        )
        return Response(
            QuestionPageSerializer(
                {"count": total, "page": data["page"], "results": questions}
            ).data
        )


class QuestionDetailView(APIView):
    @extend_schema(
        operation_id="frontdoor_questions_retrieve",
        summary="Eén online vraag (opvoedadviseurs; wordt gelogd)",
        responses={200: QuestionDetailSerializer, **PROBLEMS},
    )
    def get(self, request, question_uuid):
        question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
        return Response(QuestionDetailSerializer(question).data)


def _question_response(request, question_uuid):
    question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
    return Response(QuestionDetailSerializer(question).data)


def _question_step(*, operation_id: str, summary: str, step):
    """An API operation for a step without input on one question (pick up, give back, close):
    the question through its guard, the step's service, the question as it is now."""

    class QuestionStepView(APIView):
        @extend_schema(
            operation_id=operation_id,
            summary=summary,
            request=None,
            responses={
                200: QuestionDetailSerializer,
                (409, PROBLEM): OpenApiResponse(description="status laat dit niet toe"),
                **PROBLEMS,
            },
        )
        def post(self, request, question_uuid):
            question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
            step(actor=request.user, question=question)
            return _question_response(request, question_uuid)

    return QuestionStepView


QuestionPickUpView = _question_step(
    operation_id="frontdoor_questions_pick_up",
    summary="Vraag oppakken",
    step=services.question_pick_up,
)
QuestionReleaseView = _question_step(
    operation_id="frontdoor_questions_release",
    summary="Vraag teruggeven aan de wachtrij (alleen wie de vraag heeft)",
    step=services.question_release,
)
QuestionCloseView = _question_step(
    operation_id="frontdoor_questions_close",
    summary="Vraag sluiten (naam en e-mailadres worden verwijderd)",
    step=services.question_close,
)


class QuestionAnswerView(APIView):
    @extend_schema(
        operation_id="frontdoor_questions_answer",
        summary="Vraag beantwoorden (opgeslagen en, met e-mailadres, gemaild)",
        request=AnswerSerializer,
        responses={
            200: QuestionDetailSerializer,
            (409, PROBLEM): OpenApiResponse(description="status laat dit niet toe"),
            **PROBLEMS,
        },
    )
    def post(self, request, question_uuid):
        question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
        serializer = AnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.question_answer(
            actor=request.user, question=question, answer=serializer.validated_data["answer"]
        )
        return _question_response(request, question_uuid)


class QuestionHandOverView(APIView):
    @extend_schema(
        operation_id="frontdoor_questions_hand_over",
        summary="Vraag overdragen aan een collega-opvoedadviseur",
        request=HandOverSerializer,
        responses={
            200: QuestionDetailSerializer,
            (409, PROBLEM): OpenApiResponse(description="status laat dit niet toe"),
            **PROBLEMS,
        },
    )
    def post(self, request, question_uuid):
        question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
        serializer = HandOverSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.question_hand_over(
            actor=request.user, question=question, to_professional_uuid=serializer.validated_data["to"],
            note=serializer.validated_data["note"],
        )  # fmt: skip
        return _question_response(request, question_uuid)


class QuestionMoreHelpView(APIView):
    @extend_schema(
        operation_id="frontdoor_questions_more_help",
        summary="Meer hulp regelen: gezin registreren (u wordt betrokken) en de casus openen",
        request=MoreHelpSerializer,
        responses={
            201: MoreHelpResultSerializer,
            (409, PROBLEM): OpenApiResponse(description="status laat dit niet toe"),
            **PROBLEMS,
        },
    )
    @idempotent
    def post(self, request, question_uuid):
        question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
        return more_help(
            request,
            source=question,
            object_type="frontdoor.Question",
            subjects=question_subjects(question),
            arrange=lambda data: services.question_more_help(
                actor=request.user, question=question, data=data
            ),
        )
